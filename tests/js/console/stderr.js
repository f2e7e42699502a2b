// console.error and console.warn write to stderr; console.info and console.debug to stdout.
console.log('log');
console.error('error line');
console.warn('warn line %d', 7);
console.info('info');
console.debug('debug');
console.error({ a: 1 });
