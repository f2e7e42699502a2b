/* builtins_arraybuffer.c: ArrayBuffer (constructor, isView, byteLength, slice) and the
 * helpers every view built-in shares. The bytes are off-heap (vm/typed.c); this file only
 * validates arguments and copies. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "typed_int.h"

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing ArrayBuffer built-ins failed\n");
        abort();
    }
}

/* ---------------------------------------------------------------- shared helpers */

Status rt_to_index(Isolate *iso, Value v, const char *msg, double *out) {
    double d = 0;
    if (!v_is_undef(v) && vm_to_integer(iso, v, &d)) return MJS_EXC;
    if (d < 0 || d > 9007199254740991.0) {
        char buf[40];
        num_to_cstr(d, buf);
        return vm_throw_error(iso, E_RANGE, msg, buf);
    }
    *out = d;
    return MJS_OK;
}

void rt_def_getter(Isolate *iso, Value obj, const char *name, NativeFn fn) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj);
    char full[64];
    snprintf(full, sizeof full, "get %s", name[0] == '@' ? "[Symbol.toStringTag]" : name);
    Value *hf = vm_handle(iso, vm_new_native(iso, full, fn, 0));
    Value key = name[0] == '@' ? rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag")
                               : atom_from_cstr(iso, name);
    must(obj_define_accessor(iso, *ho, key, *hf, V_UNDEF, P_CONFIGURABLE));
    vm_scope_close(iso, mark);
}

void rt_def_tag(Isolate *iso, Value obj, const char *tag) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj);
    Value *ht = vm_handle(iso, atom_from_cstr(iso, tag));
    Value sym = rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
    must(obj_define(iso, *ho, sym, *ht, P_CONFIGURABLE));
    vm_scope_close(iso, mark);
}

Status rt_relative_index(Isolate *iso, Value v, double len, double dflt, double *out) {
    double d = dflt;
    if (!v_is_undef(v) && vm_to_integer(iso, v, &d)) return MJS_EXC;
    if (d < 0) d = fmax(len + d, 0);
    else d = fmin(d, len);
    *out = d;
    return MJS_OK;
}

/* ---------------------------------------------------------------- ArrayBuffer */

static Status ab_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argv[-1] != V_HOLE)
        return vm_throw_error(iso, E_TYPE, "Constructor ArrayBuffer requires 'new'");
    double n;
    if (rt_to_index(iso, argc > 0 ? argv[0] : V_UNDEF, "Invalid array buffer length", &n))
        return MJS_EXC;
    return vm_array_buffer_new(iso, n, V_UNDEF, ret);
}

static Status ab_is_view(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value v = argc > 0 ? argv[0] : V_UNDEF;
    *ret = v_bool(v_is_object(v) && (v_type(v) == T_TYPED_ARRAY || v_type(v) == T_DATA_VIEW));
    return MJS_OK;
}

static Status ab_species(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = argv[-1];
    return MJS_OK;
}

static Status ab_byte_length(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (rt_check_receiver(iso, argv[-1], T_ARRAY_BUFFER, "get ArrayBuffer.prototype.byteLength"))
        return MJS_EXC;
    *ret = v_number((double)vm_array_buffer_length(argv[-1]));
    return MJS_OK;
}

static Status ab_resizable(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (rt_check_receiver(iso, argv[-1], T_ARRAY_BUFFER, "get ArrayBuffer.prototype.resizable"))
        return MJS_EXC;
    *ret = V_FALSE;
    return MJS_OK;
}

static Status ab_max_byte_length(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (rt_check_receiver(iso, argv[-1], T_ARRAY_BUFFER, "get ArrayBuffer.prototype.maxByteLength"))
        return MJS_EXC;
    *ret = v_number((double)vm_array_buffer_length(argv[-1]));
    return MJS_OK;
}

static Status detached_error(Isolate *iso) {
    return vm_throw_error(iso, E_TYPE, "Cannot perform ArrayBuffer.prototype.slice on a detached ArrayBuffer");
}

static Status ab_slice(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (rt_check_receiver(iso, argv[-1], T_ARRAY_BUFFER, "ArrayBuffer.prototype.slice"))
        return MJS_EXC;
    if (vm_array_buffer_detached(argv[-1])) return detached_error(iso);
    double len = (double)vm_array_buffer_length(argv[-1]), first, final;
    if (rt_relative_index(iso, argc > 0 ? argv[0] : V_UNDEF, len, 0, &first) ||
        rt_relative_index(iso, argc > 1 ? argv[1] : V_UNDEF, len, len, &final))
        return MJS_EXC;
    double n = fmax(final - first, 0);
    Value out;
    if (vm_array_buffer_new(iso, n, V_UNDEF, &out)) return MJS_EXC;
    if (vm_array_buffer_detached(argv[-1])) return detached_error(iso);
    if (n > 0) memcpy(vm_array_buffer_data(out), vm_array_buffer_data(argv[-1]) + (size_t)first, (size_t)n);
    *ret = out;
    return MJS_OK;
}

void rt_def_species(Isolate *iso, Value ctor) {
    size_t mark = vm_scope_open(iso);
    Value *hc = vm_handle(iso, ctor);
    Value *sym = vm_handle(iso, V_UNDEF);
    Value *fn = vm_handle(iso, vm_new_native(iso, "get [Symbol.species]", ab_species, 0));
    Value key = atom_from_cstr(iso, "Symbol");
    if (obj_get(iso, ROOT(iso, R_GLOBAL), key, sym) == MJS_OK && v_is_object(*sym) &&
        (key = atom_from_cstr(iso, "species"), obj_get(iso, *sym, key, sym)) == MJS_OK &&
        v_is_symbol(*sym))
        must(obj_define_accessor(iso, *hc, *sym, *fn, V_UNDEF, P_CONFIGURABLE));
    if (iso->has_exception) (void)vm_take_exception(iso);
    vm_scope_close(iso, mark);
}

void rt_install_array_buffer(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    ROOT(iso, R_ARRAY_BUFFER_PROTO) = obj_new(iso);
    Value *ctor = vm_handle(iso, rt_install_ctor(iso, "ArrayBuffer", ab_ctor, 1, R_ARRAY_BUFFER_PROTO));
    vm_def_native(iso, *ctor, "isView", ab_is_view, 1);
    rt_def_species(iso, *ctor);
    Value *proto = vm_handle(iso, ROOT(iso, R_ARRAY_BUFFER_PROTO));
    rt_def_getter(iso, *proto, "byteLength", ab_byte_length);
    vm_def_native(iso, *proto, "slice", ab_slice, 2);
    rt_def_getter(iso, *proto, "maxByteLength", ab_max_byte_length);
    rt_def_getter(iso, *proto, "resizable", ab_resizable);
    rt_def_tag(iso, *proto, "ArrayBuffer");
    vm_scope_close(iso, mark);
}
