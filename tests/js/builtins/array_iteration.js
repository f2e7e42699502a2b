// Iteration methods: forEach, map, filter, some, every, reduce, reduceRight; callback
// arguments, thisArg, holes skipped, reduce without initial value and on empty arrays.
var a = [1, 2, 3, 4];
var seen = [];
a.forEach(function (v, i, arr) { seen.push(v + '@' + i + (arr === a ? '' : '!')); });
console.log(seen.join(' '));
console.log(a.map(function (v) { return v * v; }), a.filter(function (v) { return v % 2; }));
console.log(a.some(function (v) { return v > 3; }), a.some(function (v) { return v > 4; }), [].some(Boolean));
console.log(a.every(function (v) { return v > 0; }), a.every(function (v) { return v > 1; }), [].every(Boolean));
console.log(a.reduce(function (s, v) { return s + v; }), a.reduce(function (s, v) { return s + v; }, 10));
console.log(a.reduceRight(function (s, v) { return s + v; }, ''), ['a', 'b', 'c'].reduceRight(function (s, v) { return s + v; }));
try { [].reduce(function () {}); } catch (e) { console.log(e.name, e.message); }
console.log([5].reduce(function () { return 'not called'; }), [].reduce(function () {}, 'init'));
var holes = [1, , 3];
var visited = 0;
holes.forEach(function () { visited++; });
console.log(visited, holes.map(function (v) { return v * 2; }), holes.filter(function () { return true; }).length);
var ctx = { mult: 3 };
console.log([1, 2].map(function (v) { return v * this.mult; }, ctx));
var grow = [1, 2];
grow.forEach(function (v) { if (grow.length < 5) grow.push(v); });
console.log(grow);
var idx = [];
['x', 'y'].map(function (v, i) { idx.push(i); });
console.log(idx);
console.log(['1', '2', '3'].map(Number), ['a', '', 'b'].filter(Boolean));
