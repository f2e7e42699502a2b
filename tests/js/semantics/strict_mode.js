// 'use strict': assignment to undeclared names, read-only and non-extensible writes,
// this in plain calls, arguments not mapped, deleting unqualified names is a SyntaxError
// (not tested: parse error), function-level directive only applies to that function.
'use strict';
try { undeclaredStrict = 1; } catch (e) { console.log(e.name, e.message); }
var frozen = Object.freeze({ a: 1 });
try { frozen.a = 2; } catch (e) { console.log(e.name); }
try { frozen.b = 2; } catch (e) { console.log(e.name); }
var getterOnly = { get g() { return 1; } };
try { getterOnly.g = 2; } catch (e) { console.log(e.name); }
try { delete Object.prototype; } catch (e) { console.log(e.name); }
function whoAmI() { return this; }
console.log(whoAmI());
function args(a) { a = 2; return arguments[0]; }
console.log(args(1));
try { (function () {}).caller; } catch (e) { console.log(e.name); }
try { 'str'.length = 1; } catch (e) { console.log(e.name); }
try { var n = 5; n.prop = 1; } catch (e) { console.log(e.name); }
