// == coercion table: every pair of representative values, printed as a matrix of 0/1.
var vals = [undefined, null, true, false, 0, -0, 1, NaN, '', '0', '1', ' 1 ', 'a', '[object Object]',
  [], [0], [1], ['a'], {}, Infinity, '-Infinity'];
var names = ['undef', 'null', 'true', 'false', '0', '-0', '1', 'NaN', "''", "'0'", "'1'", "' 1 '",
  "'a'", "'[o O]'", '[]', '[0]', '[1]', "['a']", '{}', 'Inf', "'-Inf'"];
for (var i = 0; i < vals.length; i++) {
  var row = '';
  for (var j = 0; j < vals.length; j++) row += vals[i] == vals[j] ? '1' : '0';
  console.log(row, names[i]);
}
console.log(null == 0, undefined == 0, null >= 0, null > 0, undefined >= 0);
var o = {};
console.log(o == o, o == {}, o != {}, [] == ![], '' == [], 0 == '\n');
var v = { valueOf: function () { return 42; } };
console.log(v == 42, v == '42', 42 == v, v != 41);
