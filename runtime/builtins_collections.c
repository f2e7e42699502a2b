/* builtins_collections.c: Map and Set over an insertion-ordered hash table in one FixedArray:
 * header, buckets, entries [key, value, chain, hash]; deleted keys are V_HOLE. Rebuilding
 * leaves the old table pointing to the new one with old->new entry indices, so iterators
 * (table, index) survive. Objects get a stored identity hash under a private symbol. */
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

#define TRY(e)                                                                                 \
    do {                                                                                       \
        if ((e) != MJS_OK) goto fail;                                                          \
    } while (0)

enum { TB_LIVE = 0, TB_USED = 1, TB_NBUCKETS = 2, TB_NEXT = 3, TB_HDR = 4 };
enum { E_KEY = 0, E_VALUE = 1, E_CHAIN = 2, E_HASH = 3, E_SIZE = 4 };
#define MIN_BUCKETS 2u
/* Objects that cannot take a hash property (non-extensible before first use) share this. */
#define SHARED_HASH 0x2545f491u

static Status map_set(Isolate *iso, Value *argv, int argc, Value *ret);
static Status set_add(Isolate *iso, Value *argv, int argc, Value *ret);

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing Map/Set built-ins failed\n");
        abort();
    }
}

/* ---------------------------------------------------------------- the table */

static inline FixedArray *tb(Value t) { return v_fixed(t); }
static inline uint32_t tb_int(Value t, int field) { return (uint32_t)v_int_val(tb(t)->items[field]); }
static inline uint32_t tb_base(Value t) { return TB_HDR + tb_int(t, TB_NBUCKETS); }
static inline Value *tb_entry(Value t, uint32_t e) { return &tb(t)->items[tb_base(t) + E_SIZE * e]; }

static Value table_new(Isolate *iso, uint32_t nbuckets) {
    Value t = fixed_new(iso, TB_HDR + nbuckets + (size_t)E_SIZE * 2 * nbuckets);
    FixedArray *a = tb(t);
    a->items[TB_LIVE] = v_int(0);
    a->items[TB_USED] = v_int(0);
    a->items[TB_NBUCKETS] = v_int((int32_t)nbuckets);
    a->items[TB_NEXT] = V_HOLE;
    for (uint32_t i = 0; i < nbuckets; i++) a->items[TB_HDR + i] = v_int(-1);
    return t;
}

static uint32_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return (uint32_t)x;
}

/* SameValueZero canonical form. May allocate (flattening). */
static Value normalize_key(Isolate *iso, Value k) {
    if (v_is_number(k)) {
        double d = v_num(k);
        return d == 0 ? v_int(0) : v_number(d);
    }
    if (v_is_string(k)) return str_flatten(iso, k);
    return k;
}

static bool flat_equal(Value a, Value b) {
    JSString *x = v_str(a), *y = v_str(b);
    if (x->length != y->length) return false;
    if (x->hash && y->hash && x->hash != y->hash) return false;
    if (!str_is_two_byte(a) && !str_is_two_byte(b))
        return memcmp(x->u.latin1, y->u.latin1, x->length) == 0;
    for (uint32_t i = 0; i < x->length; i++)
        if (str_char(a, i) != str_char(b, i)) return false;
    return true;
}

static bool keys_equal(Value a, Value b) {
    if (a == b) return true;
    return v_is_string(a) && v_is_string(b) && flat_equal(a, b);
}

/* A new identity hash for an object: its current address, mixed. Only stability matters
 * (the hash is stored), and objects alive together have distinct addresses. */
static uint32_t next_hash(Value obj) { return mix(obj) & 0x3fffffff; }

/* Hash of a normalised key without allocating; false if the key cannot be in any table (an
 * object or symbol that never got a hash). */
static bool hash_lookup(Isolate *iso, Value k, uint32_t *h) {
    if (v_is_string(k)) {
        *h = str_hash(iso, k);
        return true;
    }
    if (v_is_symbol(k)) {
        /* Fixed when the symbol was made (vm_symbol_new); never written here. */
        Value u = ((Symbol *)v_ptr(k))->unused;
        *h = v_is_int(u) ? (uint32_t)v_int_val(u) : SHARED_HASH;
        return true;
    }
    if (v_is_object(k)) {
        PropDesc pd;
        Value sym = ROOT(iso, R_SYMBOL_HASH);
        if (sym != V_HOLE && obj_get_own(iso, k, sym, &pd) && v_is_int(pd.value)) {
            *h = (uint32_t)v_int_val(pd.value);
            return true;
        }
        if (!obj_is_extensible(k)) {
            *h = SHARED_HASH;
            return true;
        }
        return false;
    }
    *h = mix(k);
    return true;
}

/* Hash of a normalised key (*k rooted), assigning an identity hash if needed. */
static uint32_t hash_create(Isolate *iso, Value *k) {
    uint32_t h;
    if (hash_lookup(iso, *k, &h)) return h;
    h = next_hash(*k);
    rt_symbol_root(iso, R_SYMBOL_HASH, "(identity hash)");
    if (obj_define(iso, *k, ROOT(iso, R_SYMBOL_HASH), v_int((int32_t)h), 0)) {
        /* An exotic object refused the property: fall back to the shared hash. */
        (void)vm_take_exception(iso);
        return SHARED_HASH;
    }
    return h;
}

bool rt_key_hash_lookup(Isolate *iso, Value k, uint32_t *h) { return hash_lookup(iso, k, h); }
uint32_t rt_key_hash_create(Isolate *iso, Value *k) { return hash_create(iso, k); }

static int32_t table_find(Value t, Value key, uint32_t h) {
    uint32_t nb = tb_int(t, TB_NBUCKETS);
    int32_t e = v_int_val(tb(t)->items[TB_HDR + (h & (nb - 1))]);
    while (e >= 0) {
        Value *en = tb_entry(t, (uint32_t)e);
        /* The stored hash first: a mismatch costs no visit to the key object. */
        if (en[E_HASH] == v_int((int32_t)h) && en[E_KEY] != V_HOLE && keys_equal(en[E_KEY], key))
            return e;
        e = v_int_val(en[E_CHAIN]);
    }
    return -1;
}

/* Append an entry (capacity checked by the caller). */
static void table_append(Isolate *iso, Value t, Value key, Value value, uint32_t h) {
    FixedArray *a = tb(t);
    uint32_t nb = tb_int(t, TB_NBUCKETS), used = tb_int(t, TB_USED);
    uint32_t bucket = TB_HDR + (h & (nb - 1));
    Value *en = tb_entry(t, used);
    vm_store(iso, a, &en[E_KEY], key);
    vm_store(iso, a, &en[E_VALUE], value);
    en[E_CHAIN] = a->items[bucket];
    en[E_HASH] = v_int((int32_t)h);
    a->items[bucket] = v_int((int32_t)used);
    a->items[TB_USED] = v_int((int32_t)used + 1);
    a->items[TB_LIVE] = v_int(v_int_val(a->items[TB_LIVE]) + 1);
}

/* Replace the table of collection *owner by a fresh one with nbuckets buckets holding the
 * live entries (none when clear), and leave the old one obsolete for its iterators. */
static void table_rebuild(Isolate *iso, Value *owner, uint32_t nbuckets, bool clear) {
    size_t mark = vm_scope_open(iso);
    Value *old = vm_handle(iso, *obj_internal(*owner, 0));
    Value nt = table_new(iso, nbuckets);
    Value t = *old;
    uint32_t used = tb_int(t, TB_USED), moved = 0;
    for (uint32_t e = 0; e < used; e++) {
        Value *en = tb_entry(t, e);
        Value key = en[E_KEY];
        if (key != V_HOLE && !clear) {
            table_append(iso, nt, key, en[E_VALUE], (uint32_t)v_int_val(en[E_HASH]));
            en = tb_entry(t, e);
        }
        /* From now on the chain slot maps entry e to its index in the new table. */
        en[E_CHAIN] = v_int((int32_t)moved);
        if (key != V_HOLE && !clear) moved++;
        en[E_KEY] = V_HOLE;
        en[E_VALUE] = V_HOLE;
    }
    FixedArray *a = tb(t);
    a->items[TB_LIVE] = v_int((int32_t)moved);
    vm_store(iso, a, &a->items[TB_NEXT], nt);
    vm_store(iso, v_jsobj(*owner), obj_internal(*owner, 0), nt);
    vm_scope_close(iso, mark);
}

bool rt_table_next(Value *table, uint32_t *index, Value *key, Value *value) {
    Value t = *table;
    uint32_t i = *index;
    while (tb(t)->items[TB_NEXT] != V_HOLE) {
        uint32_t used = tb_int(t, TB_USED);
        i = i < used ? (uint32_t)v_int_val(tb_entry(t, i)[E_CHAIN]) : tb_int(t, TB_LIVE);
        t = tb(t)->items[TB_NEXT];
    }
    uint32_t used = tb_int(t, TB_USED);
    for (; i < used; i++) {
        Value *en = tb_entry(t, i);
        if (en[E_KEY] != V_HOLE) {
            *key = en[E_KEY];
            *value = en[E_VALUE];
            *table = t;
            *index = i;
            return true;
        }
    }
    *table = t;
    *index = i;
    return false;
}

/* Entry index of key in collection owner's table, or -1. May allocate (flattening). */
static int32_t coll_find(Isolate *iso, Value *owner, Value key) {
    key = normalize_key(iso, key);
    uint32_t h;
    if (!hash_lookup(iso, key, &h)) return -1;
    return table_find(*obj_internal(*owner, 0), key, h);
}

/* Insert or overwrite key -> value in collection *owner (rooted). */
static void coll_put(Isolate *iso, Value *owner, Value key, Value value) {
    size_t mark = vm_scope_open(iso);
    Value *v = vm_handle(iso, value);
    Value *k = vm_handle(iso, key);
    *k = normalize_key(iso, *k);
    uint32_t h = hash_create(iso, k);
    Value t = *obj_internal(*owner, 0);
    int32_t e = table_find(t, *k, h);
    if (e >= 0) {
        vm_store(iso, tb(t), &tb_entry(t, (uint32_t)e)[E_VALUE], *v);
    } else {
        uint32_t nb = tb_int(t, TB_NBUCKETS);
        if (tb_int(t, TB_USED) == 2 * nb) {
            /* Full: double when at least half the entries are live, else just compact. */
            table_rebuild(iso, owner, tb_int(t, TB_LIVE) >= nb ? 2 * nb : nb, false);
            t = *obj_internal(*owner, 0);
        }
        table_append(iso, t, *k, *v, h);
    }
    vm_scope_close(iso, mark);
}

static bool coll_delete(Isolate *iso, Value *owner, Value key) {
    int32_t e = coll_find(iso, owner, key);
    if (e < 0) return false;
    Value t = *obj_internal(*owner, 0);
    Value *en = tb_entry(t, (uint32_t)e);
    en[E_KEY] = V_HOLE;
    en[E_VALUE] = V_HOLE;
    uint32_t live = tb_int(t, TB_LIVE) - 1, nb = tb_int(t, TB_NBUCKETS);
    tb(t)->items[TB_LIVE] = v_int((int32_t)live);
    if (nb > MIN_BUCKETS && live < nb / 2) table_rebuild(iso, owner, nb / 2, false);
    return true;
}

static Value coll_new(Isolate *iso, RootIndex map_root) {
    Value o = obj_new_from_map(iso, v_ptr(ROOT(iso, map_root)));
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, o);
    Value t = table_new(iso, MIN_BUCKETS);
    vm_store(iso, v_jsobj(*h), obj_internal(*h, 0), t);
    o = *h;
    vm_scope_close(iso, mark);
    return o;
}

/* ---------------------------------------------------------------- shared natives */

Status rt_check_receiver(Isolate *iso, Value this_, int type, const char *method) {
    if (v_is_object(this_) && v_type(this_) == type) return MJS_OK;
    char *s = rt_describe(iso, this_, false);
    vm_throw_error(iso, E_TYPE, "Method %s called on incompatible receiver %s", method, s);
    free(s);
    return MJS_EXC;
}
#define check_receiver rt_check_receiver

static Status throw_not_entry(Isolate *iso, Value item) {
    char *s = rt_describe(iso, item, false);
    vm_throw_error(iso, E_TYPE, "Iterator value %s is not an entry object", s);
    free(s);
    return MJS_EXC;
}

/* new Map(iterable) / new Set(iterable): feed every item to the adder ("set" or "add"). */
static Status coll_construct(Isolate *iso, Value *argv, int argc, bool is_map, Value *ret) {
    const char *name = is_map ? "Map" : "Set";
    if (argv[-1] != V_HOLE)
        return vm_throw_error(iso, E_TYPE, "Constructor %s requires 'new'", name);
    size_t mark = vm_scope_open(iso);
    Value *obj = vm_handle(iso, coll_new(iso, is_map ? R_MAP_MAPOBJ : R_MAP_SETOBJ));
    if (argc < 1 || v_is_nullish(argv[0])) goto done;
    Value *adder = vm_handle(iso, V_UNDEF);
    Value adder_key = atom_from_cstr(iso, is_map ? "set" : "add");
    TRY(obj_get(iso, *obj, adder_key, adder));
    if (!v_is_callable(*adder)) {
        char *s = rt_describe(iso, *adder, false);
        vm_throw_error(iso, E_TYPE,
                       "'%s' returned for property '%s' of object '#<%s>' is not a function", s,
                       is_map ? "set" : "add", name);
        free(s);
        goto fail;
    }
    bool fast = rt_is_native(iso, *adder, is_map ? map_set : set_add);
    Value *it = vm_handle(iso, V_UNDEF), *item = vm_handle(iso, V_UNDEF);
    Value *k = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    TRY(vm_get_iterator(iso, argv[0], it));
    for (;;) {
        bool finished;
        TRY(vm_iterator_step(iso, *it, &finished, item));
        if (finished) break;
        if (is_map) {
            if (!v_is_object(*item)) {
                throw_not_entry(iso, *item);
                goto close;
            }
            if (obj_get(iso, *item, v_int(0), k) || obj_get(iso, *item, v_int(1), v)) goto close;
        } else {
            *k = *item;
        }
        if (fast) {
            coll_put(iso, obj, *k, is_map ? *v : V_HOLE);
        } else {
            Value args[2] = {*k, *v};
            if (vm_call(iso, *adder, *obj, is_map ? 2 : 1, args, item)) goto close;
        }
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

static Status coll_for_each(Isolate *iso, Value *argv, int argc, bool is_map, Value *ret) {
    if (check_receiver(iso, argv[-1], is_map ? T_MAP_OBJ : T_SET_OBJ,
                       is_map ? "Map.prototype.forEach" : "Set.prototype.forEach"))
        return MJS_EXC;
    if (!v_is_callable(argv[0])) return rt_throw_not_function(iso, argv[0], true);
    size_t mark = vm_scope_open(iso);
    Value *t = vm_handle(iso, *obj_internal(argv[-1], 0));
    Value *tmp = vm_handle(iso, V_UNDEF);
    uint32_t i = 0;
    Value k, v;
    while (rt_table_next(t, &i, &k, &v)) {
        i++;
        Value args[3] = {is_map ? v : k, k, argv[-1]};
        if (vm_call(iso, argv[0], argc > 1 ? argv[1] : V_UNDEF, 3, args, tmp)) {
            vm_scope_close(iso, mark);
            return MJS_EXC;
        }
    }
    vm_scope_close(iso, mark);
    *ret = V_UNDEF;
    return MJS_OK;
}

/* ---------------------------------------------------------------- Map */

static Status map_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    return coll_construct(iso, argv, argc, true, ret);
}

static Status map_get(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_MAP_OBJ, "Map.prototype.get")) return MJS_EXC;
    int32_t e = coll_find(iso, &argv[-1], argv[0]);
    *ret = e < 0 ? V_UNDEF : tb_entry(*obj_internal(argv[-1], 0), (uint32_t)e)[E_VALUE];
    return MJS_OK;
}

static Status map_set(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_MAP_OBJ, "Map.prototype.set")) return MJS_EXC;
    coll_put(iso, &argv[-1], argv[0], argv[1]);
    *ret = argv[-1];
    return MJS_OK;
}

static Status map_has(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_MAP_OBJ, "Map.prototype.has")) return MJS_EXC;
    *ret = v_bool(coll_find(iso, &argv[-1], argv[0]) >= 0);
    return MJS_OK;
}

static Status map_delete(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_MAP_OBJ, "Map.prototype.delete")) return MJS_EXC;
    *ret = v_bool(coll_delete(iso, &argv[-1], argv[0]));
    return MJS_OK;
}

static Status map_clear(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_MAP_OBJ, "Map.prototype.clear")) return MJS_EXC;
    table_rebuild(iso, &argv[-1], MIN_BUCKETS, true);
    *ret = V_UNDEF;
    return MJS_OK;
}

static Status map_size(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_MAP_OBJ, "get Map.prototype.size")) return MJS_EXC;
    *ret = v_int((int32_t)tb_int(*obj_internal(argv[-1], 0), TB_LIVE));
    return MJS_OK;
}

static Status map_for_each(Isolate *iso, Value *argv, int argc, Value *ret) {
    return coll_for_each(iso, argv, argc, true, ret);
}

static Status map_iter(Isolate *iso, Value *argv, int kind, const char *method, Value *ret) {
    if (check_receiver(iso, argv[-1], T_MAP_OBJ, method)) return MJS_EXC;
    *ret = vm_iterator_new(iso, *obj_internal(argv[-1], 0), kind);
    return MJS_OK;
}

static Status map_keys(Isolate *iso, Value *argv, int argc, Value *ret) {
    return map_iter(iso, argv, ITER_MAP_KEYS, "Map.prototype.keys", ret);
}

static Status map_values(Isolate *iso, Value *argv, int argc, Value *ret) {
    return map_iter(iso, argv, ITER_MAP_VALUES, "Map.prototype.values", ret);
}

static Status map_entries(Isolate *iso, Value *argv, int argc, Value *ret) {
    return map_iter(iso, argv, ITER_MAP_ENTRIES, "Map.prototype.entries", ret);
}

/* ---------------------------------------------------------------- Set */

static Status set_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    return coll_construct(iso, argv, argc, false, ret);
}

static Status set_add(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_SET_OBJ, "Set.prototype.add")) return MJS_EXC;
    coll_put(iso, &argv[-1], argv[0], V_HOLE);
    *ret = argv[-1];
    return MJS_OK;
}

static Status set_has(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_SET_OBJ, "Set.prototype.has")) return MJS_EXC;
    *ret = v_bool(coll_find(iso, &argv[-1], argv[0]) >= 0);
    return MJS_OK;
}

static Status set_delete(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_SET_OBJ, "Set.prototype.delete")) return MJS_EXC;
    *ret = v_bool(coll_delete(iso, &argv[-1], argv[0]));
    return MJS_OK;
}

static Status set_clear(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_SET_OBJ, "Set.prototype.clear")) return MJS_EXC;
    table_rebuild(iso, &argv[-1], MIN_BUCKETS, true);
    *ret = V_UNDEF;
    return MJS_OK;
}

static Status set_size(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_SET_OBJ, "get Set.prototype.size")) return MJS_EXC;
    *ret = v_int((int32_t)tb_int(*obj_internal(argv[-1], 0), TB_LIVE));
    return MJS_OK;
}

static Status set_for_each(Isolate *iso, Value *argv, int argc, Value *ret) {
    return coll_for_each(iso, argv, argc, false, ret);
}

static Status set_values(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_SET_OBJ, "Set.prototype.values")) return MJS_EXC;
    *ret = vm_iterator_new(iso, *obj_internal(argv[-1], 0), ITER_SET_VALUES);
    return MJS_OK;
}

static Status set_entries(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_SET_OBJ, "Set.prototype.entries")) return MJS_EXC;
    *ret = vm_iterator_new(iso, *obj_internal(argv[-1], 0), ITER_SET_ENTRIES);
    return MJS_OK;
}

/* ---------------------------------------------------------------- installation */

typedef struct Method {
    const char *name;
    NativeFn fn;
    int length;
} Method;

static void install_one(Isolate *iso, const char *name, NativeFn ctor, RootIndex proto_root,
                        RootIndex map_root, InstanceType type, const Method *methods, size_t n,
                        NativeFn size_fn, const char *iter_method, const char *alias,
                        const char *alias_of) {
    size_t mark = vm_scope_open(iso);
    rt_install_ctor(iso, name, ctor, 0, proto_root);
    /* Make the prototype a prototype first (rooted inside obj_new_with_proto): map_new_root's
     * own attempt reads its proto argument after allocating. */
    (void)obj_new_with_proto(iso, ROOT(iso, proto_root));
    Map *m = map_new_root(iso, type, ROOT(iso, proto_root), 1, 0);
    ROOT(iso, map_root) = v_from_ptr(m);
    Value *proto = vm_handle(iso, ROOT(iso, proto_root));
    Value *fn = vm_handle(iso, V_UNDEF), *iter_fn = vm_handle(iso, V_UNDEF);
    for (size_t i = 0; i < n; i++) {
        if (!methods[i].fn) { /* the size getter, in V8's property order */
            *fn = vm_new_native(iso, "get size", size_fn, 0);
            Value size_key = atom_from_cstr(iso, "size");
            must(obj_define_accessor(iso, *proto, size_key, *fn, V_UNDEF, P_CONFIGURABLE));
            continue;
        }
        *fn = vm_def_native(iso, *proto, methods[i].name, methods[i].fn, methods[i].length);
        if (!strcmp(methods[i].name, iter_method)) *iter_fn = *fn;
        if (alias && !strcmp(methods[i].name, alias_of)) {
            Value key = atom_from_cstr(iso, alias);
            must(obj_define(iso, *proto, key, *fn, P_HIDDEN));
        }
    }
    Value sym = rt_symbol_root(iso, R_SYMBOL_ITERATOR, "Symbol.iterator");
    must(obj_define(iso, *proto, sym, *iter_fn, P_HIDDEN));
    rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
    Value tag = atom_from_cstr(iso, name);
    must(obj_define(iso, *proto, ROOT(iso, R_SYMBOL_TO_STRING_TAG), tag, P_CONFIGURABLE));
    vm_scope_close(iso, mark);
}

void rt_install_collections(Isolate *iso) {
    vm_iterator_init(iso);
    rt_symbol_root(iso, R_SYMBOL_HASH, "(identity hash)");
    static const Method map_methods[] = {
        {"get", map_get, 1},         {"set", map_set, 2},         {"has", map_has, 1},
        {"delete", map_delete, 1},   {"clear", map_clear, 0},     {"entries", map_entries, 0},
        {"forEach", map_for_each, 1}, {"keys", map_keys, 0},      {"size", NULL, 0},
        {"values", map_values, 0},
    };
    install_one(iso, "Map", map_ctor, R_MAPOBJ_PROTO, R_MAP_MAPOBJ, T_MAP_OBJ, map_methods,
                sizeof map_methods / sizeof map_methods[0], map_size, "entries", NULL, NULL);
    static const Method set_methods[] = {
        {"has", set_has, 1},         {"add", set_add, 1},         {"delete", set_delete, 1},
        {"clear", set_clear, 0},     {"entries", set_entries, 0}, {"forEach", set_for_each, 1},
        {"size", NULL, 0},           {"values", set_values, 0},
    };
    install_one(iso, "Set", set_ctor, R_SETOBJ_PROTO, R_MAP_SETOBJ, T_SET_OBJ, set_methods,
                sizeof set_methods / sizeof set_methods[0], set_size, "values", "keys", "values");
}
