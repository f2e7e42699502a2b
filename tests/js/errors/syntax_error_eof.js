// Unterminated block: "SyntaxError: Unexpected end of input", status 1.
function f() {
  console.log('never');
