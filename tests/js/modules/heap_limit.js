// flags: --max-old-space-size=256
// heap_size_limit is the old-space limit plus the young generation (node 20: 256 + 48 =
// 304 MB; V8 3.x-style minijs: 256 + 4 x 16 = 320 MB), so check a range, not a value.
var v8 = require('v8');
var limit = v8.getHeapStatistics().heap_size_limit;
var mb = limit / 1048576;
console.log('heap_size_limit between 256 and 330 MB:', mb >= 256 && mb <= 330);
console.log('total_available_size below the limit:', v8.getHeapStatistics().total_available_size < limit);
var def = require('v8').getHeapStatistics();
console.log('used <= total:', def.used_heap_size <= def.total_heap_size);
