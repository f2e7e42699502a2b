// delete: own configurable properties, non-configurable ones, variables, array elements.
var o = { a: 1, b: 2 };
console.log(delete o.a, 'a' in o, Object.keys(o).join());
console.log(delete o.nonexistent, delete o['b'], Object.keys(o).length);
var proto = { inherited: 1 };
var child = Object.create(proto);
console.log(delete child.inherited, child.inherited);
var arr = [1, 2, 3];
console.log(delete arr[2], arr.length, arr[2], 2 in arr);
var fixed = {};
Object.defineProperty(fixed, 'x', { value: 1, configurable: false });
console.log(delete fixed.x, fixed.x);
console.log(delete Math.PI, Math.PI > 3);
var declared = 1;
console.log(delete declared, declared);
globalThisProp = 5;
console.log(delete globalThisProp, typeof globalThisProp);
console.log(delete 1, delete 'x'.length);
(function () {
  'use strict';
  try { delete Object.prototype; } catch (e) { console.log('strict:', e.name); }
})();
var d = { k: 1 };
d.k2 = 2;
delete d.k;
d.k = 3;
console.log(Object.keys(d).join());
