// strings: building strings with += (ropes), number-to-string, join, charCodeAt scans.
function run(rounds) {
  var check = 0;
  for (var r = 0; r < rounds; r++) {
    var s = '';
    for (var i = 0; i < 2000; i++) s += 'item' + i + ';';
    var parts = [];
    for (var j = 0; j < 2000; j++) parts.push(j.toString(16));
    var t = parts.join(',');
    for (var k = 0; k < s.length; k += 7) check = (check + s.charCodeAt(k)) % 1000003;
    check = (check + t.length) % 1000003;
  }
  return check;
}
console.log(run(900));
