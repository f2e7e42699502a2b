// offheap.js: chapter 5.3.2. The same loop with 200 MB Buffers instead of arrays: Buffer
// memory lives outside the V8-style heap, so heapTotal/heapUsed barely move while rss grows
// far past the heap limit (needs ~3 GB of RAM). Buffer.alloc replaces the book's new Buffer.
if (typeof Buffer === 'undefined') {
  console.log('this engine has no Buffer yet');
  process.exit(0);
}
var showMem = function () {
  var mem = process.memoryUsage();
  var format = function (bytes) {
    return (bytes / 1024 / 1024).toFixed(2) + ' MB';
  };
  console.log('Process: heapTotal ' + format(mem.heapTotal) + ' heapUsed ' + format(mem.heapUsed) +
    ' rss ' + format(mem.rss) + ' external ' + format(mem.external));
};
var useMem = function () {
  var size = 200 * 1024 * 1024;
  var buffer = Buffer.alloc(size);
  for (var i = 0; i < size; i += 4096) {
    buffer[i] = 1;
  }
  return buffer;
};
var total = [];
for (var j = 0; j < 15; j++) {
  showMem();
  total.push(useMem());
}
showMem();
