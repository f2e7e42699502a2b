/* elements.c: indexed properties of any JS object. Dense: a FixedArray with V_HOLE for holes
 * and implicit default attributes; sparse (map flag MAP_SPARSE_ELEMENTS): a dictionary keyed
 * by v_int(i) with per-element attributes. Invariant: keys here are 0..INT32_MAX; an array's
 * length is kept > every element index (elem_put extends it).
 */
#include <stdlib.h>

#include "object_int.h"

static bool is_sparse(Value obj) { return v_jsobj(obj)->map->flags & MAP_SPARSE_ELEMENTS; }

Value elem_get(Value obj, uint32_t i, int *attrs) {
    Value el = v_jsobj(obj)->elements;
    if (el == V_HOLE) return V_HOLE;
    if (is_sparse(obj)) {
        int e = dict_find(el, v_int((int32_t)i));
        if (e < 0) return V_HOLE;
        if (attrs) *attrs = dict_attrs(el, e);
        return dict_value(el, e);
    }
    if (i >= fixed_length(el)) return V_HOLE;
    if (attrs) *attrs = P_DEFAULT;
    return v_fixed(el)->items[i];
}

static void set_elements(Isolate *iso, Value obj, Value el) {
    JSObject *o = v_jsobj(obj);
    vm_store(iso, o, &o->elements, el);
}

/* Give obj a map with the sparse flag (private maps can just be flagged). */
static void flag_sparse(Isolate *iso, Value *hobj) {
    Map *m = v_jsobj(*hobj)->map;
    if (m->flags & MAP_SPARSE_ELEMENTS) return;
    if (!map_is_dict(m)) {
        Map *c = map_copy(iso, m);
        c->flags |= MAP_SPARSE_ELEMENTS;
        obj_set_map(iso, *hobj, c);
    } else {
        m->flags |= MAP_SPARSE_ELEMENTS;
    }
}

void elem_to_sparse(Isolate *iso, Value obj) {
    if (is_sparse(obj)) return;
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj);
    Value el = v_jsobj(obj)->elements;
    uint32_t n = 0, cap = el == V_HOLE ? 0 : (uint32_t)fixed_length(el);
    for (uint32_t i = 0; i < cap; i++) n += v_fixed(el)->items[i] != V_HOLE;
    Value *hd = vm_handle(iso, dict_new(iso, n + 8));
    for (uint32_t i = 0; i < cap; i++) {
        Value v = v_fixed(v_jsobj(*h)->elements)->items[i];
        if (v != V_HOLE) *hd = dict_put(iso, *hd, v_int((int32_t)i), v, P_DEFAULT);
    }
    flag_sparse(iso, h);
    set_elements(iso, *h, *hd);
    vm_scope_close(iso, mark);
}

static void extend_array_length(Isolate *iso, Value obj, uint32_t i) {
    if (v_type(obj) != T_ARRAY) return;
    if ((double)i >= array_length_num(obj)) {
        JSObject *o = v_jsobj(obj);
        vm_store(iso, o, &o->slots[0], v_number((double)i + 1));
    }
}

void elem_reserve(Isolate *iso, Value obj, uint32_t cap) {
    if (is_sparse(obj)) return;
    Value el = v_jsobj(obj)->elements;
    uint32_t have = el == V_HOLE ? 0 : (uint32_t)fixed_length(el);
    if (have >= cap) return;
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj);
    Value grown = el == V_HOLE ? fixed_new(iso, cap) : fixed_resize(iso, el, cap);
    set_elements(iso, *h, grown);
    vm_scope_close(iso, mark);
}

void elem_put(Isolate *iso, Value obj, uint32_t i, Value v, int attrs) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj), *hv = vm_handle(iso, v);
    if (!is_sparse(obj)) {
        Value el = v_jsobj(obj)->elements;
        uint32_t cap = el == V_HOLE ? 0 : (uint32_t)fixed_length(el);
        if (attrs == P_DEFAULT && i < cap) {
            fixed_set(iso, el, i, v);
            extend_array_length(iso, obj, i);
            vm_scope_close(iso, mark);
            return;
        }
        if (attrs == P_DEFAULT && (uint64_t)i <= 2 * (uint64_t)cap + 1024) {
            uint64_t want = (uint64_t)cap + cap / 2 + 16;
            if (want < (uint64_t)i + 1) want = (uint64_t)i + 1;
            elem_reserve(iso, *h, (uint32_t)want);
            fixed_set(iso, v_jsobj(*h)->elements, i, *hv);
            extend_array_length(iso, *h, i);
            vm_scope_close(iso, mark);
            return;
        }
        elem_to_sparse(iso, *h);
    }
    Value d = v_jsobj(*h)->elements;
    if (d == V_HOLE) {
        d = dict_new(iso, 8);
        set_elements(iso, *h, d);
    }
    d = dict_put(iso, v_jsobj(*h)->elements, v_int((int32_t)i), *hv, attrs);
    set_elements(iso, *h, d);
    extend_array_length(iso, *h, i);
    vm_scope_close(iso, mark);
}

bool elem_delete(Isolate *iso, Value obj, uint32_t i) {
    Value el = v_jsobj(obj)->elements;
    if (el == V_HOLE) return true;
    if (is_sparse(obj)) {
        int e = dict_find(el, v_int((int32_t)i));
        if (e < 0) return true;
        if (!(dict_attrs(el, e) & P_CONFIGURABLE)) return false;
        dict_remove(iso, el, e);
        return true;
    }
    if (i < fixed_length(el)) v_fixed(el)->items[i] = V_HOLE;
    return true;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

uint32_t *elem_keys(Value obj, uint32_t *count) {
    Value el = v_jsobj(obj)->elements;
    *count = 0;
    if (el == V_HOLE) return NULL;
    uint32_t n = 0, *out;
    if (is_sparse(obj)) {
        out = malloc(sizeof(uint32_t) * (dict_live(el) + 1));
        if (!out) abort();
        for (uint32_t e = 0; e < dict_used(el); e++) {
            Value k = dict_key(el, (int)e);
            if (k != V_HOLE) out[n++] = (uint32_t)v_int_val(k);
        }
        qsort(out, n, sizeof *out, cmp_u32);
    } else {
        FixedArray *a = v_fixed(el);
        out = malloc(sizeof(uint32_t) * (a->length + 1));
        if (!out) abort();
        for (uint32_t i = 0; i < a->length; i++)
            if (a->items[i] != V_HOLE) out[n++] = i;
    }
    *count = n;
    return out;
}

uint32_t elem_truncate(Isolate *iso, Value obj, uint32_t old_len, uint32_t new_len) {
    Value el = v_jsobj(obj)->elements;
    if (el == V_HOLE || new_len >= old_len) return new_len;
    if (!is_sparse(obj)) {
        uint32_t cap = (uint32_t)fixed_length(el);
        if (new_len < cap / 2) {
            /* Give memory back when most of the store is cut off. */
            size_t mark = vm_scope_open(iso);
            Value *h = vm_handle(iso, obj);
            Value shrunk = new_len ? fixed_resize(iso, el, new_len) : V_HOLE;
            set_elements(iso, *h, shrunk);
            vm_scope_close(iso, mark);
        } else {
            for (uint32_t i = new_len; i < cap && i < old_len; i++) v_fixed(el)->items[i] = V_HOLE;
        }
        return new_len;
    }
    /* Sparse: a non-configurable element at or above new_len stops the deletion. */
    uint32_t floor = new_len;
    for (uint32_t e = 0; e < dict_used(el); e++) {
        Value k = dict_key(el, (int)e);
        if (k == V_HOLE) continue;
        uint32_t idx = (uint32_t)v_int_val(k);
        if (idx >= floor && !(dict_attrs(el, (int)e) & P_CONFIGURABLE)) floor = idx + 1;
    }
    for (uint32_t e = 0; e < dict_used(el); e++) {
        Value k = dict_key(el, (int)e);
        if (k != V_HOLE && (uint32_t)v_int_val(k) >= floor) dict_remove(iso, el, (int)e);
    }
    return floor;
}
