// Reading an undefined name throws ReferenceError "<name> is not defined"; typeof does not.
try { foo; } catch (e) { console.log(e instanceof ReferenceError, e.name, e.message); }
try { foo(); } catch (e) { console.log(e.message); }
try { foo.bar; } catch (e) { console.log(e.message); }
try { foo = foo + 1; } catch (e) { console.log(e.message); }
try { (function () { return missingInFunction; })(); } catch (e) { console.log(e.message); }
console.log(typeof foo, typeof foo === 'undefined');
try { undefinedFn(1, 2); } catch (e) { console.log(String(e)); }
