// sort: default string order, numeric comparators, stability, undefined and holes last,
// sort returns the same array; reverse.
console.log([10, 9, 1, 100, 25].sort(), [10, 9, 1, 100, 25].sort(function (a, b) { return a - b; }));
console.log(['b', 'a', 'C', 'B', 'c'].sort(), [true, false, 'a', 1].sort());
var withUndef = [3, undefined, 1, , 2];
withUndef.sort();
console.log(withUndef, withUndef.length, 4 in withUndef);
var people = [{ n: 'a', age: 30 }, { n: 'b', age: 25 }, { n: 'c', age: 30 }, { n: 'd', age: 25 }, { n: 'e', age: 30 }];
people.sort(function (x, y) { return x.age - y.age; });
console.log(people.map(function (p) { return p.n; }).join(''));
var same = [3, 1, 2];
console.log(same.sort() === same, same.reverse() === same, same);
console.log([1, 2, 3, 4].reverse(), [].reverse(), [1].reverse());
var many = [];
for (var i = 0; i < 100; i++) many.push((i * 37) % 101);
many.sort(function (a, b) { return b - a; });
console.log(many.slice(0, 5), many.slice(-3));
console.log(['é', 'e', 'z', 'a'].sort(), [-1, -2, 3, 0].sort(), [2, 1].sort(undefined));
try { [2, 1].sort('not a function'); } catch (e) { console.log(e.name); }
