// Fixture: replaces module.exports with a function that also has properties.
function greet(name) { return 'hello ' + name; }
greet.version = 2;
module.exports = greet;
