function tag(s, ...v) { return JSON.stringify({s, raw: s.raw, v, frozen: Object.isFrozen(s)}); }
console.log(tag`a${1}b${2}c`);
console.log(tag`x\ny\u0041`);
console.log(tag`plain`);
const o = { t(s) { return this === o && s[0]; } };
console.log(o.t`hello`);
function same(s) { return s; }
const objs = []; for (let i = 0; i < 2; i++) objs.push(same`k${i}`);
console.log(objs[0] === objs[1], String.raw`a\nb${1+1}`);
console.log(`line1
line2`, tag`€${'x'}😀`);
