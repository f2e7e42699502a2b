// Function declarations and expressions: length, name, nested, IIFE forms, recursion via
// named expressions, functions as values, return without value.
function add(a, b) { return a + b; }
var sub = function (a, b) { return a - b; };
var fact = function f(n) { return n <= 1 ? 1 : n * f(n - 1); };
console.log(add(1, 2), sub(5, 3), fact(10));
console.log(add.length, add.name, sub.name, fact.name);
(function () { console.log('iife 1'); })();
(function () { console.log('iife 2'); }());
!function () { console.log('iife 3'); }();
void function () { console.log('iife 4'); }();
function noReturn() {}
function emptyReturn() { return; }
console.log(noReturn(), emptyReturn());
function apply(fn, x) { return fn(x); }
console.log(apply(function (v) { return v * v; }, 9));
function outer() { function inner() { return 'inner'; } return inner(); }
console.log(outer());
console.log(typeof function () {}, (function () {}) instanceof Function);
var arity = function (a, b, c) { return arguments.length; };
console.log(arity(), arity(1), arity(1, 2, 3, 4));
