// flags: --expose-gc
// stress: --gc-interval=100 --verify-heap
// Chapter 5.4.1: memoize caches every result by its argument and never forgets one, so
// many distinct arguments grow the heap; memoizing through a bounded cache does not.
var m = require('./lib/measure');
var N = 20000;
var memoize = function (func) {
  var memo = {};
  return function (key) {
    return Object.prototype.hasOwnProperty.call(memo, key) ? memo[key] : (memo[key] = func.apply(this, arguments));
  };
};
var square = function (n) { return { n: n, sq: n * n, label: 'square of ' + n }; };
var fast = memoize(square);
var base = m.used();
for (var i = 0; i < N; i++) fast(i);
console.log('same result object for a repeated argument:', fast(7) === fast(7), fast(12).sq);
console.log('memoize kept', N, 'results; grew by more than 1 MB:', m.used() - base > 1 * m.MB);
fast = null;
console.log('dropping the memoized function frees its memo (< 0.5 MB above start):', m.used() - base < 0.5 * m.MB);

var boundedMemoize = function (func, limit) {
  var memo = new Map();
  return function (key) {
    if (memo.has(key)) return memo.get(key);
    var value = func(key);
    if (memo.size === limit) memo.delete(memo.keys().next().value);
    memo.set(key, value);
    return value;
  };
};
var bounded = boundedMemoize(square, 100);
base = m.used();
for (var j = 0; j < N; j++) bounded(j);
console.log('bounded memoize grew by less than 0.5 MB:', m.used() - base < 0.5 * m.MB, bounded(N - 1).sq);
