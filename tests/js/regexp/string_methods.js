// String.prototype.match / matchAll / replace / replaceAll / search / split with RegExp
// arguments: replacement patterns, function replacers, captures in split, empty matches.
console.log("a1b22c333".match(/\d+/g), "abc".match(/(b)(x)?/), "abc".match(/x/g), "abc".match(/x/));
console.log("abc".match("b"), "a.c".match("."), "ab".match(), "xyz".match(null));
console.log("aaa".match(/a*?/g), "\u{1F600}".match(/(?:)/gu).length, "\u{1F600}".match(/(?:)/g).length);
console.log("John Smith".replace(/(\w+)\s(\w+)/, "$2, $1"));
console.log("aaa".replace(/a/g, "[$&]"), "x-y".replace(/-/, "<$`|$'|$$>"));
console.log("abc".replace(/(b)/, "$0$1$2$01$10$"), "abcdefghijkl".replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, "$11-$10-$1"));
console.log("2024-05".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>/$<z>/$<"), "ab".replace(/(a)/, "$<x>"));
console.log("abc".replace(/b/, function (m, i, s) { return "[" + m + i + s + "]"; }));
console.log("abc".replace(/(?<l>b)(x)?/, function () { return JSON.stringify([].slice.call(arguments)); }));
console.log("test".replace(/(t)(e)?/g, function (m, a, b) { return a + b; }));
console.log("aaaa".replace(/a*?/g, "-"), "abc".replace(/$/, "!"), "abc".replace(/^/g, "^"));
console.log("\u{1F600}\u{1F600}".replace(/(?:)/gu, "-").length, "ab".replace(/(?:)/g, "-"));
var re = /a/g;
re.lastIndex = 5;
console.log("banana".replace(re, "o"), re.lastIndex);
console.log("aaa".replaceAll(/a/g, "b"), "a.b.c".replaceAll(".", "!"), "xax".replaceAll(/a/g, "$&$&"));
try { "a".replaceAll(/a/, ""); } catch (e) { console.log(e.name + ": " + e.message); }
try { "a".matchAll(/a/); } catch (e) { console.log(e.name + ": " + e.message); }
console.log("a,b;c".split(/[,;]/), "abc".split(/(b)/), "".split(/x/), "".split(/(?:)/));
console.log("abc".split(/(?:)/), "a1b2c3".split(/\d/, 2), "a1b2c3".split(/(\d)/, 4), "test".split(/(x)?t/));
console.log("A<B>bold</B>and<CODE>coded</CODE>".split(/<(\/)?([^<>]+)>/));
console.log("\u{1F600}x".split(/(?:)/u), "\u{1F600}x".split(/(?:)/).length);
console.log("foo bar".search(/bar/), "foo".search(/x/), "xAy".search("A"), "a.b".search("."));
var s = /o/g;
s.lastIndex = 2;
console.log("foo".search(s), s.lastIndex);
var it = "a1b22".matchAll(/\d+/g);
console.log(Object.prototype.toString.call(it), typeof it.next, it[Symbol.iterator]() === it);
for (var r of "a1b22".matchAll(/(\d)(\d)?/g)) console.log(r.slice(), r.index);
console.log(Array.from("xx".matchAll("x"), function (m) { return m.index; }));
console.log("aBc".replace(/b/i, "X"), "x".startsWith("x"), "a/b".split("/"));
try { "abc".startsWith(/a/); } catch (e) { console.log(e.name + ": " + e.message); }
var notRe = /a/;
notRe[Symbol.match] = false;
console.log("/a/".startsWith(notRe));
// objects with Symbol methods take over
var custom = {};
custom[Symbol.split] = function (s, lim) { return "split:" + s + ":" + lim; };
custom[Symbol.replace] = function (s, r) { return "replace:" + s + ":" + r; };
console.log("str".split(custom, 3), "str".replace(custom, "R"));
