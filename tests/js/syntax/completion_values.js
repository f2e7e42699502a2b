// Completion values of statements, as eval reports them.
const cases = ['1; if (true) {}', '1; {}', '1; var x;', '1; do { 2; break; } while (false)',
  '1; try { 2 } finally { 3 }', '1; switch (1) { case 1: break; }', '1; x: { 2; break x; }',
  '3; while (false);', '4; for (var i = 0; i < 2; i++) i;', '5; try { throw 1 } catch (e) { 6 }',
  '7; with ({}) {}', '8; for (var k in {a: 1}) k;', '9; if (false) 1; else;'];
for (const src of cases) console.log(JSON.stringify(src), '=>', eval(src));
