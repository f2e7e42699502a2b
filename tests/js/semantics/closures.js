// Closures: private counters, closures sharing one context, independent contexts per call,
// capture of parameters, closures outliving their frame, deeply nested captures.
function makeCounter() {
  var n = 0;
  return { inc: function () { return ++n; }, get: function () { return n; } };
}
var c1 = makeCounter(), c2 = makeCounter();
c1.inc(); c1.inc(); c2.inc();
console.log(c1.get(), c2.get());
function shared() {
  var x = 1;
  var read = function () { return x; };
  var write = function (v) { x = v; };
  return [read, write];
}
var rw = shared();
rw[1](42);
console.log(rw[0]());
function adder(a) { return function (b) { return a + b; }; }
var add5 = adder(5);
console.log(add5(1), adder(10)(1), add5(2));
function level1() {
  var a = 'a';
  return function level2() {
    var b = 'b';
    return function level3() {
      var c = 'c';
      return function level4() { return a + b + c; };
    };
  };
}
console.log(level1()()()());
var fns = [];
function capture(i) { fns.push(function () { return i * 10; }); }
for (var i = 0; i < 3; i++) capture(i);
console.log(fns[0](), fns[1](), fns[2]());
var once = (function () {
  var done = false;
  return function () { if (done) return 'already'; done = true; return 'first'; };
})();
console.log(once(), once());
function outerArgs() { var args = arguments; return function () { return args[0]; }; }
console.log(outerArgs('kept')());
function mutateLater() {
  var v = 'before';
  var f = function () { return v; };
  v = 'after';
  return f;
}
console.log(mutateLater()());
var memo = (function () {
  var cache = {};
  return function (n) { return cache[n] || (cache[n] = n * n); };
})();
console.log(memo(4), memo(4));
