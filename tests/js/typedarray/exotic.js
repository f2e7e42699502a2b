// Integrity levels and typed arrays used as prototypes (integer-indexed [[Set]] with another receiver).
const u = Object.preventExtensions(new Uint8Array(2));
console.log(Object.isFrozen(u), Object.isSealed(u), Object.isExtensible(u), Object.isFrozen(Object.preventExtensions(new Uint8Array(0))));
u[0] = 5; u[5] = 1; console.log(u[0], u[5], Object.keys(u));
try { Object.seal(new Uint8Array(1)); } catch (e) { console.log(e.message); }
const o = Object.create(new Uint8Array(2)); o[0] = 9; o[5] = 3; console.log(o[0], o[5], Object.keys(o), 0 in o, 5 in o);
// Canonical numeric names (Infinity, NaN) are integer-indexed keys too, even through inline caches.
Object.prototype.Infinity = 5; Object.prototype.NaN = 6;
const t2 = new Uint8Array(2);
function f(o) { return o.Infinity; }
for (let i = 0; i < 20; i++) f(t2);
console.log(f(t2), t2.NaN, t2.Infinity, ({}).Infinity);
t2.Infinity = 3; console.log(t2.Infinity, Object.keys(t2));
