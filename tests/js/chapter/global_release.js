// flags: --expose-gc
// stress: --gc-interval=100 --verify-heap
// Chapter 5.2.1 "releasing variables": a global keeps its object alive until the reference is
// removed, with delete (global.foo) or by assigning undefined/null; module-level variables too.
var m = require('./lib/measure');
var base = m.used();
global.foo = m.makeBig();
console.log('global.foo holds the array (> 12 MB):', m.used() - base > 12 * m.MB);
console.log('delete global.foo:', delete global.foo);
console.log('released after delete:', m.used() - base < 2 * m.MB, typeof global.foo);
global.foo = m.makeBig();
console.log('assigned again (> 12 MB):', m.used() - base > 12 * m.MB);
global.foo = undefined;
console.log('released after global.foo = undefined:', m.used() - base < 2 * m.MB, global.foo);
implicitGlobal = m.makeBig();
console.log('undeclared assignment keeps it (> 12 MB):', m.used() - base > 12 * m.MB);
implicitGlobal = null;
console.log('released after = null:', m.used() - base < 2 * m.MB);
var moduleLevel = m.makeBig();
console.log('module-level var keeps it (> 12 MB):', m.used() - base > 12 * m.MB, moduleLevel.length);
moduleLevel = null;
console.log('released after = null:', m.used() - base < 2 * m.MB);
