// with: property lookup first, fallback to the scope, assignment to existing properties,
// var declared inside goes to the function scope, function calls get the object as this.
var o = { a: 1, b: 2, f: function () { return this === o; } };
var c = 'outer c';
with (o) {
  console.log(a, b, c, f());
  a = 10;
  c = 'changed c';
  var d = 'declared in with';
}
console.log(o.a, c, d, 'c' in o, 'd' in o);
function g(obj) { with (obj) { return x + y; } }
console.log(g({ x: 1, y: 2 }));
var y = 'global-ish y';
console.log(g({ x: 'x+' }));
with ({ toString: null }) { console.log(typeof toString); }
with ([1, 2, 3]) { console.log(length, join('-')); }
