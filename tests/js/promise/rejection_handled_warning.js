// With no 'rejectionHandled' listener, a late handler gets node's warning on stderr.
process.on('unhandledRejection', (reason, p) => {
    console.log('unhandledRejection', reason);
    Promise.resolve().then(() => p.catch(() => console.log('late catch', reason)));
});
const early = Promise.reject(1);
early.catch(() => {});
Promise.reject(2);
process.on('exit', () => console.log('exit'));
