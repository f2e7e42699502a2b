// process.exit(3): the process ends at once with status 3; output printed before is kept.
console.log('before exit');
process.exit(3);
console.log('never printed');
