// Object identity survives moving collections: objects as Map keys and Set members,
// === on references kept in different structures, and WeakMap-free lookups.
var objs = [];
var m = new Map();
var set = new Set();
for (var i = 0; i < 2000; i++) {
  var o = { i: i };
  objs.push(o);
  m.set(o, i * 3);
  if (i % 2) set.add(o);
  var garbage = [i, { i: i }];
}
var hits = 0;
for (var j = 0; j < objs.length; j++) if (m.get(objs[j]) === j * 3) hits++;
var members = 0;
for (var k = 0; k < objs.length; k++) if (set.has(objs[k])) members++;
console.log(hits, members, m.get({ i: 0 }), set.has({ i: 1 }));
var fnKey = function () {};
m.set(fnKey, 'fn');
for (var n = 0; n < 2000; n++) garbage = { n: n };
console.log(m.get(fnKey), m.size);
