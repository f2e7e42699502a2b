// scope.js: chapter 5.2.1. Identifier lookup along the scope chain, a local object released
// when its function returns, and releasing globals with delete or by reassignment.
//   minijs --expose-gc examples/scope.js
var MB = 1024 * 1024;
var heap = function () {
  if (typeof gc === 'function') gc();
  return (process.memoryUsage().heapUsed / MB).toFixed(2) + ' MB';
};

// The scope chain: baz finds `local` in bar's scope, not foo's.
var foo = function () {
  var local = 'local var';
  var bar = function () {
    var local = 'another var';
    var baz = function () {
      console.log('baz sees:', local);
    };
    baz();
  };
  bar();
  return local;
};
console.log('foo sees:', foo());

// A local object lives as long as its scope.
var makeBig = function () {
  var arr = new Array(4 * MB);
  for (var i = 0; i < arr.length; i++) arr[i] = i;
  return arr;
};
console.log('heapUsed at start:                ', heap());
var withLocal = function () {
  var local = makeBig();
  console.log('heapUsed while the local is alive:', heap());
  return local.length;
};
withLocal();
console.log('heapUsed after the function ended:', heap());

// Globals stay until the reference is removed.
global.foo = makeBig();
console.log('heapUsed with global.foo:         ', heap());
delete global.foo;
console.log('heapUsed after delete global.foo: ', heap());
global.foo = makeBig();
console.log('heapUsed with global.foo again:   ', heap());
global.foo = undefined;
console.log('heapUsed after global.foo = undefined:', heap());
if (typeof gc !== 'function') console.log('(run with --expose-gc to collect before each figure)');
