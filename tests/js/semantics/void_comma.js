// void evaluates its operand for side effects and yields undefined; the comma operator
// evaluates left to right and yields its last operand.
var n = 0;
console.log(void 0, void n++, n, void (n = 5), n);
var r = (n++, n++, n);
console.log(r, n);
for (var i = 0, j = 10; i < j; i++, j--) ;
console.log(i, j);
function f() { return (console.log('side'), 'last'); }
console.log(f());
console.log((1, 2, 3), [(1, 2)][0]);
var o = { m: function () { return this === o; } };
console.log(o.m(), (o.m)(), typeof (0, o.m)());
