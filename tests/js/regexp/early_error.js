// An invalid regex literal is an early SyntaxError: the script does not start, even when the
// literal sits in a function that never runs.
console.log("not printed");
function never() {
  return /a(b/g;
}
