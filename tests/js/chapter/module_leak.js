// flags: --expose-gc
// stress: --gc-interval=100 --verify-heap
// Chapter 5.4.1: a module's top-level array survives as long as the module cache holds the
// module; each leak() call grows it, from every requirer. The fix is an interface to clear it.
var m = require('./lib/measure');
var N = 100000;
var leaker = require('./lib/leak');
var base = m.used();
for (var i = 0; i < N; i++) leaker.leak();
console.log('after', N, 'calls the array holds', leaker.size(), 'strings; grew by more than 2 MB:', m.used() - base > 2 * m.MB);
var again = require('./lib/leak');
again.leak();
console.log('require returns the cached module:', again === leaker, 'size now', leaker.size());
leaker = null;
again = null;
console.log('dropping our references does not free it (module cache):', m.used() - base > 2 * m.MB);
require('./lib/leak').clear();
console.log('clear() frees it (< 1 MB above start):', m.used() - base < 1 * m.MB, require('./lib/leak').size());
