// JSON.stringify: primitives, nesting, indentation (number and string), replacer function
// and array, toJSON, undefined/function/symbol handling, escapes, non-finite numbers.
console.log(JSON.stringify(1), JSON.stringify('s'), JSON.stringify(null), JSON.stringify(true), JSON.stringify(undefined));
console.log(JSON.stringify({ a: 1, b: [1, 'two', null, true], c: { d: {} }, e: [] }));
console.log(JSON.stringify({ u: undefined, f: function () {}, s: Symbol('x'), n: null }), JSON.stringify([undefined, function () {}]));
console.log(JSON.stringify([NaN, Infinity, -Infinity, -0, 1e21, 0.1]));
console.log(JSON.stringify('quote " backslash \\ newline \n tab \t cr \r bs \b ff \f nul \0 ctl \u001f del \u007f'));
console.log(JSON.stringify('unicode é 日本 😀 lone \ud800 pair \ud83d\ude00 ls \u2028'));
console.log(JSON.stringify({ a: [1, { b: 2 }], c: 'x' }, null, 2));
console.log(JSON.stringify({ a: [1, 2], b: {} , c: []}, null, '--'));
console.log(JSON.stringify([1, [2, [3]]], null, 20).split('\n')[1].length, JSON.stringify({ a: 1 }, null, 'abcdefghijklmnop'));
console.log(JSON.stringify({ a: 1, b: 2, c: { a: 3, d: 4 } }, ['a', 'c']));
console.log(JSON.stringify({ a: 1, b: 'x', c: [1, 2] }, function (k, v) { return typeof v === 'number' ? v * 10 : v; }));
console.log(JSON.stringify({ keep: 1, drop: 2 }, function (k, v) { return k === 'drop' ? undefined : v; }));
var keys = [];
JSON.stringify({ x: { y: 1 }, z: [2] }, function (k, v) { keys.push(k === '' ? '(root)' : k); return v; });
console.log(keys.join(' '));
console.log(JSON.stringify({ toJSON: function (key) { return 'custom:' + key; } }), JSON.stringify({ nested: { toJSON: function (k) { return k; } } }));
console.log(JSON.stringify(new Date(0)), JSON.stringify({ d: new Date(86400000) }));
console.log(JSON.stringify(new Number(3)), JSON.stringify(new String('s')), JSON.stringify(new Boolean(false)), JSON.stringify(Object(1)));
console.log(JSON.stringify({ 2: 'b', 1: 'a', z: 'z' }), JSON.stringify([, 1]), JSON.stringify(Object.create({ inherited: 1 })));
var circ = { name: 'loop' };
circ.self = circ;
try { JSON.stringify(circ); } catch (e) { console.log(e.name, e.message.split('\n')[0]); }
console.log(JSON.stringify(new Map([[1, 2]])), JSON.stringify(new Set([1])), JSON.stringify({ m: Math }));
console.log(JSON.stringify({}, null, 2), JSON.stringify([], null, 2), JSON.stringify([[]], null, 1));
