// The arguments object: length, indexing, extra and missing arguments, mapping to named
// parameters in sloppy code, no mapping in strict code, conversion to an array.
function f(a, b) { return [arguments.length, arguments[0], arguments[2], typeof arguments].join(); }
console.log(f(), f(1), f(1, 2, 3));
function mapped(a) { arguments[0] = 'changed'; return a; }
function mapped2(a) { a = 'param'; return arguments[0]; }
function unmapped(a) { 'use strict'; arguments[0] = 'changed'; return a; }
console.log(mapped('orig'), mapped2('orig'), unmapped('orig'));
function toArray() { return Array.prototype.slice.call(arguments); }
var arr = toArray(1, 2, 3);
console.log(Array.isArray(arr), arr.join('-'));
function notArray() { return Array.isArray(arguments) + ' ' + Object.prototype.toString.call(arguments); }
console.log(notArray());
function callee() { return arguments.callee === callee; }
console.log(callee());
function sum() { var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; }
console.log(sum(1, 2, 3, 4), sum.apply(null, [10, 20]));
function len() { arguments.length = 1; return Array.prototype.join.call(arguments, '+'); }
console.log(len(7, 8, 9));
function keys() { return Object.keys(arguments).join(); }
console.log(keys('x', 'y'));
