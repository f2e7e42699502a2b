// loop: integer arithmetic, comparisons and bit operations in a hot loop inside a function.
function run(n) {
  var acc = 0;
  for (var i = 0; i < n; i++) {
    var x = (i * 7 + 3) % 1000;
    if ((x & 1) === 0) acc += x >> 1;
    else acc -= x ^ 5;
    acc = acc | 0;
  }
  return acc;
}
console.log(run(20000000));
