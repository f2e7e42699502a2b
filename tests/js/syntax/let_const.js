// let/const: block scoping, shadowing, TDZ errors, const reassignment TypeError.
let a = 1;
{
  let a = 2;
  const b = 3;
  console.log(a, b);
}
console.log(a, typeof b);
try {
  console.log(tdz);
  let tdz = 1;
} catch (e) {
  console.log(e.name, e.message);
}
try {
  const c = 1;
  c = 2;
} catch (e) {
  console.log(e.name, e.message);
}
function f() {
  try { return typeof x; } finally { }
  let x;
}
try { f(); } catch (e) { console.log('typeof in TDZ:', e.name); }
let fns = [];
for (let i = 0; i < 3; i++) fns.push(function () { return i; });
console.log(fns.map(function (g) { return g(); }).join(','));
let vfns = [];
for (var j = 0; j < 3; j++) vfns.push(function () { return j; });
console.log(vfns.map(function (g) { return g(); }).join(','));
const o = { n: 1 };
o.n = 2;
console.log(o.n);
switch (1) {
  case 1: { let s = 'case scoped'; console.log(s); }
}
if (true) { let inIf = 'if'; console.log(inIf); }
console.log(typeof inIf);
let u;
console.log(u);
