// A promise rejected with an Error and never handled: node prints the stack on stderr and
// exits with status 1 once the microtask queue has drained (after the last log line).
console.log('start');
Promise.reject(new Error('nobody handles this'));
Promise.resolve().then(() => console.log('microtasks still run'));
process.nextTick(() => console.log('ticks still run'));
