// Default parameters (evaluated per call, can see earlier params) and rest parameters.
function f(a, b = 2, c = a + b) { return [a, b, c].join(','); }
console.log(f(1), f(1, 5), f(1, undefined, 0), f(1, null));
var count = 0;
function g(x = ++count) { return x; }
console.log(g(), g(), g(10), count);
function r(first, ...rest) { return first + ':' + rest.length + ':' + rest.join('|'); }
console.log(r(1), r(1, 2), r(1, 2, 3, 4));
console.log(Array.isArray((function (...a) { return a; })()));
console.log(f.length, g.length, r.length, (function (a, b) {}).length);
function h(a, b = {}) { b.k = a; return b; }
console.log(h(1) === h(1));
