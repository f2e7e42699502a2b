// this: method calls, plain calls (global object in sloppy mode, undefined in strict),
// detached methods, constructors, nested functions, arrows, callbacks.
var o = {
  name: 'o',
  m: function () { return this === o; },
  nested: function () { var inner = function () { return this; }; return inner() === o; },
  arrow: function () { var a = () => this; return a() === o; }
};
console.log(o.m(), o['m'](), o.nested(), o.arrow());
var detached = o.m;
console.log(detached());
function sloppy() { return this; }
function strict() { 'use strict'; return this; }
console.log(sloppy() === globalThis, strict(), typeof sloppy.call(1), strict.call(1));
console.log(typeof sloppy.call(null), sloppy.call(null) === globalThis, strict.call(null));
function Ctor() { this.made = true; }
var inst = new Ctor();
console.log(inst.made);
var holder = { f: function () { return [1].map(function () { return this; })[0]; } };
console.log(holder.f() === globalThis);
var withThisArg = [1].map(function () { return this.tag; }, { tag: 'thisArg' });
console.log(withThisArg[0]);
var chain = { a: { b: { who: function () { return this === chain.a.b; } } } };
console.log(chain.a.b.who());
console.log(this === module.exports, typeof this);
var bound = strict.bind('bound');
console.log(bound(), bound.call('other'));
