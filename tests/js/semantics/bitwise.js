// Bitwise and shift operators go through ToInt32 / ToUint32 (wrap modulo 2^32).
console.log(5 & 3, 5 | 3, 5 ^ 3, ~5, ~-1, ~~3.7, ~~-3.7);
console.log(1 << 31, 1 << 32, 1 << 33, -1 >>> 0, -1 >>> 28, -16 >> 2, -16 >>> 2);
console.log(4294967296 | 0, 4294967295 | 0, 2147483648 | 0, 2147483647 | 0, -2147483649 | 0);
console.log(1e21 | 0, NaN | 0, Infinity | 0, -Infinity >>> 0, '12' | 0, 'x' | 0, null | 0);
console.log(3.9 >> 0, -3.9 >> 0, 2.5e9 >>> 0, 2.5e9 >> 0, 1 << -1, 1 >>> 33);
console.log(0xFFFFFFFF & 0xFF, 0x80000000 ^ 0, ~0x7FFFFFFF, 123456789 * 1000 | 0);
var x = 7; x &= 3; x |= 8; x ^= 1; x <<= 2; x >>= 1; x >>>= 1;
console.log(x);
console.log(typeof (1 << 31), (1 << 31) < 0, (1 << 30) * 4);
