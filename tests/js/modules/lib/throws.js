// Fixture: a module whose top-level code throws.
exports.before = true;
throw new Error('module failed to load');
