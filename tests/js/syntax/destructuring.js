const [a, b = 2, ...rest] = [1, undefined, 3, 4];
console.log(a, b, rest);
const {x, y: why = 5, z: {deep} = {deep: 'd'}, ...others} = {x: 1, q: 9, r: 8};
console.log(x, why, deep, others);
let p, q;
[p, q] = [q, p] = [1, 2];
console.log(p, q);
({p, q = 7} = {p: 3});
console.log(p, q);
function f({name, age = 30}, [first, , third] = ['a', 'b', 'c'], ...more) { return `${name} ${age} ${first} ${third} ${more.length}`; }
console.log(f({name: 'bob'}), f({name: 'al', age: 5}, [1, 2, 3], 4, 5));
const arrow = ({a, b}) => a + b;
console.log(arrow({a: 1, b: 2}));
const m = new Map([['k1', 1], ['k2', 2]]);
for (const [k, v] of m) console.log(k, v);
for (const {id} of [{id: 1}, {id: 2}]) console.log('id', id);
try { throw {code: 42, msg: 'bad'}; } catch ({code, msg}) { console.log(code, msg); }
function* nat() { let n = 0; for (;;) yield n++; }
const [n0, n1, n2] = nat();
console.log(n0, n1, n2);
const o = {a: 1, b: 2}; const o2 = {...o, c: 3, ...null, ...{a: 9}};
console.log(o2);
const obj = {}; [obj.first, obj['second']] = ['F', 'S']; console.log(obj);
const {length} = 'hello'; console.log(length);
const [c1, c2] = 'hi'; console.log(c1, c2);
try { const {u} = null; } catch (e) { console.log(e.constructor.name); }
var {v1, v2} = {v1: 'var1', v2: 'var2'}; console.log(v1, v2);
const key = 'dyn'; const {[key]: dynVal} = {dyn: 'D'}; console.log(dynVal);
const swap = [1, 2]; [swap[0], swap[1]] = [swap[1], swap[0]]; console.log(swap);
// early errors
for (const src of ['var [a];', 'let {b};', '({a = 1});', '[a, ...b, c] = [];', 'const [x.y] = [];', '({a: 1} = {});']) {
  try { eval(src); console.log('no error', src); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
}
