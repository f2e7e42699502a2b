// Fixture: a module whose top-level code must run once, however often it is required.
var loads = (global.__counterLoads = (global.__counterLoads || 0) + 1);
var items = [];
exports.loads = function () { return loads; };
exports.add = function (x) { items.push(x); return items.length; };
exports.items = function () { return items.slice(); };
