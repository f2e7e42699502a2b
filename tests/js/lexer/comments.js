// Comments: line, block, nested-looking, inside expressions, HTML-like not used.
var a = 1; // trailing comment
/* block */ var b = /* inline */ 2;
/*
 * multi-line
 */
var c = a /* between */ + b;
console.log(a, b, c);
var d = 4 /* a comment with // inside */, e = 5;
console.log(d, e);
// /* a block opener in a line comment does nothing
console.log('after');
var s = '/* not a comment */', t = "// nor this";
console.log(s, t);
console.log(1 /**/ + /***/ 2 /** **/);
/**/console.log('empty block comment');
