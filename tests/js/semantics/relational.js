// Relational operators: numeric vs string comparison, mixed types, NaN, undefined/null, objects.
console.log(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 'a' < 'b', 'B' < 'a', 'abc' < 'abd', 'ab' < 'abc');
console.log('10' < '9', 10 < 9, '10' < 9, 10 < '9', '' < 'a', 'Z' < 'a');
console.log(NaN < 1, NaN >= 1, undefined < 1, undefined > -1, null < 1, null >= 0, null <= 0);
console.log([2] > 1, [1, 2] > 1, ({}) > 1, 'b' > 'a' > 'c', 3 > 2 > 1);
console.log(-0 < 0, 0 <= -0, Infinity > 1e308, -Infinity < -1e308);
console.log('é' > 'z', '日' > 'é', '\u00ff' < '\u0100');
var order = [];
var l = { valueOf: function () { order.push('left'); return 1; } };
var r = { valueOf: function () { order.push('right'); return 2; } };
console.log(l < r, l > r, order.join());
