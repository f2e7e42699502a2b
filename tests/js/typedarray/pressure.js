// stress: --gc-interval=1000 --verify-heap
// 2 GB of buffers allocated with at most one live: external memory pressure must make the GC
// free the dead ones long before the process runs out of memory.
let peak = 0;
for (let i = 0; i < 256; i++) {
  const b = new Uint8Array(8 * 1024 * 1024);
  b[i] = 1;
  peak = Math.max(peak, process.memoryUsage().arrayBuffers);
}
console.log('peak below 256 MB:', peak < 256 * 1024 * 1024);
