// Loop closures: var shares one binding (all see the final value), let gets a fresh binding
// per iteration (including the copy-back of updates), IIFE captures, for-in/for-of lets.
var v = [], l = [], iife = [];
for (var i = 0; i < 3; i++) v.push(function () { return i; });
for (let j = 0; j < 3; j++) l.push(function () { return j; });
for (var k = 0; k < 3; k++) (function (k) { iife.push(function () { return k; }); })(k);
console.log(v.map(function (f) { return f(); }).join(), l.map(function (f) { return f(); }).join(),
  iife.map(function (f) { return f(); }).join());
var inc = [];
for (let m = 0; m < 3; m++) { inc.push(function () { return m++; }); }
console.log(inc[0](), inc[0](), inc[1](), inc[2]());
var forIn = [];
for (let key in { a: 1, b: 2 }) forIn.push(function () { return key; });
console.log(forIn[0](), forIn[1]());
var forOf = [];
for (const x of ['p', 'q']) forOf.push(() => x);
console.log(forOf[0](), forOf[1]());
var w = [];
var n = 0;
while (n < 3) { let copy = n; w.push(function () { return copy; }); n++; }
console.log(w.map(function (f) { return f(); }).join());
var mutated = [];
for (let z = 0; z < 4; z += 2) { mutated.push(() => z); z--; }
console.log(mutated.map(f => f()).join());
