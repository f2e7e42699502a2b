// Function objects: name and length of declared, anonymous, bound and built-in functions,
// the prototype property, functions as objects with own properties.
function decl(a, b, c) {}
var anon = function () {};
var named = function inner(x) {};
var arrow = (p, q) => p;
console.log(decl.name, decl.length, anon.name, named.name, arrow.name, arrow.length);
console.log(Math.max.name, Array.prototype.push.name, parseInt.length, Array.prototype.slice.length);
console.log(typeof decl.prototype, decl.prototype.constructor === decl, Object.keys(decl.prototype).length);
decl.custom = 'prop';
console.log(decl.custom, Object.keys(decl));
var obj = { method: function () {} };
console.log(obj.method.name);
console.log(Object.getOwnPropertyDescriptor(decl, 'length').writable, Object.getOwnPropertyDescriptor(decl, 'name').configurable);
console.log(typeof Function.prototype, Function.prototype.name === '', Object.getPrototypeOf(decl) === Function.prototype);
