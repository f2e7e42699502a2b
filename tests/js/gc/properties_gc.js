// Objects whose property storage grows and shrinks (out-of-object properties, dictionary
// mode after delete) keep their values across collections.
var o = {};
for (var i = 0; i < 300; i++) o['p' + i] = { v: i };
for (var j = 0; j < 300; j += 3) delete o['p' + j];
for (var g = 0; g < 3000; g++) var junk = [g];
var sum = 0, count = 0;
for (var k in o) { sum += o[k].v; count++; }
console.log(count, sum);
var objs = [];
for (var m = 0; m < 500; m++) {
  var x = { a: m };
  if (m % 2) x.b = m;
  if (m % 3) x.c = 'c' + m;
  objs.push(x);
}
var ok = objs.every(function (x, idx) {
  return x.a === idx && (idx % 2 ? x.b === idx : !('b' in x)) && (idx % 3 ? x.c === 'c' + idx : x.c === undefined);
});
console.log(ok);
var arr = [];
for (var n = 0; n < 2000; n++) arr.push(n % 2 ? n : 'e' + n);
arr.length = 1000;
console.log(arr.length, arr[999], arr[998]);
