// The global object holds the built-ins as non-enumerable properties; globalThis/global.
var names = ['Object', 'Array', 'Function', 'String', 'Number', 'Boolean', 'Math', 'JSON', 'Date',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'Map', 'Set', 'parseInt',
  'parseFloat', 'isNaN', 'isFinite', 'console', 'process', 'undefined', 'NaN', 'Infinity'];
for (var i = 0; i < names.length; i++) {
  var d = Object.getOwnPropertyDescriptor(globalThis, names[i]);
  console.log(names[i], !!d, d ? d.enumerable : '-');
}
console.log(global.global === global, globalThis.globalThis === globalThis);
undefined = 5; NaN = 1;
console.log(undefined, NaN);
console.log(Object.keys(globalThis).indexOf('Object'), typeof gc);
