// Large arrays (big enough for a large-object space) that point at young objects, and
// large strings; contents are verified after more allocation.
// stress: --gc-interval=50 --verify-heap
var big = new Array(100000);
for (var i = 0; i < big.length; i++) big[i] = i;
for (var j = 0; j < 100; j++) big[j * 1000] = { j: j, s: 'young ' + j };
var churn = [];
for (var k = 0; k < 3000; k++) churn = [k, { k: k }];
var ok = true;
for (var m = 0; m < 100; m++) {
  var e = big[m * 1000];
  if (e.j !== m || e.s !== 'young ' + m) ok = false;
}
console.log(ok, big[99999], big.length, churn[1].k);
var longStr = new Array(200001).join('ab');
console.log(longStr.length, longStr.charAt(399999), longStr.slice(1000, 1004));
