// outofmemory.js: chapter 5.3.1. Keeps 15 arrays of 20*1024*1024 elements (160 MB each on a
// V8-like heap) alive. With the default old-space limit (1400 MB, as in V8 3.x) the heap fills
// after 8 arrays and the process dies with
//   FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
// (status 134). Raise the limit and all 15 fit:
//   minijs --max-old-space-size=3000 examples/outofmemory.js
// (node 20 sizes its default limit from the machine's RAM, so it may get further.)
var showMem = function () {
  var mem = process.memoryUsage();
  var format = function (bytes) {
    return (bytes / 1024 / 1024).toFixed(2) + ' MB';
  };
  console.log('Process: heapTotal ' + format(mem.heapTotal) + ' heapUsed ' + format(mem.heapUsed) +
    ' rss ' + format(mem.rss));
  console.log('-----------------------------------------------------------');
};

var useMem = function () {
  var size = 20 * 1024 * 1024;
  var arr = new Array(size);
  for (var i = 0; i < size; i++) {
    arr[i] = 0;
  }
  return arr;
};

var total = [];

for (var j = 0; j < 15; j++) {
  showMem();
  total.push(useMem());
}
showMem();
