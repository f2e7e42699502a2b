// process.on('unhandledRejection') takes unhandled rejections (reason, promise); a rejection
// handled before the queue drains, even from a nextTick, is not reported.
process.on('unhandledRejection', (reason, promise) => {
    console.log('unhandledRejection', reason instanceof Error ? reason.message : reason,
                promise instanceof Promise);
    Promise.resolve().then(() => console.log('microtask queued by the listener'));
});
const late = Promise.reject('handled from a tick');
process.nextTick(() => late.catch(r => console.log('caught', r)));
const chained = Promise.reject('handled three turns later');
Promise.resolve().then(() => {}).then(() => {}).then(() => chained.catch(r => console.log('caught', r)));
Promise.reject('first unhandled');
Promise.reject(new Error('second')).then(() => {});
console.log('end of main');
