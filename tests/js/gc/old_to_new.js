// Write barrier: an object that has been promoted (it survives many collections) is later
// made to point at freshly allocated objects; those must not be lost or left stale.
var holder = { slots: [] };
for (var i = 0; i < 200; i++) holder.slots.push(null);
var junk;
for (var round = 0; round < 40; round++) {
  for (var j = 0; j < 200; j++) junk = { j: j, pad: [j, j, j] };
  var k = round % 200;
  holder.slots[k] = { round: round, payload: 'p' + round, inner: { v: round * 2 } };
  holder['prop' + round] = [round];
}
var good = 0;
for (var r = 0; r < 40; r++) {
  var s = holder.slots[r];
  if (s && s.round === r && s.payload === 'p' + r && s.inner.v === r * 2 && holder['prop' + r][0] === r) good++;
}
console.log(good, typeof junk);
