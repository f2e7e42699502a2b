// cache.js: chapter 5.4.1. An object used as a cache never forgets, so it grows with the
// number of keys; the chapter's LimitableMap (typos fixed) evicts the oldest key instead.
//   minijs --expose-gc examples/cache.js
var heap = function () {
  if (typeof gc === 'function') gc();
  return (process.memoryUsage().heapUsed / 1048576).toFixed(2) + ' MB';
};
var makeValue = function (i) {
  var v = new Array(32);
  for (var k = 0; k < 32; k++) v[k] = i + k;
  return v;
};

var cache = {};
var get = function (key) {
  if (cache[key]) return cache[key];
  return (cache[key] = makeValue(key.length));
};

var LimitableMap = function (limit) {
  this.limit = limit || 10;
  this.map = {};
  this.keys = [];
};
var hasOwnProperty = Object.prototype.hasOwnProperty;
LimitableMap.prototype.set = function (key, value) {
  var map = this.map;
  var keys = this.keys;
  if (!hasOwnProperty.call(map, key)) {
    if (keys.length === this.limit) {
      var firstKey = keys.shift();
      delete map[firstKey];
    }
    keys.push(key);
  }
  map[key] = value;
};
LimitableMap.prototype.get = function (key) {
  return this.map[key];
};

var limited = new LimitableMap(1000);
console.log('start:', heap());
for (var round = 1; round <= 5; round++) {
  for (var i = 0; i < 20000; i++) {
    var key = 'key' + round + '_' + i;
    get(key);
    limited.set(key, makeValue(i));
  }
  console.log('after ' + round * 20000 + ' keys: heapUsed ' + heap() + ' (plain cache: ' +
    Object.keys(cache).length + ' keys, LimitableMap: ' + limited.keys.length + ' keys)');
}
cache = {};
console.log('after cache = {}:', heap());
