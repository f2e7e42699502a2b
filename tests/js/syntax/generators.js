function* count(n) { for (let i = 0; i < n; i++) { const got = yield i; if (got) console.log('got', got); } return 'end'; }
const g = count(3);
console.log(g.next(), g.next('a'), g.next(), g.next(), g.next());
console.log([...count(4)], Array.from(count(2)));
for (const x of count(2)) console.log('x', x);
function* inner() { yield 1; yield 2; }
function* outer() { yield 0; yield* inner(); yield* [3, 4]; }
console.log([...outer()]);
const obj = { *items() { yield 'a'; yield 'b'; } };
console.log([...obj.items()]);
class C { constructor() { this.v = [5, 6]; } *[Symbol.iterator]() { yield* this.v; } }
console.log([...new C()]);
function* t() { try { yield 1; yield 2; } catch (e) { console.log('caught', e); yield 99; } finally { console.log('fin'); } }
const it = t(); console.log(it.next(), it.throw('boom'), it.next());
const r = count(5); r.next(); console.log(r.return(7), r.next());
console.log(typeof g.next, g[Symbol.iterator]() === g, Object.prototype.toString.call(g));
// generators as lazy sequences: only what is consumed is computed
function* naturals() { let n = 0; for (;;) yield n++; }
function* take(it, k) { for (const x of it) { if (k-- <= 0) return; yield x; } }
console.log([...take(naturals(), 5)]);
const gen = naturals();
try { gen.next.call({}); } catch (e) { console.log(e.constructor.name); }
try { new (function* () {})(); } catch (e) { console.log(e.constructor.name); }
console.log(Object.getPrototypeOf(naturals.prototype) === Object.getPrototypeOf(take.prototype), 'constructor' in naturals.prototype);
function* early() { yield 1; return 2; }
const e = early(); console.log(e.return(5), e.next());
const s = early(); console.log(s.throw instanceof Function);
try { s.throw(new Error('before start')); } catch (err) { console.log(err.message, s.next()); }
