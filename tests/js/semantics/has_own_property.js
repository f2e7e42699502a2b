// Object.prototype.hasOwnProperty, directly and via .call on objects that lack or shadow it.
var o = { a: 1, hasOwnProperty: function () { return 'shadowed'; } };
console.log(o.hasOwnProperty('a'), Object.prototype.hasOwnProperty.call(o, 'a'));
var bare = Object.create(null);
bare.k = 1;
var has = Object.prototype.hasOwnProperty;
console.log(has.call(bare, 'k'), has.call(bare, 'x'));
console.log(has.call([1, 2], 0), has.call([1, 2], '1'), has.call([1, 2], 2), has.call([], 'length'));
console.log(has.call('str', 0), has.call('str', 'length'), has.call('str', 5));
var child = Object.create({ inherited: 1 });
console.log(has.call(child, 'inherited'), 'inherited' in child);
console.log(has.call(function f(a) {}, 'length'), has.call(function f(a) {}, 'name'));
var undefProp = { u: undefined };
console.log(has.call(undefProp, 'u'), undefProp.u === undefined);
try { has.call(null, 'x'); } catch (e) { console.log(e.name); }
