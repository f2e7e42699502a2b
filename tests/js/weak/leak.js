// flags: --expose-gc
// stress: --gc-interval=1000 --verify-heap
// The chapter's leak: a cache keyed by objects. With a Map every key and its value stay
// reachable after the program drops the keys, so heapUsed grows with each round; with a
// WeakMap the entries go with their keys (ephemerons) and heapUsed stays flat.
function used() { gc(); gc(); return process.memoryUsage().heapUsed; }
const MB = 1024 * 1024;

function round(cache) {
  for (let i = 0; i < 2000; i++) {
    const key = {id: i};
    cache.set(key, new Array(100).fill(i)); // ~1 KB of value per key
  }
}

const strong = new Map();
let base = used();
for (let r = 0; r < 5; r++) round(strong);
const mapGrowth = used() - base;
console.log('Map keeps 10000 entries:', strong.size === 10000);
console.log('Map heapUsed grew by more than 4 MB:', mapGrowth > 4 * MB);

const weak = new WeakMap();
base = used();
const samples = [];
for (let r = 0; r < 5; r++) {
  round(weak);
  samples.push(used() - base);
}
console.log('WeakMap heapUsed stays flat (< 1 MB growth each round):',
            samples.every(d => d < 1 * MB));
console.log('WeakMap grows far less than Map:', samples[4] * 10 < mapGrowth);

// Entries whose keys are still referenced survive, values intact.
const live = [];
for (let i = 0; i < 100; i++) {
  const k = {i};
  live.push(k);
  weak.set(k, 'v' + i);
}
gc();
console.log('live keys kept:', live.every((k, i) => weak.get(k) === 'v' + i && weak.has(k)));

// A WeakSet of dropped objects frees them too.
const ws = new WeakSet();
base = used();
for (let i = 0; i < 20000; i++) ws.add({payload: new Array(20).fill(i)});
console.log('WeakSet of dropped objects stays flat:', used() - base < 1 * MB);
