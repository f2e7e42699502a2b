// Circular references: <ref *1> marks the target, [Circular *1] the back references.
var a = { name: 'a' };
a.self = a;
console.log(a);
var arr = [1];
arr.push(arr);
console.log(arr);
var x = { name: 'x' }, y = { name: 'y', x: x };
x.y = y;
console.log(x);
var parent = { children: [] };
parent.children.push({ parent: parent });
console.log(parent);
var two = { }, three = { };
two.other = three; three.other = two;
console.log([two, three]);
var shared = { s: 1 };
console.log({ first: shared, second: shared });
