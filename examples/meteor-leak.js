// meteor-leak.js: the "replaceThing" leak (chapter 5.2.2, David Glasser's Meteor bug).
// someMethod and unused share one context; unused names originalThing, so every theThing
// keeps the previous one alive and heapUsed climbs by ~1 MB a round. Delete the `unused`
// function (or set originalThing = null at the end) and it stays flat.
//   minijs --expose-gc examples/meteor-leak.js
var theThing = null;
var replaceThing = function () {
  var originalThing = theThing;
  var unused = function () {
    if (originalThing) console.log('hi');
  };
  theThing = {
    longStr: new Array(1000000).join('*'),
    someMethod: function () {
      console.log('someMessage');
    }
  };
  theThing.longStr.charCodeAt(0); // make the string flat (node may keep it as a shared rope)
};
for (var i = 1; i <= 30; i++) {
  replaceThing();
  if (typeof gc === 'function') gc();
  if (i % 5 === 0) {
    console.log('round ' + i + ': heapUsed ' + (process.memoryUsage().heapUsed / 1048576).toFixed(2) + ' MB');
  }
}
