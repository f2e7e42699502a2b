// Arrow functions: parameter forms, expression and block bodies, lexical this and arguments.
var id = x => x;
var add = (a, b) => a + b;
var none = () => 'none';
var block = (a) => { var d = a * 2; return d; };
var obj = () => ({ k: 1 });
console.log(id(5), add(2, 3), none(), block(4), obj().k);
var counter = {
  n: 0,
  inc: function () {
    [1, 2, 3].forEach(v => { this.n += v; });
    return this.n;
  }
};
console.log(counter.inc());
function outer() { var g = () => arguments[0]; return g('ignored'); }
console.log(outer('outer arg'));
var nested = a => b => c => a + b + c;
console.log(nested(1)(2)(3));
console.log([3, 1, 2].sort((a, b) => a - b).join(' '));
var noProto = () => 1;
console.log(noProto.prototype, typeof noProto);
try { new noProto(); } catch (e) { console.log(e.name); }
var defaults = (a, b = a + 1, ...rest) => [a, b, rest.length];
console.log(defaults(1).join(), defaults(1, 5, 6, 7).join());
