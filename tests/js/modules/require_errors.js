// Failing requires: a missing file throws an Error with code MODULE_NOT_FOUND; a module
// whose top-level code throws propagates the error (and is not cached as loaded).
try { require('./lib/does_not_exist'); } catch (e) {
  console.log(e instanceof Error, e.code, e.message.split('\n')[0].indexOf("Cannot find module './lib/does_not_exist'") === 0);
}
try { require('./lib/throws'); } catch (e) { console.log('caught:', e.message); }
try { require('./lib/throws'); } catch (e) { console.log('again:', e.message); }
try { require('no_such_package_anywhere'); } catch (e) { console.log(e.code); }
