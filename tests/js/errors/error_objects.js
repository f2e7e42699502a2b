// Error objects: name/message/toString, subtypes and prototype chain, custom messages,
// stack is a string starting with "Name: message", throw/catch of each subtype.
var types = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];
types.forEach(function (T) {
  var e = new T('msg');
  console.log(e.name, e.message, String(e), e instanceof Error, e instanceof T,
    Object.prototype.toString.call(e), typeof e.stack, e.stack.split('\n')[0]);
});
var plain = Error('called without new');
console.log(plain instanceof Error, plain.message);
var empty = new Error();
console.log(JSON.stringify(empty.message), String(empty), empty.hasOwnProperty('message'));
var custom = new Error('x');
custom.name = 'CustomError';
console.log(String(custom));
console.log(Error.prototype.name, TypeError.prototype.name, Error.prototype.message === '');
console.log(Object.getPrototypeOf(TypeError.prototype) === Error.prototype);
console.log(Object.keys(new Error('k')).length, Object.prototype.propertyIsEnumerable.call(new Error('k'), 'message'));
function MyError(m) { this.message = m; }
MyError.prototype = Object.create(Error.prototype);
MyError.prototype.name = 'MyError';
try { throw new MyError('mine'); } catch (e) { console.log(e instanceof Error, String(e)); }
console.log(String(new Error(undefined)), String(new Error(42)), new Error({ toString: function () { return 'obj'; } }).message);
