// Recursion: direct, mutual, deep (10000 frames), recursion through callbacks, memoised.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log(fib(20));
function isEven(n) { return n === 0 ? true : isOdd(n - 1); }
function isOdd(n) { return n === 0 ? false : isEven(n - 1); }
console.log(isEven(100), isOdd(77));
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
console.log(depth(10000));
function sumTree(t) { return t === null ? 0 : t.v + sumTree(t.l) + sumTree(t.r); }
function build(d) { return d === 0 ? null : { v: d, l: build(d - 1), r: build(d - 1) }; }
console.log(sumTree(build(10)));
function flatten(a) { return a.reduce(function (acc, x) { return acc.concat(Array.isArray(x) ? flatten(x) : [x]); }, []); }
console.log(flatten([1, [2, [3, [4, [5]]]], 6]).join());
var ack = function a(m, n) { return m === 0 ? n + 1 : n === 0 ? a(m - 1, 1) : a(m - 1, a(m, n - 1)); };
console.log(ack(2, 3));
function hanoi(n, from, to, via, moves) {
  if (n === 0) return moves;
  hanoi(n - 1, from, via, to, moves);
  moves.push(from + to);
  return hanoi(n - 1, via, to, from, moves);
}
console.log(hanoi(4, 'A', 'C', 'B', []).length, hanoi(2, 'A', 'C', 'B', []).join(' '));
