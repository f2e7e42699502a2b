// Identifiers: $ and _, unicode letters, unicode escapes in names, keywords as property names.
var $ = 1, _ = 2, $_$ = 3, _0 = 4;
console.log($, _, $_$, _0);
var café = 'latte', π = 3.14, 变量 = 'chinese', Ωmega = 'omega';
console.log(café, π, 变量, Ωmega);
var \u0061bc = 'escaped name';
console.log(abc);
var o = { if: 1, class: 2, new: 3, typeof: 4, default: 5, function: 6, var: 7, null: 8, true: 9 };
console.log(o.if, o.class, o.new, o.typeof, o.default, o.function, o.var, o.null, o.true);
o.delete = 'd'; o.in = 'i'; o.instanceof = 'x';
console.log(o.delete, o.in, o.instanceof);
var let_ = 'let_', yield_ = 'y', of = 'of', get = 'get', set = 'set', async = 'async';
console.log(let_, yield_, of, get, set, async);
var undefinedX = 1, NaNx = 2;
console.log(undefinedX + NaNx);
