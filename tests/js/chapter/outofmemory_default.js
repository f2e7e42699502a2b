// node-flags: --max-old-space-size=1200
// stress: --gc-interval=100
// Chapter 5.1.2 / 5.3.1 outofmemory.js with the default limit: V8 3.x's old space holds 1400 MB,
// so after 8 arrays of 160 MB (~1284 MB) the 9th allocation fails and the process aborts:
// 9 lines, then "FATAL ERROR: Reached heap limit ..." on stderr and status 134 (SIGABRT).
// node 20 sizes its default heap from the machine's RAM and only fails the allocation after
// the one that crossed the limit, so the runner passes it --max-old-space-size=1200 (see the
// node-flags line), which gives the same 9 lines.
var MB = 1024 * 1024;
var base = process.memoryUsage().heapUsed;
var showMem = function (arrays) {
  var mem = process.memoryUsage();
  var grown = (mem.heapUsed - base) / MB;
  console.log('arrays: ' + arrays + ', heapUsed grew by ' + arrays + ' x 150-170 MB: ' +
    (grown >= arrays * 150 - 1 && grown <= arrays * 170 + 16)); // -1: a GC may free startup garbage
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
console.log('not reached');
