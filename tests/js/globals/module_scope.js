// The main file is a CommonJS module: top-level var/function are not global properties,
// this === module.exports, and require/module/exports/__filename/__dirname exist.
var topVar = 1;
function topFn() {}
let topLet = 2;
console.log('topVar' in global, 'topFn' in global, 'topLet' in global, global.topVar);
console.log(this === module.exports, this === exports, typeof this, Object.keys(this).length);
console.log(typeof require, typeof module, typeof exports, typeof __filename, typeof __dirname);
console.log(__filename.slice(-15), __dirname.slice(-10));
console.log(module.exports === exports, typeof module.exports);
console.log(typeof global, typeof globalThis, typeof window);
exports.added = 'x';
console.log(this.added);
