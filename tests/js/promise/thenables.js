// Thenable assimilation: then is read once, called later from a job with fresh resolving
// functions, and only the first resolve/reject call counts.
function L(x) { console.log(x); }

const t1 = { then(res, rej) { L('then called, res.length ' + res.length); res('t1'); res('again'); rej('ignored'); } };
Promise.resolve(t1).then(v => L('t1 -> ' + v));
L('then not called yet');

let reads = 0;
const t2 = {};
Object.defineProperty(t2, 'then', { get() { reads++; return r => r('t2'); } });
new Promise(r => r(t2)).then(v => L('t2 -> ' + v + ', then read ' + reads + ' time(s)'));
L('getter read at resolve time: ' + reads);

const t3 = {};
Object.defineProperty(t3, 'then', { get() { throw new Error('getter threw'); } });
new Promise(r => r(t3)).catch(e => L('t3 rejected: ' + e.message));

Promise.resolve({ then() { throw new Error('then threw'); } }).catch(e => L('t4 rejected: ' + e.message));
Promise.resolve({ then(r) { r('first'); throw new Error('late throw'); } }).then(v => L('t5 -> ' + v));

// Non-callable then: the object itself is the value.
Promise.resolve({ then: 5, x: 1 }).then(v => L('t6 -> then is ' + v.then + ', x ' + v.x));

// A thenable resolving to another thenable and to a promise.
Promise.resolve({ then: r => r({ then: r2 => r2('deep') }) }).then(v => L('t7 -> ' + v));
Promise.resolve({ then: r => r(Promise.reject(new Error('inner'))) }).catch(e => L('t8 -> ' + e.message));

// Resolving a promise with itself.
let self;
self = new Promise(r => Promise.resolve().then(() => r(self)));
self.catch(e => L(e.name + ': ' + e.message));

// The executor's resolving functions: first call wins, a throw after resolving is ignored.
new Promise((res, rej) => { res('once'); rej('no'); res('twice'); }).then(v => L('executor -> ' + v));
new Promise((res) => { res('kept'); throw new Error('ignored'); }).then(v => L('executor -> ' + v));
new Promise(() => { throw new RangeError('executor threw'); }).catch(e => L(e.name + ': ' + e.message));

// Promise.resolve returns a native promise as it is; reject always wraps.
const p = Promise.resolve(1);
L('resolve(p) === p: ' + (Promise.resolve(p) === p));
const r = Promise.reject(p);
r.catch(v => L('reject(p) reason is p: ' + (v === p)));
