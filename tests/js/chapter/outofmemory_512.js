// flags: --max-old-space-size=512
// node-flags: --max-old-space-size=400
// stress: --gc-interval=100
// Chapter 5.1.2: --max-old-space-size=512 lowers the limit: 3 arrays of 160 MB (480 MB) fit,
// the 4th allocation fails: 4 lines, then the fatal out-of-memory error and status 134.
// node 20 fails only the allocation after the one that crosses its limit, hence its 400.
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
