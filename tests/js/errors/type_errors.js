// Engine TypeErrors and their node message texts.
function msg(f) { try { f(); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } }
var u, n = null, o = { notFn: 1, nested: {} };
console.log(msg(function () { return u.x; }));
console.log(msg(function () { return n.x; }));
console.log(msg(function () { return u[0]; }));
console.log(msg(function () { return o.nested.deep.x; }));
console.log(msg(function () { u.x = 1; }));
console.log(msg(function () { n.y = 1; }));
console.log(msg(function () { var x = 1; x(); }));
console.log(msg(function () { o.notFn(); }));
console.log(msg(function () { o.missing(); }));
console.log(msg(function () { o.nested.missing(); }));
console.log(msg(function () { var notCtor = 5; new notCtor(); }));
console.log(msg(function () { new o.notFn(); }));
console.log(msg(function () { var arrow = () => 1; new arrow(); }));
console.log(msg(function () { new Math.max(); }));
console.log(msg(function () { Symbol() + ''; }));
console.log(msg(function () { null.f(); }));
console.log(msg(function () { undefined(); }));
var o2 = { f: function () { return 1; } }, arr = [1], key = 'k';
console.log(msg(function () { o2.f()(); }));
console.log(msg(function () { arr[0](); }));
console.log(msg(function () { o2[key](); }));
console.log(msg(function () { new arr[0](); }));
console.log(msg(function () { o2.f.call.x.y; }));
