// console.log of arrays with more than 6 items: node groups short entries into aligned
// columns (numbers right-aligned, strings left-aligned) once the output exceeds one line.
console.log([1, 2, 3, 4, 5, 6, 7]);
var nums = [];
for (var i = 0; i < 26; i++) nums.push(i * i);
console.log(nums);
console.log(['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew']);
console.log([1, 22, 333, 4444, 55555, 666666, 7777777, 88888888]);
var mixed = [1, 'two', 3, 'four', 5, 'six', 7, 'eight', 9, 'ten'];
console.log(mixed);
var floats = [];
for (var j = 0; j < 12; j++) floats.push(j / 4);
console.log(floats);
var negs = [];
for (var k = -5; k < 5; k++) negs.push(k * 11);
console.log(negs);
console.log([true, false, true, false, true, false, true, false]);
