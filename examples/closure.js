// closure.js: chapter 5.2.2. A closure returned from bar() keeps bar's scope, and the big
// array in it, alive until the closure itself is dropped.
//   minijs --expose-gc examples/closure.js
var MB = 1024 * 1024;
var heap = function () {
  if (typeof gc === 'function') gc();
  return (process.memoryUsage().heapUsed / MB).toFixed(2) + ' MB';
};

var foo = function () {
  var bar = function () {
    var local = 'local variable';
    return function () {
      return local;
    };
  };
  var baz = bar();
  console.log(baz());
};
foo();

console.log('heapUsed at start:            ', heap());
var makeHolder = function () {
  var big = new Array(4 * MB);
  for (var i = 0; i < big.length; i++) big[i] = i;
  return function () {
    return big.length;
  };
};
var holder = makeHolder();
console.log('heapUsed while holder exists: ', heap(), '(holder() = ' + holder() + ')');
holder = null;
console.log('heapUsed after holder = null: ', heap());
