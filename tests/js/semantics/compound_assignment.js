// Compound assignment: each operator, evaluation order (the target is read before the
// right-hand side runs), on properties and elements.
var x = 10;
x += 5; console.log(x);
x -= 3; console.log(x);
x *= 2; console.log(x);
x /= 4; console.log(x);
x %= 4; console.log(x);
var s = 'a';
s += 1; s += null; s += [2, 3]; console.log(s);
var o = { v: 1 };
o.v += (o.v = 10);
console.log(o.v);
var arr = [1, 2];
var i = 0;
arr[i] += (i = 1);
console.log(arr.join(), i);
var order = [];
var obj = { get p() { order.push('get'); return 1; }, set p(v) { order.push('set ' + v); } };
obj.p += (order.push('rhs'), 2);
console.log(order.join(', '));
var n = 1;
n <<= 3; n |= 1; console.log(n);
var u;
u += 1; console.log(u);
