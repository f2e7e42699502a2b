// try/catch/finally ordering, finally overriding return, rethrow, nested handlers.
var log = [];
function f1() {
  try { log.push('try'); return 'from try'; }
  finally { log.push('finally'); }
}
console.log(f1(), log.join(' '));
function f2() { try { return 1; } finally { return 2; } }
console.log(f2());
function f3() {
  try { throw new Error('e3'); }
  catch (e) { return 'caught ' + e.message; }
  finally { console.log('f3 finally'); }
}
console.log(f3());
function f4() {
  for (var i = 0; i < 3; i++) {
    try { if (i === 1) break; } finally { console.log('loop finally', i); }
  }
  return i;
}
console.log(f4());
try {
  try { throw 'inner'; }
  finally { console.log('inner finally'); }
} catch (e) { console.log('outer caught', e); }
function f5() {
  var r = [];
  try { r.push('a'); throw 1; }
  catch (e) { r.push('b'); try { throw 2; } catch (e2) { r.push('c' + e + e2); } }
  finally { r.push('d'); }
  return r.join('');
}
console.log(f5());
var e = 'outer e';
try { throw 'inner e'; } catch (e) { var fromCatch = e; }
console.log(e, fromCatch);
function f6() {
  try { throw new TypeError('t'); }
  catch (err) { throw new RangeError('r from ' + err.name); }
  finally { console.log('f6 finally runs before the caller catches'); }
}
try { f6(); } catch (x) { console.log(x.name, x.message); }
function f7() { var i = 0; try { return i; } finally { i = 10; } }
console.log(f7());
