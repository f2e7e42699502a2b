// Objects made by constructors print their constructor name: Foo { x: 1 }, Foo {};
// null-prototype objects print [Object: null prototype]; inheritance uses the nearest name.
function Foo() { this.x = 1; this.y = 'y'; }
function Empty() {}
console.log(new Foo(), new Empty(), [new Foo()], { inner: new Foo() });
function Base() { this.b = 1; }
function Derived() { Base.call(this); this.d = 2; }
Derived.prototype = Object.create(Base.prototype);
Derived.prototype.constructor = Derived;
console.log(new Derived());
function NoCtor() {}
NoCtor.prototype = { method: function () {} };
console.log(new NoCtor());
var bare = Object.create(null);
bare.a = 1;
console.log(bare, Object.create(null));
var protoObj = Object.create({ inherited: 1 });
protoObj.own = 2;
console.log(protoObj);
function Point(x, y) { this.x = x; this.y = y; }
var pts = [];
for (var i = 0; i < 3; i++) pts.push(new Point(i, i * 2));
console.log(pts);
