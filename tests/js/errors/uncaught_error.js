// An uncaught Error ends the process with status 1 and prints its stack on stderr
// ("Error: boom" then "    at " lines); stdout keeps what was printed before.
console.log('before');
function thrower() { throw new Error('boom'); }
thrower();
console.log('never printed');
