// Module caching: top-level code runs once, later requires return the same exports object,
// and module-level state (an array) grows across calls from different requirers.
var c1 = require('./lib/counter');
var c2 = require('./lib/counter');
console.log(c1 === c2, c1.loads(), global.__counterLoads);
c1.add('x');
c2.add('y');
console.log(c1.add('z'), c2.items());
var viaNested = require('./lib/nested/inner');
console.log(viaNested.counterLoads, global.__counterLoads);
