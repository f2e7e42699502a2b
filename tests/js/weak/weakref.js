// flags: --expose-gc
// WeakRef targets stay alive for the rest of the job that made or deref'd them; after it,
// a GC frees an otherwise unreachable target and deref() gives undefined.
// FinalizationRegistry callbacks run after the job (after the nextTick queue) for cells
// whose targets died; unregistered cells never call back.
let wr, wr2, kept;
const log = [];
const fr = new FinalizationRegistry(held => {
  console.log('cleanup:', held);
  if (held === 'first') {
    gc();
    console.log('after the job, gc(): deref ->', wr.deref());
    console.log('still referenced: deref ->', wr2.deref() === kept);
  }
});
(function () {
  const o = {x: 1};
  wr = new WeakRef(o);
  kept = {y: 2};
  wr2 = new WeakRef(kept);
  fr.register(o, 'second');
  fr.register({}, 'first');
  const token = {};
  fr.register({}, 'never (unregistered)', token);
  console.log('unregister:', fr.unregister(token));
})();
gc();
console.log('same job, gc(): deref ->', wr.deref());
process.nextTick(() => console.log('tick runs before the callbacks'));
