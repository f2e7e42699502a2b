// flags: --expose-gc
// stress: --gc-interval=20 --verify-heap
// gc() exists under --expose-gc, returns undefined, can run repeatedly, and frees garbage:
// heapUsed after gc() is not larger than before a burst of garbage plus a little slack.
console.log(typeof gc, gc(), gc.length);
gc();
var before = process.memoryUsage().heapUsed;
for (var i = 0; i < 20000; i++) var junk = { i: i, arr: [i, i] };
gc();
gc();
var after = process.memoryUsage().heapUsed;
console.log('garbage collected:', after - before < 512 * 1024);
