// Object.prototype methods: toString tags for every built-in kind, valueOf, toLocaleString,
// propertyIsEnumerable, isPrototypeOf, hasOwnProperty.
var ts = Object.prototype.toString;
console.log(ts.call({}), ts.call([]), ts.call(function () {}), ts.call(null), ts.call(undefined));
console.log(ts.call(1), ts.call('s'), ts.call(true), ts.call(new Date(0)), ts.call(new Error('e')));
console.log(ts.call(Math), ts.call(JSON), ts.call(new Map()), ts.call(new Set()), ts.call(Symbol()));
console.log((function () { return ts.call(arguments); })(), ts.call(Object.create(null)));
var o = { a: 1 };
console.log(o.valueOf() === o, o.toString(), o.toLocaleString(), String(o));
console.log(o.propertyIsEnumerable('a'), o.propertyIsEnumerable('toString'), [1].propertyIsEnumerable('length'), [1].propertyIsEnumerable(0));
console.log(Object.prototype.isPrototypeOf.call(Array.prototype, []), Array.prototype.isPrototypeOf({}));
console.log(Object.prototype.constructor === Object, ({}).constructor === Object, [].constructor === Array);
