// growth: a big long-lived structure built gradually (an index of records in arrays and
// objects), so objects get promoted and the old generation is collected while it grows.
function run(n) {
  var index = {};
  var all = [];
  for (var i = 0; i < n; i++) {
    var rec = { id: i, name: 'rec' + (i % 1000), tags: [i % 3, i % 5], next: null };
    if (i > 0) all[i - 1].next = rec;
    all.push(rec);
    var key = 'k' + (i % 5000);
    var bucket = index[key];
    if (!bucket) index[key] = bucket = [];
    bucket.push(rec);
  }
  var check = 0;
  for (var k in index) check = (check + index[k].length * index[k][0].id) % 1000003;
  return check + ':' + all.length;
}
console.log(run(600000));
