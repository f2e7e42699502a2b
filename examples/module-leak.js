// module-leak.js: chapter 5.4.1. Calls a cached module's leak() in rounds; heapUsed grows
// until the module's clear() is called.
//   minijs --expose-gc examples/module-leak.js
var heap = function () {
  if (typeof gc === 'function') gc();
  return (process.memoryUsage().heapUsed / 1048576).toFixed(2) + ' MB';
};
var leaker = require('./lib/leak');
console.log('start:', heap());
for (var round = 1; round <= 5; round++) {
  for (var i = 0; i < 100000; i++) require('./lib/leak').leak();
  console.log(leaker.size() + ' strings in the module: heapUsed ' + heap());
}
leaker.clear();
console.log('after clear():', heap());
