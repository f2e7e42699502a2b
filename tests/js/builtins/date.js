// Date: timezone-independent parts only (UTC getters, ISO strings, epoch arithmetic).
console.log(typeof Date.now(), Date.now() > 1.6e12, Number.isInteger(Date.now()));
var epoch = new Date(0);
console.log(epoch.toISOString(), epoch.getTime(), epoch.valueOf(), +epoch, JSON.stringify(epoch));
var d = new Date(Date.UTC(2024, 1, 29, 13, 45, 30, 123));
console.log(d.toISOString(), d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay());
console.log(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
console.log(Date.UTC(1970, 0, 1), Date.UTC(2000, 0), Date.UTC(1969, 11, 31, 23, 59, 59, 999));
console.log(new Date(-86400000).toISOString(), new Date(8.64e15).toISOString(), new Date(951782400000).toISOString());
var inv = new Date(NaN);
console.log(inv.getTime(), isNaN(inv), String(inv), inv.getUTCFullYear());
try { inv.toISOString(); } catch (e) { console.log(e.name, e.message); }
console.log(new Date(8.64e15 + 1).getTime(), typeof Date(), typeof new Date());
console.log(Date.parse('2020-01-02T03:04:05.006Z'), new Date('2020-01-02T03:04:05Z').getTime());
var copy = new Date(d.getTime());
copy.setUTCDate(copy.getUTCDate() + 1);
console.log(copy.toISOString(), d < copy, copy - d);
var m = new Date(Date.UTC(2023, 0, 31));
m.setUTCMonth(1);
console.log(m.toISOString());
console.log(Object.prototype.toString.call(d), d instanceof Date);
