// Strings under GC: long += chains (ropes), substrings of big strings, strings as keys in
// objects and maps, string comparisons after collections.
var s = '';
for (var i = 0; i < 3000; i++) s += String.fromCharCode(97 + i % 26);
console.log(s.length, s.slice(0, 30), s.charAt(2999));
var keys = {};
for (var j = 0; j < 2000; j++) keys['key_' + (j % 500)] = j;
console.log(Object.keys(keys).length, keys.key_499, keys.key_0);
var parts = [];
for (var k = 0; k < 1000; k++) parts.push(s.substring(k, k + 5));
console.log(parts[999], parts.join('').length);
var m = new Map();
for (var q = 0; q < 1000; q++) m.set('m' + q, 'v' + q);
console.log(m.get('m777'), m.size);
var a = 'abc'.repeat(1000), b = 'abc'.repeat(999) + 'abc';
console.log(a === b, a < b + 'x');
