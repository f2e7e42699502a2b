// Functions in console.log: [Function: name], anonymous, arrows, bound, with own properties,
// built-ins, and functions as object values.
function named() {}
var anon = function () {};
var arrow = () => 1;
console.log(named, anon, arrow, function () {}, (() => 2));
console.log(named.bind(null), Math.max, Array.prototype.push, console.log);
named.prop = 1;
named.other = 'x';
console.log(named);
console.log({ method: function () {}, arrow: () => {}, named: named });
console.log([named, anon]);
function Ctor() {}
console.log(Ctor, Object, Function, Array);
