// Cyclic requires: the second module sees the first one's partially filled exports.
var a = require('./lib/cycle_a');
console.log(a.name, a.fromB, a.partial);
var b = require('./lib/cycle_b');
console.log(b.sawA);
