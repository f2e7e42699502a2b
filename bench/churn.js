// churn: many short-lived objects and arrays (a scavenger workload): only a small window
// of recent objects stays alive.
function run(n) {
  var window = new Array(64);
  var check = 0;
  for (var i = 0; i < n; i++) {
    var o = { id: i, pair: [i, i + 1], tag: i & 7 };
    window[i & 63] = o;
    check = (check + o.pair[1] - o.tag) % 1000003;
  }
  for (var k = 0; k < 64; k++) check = (check + window[k].id) % 1000003;
  return check;
}
console.log(run(3000000));
