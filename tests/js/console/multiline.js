// Line breaking: an object whose one-line form exceeds the width (72 chars at the top level
// with 80 as the break length) is printed one property per line, nested objects indented.
console.log({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddd' });
console.log({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'ddddddddddd' });
console.log({ user: { name: 'Ada Lovelace', born: 1815, languages: ['English', 'French'] }, active: true, tags: ['math', 'poetry', 'engines'] });
console.log({ a: { b: 'a string that is quite long to force the break', c: 'another long string here' } });
console.log(['a long string element number one', 'a long string element number two', 'three']);
console.log({ k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9, k10: 10, k11: 11, k12: 12, k13: 13 });
console.log({ arr: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27] });
console.log('prefix', { alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dd' });
var str = '';
for (var i = 0; i < 100; i++) str += 'x';
console.log({ long: str });
console.log([str]);
