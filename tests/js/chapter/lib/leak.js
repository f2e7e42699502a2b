// Fixture for module_leak.js: the chapter's module whose top-level array grows on every call.
// Modules are cached, so leakArray lives as long as the process unless the module offers a
// way to empty it (clear, the chapter's suggested fix).
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
