// parseInt, parseFloat, isNaN, isFinite: radix handling, prefixes, whitespace, partial parses.
console.log(parseInt('42'), parseInt('  42px'), parseInt('0x1F'), parseInt('1F', 16), parseInt('z', 36), parseInt('11', 2));
console.log(parseInt(''), parseInt('abc'), parseInt('-12.9'), parseInt('0.0000005'), parseInt(0.0000005), parseInt('08'));
console.log(parseInt('12', 1), parseInt('12', 37), parseInt('12', 0), parseInt('  -0x10'), parseInt('+7'), parseInt(null, 36));
console.log(parseInt('123456789012345678901234567890'), parseInt('9007199254740993'), parseInt('1e3'));
console.log(parseFloat('3.14abc'), parseFloat('.5'), parseFloat('-.5e2x'), parseFloat('Infinityx'), parseFloat('e5'), parseFloat('  1e-3 '));
console.log(parseFloat('0x10'), parseFloat(''), parseFloat('1.2.3'), parseFloat('-0'), 1 / parseFloat('-0'));
console.log(isNaN('abc'), isNaN('12'), isNaN(undefined), isNaN(null), isNaN(''), isNaN({}), isNaN([]));
console.log(isFinite('12'), isFinite('x'), isFinite(Infinity), isFinite(null), isFinite(1e308 * 10));
