// usage.js: the demo `make run` shows. Chapter 5.1.3 / 5.3.1: process.memoryUsage(),
// os.totalmem()/freemem() and v8.getHeapStatistics(), then a 64 MB array is allocated and
// dropped to watch heapUsed move. Figures differ per run and engine.
//   minijs examples/usage.js                (add --expose-gc to see the drop at once)
var os = require('os');
var v8 = require('v8');

var MB = 1024 * 1024;
var format = function (bytes) {
  return (bytes / MB).toFixed(2) + ' MB';
};
var showMem = function (label) {
  var mem = process.memoryUsage();
  console.log(label + ': heapTotal ' + format(mem.heapTotal) + ' heapUsed ' + format(mem.heapUsed) +
    ' rss ' + format(mem.rss));
};

console.log('process.memoryUsage() =', process.memoryUsage());
console.log('os.totalmem() = ' + os.totalmem() + ' (' + format(os.totalmem()) + ')');
console.log('os.freemem()  = ' + os.freemem() + ' (' + format(os.freemem()) + ')');
var hs = v8.getHeapStatistics();
console.log('heap_size_limit = ' + format(hs.heap_size_limit) +
  ' (old space limit + new space; change it with --max-old-space-size=MB)');
console.log('----------------------------------------------');

showMem('start');
var big = new Array(8 * MB);
for (var i = 0; i < big.length; i++) big[i] = 0;
showMem('after new Array(8M) filled with 0 (8 bytes a slot: +64 MB)');
big = null;
if (typeof gc === 'function') {
  gc();
  showMem('after big = null and gc()');
} else {
  for (var j = 0; j < 200000; j++) var junk = { j: j };
  showMem('after big = null (freed at the next full GC; run with --expose-gc to force one)');
}
