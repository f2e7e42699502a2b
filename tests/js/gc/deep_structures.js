// Deep chains must not overflow the collector's marking: a 100000-node linked list and a
// deeply nested array are kept alive across collections and walked iteratively.
// stress: --gc-interval=100 --verify-heap
var list = null;
for (var i = 0; i < 100000; i++) list = { v: i, next: list };
var nested = [];
var cur = nested;
for (var j = 0; j < 50000; j++) { var next = []; cur.push(next); cur = next; }
for (var k = 0; k < 20000; k++) var junk = { k: k };
var n = 0;
for (var p = list; p; p = p.next) n++;
var depth = 0;
for (var q = nested; q.length; q = q[0]) depth++;
console.log(n, depth);
