// === and !==: no coercion, NaN unequal to itself, +0 === -0, object identity.
console.log(1 === 1, 1 === '1', null === undefined, NaN === NaN, 0 === -0, +0 !== -0);
var a = {}, b = a;
console.log(a === b, a === {}, [] === [], 'ab' === 'a' + 'b', true === 1);
console.log(undefined === void 0, typeof null === 'object');
var x = NaN;
console.log(x !== x, Object.is ? Object.is(NaN, NaN) : 'no Object.is', Object.is(0, -0));
