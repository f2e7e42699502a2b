// Fixture: the module wrapper's parameters and this.
module.exports = {
  thisIsExports: this === module.exports,
  args: arguments.length,
  hasRequire: typeof require,
  localVarGlobal: typeof globalLeakCheck
};
var globalLeakCheck = 1;
