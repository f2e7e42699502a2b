class Animal {
  constructor(name) { this.name = name; }
  speak() { return this.name + ' makes a sound'; }
  get upper() { return this.name.toUpperCase(); }
  static create(n) { return new this(n); }
}
class Dog extends Animal {
  constructor(name) { super(name); this.kind = 'dog'; }
  speak() { return super.speak() + ' (woof)'; }
  static create(n) { return super.create(n + '!'); }
}
const d = new Dog('Rex');
console.log(d.speak(), d.upper, d.kind, d instanceof Dog, d instanceof Animal);
console.log(Dog.create('Max').speak());
console.log(typeof Animal, Animal.name, Dog.name, Object.keys(Animal.prototype), Object.getOwnPropertyNames(Dog.prototype));
try { Animal('x'); } catch (e) { console.log(e.constructor.name, e.message); }
class E extends Error { constructor(m) { super(m); this.name = 'E'; } }
const e = new E('boom');
console.log(e instanceof E, e instanceof Error, e.message, String(e));
class P { x = 1; y = this.x + 1; static s = 42; m() { return this.x + this.y; } }
const p = new P(); console.log(p.m(), P.s, p);
class Q extends P { z = 3; constructor() { super(); this.w = this.z + this.y; } }
console.log(new Q());
const A2 = class {}; console.log(A2.name);
class M extends Map { getOr(k, d) { return this.has(k) ? this.get(k) : d; } }
const m = new M([[1,2]]); console.log(m.getOr(1, 0), m.getOr(3, 9), m instanceof Map);
class B { constructor() { return {custom: 1}; } }
console.log(new B());
class C extends B { constructor() { super(); } }
console.log(new C());
class D extends Animal { constructor() { } }
try { new D(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
class F extends Animal { constructor() { this.x = 1; super(); } }
try { new F(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { class G extends 3 {} } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
console.log(Animal.toString().slice(0, 20));
class Arr extends Array { sum() { return this.reduce((a, b) => a + b, 0); } }
const a = new Arr(); a.push(1, 2, 3); console.log(a.sum(), a.length, Array.isArray(a));
