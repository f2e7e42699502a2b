/* layout.c: how the collector sees vm/ objects: sizes, pointer fields, and the internal maps.
 * Invariant: every heap object's size follows from its map alone (JS objects: instance_size)
 * or from a length word; every Value field is reported, non-pointers are skipped by gc/.
 */
#include "object_int.h"
#include "vm_int.h"

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

size_t vm_object_size(const void *obj) {
    const HeapObj *h = obj;
    const Map *m = h->map;
    switch (m->type) {
    case T_MAP: return sizeof(Map);
    case T_STRING: {
        const JSString *s = obj;
        size_t bytes = (m->flags & MAP_STR_TWO_BYTE) ? 2 * (size_t)s->length : s->length;
        return round8(STRING_HEADER_SIZE + bytes);
    }
    case T_CONS_STRING: return STRING_HEADER_SIZE + 2 * sizeof(Value);
    case T_FIXED_ARRAY:
    case T_EPHEMERON_TABLE: return sizeof(FixedArray) + 8 * ((const FixedArray *)obj)->length;
    case T_BYTES: return round8(sizeof(Bytes) + ((const Bytes *)obj)->length);
    case T_ACCESSOR_PAIR: return sizeof(AccessorPair);
    case T_CONTEXT: return sizeof(Context) + 8 * ((const Context *)obj)->length;
    case T_TEMPLATE: return vm_template_size(obj);
    case T_SYMBOL: return sizeof(Symbol);
    default: return m->instance_size;
    }
}

void vm_visit_object(void *obj, GcVisitor *v) {
    HeapObj *h = obj;
    Map *m = h->map;
    switch (m->type) {
    case T_MAP: {
        Map *mm = obj;
        gc_visit_range(v, (GcWord *)&mm->proto, MAP_VALUE_FIELDS);
        return;
    }
    case T_STRING:
    case T_BYTES: return;
    case T_CONS_STRING: {
        JSString *s = obj;
        gc_visit_range(v, (GcWord *)&s->u.cons.left, 2);
        return;
    }
    case T_FIXED_ARRAY: {
        FixedArray *a = obj;
        gc_visit_range(v, (GcWord *)a->items, a->length);
        return;
    }
    case T_EPHEMERON_TABLE: {
        /* Weak as gc.h's ephemerons: a pair whose key died becomes (V_UNDEF, V_UNDEF). */
        FixedArray *a = obj;
        for (uint64_t i = 0; i + 1 < a->length; i += 2)
            gc_visit_ephemeron(v, (GcWord *)&a->items[i], (GcWord *)&a->items[i + 1], V_UNDEF);
        return;
    }
    case T_ACCESSOR_PAIR: {
        AccessorPair *p = obj;
        gc_visit_range(v, (GcWord *)&p->getter, 2);
        return;
    }
    case T_CONTEXT: {
        Context *c = obj;
        gc_visit_range(v, (GcWord *)&c->parent, 1 + c->length);
        return;
    }
    case T_TEMPLATE: vm_template_visit(obj, v); return;
    case T_SYMBOL: {
        Symbol *s = obj;
        gc_visit_range(v, (GcWord *)&s->description, 2);
        return;
    }
    default: {
        /* props, elements, internal slots and in-object properties are all Values. */
        JSObject *o = obj;
        gc_visit_range(v, (GcWord *)&o->props, (m->instance_size - 8) / 8);
        return;
    }
    }
}

Map *map_alloc(Isolate *iso, InstanceType type, int flags, int internal_count, int inobject_cap,
               Value proto) {
    size_t mark = vm_scope_open(iso);
    Value *hp = vm_handle(iso, proto);
    Map *m = gc_alloc_map(iso->heap, sizeof(Map));
    proto = *hp;
    vm_scope_close(iso, mark);
    /* The meta map does not exist while it is itself being made: it points to itself. */
    Value meta = ROOT(iso, R_META_MAP);
    m->map = meta ? (Map *)v_ptr(meta) : m;
    m->type = (uint8_t)type;
    m->flags = (uint8_t)flags;
    m->internal_count = (uint8_t)internal_count;
    m->inobject_cap = (uint8_t)inobject_cap;
    m->instance_size = type >= T_FIRST_OBJECT
                           ? (uint32_t)(sizeof(JSObject) + 8 * (internal_count + inobject_cap))
                           : 0;
    m->prop_count = 0;
    /* Map space is not new space: even initialising stores need the barrier. */
    vm_store(iso, m, &m->proto, proto);
    m->descriptors = V_HOLE;
    m->transitions = V_HOLE;
    m->parent = V_HOLE;
    m->key = V_HOLE;
    m->cache = V_HOLE;
    return m;
}

void vm_layout_init(Isolate *iso) {
    Map *meta = map_alloc(iso, T_MAP, 0, 0, 0, V_NULL);
    ROOT(iso, R_META_MAP) = v_from_ptr(meta);
    static const struct {
        RootIndex r;
        InstanceType t;
        int flags;
    } maps[] = {
        {R_MAP_FIXED_ARRAY, T_FIXED_ARRAY, 0},
        {R_MAP_BYTES, T_BYTES, 0},
        {R_MAP_STRING, T_STRING, 0},
        {R_MAP_STRING2, T_STRING, MAP_STR_TWO_BYTE},
        {R_MAP_ATOM, T_STRING, MAP_STR_ATOM},
        {R_MAP_ATOM2, T_STRING, MAP_STR_ATOM | MAP_STR_TWO_BYTE},
        {R_MAP_CONS, T_CONS_STRING, 0},
        {R_MAP_ACCESSOR, T_ACCESSOR_PAIR, 0},
        {R_MAP_CONTEXT, T_CONTEXT, 0},
        {R_MAP_TEMPLATE, T_TEMPLATE, 0},
        {R_MAP_SYMBOL, T_SYMBOL, 0},
    };
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        ROOT(iso, maps[i].r) = v_from_ptr(map_alloc(iso, maps[i].t, maps[i].flags, 0, 0, V_NULL));
    /* Cons strings whose leaves include a two-byte string use a second cons map, kept in
     * R_MAP_CONS's spare cache field, so flattening knows the result width up front. */
    Map *cons = v_ptr(ROOT(iso, R_MAP_CONS));
    Map *cons2 = map_alloc(iso, T_CONS_STRING, MAP_STR_TWO_BYTE, 0, 0, V_NULL);
    vm_store(iso, cons, &cons->cache, v_from_ptr(cons2));
}

static Value fixed_init(Isolate *iso, void *mem, size_t length) {
    FixedArray *a = mem;
    a->map = v_ptr(ROOT(iso, R_MAP_FIXED_ARRAY));
    a->length = length;
    /* gc memory is zero-filled, and zero is V_HOLE. */
    return v_from_ptr(a);
}

Value fixed_new(Isolate *iso, size_t length) {
    return fixed_init(iso, gc_alloc(iso->heap, sizeof(FixedArray) + 8 * length), length);
}

Value fixed_new_old(Isolate *iso, size_t length) {
    return fixed_init(iso, gc_alloc_old(iso->heap, sizeof(FixedArray) + 8 * length), length);
}

Value fixed_resize(Isolate *iso, Value arr, size_t n) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, arr);
    Value out = fixed_new(iso, n);
    FixedArray *src = v_fixed(*h);
    size_t copy = src->length < n ? src->length : n;
    FixedArray *dst = v_fixed(out);
    memcpy(dst->items, src->items, 8 * copy);
    gc_write_barrier_range(iso->heap, dst, (GcWord *)dst->items, copy);
    vm_scope_close(iso, mark);
    return out;
}

Value bytes_new(Isolate *iso, size_t length) {
    Bytes *b = gc_alloc(iso->heap, round8(sizeof(Bytes) + length));
    b->map = v_ptr(ROOT(iso, R_MAP_BYTES));
    b->length = length;
    return v_from_ptr(b);
}

Value accessor_new(Isolate *iso, Value getter, Value setter) {
    size_t mark = vm_scope_open(iso);
    Value *hg = vm_handle(iso, getter), *hs = vm_handle(iso, setter);
    AccessorPair *p = gc_alloc(iso->heap, sizeof(AccessorPair));
    p->map = v_ptr(ROOT(iso, R_MAP_ACCESSOR));
    vm_store(iso, p, &p->getter, *hg);
    vm_store(iso, p, &p->setter, *hs);
    vm_scope_close(iso, mark);
    return v_from_ptr(p);
}
