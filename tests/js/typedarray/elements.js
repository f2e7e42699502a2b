// Element writes convert with ToNumber and wrap, clamp or round per kind; typed arrays are
// integer-indexed exotic objects (out-of-range reads undefined, writes ignored, numeric
// strings never reach the prototype).
const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array];
const vals = [0, -0, 1, -1, 1.5, 2.5, -2.5, 127, 128, 255, 256, 300, -129, 65535, 65536, 2 ** 31,
  2 ** 32 + 5, -(2 ** 31) - 1, NaN, Infinity, -Infinity, 1e40, '7', null, undefined, true,
  { valueOf() { return 3; } }];
const show = (x) => (Object.is(x, -0) ? '-0' : String(x));
for (const K of kinds) {
  const a = new K(vals.length);
  vals.forEach((v, i) => { a[i] = v; });
  console.log(K.name, K.BYTES_PER_ELEMENT, a.length, a.byteLength, Array.from(a).map(show).join(' '));
}
console.log(Array.from(new Uint8ClampedArray([1.5, 2.5, 254.5, 255.5, -3, 300, 0.5, 3.5])).join());

const u = new Uint8Array([1, 2, 3, 4, 5]);
console.log(u[10], u[-1], u['1'], u['1.5'], u['-0'], u[4294967296]);
console.log('x' in u, 1 in u, 5 in u, '-0' in u, '1.5' in u, 'length' in u);
Uint8Array.prototype[7] = 'proto';
Object.prototype['-1'] = 'op';
console.log(u[7], u[-1], u['-1'], new Uint8Array(8)[7]);
delete Uint8Array.prototype[7];
delete Object.prototype['-1'];
u[10] = 5;
u['1.5'] = 9;
u[-1] = 9;
u.foo = 'bar';
u['01'] = 'not canonical';
console.log(Object.keys(u), u.foo, u[10], u['01'], JSON.stringify(u));
for (const k in u) console.log('key', k);
console.log(Object.getOwnPropertyDescriptor(u, 0), Object.getOwnPropertyDescriptor(u, 9));
console.log(Object.getOwnPropertyNames(new Int8Array(2)));
Object.defineProperty(u, 0, { value: 200 });
console.log(u[0], u.hasOwnProperty(0), u.hasOwnProperty(5));
const tryIt = (f) => { try { console.log(f()); } catch (e) { console.log(e.name + ': ' + e.message); } };
tryIt(() => Object.defineProperty(u, '5', { value: 1 }));
tryIt(() => Object.defineProperty(u, '0', { value: 1, configurable: false }));
tryIt(() => Object.defineProperty(u, '0', { get() { return 1; } }));
tryIt(() => Object.freeze(u));
tryIt(() => Object.isFrozen(Object.freeze(new Uint8Array(0))));
tryIt(() => delete u[0]);
tryIt(() => delete u[99]);
tryIt(() => { 'use strict'; u[99] = 1; return u[99]; });
tryIt(() => { 'use strict'; return delete u[0]; });
// Array.prototype methods see the indices through length and [[Get]].
console.log(Array.prototype.slice.call(u, 1), Array.prototype.map.call(u, (x) => x + 1));
console.log(Array.prototype.join.call(new Int8Array([-1, 2])), Array.isArray(u));
let sum = 0;
for (const v of new Int16Array([1, -2, 3])) sum += v;
console.log(sum, [...new Float32Array([0.5, 1.25])]);
