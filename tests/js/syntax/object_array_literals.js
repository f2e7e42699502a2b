// Object and array literals: trailing commas, duplicate keys (last wins), nested literals,
// numeric keys normalised, children made with Object.create.
var o = { a: 1, b: 2, a: 3, };
console.log(o.a, Object.keys(o).join(','));
var nums = { 1: 'one', 1.0: 'still one', '01': 'string 01', 1e3: 'thousand' };
console.log(Object.keys(nums).join(','), nums[1], nums[1000]);
var arr = [1, 2, 3, ];
console.log(arr.length);
var nested = { list: [{ n: 1 }, { n: 2 }], map: { inner: { deep: true } } };
console.log(nested.list[1].n, nested.map.inner.deep);
var proto = { hello: function () { return 'from proto'; } };
var child = Object.create(proto);
child.own = 1;
console.log(child.hello(), Object.getPrototypeOf(child) === proto, Object.keys(child).join());
var empty = {}, emptyArr = [];
console.log(Object.keys(empty).length, emptyArr.length);
var big = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
console.log(big.length, big[20]);
