/* builtins_dataview.c: DataView: the constructor, buffer/byteLength/byteOffset getters and
 * get/set for Int8..Float64 with an optional littleEndian flag (default big-endian). The host
 * is little-endian (checked at compile time below), so big-endian access swaps bytes. */
#include <stdlib.h>
#include <string.h>

#include "typed_int.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "builtins_dataview.c assumes a little-endian host"
#endif

enum { DV_BUFFER = 0, DV_OFFSET = 1, DV_LENGTH = 2 };

static Status detached(Isolate *iso, const char *what) {
    return vm_throw_error(iso, E_TYPE, "Cannot perform %s on a detached ArrayBuffer", what);
}

static Status dv_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argv[-1] != V_HOLE) return vm_throw_error(iso, E_TYPE, "Constructor DataView requires 'new'");
    Value buf = argc > 0 ? argv[0] : V_UNDEF;
    if (!v_is_object(buf) || v_type(buf) != T_ARRAY_BUFFER)
        return vm_throw_error(iso, E_TYPE, "First argument to DataView constructor must be an ArrayBuffer");
    double off, len;
    if (rt_to_index(iso, argc > 1 ? argv[1] : V_UNDEF, "Start offset %s is outside the bounds of the buffer", &off))
        return MJS_EXC;
    if (vm_array_buffer_detached(argv[0])) return detached(iso, "DataView constructor");
    double buf_len = (double)vm_array_buffer_length(argv[0]);
    if (off > buf_len)
        return vm_throw_error(iso, E_RANGE, "Start offset %.0f is outside the bounds of the buffer", off);
    if (argc < 3 || v_is_undef(argv[2])) {
        len = buf_len - off;
    } else {
        if (rt_to_index(iso, argv[2], "Invalid DataView length %s", &len)) return MJS_EXC;
        if (off + len > buf_len) return vm_throw_error(iso, E_RANGE, "Invalid DataView length %.0f", len);
    }
    *ret = vm_data_view_new(iso, argv[0], (size_t)off, (size_t)len, V_UNDEF);
    return MJS_OK;
}

static Status dv_buffer(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (rt_check_receiver(iso, argv[-1], T_DATA_VIEW, "get DataView.prototype.buffer")) return MJS_EXC;
    *ret = *obj_internal(argv[-1], DV_BUFFER);
    return MJS_OK;
}

static Status dv_byte_length(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (rt_check_receiver(iso, argv[-1], T_DATA_VIEW, "get DataView.prototype.byte_length")) return MJS_EXC;
    if (vm_view_detached(argv[-1])) return detached(iso, "DataView.prototype.byteLength");
    *ret = *obj_internal(argv[-1], DV_LENGTH);
    return MJS_OK;
}

static Status dv_byte_offset(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (rt_check_receiver(iso, argv[-1], T_DATA_VIEW, "get DataView.prototype.byte_offset")) return MJS_EXC;
    if (vm_view_detached(argv[-1])) return detached(iso, "DataView.prototype.byteOffset");
    *ret = *obj_internal(argv[-1], DV_OFFSET);
    return MJS_OK;
}

static void swap_bytes(uint8_t *p, int n) {
    for (int i = 0; i < n / 2; i++) {
        uint8_t t = p[i];
        p[i] = p[n - 1 - i];
        p[n - 1 - i] = t;
    }
}

/* GetViewValue / SetViewValue (argv[0] offset, [1] value for set, then littleEndian). */
static Status view_access(Isolate *iso, Value *argv, int argc, TypedKind k, bool set,
                          const char *method, Value *ret) {
    if (rt_check_receiver(iso, argv[-1], T_DATA_VIEW, method)) return MJS_EXC;
    double idx, d = 0;
    if (rt_to_index(iso, argc > 0 ? argv[0] : V_UNDEF, "Offset is outside the bounds of the DataView", &idx))
        return MJS_EXC;
    if (set && vm_to_number(iso, argc > 1 ? argv[1] : V_UNDEF, &d)) return MJS_EXC;
    int le_arg = set ? 2 : 1;
    bool little = argc > le_arg && vm_to_boolean(argv[le_arg]);
    int size = vm_typed_size[k];
    Value view = argv[-1];
    if (vm_view_detached(view)) return detached(iso, method);
    if (idx + size > v_num(*obj_internal(view, DV_LENGTH)))
        return vm_throw_error(iso, E_RANGE, "Offset is outside the bounds of the DataView");
    uint8_t *p = vm_array_buffer_data(*obj_internal(view, DV_BUFFER)) +
                 (size_t)v_num(*obj_internal(view, DV_OFFSET)) + (size_t)idx;
    uint8_t tmp[8];
    if (set) {
        vm_typed_store(k, tmp, d);
        if (!little) swap_bytes(tmp, size);
        memcpy(p, tmp, (size_t)size);
        *ret = V_UNDEF;
    } else {
        memcpy(tmp, p, (size_t)size);
        if (!little) swap_bytes(tmp, size);
        *ret = v_number(vm_typed_load(k, tmp));
    }
    return MJS_OK;
}

#define DV_METHODS(X)                                                                          \
    X(Int8, TK_INT8) X(Uint8, TK_UINT8) X(Int16, TK_INT16) X(Uint16, TK_UINT16)                \
    X(Int32, TK_INT32) X(Uint32, TK_UINT32) X(Float32, TK_FLOAT32) X(Float64, TK_FLOAT64)

#define DEFINE_ACCESSORS(name, kind)                                                           \
    static Status dv_get_##name(Isolate *iso, Value *argv, int argc, Value *ret) {             \
        return view_access(iso, argv, argc, kind, false, "DataView.prototype.get" #name, ret); \
    }                                                                                          \
    static Status dv_set_##name(Isolate *iso, Value *argv, int argc, Value *ret) {             \
        return view_access(iso, argv, argc, kind, true, "DataView.prototype.set" #name, ret);  \
    }
DV_METHODS(DEFINE_ACCESSORS)

void rt_install_data_view(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    ROOT(iso, R_DATA_VIEW_PROTO) = obj_new(iso);
    rt_install_ctor(iso, "DataView", dv_ctor, 1, R_DATA_VIEW_PROTO);
    Value *proto = vm_handle(iso, ROOT(iso, R_DATA_VIEW_PROTO));
    rt_def_getter(iso, *proto, "buffer", dv_buffer);
    rt_def_getter(iso, *proto, "byteLength", dv_byte_length);
    rt_def_getter(iso, *proto, "byteOffset", dv_byte_offset);
#define INSTALL(name, kind)                                                                    \
    vm_def_native(iso, *proto, "get" #name, dv_get_##name, 1);                                 \
    vm_def_native(iso, *proto, "set" #name, dv_set_##name, 2);
    DV_METHODS(INSTALL)
#undef INSTALL
    rt_def_tag(iso, *proto, "DataView");
    vm_scope_close(iso, mark);
}
