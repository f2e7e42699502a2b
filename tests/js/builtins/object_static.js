// Object.* static functions of ES5 and ES2015-2017.
var o = { a: 1, b: 'two' };
console.log(Object.keys(o), Object.values(o), Object.entries(o));
console.log(Object.getOwnPropertyNames(o), Object.keys([5, 6]), Object.keys('hi'));
var target = { a: 0 };
var ret = Object.assign(target, { a: 1, b: 2 }, null, { c: 3 });
console.log(ret === target, target);
var proto = { inherited: true };
var c = Object.create(proto, { own: { value: 'v', enumerable: true }, hidden: { value: 'h' } });
console.log(Object.keys(c), c.hidden, c.inherited, Object.getPrototypeOf(c) === proto);
var d = {};
Object.defineProperty(d, 'x', { value: 1, writable: false, enumerable: false, configurable: false });
d.x = 2;
console.log(d.x, Object.keys(d), Object.getOwnPropertyDescriptor(d, 'x'));
Object.defineProperties(d, { y: { value: 2, enumerable: true }, z: { get: function () { return 'zz'; }, enumerable: true } });
console.log(d.y, d.z, Object.keys(d));
console.log(Object.getOwnPropertyDescriptor({ p: 1 }, 'p'), Object.getOwnPropertyDescriptor({}, 'none'));
var f = Object.freeze({ k: 1, inner: { m: 1 } });
f.k = 2; f.newProp = 1; f.inner.m = 2;
console.log(f.k, f.newProp, f.inner.m, Object.isFrozen(f), Object.isFrozen({}), Object.isFrozen(Object.freeze([])));
var s = Object.seal({ k: 1 });
s.k = 2; s.n = 1; delete s.k;
console.log(s.k, s.n, Object.isSealed(s), Object.isExtensible(s));
var p = Object.preventExtensions({ k: 1 });
p.n = 1; delete p.k;
console.log(p.n, p.k, Object.isExtensible(p), Object.isSealed(p));
console.log(Object.is(NaN, NaN), Object.is(0, -0), Object.is('a', 'a'), Object.is({}, {}));
var sp = Object.setPrototypeOf({ own: 1 }, proto);
console.log(sp.inherited, Object.getPrototypeOf(Object.create(null)));
console.log(typeof Object(1), Object(1) instanceof Number, Object(null), typeof Object('s'));
try { Object.defineProperty(d, 'x', { value: 3 }); } catch (e) { console.log(e.name); }
try { Object.create(5); } catch (e) { console.log(e.name); }
console.log(Object.getOwnPropertyDescriptors ? Object.keys(Object.getOwnPropertyDescriptors({ q: 1, r: 2 })) : 'n/a');
console.log(Object.keys(Object.fromEntries([['a', 1], ['b', 2]])));
