// flags: --expose-gc
// ArrayBuffer bytes are off-heap: counted in memoryUsage().external/arrayBuffers, not
// heapUsed, and released when the GC finds the buffers dead.
function alloc() {
  const keep = [];
  for (let i = 0; i < 100; i++) keep.push(new ArrayBuffer(1024 * 1024));
  return process.memoryUsage();
}
gc();
const before = process.memoryUsage();
const during = alloc();
console.log('external grew >= 100 MB:', during.external - before.external >= 99 * 1024 * 1024);
console.log('arrayBuffers grew >= 100 MB:', during.arrayBuffers - before.arrayBuffers >= 99 * 1024 * 1024);
console.log('heapUsed grew < 10 MB:', during.heapUsed - before.heapUsed < 10 * 1024 * 1024);
gc();
gc();
gc();
const after = process.memoryUsage();
console.log('external fell back:', during.external - after.external >= 99 * 1024 * 1024);
console.log('arrayBuffers fell back:', after.arrayBuffers - before.arrayBuffers < 1024 * 1024);
