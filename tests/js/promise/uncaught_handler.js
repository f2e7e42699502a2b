// With no unhandledRejection listener an unhandled rejection becomes an uncaught exception:
// process.on('uncaughtException') receives it and the program goes on.
process.on('uncaughtException', err => {
    console.log('uncaughtException:', err.message.slice(-16), err.code);
});
Promise.reject('value reason');
Promise.resolve().then(() => { throw new Error('thrown in a reaction'); });
queueMicrotask(() => { throw new Error('thrown in a microtask'); });
queueMicrotask(() => console.log('the queue goes on'));
process.on('exit', code => console.log('exit', code));
