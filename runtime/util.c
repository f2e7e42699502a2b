/* util.c: the 'util' built-in module: inspect (node's options and legacy arguments), format,
 * inherits, deprecate, and the reading of inspect option objects shared with console.dir.
 * GC: natives read their arguments from argv slots; results are built last.
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "host_int.h"

/* A numeric limit option: null/undefined/Infinity mean no limit. */
static int limit_of(Value v, bool floor_it) {
    if (!v_is_number(v)) return INT32_MAX;
    double d = v_num(v);
    if (isnan(d)) return 0;
    if (d >= INT32_MAX) return INT32_MAX;
    if (d <= -INT32_MAX) return -INT32_MAX;
    /* depth 1.5 stops where 1 does: recurseTimes > depth compares integers with it */
    return floor_it ? (int)floor(d) : (int)ceil(d);
}

Status rt_inspect_read_options(Isolate *iso, Value opts, InspectOptions *o) {
    if (!v_is_object(opts)) return MJS_OK;
    size_t sc = vm_scope_open(iso);
    Value *oh = vm_handle(iso, opts);
    Value *v = vm_handle(iso, V_UNDEF);
    static const char *const names[] = {"depth", "compact", "breakLength", "maxArrayLength", "maxStringLength",
                                        "showHidden", "colors", "sorted", "getters", "customInspect"};
    Status st = MJS_OK;
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
        Value key = atom_from_cstr(iso, names[i]);
        PropDesc d;
        /* node copies every own enumerable option key, even when its value is undefined */
        if (!obj_get_own(iso, *oh, key, &d) || !(d.attrs & P_ENUMERABLE)) continue;
        if ((st = obj_get(iso, *oh, key, v)) != MJS_OK) break;
        switch (i) {
        case 0: o->depth = limit_of(*v, true); break;
        case 1:
            o->compact = *v == V_TRUE ? RT_COMPACT_TRUE : v_is_number(*v) ? limit_of(*v, true) : 0;
            break;
        case 2: o->break_length = limit_of(*v, false); break;
        case 3: o->max_array_length = limit_of(*v, false) < 0 ? 0 : limit_of(*v, false); break;
        case 4: o->max_string_length = limit_of(*v, false) < 0 ? 0 : limit_of(*v, false); break;
        case 5: o->show_hidden = vm_to_boolean(*v); break;
        case 6: o->colors = vm_to_boolean(*v); break;
        case 7: o->sorted = vm_to_boolean(*v); break;
        case 8: o->getters = vm_to_boolean(*v); break;
        case 9: o->custom_inspect = vm_to_boolean(*v); break;
        }
    }
    vm_scope_close(iso, sc);
    return st;
}

static Status util_inspect(Isolate *iso, Value *argv, int argc, Value *ret) {
    InspectOptions o;
    rt_inspect_defaults(&o);
    if (argc > 1) {
        /* Legacy: inspect(value, showHidden, depth, colors) */
        if (argc > 2 && !v_is_undef(argv[2])) o.depth = limit_of(argv[2], true);
        if (argc > 3 && !v_is_undef(argv[3])) o.colors = vm_to_boolean(argv[3]);
        if (v_is_bool(argv[1])) o.show_hidden = argv[1] == V_TRUE;
        else if (v_is_object(argv[1]) && rt_inspect_read_options(iso, argv[1], &o) != MJS_OK) return MJS_EXC;
    }
    RtBuf b = {0};
    Status st = rt_inspect_to_buf(iso, argc > 0 ? argv[0] : V_UNDEF, &o, &b);
    if (st == MJS_OK) *ret = str_from_utf8(iso, b.p, b.len);
    rt_buf_free(&b);
    return st;
}

static Status util_format(Isolate *iso, Value *argv, int argc, Value *ret) {
    return rt_format_log_args(iso, argc, argv, ret);
}

/* util.inherits(ctor, superCtor): the pre-class way to subclass. */
static Status util_inherits(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argc < 2 || !v_is_callable(argv[0]) || !v_is_callable(argv[1]))
        return vm_throw_error(iso, E_TYPE, "The \"ctor\" and \"superCtor\" arguments must be of type function");
    Value proto, super_proto;
    if (obj_get(iso, argv[1], ATOM(iso, prototype), &super_proto) != MJS_OK) return MJS_EXC;
    size_t sc = vm_scope_open(iso);
    Value *sp = vm_handle(iso, super_proto);
    Value key = atom_from_cstr(iso, "super_");
    Status st = obj_define(iso, argv[0], key, argv[1], P_HIDDEN);
    if (st == MJS_OK) st = obj_get(iso, argv[0], ATOM(iso, prototype), &proto);
    if (st == MJS_OK && v_is_object(proto)) st = obj_set_proto(iso, proto, *sp);
    vm_scope_close(iso, sc);
    *ret = V_UNDEF;
    return st;
}

/* util.deprecate(fn, msg): returns fn itself (warnings are not emitted). */
static Status util_deprecate(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = argc > 0 ? argv[0] : V_UNDEF;
    return MJS_OK;
}

Value rt_make_util_module(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *m = vm_handle(iso, obj_new(iso));
    rt_def_method(iso, m, "inspect", util_inspect, 2);
    Value *fn = vm_handle(iso, V_UNDEF);
    if (rt_get_named(iso, m, "inspect", fn) != MJS_OK) (void)vm_take_exception(iso);
    Value custom = rt_pget(rt_state(iso)->sym_custom);
    if (v_is_symbol(custom) && v_is_object(*fn)) vm_def_value(iso, *fn, "custom", custom, P_DEFAULT);
    rt_def_method(iso, m, "format", util_format, 0);
    rt_def_method(iso, m, "inherits", util_inherits, 2);
    rt_def_method(iso, m, "deprecate", util_deprecate, 2);
    Value r = *m;
    vm_scope_close(iso, sc);
    return r;
}
