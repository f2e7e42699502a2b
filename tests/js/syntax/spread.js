// Spread in calls and array literals; spreading strings and arrays with holes.
function sum() { var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; }
var a = [1, 2, 3];
console.log(sum(...a), sum(0, ...a, 10), sum(...a, ...a));
console.log(Math.max(...a), Math.min(...[4, -1, 7]));
var b = [0, ...a, 4];
console.log(b.length, b.join(','));
var chars = [...'héllo'];
console.log(chars.length, chars.join('-'));
var copy = [...a];
copy.push(9);
console.log(a.length, copy.length);
var holes = [...[1, , 3]];
console.log(holes.length, 1 in holes, holes[1]);
console.log([...[]].length, [...[[1]]][0][0]);
function Pt(x, y) { this.x = x; this.y = y; }
var p = new Pt(...[3, 4]);
console.log(p.x, p.y);
