// Assigning to an undeclared name in sloppy code creates a property of the global object.
function make() { createdInFunction = 'global from function'; }
make();
console.log(createdInFunction, global.createdInFunction, globalThis.createdInFunction);
topLevelUndeclared = 1;
console.log(global.topLevelUndeclared, 'topLevelUndeclared' in global);
console.log(Object.getOwnPropertyDescriptor(global, 'topLevelUndeclared').configurable);
global.viaGlobal = 'set on global';
console.log(viaGlobal);
globalThis.viaGlobalThis = 2;
console.log(viaGlobalThis + 1, global === globalThis);
