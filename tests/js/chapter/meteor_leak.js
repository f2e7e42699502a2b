// flags: --expose-gc
// stress: --gc-interval=100 --verify-heap
// Chapter 5.2.2 / 5.4: the Meteor "replaceThing" leak. All closures created in one scope share
// one context; `unused` names originalThing, so the context that someMethod keeps holds the
// previous theThing, and so on: every 1 MB block stays alive. Without `unused` (or after
// clearing originalThing) nothing accumulates. longStr is a fresh 1 MB array here (see
// lib/measure.js makeMB).
var m = require('./lib/measure');
var ROUNDS = 20;

var theThing = null;
var replaceThing = function (i) {
  var originalThing = theThing;
  var unused = function () {
    if (originalThing) console.log('hi');
  };
  theThing = {
    longStr: m.makeMB(i),
    someMethod: function () {
      console.log('someMessage');
    }
  };
};
var base = m.used();
for (var i = 0; i < ROUNDS; i++) replaceThing(i);
var leaked = m.used() - base;
console.log('leaky version: heapUsed grew by more than 15 MB after', ROUNDS, 'rounds:', leaked > 15 * m.MB);
var before = m.used();
for (var k = 0; k < 5; k++) replaceThing(k);
console.log('and keeps growing: 5 more rounds add more than 4 MB:', m.used() - before > 4 * m.MB);
theThing = null;
console.log('dropping theThing frees the whole chain (< 3 MB above start):', m.used() - base < 3 * m.MB);

var theThing2 = null;
var replaceThing2 = function (i) {
  var originalThing = theThing2;
  theThing2 = {
    longStr: m.makeMB(i),
    someMethod: function () {
      console.log('someMessage');
    }
  };
  return originalThing ? 1 : 0;
};
base = m.used();
for (var j = 0; j < ROUNDS; j++) replaceThing2(j);
console.log('without the unused closure: grew by less than 3 MB:', m.used() - base < 3 * m.MB);

var theThing3 = null;
var replaceThing3 = function (i) {
  var originalThing = theThing3;
  var unused = function () {
    if (originalThing) console.log('hi');
  };
  theThing3 = {
    longStr: m.makeMB(i),
    someMethod: function () {
      console.log('someMessage');
    }
  };
  originalThing = null;
};
base = m.used();
for (var n = 0; n < ROUNDS; n++) replaceThing3(n);
console.log('with originalThing = null at the end: grew by less than 3 MB:', m.used() - base < 3 * m.MB);
