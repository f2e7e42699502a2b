var proto = { greet() { return 'proto hi'; } };
var o = { __proto__: proto, greet() { return super.greet() + '!'; }, get g() { return super.greet(); } };
console.log(o.greet(), o.g);
class A { constructor() { this.a = 1; } }
class B extends A { constructor() { (() => super())(); this.b = 2; } }
console.log(new B());
class C extends A { constructor() { super(); try { return 0; } catch (e) { return; } } }
try { new C(); } catch (e) { console.log(e.constructor.name, e.message); }
