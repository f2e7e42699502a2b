// flags: --expose-gc
// stress: --gc-interval=100 --verify-heap
// Chapter 5.2.2: a returned closure keeps the scope it captured alive (here a 16 MB array)
// for as long as the closure itself is referenced; dropping the closure frees the scope.
// Only variables a closure uses are kept: a closure that does not name the array lets it go.
var m = require('./lib/measure');
var base = m.used();
var bar = function () {
  var local = m.makeBig();
  return function () {
    return local.length;
  };
};
var baz = bar();
console.log('baz() =', baz());
console.log('the closure keeps its scope alive (> 12 MB):', m.used() - base > 12 * m.MB);
baz = null;
console.log('dropping the closure frees it (< 2 MB):', m.used() - base < 2 * m.MB);
var qux = (function () {
  var big = m.makeBig();
  var n = big.length;
  return function () { return n; };
})();
console.log('qux() =', qux(), '; array not captured, freed (< 2 MB):', m.used() - base < 2 * m.MB);
var holders = [];
for (var i = 0; i < 3; i++) holders.push(bar());
console.log('three closures keep three arrays (> 40 MB):', m.used() - base > 40 * m.MB);
holders.length = 0;
console.log('all freed (< 2 MB):', m.used() - base < 2 * m.MB);
var foo = function () {
  var local = 'local variable';
  (function () {
    console.log('inner function reads:', local);
  })();
};
foo();
