// for-of over arrays and strings, with var/let/const and existing bindings, break/continue.
var out = [];
for (var x of [1, 2, 3]) out.push(x);
console.log(out.join(','), x);
for (let c of 'abc') out.push(c);
console.log(out.join(''));
for (const v of [10, 20]) console.log(v);
var y;
for (y of ['p', 'q']) ;
console.log(y);
for (var s of 'a😀b') console.log(s, s.length);
var fs = [];
for (let i of [1, 2, 3]) fs.push(() => i);
console.log(fs.map(f => f()).join(','));
for (var k of [1, 2, 3, 4, 5]) {
  if (k === 2) continue;
  if (k === 4) break;
  console.log('k', k);
}
for (var h of [, 'after hole']) console.log(h);
var grow = [1];
for (var g of grow) { if (grow.length < 4) grow.push(g + 1); }
console.log(grow.join(','));
var o = {};
for (o.prop of ['set via member']) ;
console.log(o.prop);
