/* builtins_promise.c: the Promise constructor, then/catch/finally, Promise.resolve/reject and
 * the C API (rt_promise_*). A promise's state, result, reactions and flags live in its
 * internal slots (promise_int.h). Settling never runs JS: it turns reactions into jobs on the
 * microtask queue (microtask.c); only resolving with an object reads its `then` at once. */
#include <stdio.h>
#include <stdlib.h>

#include "promise_int.h"

#define TRY(e)                                                                                 \
    do {                                                                                       \
        if ((e) != MJS_OK) goto fail;                                                          \
    } while (0)

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing Promise built-ins failed\n");
        abort();
    }
}

/* ---------------------------------------------------------------- state */

bool rt_is_promise(Value v) { return v_is_object(v) && v_type(v) == T_PROMISE; }
int rt_promise_state(Value p) { return v_int_val(*obj_internal(p, PS_STATE)); }
Value rt_promise_result(Value p) { return *obj_internal(p, PS_RESULT); }

static int flags_of(Value p) { return v_int_val(*obj_internal(p, PS_FLAGS)); }
static void set_flags(Value p, int f) { *obj_internal(p, PS_FLAGS) = v_int(f); }

Value rt_native_with_data(Isolate *iso, const char *name, NativeFn fn, int length, Value data) {
    size_t mark = vm_scope_open(iso);
    Value *d = vm_handle(iso, data);
    Value f = vm_new_native(iso, name, fn, length);
    vm_store(iso, v_jsobj(f), obj_internal(f, PROMISE_NATIVE_DATA), *d);
    vm_scope_close(iso, mark);
    return f;
}

Value rt_promise_new(Isolate *iso) {
    Value p = obj_new_from_map(iso, v_ptr(ROOT(iso, R_MAP_PROMISE)));
    JSObject *o = v_jsobj(p);
    o->slots[PS_STATE] = v_int(RT_PROMISE_PENDING);
    o->slots[PS_RESULT] = V_UNDEF;
    o->slots[PS_REACTIONS] = V_UNDEF;
    o->slots[PS_FLAGS] = v_int(0);
    return p;
}

/* FulfillPromise / RejectPromise: record the outcome, then queue one job per reaction. */
static void settle(Isolate *iso, Value promise, Value value, int state) {
    if (rt_promise_state(promise) != RT_PROMISE_PENDING) return;
    size_t mark = vm_scope_open(iso);
    Value *p = vm_handle(iso, promise), *v = vm_handle(iso, value);
    JSObject *o = v_jsobj(*p);
    Value *rx = vm_handle(iso, o->slots[PS_REACTIONS]);
    vm_store(iso, o, &o->slots[PS_RESULT], *v);
    o->slots[PS_STATE] = v_int(state);
    o->slots[PS_REACTIONS] = V_UNDEF;
    if (state == RT_PROMISE_REJECTED && !(flags_of(*p) & PF_HANDLED)) rt_track_rejection(iso, *p);
    if (v_is_array(*rx)) {
        for (uint32_t i = 0; i < array_length(*rx); i++)
            rt_enqueue_job(iso, JOB_REACTION, array_get_own(*rx, i), *v, v_int(state));
    } else if (*rx != V_UNDEF) {
        rt_enqueue_job(iso, JOB_REACTION, *rx, *v, v_int(state));
    }
    vm_scope_close(iso, mark);
}

void rt_promise_reject(Isolate *iso, Value promise, Value reason) {
    settle(iso, promise, reason, RT_PROMISE_REJECTED);
}

void rt_promise_resolve(Isolate *iso, Value promise, Value resolution) {
    if (rt_promise_state(promise) != RT_PROMISE_PENDING) return;
    size_t mark = vm_scope_open(iso);
    Value *p = vm_handle(iso, promise), *r = vm_handle(iso, resolution);
    Value *then = vm_handle(iso, V_UNDEF);
    if (*r == *p) {
        Value msg = str_from_cstr(iso, "Chaining cycle detected for promise #<Promise>");
        settle(iso, *p, vm_make_error(iso, E_TYPE, msg), RT_PROMISE_REJECTED);
    } else if (!v_is_object(*r)) {
        settle(iso, *p, *r, RT_PROMISE_FULFILLED);
    } else if (obj_get(iso, *r, promise_intrinsic(iso, PI_THEN), then) != MJS_OK) {
        settle(iso, *p, vm_take_exception(iso), RT_PROMISE_REJECTED);
    } else if (!v_is_callable(*then)) {
        settle(iso, *p, *r, RT_PROMISE_FULFILLED);
    } else {
        /* Adopt the thenable's state later, from a clean stack (NewPromiseResolveThenableJob). */
        rt_enqueue_job(iso, JOB_THENABLE, *p, *r, *then);
    }
    vm_scope_close(iso, mark);
}

/* ---------------------------------------------------------------- resolving functions */

/* Data of both functions: [promise, alreadyResolved]. */
static Status resolve_fn(Isolate *iso, Value *argv, int argc, Value *ret) {
    FixedArray *rec = v_fixed(native_data(argv));
    *ret = V_UNDEF;
    if (rec->items[1] == V_TRUE) return MJS_OK;
    rec->items[1] = V_TRUE;
    rt_promise_resolve(iso, rec->items[0], argv[0]);
    return MJS_OK;
}

static Status reject_fn(Isolate *iso, Value *argv, int argc, Value *ret) {
    FixedArray *rec = v_fixed(native_data(argv));
    *ret = V_UNDEF;
    if (rec->items[1] == V_TRUE) return MJS_OK;
    rec->items[1] = V_TRUE;
    settle(iso, rec->items[0], argv[0], RT_PROMISE_REJECTED);
    return MJS_OK;
}

/* CreateResolvingFunctions into the handles res and rej. */
static void make_resolving_functions(Isolate *iso, Value promise, Value *res, Value *rej) {
    size_t mark = vm_scope_open(iso);
    Value *p = vm_handle(iso, promise);
    Value *rec = vm_handle(iso, fixed_new(iso, 2));
    vm_store(iso, v_fixed(*rec), &v_fixed(*rec)->items[0], *p);
    v_fixed(*rec)->items[1] = V_FALSE;
    *res = rt_native_with_data(iso, "", resolve_fn, 1, *rec);
    *rej = rt_native_with_data(iso, "", reject_fn, 1, *rec);
    vm_scope_close(iso, mark);
}

/* ---------------------------------------------------------------- capabilities */

bool rt_is_constructor(Isolate *iso, Value f) { return vm_is_constructor(iso, f); }

/* GetCapabilitiesExecutor: data [resolve, reject]. */
static Status capability_executor(Isolate *iso, Value *argv, int argc, Value *ret) {
    FixedArray *rec = v_fixed(native_data(argv));
    if (rec->items[0] != V_UNDEF || rec->items[1] != V_UNDEF)
        return vm_throw_error(iso, E_TYPE,
                              "Promise executor has already been invoked with non-undefined arguments");
    vm_store(iso, rec, &rec->items[0], argv[0]);
    vm_store(iso, rec, &rec->items[1], argv[1]);
    *ret = V_UNDEF;
    return MJS_OK;
}

Status rt_promise_capability(Isolate *iso, Value ctor, bool with_fns, Cap *cap) {
    Value *c = vm_handle(iso, ctor);
    cap->promise = vm_handle(iso, V_UNDEF);
    cap->resolve = vm_handle(iso, V_UNDEF);
    cap->reject = vm_handle(iso, V_UNDEF);
    if (*c == promise_intrinsic(iso, PI_CTOR)) {
        *cap->promise = rt_promise_new(iso);
        if (with_fns) make_resolving_functions(iso, *cap->promise, cap->resolve, cap->reject);
        return MJS_OK;
    }
    if (!rt_is_constructor(iso, *c)) {
        char *s = rt_describe(iso, *c, false);
        vm_throw_error(iso, E_TYPE, "%s is not a constructor", s);
        free(s);
        return MJS_EXC;
    }
    Value *rec = vm_handle(iso, fixed_new(iso, 2));
    v_fixed(*rec)->items[0] = v_fixed(*rec)->items[1] = V_UNDEF;
    Value exec = rt_native_with_data(iso, "", capability_executor, 2, *rec);
    if (vm_construct(iso, *c, 1, &exec, cap->promise) != MJS_OK) return MJS_EXC;
    *cap->resolve = v_fixed(*rec)->items[0];
    *cap->reject = v_fixed(*rec)->items[1];
    if (!v_is_callable(*cap->resolve) || !v_is_callable(*cap->reject))
        return vm_throw_error(iso, E_TYPE, "Promise resolve or reject function is not callable");
    return MJS_OK;
}

Status rt_cap_resolve(Isolate *iso, const Cap *cap, Value v) {
    if (!v_is_callable(*cap->resolve)) {
        rt_promise_resolve(iso, *cap->promise, v);
        return MJS_OK;
    }
    Value ignored;
    return vm_call(iso, *cap->resolve, V_UNDEF, 1, &v, &ignored);
}

Status rt_cap_reject(Isolate *iso, const Cap *cap, Value reason) {
    if (!v_is_callable(*cap->reject)) {
        settle(iso, *cap->promise, reason, RT_PROMISE_REJECTED);
        return MJS_OK;
    }
    Value ignored;
    return vm_call(iso, *cap->reject, V_UNDEF, 1, &reason, &ignored);
}

/* SpeciesConstructor(o, %Promise%). */
static Status species_constructor(Isolate *iso, Value *o, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *c = vm_handle(iso, V_UNDEF);
    TRY(obj_get(iso, *o, ATOM(iso, constructor), c));
    if (*c != V_UNDEF) {
        if (!v_is_object(*c)) {
            vm_throw_error(iso, E_TYPE, "The .constructor property is not an object");
            goto fail;
        }
        Value species = promise_intrinsic(iso, PI_SPECIES);
        if (v_is_symbol(species)) TRY(obj_get(iso, *c, species, c));
    }
    if (v_is_nullish(*c)) {
        *c = promise_intrinsic(iso, PI_CTOR);
    } else if (!rt_is_constructor(iso, *c)) {
        vm_throw_error(iso, E_TYPE, "object.constructor[Symbol.species] is not a constructor");
        goto fail;
    }
    *out = *c;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

Status rt_promise_resolve_with(Isolate *iso, Value ctor, Value x, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *c = vm_handle(iso, ctor), *xh = vm_handle(iso, x);
    if (rt_is_promise(*xh)) {
        Value *xc = vm_handle(iso, V_UNDEF);
        TRY(obj_get(iso, *xh, ATOM(iso, constructor), xc));
        if (*xc == *c) {
            *out = *xh;
            vm_scope_close(iso, mark);
            return MJS_OK;
        }
    }
    Cap cap;
    TRY(rt_promise_capability(iso, *c, false, &cap));
    TRY(rt_cap_resolve(iso, &cap, *xh));
    *out = *cap.promise;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

Status rt_promise_from(Isolate *iso, Value v, Value *out) {
    return rt_promise_resolve_with(iso, promise_intrinsic(iso, PI_CTOR), v, out);
}

/* ---------------------------------------------------------------- then */

/* PerformPromiseThen; cap NULL for a reaction with no derived promise. */
static void perform_then(Isolate *iso, Value promise, Value on_ok, Value on_err, const Cap *cap) {
    size_t mark = vm_scope_open(iso);
    Value *p = vm_handle(iso, promise);
    Value *ok = vm_handle(iso, v_is_callable(on_ok) ? on_ok : V_UNDEF);
    Value *err = vm_handle(iso, v_is_callable(on_err) ? on_err : V_UNDEF);
    Value *rx = vm_handle(iso, fixed_new(iso, RX_SIZE));
    FixedArray *a = v_fixed(*rx);
    vm_store(iso, a, &a->items[RX_PROMISE], cap ? *cap->promise : V_UNDEF);
    vm_store(iso, a, &a->items[RX_RESOLVE], cap ? *cap->resolve : V_UNDEF);
    vm_store(iso, a, &a->items[RX_REJECT], cap ? *cap->reject : V_UNDEF);
    vm_store(iso, a, &a->items[RX_ON_FULFILLED], *ok);
    vm_store(iso, a, &a->items[RX_ON_REJECTED], *err);
    int state = rt_promise_state(*p);
    if (state == RT_PROMISE_REJECTED && !(flags_of(*p) & PF_HANDLED)) rt_track_handled(iso, *p);
    if (state != RT_PROMISE_PENDING) {
        rt_enqueue_job(iso, JOB_REACTION, *rx, rt_promise_result(*p), v_int(state));
    } else {
        /* Most promises get one reaction: keep it bare, make a list from the second on. */
        Value cur = *obj_internal(*p, PS_REACTIONS);
        if (cur == V_UNDEF) {
            vm_store(iso, v_jsobj(*p), obj_internal(*p, PS_REACTIONS), *rx);
        } else if (!v_is_array(cur)) {
            Value *list = vm_handle(iso, array_new(iso, 0));
            must(array_push(iso, *list, *obj_internal(*p, PS_REACTIONS)));
            must(array_push(iso, *list, *rx));
            vm_store(iso, v_jsobj(*p), obj_internal(*p, PS_REACTIONS), *list);
        } else {
            must(array_push(iso, cur, *rx));
        }
    }
    set_flags(*p, flags_of(*p) | PF_HANDLED);
    vm_scope_close(iso, mark);
}

Status rt_promise_then_native(Isolate *iso, Value promise, NativeFn on_ok, NativeFn on_err, Value data) {
    size_t mark = vm_scope_open(iso);
    Value *p = vm_handle(iso, promise), *d = vm_handle(iso, data);
    Value *ok = vm_handle(iso, on_ok ? rt_native_with_data(iso, "", on_ok, 1, *d) : V_UNDEF);
    Value *err = vm_handle(iso, on_err ? rt_native_with_data(iso, "", on_err, 1, *d) : V_UNDEF);
    perform_then(iso, *p, *ok, *err, NULL);
    vm_scope_close(iso, mark);
    return MJS_OK;
}

static Status incompatible(Isolate *iso, const char *method, Value v) {
    char *s = rt_describe(iso, v, false);
    vm_throw_error(iso, E_TYPE, "Method %s called on incompatible receiver %s", method, s);
    free(s);
    return MJS_EXC;
}

static Status promise_then(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!rt_is_promise(argv[-1])) return incompatible(iso, "Promise.prototype.then", argv[-1]);
    size_t mark = vm_scope_open(iso);
    Value *c = vm_handle(iso, V_UNDEF);
    Cap cap;
    TRY(species_constructor(iso, &argv[-1], c));
    TRY(rt_promise_capability(iso, *c, false, &cap));
    perform_then(iso, argv[-1], argv[0], argv[1], &cap);
    *ret = *cap.promise;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* Invoke(this, "then", undefined, onRejected); V8 names the missing method by its value. */
static Status promise_catch(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *then = vm_handle(iso, V_UNDEF);
    Status st = obj_get(iso, argv[-1], promise_intrinsic(iso, PI_THEN), then);
    if (st == MJS_OK && !v_is_callable(*then)) st = rt_throw_not_function(iso, *then, false);
    if (st == MJS_OK) {
        Value args[2] = {V_UNDEF, argv[0]};
        st = vm_call(iso, *then, argv[-1], 2, args, ret);
    }
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- finally */

static Status value_thunk(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = native_data(argv);
    return MJS_OK;
}

static Status thrower(Isolate *iso, Value *argv, int argc, Value *ret) {
    return vm_throw(iso, native_data(argv));
}

/* thenFinally / catchFinally: data [onFinally, C]; run onFinally, wait for its result, then
 * pass the original value on (or rethrow the reason). */
static Status finally_step(Isolate *iso, Value *argv, NativeFn pass_on, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *rec = vm_handle(iso, native_data(argv));
    Value *r = vm_handle(iso, V_UNDEF);
    TRY(vm_call(iso, v_fixed(*rec)->items[0], V_UNDEF, 0, NULL, r));
    TRY(rt_promise_resolve_with(iso, v_fixed(*rec)->items[1], *r, r));
    Value f = rt_native_with_data(iso, "", pass_on, 0, argv[0]);
    TRY(vm_invoke(iso, *r, promise_intrinsic(iso, PI_THEN), 1, &f, ret));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status then_finally(Isolate *iso, Value *argv, int argc, Value *ret) {
    return finally_step(iso, argv, value_thunk, ret);
}

static Status catch_finally(Isolate *iso, Value *argv, int argc, Value *ret) {
    return finally_step(iso, argv, thrower, ret);
}

static Status promise_finally(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[-1]))
        return vm_throw_error(iso, E_TYPE, "Promise.prototype.finally called on non-object");
    size_t mark = vm_scope_open(iso);
    Value *c = vm_handle(iso, V_UNDEF);
    TRY(species_constructor(iso, &argv[-1], c));
    Value *on_ok = vm_handle(iso, argv[0]), *on_err = vm_handle(iso, argv[0]);
    if (v_is_callable(argv[0])) {
        Value *rec = vm_handle(iso, fixed_new(iso, 2));
        vm_store(iso, v_fixed(*rec), &v_fixed(*rec)->items[0], argv[0]);
        vm_store(iso, v_fixed(*rec), &v_fixed(*rec)->items[1], *c);
        *on_ok = rt_native_with_data(iso, "", then_finally, 1, *rec);
        *on_err = rt_native_with_data(iso, "", catch_finally, 1, *rec);
    }
    Value args[2] = {*on_ok, *on_err};
    TRY(vm_invoke(iso, argv[-1], promise_intrinsic(iso, PI_THEN), 2, args, ret));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- constructor, statics */

static Status promise_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argv[-1] != V_HOLE)
        return vm_throw_error(iso, E_TYPE, "Promise constructor cannot be invoked without 'new'");
    if (!v_is_callable(argv[0])) {
        char *s = rt_describe(iso, argv[0], false);
        vm_throw_error(iso, E_TYPE, "Promise resolver %s is not a function", s);
        free(s);
        return MJS_EXC;
    }
    size_t mark = vm_scope_open(iso);
    Value *p = vm_handle(iso, rt_promise_new(iso));
    Value *res = vm_handle(iso, V_UNDEF), *rej = vm_handle(iso, V_UNDEF);
    Value *tmp = vm_handle(iso, V_UNDEF);
    make_resolving_functions(iso, *p, res, rej);
    Value args[2] = {*res, *rej};
    Status st = vm_call(iso, argv[0], V_UNDEF, 2, args, tmp);
    if (st != MJS_OK) {
        Value exc = vm_take_exception(iso);
        st = vm_call(iso, *rej, V_UNDEF, 1, &exc, tmp);
    }
    *ret = *p;
    vm_scope_close(iso, mark);
    return st;
}

static Status promise_static_resolve(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[-1])) return vm_throw_error(iso, E_TYPE, "PromiseResolve called on non-object");
    return rt_promise_resolve_with(iso, argv[-1], argv[0], ret);
}

static Status promise_static_reject(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[-1])) return vm_throw_error(iso, E_TYPE, "PromiseReject called on non-object");
    size_t mark = vm_scope_open(iso);
    Cap cap;
    Status st = rt_promise_capability(iso, argv[-1], false, &cap);
    if (st == MJS_OK) st = rt_cap_reject(iso, &cap, argv[0]);
    if (st == MJS_OK) *ret = *cap.promise;
    vm_scope_close(iso, mark);
    return st;
}

static Status get_species(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = argv[-1];
    return MJS_OK;
}

/* ---------------------------------------------------------------- jobs */

/* PromiseReactionJob: run the handler (or pass the value through) and settle the derived
 * promise with the outcome. */
static Status reaction_job(Isolate *iso, Value *job) {
    size_t mark = vm_scope_open(iso);
    Value *rx = vm_handle(iso, v_fixed(*job)->items[1]);
    Value *result = vm_handle(iso, v_fixed(*job)->items[2]);
    int state = v_int_val(v_fixed(*job)->items[3]);
    bool abrupt = state == RT_PROMISE_REJECTED;
    Status st = MJS_OK;
    Value handler = v_fixed(*rx)->items[abrupt ? RX_ON_REJECTED : RX_ON_FULFILLED];
    if (handler != V_UNDEF) {
        Value arg = *result;
        abrupt = false;
        if (vm_call(iso, handler, V_UNDEF, 1, &arg, result) != MJS_OK) {
            /* No derived promise (an await): the exception is the job's own. */
            if (v_fixed(*rx)->items[RX_PROMISE] == V_UNDEF) {
                st = MJS_EXC;
                goto done;
            }
            *result = vm_take_exception(iso);
            abrupt = true;
        }
    }
    FixedArray *a = v_fixed(*rx);
    if (a->items[RX_PROMISE] == V_UNDEF) {
        if (abrupt) st = vm_throw(iso, *result);
    } else if (a->items[abrupt ? RX_REJECT : RX_RESOLVE] == V_UNDEF) {
        if (abrupt) settle(iso, a->items[RX_PROMISE], *result, RT_PROMISE_REJECTED);
        else rt_promise_resolve(iso, a->items[RX_PROMISE], *result);
    } else {
        Value arg = *result;
        st = vm_call(iso, a->items[abrupt ? RX_REJECT : RX_RESOLVE], V_UNDEF, 1, &arg, result);
    }
done:
    vm_scope_close(iso, mark);
    return st;
}

/* PromiseResolveThenableJob: thenable.then(resolve, reject) for the waiting promise. */
static Status thenable_job(Isolate *iso, Value *job) {
    size_t mark = vm_scope_open(iso);
    Value *res = vm_handle(iso, V_UNDEF), *rej = vm_handle(iso, V_UNDEF);
    Value *tmp = vm_handle(iso, V_UNDEF);
    make_resolving_functions(iso, v_fixed(*job)->items[1], res, rej);
    Value args[2] = {*res, *rej};
    FixedArray *a = v_fixed(*job);
    Status st = vm_call(iso, a->items[3], a->items[2], 2, args, tmp);
    if (st != MJS_OK) {
        Value exc = vm_take_exception(iso);
        st = vm_call(iso, *rej, V_UNDEF, 1, &exc, tmp);
    }
    vm_scope_close(iso, mark);
    return st;
}

Status rt_promise_run_job(Isolate *iso, Value job) {
    size_t mark = vm_scope_open(iso);
    Value *j = vm_handle(iso, job);
    Value *tmp = vm_handle(iso, V_UNDEF);
    Status st;
    switch (v_int_val(v_fixed(*j)->items[0])) {
    case JOB_REACTION: st = reaction_job(iso, j); break;
    case JOB_THENABLE: st = thenable_job(iso, j); break;
    default: st = vm_call(iso, v_fixed(*j)->items[1], V_UNDEF, 0, NULL, tmp); break;
    }
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- installation */

void rt_install_promise(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    ROOT(iso, R_PROMISE_PROTO) = obj_new(iso);
    Value *ctor = vm_handle(iso, rt_install_ctor(iso, "Promise", promise_ctor, 1, R_PROMISE_PROTO));
    /* Make the prototype a prototype before map_new_root reads it (as Map/Set do). */
    (void)obj_new_with_proto(iso, ROOT(iso, R_PROMISE_PROTO));
    ROOT(iso, R_MAP_PROMISE) = v_from_ptr(map_new_root(iso, T_PROMISE, ROOT(iso, R_PROMISE_PROTO), PS_COUNT, 0));

    Value *tmp = vm_handle(iso, fixed_new_old(iso, PI_SIZE));
    ROOT(iso, R_PROMISE_INTRINSICS) = *tmp;
    FixedArray *pi = v_fixed(*tmp);
    for (int i = 0; i < PI_SIZE; i++) pi->items[i] = V_UNDEF;
    pi->items[PI_LAST_ID] = v_int(0);
    vm_store(iso, pi, &pi->items[PI_CTOR], *ctor);
    *tmp = atom_from_cstr(iso, "then");
    pi = v_fixed(ROOT(iso, R_PROMISE_INTRINSICS));
    vm_store(iso, pi, &pi->items[PI_THEN], *tmp);
    *tmp = V_UNDEF;
    Value *sym = vm_handle(iso, ROOT(iso, R_GLOBAL));
    if (rt_get_named(iso, sym, "Symbol", sym) != MJS_OK || !v_is_object(*sym) ||
        rt_get_named(iso, sym, "species", sym) != MJS_OK)
        (void)vm_take_exception(iso);
    if (v_is_symbol(*sym)) {
        pi = v_fixed(ROOT(iso, R_PROMISE_INTRINSICS));
        vm_store(iso, pi, &pi->items[PI_SPECIES], *sym);
        *tmp = vm_new_native(iso, "get [Symbol.species]", get_species, 0);
        must(obj_define_accessor(iso, *ctor, *sym, *tmp, V_UNDEF, P_CONFIGURABLE));
    }

    rt_install_promise_combinators(iso, ctor);
    vm_def_native(iso, *ctor, "resolve", promise_static_resolve, 1);
    vm_def_native(iso, *ctor, "reject", promise_static_reject, 1);
    Value proto = ROOT(iso, R_PROMISE_PROTO);
    vm_def_native(iso, proto, "then", promise_then, 2);
    vm_def_native(iso, ROOT(iso, R_PROMISE_PROTO), "catch", promise_catch, 1);
    vm_def_native(iso, ROOT(iso, R_PROMISE_PROTO), "finally", promise_finally, 1);
    *sym = rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
    *tmp = atom_from_cstr(iso, "Promise");
    must(obj_define(iso, ROOT(iso, R_PROMISE_PROTO), *sym, *tmp, P_CONFIGURABLE));

    rt_install_aggregate_error(iso);
    rt_install_microtasks(iso);
    vm_scope_close(iso, mark);
}
