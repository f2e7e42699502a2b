// Class fields, static initializers, accessors, name binding and the early/runtime errors.
class Counter {
  count = 0;
  static instances = 0;
  static label = 'C' + Counter.instances;
  constructor() { Counter.instances++; }
  inc() { this.count++; return this; }
  get double() { return this.count * 2; }
  set double(v) { this.count = v / 2; }
  static get total() { return Counter.instances; }
}
const c = new Counter().inc().inc();
console.log(c.count, c.double, Counter.total, Counter.label);
c.double = 10;
console.log(c.count, Object.keys(c), Object.getOwnPropertyNames(Counter.prototype));
const desc = Object.getOwnPropertyDescriptor(Counter.prototype, 'inc');
console.log(desc.enumerable, desc.writable, desc.configurable);
const pd = Object.getOwnPropertyDescriptor(Counter, 'prototype');
console.log(pd.writable, pd.enumerable, pd.configurable);
// the inner name is constant, the outer binding is not
class K { static rename() { try { K = 1; } catch (e) { return e.constructor.name; } } }
console.log(K.rename());
// TDZ: a class declaration is not hoisted like a function
try { new Later(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
class Later {}
// computed keys and symbols
const key = 'dyn' + 1, sym = Symbol('s');
class Comp { [key]() { return 'dyn'; } [sym]() { return 'sym'; } static ['st' + 'at']() { return 'static'; } }
console.log(new Comp().dyn1(), new Comp()[sym](), Comp.stat());
// extends null and expressions
class N extends null {}
console.log(Object.getPrototypeOf(N.prototype), typeof N);
function mixin(Base) { return class extends Base { mixed() { return 'mixed ' + this.constructor.name; } }; }
class Final extends mixin(Object) {}
console.log(new Final().mixed());
// super property assignment and new.target
class Base { constructor() { this.made = new.target.name; } }
class Sub extends Base { constructor() { super(); super.x = 5; } }
const s = new Sub();
console.log(s.made, s.x, Object.getPrototypeOf(s) === Sub.prototype);
function F() { return new.target === F; }
console.log(new F() instanceof F, F());
// errors
for (const src of ['class A { constructor() {} constructor() {} }', 'class A { get constructor() {} }',
                   'class A extends B { m() { super(); } }', 'function f() { super.x; }',
                   'class A { static prototype() {} }']) {
  try { eval(src); console.log('no error'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
}
class Twice extends Object { constructor() { super(); super(); } }
try { new Twice(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
console.log(String(class Named { m() {} }));
