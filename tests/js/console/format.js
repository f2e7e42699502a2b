// printf-style formats in the first argument: %s %d %i %f %j %o %O %% ; missing arguments
// keep the directive, extra arguments are appended with spaces.
console.log('%s is %d years', 'Ada', 36);
console.log('%i %i %f %d', 42.9, '7px', '3.5abc', '12');
console.log('%j', { a: [1, 2] }, 'extra', 3);
console.log('100%% sure', 'x');
console.log('%s and %s', 'only one');
console.log('%s', { nested: { deep: { deeper: 1 } } }, '%s');
console.log('%d', '0x10', '%s', 'not a format');
console.log('no directives', '%s', 5);
console.log(5, '%s', 'first arg not a string');
console.log('%s %s %s', null, undefined, true);
console.log('%s', -0, '%d', -0);
console.log('%c styled %s', 'color: red', 'text');
console.log('%O', { a: { b: { c: { d: 1 } } } });
console.log('%s', [1, [2, [3]]], '%s', function f() {});
console.log('%', '%x', '%5d');
