// Transforming strings: slice/substring/substr, case, trim*, pad*, repeat, concat.
var s = 'Hello, World';
console.log(s.slice(7), s.slice(-5), s.slice(2, -2), s.slice(5, 2), s.slice(-100, 3));
console.log(s.substring(7), s.substring(5, 2), s.substring(-3, 2), s.substring(3, NaN));
console.log(s.substr(7, 3), s.substr(-5, 2), s.substr(3), s.substr(20));
console.log(s.toUpperCase(), s.toLowerCase(), 'ÉÀÜ straße'.toLowerCase(), 'straße'.toUpperCase());
console.log('[' + '  pad  '.trim() + ']', '[' + '  pad  '.trimStart() + ']', '[' + '  pad  '.trimEnd() + ']');
console.log('[' + '\t\n\u00a0\ufeff x \u2028'.trim() + ']');
console.log('5'.padStart(3, '0'), 'abc'.padStart(6), 'abc'.padStart(8, '12'), 'abc'.padStart(2), 'x'.padEnd(4, '-') + '|', 'x'.padEnd(3) + '|');
console.log('ab'.repeat(3), 'x'.repeat(0) === '', ''.repeat(5) === '');
try { 'x'.repeat(-1); } catch (e) { console.log(e.name, e.message); }
console.log('a'.concat('b', 1, null, [2, 3]), ''.concat());
console.log('abc'.split('').reverse().join(''), 'Title Case'.toLowerCase().toUpperCase());
