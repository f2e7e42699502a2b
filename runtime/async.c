/* async.c: async functions. An async function body runs as a generator (vm/generator.c):
 * each `await v` suspends it, and the promise for v resumes it with the value (next) or the
 * reason (throw) from a microtask. Its own promise settles when the body returns or throws.
 * The generator object carries that promise in its GEN_PROMISE slot.
 */
#include "../vm/interp_int.h"
#include "../vm/vm_int.h"
#include "host_int.h"

static Status on_fulfilled(Isolate *iso, Value *argv, int argc, Value *ret);
static Status on_rejected(Isolate *iso, Value *argv, int argc, Value *ret);

/* Resume gen with a value (or throw it in), then wait on what it awaits next or settle its
 * promise. Errors of the body reject the promise; they never escape. */
static Status async_step(Isolate *iso, Value gen, Value sent, int mode) {
    size_t mark = vm_scope_open(iso);
    Value *hg = vm_handle(iso, gen), *hs = vm_handle(iso, sent), *res = vm_handle(iso, V_UNDEF);
    Value *awaited = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    for (;;) {
        bool done;
        Value out;
        if (vm_generator_resume(iso, *hg, *hs, mode, &out, &done)) {
            *res = vm_take_exception(iso);
            rt_promise_reject(iso, v_jsobj(*hg)->slots[GEN_PROMISE], *res);
            break;
        }
        *res = out;
        if (done) {
            rt_promise_resolve(iso, v_jsobj(*hg)->slots[GEN_PROMISE], *res);
            break;
        }
        /* await: PromiseResolve(v), then resume from its reaction */
        if (rt_promise_from(iso, *res, awaited)) {
            *hs = vm_take_exception(iso);
            mode = GEN_THROW;
            continue;
        }
        st = rt_promise_then_native(iso, *awaited, on_fulfilled, on_rejected, *hg);
        break;
    }
    vm_scope_close(iso, mark);
    return st;
}

static Value reaction_gen(Value *argv) { return *obj_internal(argv[-2], NATIVE_INT_DATA); }

static Status on_fulfilled(Isolate *iso, Value *argv, int argc, Value *ret) {
    return async_step(iso, reaction_gen(argv), argv[0], GEN_NEXT);
}

static Status on_rejected(Isolate *iso, Value *argv, int argc, Value *ret) {
    return async_step(iso, reaction_gen(argv), argv[0], GEN_THROW);
}

Status rt_async_start(Isolate *iso, Value gen, Value *promise_out) {
    size_t mark = vm_scope_open(iso);
    Value *hg = vm_handle(iso, gen);
    Value p = rt_promise_new(iso);
    JSObject *g = v_jsobj(*hg);
    vm_store(iso, g, &g->slots[GEN_PROMISE], p);
    Status st = async_step(iso, *hg, V_UNDEF, GEN_NEXT);
    *promise_out = v_jsobj(*hg)->slots[GEN_PROMISE];
    vm_scope_close(iso, mark);
    return st;
}
