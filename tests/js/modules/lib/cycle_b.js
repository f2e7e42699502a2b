// Fixture: the other half of the cycle.
var a = require('./cycle_a');
exports.sawA = a.name + ' partial=' + a.partial;
