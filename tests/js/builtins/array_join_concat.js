// join (separators, null/undefined as empty, nested arrays), toString, concat (spreading
// arrays one level, not array-likes), and array-to-string conversions.
console.log([1, 2, 3].join(), [1, 2, 3].join(''), [1, 2, 3].join(' - '), [].join(), [null, undefined, 1].join());
console.log([1, [2, [3, 4]]].join(';'), [1, 2].toString(), String([1, [2, 3]]), [{}].join());
console.log([1].concat(2, [3, 4], [[5]]), [].concat([]).length, [1].concat({ length: 1, 0: 'x' }).length);
var a = [1, 2];
var b = a.concat();
b.push(3);
console.log(a, b);
console.log(new Array(3).join('ab'), [, ,].join('-'), [1, 2].join(undefined));
console.log([1.5, -0, 1e21].join(), ['a', 'b'].join(null));
