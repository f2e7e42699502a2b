/* builtins_error.c: Error and its six native subclasses (with or without new), toString,
 * Error.captureStackTrace and Error.stackTraceLimit. Each constructor keeps its ErrorKind in
 * the native's data slot; own properties come in V8's order: stack, message, cause. */
#include <stdio.h>
#include <stdlib.h>

#include "runtime.h"

#define TRY(e)                                                                                 \
    do {                                                                                       \
        if ((e) != MJS_OK) goto fail;                                                          \
    } while (0)

enum { NATIVE_DATA = 1 }; /* internal slot of a native function holding its data */

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing Error built-ins failed\n");
        abort();
    }
}

static const struct {
    const char *name;
    RootIndex proto;
} kinds[] = {
    [E_ERROR] = {"Error", R_ERROR_PROTO},
    [E_TYPE] = {"TypeError", R_TYPE_ERROR_PROTO},
    [E_RANGE] = {"RangeError", R_RANGE_ERROR_PROTO},
    [E_REFERENCE] = {"ReferenceError", R_REFERENCE_ERROR_PROTO},
    [E_SYNTAX] = {"SyntaxError", R_SYNTAX_ERROR_PROTO},
    [E_EVAL] = {"EvalError", R_EVAL_ERROR_PROTO},
    [E_URI] = {"URIError", R_URI_ERROR_PROTO},
};

/* "name: message" as Error.prototype.toString builds it (getters may run). */
static Status error_to_string_value(Isolate *iso, Value *obj, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *name = vm_handle(iso, V_UNDEF), *msg = vm_handle(iso, V_UNDEF);
    TRY(obj_get(iso, *obj, ATOM(iso, name), name));
    if (*name == V_UNDEF) *name = ATOM(iso, Error);
    else TRY(vm_to_string(iso, *name, name));
    TRY(obj_get(iso, *obj, ATOM(iso, message), msg));
    if (*msg == V_UNDEF) *msg = ATOM(iso, empty);
    else TRY(vm_to_string(iso, *msg, msg));
    if (str_length(*name) == 0) {
        *out = *msg;
    } else if (str_length(*msg) == 0) {
        *out = *name;
    } else {
        Value sep = str_from_cstr(iso, ": ");
        *name = str_concat(iso, *name, sep);
        *out = str_concat(iso, *name, *msg);
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* Error.stackTraceLimit read from the original Error constructor (via Error.prototype's
 * constructor data property): -1 when it is not a number (then no stack is captured). */
static int stack_trace_limit(Isolate *iso) {
    Value key = atom_from_cstr(iso, "stackTraceLimit"); /* allocates: before reading objects */
    PropDesc pd;
    if (!obj_get_own(iso, ROOT(iso, R_ERROR_PROTO), ATOM(iso, constructor), &pd) ||
        (pd.attrs & P_ACCESSOR) || !v_is_object(pd.value))
        return 10;
    if (!obj_get_own(iso, pd.value, key, &pd) || (pd.attrs & P_ACCESSOR) || !v_is_number(pd.value))
        return -1;
    double d = v_num(pd.value);
    return d < 0 ? 0 : d > 1000 ? 1000 : (int)d;
}

/* obj.stack = header + the current JS stack (skip frames), at most stackTraceLimit lines.
 * TODO: more than 10 frames needs a limit parameter in vm_capture_stack. */
static Status define_stack(Isolate *iso, Value *obj, int skip) {
    int limit = stack_trace_limit(iso);
    if (limit < 0) return MJS_OK;
    size_t mark = vm_scope_open(iso);
    Value *s = vm_handle(iso, V_UNDEF);
    TRY(error_to_string_value(iso, obj, s));
    Value *frames = vm_handle(iso, vm_capture_stack(iso, skip));
    if (v_is_string(*frames) && str_length(*frames) > 0 && limit > 0) {
        /* Keep the first `limit` lines. */
        Value flat = str_flatten(iso, *frames);
        uint32_t n = str_length(flat), end = n;
        int lines = 0;
        for (uint32_t i = 0; i < n; i++)
            if (str_char(flat, i) == '\n' && ++lines == limit) {
                end = i;
                break;
            }
        *frames = str_substring(iso, flat, 0, end);
        Value nl = str_from_cstr(iso, "\n");
        *s = str_concat(iso, *s, nl);
        *s = str_concat(iso, *s, *frames);
    }
    TRY(obj_define(iso, *obj, ATOM(iso, stack), *s, P_HIDDEN));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status error_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    int kind = v_int_val(*obj_internal(argv[-2], NATIVE_DATA));
    size_t mark = vm_scope_open(iso);
    Value *msg = vm_handle(iso, V_UNDEF), *cause = vm_handle(iso, V_UNDEF);
    if (argv[0] != V_UNDEF) TRY(vm_to_string(iso, argv[0], msg));
    Value *err = vm_handle(iso, obj_new_from_map(iso, v_ptr(ROOT(iso, R_MAP_ERROR))));
    if (kind != E_ERROR) TRY(obj_set_proto(iso, *err, ROOT(iso, kinds[kind].proto)));
    /* V8's own-property order: stack first (its value is filled in last). */
    TRY(obj_define(iso, *err, ATOM(iso, stack), V_UNDEF, P_HIDDEN));
    if (argv[0] != V_UNDEF) TRY(obj_define(iso, *err, ATOM(iso, message), *msg, P_HIDDEN));
    if (argc > 1 && v_is_object(argv[1])) {
        bool has;
        TRY(obj_has(iso, argv[1], ATOM(iso, cause), &has));
        if (has) {
            TRY(obj_get(iso, argv[1], ATOM(iso, cause), cause));
            TRY(obj_define(iso, *err, ATOM(iso, cause), *cause, P_HIDDEN));
        }
    }
    /* Skip this constructor's own frame, as V8 does. */
    TRY(define_stack(iso, err, 1));
    *ret = *err;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status error_proto_to_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[-1])) {
        char *s = rt_describe(iso, argv[-1], false);
        vm_throw_error(iso, E_TYPE,
                       "Method Error.prototype.toString called on incompatible receiver %s", s);
        free(s);
        return MJS_EXC;
    }
    return error_to_string_value(iso, &argv[-1], ret);
}

/* Error.captureStackTrace(obj[, fn]): defines obj.stack. TODO: frames above fn are not
 * hidden (vm_capture_stack only skips a count). */
static Status error_capture_stack_trace(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[0])) {
        char *s = rt_describe(iso, argv[0], false);
        vm_throw_error(iso, E_TYPE, "Invalid argument: %s", s);
        free(s);
        return MJS_EXC;
    }
    *ret = V_UNDEF;
    return define_stack(iso, &argv[0], 1);
}

void rt_install_error(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    Value *base = vm_handle(iso, V_UNDEF), *ctor = vm_handle(iso, V_UNDEF);
    for (int k = E_ERROR; k <= E_URI; k++) {
        *ctor = rt_install_ctor(iso, kinds[k].name, error_ctor, 1, kinds[k].proto);
        vm_store(iso, v_jsobj(*ctor), obj_internal(*ctor, NATIVE_DATA), v_int(k));
        if (k == E_ERROR) {
            *base = *ctor;
        } else {
            must(obj_set_proto(iso, *ctor, *base));
            if (obj_get_proto(ROOT(iso, kinds[k].proto)) != ROOT(iso, R_ERROR_PROTO))
                must(obj_set_proto(iso, ROOT(iso, kinds[k].proto), ROOT(iso, R_ERROR_PROTO)));
        }
        Value name = atom_from_cstr(iso, kinds[k].name);
        must(obj_define(iso, ROOT(iso, kinds[k].proto), ATOM(iso, name), name, P_HIDDEN));
        must(obj_define(iso, ROOT(iso, kinds[k].proto), ATOM(iso, message), ATOM(iso, empty),
                        P_HIDDEN));
    }
    vm_def_native(iso, ROOT(iso, R_ERROR_PROTO), "toString", error_proto_to_string, 0);
    vm_def_native(iso, *base, "captureStackTrace", error_capture_stack_trace, 2);
    vm_def_value(iso, *base, "stackTraceLimit", v_int(10), P_DEFAULT);
    vm_scope_close(iso, mark);
}
