// trace-gc.js: chapter 5.1.5. Allocates a million small arrays that all stay alive; run with
// --trace-gc to see one line per collection: scavenges while the young generation fills,
// then mark-sweeps as the old generation grows.
//   minijs --trace-gc examples/trace-gc.js > gc.log
var a = [];
for (var i = 0; i < 1000000; i++) a.push(new Array(100));
console.log('kept ' + a.length + ' arrays; heapUsed ' +
  (process.memoryUsage().heapUsed / 1048576).toFixed(2) + ' MB');
