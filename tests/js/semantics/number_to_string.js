// Number -> String: shortest round-trip digits, exponent thresholds (1e21, 1e-7), -0, extremes.
var nums = [0.1 + 0.2, 1e21, 1e20, 123456789e13, -0, 0, 1 / 3, 2 / 3, 5e-324, Math.pow(2, 53),
  Math.pow(2, 53) + 1, Math.pow(2, 64), 1e-6, 1e-7, 1.5e-7, 123.456, 100, 1e100, 1.7976931348623157e308,
  2.2250738585072014e-308, 4.35, 0.000001234, 1234567890123456789, 0.1 * 3, 1.005 * 1000, 9.95,
  -1.5, -1e-7, 25, 1e3, 12e-1, 3.14159, 4294967295, 4294967296, 2147483648, -2147483649, 0.5, 1e16];
for (var i = 0; i < nums.length; i++) console.log(String(nums[i]), nums[i] + '', JSON.stringify(nums[i]));
console.log(String(NaN), String(Infinity), String(-Infinity), (-0).toString(), [-0] + '');
console.log(1 / 0, -1 / 0, 0 / 0, 1 / -0);
console.log(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.EPSILON, Number.MAX_VALUE, Number.MIN_VALUE);
