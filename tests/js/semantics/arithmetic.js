// Arithmetic: int32 overflow into doubles, -0 results, % sign rules, division by zero,
// NaN propagation, ToNumber of strings, precise float results.
console.log(2147483647 + 1, -2147483648 - 1, 46341 * 46341, 65536 * 65536, 0x7fffffff * 2);
console.log(1 / (0 * -1), 1 / (-1 * 0), 1 / (-0 + 0), 1 / (0 - 0), 1 / (-0 - 0), 1 / Math.round(-0.4));
console.log(5 % 3, -5 % 3, 5 % -3, -5 % -3, 5.5 % 2, -0 % 5, 1 / (-4 % 2), 5 % 0, Infinity % 2, 2 % Infinity);
console.log(1 / 0, -1 / 0, 0 / 0, 10 / 4, 7 / 7, -7 / 2);
console.log(NaN + 1, undefined + 1, null + 1, true + true, '5' - 2, '5' + 2, '0x10' * 1, ' 12 ' * 1, '1e3' * 1);
console.log('' * 1, 'abc' * 1, '12px' * 1, [] * 2, [3] * 2, {} * 2, '-0' * 1, 1 / ('-0' * 1));
console.log(0.1 * 3, 0.7 + 0.1, 1.1 * 1.1, 3 * 1.1, 9007199254740992 + 1, 9007199254740992 + 2);
console.log(-(2147483648), -(-2147483648), -(0), 1 / -(0));
console.log(Math.pow(2, 31) | 0, 2e9 + 2e9, 123456789 * 987654321);
var a = 0.1, b = 0.2;
console.log(a + b === 0.3, Math.abs(a + b - 0.3) < Number.EPSILON);
var int = 7, r = int / 2;
console.log(r, r * 2, (int * 3) % 4, int - 10, -int);
