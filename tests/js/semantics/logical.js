// Logical operators return operands, not booleans, and short-circuit evaluation.
var calls = [];
function t(v) { calls.push(String(v)); return v; }
console.log(t(0) && t(1), t(1) && t(2), t('') || t('x'), t('y') || t('z'), !t(null));
console.log(calls.join(' '));
console.log(null || undefined, undefined && 1, NaN || 0, [] && 'arr', {} || 1, '' || 0 || null);
console.log(!0, !1, !'', !'0', ![], !{}, !NaN, !!undefined, !!-1);
var o = null;
console.log(o && o.prop, (o || {}).prop);
var x = 0;
x = x || 5;
var y = 3;
y = y && y * 2;
console.log(x, y);
if (0 || '' || null) console.log('never'); else console.log('all falsy');
