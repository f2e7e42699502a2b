// Labelled statements with break/continue on loops and blocks.
outer: for (var i = 0; i < 3; i++) {
  for (var j = 0; j < 3; j++) {
    if (j === 1) continue outer;
    if (i === 2) break outer;
    console.log('ij', i, j);
  }
}
console.log('end', i, j);
block: {
  console.log('in block');
  if (true) break block;
  console.log('unreachable');
}
var n = 0;
w: while (true) {
  do {
    n++;
    if (n > 5) break w;
    continue w;
  } while (false);
}
console.log('n', n);
a: b: for (var k = 0; k < 2; k++) { if (k === 1) break a; console.log('k', k); }
lbl: for (var x in { p: 1, q: 2, r: 3 }) { if (x === 'q') continue lbl; console.log(x); }
