// String literals: both quote kinds, simple and numeric escapes, line continuations.
console.log('single', "double", 'it\'s', "say \"hi\"");
console.log('a\tb|', 'c\\d', 'e\nf');
console.log('\x41\x62', '\u0041\u00e9', '\u{1F600}'.length, '\u{41}');
console.log('\0'.length, '\0'.charCodeAt(0));
console.log('\b\f\v\r'.length, '\v'.charCodeAt(0), '\b'.charCodeAt(0), '\f'.charCodeAt(0));
console.log('line one \
continued');
console.log('\q\w\e'.length, '\q');
console.log("'" + '"', '\'\"'.length);
console.log('', "".length, 'é'.length, '日本語'.length, '日本語'.charCodeAt(1));
console.log('\uD83D\uDE00' === '\u{1F600}', '😀'.length, '😀'.charCodeAt(0), '😀'.charCodeAt(1));
console.log('\u2028'.charCodeAt(0), '\u2029'.length);
console.log('a' + 'b' + "c", 'tab\there');
