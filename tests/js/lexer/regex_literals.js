// Regex literal versus division: the lexer must tell them apart by context. (The literals in
// never() are only parsed; tests/js/regexp runs them.)
var a = 10, b = 2, g = 5;
console.log(a / b / g);
console.log(a /b/ g);
var x = (a) / 2;
console.log(x);
var arr = [4];
console.log(arr[0] / 2);
function never() {
  var r1 = /ab+c/gi;
  var r2 = /[/]/;
  var r3 = /\/\*not a comment*\//;
  var r4 = a ? /x/ : /y/;
  var r5 = [/a/, /b/];
  var r6 = { k: /=/ };
  if (/re/.test('re')) return r1;
  return /x/ === /x/ ? r2 + r3 + r4 + r5 + r6 : 0;
}
console.log(typeof never);
var i = 6;
i /= 2;
console.log(i);
console.log(1 / 2 / 2);
var y = 12
/ 3;
console.log(y);
