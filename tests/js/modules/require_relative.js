// require('./lib/x'): relative paths with and without .js, nested folders, '../', JSON files,
// module.exports replacement.
var counter = require('./lib/counter');
var counterJs = require('./lib/counter.js');
console.log(counter === counterJs, typeof counter.add);
var greet = require('./lib/replace_exports');
console.log(greet('world'), greet.version, typeof greet);
var inner = require('./lib/nested/inner');
console.log(inner.file, inner.dir, inner.counterLoads);
var data = require('./lib/data.json');
console.log(data.name, data.list.length);
var wrapper = require('./lib/this_and_wrapper');
console.log(wrapper);
