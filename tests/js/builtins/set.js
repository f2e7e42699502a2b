// Set: uniqueness with SameValueZero, insertion order, add chaining, delete, has, clear,
// iteration, construction from arrays and strings.
var s = new Set([1, 2, 2, '2', NaN, NaN, 0, -0]);
console.log(s.size, s.has(2), s.has('2'), s.has(NaN), s.has(-0), s.has(3));
s.add(3).add(1);
var out = [];
s.forEach(function (v, v2, set) { out.push(String(v) + (v === v2 || v !== v ? '' : '!')); });
console.log(out.join(' '));
console.log(s.delete(2), s.delete(2), s.size);
var o = {};
var objs = new Set([o, o, {}]);
console.log(objs.size, objs.has(o), objs.has({}));
console.log(Array.from(new Set('mississippi')).join(''), [...new Set([3, 1, 3])]);
var iter = [];
for (var v of new Set(['b', 'a'])) iter.push(v);
for (var e of new Set(['x']).entries()) iter.push(e.join('='));
console.log(iter.join(' '));
s.clear();
console.log(s.size, s.has(1));
var many = new Set();
for (var i = 0; i < 500; i++) many.add(i % 100);
console.log(many.size);
console.log(Object.prototype.toString.call(many), many instanceof Set, typeof Set.prototype.add);
