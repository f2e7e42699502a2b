// An exception thrown by a queueMicrotask callback is uncaught: the stack goes to stderr, the
// rest of the queue does not run and the exit status is 1.
queueMicrotask(() => console.log('first'));
queueMicrotask(() => { throw new TypeError('bad microtask'); });
queueMicrotask(() => console.log('never printed'));
console.log('end of main');
