// Other String.prototype members: localeCompare (ASCII), toString/valueOf, comparison and
// String() of various values, length of wrapper objects, normalize for ASCII.
console.log('a'.localeCompare('b'), 'b'.localeCompare('a'), 'a'.localeCompare('a'));
var w = new String('wrapped');
console.log(w.toString(), w.valueOf(), typeof w.valueOf(), w == 'wrapped', w === 'wrapped');
console.log(String(undefined), String(true), String([1, [2]]), String({}), String(-0), String(1e-7));
console.log('abc' < 'abd', 'a' + 'bc' === 'abc', 'abc'.normalize() === 'abc');
console.log(Object.keys('ab'), 'ab'.hasOwnProperty(1), 'ab'.hasOwnProperty(2));
console.log(String.prototype.length, typeof String.prototype.slice, 'x'.constructor === String);
