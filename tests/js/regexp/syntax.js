// RegExp pattern syntax: quantifiers, classes, escapes, groups, Annex B forms, and the
// SyntaxErrors V8 reports for bad patterns and flags.
function show(re, s) {
  var m = re.exec(s);
  console.log(String(re), JSON.stringify(s), m === null ? null : m.slice(), m && m.index);
}
show(/a*/, "aaab");
show(/a+?/, "aaab");
show(/a{2}/, "aaaa");
show(/a{2,}/, "aaaaa");
show(/a{1,2}?b/, "aab");
show(/(ab)+/, "ababab");
show(/(?:x|y)z/, "ayz");
show(/[a-c]+/, "xxbcaz");
show(/[^\d\s]+/, "12 ab3");
show(/\w+\W\w+/, "hi, you");
show(/\D\S/, "1 a");
show(/[\b]/, "a\bb");
show(/\x41\u0042\103/, "ABC");
show(/\cJ/, "a\nb");
show(/\0/, "a\0b");
show(/a|ab|abc/, "abc");
show(/^$/, "");
show(/^b/m, "a\nb");
show(/a$/m, "a\nb");
show(/\bb\w*/, "a bcd");
show(/\Bc/, "abc");
show(/.+/, "ab\ncd");
show(/.+/s, "ab\ncd");
// Annex B: literal brackets and braces, \c without a letter, octal escapes, \8
show(/]/, "a]");
show(/{/, "{");
show(/a{,2}/, "a{,2}");
show(/x}/, "x}");
show(/\c1/, "\\c1");
show(/[\c1]/, "\x11");
show(/\101/, "A");
show(/\8/, "8");
show(/(?=a)*a/, "a");
// backreferences, named groups, forward references
show(/(a)\1/, "aa");
show(/\1(a)/, "a");
show(/(?<n>b)\k<n>/, "abb");
show(/\k<a>(?<a>x)/, "x");
show(/\k/, "k");
show(/(a)|\1b/, "b");
show(/(?<$x>.)(?<_y>.)/, "ab");
// lookaround
show(/x(?=y)/, "xzxy");
show(/x(?!y)/, "xyxz");
show(/(?<=a)b/, "cbab");
show(/(?<!a)b/, "abcb");
show(/(?<=(\d)(\d))x/, "12x");
show(/(?<=\1(a))b/, "aab");
// empty loops terminate
show(/(a*)*/, "aa");
show(/(a*)+b/, "b");
show(/(?:a?)*?c/, "ac");
show(/(a|)*b/, "aab");
show(/(a*)?/, "b");
// captures reset on each iteration
show(/(z)((a+)?(b+)?(c))*/, "zaacbbbcac");
var bad = ["(", ")", "a**", "+a", "[b-a]", "a{2,1}", "\\", "(?<a>x)(?<a>y)", "\\k<b>(?<a>x)",
           "(?x)", "[", "x{1}{2}", "(?<=a)+", "(?<1>a)", "a(?<", "\\k<a"];
for (var i = 0; i < bad.length; i++) {
  try { new RegExp(bad[i]); console.log("ok", bad[i]); } catch (e) { console.log(e.name + ": " + e.message); }
}
var badu = ["\\a", "{1}", "]", "\\1", "\\u{110000}", "\\c", "[\\d-a]", "\\-", "a{"];
for (var i = 0; i < badu.length; i++) {
  try { new RegExp(badu[i], "u"); console.log("ok", badu[i]); } catch (e) { console.log(e.name + ": " + e.message); }
}
var flags = ["gg", "x", "uv", "G"];
for (var i = 0; i < flags.length; i++) {
  try { new RegExp("a", flags[i]); } catch (e) { console.log(e.name + ": " + e.message); }
}
try { eval("/(/"); } catch (e) { console.log(e.name + ": " + e.message); }
try { eval("/a/gg"); } catch (e) { console.log(e.name + ": " + e.message); }
// an invalid literal is an early error: nothing before it runs
try { eval("console.log('ran'); /+/"); } catch (e) { console.log(e.name + ": " + e.message); }
