// Whitespace and line terminators: tab, vertical tab, form feed, NBSP, U+FEFF, U+2003, CR LF,
// U+2028 between statements.
var	a	=	1;
varb=2;
varc=3;
var d = 4;
var﻿e = 5;
var f = 6;var g = 7; var h = 8; var i = 9;
console.log(a, b, c, d, e, f, g, h, i);
function r() {
  return
}
console.log(r());
var s = 'a' + 
'b';
console.log(s);
function r2() {
  return  1;
}
console.log(r2());
function r3() {
  return   1;
}
console.log(r3());
