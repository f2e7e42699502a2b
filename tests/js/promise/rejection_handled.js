// A rejection reported to 'unhandledRejection' and handled afterwards: node emits
// 'rejectionHandled' with the promise at the next drain. Rejection ids count every promise
// rejected while it had no handler.
process.on('unhandledRejection', (reason, p) => {
    console.log('unhandledRejection', reason);
    process.nextTick(() => p.catch(r => console.log('late catch', r)));
});
process.on('rejectionHandled', p => console.log('rejectionHandled', p));
Promise.reject('a');
Promise.reject('b').catch(() => console.log('handled in time'));
Promise.reject('c');
