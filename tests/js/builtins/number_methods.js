// Number.prototype: toFixed, toString(radix), toPrecision, toExponential; Number statics.
console.log((1.005).toFixed(2), (1.45).toFixed(1), (0).toFixed(2), (-1.5).toFixed(0), (123.456).toFixed(10));
console.log((1e21).toFixed(2), (0.000001).toFixed(7), (2.5).toFixed(0), (-0).toFixed(1), (1234.5678).toFixed());
console.log((255).toString(16), (255).toString(2), (-255).toString(36), (0.5).toString(2), (3.75).toString(16));
console.log((35).toString(36), (1e21).toString(7).length, (0).toString(2), (12345.6789).toString(10));
console.log((123.456).toPrecision(4), (0.00012345).toPrecision(2), (123456).toPrecision(2), (1.5).toPrecision(1), (99.99).toPrecision(3));
console.log((12345).toExponential(2), (0.00015).toExponential(1), (1).toExponential(), (-1.5e-10).toExponential(3));
try { (1).toFixed(101); } catch (e) { console.log(e.name, e.message); }
try { (1).toString(1); } catch (e) { console.log(e.name, e.message); }
try { (1).toPrecision(0); } catch (e) { console.log(e.name, e.message); }
console.log(Number.isInteger(5), Number.isInteger(5.5), Number.isInteger('5'), Number.isSafeInteger(Math.pow(2, 53)), Number.isSafeInteger(Math.pow(2, 53) - 1));
console.log(Number.isFinite(1), Number.isFinite('1'), Number.isFinite(Infinity), Number.isNaN(NaN), Number.isNaN('NaN'));
console.log(Number('42'), Number(' 42 '), Number(''), Number('0x1F'), Number('0b11'), Number('0o7'), Number('1e3'), Number('-'), Number('12abc'));
console.log(Number(null), Number(undefined), Number(true), Number([]), Number(['5']), Number({}), Number('Infinity'), Number('-0'));
console.log(Number.parseFloat === parseFloat, Number.parseInt === parseInt, typeof Number.prototype.toFixed);
console.log(new Number(5) + 1, typeof new Number(5), (5).constructor === Number, Number.prototype.valueOf.call(7));
