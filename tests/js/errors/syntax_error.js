// A SyntaxError in the main file: nothing runs; stderr shows file:line, the source line,
// a caret under the bad token and "SyntaxError: Unexpected token ';'"; status 1.
console.log('not printed: the whole file fails to parse');
var x = ;
