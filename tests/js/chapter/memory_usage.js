// Chapter 5.1.3 / 5.3.1: process.memoryUsage() and os.totalmem()/freemem(). The figures vary
// between runs and engines, so only their shape and relations are printed.
var os = require('os');
var mem = process.memoryUsage();
console.log('keys:', Object.keys(mem).join(', '));
console.log('heapTotal and heapUsed are byte counts:', Number.isInteger(mem.heapTotal) && Number.isInteger(mem.heapUsed));
console.log('heapUsed <= heapTotal:', mem.heapUsed <= mem.heapTotal);
console.log('heap is less than rss (rss also holds code and stacks):', mem.heapUsed < mem.rss);
console.log('a fresh heap uses under 64 MB:', mem.heapUsed < 64 * 1048576);
console.log('os.totalmem() > os.freemem() > 0:', os.totalmem() > os.freemem() && os.freemem() > 0);
console.log('rss < os.totalmem():', mem.rss < os.totalmem());
