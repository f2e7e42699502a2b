// Prototype chains: lookup, shadowing, assignment creating own properties, dynamic changes
// to the prototype seen by existing objects, Object.prototype at the end of every chain.
var base = { greet: function () { return 'hi from ' + this.name; }, kind: 'base' };
var mid = Object.create(base);
mid.kind = 'mid';
var leaf = Object.create(mid);
leaf.name = 'leaf';
console.log(leaf.greet(), leaf.kind, mid.kind, base.kind);
leaf.kind = 'own';
console.log(leaf.kind, mid.kind);
delete leaf.kind;
console.log(leaf.kind);
base.added = 'later';
console.log(leaf.added);
console.log(Object.getPrototypeOf(leaf) === mid, Object.getPrototypeOf(Object.getPrototypeOf(mid)) === Object.prototype);
console.log(Object.getPrototypeOf(Object.prototype), typeof leaf.toString, leaf.hasOwnProperty('name'));
console.log(base.isPrototypeOf(leaf), leaf.isPrototypeOf(base), Object.prototype.isPrototypeOf(leaf));
var bare = Object.create(null);
bare.x = 1;
console.log(typeof bare.toString, 'x' in bare, Object.keys(bare).join());
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return this.name + ' makes a sound'; };
function Dog(name) { Animal.call(this, name); }
Dog.prototype = Object.create(Animal.prototype);
Dog.prototype.constructor = Dog;
Dog.prototype.speak = function () { return Animal.prototype.speak.call(this) + ' (woof)'; };
var d = new Dog('Rex');
console.log(d.speak(), d instanceof Animal, d.constructor === Dog, Object.keys(d).join());
var ro = Object.create(Object.defineProperty({}, 'fixed', { value: 1, writable: false }));
ro.fixed = 2;
console.log(ro.fixed, ro.hasOwnProperty('fixed'));
