const sleep0 = (v) => new Promise(r => r(v));
async function add(a, b) { const x = await sleep0(a); const y = await b; return x + y; }
async function fails() { await null; throw new Error('nope'); }
const arrow = async (n) => (await add(n, 1)) * 2;
const one = async x => x + 1;
class K { async m() { return await this.v(); } v() { return 'method'; } }
const o = { async f() { try { await fails(); } catch (e) { return 'caught ' + e.message; } } };
console.log('sync first');
add(1, 2).then(v => console.log('add', v));
arrow(3).then(v => console.log('arrow', v));
one(9).then(v => console.log('one', v));
new K().m().then(v => console.log('class', v));
o.f().then(v => console.log('obj', v));
fails().catch(e => console.log('rejected', e.message));
(async () => { for (const p of [sleep0(1), sleep0(2)]) console.log('loop', await p); })();
async function order() { console.log('o1'); await undefined; console.log('o3'); }
order(); console.log('o2');
console.log(add(1, 1) instanceof Promise);
// await of thenables and of rejected promises; an async function's own rejections
const thenable = { then(ok) { ok('thenable'); } };
(async () => console.log('then', await thenable))();
(async () => { try { await Promise.reject(new TypeError('bad')); } catch (e) { console.log(e.name); } })();
