// process.exit() inside nested calls and inside try/finally: finally blocks do not run,
// and the default code is 0.
function deep(n) {
  if (n === 0) {
    try { console.log('exiting from depth'); process.exit(); }
    finally { console.log('finally must not run'); }
  }
  deep(n - 1);
}
deep(5);
console.log('never printed');
