// Closure contexts under GC: many closures created and dropped, and a few kept whose
// captured variables are checked after collections.
var kept = [];
for (var i = 0; i < 3000; i++) {
  var f = (function (x) { var local = [x, x * 2]; return function () { return local[1] - x; }; })(i);
  if (i % 300 === 0) kept.push(f);
}
console.log(kept.length, kept.map(function (g) { return g(); }).join(','));
function counter() { var c = 0; return function () { return ++c; }; }
var c = counter();
for (var j = 0; j < 2000; j++) { c(); var tmp = { j: j }; }
console.log(c());
