// The Promise constructor and prototype: shapes, errors, subclass-like constructors through
// NewPromiseCapability, species and toStringTag.
function L(x) { console.log(x); }
function t(f) { try { f(); L('no error'); } catch (e) { L(e.name + ': ' + e.message); } }

L(typeof Promise + ' ' + Promise.length + ' ' + Promise.name);
L(Object.getOwnPropertyNames(Promise).join(','));
L(Object.getOwnPropertyNames(Promise.prototype).join(','));
L([Promise.prototype.then.length, Promise.prototype.catch.length, Promise.prototype.finally.length,
   Promise.all.length, Promise.resolve.length, Promise.reject.length].join(','));
const d = Object.getOwnPropertyDescriptor(Promise.prototype, Symbol.toStringTag);
L(d.value + ' ' + d.writable + ' ' + d.enumerable + ' ' + d.configurable);
L(Object.prototype.toString.call(Promise.resolve()) + ' ' + String(new Promise(() => {})));
L(Promise[Symbol.species] === Promise);
L(Object.getPrototypeOf(Promise.resolve()) === Promise.prototype);
L(Promise.resolve() instanceof Promise);
L(typeof queueMicrotask + ' ' + queueMicrotask.length);

t(() => Promise());
t(() => new Promise());
t(() => new Promise(1));
t(() => new Promise({}));
t(() => Promise.prototype.then.call({}, () => {}));
t(() => Promise.prototype.then.call(1));
t(() => Promise.prototype.finally.call(1));
t(() => Promise.resolve.call(1));
t(() => Promise.reject.call('x'));
t(() => Promise.resolve.call({}, 1));
t(() => Promise.resolve.call(function () {}, 1));
t(() => Promise.resolve.call(function (ex) { ex(1, 2); ex(3, 4); }, 1));
t(() => queueMicrotask());
t(() => queueMicrotask(1));
t(() => queueMicrotask('abc'));
t(() => queueMicrotask({}));
t(() => queueMicrotask([]));

// A constructor that is not Promise gets the executor and supplies resolve/reject.
function MyPromise(executor) {
    L('MyPromise constructed');
    const p = new Promise(executor);
    p.tag = 'mine';
    return p;
}
const m = Promise.resolve.call(MyPromise, 7);
L('tag ' + m.tag);
m.then(v => L('MyPromise value ' + v));
MyPromise.resolve = Promise.resolve;
Promise.all.call(MyPromise, [1, 2]).then(v => L('MyPromise all ' + v));
Promise.all.call(function (ex) { ex(() => {}, e => L('rejected: ' + e.message)); }, [1]);

// then consults constructor[Symbol.species].
const q = Promise.resolve('species');
q.constructor = { [Symbol.species]: MyPromise };
const q2 = q.then(v => L('then with species: ' + v));
L('derived tag ' + q2.tag);
const q3 = Promise.resolve();
q3.constructor = 5;
t(() => q3.then());
const q4 = Promise.resolve();
q4.constructor = { [Symbol.species]: 5 };
t(() => q4.then());
const q5 = Promise.resolve('null species');
q5.constructor = { [Symbol.species]: null };
q5.then(v => L(v + ' uses Promise: ' + (q5.then() instanceof Promise)));

// catch calls this.then, whatever it is.
const fake = { then(a, b) { L('fake then ' + a + ' ' + typeof b); return 'fake result'; } };
L(Promise.prototype.catch.call(fake, () => {}));
// finally with a non-function passes both arguments on unchanged.
Promise.prototype.finally.call({ then(a, b) { L('finally args ' + a + ' ' + b); } }, 9);
