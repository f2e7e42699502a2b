// Function.prototype.call / apply / bind: this argument, argument spreading, partial
// application, bound functions as constructors, length and name of bound functions.
function show(a, b) { return this.tag + ':' + a + ':' + b; }
var t = { tag: 'T' };
console.log(show.call(t, 1, 2), show.apply(t, [3, 4]), show.apply(t), show.call(t));
console.log(Math.max.apply(null, [1, 9, 3]), Array.prototype.concat.call([1], [2], 3).join());
var bound = show.bind(t, 'first');
console.log(bound('second'), bound.call({ tag: 'ignored' }, 'x'));
console.log(bound.length, bound.name, show.bind(t).length, show.bind(t, 1, 2, 3).length);
function Pt(x, y) { this.x = x; this.y = y; }
var BoundPt = Pt.bind(null, 10);
var p = new BoundPt(20);
console.log(p.x, p.y, p instanceof Pt, p instanceof BoundPt);
var slice = Function.prototype.call.bind(Array.prototype.slice);
console.log(slice([1, 2, 3], 1).join());
try { show.apply(t, 5); } catch (e) { console.log(e.name); }
console.log(show.apply(t, { length: 2, 0: 'arr', 1: 'like' }));
var twice = show.bind(t).bind({ tag: 'no' }, 'a');
console.log(twice('b'));
console.log(typeof Function.prototype.call, Function.prototype.apply.length, Function.prototype.bind.length);
