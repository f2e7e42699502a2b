// console.log of arrays: short ones on one line, holes, extra properties, nested depth.
console.log([], [1, 2, 3], ['a', 'b'], [undefined, null], [-0, 0]);
console.log([1, , 3], [, , ,], new Array(5), [1, , , , 5]);
var extra = [1, 2];
extra.prop = 'x';
extra['-1'] = 'neg';
console.log(extra);
console.log([[1, [2, [3, [4, [5]]]]]]);
console.log([[]], [{}], [[[]]]);
console.log(['it\'s', "q\"uote"]);
console.log([function named() {}, function () {}, () => {}]);
