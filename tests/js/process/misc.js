// Other process members: platform, pid, version strings, uptime, hrtime, cwd.
console.log(process.platform, typeof process.pid, process.pid > 0);
console.log(typeof process.version, process.version.charAt(0), typeof process.versions);
console.log(typeof process.uptime(), process.uptime() >= 0);
var t = process.hrtime();
console.log(Array.isArray(t), t.length, t.every(Number.isInteger));
console.log(typeof process.cwd(), process.cwd().charAt(0));
console.log(typeof process.exit, typeof process.nextTick);
