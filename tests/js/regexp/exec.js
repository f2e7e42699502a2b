// RegExp objects: exec results, lastIndex with g and y, test, flags, source, toString,
// the constructor's forms and the accessors on RegExp.prototype.
var m = /(\d+)-(?<b>\d+)(x)?/.exec("tel 12-345!");
console.log(m, m.length, m.index, m.input, m.groups, Object.getPrototypeOf(m.groups));
console.log(Object.keys(m));
var re = /o/g;
console.log(re.lastIndex, re.test("foo"), re.lastIndex, re.test("foo"), re.lastIndex,
            re.test("foo"), re.lastIndex);
var y = /a/y;
console.log(y.test("ba"), y.lastIndex);
y.lastIndex = 1;
console.log(y.test("ba"), y.lastIndex, y.exec("ba"), y.lastIndex);
var g = /a/g;
g.lastIndex = 10;
console.log(g.exec("aaa"), g.lastIndex);
var ng = /a/;
ng.lastIndex = 2;
console.log(ng.exec("aaa").index, ng.lastIndex);
console.log(Object.getOwnPropertyDescriptor(/x/, "lastIndex"));
console.log(Object.getOwnPropertyNames(/x/));
var all = /a/dgimsuy;
console.log(all.flags, all.global, all.ignoreCase, all.multiline, all.dotAll, all.unicode,
            all.sticky, all.hasIndices);
console.log(/a/.flags === "", /a/.global, String(/a\/b[/]/g), new RegExp("a/b").source,
            new RegExp("\n").source, new RegExp("").source, String(new RegExp("")));
console.log(RegExp.prototype.source, RegExp.prototype.flags, RegExp.prototype.global,
            String(RegExp.prototype));
var r1 = /ab/gi;
console.log(RegExp(r1) === r1, new RegExp(r1) === r1, String(new RegExp(r1)), String(new RegExp(r1, "m")),
            String(RegExp("x", "y")), String(new RegExp(undefined)), String(new RegExp(null)),
            String(new RegExp(12, undefined)));
console.log(typeof /x/, /x/ instanceof RegExp, /x/.constructor === RegExp, Object.prototype.toString.call(/x/));
console.log(/x/ !== /x/, RegExp.length, RegExp.name, RegExp.prototype.exec.length);
// each evaluation of a literal makes a new object
function lit() { return /q/g; }
var l1 = lit(); l1.lastIndex = 3;
console.log(lit() !== l1, lit().lastIndex);
// a user exec is used by test and the Symbol methods
var fake = /x/;
fake.exec = function (s) { return { 0: "hi", length: 1, index: 0 }; };
console.log(fake.test("nothing"), "nothing".replace(fake, "!"));
try { RegExp.prototype.exec.call({}, "a"); } catch (e) { console.log(e.name); }
try { Object.getOwnPropertyDescriptor(RegExp.prototype, "global").get.call({}); } catch (e) { console.log(e.name); }
// hasIndices
var d = /(?<w>b)(c)?/d.exec("abc");
console.log(d.indices, d.indices.groups);
// compile (Annex B)
var c = /a/g;
c.lastIndex = 2;
console.log(String(c.compile("b+", "i")), c.lastIndex, c.test("BB"));
// printing
console.log(/a+/gi, [/b/], { r: /c/m });
// unicode mode and case folding
console.log(/^.$/u.test("\u{1F600}"), /^.$/.test("\u{1F600}"), /\u{1F600}/u.exec("a\u{1F600}").index,
            /[\u{1F600}-\u{1F64F}]/u.test("\u{1F610}"), /\ud83d/u.test("\u{1F600}"),
            /\ud83d/.test("\u{1F600}"));
console.log(/ABC/i.test("abc"), /[a-z]+/i.exec("HeLLo")[0], /\u00e9/i.test("\u00c9"),
            /\u03c3/i.test("\u03a3"), /\u017f/i.test("s"), /\u017f/iu.test("s"), /\u212a/iu.test("k"),
            /[^a]/i.test("A"), /\w/iu.test("\u017f"), /\W/iu.test("\u017f"));
console.log(/(a)\1/i.test("aA"), /Σ/i.test("ς"), /[Ω]/iu.test("\u2126"));
