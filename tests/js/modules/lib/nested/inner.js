// Fixture: requires a sibling through '../' and reports its own __filename tail.
var counter = require('../counter');
module.exports = { file: __filename.slice(-24), dir: __dirname.slice(-18), counterLoads: counter.loads() };
