// Math: constants and functions with exactly representable or well-defined results.
console.log(Math.PI, Math.E, Math.LN2, Math.LN10, Math.LOG2E, Math.LOG10E, Math.SQRT2, Math.SQRT1_2);
console.log(Math.abs(-3), Math.abs(-0), Math.abs('-2'), Math.abs(null), Math.abs('x'));
console.log(Math.floor(1.7), Math.floor(-1.2), Math.ceil(1.2), Math.ceil(-1.7), Math.ceil(-0.5), Math.trunc(-4.7), Math.trunc(4.7));
console.log(Math.round(2.5), Math.round(-2.5), Math.round(-0.5), Math.round(0.49999999999999994), Math.round(1.5), Math.round(-1.5));
console.log(Math.max(), Math.min(), Math.max(1, 3, 2), Math.min(1, -3), Math.max(1, NaN), Math.max(-0, 0), Math.min(0, -0));
console.log(Math.sqrt(16), Math.sqrt(2), Math.sqrt(-1), Math.cbrt(27), Math.pow(2, 10), Math.pow(2, -1), Math.pow(NaN, 0), Math.pow(1, Infinity));
console.log(Math.sign(-5), Math.sign(0), Math.sign(3), Math.hypot(3, 4), Math.log(Math.E), Math.log(1), Math.log10(1000), Math.log2(8));
console.log(Math.exp(0), Math.sin(0), Math.cos(0), Math.tan(0), Math.atan2(1, 1) * 4 === Math.PI, Math.asin(1) * 2 === Math.PI);
console.log(Math.fround(5.5), Math.fround(5.05), Math.clz32(1), Math.imul(3, 4), Math.imul(0xffffffff, 5), Math.expm1(0), Math.log1p(0));
console.log(Math.sinh(0), Math.cosh(0), Math.tanh(0), Math.acos(1), Math.atan(0));
var r = Math.random();
console.log(typeof r, r >= 0 && r < 1, Math.random() !== Math.random() || 'same twice');
console.log(Object.prototype.toString.call(Math), typeof Math.max, Math.max.length);
console.log(Math.floor(-0) === 0 && 1 / Math.floor(-0), Math.round(3.000001), Math.abs(-2147483648));
