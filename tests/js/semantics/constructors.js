// new: fresh object with the constructor's prototype, returning an object overrides,
// returning a primitive does not, constructor property, prototype replaced later.
function P(x) { this.x = x; }
P.prototype.getX = function () { return this.x; };
var p = new P(3);
console.log(p.getX(), p.constructor === P, Object.getPrototypeOf(p) === P.prototype);
function R() { this.a = 1; return { b: 2 }; }
var r = new R();
console.log(r.a, r.b, r instanceof R);
function Prim() { this.a = 1; return 42; }
console.log(new Prim().a);
function NoArgs() { this.n = arguments.length; }
console.log(new NoArgs().n, new NoArgs(1, 2).n);
function Counter() { Counter.count = (Counter.count || 0) + 1; }
new Counter(); new Counter();
console.log(Counter.count);
P.prototype = { replaced: true };
var q = new P(1);
console.log(q.replaced, p.replaced, p instanceof P, q instanceof P);
console.log(typeof P.prototype, (function () {}).prototype.constructor !== undefined);
try { new (function () {}.bind(null))(); console.log('bound construct ok'); } catch (e) { console.log(e.name); }
function Point(x, y) {
  if (!(this instanceof Point)) return new Point(x, y);
  this.x = x; this.y = y;
}
console.log(Point(1, 2).y, new Point(3, 4).x);
