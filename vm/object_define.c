/* object_define.c: Object.defineProperty validation, own-key enumeration in V8 order, and
 * integrity levels (preventExtensions, seal, freeze).
 * Invariant: attribute changes never mutate a shared map: they switch the object to a private
 * map copy (fast) or edit its private dictionary.
 */
#include <stdlib.h>

#include "object_int.h"
#include "vm_int.h"

void array_make_length_ro(Isolate *iso, Value arr) {
    Map *m = v_jsobj(arr)->map;
    if (m->flags & MAP_ARRAY_LENGTH_RO) return;
    if (map_is_dict(m)) {
        m->flags |= MAP_ARRAY_LENGTH_RO;
        return;
    }
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, arr);
    Map *c = map_copy(iso, m);
    c->flags |= MAP_ARRAY_LENGTH_RO;
    obj_set_map(iso, *h, c);
    vm_scope_close(iso, mark);
}

static Status redefine_error(Isolate *iso, Value key) {
    char *k = key_to_cstr(iso, key);
    Status st = vm_throw_error(iso, E_TYPE, "Cannot redefine property: %s", k);
    free(k);
    return st;
}

static int desc_attrs(const PropDesc *d, int mask, int base) {
    int a = base;
    if (mask & PD_WRITABLE) a = (a & ~P_WRITABLE) | (d->attrs & P_WRITABLE);
    if (mask & PD_ENUMERABLE) a = (a & ~P_ENUMERABLE) | (d->attrs & P_ENUMERABLE);
    if (mask & PD_CONFIGURABLE) a = (a & ~P_CONFIGURABLE) | (d->attrs & P_CONFIGURABLE);
    return a;
}

/* ValidateAndApplyPropertyDescriptor (ES2015 9.1.6.3) on an ordinary object; key canonical.
 * The descriptor's values are read through handles (hv, hg, hs): validation may allocate. */
static Status define_desc_impl(Isolate *iso, Value *ho, Value *hk, int desc_attrs_bits, Value *hv,
                               Value *hg, Value *hs, int mask) {
    PropDesc dd = {V_UNDEF, V_UNDEF, V_UNDEF, desc_attrs_bits};
    const PropDesc *desc = &dd; /* attrs only; values come from the handles */
    bool is_accessor_desc = mask & (PD_GET | PD_SET);
    bool is_data_desc = mask & (PD_VALUE | PD_WRITABLE);
    Ref r;
    if (!lookup_own(iso, *ho, *hk, &r)) {
        if (!obj_is_extensible(*ho)) {
            char *k = key_to_cstr(iso, *hk);
            Status st = vm_throw_error(iso, E_TYPE, "Cannot define property %s, object is not extensible", k);
            free(k);
            return st;
        }
        int attrs = desc_attrs(desc, mask, 0);
        if (is_accessor_desc) {
            Value pair = accessor_new(iso, (mask & PD_GET) ? *hg : V_UNDEF, (mask & PD_SET) ? *hs : V_UNDEF);
            define_own_raw(iso, *ho, *hk, pair, (attrs & ~P_WRITABLE) | P_ACCESSOR);
        } else {
            define_own_raw(iso, *ho, *hk, (mask & PD_VALUE) ? *hv : V_UNDEF, attrs);
        }
        return MJS_OK;
    }
    Value *hcur = vm_handle(iso, ref_value(iso, *ho, &r));
    bool cur_accessor = r.attrs & P_ACCESSOR;
    if (!(r.attrs & P_CONFIGURABLE)) {
        if ((mask & PD_CONFIGURABLE) && (desc->attrs & P_CONFIGURABLE)) return redefine_error(iso, *hk);
        if ((mask & PD_ENUMERABLE) && ((desc->attrs ^ r.attrs) & P_ENUMERABLE))
            return redefine_error(iso, *hk);
        if (is_accessor_desc || is_data_desc) {
            if (cur_accessor != is_accessor_desc) return redefine_error(iso, *hk);
            if (cur_accessor) {
                AccessorPair *p = v_ptr(*hcur);
                if ((mask & PD_GET) && *hg != p->getter) return redefine_error(iso, *hk);
                if ((mask & PD_SET) && *hs != p->setter) return redefine_error(iso, *hk);
            } else if (!(r.attrs & P_WRITABLE)) {
                if ((mask & PD_WRITABLE) && (desc->attrs & P_WRITABLE)) return redefine_error(iso, *hk);
                if ((mask & PD_VALUE) && !vm_same_value(iso, *hv, *hcur)) return redefine_error(iso, *hk);
            }
        }
    }
    if (r.kind == REF_ARRAY_LENGTH) {
        if (is_accessor_desc) return redefine_error(iso, *hk);
        if (mask & PD_VALUE) {
            Status st = array_set_length_value(iso, *ho, *hv);
            if (st) return st;
        }
        if ((mask & PD_WRITABLE) && !(desc->attrs & P_WRITABLE)) array_make_length_ro(iso, *ho);
        return MJS_OK;
    }
    if (r.kind == REF_STRING_CHAR || r.kind == REF_STRING_LENGTH) return MJS_OK; /* validated */
    int attrs = desc_attrs(desc, mask, r.attrs & (P_ENUMERABLE | P_CONFIGURABLE | P_WRITABLE));
    if (is_accessor_desc) {
        Value g = V_UNDEF, s = V_UNDEF;
        if (cur_accessor) {
            AccessorPair *p = v_ptr(*hcur);
            g = p->getter;
            s = p->setter;
        }
        if (mask & PD_GET) g = *hg;
        if (mask & PD_SET) s = *hs;
        Value pair = accessor_new(iso, g, s);
        define_own_raw(iso, *ho, *hk, pair, (attrs & ~P_WRITABLE) | P_ACCESSOR);
    } else if (is_data_desc || !cur_accessor) {
        if (cur_accessor) /* accessor -> data: writable defaults to false */
            attrs = desc_attrs(desc, mask & PD_WRITABLE, attrs & ~P_WRITABLE);
        Value v = (mask & PD_VALUE) ? *hv : (cur_accessor ? V_UNDEF : *hcur);
        define_own_raw(iso, *ho, *hk, v, attrs & ~P_ACCESSOR);
    } else {
        /* Generic descriptor on an accessor: only enumerable/configurable change. */
        define_own_raw(iso, *ho, *hk, *hcur, (attrs & ~P_WRITABLE) | P_ACCESSOR);
    }
    return MJS_OK;
}

/* [[DefineOwnProperty]] of an integer-indexed exotic object for a numeric key. */
static Status define_typed(Isolate *iso, Value *ho, Value *hk, int attrs, Value *hv, int mask) {
    uint32_t i;
    if (typed_key(iso, *ho, *hk, &i) != TYPED_KEY_VALID)
        return vm_throw_error(iso, E_TYPE, "Invalid typed array index");
    if ((mask & (PD_GET | PD_SET)) || ((mask & PD_CONFIGURABLE) && !(attrs & P_CONFIGURABLE)) ||
        ((mask & PD_ENUMERABLE) && !(attrs & P_ENUMERABLE)) ||
        ((mask & PD_WRITABLE) && !(attrs & P_WRITABLE)))
        return redefine_error(iso, *hk);
    if (mask & PD_VALUE) return typed_put(iso, ho, *hk, hv);
    return MJS_OK;
}

Status obj_define_desc(Isolate *iso, Value obj, Value key, const PropDesc *desc, int present_mask) {
    if (!v_is_object(obj))
        return vm_throw_error(iso, E_TYPE, "Object.defineProperty called on non-object");
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hk = vm_handle(iso, key);
    Value *hv = vm_handle(iso, desc->value), *hg = vm_handle(iso, desc->getter), *hs = vm_handle(iso, desc->setter);
    Status st = key_canon(iso, hk);
    uint32_t ti;
    if (st == MJS_OK && v_type(*ho) == T_TYPED_ARRAY && typed_key(iso, *ho, *hk, &ti) != TYPED_KEY_NONE) {
        st = define_typed(iso, ho, hk, desc->attrs, hv, present_mask);
    } else if (st == MJS_OK) {
        if ((present_mask & (PD_GET | PD_SET)) && (present_mask & (PD_VALUE | PD_WRITABLE)))
            st = vm_throw_error(iso, E_TYPE,
                                "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute");
        else
            st = define_desc_impl(iso, ho, hk, desc->attrs, hv, hg, hs, present_mask);
    }
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- own keys */

typedef struct KeyBuf {
    Value *hkeys; /* handle holding a FixedArray */
    uint32_t n;
} KeyBuf;

static void keybuf_push(Isolate *iso, KeyBuf *b, Value key) {
    if (b->n == fixed_length(*b->hkeys)) {
        size_t mark = vm_scope_open(iso);
        Value *hk = vm_handle(iso, key);
        *b->hkeys = fixed_resize(iso, *b->hkeys, 2 * (size_t)b->n + 8);
        key = *hk;
        vm_scope_close(iso, mark);
    }
    fixed_set(iso, *b->hkeys, b->n++, key);
}

/* Array indices above INT32_MAX are atoms, but they still sort with the integer keys. */
static bool is_big_index(Value k) { return v_is_atom(k) && str_flat_array_index(k) >= 0; }

/* Named own keys (strings, or symbols when want_symbols) in insertion order; which = 0 all
 * strings but big indices, 1 only big indices. */
static void named_keys(Isolate *iso, Value *ho, KeyBuf *b, int flags, bool want_symbols, int which) {
    Map *m = v_jsobj(*ho)->map;
    bool enum_only = flags & KEYS_ENUMERABLE_ONLY;
    if (map_is_dict(m)) {
        Value d = v_jsobj(*ho)->props;
        if (d == V_HOLE) return;
        for (uint32_t e = 0; e < dict_used(v_jsobj(*ho)->props); e++) {
            d = v_jsobj(*ho)->props;
            Value k = dict_key(d, (int)e);
            if (k == V_HOLE || v_is_symbol(k) != want_symbols || is_big_index(k) != (which == 1)) continue;
            if (enum_only && !(dict_attrs(d, (int)e) & P_ENUMERABLE)) continue;
            keybuf_push(iso, b, k);
        }
        return;
    }
    for (uint32_t i = 0; i < m->prop_count; i++) {
        Value k = map_desc_key(m, i);
        if (v_is_symbol(k) != want_symbols || is_big_index(k) != (which == 1)) continue;
        if (enum_only && !(map_desc_attrs(m, i) & P_ENUMERABLE)) continue;
        keybuf_push(iso, b, k);
    }
}

Value obj_own_keys(Isolate *iso, Value obj, int flags) {
    if (!v_is_object(obj)) return array_new(iso, 0);
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj);
    KeyBuf b = {vm_handle(iso, fixed_new(iso, 8)), 0};
    bool enum_only = flags & KEYS_ENUMERABLE_ONLY;
    Map *m = v_jsobj(*ho)->map;
    /* 1. integer keys ascending: a String object's characters, then elements. */
    if (m->type == T_STRING_OBJ && v_is_string(*obj_internal(*ho, 0))) {
        uint32_t n = str_length(*obj_internal(*ho, 0));
        for (uint32_t i = 0; i < n; i++) keybuf_push(iso, &b, v_int((int32_t)i));
    }
    if (m->type == T_TYPED_ARRAY)
        for (size_t i = 0, n = vm_typed_length(*ho); i < n && i <= INT32_MAX; i++)
            keybuf_push(iso, &b, v_int((int32_t)i));
    uint32_t count;
    uint32_t *idx = elem_keys(*ho, &count);
    for (uint32_t i = 0; i < count; i++) {
        if (enum_only) {
            int attrs = P_DEFAULT;
            elem_get(*ho, idx[i], &attrs);
            if (!(attrs & P_ENUMERABLE)) continue;
        }
        keybuf_push(iso, &b, v_int((int32_t)idx[i]));
    }
    free(idx);
    uint32_t big_from = b.n;
    named_keys(iso, ho, &b, flags, false, 1);
    /* (rare) sort the big indices: insertion sort on their numeric values */
    for (uint32_t i = big_from + 1; i < b.n; i++) {
        FixedArray *a = v_fixed(*b.hkeys);
        Value k = a->items[i];
        uint32_t j = i;
        while (j > big_from && str_flat_array_index(a->items[j - 1]) > str_flat_array_index(k)) {
            fixed_set(iso, *b.hkeys, j, a->items[j - 1]);
            j--;
        }
        fixed_set(iso, *b.hkeys, j, k);
    }
    /* 2. virtual `length` (non-enumerable), then strings in insertion order. */
    m = v_jsobj(*ho)->map;
    if (!enum_only && (m->type == T_ARRAY || m->type == T_STRING_OBJ))
        keybuf_push(iso, &b, ATOM(iso, length));
    named_keys(iso, ho, &b, flags, false, 0);
    /* 3. symbols. */
    if (flags & KEYS_INCLUDE_SYMBOLS) named_keys(iso, ho, &b, flags, true, 0);
    for (uint32_t i = 0; i < b.n; i++) {
        Value k = v_fixed(*b.hkeys)->items[i];
        if (v_is_int(k)) {
            Value s = key_to_string(iso, k);
            fixed_set(iso, *b.hkeys, i, s);
        }
    }
    Value out = array_from_fixed(iso, *b.hkeys, b.n);
    vm_scope_close(iso, mark);
    return out;
}

/* ---------------------------------------------------------------- integrity levels */

Status obj_prevent_extensions(Isolate *iso, Value obj) {
    if (!v_is_object(obj)) return MJS_OK;
    Map *m = v_jsobj(obj)->map;
    if (m->flags & MAP_NOT_EXTENSIBLE) return MJS_OK;
    if (map_is_dict(m)) {
        m->flags |= MAP_NOT_EXTENSIBLE;
    } else {
        size_t mark = vm_scope_open(iso);
        Value *h = vm_handle(iso, obj);
        Map *c = map_copy(iso, m);
        c->flags |= MAP_NOT_EXTENSIBLE;
        obj_set_map(iso, *h, c);
        obj = *h;
        vm_scope_close(iso, mark);
    }
    obj_shape_changed(iso, obj);
    return MJS_OK;
}

static int frozen_attrs(int attrs, bool seal_only) {
    attrs &= ~P_CONFIGURABLE;
    if (!seal_only && !(attrs & P_ACCESSOR)) attrs &= ~P_WRITABLE;
    return attrs;
}

Status obj_freeze(Isolate *iso, Value obj, bool seal_only) {
    if (!v_is_object(obj)) return MJS_OK;
    if (!seal_only && v_type(obj) == T_TYPED_ARRAY && vm_typed_length(obj))
        return vm_throw_error(iso, E_TYPE, "Cannot freeze array buffer views with elements");
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj);
    Status st = obj_prevent_extensions(iso, *h);
    if (st) goto done;
    /* A frozen function's prototype must be the one later reads see. */
    if (v_type(*h) == T_FUNCTION) {
        Ref r;
        if (lookup_own(iso, *h, ATOM(iso, prototype), &r)) ref_value(iso, *h, &r);
    }
    /* Elements: dense storage has no attributes, so go sparse if there are any. */
    uint32_t count;
    uint32_t *idx = elem_keys(*h, &count);
    free(idx);
    if (count) {
        elem_to_sparse(iso, *h);
        Value d = v_jsobj(*h)->elements;
        for (uint32_t e = 0; e < dict_used(d); e++)
            if (dict_key(d, (int)e) != V_HOLE)
                dict_set_attrs(iso, d, (int)e, frozen_attrs(dict_attrs(d, (int)e), seal_only));
    }
    Map *m = v_jsobj(*h)->map;
    if (map_is_dict(m)) {
        Value d = v_jsobj(*h)->props;
        if (d != V_HOLE)
            for (uint32_t e = 0; e < dict_used(d); e++)
                if (dict_key(d, (int)e) != V_HOLE)
                    dict_set_attrs(iso, d, (int)e, frozen_attrs(dict_attrs(d, (int)e), seal_only));
    } else if (m->prop_count) {
        uint32_t n = m->prop_count;
        Map *c = map_copy(iso, m);
        vm_handle(iso, v_from_ptr(c));
        Value nd = fixed_new_old(iso, 2 * (size_t)n);
        for (uint32_t i = 0; i < n; i++) {
            fixed_set(iso, nd, 2 * (size_t)i, map_desc_key(m, i));
            int a = frozen_attrs(map_desc_attrs(m, i), seal_only);
            fixed_set(iso, nd, 2 * (size_t)i + 1, v_int((int32_t)((map_desc_slot(m, i) << 8) | (uint32_t)a)));
        }
        vm_store(iso, c, &c->descriptors, nd);
        obj_set_map(iso, *h, c);
    }
    if (!seal_only && v_is_array(*h)) array_make_length_ro(iso, *h);
    obj_shape_changed(iso, *h);
done:
    vm_scope_close(iso, mark);
    return st;
}

static bool attrs_frozen(int attrs, bool sealed_only) {
    if (attrs & P_CONFIGURABLE) return false;
    return sealed_only || (attrs & P_ACCESSOR) || !(attrs & P_WRITABLE);
}

bool obj_is_frozen(Isolate *iso, Value obj, bool sealed_only) {
    if (!v_is_object(obj)) return true;
    if (obj_is_extensible(obj)) return false;
    if (!sealed_only && v_is_typed_array(obj) && vm_typed_length(obj)) return false; /* writable */
    JSObject *o = v_jsobj(obj);
    Map *m = o->map;
    if (o->elements != V_HOLE) {
        if (!(m->flags & MAP_SPARSE_ELEMENTS)) {
            FixedArray *a = v_fixed(o->elements);
            for (uint64_t i = 0; i < a->length; i++)
                if (a->items[i] != V_HOLE) return false;
        } else {
            Value d = o->elements;
            for (uint32_t e = 0; e < dict_used(d); e++)
                if (dict_key(d, (int)e) != V_HOLE && !attrs_frozen(dict_attrs(d, (int)e), sealed_only))
                    return false;
        }
    }
    if (map_is_dict(m)) {
        Value d = o->props;
        if (d != V_HOLE)
            for (uint32_t e = 0; e < dict_used(d); e++)
                if (dict_key(d, (int)e) != V_HOLE && !attrs_frozen(dict_attrs(d, (int)e), sealed_only))
                    return false;
    } else {
        for (uint32_t i = 0; i < m->prop_count; i++)
            if (!attrs_frozen(map_desc_attrs(m, i), sealed_only)) return false;
    }
    if (!sealed_only && m->type == T_ARRAY && !(m->flags & MAP_ARRAY_LENGTH_RO)) return false;
    return true;
}
