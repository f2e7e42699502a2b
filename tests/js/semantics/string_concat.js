// String concatenation: + with mixed types, left-to-right evaluation, long chains,
// building in loops (rope flattening) and comparing results.
console.log('a' + 1 + 2, 1 + 2 + 'a', 'a' + (1 + 2), 1 + '2' - 1, '3' * '4', '10' / 2);
console.log('x' + null + undefined + true + NaN + {} + []);
var s = '';
for (var i = 0; i < 1000; i++) s += i % 10;
console.log(s.length, s.slice(0, 12), s.charAt(999), s.indexOf('90'));
var parts = [];
for (var j = 0; j < 100; j++) parts.push('p' + j);
var joined = parts.join('');
var plus = '';
for (var k = 0; k < 100; k++) plus = plus + 'p' + k;
console.log(joined === plus, joined.length);
var left = '';
for (var m = 0; m < 200; m++) left = m + left;
console.log(left.length, left.slice(0, 10));
var long = 'abcdefghijklmnopqrstuvwxyz';
var t = long + long;
console.log(t.length, t[30], t === long + long, (t + t).lastIndexOf('z'));
var u = 'é' + 'ü' + '日本' + '😀';
console.log(u, u.length);
