// Every ES5 statement form: blocks, if/else chains, loops, for-in, empty, debugger, throw.
var out = [];
{ out.push('block'); }
;;;
if (out.length) out.push('if'); else out.push('else');
if (!out.length) out.push('no'); else if (out.length > 1) out.push('else-if'); else out.push('else');
var i = 0;
while (i < 3) i++;
out.push('while ' + i);
do { i--; } while (i > 0);
out.push('do ' + i);
for (var j = 0, k = 10; j < k; j += 3, k -= 3) ;
out.push('for ' + j + ' ' + k);
for (;;) { break; }
var keys = [];
for (var key in { a: 1, b: 2 }) keys.push(key);
out.push('for-in ' + keys.join(''));
var o = {}; var idx = 0;
for (o['p' + idx] in { x: 1 }) ;
out.push('for-in target ' + o.p0);
debugger;
out.push('after debugger');
console.log(out.join(' | '));
if (false) ; else console.log('empty then-branch');
for (var q in null) console.log('never');
for (var q2 in undefined) console.log('never');
console.log('for-in over null/undefined does nothing');
