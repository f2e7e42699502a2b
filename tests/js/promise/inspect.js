// console.log and util.inspect of promises, as node prints them.
const util = require('util');

console.log(Promise.resolve(1));
console.log(Promise.resolve('s'));
console.log(new Promise(() => {}));
const r = Promise.reject(42);
r.catch(() => {});
console.log(r);
const e = Promise.reject({ code: 'E', list: [1, 2, 3] });
e.catch(() => {});
console.log(e);
const p = Promise.resolve({ a: 1, b: { c: [1, 2] } });
p.extra = true;
console.log(p);
console.log([Promise.resolve(undefined), { p: Promise.resolve(null) }]);
console.log(util.inspect(Promise.resolve({ a: { b: { c: {} } } }), { depth: 0 }));
console.log(util.inspect(new Promise(() => {}), { showHidden: true }));
console.log(`${util.inspect(Promise.resolve(Promise.resolve(2)))}`);
const nested = Promise.resolve();
nested.then(() => console.log('after a turn', Promise.resolve([1, 'two'])));
const slow = new Promise(res => setImmediateLike(() => res('done')));
function setImmediateLike(f) { Promise.resolve().then(() => Promise.resolve()).then(f); }
console.log('before', slow);
slow.then(() => console.log('after', slow));
