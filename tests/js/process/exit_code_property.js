// process.exitCode = 5 sets the status used when the program ends normally.
console.log('setting exitCode');
process.exitCode = 5;
console.log('still running');
