// split and replace with string patterns (no RegExp): limits, empty separators, missing
// separator, $-patterns in replacement strings, function replacers, replaceAll.
console.log('a,b,,c'.split(','), 'a,b,c'.split(',', 2), 'abc'.split(''), 'abc'.split());
console.log(''.split(','), ''.split(''), 'a--b--c'.split('--'), 'abc'.split('x'), 'aXbX'.split('X'));
console.log('one two'.split(' ', 0), 'a,b'.split(undefined), '😀a'.split(''));
console.log('aaa'.replace('a', 'b'), 'abc'.replace('x', 'y'), 'abc'.replace('', '_'));
console.log('price: X'.replace('X', '$$5'), 'abc'.replace('b', '[$&]'), 'abc'.replace('b', "[$`|$']"));
console.log('abc'.replace('b', function (m, off, str) { return m.toUpperCase() + off + str; }));
console.log('a.b.c'.replaceAll('.', '/'), 'aaa'.replaceAll('a', '$&$&'), 'x'.replaceAll('', '-'));
console.log('abcb'.replaceAll('b', function (m, off) { return off; }));
console.log('1,2,3'.split(',').map(Number).reduce(function (a, b) { return a + b; }));
