// Fixture shared by the chapter tests: heapUsed after full collections, and a 16 MB array.
exports.MB = 1024 * 1024;
// Two collections, so that anything freed by the first one's clean-up is gone too.
exports.used = function () {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
// 2M small integers: 16 MB of elements on a V8-like heap (8 bytes per slot).
exports.makeBig = function () {
  var size = 2 * 1024 * 1024;
  var arr = new Array(size);
  for (var i = 0; i < size; i++) arr[i] = i;
  return arr;
};
// A fresh 1 MB block (131072 small integers). The chapter's 1 MB string,
// new Array(1000000).join('*'), is not used: node 20 builds it as a rope that shares its
// pieces (~0.4 MB), which would blur the numbers.
exports.makeMB = function (seed) {
  var size = 128 * 1024;
  var arr = new Array(size);
  for (var i = 0; i < size; i++) arr[i] = seed;
  return arr;
};
