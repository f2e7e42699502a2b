/* builtins_weak.c: WeakMap and WeakSet over ephemeron tables (gc.h): the collector clears an
 * entry once its key is unreachable from elsewhere, so a WeakMap entry never keeps its key, and
 * its value lives only as long as the key. Open addressing with linear probing over pairs:
 * V_HOLE = never used (ends a probe), V_UNDEF = deleted or cleared by the GC (probes go on).
 * Object keys use Map's identity hash (a private property); symbols carry one.
 */
#include <stdlib.h>

#include "weak_int.h"

/* Internal slots of WeakMap/WeakSet objects. */
enum { W_TABLE = 0, W_USED = 1, W_COUNT = 2 };
#define MIN_PAIRS 8u

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing WeakMap/WeakSet failed\n");
        abort();
    }
}

/* ---------------------------------------------------------------- tables */

Value rt_weak_table_new(Isolate *iso, uint32_t pairs, bool weak) {
    if (!weak) return fixed_new(iso, 2 * (size_t)pairs);
    size_t len = 2 * (size_t)pairs;
    FixedArray *a = gc_alloc(iso->heap, sizeof(FixedArray) + 8 * len);
    a->map = v_ptr(ROOT(iso, R_MAP_EPHEMERON_TABLE));
    a->length = len; /* items are zero: V_HOLE */
    gc_register_ephemeron_table(iso->heap, a);
    return v_from_ptr(a);
}

void rt_weak_table_store(Isolate *iso, Value t, Value *slot, Value v) {
    if (v_type(t) == T_EPHEMERON_TABLE) {
        *slot = v;
        gc_write_barrier_ephemeron(iso->heap, v);
    } else {
        vm_store(iso, v_obj(t), slot, v);
    }
}

static inline uint32_t table_pairs(Value t) { return (uint32_t)(v_fixed(t)->length / 2); }
static inline Value *pair_at(Value t, uint32_t i) { return &v_fixed(t)->items[2 * (size_t)i]; }
static inline bool is_live_key(Value k) { return k != V_HOLE && k != V_UNDEF; }

static int32_t table_find(Value t, Value key, uint32_t h) {
    uint32_t n = table_pairs(t), i = h & (n - 1);
    for (uint32_t step = 0; step < n; step++, i = (i + 1) & (n - 1)) {
        Value k = pair_at(t, i)[0];
        if (k == key) return (int32_t)i;
        if (k == V_HOLE) return -1;
    }
    return -1;
}

/* The first reusable pair on key's probe path (the key is known to be absent). */
static uint32_t table_free_slot(Value t, uint32_t h) {
    uint32_t n = table_pairs(t), i = h & (n - 1);
    while (is_live_key(pair_at(t, i)[0])) i = (i + 1) & (n - 1);
    return i;
}

static Value *table_of(Value owner) { return obj_internal(owner, W_TABLE); }

/* Rehash the live entries of *owner into a table at most half full; the old table is
 * emptied so that, until it is collected, it keeps nothing alive. */
static void table_rebuild(Isolate *iso, Value *owner) {
    Value t = *table_of(*owner);
    uint32_t live = 0, n = table_pairs(t);
    for (uint32_t i = 0; i < n; i++) live += is_live_key(pair_at(t, i)[0]);
    uint32_t pairs = MIN_PAIRS;
    while (pairs < 2 * (live + 1)) pairs *= 2;
    Value nt = rt_weak_table_new(iso, pairs, v_type(t) == T_EPHEMERON_TABLE);
    t = *table_of(*owner); /* the GC may have cleared more entries meanwhile */
    uint32_t used = 0;
    for (uint32_t i = 0; i < n; i++) {
        Value *p = pair_at(t, i);
        uint32_t h;
        if (is_live_key(p[0]) && rt_key_hash_lookup(iso, p[0], &h)) {
            Value *q = pair_at(nt, table_free_slot(nt, h));
            rt_weak_table_store(iso, nt, &q[0], p[0]);
            rt_weak_table_store(iso, nt, &q[1], p[1]);
            used++;
        }
        rt_weak_table_store(iso, t, &p[0], V_UNDEF);
        rt_weak_table_store(iso, t, &p[1], V_UNDEF);
    }
    vm_store(iso, v_obj(*owner), table_of(*owner), nt);
    *obj_internal(*owner, W_USED) = v_int((int32_t)used);
}

/* Pair index of key in *owner's table, or -1. Never allocates. */
static int32_t coll_find(Isolate *iso, Value owner, Value key) {
    uint32_t h;
    if (!v_is_ptr(key) || !rt_key_hash_lookup(iso, key, &h)) return -1;
    return table_find(*table_of(owner), key, h);
}

/* owner[key] = value; key can be held weakly. owner must be rooted. */
static void coll_put(Isolate *iso, Value *owner, Value key, Value value) {
    size_t mark = vm_scope_open(iso);
    Value *k = vm_handle(iso, key), *v = vm_handle(iso, value);
    uint32_t h = rt_key_hash_create(iso, k);
    int32_t e = table_find(*table_of(*owner), *k, h);
    if (e < 0) {
        uint32_t used = (uint32_t)v_int_val(*obj_internal(*owner, W_USED));
        if (4 * (used + 1) > 3 * table_pairs(*table_of(*owner))) table_rebuild(iso, owner);
        Value t = *table_of(*owner);
        e = (int32_t)table_free_slot(t, h);
        Value *p = pair_at(t, (uint32_t)e);
        if (p[0] == V_HOLE) {
            used = (uint32_t)v_int_val(*obj_internal(*owner, W_USED));
            *obj_internal(*owner, W_USED) = v_int((int32_t)used + 1);
        }
        rt_weak_table_store(iso, t, &p[0], *k);
    }
    Value t = *table_of(*owner);
    rt_weak_table_store(iso, t, &pair_at(t, (uint32_t)e)[1], *v);
    vm_scope_close(iso, mark);
}

static bool coll_delete(Isolate *iso, Value owner, Value key) {
    int32_t e = coll_find(iso, owner, key);
    if (e < 0) return false;
    Value t = *table_of(owner);
    Value *p = pair_at(t, (uint32_t)e);
    rt_weak_table_store(iso, t, &p[0], V_UNDEF);
    rt_weak_table_store(iso, t, &p[1], V_UNDEF);
    return true;
}

static Value coll_new(Isolate *iso, RootIndex map_root, bool weak) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, obj_new_from_map(iso, v_ptr(ROOT(iso, map_root))));
    *obj_internal(*o, W_USED) = v_int(0);
    Value t = rt_weak_table_new(iso, MIN_PAIRS, weak);
    vm_store(iso, v_obj(*o), table_of(*o), t);
    Value out = *o;
    vm_scope_close(iso, mark);
    return out;
}

Value rt_weak_set_new(Isolate *iso, bool weak) { return coll_new(iso, R_MAP_WEAKSET, weak); }

void rt_weak_set_add(Isolate *iso, Value *owner, Value key) { coll_put(iso, owner, key, V_TRUE); }

bool rt_can_be_held_weakly(Isolate *iso, Value v) {
    if (v_is_object(v)) return true;
    if (!v_is_symbol(v)) return false;
    /* Symbol.for symbols live in the registry for ever: holding them weakly means nothing. */
    Value reg = ROOT(iso, R_SYMBOL_REGISTRY), d = ((Symbol *)v_ptr(v))->description;
    if (reg == V_HOLE || !v_is_string(d)) return true;
    size_t mark = vm_scope_open(iso);
    Value *sym = vm_handle(iso, v), *key = vm_handle(iso, V_UNDEF);
    bool ok = true;
    if (vm_to_key(iso, d, key) == MJS_OK) {
        PropDesc pd;
        if (obj_get_own(iso, ROOT(iso, R_SYMBOL_REGISTRY), *key, &pd) && pd.value == *sym)
            ok = false;
    } else {
        (void)vm_take_exception(iso);
    }
    vm_scope_close(iso, mark);
    return ok;
}

/* ---------------------------------------------------------------- natives */

#define check_receiver rt_check_receiver

/* new WeakMap(iterable) / new WeakSet(iterable): each item goes through this.set / this.add. */
static Status coll_construct(Isolate *iso, Value *argv, int argc, bool is_map, Value *ret) {
    const char *name = is_map ? "WeakMap" : "WeakSet";
    if (argv[-1] != V_HOLE)
        return vm_throw_error(iso, E_TYPE, "Constructor %s requires 'new'", name);
    size_t mark = vm_scope_open(iso);
    Value *obj = vm_handle(iso, coll_new(iso, is_map ? R_MAP_WEAKMAP : R_MAP_WEAKSET, true));
    Value *adder = vm_handle(iso, V_UNDEF), *it = vm_handle(iso, V_UNDEF);
    Value *item = vm_handle(iso, V_UNDEF), *k = vm_handle(iso, V_UNDEF);
    Value *v = vm_handle(iso, V_UNDEF);
    if (argc < 1 || v_is_nullish(argv[0])) goto done;
    Value adder_key = atom_from_cstr(iso, is_map ? "set" : "add");
    if (obj_get(iso, *obj, adder_key, adder)) goto fail;
    if (!v_is_callable(*adder)) {
        char *s = rt_describe(iso, *adder, false);
        vm_throw_error(iso, E_TYPE,
                       "'%s' returned for property '%s' of object '#<%s>' is not a function", s,
                       is_map ? "set" : "add", name);
        free(s);
        goto fail;
    }
    if (vm_get_iterator(iso, argv[0], it)) goto fail;
    for (;;) {
        bool finished;
        if (vm_iterator_step(iso, *it, &finished, item)) goto fail;
        if (finished) break;
        Value args[2] = {*item, V_UNDEF};
        if (is_map) {
            if (!v_is_object(*item)) {
                char *s = rt_describe(iso, *item, false);
                vm_throw_error(iso, E_TYPE, "Iterator value %s is not an entry object", s);
                free(s);
                goto close;
            }
            if (obj_get(iso, *item, v_int(0), k) || obj_get(iso, *item, v_int(1), v)) goto close;
            args[0] = *k;
            args[1] = *v;
        }
        if (vm_call(iso, *adder, *obj, is_map ? 2 : 1, args, item)) goto close;
    }
done:
    *ret = *obj;
    vm_scope_close(iso, mark);
    return MJS_OK;
close:
    (void)!vm_iterator_close(iso, *it);
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status weakmap_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    return coll_construct(iso, argv, argc, true, ret);
}

static Status weakmap_get(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_WEAKMAP_OBJ, "WeakMap.prototype.get")) return MJS_EXC;
    int32_t e = coll_find(iso, argv[-1], argv[0]);
    *ret = e < 0 ? V_UNDEF : pair_at(*table_of(argv[-1]), (uint32_t)e)[1];
    return MJS_OK;
}

static Status weakmap_set(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_WEAKMAP_OBJ, "WeakMap.prototype.set")) return MJS_EXC;
    if (!rt_can_be_held_weakly(iso, argv[0]))
        return vm_throw_error(iso, E_TYPE, "Invalid value used as weak map key");
    coll_put(iso, &argv[-1], argv[0], argv[1]);
    *ret = argv[-1];
    return MJS_OK;
}

static Status weakmap_has(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_WEAKMAP_OBJ, "WeakMap.prototype.has")) return MJS_EXC;
    *ret = v_bool(coll_find(iso, argv[-1], argv[0]) >= 0);
    return MJS_OK;
}

static Status weakmap_delete(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_WEAKMAP_OBJ, "WeakMap.prototype.delete"))
        return MJS_EXC;
    *ret = v_bool(coll_delete(iso, argv[-1], argv[0]));
    return MJS_OK;
}

static Status weakset_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    return coll_construct(iso, argv, argc, false, ret);
}

static Status weakset_add(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_WEAKSET_OBJ, "WeakSet.prototype.add")) return MJS_EXC;
    if (!rt_can_be_held_weakly(iso, argv[0]))
        return vm_throw_error(iso, E_TYPE, "Invalid value used in weak set");
    coll_put(iso, &argv[-1], argv[0], V_TRUE);
    *ret = argv[-1];
    return MJS_OK;
}

static Status weakset_has(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_WEAKSET_OBJ, "WeakSet.prototype.has")) return MJS_EXC;
    *ret = v_bool(coll_find(iso, argv[-1], argv[0]) >= 0);
    return MJS_OK;
}

static Status weakset_delete(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_WEAKSET_OBJ, "WeakSet.prototype.delete"))
        return MJS_EXC;
    *ret = v_bool(coll_delete(iso, argv[-1], argv[0]));
    return MJS_OK;
}

/* ---------------------------------------------------------------- installation */

typedef struct Method {
    const char *name;
    NativeFn fn;
    int length;
} Method;

static void install_one(Isolate *iso, const char *name, NativeFn ctor, RootIndex proto_root,
                        RootIndex map_root, InstanceType type, const Method *methods, size_t n) {
    size_t mark = vm_scope_open(iso);
    ROOT(iso, proto_root) = obj_new(iso);
    rt_install_ctor(iso, name, ctor, 0, proto_root);
    /* Make the prototype a prototype first (see builtins_collections.c). */
    (void)obj_new_with_proto(iso, ROOT(iso, proto_root));
    Map *m = map_new_root(iso, type, ROOT(iso, proto_root), W_COUNT, 0);
    ROOT(iso, map_root) = v_from_ptr(m);
    Value *proto = vm_handle(iso, ROOT(iso, proto_root));
    for (size_t i = 0; i < n; i++)
        vm_def_native(iso, *proto, methods[i].name, methods[i].fn, methods[i].length);
    rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
    Value tag = atom_from_cstr(iso, name);
    must(obj_define(iso, *proto, ROOT(iso, R_SYMBOL_TO_STRING_TAG), tag, P_CONFIGURABLE));
    vm_scope_close(iso, mark);
}

void rt_install_weak(Isolate *iso) {
    if (ROOT(iso, R_MAP_EPHEMERON_TABLE) == V_HOLE)
        ROOT(iso, R_MAP_EPHEMERON_TABLE) =
            v_from_ptr(map_new_root(iso, T_EPHEMERON_TABLE, V_NULL, 0, 0));
    static const Method map_methods[] = {
        {"delete", weakmap_delete, 1},
        {"get", weakmap_get, 1},
        {"set", weakmap_set, 2},
        {"has", weakmap_has, 1},
    };
    install_one(iso, "WeakMap", weakmap_ctor, R_WEAKMAP_PROTO, R_MAP_WEAKMAP, T_WEAKMAP_OBJ,
                map_methods, sizeof map_methods / sizeof map_methods[0]);
    static const Method set_methods[] = {
        {"delete", weakset_delete, 1},
        {"has", weakset_has, 1},
        {"add", weakset_add, 1},
    };
    install_one(iso, "WeakSet", weakset_ctor, R_WEAKSET_PROTO, R_MAP_WEAKSET, T_WEAKSET_OBJ,
                set_methods, sizeof set_methods / sizeof set_methods[0]);
}
