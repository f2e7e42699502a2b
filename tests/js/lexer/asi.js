// Automatic semicolon insertion, including the restricted productions.
var a = 1
var b = 2
console.log(a + b)

function f() {
  return
  42
}
console.log(f())

var i = 1
var j = i
++j
console.log(i, j)

var k = 5
k
--
k
console.log(k)

var x = 1, y = 2
console.log(x, y)

function g() { return 1 }
console.log(g())

var obj = { n: 0 }
obj.n++
obj.n++
console.log(obj.n)

outer: for (var m = 0; m < 3; m++) {
  for (;;) {
    continue outer
  }
}
console.log(m)

do console.log('do-once'); while (false) console.log('after do-while')

var t = function () { return 'called' }
;(function () { console.log('iife after ASI guard') })()
console.log(t())

var s = 'str'
;[1, 2].forEach(function (v) { console.log(v) })
console.log(s)

var arrow = () => 1
console.log(arrow())
throw_test: {
  try { throw 'x' } catch (e) { console.log('caught', e) }
}
