// process.env is an object of strings; TZ is set to UTC by the test runner; missing
// variables read as undefined; assignment stores strings.
console.log(typeof process.env, process.env !== null);
console.log(typeof process.env.PATH, process.env.TZ);
console.log(process.env.MINIJS_SURELY_UNSET_VARIABLE);
process.env.MINIJS_TEST_VAR = 42;
console.log(process.env.MINIJS_TEST_VAR, typeof process.env.MINIJS_TEST_VAR);
console.log(Object.keys(process.env).indexOf('MINIJS_TEST_VAR') >= 0);
delete process.env.MINIJS_TEST_VAR;
console.log(process.env.MINIJS_TEST_VAR);
