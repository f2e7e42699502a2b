// flags: --expose-gc
// stress: --gc-interval=100 --verify-heap
// Chapter 5.2.1: a function's local variables die with its scope. While foo() runs, its local
// 16 MB array is reachable; after foo() returns, the next full GC reclaims it.
var m = require('./lib/measure');
var base = m.used();
var duringFoo = 0;
var foo = function () {
  var local = m.makeBig();
  duringFoo = m.used() - base;
  return local.length;
};
console.log('foo() returned', foo());
console.log('while foo ran, its local array was alive (> 12 MB):', duringFoo > 12 * m.MB);
console.log('after foo returned, gc() brings heapUsed back within 2 MB of the start:', m.used() - base < 2 * m.MB);
var calls = 0;
for (var i = 0; i < 5; i++) calls += foo() > 0 ? 1 : 0;
console.log('five more calls, still back within 2 MB:', calls, m.used() - base < 2 * m.MB);
