// Searching: indexOf/lastIndexOf (strict equality, fromIndex), includes (SameValueZero),
// find/findIndex/findLast/findLastIndex.
var a = [1, 2, 3, 2, 1, NaN, '2'];
console.log(a.indexOf(2), a.indexOf(2, 2), a.indexOf(2, -3), a.indexOf('2'), a.indexOf(9), a.indexOf(NaN));
console.log(a.lastIndexOf(2), a.lastIndexOf(2, 2), a.lastIndexOf(1, -4), a.lastIndexOf(9));
console.log(a.includes(NaN), a.includes(2), a.includes('3'), a.includes(1, 5), [, 1].includes(undefined));
console.log(a.find(function (v) { return v > 2; }), a.findIndex(function (v) { return v > 2; }));
console.log(a.find(function (v) { return v > 10; }), a.findIndex(function (v) { return v > 10; }));
console.log(a.findLast(function (v) { return v < 3; }), a.findLastIndex(function (v) { return v === 2; }));
var objs = [{ id: 1 }, { id: 2 }];
console.log(objs.find(function (o) { return o.id === 2; }), objs.indexOf(objs[1]), objs.indexOf({ id: 2 }));
console.log([0, -0].indexOf(-0), [-0].includes(0));
