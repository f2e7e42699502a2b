// instanceof walks the prototype chain; in checks own and inherited keys, not values.
function A() {}
function B() {}
B.prototype = Object.create(A.prototype);
B.prototype.constructor = B;
var b = new B();
console.log(b instanceof B, b instanceof A, b instanceof Object, b instanceof Function);
console.log([] instanceof Array, [] instanceof Object, (function () {}) instanceof Object);
console.log(1 instanceof Number, new Number(1) instanceof Number, 'a' instanceof String);
console.log(Object.create(null) instanceof Object);
A.prototype = {};
console.log(b instanceof A);
try { b instanceof {}; } catch (e) { console.log(e.name, e.message); }
try { 'x' in 'string'; } catch (e) { console.log(e.name, e.message); }
var o = { own: 1 };
console.log('own' in o, 'toString' in o, 'missing' in o, 0 in [9], '0' in [9], 1 in [9]);
console.log('length' in [], 'length' in function () {});
var arr = [1, 2, 3];
delete arr[1];
console.log(1 in arr, arr.length);
