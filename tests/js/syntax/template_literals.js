// Template literals: substitution with ToString, expressions, objects, nesting, String.raw-free.
var name = 'world', n = 42, arr = [1, 2], o = { toString: function () { return 'O!'; } };
console.log(`hello ${name}`);
console.log(`${n} ${n + 1} ${n * 2}`);
console.log(`${arr} ${o} ${null} ${undefined} ${true} ${-0} ${1e21}`);
console.log(`${{}}`);
console.log(`a${1}${2}b${3}`);
console.log(typeof `x`, `x`.length, `${''}`.length);
function tag() { return 'tagless'; }
console.log(`${tag()} call`);
var multi = `first
  second`;
console.log(multi.split('\n').length, JSON.stringify(multi));
