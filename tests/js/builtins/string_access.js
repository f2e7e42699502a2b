// Character access: length, [], charAt, charCodeAt, codePointAt, at, out-of-range results,
// surrogate pairs, String.fromCharCode / fromCodePoint.
var s = 'héllo😀';
console.log(s.length, s[0], s[1], s[10], s.charAt(1), s.charAt(99) === '', s.charCodeAt(1), s.charCodeAt(99));
console.log(s.codePointAt(5), s.codePointAt(6), s.at(-1) === '\uDE00', s.at(0));
console.log(String.fromCharCode(72, 105), String.fromCharCode(0x1F600 & 0xFFFF), String.fromCharCode(65.9, 0x10041));
console.log(String.fromCodePoint(0x1F600).length, String.fromCodePoint(97, 98));
console.log('abc'.charAt(-1) === '', 'abc'.charAt(1.9), 'abc'.charCodeAt(), 'abc'['length']);
var str = 'immutable';
str[0] = 'X';
console.log(str);
console.log(typeof new String('x'), new String('xy').length, new String('ab')[1], String(123), String(null), String(Symbol('d')));
