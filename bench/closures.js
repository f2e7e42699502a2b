// closures: creating closures that capture loop variables and calling them; a context per
// iteration, mostly short-lived.
function makeAdder(n) { return function (x) { return x + n; }; }
function run(n) {
  var acc = 0;
  for (var i = 0; i < n; i++) {
    var add = makeAdder(i & 255);
    var twice = function (x) { return add(add(x)); };
    acc = (acc + twice(i)) % 1000003;
  }
  return acc;
}
console.log(run(3000000));
