// switch: strict equality, fallthrough, default in the middle, no match, break in loops.
function sw(x) {
  var out = [];
  switch (x) {
    case 1: out.push('one');
    case 2: out.push('two'); break;
    default: out.push('default');
    case 3: out.push('three'); break;
    case '1': out.push('string one');
  }
  return out.join(' ');
}
console.log(sw(1), '|', sw(2), '|', sw(3), '|', sw(4), '|', sw('1'));
switch (0) { }
switch (NaN) { case NaN: console.log('NaN matched'); break; default: console.log('NaN never equals'); }
var calls = [];
function c(v) { calls.push(v); return v; }
switch (c(2)) { case c(1): break; case c(2): break; case c(3): break; }
console.log(calls.join(','));
for (var i = 0; i < 3; i++) {
  switch (i) { case 1: continue; }
  console.log('i', i);
}
switch ('x') { case 'y': console.log('no'); }
console.log('done');
