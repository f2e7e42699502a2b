// flags: --expose-gc
// stress: --gc-interval=100 --verify-heap
// Chapter 5.4.1: an object used as a cache keeps every entry alive and grows without bound;
// a cache with a size limit (the chapter's LimitableMap, with its typos fixed) stays flat.
var m = require('./lib/measure');
var N = 20000;
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
var base = m.used();
for (var i = 0; i < N; i++) get('key' + i);
console.log('unbounded cache holds', Object.keys(cache).length, 'entries; grew by more than 4 MB:', m.used() - base > 4 * m.MB);
cache = {};
console.log('replacing the cache object frees them (< 2 MB above start):', m.used() - base < 2 * m.MB);

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
var limited = new LimitableMap(100);
base = m.used();
for (var j = 0; j < N; j++) limited.set('key' + j, makeValue(j));
console.log('LimitableMap(100) keeps', limited.keys.length, 'entries; grew by less than 2 MB:', m.used() - base < 2 * m.MB);
console.log('oldest kept:', limited.keys[0], 'evicted:', limited.get('key0'), 'newest:', limited.get('key' + (N - 1))[0]);
