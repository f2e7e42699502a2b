// props: property reads and writes on objects built by a constructor (same hidden class),
// plus a method call through the prototype.
function Vec(x, y) { this.x = x; this.y = y; this.len = 0; }
Vec.prototype.update = function () { this.len = this.x * this.x + this.y * this.y; return this.len; };
function run(n) {
  var vs = [];
  for (var i = 0; i < 100; i++) vs.push(new Vec(i, i + 1));
  var total = 0;
  for (var r = 0; r < n; r++) {
    for (var k = 0; k < vs.length; k++) {
      var v = vs[k];
      v.x = (v.x + v.y) % 1000;
      v.y = (v.y + 3) % 1000;
      total = (total + v.update()) % 1000003;
    }
  }
  return total;
}
console.log(run(60000));
