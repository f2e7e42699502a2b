// delete on global properties: implicit globals and global.x are configurable (true),
// afterwards the name is not defined; the chapter's "release a global" idiom.
global.foo = 'I am global object';
console.log(global.foo);
console.log(delete global.foo);
console.log(global.foo, typeof foo);
try { foo; } catch (e) { console.log(e.name + ': ' + e.message); }
global.foo = 'again';
global.foo = undefined;
console.log(global.foo, 'foo' in global);
implicit = 1;
console.log(delete implicit, typeof implicit);
console.log(delete global.neverExisted);
