// Built-in modules: os (totalmem, freemem, EOL, platform) and v8 (getHeapStatistics keys in
// node's order, numbers); require('os') twice returns the same object.
var os = require('os');
console.log(os === require('os'), typeof os.totalmem, os.totalmem() > 0, os.freemem() > 0, os.freemem() <= os.totalmem());
console.log(JSON.stringify(os.EOL), os.platform());
var v8 = require('v8');
var hs = v8.getHeapStatistics();
console.log(Object.keys(hs));
console.log(Object.keys(hs).every(function (k) { return typeof hs[k] === 'number'; }));
console.log(hs.used_heap_size <= hs.total_heap_size, hs.total_heap_size <= hs.heap_size_limit);
console.log(typeof require('node:os').totalmem, require('node:os') === os);
