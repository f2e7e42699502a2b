// Numeric literals: decimal, fraction-only, exponents, hex/octal/binary prefixes.
console.log(0, 1, 42, 1000000);
console.log(.5, 5., 0.5e1, 1e21, 1e-7, 1E3, 2e+2, 3e-0);
console.log(0x10, 0XfF, 0x0, 0xdeadBEEF, 0xFFFFFFFF, 0x100000000);
console.log(0o17, 0O7, 0b1010, 0B11111111);
console.log(123456789012345680000, 9007199254740993);
console.log(1.5e300 * 1e10, -1e-400, 5e-324, 1.7976931348623157e308);
console.log(0.1, 0.2, 0.1 + 0.2);
console.log(1e21, 1e20, 123e18, 1.2345e-5, 0.000001, 0.0000001);
console.log(typeof 0x1f, typeof .5, typeof 1e400);
console.log(1..toString(), 1.5.toFixed(1), (2).toString(2));
console.log(0.1.toString(), 5e-7.toString(), 1 .toString());
console.log(-0x10, +0b1, - -1);
