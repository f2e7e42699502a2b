// Boolean and Symbol basics: conversions, wrappers, descriptions, symbols as keys.
console.log(Boolean(0), Boolean(''), Boolean('0'), Boolean([]), Boolean({}), Boolean(NaN), Boolean(null));
var wrapped = new Boolean(false);
console.log(typeof wrapped, wrapped ? 'objects are truthy' : 'falsy', wrapped.valueOf(), String(wrapped));
console.log(true.toString(), false + '', (true).valueOf());
var s1 = Symbol('desc'), s2 = Symbol('desc'), s3 = Symbol();
console.log(typeof s1, s1 === s2, s1.toString(), s3.toString(), s1.description, s3.description);
var o = {};
o[s1] = 'sym value';
o.plain = 1;
console.log(o[s1], Object.keys(o), JSON.stringify(o), s1 in o);
console.log(Symbol.for('k') === Symbol.for('k'), Symbol.keyFor(Symbol.for('k')), typeof Symbol.iterator);
try { new Symbol(); } catch (e) { console.log(e.name); }
try { s1 + 1; } catch (e) { console.log(e.name); }
