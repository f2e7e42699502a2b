// flags: --expose-gc
// stress: --gc-interval=20 --verify-heap
// Ephemeron chains: the value of one entry is the key of the next. Everything hangs on the
// first key; while it lives the whole chain is reachable through the WeakMap, and once it is
// dropped every entry goes, including a value that refers back to its own key.
function used() { gc(); gc(); return process.memoryUsage().heapUsed; }
const wm = new WeakMap();
let head = {n: 0};
const base = used();
(function () {
  let k = head;
  for (let i = 1; i <= 2000; i++) {
    const next = {n: i, pad: new Array(50).fill(i), back: k};
    wm.set(k, next);
    k = next;
  }
})();
gc();
function length() {
  let k = head, n = 0;
  while (wm.has(k)) { k = wm.get(k); n++; }
  return n;
}
console.log('chain reachable from its head:', length());
const held = used() - base;
console.log('chain holds memory:', held > 500 * 1024);
head = null;
// What remains is the WeakMap's own (not yet shrunk) table.
console.log('chain freed with its head:', used() - base < held / 3);
