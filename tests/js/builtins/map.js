// Map: insertion order, SameValueZero keys (NaN, -0), object keys, size, delete, clear,
// iteration with forEach / for-of / keys / values / entries, chaining set.
var m = new Map();
var objKey = {}, fnKey = function () {};
m.set('a', 1).set(1, 'one').set('1', 'string one').set(objKey, 'obj').set(fnKey, 'fn').set(NaN, 'nan');
console.log(m.size, m.get('a'), m.get(1), m.get('1'), m.get(objKey), m.get({}), m.get(fnKey), m.get(NaN));
m.set(-0, 'zero');
console.log(m.get(0), m.get(-0), m.has(0), m.has('zero'));
m.set('a', 'replaced');
var keys = [];
m.forEach(function (v, k, map) { keys.push((typeof k === 'function' ? 'fn' : String(k)) + '=' + v + (map === m ? '' : '!')); });
console.log(keys.join(' | '));
console.log(m.delete('a'), m.delete('a'), m.size);
var ordered = new Map([['z', 1], ['y', 2]]);
ordered.set('x', 3);
ordered.delete('z');
ordered.set('z', 4);
var out = [];
for (var e of ordered) out.push(e[0] + e[1]);
for (var k of ordered.keys()) out.push(k);
for (var v of ordered.values()) out.push(v);
for (var en of ordered.entries()) out.push(en.join(':'));
console.log(out.join(' '));
ordered.clear();
console.log(ordered.size, ordered.get('x'));
var big = new Map();
for (var i = 0; i < 1000; i++) big.set('k' + i, i);
for (var j = 0; j < 1000; j += 2) big.delete('k' + j);
console.log(big.size, big.get('k999'), big.get('k998'), big.has('k1'));
console.log(typeof Map.prototype.get, Object.prototype.toString.call(m), m instanceof Map);
try { Map(); } catch (e) { console.log(e.name); }
console.log(Array.from(new Map([[1, 'a'], [2, 'b']]).keys()));
