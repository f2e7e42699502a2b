/* spread.c: CopyDataProperties, for object spread ({...src}) and object rest patterns
 * ({a, ...rest} = src): own enumerable properties, symbols included, in V8's key order. */
#include "interp_int.h"

static bool excluded(Isolate *iso, Value key, Value excl) {
    if (!v_is_array(excl)) return false;
    uint32_t n = array_length(excl);
    for (uint32_t i = 0; i < n; i++) {
        Value k;
        if (vm_to_key(iso, array_get_own(excl, i), &k)) {
            (void)vm_take_exception(iso);
            continue;
        }
        if (k == key) return true;
    }
    return false;
}

Status vm_copy_data_properties(Isolate *iso, Value target, Value source, Value excl) {
    if (!v_is_object(source)) return MJS_OK; /* null, undefined and primitives add nothing */
    size_t mark = vm_scope_open(iso);
    Value *ht = vm_handle(iso, target), *hs = vm_handle(iso, source), *he = vm_handle(iso, excl);
    Value *keys = vm_handle(iso, obj_own_keys(iso, *hs, KEYS_ENUMERABLE_ONLY | KEYS_INCLUDE_SYMBOLS));
    Value *key = vm_handle(iso, V_UNDEF), *val = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    uint32_t n = array_length(*keys);
    for (uint32_t i = 0; i < n && st == MJS_OK; i++) {
        if ((st = vm_to_key(iso, array_get_own(*keys, i), key))) break;
        if (excluded(iso, *key, *he)) continue;
        if ((st = obj_get(iso, *hs, *key, val))) break;
        st = obj_define(iso, *ht, *key, *val, P_DEFAULT);
    }
    vm_scope_close(iso, mark);
    return st;
}
