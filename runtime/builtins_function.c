/* builtins_function.c: the Function constructor (compiles "(function anonymous(..) {..})" with
 * vm_run_script) and Function.prototype.call/apply/bind/toString/caller/arguments.
 * apply passes vm_call a pointer into a handle-held FixedArray: vm_call copies the arguments
 * onto the VM stack before it can allocate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

#define TRY(e)                                                                                 \
    do {                                                                                       \
        if ((e) != MJS_OK) goto fail;                                                          \
    } while (0)

/* Internal slots of a T_BOUND_FUNCTION (vm.h). */
enum { BOUND_TARGET = 0, BOUND_THIS = 1, BOUND_ARGS = 2 };
/* More arguments than this cannot fit the VM stack anyway (V8 also throws a RangeError). */
#define MAX_APPLY_ARGS (1u << 18)

static Status fn_proto_call(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_callable(argv[-1])) return rt_throw_not_function(iso, argv[-1], false);
    return vm_call(iso, argv[-1], argv[0], argc > 1 ? argc - 1 : 0, argv + 1, ret);
}

/* CreateListFromArrayLike(src) into a FixedArray. */
static Status list_from_array_like(Isolate *iso, Value *src, Value *out) {
    if (!v_is_object(*src))
        return vm_throw_error(iso, E_TYPE, "CreateListFromArrayLike called on non-object");
    size_t mark = vm_scope_open(iso);
    Value *tmp = vm_handle(iso, V_UNDEF);
    double len;
    if (v_is_array(*src)) {
        len = array_length(*src);
    } else {
        TRY(obj_get(iso, *src, ATOM(iso, length), tmp));
        TRY(vm_to_integer(iso, *tmp, &len));
        if (len < 0) len = 0;
    }
    if (len > MAX_APPLY_ARGS) {
        vm_throw_error(iso, E_RANGE, "Maximum call stack size exceeded");
        goto fail;
    }
    uint32_t n = (uint32_t)len;
    Value *list = vm_handle(iso, fixed_new(iso, n));
    for (uint32_t i = 0; i < n; i++) {
        Value v = v_is_array(*src) ? array_get_own(*src, i) : V_HOLE;
        if (v == V_HOLE || (v_is_ptr(v) && v_type(v) == T_ACCESSOR_PAIR)) {
            Value key = key_from_index(iso, i);
            TRY(obj_get(iso, *src, key, tmp));
            v = *tmp;
        }
        FixedArray *l = v_fixed(*list);
        vm_store(iso, l, &l->items[i], v);
    }
    *out = *list;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status fn_proto_apply(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_callable(argv[-1])) return rt_throw_not_function(iso, argv[-1], false);
    if (v_is_nullish(argv[1])) return vm_call(iso, argv[-1], argv[0], 0, NULL, ret);
    size_t mark = vm_scope_open(iso);
    Value *list = vm_handle(iso, V_UNDEF);
    Status st = list_from_array_like(iso, &argv[1], list);
    if (st == MJS_OK) {
        FixedArray *l = v_fixed(*list);
        st = vm_call(iso, argv[-1], argv[0], (int)l->length, l->items, ret);
    }
    vm_scope_close(iso, mark);
    return st;
}

static Status fn_proto_bind(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_callable(argv[-1]))
        return vm_throw_error(iso, E_TYPE, "Bind must be called on a function");
    size_t mark = vm_scope_open(iso);
    int nargs = argc > 1 ? argc - 1 : 0;
    Value *args = vm_handle(iso, nargs ? fixed_new(iso, (size_t)nargs) : ROOT(iso, R_EMPTY_FIXED_ARRAY));
    for (int i = 0; i < nargs; i++) {
        FixedArray *a = v_fixed(*args);
        vm_store(iso, a, &a->items[i], argv[1 + i]);
    }
    Value *bf = vm_handle(iso, obj_new_from_map(iso, v_ptr(ROOT(iso, R_MAP_BOUND))));
    JSObject *o = v_jsobj(*bf);
    vm_store(iso, o, obj_internal(*bf, BOUND_TARGET), argv[-1]);
    vm_store(iso, o, obj_internal(*bf, BOUND_THIS), argv[0]);
    vm_store(iso, o, obj_internal(*bf, BOUND_ARGS), *args);
    Value target_proto = obj_get_proto(argv[-1]);
    if (target_proto != obj_get_proto(*bf)) TRY(obj_set_proto(iso, *bf, target_proto));

    /* length = max(0, target.length - bound args) when the target has an own number length. */
    Value *tmp = vm_handle(iso, V_UNDEF);
    double len = 0;
    if (obj_has_own(iso, argv[-1], ATOM(iso, length))) {
        TRY(obj_get(iso, argv[-1], ATOM(iso, length), tmp));
        if (v_is_number(*tmp)) {
            double l;
            TRY(vm_to_integer(iso, *tmp, &l));
            len = l - nargs;
            if (len < 0) len = 0;
        }
    }
    TRY(obj_define(iso, *bf, ATOM(iso, length), v_number(len), P_CONFIGURABLE));
    TRY(obj_get(iso, argv[-1], ATOM(iso, name), tmp));
    if (!v_is_string(*tmp)) *tmp = ATOM(iso, empty);
    *tmp = str_concat(iso, ATOM(iso, bound_), *tmp);
    TRY(obj_define(iso, *bf, ATOM(iso, name), *tmp, P_CONFIGURABLE));
    *ret = *bf;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status fn_proto_to_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_callable(argv[-1]))
        return vm_throw_error(iso, E_TYPE,
                              "Function.prototype.toString requires that 'this' be a Function");
    if (v_type(argv[-1]) == T_BOUND_FUNCTION) /* V8 prints no name for bound functions */
        *ret = str_from_cstr(iso, "function () { [native code] }");
    else
        *ret = vm_function_source(iso, argv[-1]);
    return MJS_OK;
}

/* Growable UTF-8 buffer for the Function constructor's source text. */
typedef struct Src {
    char *p;
    size_t len, cap;
} Src;

static void src_put(Src *s, const char *t, size_t n) {
    if (s->len + n + 1 > s->cap) {
        s->cap = (s->len + n + 1) * 2;
        s->p = realloc(s->p, s->cap);
        if (!s->p) abort();
    }
    memcpy(s->p + s->len, t, n);
    s->len += n;
    s->p[s->len] = 0;
}

static Status src_put_value(Isolate *iso, Src *s, Value *v) {
    if (vm_to_string(iso, *v, v)) return MJS_EXC;
    size_t n;
    char *u = str_to_utf8(iso, *v, &n);
    src_put(s, u, n);
    free(u);
    return MJS_OK;
}

/* new Function(p1, ..., pn, body): compiled as a parenthesised function expression so the
 * script's completion value is the function. */
static Status function_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    Src s = {0};
    src_put(&s, "(function anonymous(", 20);
    for (int i = 0; i + 1 < argc; i++) {
        if (i) src_put(&s, ",", 1);
        if (src_put_value(iso, &s, &argv[i])) goto fail;
    }
    src_put(&s, "\n) {\n", 5);
    if (argc > 0 && src_put_value(iso, &s, &argv[argc - 1])) goto fail;
    src_put(&s, "\n})", 3);
    Status st = vm_run_script(iso, s.p, s.len, "<anonymous>", ret);
    free(s.p);
    return st;
fail:
    free(s.p);
    return MJS_EXC;
}

/* Function.prototype.arguments / .caller: V8 gives sloppy functions own null-valued
 * properties and throws for everything else; here one accessor pair does both. */
static Status restricted(Isolate *iso, Value fn, Value *ret) {
    if (vm_function_is_sloppy(fn)) {
        *ret = V_NULL;
        return MJS_OK;
    }
    return vm_throw_error(iso, E_TYPE,
                          "'caller', 'callee', and 'arguments' properties may not be accessed on "
                          "strict mode functions or the arguments objects for calls to them");
}

static Status fn_throw_type_error(Isolate *iso, Value *argv, int argc, Value *ret) {
    return vm_throw_error(iso, E_TYPE,
                          "'caller', 'callee', and 'arguments' properties may not be accessed on "
                          "strict mode functions or the arguments objects for calls to them");
}

static Status fn_proto_restricted_get(Isolate *iso, Value *argv, int argc, Value *ret) {
    return restricted(iso, argv[-1], ret);
}

static Status fn_proto_restricted_set(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (restricted(iso, argv[-1], ret)) return MJS_EXC;
    *ret = V_UNDEF;
    return MJS_OK;
}

void rt_install_function(Isolate *iso) {
    rt_install_ctor(iso, "Function", function_ctor, 1, R_FUNCTION_PROTO);
    Value proto = ROOT(iso, R_FUNCTION_PROTO);
    vm_def_native(iso, proto, "apply", fn_proto_apply, 2);
    vm_def_native(iso, ROOT(iso, R_FUNCTION_PROTO), "bind", fn_proto_bind, 1);
    vm_def_native(iso, ROOT(iso, R_FUNCTION_PROTO), "call", fn_proto_call, 1);
    vm_def_native(iso, ROOT(iso, R_FUNCTION_PROTO), "toString", fn_proto_to_string, 0);
    size_t mark = vm_scope_open(iso);
    Value *g = vm_handle(iso, vm_new_native(iso, "", fn_proto_restricted_get, 0));
    Value *st = vm_handle(iso, vm_new_native(iso, "", fn_proto_restricted_set, 1));
    /* %ThrowTypeError%: one frozen function, nameless and of length 0 */
    Value *tte = vm_handle(iso, vm_new_native(iso, "", fn_throw_type_error, 0));
    Value *len_key = vm_handle(iso, ATOM(iso, length)), *name_key = vm_handle(iso, ATOM(iso, name));
    if (obj_define(iso, *tte, *len_key, v_int(0), 0) || obj_define(iso, *tte, *name_key, ATOM(iso, empty), 0) ||
        obj_freeze(iso, *tte, false))
        (void)vm_take_exception(iso);
    ROOT(iso, R_THROW_TYPE_ERROR) = *tte;
    static const char *const names[] = {"arguments", "caller"};
    for (int i = 0; i < 2; i++) {
        Value key = atom_from_cstr(iso, names[i]);
        if (obj_define_accessor(iso, ROOT(iso, R_FUNCTION_PROTO), key, *g, *st, P_CONFIGURABLE))
            (void)vm_take_exception(iso);
    }
    vm_scope_close(iso, mark);
}
