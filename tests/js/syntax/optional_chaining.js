const o = {a: {b: {c: 1, f() { return this.c; }}}, arr: [1, 2], fn: null};
let u;
console.log(o?.a?.b?.c, u?.x, u?.x.y.z, o.a?.zz?.q, o.arr?.[1], u?.[0], o.a.b.f?.(), o.fn?.(), u?.f());
console.log(o.a?.b.f(), (u?.x)?.y, typeof u?.x, o?.["a"]?.["b"]?.c);
const calls = []; function g() { calls.push(1); return 5; }
console.log(u?.[g()], calls.length, o.zz?.[g()], calls.length);
console.log(null ?? 'd', 0 ?? 'd', u?.a ?? 'fallback');
try { eval('u?.x = 1'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
const t = 1.5 ? .5 : 2; console.log(t, true?.5:1);
let la = null, lb = 0, lc = 1; const lo = {v: undefined};
la ??= 'set'; lb ||= 'or'; lc &&= 'and'; lo.v ??= 'prop'; lo['w'] ||= 'idx';
let cnt = 0; const side = () => ++cnt; lc ||= side(); la ??= side();
console.log(la, lb, lc, lo, cnt);
