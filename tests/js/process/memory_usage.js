// flags: --expose-gc
// process.memoryUsage(): node's keys in order, all non-negative integers, heapUsed <= heapTotal,
// heapUsed < rss; process.memoryUsage.rss() exists as in node 20.
var m = process.memoryUsage();
console.log(Object.keys(m));
Object.keys(m).forEach(function (k) {
  console.log(k, typeof m[k], Number.isInteger(m[k]) && m[k] >= 0);
});
console.log('heapUsed <= heapTotal:', m.heapUsed <= m.heapTotal);
console.log('heapUsed < rss:', m.heapUsed < m.rss);
console.log('arrayBuffers <= external:', m.arrayBuffers <= m.external);
console.log('rss():', typeof process.memoryUsage.rss(), process.memoryUsage.rss() > 0);
gc();
var before = process.memoryUsage().heapUsed;
var keep = [];
for (var i = 0; i < 1000; i++) keep.push({ i: i, s: 'item ' + i });
gc();
console.log("heapUsed grew after gc():", process.memoryUsage().heapUsed > before, keep.length);
