// Map and Set inspection: Map(n) { k => v }, Set(n) { v }, empty ones, nested and in objects.
console.log(new Map(), new Set());
console.log(new Map([['a', 1], ['b', { c: 2 }], [3, [4]]]));
console.log(new Set([1, 'two', { three: 3 }, [4]]));
console.log({ m: new Map([[{ k: 1 }, new Set([1])]]) });
var m = new Map();
for (var i = 0; i < 10; i++) m.set('key' + i, i);
console.log(m);
console.log([new Set([1, 2]), new Map([[1, 2]])]);
