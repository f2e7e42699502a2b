// Boxed primitives and dates: [Number: 3], [String: 'x'], [Boolean: true], dates as ISO
// strings, invalid dates, symbols in containers, -0 in containers.
console.log(new Number(3), new String('str'), new Boolean(true), Object(Symbol('s')));
console.log(new Date(0), [new Date(86400000)], { d: new Date(0) }, new Date(NaN));
console.log([Symbol('in array')], { k: Symbol() }, [-0], { z: -0 });
console.log([null, undefined, NaN, Infinity]);
