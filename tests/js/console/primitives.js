// console.log of primitives: top-level strings raw, -0, NaN, exponents, undefined/null,
// symbols, several arguments joined by one space, no arguments = empty line.
console.log('raw string', "with 'quotes'", 42, -0, 0, NaN, Infinity, -Infinity);
console.log(1e21, 1e-7, 0.1 + 0.2, 123456789012345680000, 2147483648, -2147483649);
console.log(undefined, null, true, false);
console.log(Symbol('s'), Symbol(), Symbol.iterator);
console.log();
console.log('');
console.log('a', '', 'b');
console.log('multi\nline', 'tab\tsep');
