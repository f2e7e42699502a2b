// Infinite recursion throws a catchable RangeError "Maximum call stack size exceeded";
// the program continues normally afterwards and deep recursion still works.
function inf(n) { return inf(n + 1) + 1; }
try { inf(0); } catch (e) {
  console.log(e instanceof RangeError, e.name, e.message);
}
var o = {};
o.toString = function () { return String(this); };
try { String(o); } catch (e) { console.log('via toString:', e.message); }
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
console.log('still works:', depth(1000));
var arrowInf = () => arrowInf();
try { arrowInf(); } catch (e) { console.log('arrow:', e.name); }
