// WeakMap / WeakSet / WeakRef / FinalizationRegistry API surface and errors (node's messages).
const k1 = {}, k2 = function () {}, k3 = [], sym = Symbol('s');
const wm = new WeakMap([[k1, 1], [k2, 2]]);
console.log(wm.get(k1), wm.get(k2), wm.get(k3), wm.has(k1), wm.has(k3));
console.log(wm.set(k3, 3) === wm, wm.get(k3), wm.set(k3, 33).get(k3));
console.log(wm.set(sym, 'sym').get(sym), wm.has(sym));
console.log(wm.delete(k1), wm.delete(k1), wm.has(k1), wm.get(k1));
console.log(wm.get(1), wm.has('x'), wm.delete(null), wm.get(Symbol.for('reg')));
for (const bad of [1, 'str', null, undefined, true, Symbol.for('reg')]) {
  try { wm.set(bad, 1); } catch (e) { console.log(e.constructor.name, e.message); }
}
const ws = new WeakSet([k1, k2]);
console.log(ws.has(k1), ws.has(k3), ws.add(k3) === ws, ws.has(k3), ws.delete(k3), ws.has(k3));
try { ws.add(5); } catch (e) { console.log(e.constructor.name, e.message); }
try { new WeakSet([1]); } catch (e) { console.log(e.constructor.name, e.message); }
try { new WeakMap([1]); } catch (e) { console.log(e.constructor.name, e.message); }
try { WeakMap(); } catch (e) { console.log(e.constructor.name, e.message); }
try { WeakSet.prototype.has.call(new Map(), k1); } catch (e) { console.log(e.message); }
try { WeakMap.prototype.set.call(new WeakSet(), k1, 1); } catch (e) { console.log(e.message); }

// Many keys: the table grows and rehashes; deletes leave tombstones that are reused.
const keys = [];
const big = new WeakMap();
for (let i = 0; i < 2000; i++) { keys.push({i}); big.set(keys[i], i); }
for (let i = 0; i < 2000; i += 2) big.delete(keys[i]);
for (let i = 0; i < 2000; i += 2) big.set(keys[i], -i);
let ok = true;
for (let i = 0; i < 2000; i++) if (big.get(keys[i]) !== (i % 2 ? i : -i)) ok = false;
console.log('2000 keys after deletes and re-adds:', ok);
// Frozen keys cannot take the hidden hash property but still work.
const frozen = Object.freeze({f: 1});
big.set(frozen, 'frozen');
console.log(big.get(frozen), big.has(Object.freeze({})));

// Adder from the prototype is used by the constructor.
const seen = [];
const orig = WeakMap.prototype.set;
WeakMap.prototype.set = function (k, v) { seen.push(v); return orig.call(this, k, v); };
new WeakMap([[k1, 'a'], [k2, 'b']]);
WeakMap.prototype.set = orig;
console.log(seen);

const wr = new WeakRef(k1);
console.log(wr.deref() === k1, typeof WeakRef.prototype.deref, WeakRef.length);
try { new WeakRef(1); } catch (e) { console.log(e.constructor.name, e.message); }
try { WeakRef(k1); } catch (e) { console.log(e.constructor.name, e.message); }
const fr = new FinalizationRegistry(() => {});
console.log(fr.register(k1, 'h1'), fr.register(k2, 'h2', k3), fr.unregister(k3), fr.unregister(k3));
try { fr.register(k1, k1); } catch (e) { console.log(e.constructor.name, e.message); }
try { fr.register(1, 2); } catch (e) { console.log(e.constructor.name, e.message); }
try { fr.register(k1, 2, 'tok'); } catch (e) { console.log(e.constructor.name, e.message); }
try { fr.unregister(1); } catch (e) { console.log(e.constructor.name, e.message); }
try { new FinalizationRegistry(); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(String(wm), String(ws), String(wr), String(fr));
console.log(wm, ws, wr, fr);
wm.extra = 1;
console.log([wm], {ws});
console.log(Object.getOwnPropertyNames(WeakMap.prototype), Object.getOwnPropertyNames(WeakSet.prototype));
console.log(Object.getOwnPropertyNames(WeakRef.prototype), Object.getOwnPropertyNames(FinalizationRegistry.prototype));
