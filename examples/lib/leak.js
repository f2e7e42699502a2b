// lib/leak.js: chapter 5.4.1. Modules are cached, so this top-level array lives as long as
// the process; every leak() call grows it. clear() is the fix the chapter suggests.
var leakArray = [];
exports.leak = function () {
  leakArray.push('leak' + Math.random());
};
exports.size = function () {
  return leakArray.length;
};
exports.clear = function () {
  leakArray = [];
};
