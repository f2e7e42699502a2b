// Array basics: constructor forms, length, push/pop/shift/unshift return values, index writes
// past the end, length truncation and extension.
console.log(new Array(3).length, new Array(3, 4), Array(2).length, Array.of(7), [].length);
try { new Array(-1); } catch (e) { console.log(e.name, e.message); }
var a = [1, 2];
console.log(a.push(3, 4), a, a.pop(), a, a.shift(), a, a.unshift(0, 0.5), a);
console.log([].pop(), [].shift(), [].push(), [].unshift());
var b = [];
b[5] = 'five';
console.log(b.length, b[0], 0 in b, b.indexOf('five'));
b.length = 2;
console.log(b.length, b[5], b);
b.length = 4;
console.log(b.length, b);
var c = [1, 2, 3];
c[c.length] = 4;
console.log(c.length, c);
console.log(Array.isArray([]), Array.isArray({ length: 0 }), Array.isArray(new Array()), Array.isArray('[]'));
var big = [];
for (var i = 0; i < 1000; i++) big.push(i * 2);
console.log(big.length, big[999], big.pop(), big.length);
var str = ['a', 'b'];
str['2'] = 'c';
console.log(str.length, str[2]);
var neg = [];
neg[-1] = 'neg';
console.log(neg.length, neg[-1]);
