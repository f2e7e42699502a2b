// JSON.parse: all value kinds, whitespace, escapes, nesting, reviver (order, deletion),
// __proto__ as a plain key, big numbers, and error cases (SyntaxError names).
console.log(JSON.parse('1'), JSON.parse('-0.5e2'), JSON.parse('"s"'), JSON.parse('true'), JSON.parse('null'));
var v = JSON.parse(' { "a" : [ 1 , 2 , { "b" : null } ] , "c" : "d" , "e" : {} } ');
console.log(v.a.length, v.a[2].b, v.c, Object.keys(v.e).length, Object.keys(v).join());
console.log(JSON.parse('"\\u0041\\n\\t\\"\\\\\\/\\b\\f\\r"').split('').map(function (c) { return c.charCodeAt(0); }).join());
console.log(JSON.parse('"\\ud83d\\ude00"') === '😀', JSON.parse('"日本"'));
console.log(JSON.parse('[1e400, -1e400, 123456789012345678901234567890, 0.1]'));
console.log(JSON.parse('{"a":1,"a":2}').a, JSON.parse('{"__proto__": 5}').__proto__, JSON.parse('{"2":1,"1":2}'));
var order = [];
var r = JSON.parse('{"a":{"b":1,"c":[10,20]},"d":2}', function (k, v) { order.push(k); return typeof v === 'number' ? v + 1 : v; });
console.log(order.join(' '), JSON.stringify(r));
console.log(JSON.stringify(JSON.parse('{"keep":1,"drop":2}', function (k, v) { return k === 'drop' ? undefined : v; })));
var bad = ['', '{', '[1,]', '{"a":1,}', "{'a':1}", 'undefined', 'NaN', '01', '1.', '.5', '"\\x41"', '"tab\there"', '[1 2]', 'tru', '{"a" 1}', '"unterminated'];
bad.forEach(function (s) {
  try { JSON.parse(s); console.log('parsed?', s); } catch (e) { console.log(JSON.stringify(s), e.name); }
});
var deep = JSON.parse(JSON.stringify({ l1: { l2: { l3: { l4: [1, [2, [3]]] } } } }));
console.log(deep.l1.l2.l3.l4[1][1][0]);
console.log(JSON.parse(' \t\n\r 7 \t\n\r '), typeof JSON.parse('{}'), Array.isArray(JSON.parse('[]')));
