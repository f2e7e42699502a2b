/* shape.c: maps (hidden classes), transition trees, per-prototype root maps, dictionary mode
 * and the insertion-ordered hash table used by dictionary objects and sparse elements.
 * Invariants: in a fast map, descriptor i describes slot i; a map's first prop_count
 * descriptors never change (children may append to a shared descriptor array at index
 * prop_count only while it is unused); prototype objects own private maps.
 */
#include <stdlib.h>

#include "object_int.h"
#include "vm_int.h"

/* Maps never move, but a map nothing references is freed by a full GC: a new map is kept in a
 * handle until it is linked into a transition tree, a root list or an object. */

/* ---------------------------------------------------------------- descriptors, transitions */

int map_find(const Map *m, Value key) {
    if (m->descriptors == V_HOLE) return -1;
    const Value *d = v_fixed(m->descriptors)->items;
    for (uint32_t i = 0; i < m->prop_count; i++)
        if (d[2 * i] == key) return (int)i;
    return -1;
}

static Value desc_entry(int attrs, uint32_t slot) { return v_int((int32_t)((slot << 8) | (uint32_t)attrs)); }

/* Descriptors for a map with m's properties plus one more (key must be rooted by caller). */
static Value descriptors_with(Isolate *iso, Map *m, Value *key, int attrs) {
    uint32_t n = m->prop_count;
    Value d = m->descriptors;
    if (d != V_HOLE && fixed_length(d) >= 2 * (size_t)n + 2 && v_fixed(d)->items[2 * n] == V_HOLE) {
        /* Share: the slot after m's last descriptor is still free. */
    } else {
        size_t cap = n + 1 + (n + 1) / 2 + 1;
        d = fixed_new_old(iso, 2 * cap);
        if (n) {
            FixedArray *src = v_fixed(m->descriptors), *dst = v_fixed(d);
            memcpy(dst->items, src->items, 16 * (size_t)n);
            gc_write_barrier_range(iso->heap, dst, (GcWord *)dst->items, 2 * (size_t)n);
        }
    }
    fixed_set(iso, d, 2 * (size_t)n, *key);
    fixed_set(iso, d, 2 * (size_t)n + 1, desc_entry(attrs, n));
    return d;
}

static bool child_matches(Value child, Value key, int attrs) {
    Map *c = v_ptr(child);
    return c->key == key && map_desc_attrs(c, c->prop_count - 1) == attrs;
}

static void add_transition(Isolate *iso, Map *m, Map *child) {
    Value t = m->transitions;
    if (t == V_HOLE) {
        vm_store(iso, m, &m->transitions, v_from_ptr(child));
        return;
    }
    if (v_type(t) == T_MAP) {
        Value arr = fixed_new_old(iso, 4);
        fixed_set(iso, arr, 0, m->transitions);
        fixed_set(iso, arr, 1, v_from_ptr(child));
        vm_store(iso, m, &m->transitions, arr);
        return;
    }
    size_t n = fixed_length(t);
    for (size_t i = 0; i < n; i++) {
        if (v_fixed(t)->items[i] == V_HOLE) {
            fixed_set(iso, t, i, v_from_ptr(child));
            return;
        }
    }
    Value arr = fixed_new_old(iso, 2 * n);
    t = m->transitions;
    memcpy(v_fixed(arr)->items, v_fixed(t)->items, 8 * n);
    gc_write_barrier_range(iso->heap, v_ptr(arr), (GcWord *)v_fixed(arr)->items, n);
    fixed_set(iso, arr, n, v_from_ptr(child));
    vm_store(iso, m, &m->transitions, arr);
}

Map *map_transition(Isolate *iso, Map *m, Value key, int attrs) {
    Value t = m->transitions;
    if (t != V_HOLE) {
        if (v_type(t) == T_MAP) {
            if (child_matches(t, key, attrs)) return v_ptr(t);
        } else {
            FixedArray *a = v_fixed(t);
            for (size_t i = 0; i < a->length; i++)
                if (a->items[i] != V_HOLE && child_matches(a->items[i], key, attrs))
                    return v_ptr(a->items[i]);
        }
    }
    size_t mark = vm_scope_open(iso);
    Value *hkey = vm_handle(iso, key);
    /* Maps never move, so m stays valid across the allocations below. */
    Map *c = map_alloc(iso, (InstanceType)m->type, m->flags & ~MAP_IS_PROTOTYPE, m->internal_count,
                       m->inobject_cap, m->proto);
    vm_handle(iso, v_from_ptr(c)); /* maps do not move, but an unreachable one is freed */
    Value d = descriptors_with(iso, m, hkey, attrs);
    vm_store(iso, c, &c->descriptors, d);
    c->prop_count = m->prop_count + 1;
    if (attrs & P_ACCESSOR) c->flags |= MAP_HAS_GETTERS;
    vm_store(iso, c, &c->parent, v_from_ptr(m));
    vm_store(iso, c, &c->key, *hkey);
    add_transition(iso, m, c);
    vm_scope_close(iso, mark);
    return c;
}

Map *map_copy(Isolate *iso, Map *m) {
    Map *c = map_alloc(iso, (InstanceType)m->type, m->flags, m->internal_count, m->inobject_cap,
                       m->proto);
    c->prop_count = m->prop_count;
    vm_store(iso, c, &c->descriptors, m->descriptors);
    vm_store(iso, c, &c->cache, m->cache);
    return c;
}

Map *map_copy_adding(Isolate *iso, Map *m, Value key, int attrs) {
    size_t mark = vm_scope_open(iso);
    Value *hkey = vm_handle(iso, key);
    Map *c = map_copy(iso, m);
    vm_handle(iso, v_from_ptr(c));
    Value d = descriptors_with(iso, m, hkey, attrs);
    vm_store(iso, c, &c->descriptors, d);
    c->prop_count = m->prop_count + 1;
    if (attrs & P_ACCESSOR) c->flags |= MAP_HAS_GETTERS;
    vm_scope_close(iso, mark);
    return c;
}

Map *map_copy_with_attrs(Isolate *iso, Map *m, uint32_t i, int attrs) {
    size_t mark = vm_scope_open(iso);
    Map *c = map_copy(iso, m);
    vm_handle(iso, v_from_ptr(c));
    uint32_t n = m->prop_count;
    Value d = fixed_new_old(iso, 2 * (size_t)n);
    memcpy(v_fixed(d)->items, v_fixed(m->descriptors)->items, 16 * (size_t)n);
    gc_write_barrier_range(iso->heap, v_ptr(d), (GcWord *)v_fixed(d)->items, 2 * (size_t)n);
    fixed_set(iso, d, 2 * (size_t)i + 1, desc_entry(attrs, map_desc_slot(m, i)));
    vm_store(iso, c, &c->descriptors, d);
    if (attrs & P_ACCESSOR) c->flags |= MAP_HAS_GETTERS;
    vm_scope_close(iso, mark);
    return c;
}

Map *map_new_root(Isolate *iso, InstanceType type, Value proto, int internal_count, int inobject_cap) {
    size_t mark = vm_scope_open(iso);
    Value *hp = vm_handle(iso, proto);
    if (v_is_object(proto)) obj_make_prototype(iso, proto);
    Map *m = map_alloc(iso, type, 0, internal_count, inobject_cap, *hp);
    vm_scope_close(iso, mark);
    return m;
}

/* The list of cached root maps for a prototype: in its private map's cache field (null:
 * the meta map's). */
static Map *root_list_holder(Isolate *iso, Value *hproto) {
    if (v_is_object(*hproto)) {
        obj_make_prototype(iso, *hproto);
        return v_jsobj(*hproto)->map;
    }
    return v_ptr(ROOT(iso, R_META_MAP));
}

Map *map_cached_root(Isolate *iso, InstanceType type, Value proto, int internal_count,
                     int inobject_cap) {
    size_t mark = vm_scope_open(iso);
    Value *hproto = vm_handle(iso, proto);
    Map *holder = root_list_holder(iso, hproto);
    Value list = holder->cache;
    size_t n = list == V_HOLE ? 0 : fixed_length(list), i;
    for (i = 0; i < n; i++) {
        Value e = v_fixed(list)->items[i];
        if (e == V_HOLE) break;
        Map *r = v_ptr(e);
        if (r->type == type && r->internal_count == internal_count && r->inobject_cap == inobject_cap) {
            vm_scope_close(iso, mark);
            return r;
        }
    }
    Map *r = map_alloc(iso, type, 0, internal_count, inobject_cap, *hproto);
    vm_handle(iso, v_from_ptr(r));
    holder = root_list_holder(iso, hproto);
    if (i == n) {
        Value grown = fixed_new_old(iso, n ? 2 * n : 4);
        list = holder->cache;
        for (size_t k = 0; k < n; k++) fixed_set(iso, grown, k, v_fixed(list)->items[k]);
        vm_store(iso, holder, &holder->cache, grown);
    }
    fixed_set(iso, holder->cache, i, v_from_ptr(r));
    vm_scope_close(iso, mark);
    return r;
}

void obj_make_prototype(Isolate *iso, Value obj) {
    Map *m = v_jsobj(obj)->map;
    if (m->flags & MAP_IS_PROTOTYPE) return;
    if (map_is_dict(m)) {
        m->flags |= MAP_IS_PROTOTYPE; /* dictionary maps are private already */
        return;
    }
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj);
    Map *c = map_copy(iso, m);
    c->flags |= MAP_IS_PROTOTYPE;
    obj_set_map(iso, *h, c);
    vm_scope_close(iso, mark);
}

void obj_to_dictionary(Isolate *iso, Value obj) {
    Map *m = v_jsobj(obj)->map;
    if (map_is_dict(m)) return;
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj);
    uint32_t n = m->prop_count;
    Value *hd = vm_handle(iso, dict_new(iso, n + n / 2 + 4));
    for (uint32_t i = 0; i < n; i++) {
        Value v = *obj_slot_ptr(*h, map_desc_slot(m, i));
        *hd = dict_put(iso, *hd, map_desc_key(m, i), v, map_desc_attrs(m, i));
    }
    Map *d = map_alloc(iso, (InstanceType)m->type, m->flags | MAP_DICTIONARY, m->internal_count,
                       m->inobject_cap, m->proto);
    vm_store(iso, d, &d->cache, m->cache);
    JSObject *o = v_jsobj(*h);
    for (uint32_t i = 0; i < m->inobject_cap; i++) o->slots[m->internal_count + i] = V_UNDEF;
    obj_set_map(iso, *h, d);
    vm_store(iso, o, &o->props, *hd);
    obj_shape_changed(iso, *h);
    vm_scope_close(iso, mark);
}

/* ---------------------------------------------------------------- dictionaries */

uint32_t key_hash(Value key) {
    if (v_is_int(key)) {
        uint32_t x = (uint32_t)v_int_val(key);
        x ^= x >> 16;
        x *= 0x7feb352du;
        x ^= x >> 15;
        return x;
    }
    if (v_type(key) == T_SYMBOL) {
        Value h = ((Symbol *)v_ptr(key))->unused;
        return v_is_int(h) ? (uint32_t)v_int_val(h) : 0x5bd1e995u;
    }
    return v_str(key)->hash;
}

static uint32_t pow2_at_least(uint32_t n) {
    uint32_t p = 8;
    while (p < n) p <<= 1;
    return p;
}

Value dict_new(Isolate *iso, uint32_t capacity) {
    if (capacity < 4) capacity = 4;
    uint32_t hsize = pow2_at_least(2 * capacity);
    Value d = fixed_new(iso, DICT_HDR + hsize + 3 * (size_t)capacity);
    FixedArray *a = v_fixed(d);
    a->items[0] = v_int(0);
    a->items[1] = v_int(0);
    a->items[2] = v_int((int32_t)hsize);
    return d;
}

static uint32_t dict_capacity(Value d) {
    return (uint32_t)((fixed_length(d) - DICT_HDR - dict_hsize(d)) / 3);
}

int dict_find(Value d, Value key) {
    FixedArray *a = v_fixed(d);
    uint32_t mask = dict_hsize(d) - 1;
    for (uint32_t j = key_hash(key) & mask;; j = (j + 1) & mask) {
        Value s = a->items[DICT_HDR + j];
        if (s == V_HOLE) return -1;
        int e = v_int_val(s);
        if (dict_key(d, e) == key) return e;
    }
}

/* Append an entry (the key is known to be absent and the table to have room). */
static void dict_append(Isolate *iso, Value d, Value key, Value v, int attrs) {
    FixedArray *a = v_fixed(d);
    uint32_t e = dict_used(d), mask = dict_hsize(d) - 1;
    uint32_t base = dict_entry_base(d, (int)e);
    fixed_set(iso, d, base, key);
    fixed_set(iso, d, base + 1, v);
    a->items[base + 2] = v_int(attrs);
    uint32_t j = key_hash(key) & mask;
    while (a->items[DICT_HDR + j] != V_HOLE) j = (j + 1) & mask;
    a->items[DICT_HDR + j] = v_int((int32_t)e);
    a->items[1] = v_int((int32_t)e + 1);
    a->items[0] = v_int(v_int_val(a->items[0]) + 1);
}

Value dict_put(Isolate *iso, Value d, Value key, Value v, int attrs) {
    int e = dict_find(d, key);
    if (e >= 0) {
        dict_set_value(iso, d, e, v);
        dict_set_attrs(iso, d, e, attrs);
        return d;
    }
    if (dict_used(d) == dict_capacity(d)) {
        size_t mark = vm_scope_open(iso);
        Value *hd = vm_handle(iso, d), *hk = vm_handle(iso, key), *hv = vm_handle(iso, v);
        uint32_t live = dict_live(d);
        Value nd = dict_new(iso, live + live / 2 + 8);
        d = *hd;
        for (uint32_t i = 0; i < dict_used(d); i++) {
            Value k = dict_key(d, (int)i);
            if (k != V_HOLE) dict_append(iso, nd, k, dict_value(d, (int)i), dict_attrs(d, (int)i));
        }
        dict_append(iso, nd, *hk, *hv, attrs);
        vm_scope_close(iso, mark);
        return nd;
    }
    dict_append(iso, d, key, v, attrs);
    return d;
}

void dict_remove(Isolate *iso, Value d, int e) {
    FixedArray *a = v_fixed(d);
    uint32_t base = dict_entry_base(d, e);
    /* The hash slot keeps pointing at the dead entry, so probe chains stay intact. */
    a->items[base] = V_HOLE;
    a->items[base + 1] = V_UNDEF;
    a->items[base + 2] = v_int(0);
    a->items[0] = v_int(v_int_val(a->items[0]) - 1);
}
