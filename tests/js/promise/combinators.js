// Promise.all, allSettled, any and race: results, order, failures, iterables and thenables.
function L(x) { console.log(x); }
function show(label) {
    return [v => L(label + ' fulfilled ' + JSON.stringify(v)),
            e => L(label + ' rejected ' + (e && e.name ? e.name + ': ' + e.message : String(e)))];
}
function settle(label, p) { const h = show(label); p.then(h[0], h[1]); }

const later = v => new Promise(r => Promise.resolve().then(() => r(v)));
const thenable = v => ({ then: r => r(v) });

settle('all', Promise.all([1, later(2), Promise.resolve(3), thenable(4)]));
settle('all empty', Promise.all([]));
settle('all rejects', Promise.all([later(1), Promise.reject(new TypeError('no')), 3]));
settle('all string', Promise.all('ab'));
settle('all set', Promise.all(new Set([1, 2])));
settle('all not iterable', Promise.all(5));
settle('all undefined', Promise.all());

settle('allSettled', Promise.allSettled([1, Promise.reject('x'), later(3)]));
settle('allSettled empty', Promise.allSettled([]));

settle('any', Promise.any([Promise.reject(1), later(2), 3]));
settle('any all rejected', Promise.any([Promise.reject(1), Promise.reject(2)]));
settle('any empty', Promise.any([]));
Promise.any([Promise.reject('e1'), Promise.reject('e2')]).catch(e => {
    L('errors ' + JSON.stringify(e.errors) + ' ' + (e instanceof AggregateError) + ' ' + (e instanceof Error));
});

settle('race', Promise.race([later('slow'), 'fast']));
settle('race reject', Promise.race([later(1), Promise.reject('first')]));
settle('race empty stays pending', Promise.race([]));

// An iterator that throws closes nothing; a throwing resolve closes the iterator.
const bad = {};
bad[Symbol.iterator] = () => ({ next() { throw new Error('next threw'); } });
settle('all bad iterator', Promise.all(bad));
let closed = 0;
const closing = {};
closing[Symbol.iterator] = () => ({
    next() { return { value: 1, done: false }; },
    return() { closed++; return {}; }
});
const resolveWas = Promise.resolve;
Promise.resolve = function () { throw new Error('resolve threw'); };
settle('all resolve throws', Promise.all(closing));
Promise.resolve = resolveWas;
L('iterator closed ' + closed);

// The resolve method is looked up once per call; `this` must be an object.
try { Promise.all.call(1, []); } catch (e) { L(e.name + ': ' + e.message); }
try { Promise.race.call(undefined, []); } catch (e) { L(e.name + ': ' + e.message); }
