// ES2015+ Array methods: from, of, fill, copyWithin, flat, flatMap, at, entries/keys/values
// via for-of.
console.log(Array.from('abc'), Array.from({ length: 3 }), Array.from([1, 2], function (v) { return v * 10; }));
console.log(Array.from({ length: 2, 0: 'x', 1: 'y' }), Array.from(new Set([1, 1, 2])), Array.of(1, 2, 3));
console.log(new Array(4).fill(0), [1, 2, 3, 4].fill(9, 1, 3), [1, 2, 3].fill(7, -1));
console.log([1, 2, 3, 4, 5].copyWithin(0, 3), [1, 2, 3, 4, 5].copyWithin(1, 0, 2));
console.log([1, [2, [3, [4]]]].flat(), [1, [2, [3, [4]]]].flat(2), [1, [2, [3, [4]]]].flat(Infinity));
console.log([1, 2].flatMap(function (v) { return [v, v * 2]; }), [[1], [2]].flatMap(function (v) { return v; }));
console.log([1, 2, 3].at(0), [1, 2, 3].at(-1), [1, 2, 3].at(5));
var out = [];
for (var k of ['a', 'b'].keys()) out.push(k);
for (var e of ['a', 'b'].entries()) out.push(e.join('='));
for (var v of ['a', 'b'].values()) out.push(v);
console.log(out.join(' '));
