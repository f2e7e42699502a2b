// console.log of plain objects: key quoting, nested objects up to depth 2 then [Object],
// empty objects, symbol keys, getters/setters, string values quoted with single quotes.
console.log({});
console.log({ a: 1, b: 'two', c: true, d: null, e: undefined });
console.log({ 'needs-quote': 1, valid_id: 2, $dollar: 3, '1': 4, 'with space': 5, 'é': 6, '': 7 });
console.log({ l1: { l2: { l3: { l4: 'deep' } } } });
console.log({ l1: { l2: { l3: {} } } }, { l1: { l2: { l3: [] } } });
console.log({ a: { b: { c: [1, 2] } } });
console.log({ s: "it's", t: 'say "hi"', u: `both ' and "`, v: 'new\nline', w: 'back\\slash' });
var sym = Symbol('key');
var o = { regular: 1 };
o[sym] = 'symbol valued';
console.log(o);
console.log({ get g() { return 1; }, set s(v) {}, get gs() { return 2; }, set gs(v) {} });
console.log({ nested: { arr: [1, { x: 1 }], fn: function () {} } });
console.log({ n: -0, nan: NaN, inf: -Infinity, big: 1e21 });
console.log([{ a: 1 }, { b: { c: { d: 1 } } }]);
