// An uncaught TypeError from the engine itself: status 1, name and message on stderr.
console.log('start');
var o;
o.x;
