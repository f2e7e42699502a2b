// The matcher on larger inputs: long strings (no C recursion), backtracking-heavy patterns,
// two-byte subjects, and a pattern literal evaluated in a loop.
// stress: --gc-interval=200 --verify-heap
var long = new Array(200001).join("a");
console.log(/a*/.exec(long)[0].length, /(?:a)*/.exec(long)[0].length, /(a)*b/.exec(long.slice(0, 300)));
console.log(/^(a|b)*$/.test(long), /(a|b)*?c/.test(long.slice(0, 300)));
var mid = long.slice(0, 5000);
console.log(mid.replace(/a/g, "b").length, mid.split(/a/).length, (long + "b").search(/b/));
var words = [];
for (var i = 0; i < 1000; i++) words.push("w" + i);
var text = words.join(" ");
console.log(text.match(/\bw\d*7\b/g).length, text.replace(/w(\d+)/g, "$1").length);
var wide = "\u4e2d\u6587 text \u4e2d";
console.log(/\u6587\s(\w+)/.exec(wide), wide.match(/[\u4e00-\u9fff]/g), wide.split(/\s+/));
var count = 0;
for (var j = 0; j < 2000; j++) if (/x(\d)/.test("ax" + (j % 10))) count++;
console.log(count);
console.log(/(?:(a)|b)+/.exec("ab"), /(a)|(b)/g[Symbol.replace]("ab", "[$1|$2]"));
console.log(/(x+x+)+y/.test("xxxxxxxxxxxxxxxy"), /((a+)+)+b/.exec("aaab")[0]);
