// var and function declarations are hoisted; function declarations are initialised first.
console.log(typeof hoisted, v);
var v = 1;
function hoisted() { return 'hoisted'; }
console.log(hoisted(), v);
function outer() {
  console.log(typeof inner, typeof w);
  var w = 2;
  function inner() {}
  return w;
}
console.log(outer());
var fe = function named() { return typeof named; };
console.log(fe(), typeof named);
var dup = 1;
var dup;
console.log(dup);
function twice() { return 1; }
function twice() { return 2; }
console.log(twice());
