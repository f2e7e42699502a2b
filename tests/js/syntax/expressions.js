// Expression forms: conditional, comma, grouping, new with/without parens, member chains,
// calls on call results, computed members, object and array literals, unary chains.
var a = 1, b = 2;
console.log(a > b ? 'a' : b > 5 ? 'b big' : 'b small');
console.log((a, b), (a++, a));
function F() { this.v = 'new F'; }
console.log(new F().v, (new F).v, new F);
function mk() { return function () { return { deep: [10, 20] }; }; }
console.log(mk()().deep[1]);
var o = { dynamic: 1, 'quoted key': 2, 3: 'three', 0.5: 'half', x: { y: { z: 'zz' } } };
console.log(o.dynamic, o['quoted key'], o[3], o['0.5'], o.x.y.z, o['x']['y'].z);
console.log([1, [2, [3, [4]]]][1][1][1][0], [,].length, [1, 2, ,].length, [, , 1].length);
console.log(!!'', !!'a', -(-3), +'12', ~5, typeof typeof 1, void 0);
console.log(a = b = 7, a, b);
var n = null;
console.log(n || 'fallback', 0 || '' || null, 1 && 'yes', 0 && 'no');
console.log((function () { return this; }).call(5) instanceof Number);
var key = "m";
var withMethod = { m: function () { return "method on " + key; } };
console.log(withMethod[key]());
var x = 1; x += x *= 3;
console.log(x);
console.log(1 + 2 * 3 - 4 / 2 % 3, (1 + 2) * 3, 2 * -3 * -2, 7 - -2);
console.log('a' in { a: 1 }, 1 in [5, 6], 2 in [5, 6]);
