/* microtask.c: the microtask queue, queueMicrotask, and node's unhandled-rejection handling.
 * The queue is a FixedArray ring in R_MICROTASK_QUEUE ([head, count, jobs...]), so pending
 * jobs are GC roots. Promises rejected with no handler wait in R_PROMISE_REJECTIONS; once the
 * queue has drained, those still unhandled go to process 'unhandledRejection' or are thrown
 * as uncaught exceptions (node's default --unhandled-rejections=throw). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "promise_int.h"

enum { Q_HEAD = 0, Q_COUNT = 1, Q_HDR = 2 };
#define Q_MIN_CAP 16u
#define Q_KEEP_CAP 1024u /* a drained queue larger than this is replaced by a small one */

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: microtask queue: out of memory\n");
        abort();
    }
}

/* ---------------------------------------------------------------- the queue */

static Value queue_new(Isolate *iso, uint32_t cap) {
    Value q = fixed_new(iso, Q_HDR + cap);
    v_fixed(q)->items[Q_HEAD] = v_int(0);
    v_fixed(q)->items[Q_COUNT] = v_int(0);
    return q;
}

static uint32_t q_cap(Value q) { return (uint32_t)v_fixed(q)->length - Q_HDR; }
static uint32_t q_get(Value q, int field) { return (uint32_t)v_int_val(v_fixed(q)->items[field]); }

bool rt_microtasks_pending(Isolate *iso) {
    Value q = ROOT(iso, R_MICROTASK_QUEUE);
    return v_is_ptr(q) && q_get(q, Q_COUNT) > 0;
}

void rt_enqueue_job(Isolate *iso, int kind, Value a, Value b, Value c) {
    size_t mark = vm_scope_open(iso);
    Value *ah = vm_handle(iso, a), *bh = vm_handle(iso, b), *ch = vm_handle(iso, c);
    Value *job = vm_handle(iso, fixed_new(iso, 4));
    FixedArray *j = v_fixed(*job);
    j->items[0] = v_int(kind);
    vm_store(iso, j, &j->items[1], *ah);
    vm_store(iso, j, &j->items[2], *bh);
    vm_store(iso, j, &j->items[3], *ch);
    Value q = ROOT(iso, R_MICROTASK_QUEUE);
    uint32_t cap = q_cap(q), head = q_get(q, Q_HEAD), count = q_get(q, Q_COUNT);
    if (count == cap) {
        Value nq = queue_new(iso, 2 * cap);
        q = ROOT(iso, R_MICROTASK_QUEUE); /* the allocation may have moved it */
        FixedArray *from = v_fixed(q), *to = v_fixed(nq);
        for (uint32_t i = 0; i < count; i++)
            vm_store(iso, to, &to->items[Q_HDR + i], from->items[Q_HDR + (head + i) % cap]);
        ROOT(iso, R_MICROTASK_QUEUE) = q = nq;
        cap *= 2;
        head = 0;
    }
    FixedArray *qa = v_fixed(q);
    vm_store(iso, qa, &qa->items[Q_HDR + (head + count) % cap], *job);
    qa->items[Q_COUNT] = v_int((int32_t)count + 1);
    vm_scope_close(iso, mark);
}

void rt_enqueue_microtask(Isolate *iso, Value fn) {
    rt_enqueue_job(iso, JOB_CALLBACK, fn, V_UNDEF, V_UNDEF);
}

Status rt_run_microtasks(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    Value *job = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    while (st == MJS_OK && rt_microtasks_pending(iso)) {
        FixedArray *q = v_fixed(ROOT(iso, R_MICROTASK_QUEUE));
        uint32_t cap = (uint32_t)q->length - Q_HDR, head = (uint32_t)v_int_val(q->items[Q_HEAD]);
        *job = q->items[Q_HDR + head];
        q->items[Q_HDR + head] = V_HOLE;
        q->items[Q_HEAD] = v_int((int32_t)((head + 1) % cap));
        q->items[Q_COUNT] = v_int(v_int_val(q->items[Q_COUNT]) - 1);
        st = rt_promise_run_job(iso, *job);
    }
    if (st == MJS_OK && q_cap(ROOT(iso, R_MICROTASK_QUEUE)) > Q_KEEP_CAP)
        ROOT(iso, R_MICROTASK_QUEUE) = queue_new(iso, Q_MIN_CAP);
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- queueMicrotask */

/* node's ERR_INVALID_ARG_TYPE text for a value that is not a function. */
static void describe_received(Isolate *iso, Value v, char *buf, size_t n) {
    char *s = rt_describe(iso, v, false);
    if (v_is_nullish(v)) {
        snprintf(buf, n, "Received %s", s);
    } else if (v_is_string(v)) {
        size_t len = strlen(s);
        if (len > 28) snprintf(buf, n, "Received type string ('%.25s...')", s);
        else snprintf(buf, n, "Received type string ('%s')", s);
    } else if (!v_is_object(v)) {
        snprintf(buf, n, "Received type %s (%s)", v_is_number(v) ? "number" : v_is_symbol(v) ? "symbol" : "boolean", s);
    } else {
        /* rt_describe gives "#<Foo>" or "[object Array]": keep the name. */
        const char *name = s;
        size_t len = strlen(s);
        if (len > 3 && s[0] == '#' && s[1] == '<') name = s + 2, len -= 3;
        else if (len > 9 && strncmp(s, "[object ", 8) == 0) name = s + 8, len -= 9;
        snprintf(buf, n, "Received an instance of %.*s", (int)len, name);
    }
    free(s);
}

static Status queue_microtask(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = V_UNDEF;
    if (!v_is_callable(argv[0])) {
        char received[160];
        describe_received(iso, argv[0], received, sizeof received);
        (void)vm_throw_error(iso, E_TYPE, "The \"callback\" argument must be of type function. %s", received);
        /* node's internal errors: an enumerable code, named in the stack's first line. */
        size_t mark = vm_scope_open(iso);
        Value *err = vm_handle(iso, iso->exception);
        Value *t = vm_handle(iso, V_UNDEF);
        PropDesc pd;
        if (obj_get_own(iso, *err, ATOM(iso, stack), &pd) && v_is_string(pd.value)) {
            *t = pd.value;
            Value *rest = vm_handle(iso, str_substring(iso, *t, 9, str_length(*t))); /* after "TypeError" */
            *t = str_from_cstr(iso, "TypeError [ERR_INVALID_ARG_TYPE]");
            *t = str_concat(iso, *t, *rest);
            if (obj_define(iso, *err, ATOM(iso, stack), *t, P_HIDDEN) != MJS_OK) abort();
        }
        *t = str_from_cstr(iso, "ERR_INVALID_ARG_TYPE");
        Value key = atom_from_cstr(iso, "code");
        if (obj_define(iso, *err, key, *t, P_DEFAULT) != MJS_OK) abort();
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    rt_enqueue_microtask(iso, argv[0]);
    return MJS_OK;
}

/* ---------------------------------------------------------------- unhandled rejections */

static int flags_of(Value p) { return v_int_val(*obj_internal(p, PS_FLAGS)); }

void rt_track_rejection(Isolate *iso, Value promise) {
    size_t mark = vm_scope_open(iso);
    Value *p = vm_handle(iso, promise);
    FixedArray *pi = v_fixed(ROOT(iso, R_PROMISE_INTRINSICS));
    int32_t id = (v_int_val(pi->items[PI_LAST_ID]) + 1) & 0x1fffffff;
    pi->items[PI_LAST_ID] = v_int(id);
    *obj_internal(*p, PS_FLAGS) = v_int((flags_of(*p) & ((1 << PF_ID_SHIFT) - 1)) | id << PF_ID_SHIFT);
    if (!v_is_array(ROOT(iso, R_PROMISE_REJECTIONS))) ROOT(iso, R_PROMISE_REJECTIONS) = array_new(iso, 0);
    must(array_push(iso, ROOT(iso, R_PROMISE_REJECTIONS), *p));
    vm_scope_close(iso, mark);
}

/* Handled after 'unhandledRejection' reported it: node emits 'rejectionHandled' later. */
void rt_track_handled(Isolate *iso, Value promise) {
    if (!(flags_of(promise) & PF_WARNED)) return;
    size_t mark = vm_scope_open(iso);
    Value *p = vm_handle(iso, promise);
    Value *late = vm_handle(iso, promise_intrinsic(iso, PI_HANDLED_LATE));
    if (!v_is_array(*late)) {
        *late = array_new(iso, 0);
        FixedArray *pi = v_fixed(ROOT(iso, R_PROMISE_INTRINSICS));
        vm_store(iso, pi, &pi->items[PI_HANDLED_LATE], *late);
    }
    must(array_push(iso, *late, *p));
    vm_scope_close(iso, mark);
}

/* node's UnhandledPromiseRejection, for a reason that is not error-like. */
static Value unhandled_error(Isolate *iso, Value reason) {
    static const char text[] =
        "This error originated either by throwing inside of an async function without a catch "
        "block, or by rejecting a promise which was not handled with .catch(). The promise "
        "rejected with the reason \"%s\".";
    static const char name[] = "UnhandledPromiseRejection";
    char *s = rt_describe(iso, reason, false);
    size_t n = sizeof text + sizeof name + strlen(s) + 4;
    char *msg = malloc(n);
    if (!msg) abort();
    int len = snprintf(msg, n, "%s: ", name);
    snprintf(msg + len, n - (size_t)len, text, s);
    free(s);
    size_t mark = vm_scope_open(iso);
    Value *m = vm_handle(iso, str_from_cstr(iso, msg + len));
    Value *err = vm_handle(iso, vm_make_error(iso, E_ERROR, *m));
    Value *t = vm_handle(iso, str_from_cstr(iso, msg));
    free(msg);
    if (obj_define(iso, *err, ATOM(iso, stack), *t, P_HIDDEN) != MJS_OK) abort();
    *t = str_from_cstr(iso, name);
    if (obj_define(iso, *err, ATOM(iso, name), *t, P_DEFAULT) != MJS_OK) abort();
    *t = str_from_cstr(iso, "ERR_UNHANDLED_REJECTION");
    Value key = atom_from_cstr(iso, "code");
    if (obj_define(iso, *err, key, *t, P_DEFAULT) != MJS_OK) abort();
    Value r = *err;
    vm_scope_close(iso, mark);
    return r;
}

/* process[method](args...) when process has that method; *result its truthiness. */
static Status call_process(Isolate *iso, const char *method, int argc, const Value *argv, bool *result) {
    size_t mark = vm_scope_open(iso);
    Value *args = vm_handle(iso, array_from(iso, argv, (uint32_t)argc));
    Value *proc = vm_handle(iso, rt_pget(rt_state(iso)->process));
    Value *r = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    *result = false;
    if (v_is_object(*proc)) {
        Value key = atom_from_cstr(iso, method);
        st = obj_get(iso, *proc, key, r);
        if (st == MJS_OK && v_is_callable(*r)) {
            Value a[3];
            for (int i = 0; i < argc && i < 3; i++) a[i] = array_get_own(*args, (uint32_t)i);
            st = vm_call(iso, *r, *proc, argc, a, r);
            *result = st == MJS_OK && vm_to_boolean(*r);
        }
    }
    vm_scope_close(iso, mark);
    return st;
}

/* process.emit('unhandledRejection', reason, promise): *handled when a listener ran. */
static Status emit_unhandled(Isolate *iso, Value *p, bool *handled) {
    size_t mark = vm_scope_open(iso);
    Value *name = vm_handle(iso, str_from_cstr(iso, "unhandledRejection"));
    Value args[3] = {*name, rt_promise_result(*p), *p};
    Status st = call_process(iso, "emit", 3, args, handled);
    vm_scope_close(iso, mark);
    return st;
}

/* node's asyncHandledRejections: 'rejectionHandled', or a warning when nobody listens. */
static Status emit_handled_late(Isolate *iso, bool *more) {
    Value late = promise_intrinsic(iso, PI_HANDLED_LATE);
    if (!v_is_array(late) || array_length(late) == 0) return MJS_OK;
    *more = true;
    size_t mark = vm_scope_open(iso);
    Value *list = vm_handle(iso, late);
    Value *p = vm_handle(iso, V_UNDEF), *t = vm_handle(iso, V_UNDEF);
    FixedArray *pi = v_fixed(ROOT(iso, R_PROMISE_INTRINSICS));
    pi->items[PI_HANDLED_LATE] = V_UNDEF;
    Status st = MJS_OK;
    for (uint32_t i = 0; i < array_length(*list) && st == MJS_OK; i++) {
        *p = array_get_own(*list, i);
        bool heard;
        *t = str_from_cstr(iso, "rejectionHandled");
        Value args[2] = {*t, *p};
        st = call_process(iso, "emit", 2, args, &heard);
        if (st != MJS_OK || heard) continue;
        char msg[96];
        snprintf(msg, sizeof msg, "Promise rejection was handled asynchronously (rejection id: %d)",
                 flags_of(*p) >> PF_ID_SHIFT);
        *t = str_from_cstr(iso, "PromiseRejectionHandledWarning");
        Value *m = vm_handle(iso, str_from_cstr(iso, msg));
        Value wargs[2] = {*m, *t};
        st = call_process(iso, "emitWarning", 2, wargs, &heard);
    }
    vm_scope_close(iso, mark);
    return st;
}

Status rt_process_rejections(Isolate *iso, bool *more) {
    *more = false;
    if (emit_handled_late(iso, more) != MJS_OK) return MJS_EXC;
    Value pending = ROOT(iso, R_PROMISE_REJECTIONS);
    if (!v_is_array(pending) || array_length(pending) == 0) return MJS_OK;
    size_t mark = vm_scope_open(iso);
    Value *list = vm_handle(iso, pending);
    Value *p = vm_handle(iso, V_UNDEF), *rest = vm_handle(iso, V_UNDEF);
    ROOT(iso, R_PROMISE_REJECTIONS) = V_UNDEF;
    Status st = MJS_OK;
    uint32_t n = array_length(*list), i = 0;
    while (i < n && st == MJS_OK) {
        *p = array_get_own(*list, i++);
        if (flags_of(*p) & PF_HANDLED) continue;
        *more = true;
        *obj_internal(*p, PS_FLAGS) = v_int(flags_of(*p) | PF_WARNED);
        bool handled;
        st = emit_unhandled(iso, p, &handled);
        if (st == MJS_OK && !handled) {
            /* node throws error-like reasons (objects with an own stack) as they are. */
            *p = rt_promise_result(*p);
            if (!v_is_object(*p) || !obj_has_own(iso, *p, ATOM(iso, stack))) *p = unhandled_error(iso, *p);
            st = vm_throw(iso, *p);
        }
    }
    if (i < n) {
        /* Stopped by an uncaught exception: the rest wait, ahead of newer rejections. */
        *rest = array_new(iso, 0);
        for (; i < n; i++) must(array_push(iso, *rest, array_get_own(*list, i)));
        Value newer = ROOT(iso, R_PROMISE_REJECTIONS);
        for (uint32_t k = 0; v_is_array(newer) && k < array_length(newer); k++) {
            must(array_push(iso, *rest, array_get_own(newer, k)));
            newer = ROOT(iso, R_PROMISE_REJECTIONS);
        }
        ROOT(iso, R_PROMISE_REJECTIONS) = *rest;
    }
    if (v_is_array(ROOT(iso, R_PROMISE_REJECTIONS)) && array_length(ROOT(iso, R_PROMISE_REJECTIONS)) > 0)
        *more = true;
    vm_scope_close(iso, mark);
    return st;
}

void rt_install_microtasks(Isolate *iso) {
    ROOT(iso, R_MICROTASK_QUEUE) = queue_new(iso, Q_MIN_CAP);
    ROOT(iso, R_PROMISE_REJECTIONS) = V_UNDEF;
    vm_def_native(iso, ROOT(iso, R_GLOBAL), "queueMicrotask", queue_microtask, 1);
}
