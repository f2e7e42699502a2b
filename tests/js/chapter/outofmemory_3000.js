// flags: --max-old-space-size=3000
// stress: --gc-interval=100
// Chapter 5.3.1 outofmemory.js with the limit raised to 3000 MB: all 15 arrays of
// 20*1024*1024 elements (8 bytes each: 160 MB) fit, and each one adds ~160 MB to heapUsed.
var MB = 1024 * 1024;
var base = process.memoryUsage().heapUsed;
var last = base;
var showMem = function (arrays) {
  var mem = process.memoryUsage();
  var step = (mem.heapUsed - last) / MB;
  last = mem.heapUsed;
  console.log('arrays: ' + arrays +
    (arrays === 0 ? '' : ', heapUsed grew by 150-170 MB: ' + (step >= 150 && step <= 170)) +
    ', heapUsed <= heapTotal: ' + (mem.heapUsed <= mem.heapTotal) +
    ', heapUsed <= rss: ' + (mem.heapUsed <= mem.rss));
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
  showMem(j);
  total.push(useMem());
}
showMem(15);
var grown = (process.memoryUsage().heapUsed - base) / MB;
console.log('finished all 15; heapUsed grew by 15 x 150-170 MB:', grown >= 15 * 150 && grown <= 15 * 170);
