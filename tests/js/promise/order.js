// Order of promise reactions, process.nextTick and queueMicrotask after the main module, as
// node runs them: every tick first, then every microtask, repeated until both are empty.
function L(x) { console.log(x); }

Promise.resolve().then(() => L('p1')).then(() => L('p2')).then(() => L('p3'));
process.nextTick(() => {
    L('t1');
    Promise.resolve().then(() => L('p from t1'));
    process.nextTick(() => L('t from t1'));
});
queueMicrotask(() => {
    L('q1');
    process.nextTick(() => L('t from q1'));
    queueMicrotask(() => L('q from q1'));
});
process.nextTick(() => L('t2'));

// A resolved promise passed to resolve() costs two extra turns (a thenable job, then then).
new Promise(r => r(Promise.resolve('adopted'))).then(v => L(v));
Promise.resolve('direct').then(v => L(v));

// Reactions run in registration order, also when added to an already settled promise.
const p = Promise.resolve('shared');
p.then(v => L(v + ' 1'));
p.then(v => L(v + ' 2'));

// A long chain interleaves with a second chain one step at a time.
let a = Promise.resolve(), b = Promise.resolve();
for (let i = 0; i < 3; i++) {
    a = a.then(() => L('a' + i));
    b = b.then(() => L('b' + i));
}

// Errors travel down the chain to the first rejection handler.
Promise.resolve()
    .then(() => { throw new Error('thrown in then'); })
    .then(() => L('skipped'))
    .catch(e => { L('caught: ' + e.message); return 'recovered'; })
    .then(v => L(v));

// finally passes values and reasons through, waits for its own result, and can override.
Promise.resolve(1).finally(() => L('finally 1')).then(v => L('after finally ' + v));
Promise.reject(new Error('r')).finally(() => 2).catch(e => L('finally kept ' + e.message));
Promise.resolve(3).finally(() => { throw new Error('from finally'); }).catch(e => L(e.message));
Promise.resolve(4).finally(() => Promise.resolve(5)).then(v => L('finally waited, got ' + v));

L('sync end');
