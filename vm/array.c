/* array.c: JS arrays: creation, the virtual `length` (internal slot 0, a number Value) and
 * its semantics (shrinking deletes, growing only sets the number), push.
 * Invariant: length > every own element index; new Array(n) is a dense FixedArray of holes for
 * n <= DENSE_ARRAY_MAX (so 20M elements take 160 MB in the large-object space), sparse above.
 */
#include <math.h>
#include <stdlib.h>

#include "object_int.h"

static Value array_alloc(Isolate *iso) {
    Value a = obj_new_from_map(iso, v_ptr(ROOT(iso, R_MAP_ARRAY)));
    *obj_internal(a, 0) = v_int(0);
    return a;
}

Value array_new(Isolate *iso, uint32_t length) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, array_alloc(iso));
    if (length > DENSE_ARRAY_MAX) {
        elem_to_sparse(iso, *h);
    } else if (length > 0) {
        Value el = fixed_new(iso, length);
        JSObject *o = v_jsobj(*h);
        vm_store(iso, o, &o->elements, el);
    }
    JSObject *o = v_jsobj(*h);
    vm_store(iso, o, &o->slots[0], v_number((double)length));
    Value r = *h;
    vm_scope_close(iso, mark);
    return r;
}

Value array_from(Isolate *iso, const Value *items, uint32_t n) {
    size_t mark = vm_scope_open(iso);
    /* items may be a plain C array: root every value before allocating. */
    Value **hs = malloc(sizeof(Value *) * (n ? n : 1));
    if (!hs) abort();
    for (uint32_t i = 0; i < n; i++) hs[i] = vm_handle(iso, items[i]);
    Value *ha = vm_handle(iso, array_new(iso, n));
    Value el = v_jsobj(*ha)->elements;
    for (uint32_t i = 0; i < n; i++) fixed_set(iso, el, i, *hs[i]);
    free(hs);
    Value r = *ha;
    vm_scope_close(iso, mark);
    return r;
}

/* An array whose elements are `fixed` (n used items): no copy. */
Value array_from_fixed(Isolate *iso, Value fixed, uint32_t n) {
    size_t mark = vm_scope_open(iso);
    Value *hf = vm_handle(iso, fixed);
    Value a = array_alloc(iso);
    JSObject *o = v_jsobj(a);
    if (n) vm_store(iso, o, &o->elements, *hf);
    o->slots[0] = v_int((int32_t)n);
    vm_scope_close(iso, mark);
    return a;
}

uint32_t array_length(Value arr) { return (uint32_t)array_length_num(arr); }

Value array_get_own(Value arr, uint32_t i) {
    JSObject *o = v_jsobj(arr);
    if (o->elements != V_HOLE && !(o->map->flags & MAP_SPARSE_ELEMENTS)) {
        FixedArray *a = v_fixed(o->elements);
        return i < a->length ? a->items[i] : V_HOLE;
    }
    if (i > INT32_MAX) return V_HOLE;
    return elem_get(arr, i, NULL);
}

Status array_set_length(Isolate *iso, Value arr, double len) {
    if (!(len >= 0 && len <= 4294967295.0 && len == floor(len)))
        return vm_throw_error(iso, E_RANGE, "Invalid array length");
    double old = array_length_num(arr);
    if (len == old) return MJS_OK;
    if (v_jsobj(arr)->map->flags & MAP_ARRAY_LENGTH_RO)
        return vm_throw_error(iso, E_TYPE,
                              "Cannot assign to read only property 'length' of object '[object Array]'");
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, arr);
    if (len < old) {
        uint32_t old_u = old > INT32_MAX ? (uint32_t)INT32_MAX + 1 : (uint32_t)old;
        uint32_t new_u = len > INT32_MAX ? (uint32_t)INT32_MAX + 1 : (uint32_t)len;
        uint32_t kept = elem_truncate(iso, *h, old_u, new_u);
        if (kept > new_u) len = kept;
    }
    JSObject *o = v_jsobj(*h);
    vm_store(iso, o, &o->slots[0], v_number(len));
    vm_scope_close(iso, mark);
    return MJS_OK;
}

Status array_push(Isolate *iso, Value arr, Value v) {
    double len = array_length_num(arr);
    if (!obj_is_extensible(arr))
        return vm_throw_error(iso, E_TYPE, "Cannot add property %.0f, object is not extensible", len);
    if (len >= INT32_MAX) {
        if (len >= 4294967295.0) return vm_throw_error(iso, E_TYPE, "Pushing 1 elements on an array-like of length 4294967295 is disallowed, as the total surpasses 2**53-1");
        size_t mark = vm_scope_open(iso);
        Value *h = vm_handle(iso, arr), *hv = vm_handle(iso, v);
        Value key = key_from_index(iso, (uint32_t)len);
        Status st = obj_define(iso, *h, key, *hv, P_DEFAULT);
        vm_scope_close(iso, mark);
        return st;
    }
    elem_put(iso, arr, (uint32_t)len, v, P_DEFAULT);
    return MJS_OK;
}
