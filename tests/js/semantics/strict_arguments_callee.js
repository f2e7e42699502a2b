// Strict arguments objects: callee is %ThrowTypeError% (one frozen function for get and set).
'use strict';
function f() { return arguments; }
const d = Object.getOwnPropertyDescriptor(f(), 'callee');
console.log(typeof d.get, d.get === d.set, d.enumerable, d.configurable, Object.isFrozen(d.get), d.get.length);
try { f().callee; } catch (e) { console.log(e.constructor.name, e.message); }
console.log(/x/g	.flags, /y/i .source);
