// Template literal lexing: escapes, nested braces and templates, multi-line raw newlines.
var n = 3;
console.log(`plain`, `a${n}b`, `${n}${n}`, `${''}`);
console.log(`braces ${ {a: 1}.a } and ${ (function () { return '}'; })() }`);
console.log(`nested ${`inner ${n + 1}`} done`);
console.log(`line1
line2`);
console.log(`escapes \` \${n} \\ \u0041 \x42 \t|`);
console.log(`$ alone $, {not} $ {n}`);
console.log(`${n > 2 ? `big` : `small`}`);
