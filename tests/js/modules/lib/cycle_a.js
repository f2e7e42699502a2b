// Fixture: a require cycle; b sees a's partial exports.
exports.name = 'a';
exports.partial = true;
var b = require('./cycle_b');
exports.fromB = b.sawA;
exports.partial = false;
