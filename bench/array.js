// array: push into growing arrays, indexed reads and writes, length checks.
function run(rounds) {
  var check = 0;
  for (var r = 0; r < rounds; r++) {
    var a = [];
    for (var i = 0; i < 10000; i++) a.push(i ^ r);
    for (var j = 1; j < a.length; j++) a[j] = (a[j] + a[j - 1]) & 0xffff;
    check = (check + a[a.length - 1]) % 1000003;
  }
  return check;
}
console.log(run(600));
