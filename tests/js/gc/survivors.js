// Long-lived data built while garbage is allocated: a linked list and an array of records
// must survive promotion intact (their contents are checked at the end).
var head = null;
var records = [];
for (var i = 0; i < 5000; i++) {
  head = { value: i, next: head };
  var garbage = { g: i, arr: [i, i] };
  if (i % 10 === 0) records.push({ id: i, label: 'r' + i, tags: ['t' + i, garbage.arr] });
}
var n = 0, sum = 0;
for (var p = head; p !== null; p = p.next) { n++; sum += p.value; }
console.log(n, sum);
var ok = records.every(function (r, k) { return r.id === k * 10 && r.label === 'r' + r.id && r.tags[1][0] === r.id; });
console.log(records.length, ok);
