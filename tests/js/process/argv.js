// process.argv: [absolute path of the executable, absolute path of the script, ...args];
// process.execPath matches argv[0]; no extra arguments in the test runner.
var argv = process.argv;
console.log(Array.isArray(argv), argv.length);
console.log(typeof argv[0], argv[0].charAt(0) === '/', argv[0] === process.execPath);
console.log(argv[1].charAt(0) === '/', argv[1].slice(-15));
console.log(argv.every(function (a) { return typeof a === 'string'; }));
console.log(typeof process.argv0, typeof process.execArgv, Array.isArray(process.execArgv));
