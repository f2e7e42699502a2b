// Throwing a non-Error value uncaught: status 1; node prints "Uncaught" + the inspected value.
console.log('throwing a string');
throw 'plain string';
