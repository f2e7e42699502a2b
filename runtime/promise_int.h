/* promise_int.h: internals shared by builtins_promise.c (the Promise object, resolve/reject,
 * then), builtins_promise_all.c (the combinators, AggregateError) and microtask.c (the job
 * queue, unhandled rejections). A promise is a T_PROMISE object whose state lives in its
 * internal slots; reaction records and jobs are FixedArrays, so the GC sees all of it.
 */
#ifndef MJS_PROMISE_INT_H
#define MJS_PROMISE_INT_H

#include "host_int.h"

/* Internal slots of a T_PROMISE. Reactions: V_UNDEF, one record, or an array of records. */
enum { PS_STATE = 0, PS_RESULT = 1, PS_REACTIONS = 2, PS_FLAGS = 3, PS_COUNT = 4 };
/* PS_FLAGS: bit 0 [[PromiseIsHandled]], bit 1 reported to 'unhandledRejection'; the bits
 * above hold node's rejection id, given when it was rejected with no handler. */
enum { PF_HANDLED = 1, PF_WARNED = 2, PF_ID_SHIFT = 2 };

/* A reaction record: the derived capability (promise V_UNDEF for a bare native reaction;
 * resolve/reject V_UNDEF when the promise is ours and nobody else can resolve it) and the
 * two handlers (V_UNDEF when not callable). */
enum { RX_PROMISE, RX_RESOLVE, RX_REJECT, RX_ON_FULFILLED, RX_ON_REJECTED, RX_SIZE };

/* R_PROMISE_INTRINSICS slots. */
enum { PI_CTOR, PI_SPECIES, PI_THEN, PI_AGGREGATE_PROTO, PI_LAST_ID, PI_HANDLED_LATE, PI_SIZE };

/* Jobs: FixedArray [kind, a, b, c]. */
enum {
    JOB_REACTION, /* a = reaction record, b = argument, c = v_int(RT_PROMISE_FULFILLED|REJECTED) */
    JOB_THENABLE, /* a = promise to resolve, b = thenable, c = its then method */
    JOB_CALLBACK, /* a = function (queueMicrotask) */
};

/* internal slot 1 of a native function: its data (vm_int.h NATIVE_INT_DATA) */
enum { PROMISE_NATIVE_DATA = 1 };

/* A capability: handles in the caller's scope. resolve/reject stay V_UNDEF for a %Promise%
 * made by us whose functions were not asked for (then settles it directly). */
typedef struct Cap {
    Value *promise, *resolve, *reject;
} Cap;

static inline Value promise_intrinsic(Isolate *iso, int i) {
    return v_fixed(ROOT(iso, R_PROMISE_INTRINSICS))->items[i];
}
/* A native function carrying data in its data slot. */
Value rt_native_with_data(Isolate *iso, const char *name, NativeFn fn, int length, Value data);
static inline Value native_data(Value *argv) { return *obj_internal(argv[-2], PROMISE_NATIVE_DATA); }

/* builtins_promise.c */
/* NewPromiseCapability(C): with_fns also makes the resolving functions of a %Promise%. */
Status rt_promise_capability(Isolate *iso, Value ctor, bool with_fns, Cap *cap) MJS_MUST_CHECK;
/* Settle a capability (through its functions when it has them). */
Status rt_cap_resolve(Isolate *iso, const Cap *cap, Value v) MJS_MUST_CHECK;
Status rt_cap_reject(Isolate *iso, const Cap *cap, Value reason) MJS_MUST_CHECK;
/* PromiseResolve(C, x). */
Status rt_promise_resolve_with(Isolate *iso, Value ctor, Value x, Value *out) MJS_MUST_CHECK;
/* Run one job popped from the queue. */
Status rt_promise_run_job(Isolate *iso, Value job) MJS_MUST_CHECK;
bool rt_is_constructor(Isolate *iso, Value f);

/* builtins_promise_all.c */
void rt_install_promise_combinators(Isolate *iso, Value *ctor);
void rt_install_aggregate_error(Isolate *iso);

/* microtask.c */
void rt_enqueue_job(Isolate *iso, int kind, Value a, Value b, Value c);
/* HostPromiseRejectionTracker: a promise was rejected with no handler (remember it for the
 * end of the drain), or one so rejected got its first handler. */
void rt_track_rejection(Isolate *iso, Value promise);
void rt_track_handled(Isolate *iso, Value promise);
void rt_install_microtasks(Isolate *iso);

#endif
