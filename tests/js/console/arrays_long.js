// console.log of arrays longer than 100 items: only the first 100 are shown, then
// "... N more items"; long strings prevent grouping.
var a = [];
for (var i = 0; i < 150; i++) a.push(i);
console.log(a);
var b = [];
for (var j = 0; j < 101; j++) b.push('s' + j);
console.log(b);
var c = new Array(200);
c[150] = 'x';
console.log(c);
var longStrings = [];
for (var k = 0; k < 8; k++) longStrings.push('a fairly long string number ' + k);
console.log(longStrings);
