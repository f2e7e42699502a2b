// ArrayBuffer: constructor, byteLength, slice, isView, errors.
const buf = new ArrayBuffer(8);
new Uint8Array(buf).set([1, 2, 3, 4, 5, 6, 7, 8]);
console.log(buf.byteLength, new ArrayBuffer().byteLength, new ArrayBuffer('3').byteLength, new ArrayBuffer(2.9).byteLength);
const s = buf.slice(1, 3);
console.log(s.byteLength, Array.from(new Uint8Array(s)).join(), buf.slice(-2).byteLength, buf.slice(5, 2).byteLength, buf.slice().byteLength);
new Uint8Array(s)[0] = 99;
console.log(new Uint8Array(buf)[1]);
console.log(ArrayBuffer.isView(new DataView(buf)), ArrayBuffer.isView(new Uint8Array(1)), ArrayBuffer.isView(buf), ArrayBuffer.isView([]), ArrayBuffer.isView());
console.log(Object.prototype.toString.call(buf), ArrayBuffer[Symbol.species] === ArrayBuffer, buf instanceof ArrayBuffer, ArrayBuffer.length);
const tryIt = (f) => { try { console.log(f()); } catch (e) { console.log(e.name + ': ' + e.message); } };
tryIt(() => new ArrayBuffer(-1));
tryIt(() => new ArrayBuffer(1e15));
tryIt(() => ArrayBuffer(1));
tryIt(() => ArrayBuffer.prototype.slice.call({}));
tryIt(() => ArrayBuffer.prototype.byteLength);
