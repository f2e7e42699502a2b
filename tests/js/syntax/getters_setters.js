// get/set in object literals: computed values, this binding, setters storing elsewhere,
// getter-only assignment ignored (sloppy), inheritance through the prototype chain.
var o = {
  _v: 1,
  get v() { return this._v * 10; },
  set v(x) { this._v = x; },
  get ro() { return 'read-only'; },
  get 'str key'() { return 'quoted getter'; },
  get 42() { return 'numeric getter'; }
};
console.log(o.v);
o.v = 5;
console.log(o.v, o._v);
o.ro = 'ignored';
console.log(o.ro, o['str key'], o[42]);
var child = Object.create(o);
child.v = 7;
console.log(child.v, child._v, o._v, child.hasOwnProperty('_v'), child.hasOwnProperty('v'));
var d = Object.getOwnPropertyDescriptor(o, 'v');
console.log(typeof d.get, typeof d.set, d.enumerable, d.configurable, 'value' in d);
var setOnly = { set s(x) { this.got = x; } };
setOnly.s = 3;
console.log(setOnly.s, setOnly.got);
var count = 0;
var lazy = { get n() { return ++count; } };
console.log(lazy.n, lazy.n, count);
console.log(Object.keys(o).join(','));
