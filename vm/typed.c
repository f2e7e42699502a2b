/* typed.c: ArrayBuffer backing stores and the integer-indexed element access of typed arrays.
 * A backing store is calloc'd off-heap; its address sits in the ArrayBuffer as a double (so
 * the GC, which treats any word below 2^48 as a pointer, never follows it). Its bytes count as
 * external memory until the buffer's finalizer frees them. Invariant: a live ArrayBuffer's
 * slot 0 is its store; a finalized or torn-down one has slot 0 = 0.
 */
#include <math.h>
#include <stdlib.h>

#include "object_int.h"
#include "vm_int.h"

const uint8_t vm_typed_size[TK__COUNT] = {1, 1, 1, 2, 2, 4, 4, 4, 8};
const char *const vm_typed_name[TK__COUNT] = {
    "Int8Array",   "Uint8Array", "Uint8ClampedArray", "Int16Array",  "Uint16Array",
    "Int32Array", "Uint32Array", "Float32Array",     "Float64Array",
};

enum { AB_DATA = 0, AB_LENGTH = 1, AB_INTERNAL = 2 };
enum { TA_INTERNAL = 4, DV_INTERNAL = 3 };

/* The spec allows 2^53-1 bytes; calloc decides in practice. Above 1 TiB we fail without
 * asking: no host here has that much, and sanitizer allocators abort instead of returning
 * NULL for such sizes. */
#define AB_MAX_LENGTH 1099511627776.0

static void account(Isolate *iso, int64_t delta) {
    gc_adjust_external(iso->heap, delta);
    iso->array_buffer_bytes = (size_t)((int64_t)iso->array_buffer_bytes + delta);
}

Status vm_array_buffer_new(Isolate *iso, double n, Value proto, Value *out) {
    if (!(n >= 0) || n > AB_MAX_LENGTH)
        return vm_throw_error(iso, E_RANGE, "Array buffer allocation failed");
    size_t bytes = (size_t)n;
    size_t mark = vm_scope_open(iso);
    Value *hp = vm_handle(iso, v_is_object(proto) ? proto : ROOT(iso, R_ARRAY_BUFFER_PROTO));
    /* External memory pressure: large stores make the GC look for dead buffers (V8 does the
     * same through AdjustAmountOfExternalAllocatedMemory). */
    if (gc_external_pressure(iso->heap, bytes))
        gc_collect(iso->heap, GC_FULL, "external memory pressure");
    Map *m = map_cached_root(iso, T_ARRAY_BUFFER, *hp, AB_INTERNAL, 2);
    Value *ho = vm_handle(iso, obj_new_from_map(iso, m));
    /* An empty buffer owns no store: its address is 0 (detached ones have no address). */
    uint8_t *data = bytes ? calloc(bytes, 1) : NULL;
    if (!data && bytes) {
        gc_collect(iso->heap, GC_FULL_COMPACT, "external memory pressure");
        data = calloc(bytes, 1);
    }
    if (!data && bytes) {
        vm_scope_close(iso, mark);
        return vm_throw_error(iso, E_RANGE, "Array buffer allocation failed");
    }
    JSObject *o = v_jsobj(*ho);
    o->slots[AB_DATA] = v_double((double)(uintptr_t)data);
    o->slots[AB_LENGTH] = v_number((double)bytes);
    gc_register_finalizer(iso->heap, o);
    account(iso, (int64_t)bytes);
    *out = *ho;
    vm_scope_close(iso, mark);
    return MJS_OK;
}

void vm_array_buffer_finalize(Isolate *iso, void *obj) {
    JSObject *o = obj;
    if (o->slots[AB_DATA] == V_HOLE) return;
    free((void *)(uintptr_t)v_num(o->slots[AB_DATA]));
    account(iso, -(int64_t)v_num(o->slots[AB_LENGTH]));
    o->slots[AB_DATA] = V_HOLE; /* the teardown walk may still see this object */
}

void vm_array_buffer_detach(Isolate *iso, Value ab) {
    vm_array_buffer_finalize(iso, v_jsobj(ab));
    *obj_internal(ab, AB_LENGTH) = v_int(0);
}

static void free_one(void *ctx, void *obj) {
    if (((HeapObj *)obj)->map->type == T_ARRAY_BUFFER) vm_array_buffer_finalize(ctx, obj);
}

void vm_array_buffers_free_all(Isolate *iso) {
    if (iso->array_buffer_bytes) gc_for_each_object(iso->heap, free_one, iso);
}

static Value view_new(Isolate *iso, InstanceType t, Value proto, Value buffer, int internal) {
    size_t mark = vm_scope_open(iso);
    Value *hb = vm_handle(iso, buffer);
    Map *m = map_cached_root(iso, t, proto, internal, 2);
    Value v = obj_new_from_map(iso, m);
    vm_store(iso, v_jsobj(v), obj_internal(v, 0), *hb);
    vm_scope_close(iso, mark);
    return v;
}

Value vm_typed_array_new(Isolate *iso, TypedKind kind, Value buffer, size_t offset, size_t length,
                         Value proto) {
    if (!v_is_object(proto)) proto = v_fixed(ROOT(iso, R_TYPED_PROTOS))->items[kind];
    Value v = view_new(iso, T_TYPED_ARRAY, proto, buffer, TA_INTERNAL);
    *obj_internal(v, 1) = v_int(kind);
    *obj_internal(v, 2) = v_number((double)offset);
    *obj_internal(v, 3) = v_number((double)length);
    return v;
}

Value vm_data_view_new(Isolate *iso, Value buffer, size_t offset, size_t length, Value proto) {
    if (!v_is_object(proto)) proto = ROOT(iso, R_DATA_VIEW_PROTO);
    Value v = view_new(iso, T_DATA_VIEW, proto, buffer, DV_INTERNAL);
    *obj_internal(v, 1) = v_number((double)offset);
    *obj_internal(v, 2) = v_number((double)length);
    return v;
}

/* ---------------------------------------------------------------- element codecs */

double vm_typed_load(TypedKind k, const uint8_t *p) {
    switch (k) {
    case TK_INT8: return (int8_t)p[0];
    case TK_UINT8:
    case TK_UINT8C: return p[0];
    case TK_INT16: { int16_t x; memcpy(&x, p, 2); return x; }
    case TK_UINT16: { uint16_t x; memcpy(&x, p, 2); return x; }
    case TK_INT32: { int32_t x; memcpy(&x, p, 4); return x; }
    case TK_UINT32: { uint32_t x; memcpy(&x, p, 4); return x; }
    case TK_FLOAT32: { float x; memcpy(&x, p, 4); return x; }
    default: { double x; memcpy(&x, p, 8); return x; }
    }
}

/* ToUint8Clamp: round half to even, NaN to 0. */
static uint8_t clamp_u8(double d) {
    if (!(d > 0)) return 0;
    if (d >= 255) return 255;
    double f = floor(d);
    if (d - f > 0.5) return (uint8_t)(f + 1);
    if (d - f < 0.5) return (uint8_t)f;
    return (uint8_t)((int)f % 2 ? f + 1 : f);
}

void vm_typed_store(TypedKind k, uint8_t *p, double d) {
    uint32_t u = (uint32_t)vm_double_to_int32(d); /* modular, as ToInt8..ToUint32 are */
    switch (k) {
    case TK_INT8:
    case TK_UINT8: p[0] = (uint8_t)u; return;
    case TK_UINT8C: p[0] = clamp_u8(d); return;
    case TK_INT16:
    case TK_UINT16: { uint16_t x = (uint16_t)u; memcpy(p, &x, 2); return; }
    case TK_INT32:
    case TK_UINT32: memcpy(p, &u, 4); return;
    case TK_FLOAT32: { float x = (float)d; memcpy(p, &x, 4); return; }
    default: memcpy(p, &d, 8); return;
    }
}

Value vm_typed_get(Value ta, size_t i) {
    if (i >= vm_typed_length(ta)) return V_UNDEF;
    TypedKind k = vm_typed_kind(ta);
    return v_number(vm_typed_load(k, vm_typed_data(ta) + i * vm_typed_size[k]));
}

void vm_typed_set(Value ta, size_t i, double d) {
    if (i >= vm_typed_length(ta)) return;
    TypedKind k = vm_typed_kind(ta);
    vm_typed_store(k, vm_typed_data(ta) + i * vm_typed_size[k], d);
}

/* ---------------------------------------------------------------- integer-indexed keys */

int typed_key(Isolate *iso, Value ta, Value key, uint32_t *index) {
    if (v_is_int(key)) {
        uint32_t i = (uint32_t)v_int_val(key);
        if (i >= vm_typed_length(ta)) return TYPED_KEY_INVALID;
        *index = i;
        return TYPED_KEY_VALID;
    }
    if (!v_is_atom(key)) return TYPED_KEY_NONE;
    /* CanonicalNumericIndexString without allocating: "-0", or ToString(ToNumber(s)) == s.
     * Canonical int32 indices are already v_int keys, so any match here is invalid. */
    uint32_t n = str_length(key);
    if (n == 0 || n > 30) return TYPED_KEY_NONE;
    uint16_t c = str_char(key, 0);
    if (!(c == '-' || (c >= '0' && c <= '9') || c == 'I' || c == 'N')) return TYPED_KEY_NONE;
    char buf[40];
    for (uint32_t i = 0; i < n; i++) {
        uint16_t ch = str_char(key, i);
        if (ch > 127) return TYPED_KEY_NONE;
        buf[i] = (char)ch;
    }
    buf[n] = 0;
    if (strcmp(buf, "-0") == 0) return TYPED_KEY_INVALID;
    char canon[40];
    double d = strtod(buf, NULL);
    num_to_cstr(d, canon);
    if (strcmp(buf, canon) != 0) return TYPED_KEY_NONE;
    if (d >= 0 && d < (double)vm_typed_length(ta) && d == floor(d) && d <= 4294967294.0) {
        *index = (uint32_t)d; /* beyond INT32_MAX indices are atoms */
        return TYPED_KEY_VALID;
    }
    return TYPED_KEY_INVALID;
}

Status typed_put(Isolate *iso, Value *hta, Value key, Value *hv) {
    /* Buffers never shrink or detach here, so validity before ToNumber is validity after. */
    uint32_t i = 0;
    bool valid = typed_key(iso, *hta, key, &i) == TYPED_KEY_VALID;
    double d;
    if (vm_to_number(iso, *hv, &d)) return MJS_EXC;
    if (valid) vm_typed_set(*hta, i, d);
    return MJS_OK;
}
