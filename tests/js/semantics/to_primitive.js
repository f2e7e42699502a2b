// ToPrimitive: valueOf before toString for the number/default hint, toString first for the
// string hint; non-primitive results fall through; both failing is a TypeError.
var log = [];
function mk(name, v, s) {
  return {
    valueOf: function () { log.push(name + '.valueOf'); return v; },
    toString: function () { log.push(name + '.toString'); return s; }
  };
}
var a = mk('a', 1, 'A');
console.log(a + 1, a * 2, a + '', String(a), '' + [a], `${a}`);
console.log(log.join(' ')); log = [];
console.log(a < 2, a == 1, a == 'A');
console.log(log.join(' ')); log = [];
var b = mk('b', {}, 'B');
console.log(b + 1, +b, b * 1);
console.log(log.join(' ')); log = [];
var c = mk('c', {}, {});
try { c + 1; } catch (e) { console.log(e.name, e.message); }
console.log(log.join(' ')); log = [];
var obj = {};
console.log(obj + 1, [1, 2] + [3], [] + {}, [] + [], 1 + [2], +[], +[5], +['7'], +[1, 2]);
var k = mk('k', 'key', 'tostr');
var target = {};
target[k] = 1;
console.log(Object.keys(target).join(), log.join(' '));
log = [];
var d = new Date(0);
console.log(typeof (d + 1), typeof (d - 1), d - 1);
console.log(Number({ valueOf: function () { return '12'; } }), Number({ toString: function () { return '3'; } }));
