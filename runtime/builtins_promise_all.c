/* builtins_promise_all.c: Promise.all, allSettled, any and race (one loop over the iterable;
 * per-element functions share a record with the result list and the remaining count) and
 * AggregateError, which Promise.any rejects with. The result list is a hidden array that
 * becomes the result once every element has reported, after which nothing writes to it. */
#include <stdio.h>
#include <stdlib.h>

#include "promise_int.h"

#define TRY(e)                                                                                 \
    do {                                                                                       \
        if ((e) != MJS_OK) goto fail;                                                          \
    } while (0)

enum { MODE_ALL, MODE_ALL_SETTLED, MODE_ANY, MODE_RACE };
/* The shared record. */
enum { SH_VALUES, SH_REMAINING, SH_PROMISE, SH_RESOLVE, SH_REJECT, SH_SIZE };
/* Element data; allSettled's two functions share one, so one alreadyCalled flag. */
enum { ED_SHARED, ED_INDEX, ED_CALLED, ED_SIZE };

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing Promise built-ins failed\n");
        abort();
    }
}

/* ---------------------------------------------------------------- AggregateError */

/* A new AggregateError with errors (an array) and msg (a string or V_UNDEF); the stack
 * skips `skip` frames. */
static Status aggregate_new(Isolate *iso, Value errors, Value msg, Value options, int skip, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *eh = vm_handle(iso, errors), *mh = vm_handle(iso, msg), *oh = vm_handle(iso, options);
    Value *err = vm_handle(iso, obj_new_from_map(iso, v_ptr(ROOT(iso, R_MAP_ERROR))));
    Value *s = vm_handle(iso, V_UNDEF);
    TRY(obj_set_proto(iso, *err, promise_intrinsic(iso, PI_AGGREGATE_PROTO)));
    /* V8's own-property order: stack, message, cause, errors. */
    TRY(obj_define(iso, *err, ATOM(iso, stack), V_UNDEF, P_HIDDEN));
    if (*mh != V_UNDEF) TRY(obj_define(iso, *err, ATOM(iso, message), *mh, P_HIDDEN));
    if (v_is_object(*oh)) {
        bool has;
        TRY(obj_has(iso, *oh, ATOM(iso, cause), &has));
        if (has) {
            TRY(obj_get(iso, *oh, ATOM(iso, cause), s));
            TRY(obj_define(iso, *err, ATOM(iso, cause), *s, P_HIDDEN));
        }
    }
    *s = atom_from_cstr(iso, "errors");
    TRY(obj_define(iso, *err, *s, *eh, P_HIDDEN));
    *s = str_from_cstr(iso, "AggregateError");
    if (v_is_string(*mh) && str_length(*mh) > 0) {
        Value sep = str_from_cstr(iso, ": ");
        *s = str_concat(iso, *s, sep);
        *s = str_concat(iso, *s, *mh);
    }
    Value *frames = vm_handle(iso, vm_capture_stack(iso, skip));
    if (v_is_string(*frames) && str_length(*frames) > 0) {
        Value nl = str_from_cstr(iso, "\n");
        *s = str_concat(iso, *s, nl);
        *s = str_concat(iso, *s, *frames);
    }
    TRY(obj_define(iso, *err, ATOM(iso, stack), *s, P_HIDDEN));
    *out = *err;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* AggregateError(errors, message[, options]), with or without new. */
static Status aggregate_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *msg = vm_handle(iso, V_UNDEF), *list = vm_handle(iso, V_UNDEF);
    Value *it = vm_handle(iso, V_UNDEF), *item = vm_handle(iso, V_UNDEF);
    if (argv[1] != V_UNDEF) TRY(vm_to_string(iso, argv[1], msg));
    *list = array_new(iso, 0);
    TRY(vm_get_iterator(iso, argv[0], it));
    for (;;) {
        bool done;
        TRY(vm_iterator_step(iso, *it, &done, item));
        if (done) break;
        TRY(array_push(iso, *list, *item));
    }
    TRY(aggregate_new(iso, *list, *msg, argc > 2 ? argv[2] : V_UNDEF, 1, ret));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

void rt_install_aggregate_error(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    Value *proto = vm_handle(iso, obj_new_with_proto(iso, ROOT(iso, R_ERROR_PROTO)));
    Value *ctor = vm_handle(iso, vm_new_native(iso, "AggregateError", aggregate_ctor, 2));
    FixedArray *pi = v_fixed(ROOT(iso, R_PROMISE_INTRINSICS));
    vm_store(iso, pi, &pi->items[PI_AGGREGATE_PROTO], *proto);
    PropDesc pd;
    if (obj_get_own(iso, ROOT(iso, R_ERROR_PROTO), ATOM(iso, constructor), &pd) && v_is_object(pd.value))
        must(obj_set_proto(iso, *ctor, pd.value));
    must(obj_define(iso, *ctor, ATOM(iso, prototype), *proto, 0));
    must(obj_define(iso, *proto, ATOM(iso, constructor), *ctor, P_HIDDEN));
    Value name = atom_from_cstr(iso, "AggregateError");
    must(obj_define(iso, *proto, ATOM(iso, name), name, P_HIDDEN));
    must(obj_define(iso, *proto, ATOM(iso, message), ATOM(iso, empty), P_HIDDEN));
    name = atom_from_cstr(iso, "AggregateError");
    must(obj_define(iso, ROOT(iso, R_GLOBAL), name, *ctor, P_HIDDEN));
    vm_scope_close(iso, mark);
}

/* ---------------------------------------------------------------- element functions */

/* All elements have reported: settle the capability with the list. */
static Status finish(Isolate *iso, Value *sh, int mode) {
    size_t mark = vm_scope_open(iso);
    Cap cap;
    cap.promise = vm_handle(iso, v_fixed(*sh)->items[SH_PROMISE]);
    cap.resolve = vm_handle(iso, v_fixed(*sh)->items[SH_RESOLVE]);
    cap.reject = vm_handle(iso, v_fixed(*sh)->items[SH_REJECT]);
    Value *v = vm_handle(iso, v_fixed(*sh)->items[SH_VALUES]);
    Status st;
    if (mode == MODE_ANY) {
        Value msg = str_from_cstr(iso, "All promises were rejected");
        st = aggregate_new(iso, *v, msg, V_UNDEF, 0, v);
        if (st == MJS_OK) st = rt_cap_reject(iso, &cap, *v);
    } else {
        st = rt_cap_resolve(iso, &cap, *v);
    }
    vm_scope_close(iso, mark);
    return st;
}

static Status element(Isolate *iso, Value *argv, int mode, const char *status, Value *ret) {
    *ret = V_UNDEF;
    FixedArray *ed = v_fixed(native_data(argv));
    if (ed->items[ED_CALLED] == V_TRUE) return MJS_OK;
    ed->items[ED_CALLED] = V_TRUE;
    size_t mark = vm_scope_open(iso);
    int32_t index = v_int_val(ed->items[ED_INDEX]);
    Value *sh = vm_handle(iso, ed->items[ED_SHARED]);
    Value *v = vm_handle(iso, argv[0]);
    Value *key = vm_handle(iso, V_UNDEF);
    if (status) {
        /* allSettled: { status, value } or { status, reason } */
        Value *o = vm_handle(iso, obj_new(iso));
        *key = atom_from_cstr(iso, "status");
        Value s = atom_from_cstr(iso, status);
        TRY(obj_define(iso, *o, *key, s, P_DEFAULT));
        *key = atom_from_cstr(iso, status[0] == 'f' ? "value" : "reason");
        TRY(obj_define(iso, *o, *key, *v, P_DEFAULT));
        *v = *o;
    }
    TRY(obj_define(iso, v_fixed(*sh)->items[SH_VALUES], v_int(index), *v, P_DEFAULT));
    FixedArray *shared = v_fixed(*sh);
    int32_t remaining = v_int_val(shared->items[SH_REMAINING]) - 1;
    shared->items[SH_REMAINING] = v_int(remaining);
    if (remaining == 0) TRY(finish(iso, sh, mode));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status all_resolve_element(Isolate *iso, Value *argv, int argc, Value *ret) {
    return element(iso, argv, MODE_ALL, NULL, ret);
}
static Status settled_fulfilled_element(Isolate *iso, Value *argv, int argc, Value *ret) {
    return element(iso, argv, MODE_ALL_SETTLED, "fulfilled", ret);
}
static Status settled_rejected_element(Isolate *iso, Value *argv, int argc, Value *ret) {
    return element(iso, argv, MODE_ALL_SETTLED, "rejected", ret);
}
static Status any_reject_element(Isolate *iso, Value *argv, int argc, Value *ret) {
    return element(iso, argv, MODE_ANY, NULL, ret);
}

/* ---------------------------------------------------------------- the loop */

/* The two handlers element `index` passes to nextPromise.then. */
static void element_handlers(Isolate *iso, int mode, Value *sh, int32_t index, const Cap *cap,
                             Value *on_ok, Value *on_err) {
    if (mode == MODE_RACE) {
        *on_ok = *cap->resolve;
        *on_err = *cap->reject;
        return;
    }
    size_t mark = vm_scope_open(iso);
    Value *ed = vm_handle(iso, fixed_new(iso, ED_SIZE));
    vm_store(iso, v_fixed(*ed), &v_fixed(*ed)->items[ED_SHARED], *sh);
    v_fixed(*ed)->items[ED_INDEX] = v_int(index);
    v_fixed(*ed)->items[ED_CALLED] = V_FALSE;
    switch (mode) {
    case MODE_ALL:
        *on_ok = rt_native_with_data(iso, "", all_resolve_element, 1, *ed);
        *on_err = *cap->reject;
        break;
    case MODE_ALL_SETTLED:
        *on_ok = rt_native_with_data(iso, "", settled_fulfilled_element, 1, *ed);
        *on_err = rt_native_with_data(iso, "", settled_rejected_element, 1, *ed);
        break;
    default:
        *on_ok = *cap->resolve;
        *on_err = rt_native_with_data(iso, "", any_reject_element, 1, *ed);
        break;
    }
    vm_scope_close(iso, mark);
}

static Status combinator(Isolate *iso, Value *argv, int mode, const char *name, Value *ret) {
    if (!v_is_object(argv[-1])) return vm_throw_error(iso, E_TYPE, "%s called on non-object", name);
    size_t mark = vm_scope_open(iso);
    Value *c = vm_handle(iso, argv[-1]);
    Cap cap;
    if (rt_promise_capability(iso, *c, true, &cap) != MJS_OK) {
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    Value *resolve = vm_handle(iso, V_UNDEF), *it = vm_handle(iso, V_UNDEF);
    Value *item = vm_handle(iso, V_UNDEF), *next = vm_handle(iso, V_UNDEF);
    Value *sh = vm_handle(iso, V_UNDEF), *args = vm_handle(iso, V_UNDEF);
    Value *on_ok = vm_handle(iso, V_UNDEF), *on_err = vm_handle(iso, V_UNDEF);
    bool iter_done = true; /* nothing to close until there is an iterator */
    Status st = rt_get_named(iso, c, "resolve", resolve);
    if (st == MJS_OK && !v_is_callable(*resolve)) st = vm_throw_error(iso, E_TYPE, "resolve is not a function");
    if (st == MJS_OK) st = vm_get_iterator(iso, argv[0], it);
    if (st == MJS_OK) {
        iter_done = false;
        *sh = fixed_new(iso, SH_SIZE);
        *args = array_new(iso, 0);
        FixedArray *s = v_fixed(*sh);
        vm_store(iso, s, &s->items[SH_VALUES], *args);
        s->items[SH_REMAINING] = v_int(1);
        vm_store(iso, s, &s->items[SH_PROMISE], *cap.promise);
        vm_store(iso, s, &s->items[SH_RESOLVE], *cap.resolve);
        vm_store(iso, s, &s->items[SH_REJECT], *cap.reject);
    }
    for (int32_t index = 0; st == MJS_OK; index++) {
        bool done;
        st = vm_iterator_step(iso, *it, &done, item);
        if (st != MJS_OK || done) {
            iter_done = true;
            if (st != MJS_OK || mode == MODE_RACE) break;
            FixedArray *s = v_fixed(*sh);
            int32_t remaining = v_int_val(s->items[SH_REMAINING]) - 1;
            s->items[SH_REMAINING] = v_int(remaining);
            if (remaining == 0) st = finish(iso, sh, mode);
            break;
        }
        if (index == INT32_MAX) {
            st = vm_throw_error(iso, E_RANGE, "Too many elements passed to %s", name);
            break;
        }
        if (mode != MODE_RACE) {
            st = array_push(iso, v_fixed(*sh)->items[SH_VALUES], V_UNDEF);
            if (st != MJS_OK) break;
        }
        st = vm_call(iso, *resolve, *c, 1, item, next);
        if (st != MJS_OK) break;
        element_handlers(iso, mode, sh, index, &cap, on_ok, on_err);
        if (mode != MODE_RACE) {
            FixedArray *s = v_fixed(*sh);
            s->items[SH_REMAINING] = v_int(v_int_val(s->items[SH_REMAINING]) + 1);
        }
        Value then_args[2] = {*on_ok, *on_err};
        st = vm_invoke(iso, *next, promise_intrinsic(iso, PI_THEN), 2, then_args, item);
    }
    if (st != MJS_OK) {
        /* IfAbruptRejectPromise, after closing an iterator we did not finish. */
        if (!iter_done) (void)!vm_iterator_close(iso, *it);
        Value exc = vm_take_exception(iso);
        st = rt_cap_reject(iso, &cap, exc);
    }
    if (st == MJS_OK) *ret = *cap.promise;
    vm_scope_close(iso, mark);
    return st;
}

static Status promise_all(Isolate *iso, Value *argv, int argc, Value *ret) {
    return combinator(iso, argv, MODE_ALL, "Promise.all", ret);
}
static Status promise_all_settled(Isolate *iso, Value *argv, int argc, Value *ret) {
    return combinator(iso, argv, MODE_ALL_SETTLED, "Promise.allSettled", ret);
}
static Status promise_any(Isolate *iso, Value *argv, int argc, Value *ret) {
    return combinator(iso, argv, MODE_ANY, "Promise.any", ret);
}
static Status promise_race(Isolate *iso, Value *argv, int argc, Value *ret) {
    return combinator(iso, argv, MODE_RACE, "Promise.race", ret);
}

void rt_install_promise_combinators(Isolate *iso, Value *ctor) {
    vm_def_native(iso, *ctor, "all", promise_all, 1);
    vm_def_native(iso, *ctor, "allSettled", promise_all_settled, 1);
    vm_def_native(iso, *ctor, "any", promise_any, 1);
    vm_def_native(iso, *ctor, "race", promise_race, 1);
}
