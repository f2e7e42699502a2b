// flags: --expose-gc
// stress: --gc-interval=100 --verify-heap
// Property names made at run time ('k' + i) are interned, but the table of interned strings
// must not keep them alive (V8's string table is weak): after the object using 100000 such
// keys is dropped, a full GC returns heapUsed to within 2 MB of where it started.
function used() { gc(); gc(); return process.memoryUsage().heapUsed; }
var base = used();
var o = {};
for (var i = 0; i < 100000; i++) o['k' + i] = i;
console.log('keys:', Object.keys(o).length, 'grew:', used() - base > 2 * 1048576);
o = null;
console.log('interned keys freed with their object:', used() - base < 2 * 1048576);
var m = new Map();
for (var j = 0; j < 50000; j++) m.set('m' + j, j);
m = null;
console.log('map keys freed:', used() - base < 2 * 1048576);
