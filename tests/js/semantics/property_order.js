// Own property order: array-index keys ascending, then string keys in insertion order
// (symbols last, not listed by keys); deletion and re-adding moves a key to the end.
var o = {};
o.b = 1; o[2] = 1; o.a = 1; o[1] = 1; o['10'] = 1; o[-1] = 1; o['01'] = 1; o[1.5] = 1;
o[4294967294] = 1; o[4294967295] = 1;
console.log(Object.keys(o).join(' '));
var keys = [];
for (var k in o) keys.push(k);
console.log(keys.join(' '));
delete o.b;
o.b = 2;
console.log(Object.keys(o).join(' '));
console.log(JSON.stringify({ z: 1, 3: 1, y: 1, 0: 1 }));
var child = Object.create({ inheritedB: 1, 0: 'p' });
child.own = 1; child[5] = 1;
var all = [];
for (var key in child) all.push(key);
console.log(all.join(' '));
var arr = ['x', 'y'];
arr.extra = 1;
console.log(Object.keys(arr).join(' '));
console.log(Object.getOwnPropertyNames('ab').join(' '));
console.log(Object.getOwnPropertyNames([1]).join(' '));
