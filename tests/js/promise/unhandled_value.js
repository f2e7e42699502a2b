// A promise rejected with a non-error value: node throws its UnhandledPromiseRejection
// error (code ERR_UNHANDLED_REJECTION) and the 'exit' event sees code 1.
process.on('exit', code => console.log('exit', code));
const p = Promise.resolve().then(() => { throw 42; });
console.log('end of main');
