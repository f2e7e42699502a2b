// Short-lived allocation: many temporary objects, arrays and strings die young while a
// running checksum (kept in locals) must stay right across scavenges.
function step(i) {
  var o = { a: i, b: [i, i + 1, i + 2], s: 'n' + i };
  return o.a + o.b[2] + o.s.length;
}
var sum = 0;
for (var i = 0; i < 6000; i++) sum += step(i);
console.log(sum);
var strs = 0;
for (var j = 0; j < 3000; j++) strs += ('x' + j + 'y' + j).length;
console.log(strs);
