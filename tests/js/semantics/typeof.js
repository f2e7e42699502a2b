// typeof for every kind of value, including undeclared names (no ReferenceError).
console.log(typeof undefined, typeof null, typeof true, typeof 1, typeof NaN, typeof 'a');
console.log(typeof {}, typeof [], typeof function () {}, typeof Math, typeof JSON);
console.log(typeof Object, typeof Array.prototype.push, typeof new Number(1), typeof Symbol());
console.log(typeof undeclaredVariable, typeof undeclaredVariable === "undefined");
try { typeof undeclaredObject.property; } catch (e) { console.log(e.name, e.message); }
console.log(typeof typeof 0, typeof (() => 1), typeof class_not_declared);
var u;
console.log(typeof u, typeof [].x, typeof {}.x);
