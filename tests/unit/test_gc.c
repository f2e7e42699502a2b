/* test_gc.c: unit tests of the managed heap (gc/) against a toy object model: maps in map
 * space (header -> meta map), pairs, variable-length arrays and leaf byte strings, with a
 * small root array. Each Criterion test runs in its own process, so the toy state is a
 * file-level struct set up per test.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gc/gc.h"

/* ---------------------------------------------------------------- the toy object model */

enum { TY_META, TY_PAIR, TY_ARRAY, TY_BYTES, TY_WEAK_ARRAY, TY_EPH };

typedef struct ToyMap {
    GcWord header;
    GcWord type;
    GcWord proto; /* a pointer slot, like Map.proto: may point into new space */
    GcWord pad;
} ToyMap;

typedef struct Pair {
    GcWord header;
    GcWord a, b;
} Pair;

typedef struct Array {
    GcWord header;
    GcWord length;
    GcWord items[];
} Array;

typedef struct Bytes {
    GcWord header;
    GcWord length;
    uint8_t data[];
} Bytes;

#define NROOTS 64
#define MAX_FINAL 4096

typedef struct Toy {
    Heap *heap;
    GcWord roots[NROOTS];
    GcWord meta, pair_map, array_map, bytes_map, weak_map, eph_map;
    GcWord weak[8]; /* weak slots outside the heap (like an interned-string table) */
    int finalized;
    uintptr_t finalized_at[MAX_FINAL];
} Toy;

static Toy T;

#define INT(n) ((GcWord)0xFFFE000000000000ull | (uint32_t)(n))
#define INT_VAL(w) ((int32_t)(uint32_t)(w))
#define PTR(w) ((void *)(uintptr_t)(w))
#define W(p) ((GcWord)(uintptr_t)(p))

static int type_of(const void *obj) {
    return (int)((const ToyMap *)PTR(*(const GcWord *)obj))->type;
}

static size_t toy_size(void *ctx, const void *obj) {
    switch (type_of(obj)) {
    case TY_META: return sizeof(ToyMap);
    case TY_PAIR: return sizeof(Pair);
    case TY_ARRAY:
    case TY_WEAK_ARRAY:
    case TY_EPH: return sizeof(Array) + 8 * ((const Array *)obj)->length;
    default: return sizeof(Bytes) + ((((const Bytes *)obj)->length + 7) & ~(size_t)7);
    }
}

static void toy_visit(void *ctx, void *obj, GcVisitor *v) {
    switch (type_of(obj)) {
    case TY_META: gc_visit_slot(v, &((ToyMap *)obj)->proto); break;
    case TY_PAIR:
        gc_visit_slot(v, &((Pair *)obj)->a);
        gc_visit_slot(v, &((Pair *)obj)->b);
        break;
    case TY_ARRAY: gc_visit_range(v, ((Array *)obj)->items, ((Array *)obj)->length); break;
    case TY_EPH: /* items: (key, value) pairs */
        for (size_t i = 0; i + 1 < ((Array *)obj)->length; i += 2)
            gc_visit_ephemeron(v, &((Array *)obj)->items[i], &((Array *)obj)->items[i + 1],
                               INT(-3));
        break;
    default: break;
    }
}

static void toy_roots(void *ctx, GcVisitor *v) {
    Toy *t = ctx;
    gc_visit_range(v, t->roots, NROOTS);
    gc_visit_slot(v, &t->meta);
    gc_visit_slot(v, &t->pair_map);
    gc_visit_slot(v, &t->array_map);
    gc_visit_slot(v, &t->bytes_map);
    gc_visit_slot(v, &t->weak_map);
    gc_visit_slot(v, &t->eph_map);
}

/* Weak slots: T.weak[] and the items of weak arrays reachable from roots[60]. */
static void toy_weak(void *ctx, GcVisitor *v) {
    Toy *t = ctx;
    for (int i = 0; i < 8; i++) gc_visit_weak(v, &t->weak[i], INT(-1));
    GcWord w = t->roots[60];
    if (w >= 16 && w < ((GcWord)1 << 48) && type_of(PTR(w)) == TY_WEAK_ARRAY) {
        Array *a = PTR(w);
        for (size_t i = 0; i < a->length; i++) gc_visit_weak(v, &a->items[i], INT(-2));
    }
}

static void toy_finalize(void *ctx, void *obj) {
    Toy *t = ctx;
    if (t->finalized < MAX_FINAL) t->finalized_at[t->finalized] = (uintptr_t)obj;
    t->finalized++;
}

static void toy_stack(void *ctx, FILE *out) { fprintf(out, "    at toyMutator (test_gc.c:1:1)\n"); }

static GcWord new_map(int type) {
    ToyMap *m = gc_alloc_map(T.heap, sizeof(ToyMap));
    m->header = T.meta ? T.meta : W(m);
    m->type = (GcWord)type;
    return W(m);
}

static void toy_init_config(GcConfig cfg) {
    memset(&T, 0, sizeof T);
    GcHooks hooks = {&T, toy_size, toy_visit, toy_roots, toy_finalize, toy_stack};
    T.heap = gc_heap_new(&cfg, &hooks);
    gc_set_weak_hook(T.heap, toy_weak);
    T.meta = new_map(TY_META);
    T.pair_map = new_map(TY_PAIR);
    T.array_map = new_map(TY_ARRAY);
    T.bytes_map = new_map(TY_BYTES);
    T.weak_map = new_map(TY_WEAK_ARRAY);
    for (int i = 0; i < 8; i++) T.weak[i] = INT(0);
}

static void toy_init(void) { toy_init_config((GcConfig){.verify_heap = true}); }

static void toy_fini(void) {
    if (T.heap) gc_heap_free(T.heap);
    T.heap = NULL;
}

/* Allocation may move everything: arguments go through handles. */
static GcWord new_pair(GcWord a, GcWord b) {
    size_t mark = gc_scope_open(T.heap);
    GcWord *ha = gc_handle(T.heap, a), *hb = gc_handle(T.heap, b);
    Pair *p = gc_alloc(T.heap, sizeof(Pair));
    p->header = T.pair_map;
    p->a = *ha;
    p->b = *hb;
    gc_scope_close(T.heap, mark);
    return W(p);
}

static GcWord new_pair_old(GcWord a, GcWord b) {
    size_t mark = gc_scope_open(T.heap);
    GcWord *ha = gc_handle(T.heap, a), *hb = gc_handle(T.heap, b);
    Pair *p = gc_alloc_old(T.heap, sizeof(Pair));
    p->header = T.pair_map;
    p->a = *ha;
    gc_write_barrier(T.heap, p, &p->a, p->a);
    p->b = *hb;
    gc_write_barrier(T.heap, p, &p->b, p->b);
    gc_scope_close(T.heap, mark);
    return W(p);
}

/* Items start as INT(0). */
static GcWord new_array(size_t len, bool old) {
    size_t bytes = sizeof(Array) + 8 * len;
    Array *a = old ? gc_alloc_old(T.heap, bytes) : gc_alloc(T.heap, bytes);
    a->header = T.array_map;
    a->length = len;
    for (size_t i = 0; i < len; i++) a->items[i] = INT(0);
    return W(a);
}

static GcWord new_bytes(size_t len) {
    Bytes *b = gc_alloc(T.heap, sizeof(Bytes) + ((len + 7) & ~(size_t)7));
    b->header = T.bytes_map;
    b->length = len;
    for (size_t i = 0; i < len; i++) b->data[i] = (uint8_t)(i * 7);
    return W(b);
}

static void store(GcWord host, GcWord *slot, GcWord v) {
    *slot = v;
    gc_write_barrier(T.heap, PTR(host), slot, v);
}

static Pair *P(GcWord w) { return PTR(w); }
static Array *A(GcWord w) { return PTR(w); }

typedef struct Census {
    size_t count[4][8]; /* [space][type] */
    size_t bytes[4];
} Census;

static void census_fn(void *ctx, void *obj) {
    Census *c = ctx;
    GcSpace s = gc_space_of(T.heap, obj);
    c->count[s][type_of(obj)]++;
    c->bytes[s] += toy_size(NULL, obj);
}

static Census census(void) {
    Census c;
    memset(&c, 0, sizeof c);
    gc_for_each_object(T.heap, census_fn, &c);
    return c;
}

static GcStats stats(void) {
    GcStats s;
    gc_stats(T.heap, &s);
    return s;
}

/* A list of n pairs (INT(i), next), head = the last one made. */
static GcWord make_list(int n, bool old) {
    T.roots[NROOTS - 1] = INT(0);
    for (int i = 0; i < n; i++)
        T.roots[NROOTS - 1] =
            old ? new_pair_old(INT(i), T.roots[NROOTS - 1]) : new_pair(INT(i), T.roots[NROOTS - 1]);
    GcWord head = T.roots[NROOTS - 1];
    T.roots[NROOTS - 1] = INT(0);
    return head;
}

static void check_list(GcWord head, int n) {
    int i = n - 1;
    for (GcWord w = head; w != INT(0); w = P(w)->b, i--) {
        cr_assert(eq(int, type_of(PTR(w)), TY_PAIR));
        cr_assert(eq(int, INT_VAL(P(w)->a), i));
    }
    cr_assert(eq(int, i, -1));
}

TestSuite(gc, .init = toy_init, .fini = toy_fini, .timeout = 60);

/* ---------------------------------------------------------------- scavenge */

Test(gc, scavenge_keeps_exactly_the_reachable) {
    T.roots[0] = make_list(100, false);
    for (int i = 0; i < 1000; i++) new_pair(INT(i), INT(i)); /* garbage */
    uintptr_t before = (uintptr_t)T.roots[0];
    Census c0 = census();
    cr_assert(eq(sz, c0.count[GC_NEW_SPACE][TY_PAIR], 1100));
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    Census c1 = census();
    cr_assert(eq(sz, c1.count[GC_NEW_SPACE][TY_PAIR], 100));
    cr_assert(eq(sz, c1.count[GC_OLD_SPACE][TY_PAIR], 0));
    cr_assert(ne(ptr, PTR(T.roots[0]), PTR(before)));
    cr_assert(eq(int, gc_space_of(T.heap, PTR(T.roots[0])), GC_NEW_SPACE));
    check_list(T.roots[0], 100);
    cr_assert(eq(sz, stats().space_used[GC_NEW_SPACE], 100 * sizeof(Pair)));
    cr_assert(gc_verify(T.heap));
}

Test(gc, scavenge_copies_shared_and_cyclic_structure_once) {
    T.roots[0] = new_pair(INT(1), INT(2));
    T.roots[1] = new_pair(T.roots[0], T.roots[0]);
    store(T.roots[0], &P(T.roots[0])->b, T.roots[1]); /* cycle */
    T.roots[2] = new_bytes(100);
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(eq(u64, P(T.roots[1])->a, T.roots[0]));
    cr_assert(eq(u64, P(T.roots[1])->b, T.roots[0]));
    cr_assert(eq(u64, P(T.roots[0])->b, T.roots[1]));
    Bytes *b = PTR(T.roots[2]);
    for (int i = 0; i < 100; i++) cr_assert(eq(u8, b->data[i], (uint8_t)(i * 7)));
    cr_assert(eq(sz, census().count[GC_NEW_SPACE][TY_PAIR], 2));
}

Test(gc, promotion_after_surviving_twice) {
    T.roots[0] = new_pair(INT(1), INT(0));
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(eq(int, gc_space_of(T.heap, PTR(T.roots[0])), GC_NEW_SPACE));
    T.roots[1] = new_pair(INT(2), INT(0)); /* allocated above the age mark */
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(eq(int, gc_space_of(T.heap, PTR(T.roots[0])), GC_OLD_SPACE));
    cr_assert(eq(int, gc_space_of(T.heap, PTR(T.roots[1])), GC_NEW_SPACE));
    cr_assert(eq(int, INT_VAL(P(T.roots[0])->a), 1));
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(eq(int, gc_space_of(T.heap, PTR(T.roots[1])), GC_OLD_SPACE));
    cr_assert(eq(int, INT_VAL(P(T.roots[1])->a), 2));
}

Test(gc, promotion_when_to_space_quarter_full) {
    GcStats s0 = stats();
    /* 600 KB of survivors in a 1 MB semispace: about 256 KB fit in to-space, the rest is
     * promoted at once even though it never survived before. */
    T.roots[0] = new_array(600, false);
    for (int i = 0; i < 600; i++) {
        GcWord b = new_bytes(1000);
        store(T.roots[0], &A(T.roots[0])->items[i], b);
    }
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    Census c = census();
    cr_assert(eq(sz, c.count[GC_NEW_SPACE][TY_BYTES] + c.count[GC_OLD_SPACE][TY_BYTES], 600));
    cr_assert(gt(sz, c.count[GC_OLD_SPACE][TY_BYTES], 300));
    cr_assert(le(sz, c.bytes[GC_NEW_SPACE], s0.new_capacity / 4 + 1016));
    for (int i = 0; i < 600; i++) {
        Bytes *b = PTR(A(T.roots[0])->items[i]);
        cr_assert(eq(u64, b->length, 1000));
        cr_assert(eq(u8, b->data[999], (uint8_t)(999 * 7)));
    }
}

Test(gc, new_space_grows_when_survivors_exceed_capacity) {
    size_t cap0 = stats().new_capacity;
    cr_assert(eq(sz, cap0, 1024 * 1024));
    /* 1.4 MB of live pairs: scavenges on the way see more than a semispace survive. */
    T.roots[0] = INT(0);
    for (int i = 0; i < 60000; i++) T.roots[0] = new_pair(INT(i), T.roots[0]);
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(eq(sz, stats().new_capacity, 2 * cap0));
    check_list(T.roots[0], 60000);
}

Test(gc, allocation_triggers_scavenges) {
    for (int i = 0; i < 200000; i++) {
        GcWord p = new_pair(INT(i), T.roots[i % 8]);
        if (i % 1000 == 0)
            T.roots[i % 8] = INT(0);
        else
            T.roots[i % 8] = p;
    }
    GcStats s = stats();
    cr_assert(gt(u32, s.scavenges, 2));
    cr_assert(gc_verify(T.heap));
}

/* ---------------------------------------------------------------- remembered set */

Test(gc, remembered_set_keeps_young_objects_alive) {
    T.roots[0] = new_array(4, true);
    cr_assert(eq(int, gc_space_of(T.heap, PTR(T.roots[0])), GC_OLD_SPACE));
    GcWord young = new_pair(INT(42), INT(0));
    store(T.roots[0], &A(T.roots[0])->items[1], young);
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    GcWord moved = A(T.roots[0])->items[1];
    cr_assert(ne(u64, moved, young));
    cr_assert(eq(int, gc_space_of(T.heap, PTR(moved)), GC_NEW_SPACE));
    cr_assert(eq(int, INT_VAL(P(moved)->a), 42));
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    GcWord promoted = A(T.roots[0])->items[1];
    cr_assert(eq(int, gc_space_of(T.heap, PTR(promoted)), GC_OLD_SPACE));
    cr_assert(eq(int, INT_VAL(P(promoted)->a), 42));
    cr_assert(gc_verify(T.heap));
}

Test(gc, remembered_set_for_map_space_and_large_objects) {
    GcWord young = new_pair(INT(7), INT(0));
    store(T.pair_map, &((ToyMap *)PTR(T.pair_map))->proto, young);
    T.roots[0] = new_array(100000, false); /* 800 KB: large-object space */
    cr_assert(eq(int, gc_space_of(T.heap, PTR(T.roots[0])), GC_LO_SPACE));
    for (int i = 0; i < 100000; i += 997) {
        GcWord p = new_pair(INT(i), INT(0));
        store(T.roots[0], &A(T.roots[0])->items[i], p);
    }
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(gc_verify(T.heap));
    cr_assert(eq(int, INT_VAL(P(((ToyMap *)PTR(T.pair_map))->proto)->a), 7));
    for (int i = 0; i < 100000; i += 997)
        cr_assert(eq(int, INT_VAL(P(A(T.roots[0])->items[i])->a), i));
    cr_assert(eq(sz, census().count[GC_NEW_SPACE][TY_PAIR], 0));
}

Test(gc, write_barrier_range_records_bulk_copies) {
    T.roots[0] = new_array(64, true);
    T.roots[1] = new_array(64, false);
    for (int i = 0; i < 64; i++) {
        GcWord p = new_pair(INT(i), INT(0));
        A(T.roots[1])->items[i] = p; /* initialising store into a new-space object */
    }
    memcpy(A(T.roots[0])->items, A(T.roots[1])->items, 64 * 8);
    gc_write_barrier_range(T.heap, PTR(T.roots[0]), A(T.roots[0])->items, 64);
    T.roots[1] = INT(0);
    cr_assert(gc_verify(T.heap));
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    for (int i = 0; i < 64; i++) cr_assert(eq(int, INT_VAL(P(A(T.roots[0])->items[i])->a), i));
}

Test(gc, verifier_catches_a_store_without_barrier) {
    T.roots[0] = new_array(4, true);
    GcWord young = new_pair(INT(1), INT(0));
    A(T.roots[0])->items[0] = young; /* no barrier: a bug */
    T.roots[1] = young;
    cr_assert(not(gc_verify(T.heap)));
    gc_write_barrier(T.heap, PTR(T.roots[0]), &A(T.roots[0])->items[0], young);
    cr_assert(gc_verify(T.heap));
}

Test(gc, verifier_catches_dangling_pointers) {
    GcWord young = new_pair(INT(1), INT(0));
    T.roots[0] = young;
    T.roots[1] = W((uintptr_t)young + 8); /* interior pointer */
    cr_assert(not(gc_verify(T.heap)));
    T.roots[1] = INT(0);
    cr_assert(gc_verify(T.heap));
}

/* ---------------------------------------------------------------- mark-sweep, compaction */

Test(gc, mark_sweep_frees_unreachable_old_objects_and_reuses_memory) {
    T.roots[0] = new_array(10000, true);
    for (int i = 0; i < 10000; i++) {
        GcWord p = new_pair_old(INT(i), INT(0));
        store(T.roots[0], &A(T.roots[0])->items[i], p);
    }
    GcStats s0 = stats();
    for (int i = 0; i < 10000; i += 2) A(T.roots[0])->items[i] = INT(0);
    gc_collect(T.heap, GC_FULL, NULL);
    GcStats s1 = stats();
    cr_assert(
        eq(sz, s0.space_used[GC_OLD_SPACE] - s1.space_used[GC_OLD_SPACE], 5000 * sizeof(Pair)));
    cr_assert(eq(sz, census().count[GC_OLD_SPACE][TY_PAIR], 5000));
    for (int i = 1; i < 10000; i += 2)
        cr_assert(eq(int, INT_VAL(P(A(T.roots[0])->items[i])->a), i));
    /* The freed gaps take new old-space objects without growing the space. */
    for (int i = 0; i < 10000; i += 2) {
        GcWord p = new_pair_old(INT(-i), INT(0));
        store(T.roots[0], &A(T.roots[0])->items[i], p);
    }
    GcStats s2 = stats();
    cr_assert(eq(sz, s2.space_committed[GC_OLD_SPACE], s1.space_committed[GC_OLD_SPACE]));
    cr_assert(eq(sz, s2.space_used[GC_OLD_SPACE], s0.space_used[GC_OLD_SPACE]));
    cr_assert(gc_verify(T.heap));
}

Test(gc, full_gc_frees_dead_new_space_objects_and_keeps_live_ones) {
    T.roots[0] = make_list(500, false);
    for (int i = 0; i < 5000; i++) new_pair(INT(i), INT(i));
    gc_collect(T.heap, GC_FULL, NULL);
    Census c = census();
    cr_assert(eq(sz, c.count[GC_NEW_SPACE][TY_PAIR] + c.count[GC_OLD_SPACE][TY_PAIR], 500));
    check_list(T.roots[0], 500);
    gc_collect(T.heap, GC_FULL, NULL);
    c = census();
    cr_assert(eq(sz, c.count[GC_OLD_SPACE][TY_PAIR], 500)); /* survived twice: promoted */
    check_list(T.roots[0], 500);
}

Test(gc, compaction_moves_objects_and_fixes_every_pointer) {
    /* Old cycle a -> b -> c -> a, referenced from a root, a handle, a persistent handle, a
     * new-space pair, a large object and a map. */
    GcWord a = new_pair_old(INT(1), INT(0));
    T.roots[0] = a;
    GcWord b = new_pair_old(INT(2), INT(0));
    T.roots[1] = b;
    GcWord c = new_pair_old(INT(3), T.roots[0]);
    T.roots[2] = c;
    store(T.roots[0], &P(T.roots[0])->b, T.roots[1]);
    store(T.roots[1], &P(T.roots[1])->b, T.roots[2]);
    for (int i = 0; i < 20000; i++) new_pair_old(INT(i), INT(i)); /* garbage around them */
    size_t mark = gc_scope_open(T.heap);
    GcWord *h = gc_handle(T.heap, T.roots[1]);
    GcWord *ph = gc_persistent_new(T.heap, T.roots[2]);
    T.roots[3] = new_pair(T.roots[0], T.roots[1]);
    T.roots[4] = new_array(70000, false);
    store(T.roots[4], &A(T.roots[4])->items[69999], T.roots[2]);
    store(T.bytes_map, &((ToyMap *)PTR(T.bytes_map))->proto, T.roots[0]);
    GcWord old_a = T.roots[0], old_b = T.roots[1], old_c = T.roots[2], young = T.roots[3];
    uintptr_t maps_before = T.pair_map;
    T.roots[1] = T.roots[2] = INT(0);

    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    cr_assert(ge(u32, stats().compactions, 1));
    a = T.roots[0];
    b = *h;
    c = *ph;
    cr_assert(ne(u64, a, old_a));
    cr_assert(ne(u64, b, old_b));
    cr_assert(ne(u64, c, old_c));
    cr_assert(eq(u64, P(a)->b, b));
    cr_assert(eq(u64, P(b)->b, c));
    cr_assert(eq(u64, P(c)->b, a));
    cr_assert(eq(int, INT_VAL(P(a)->a) + INT_VAL(P(b)->a) + INT_VAL(P(c)->a), 6));
    cr_assert(ne(u64, T.roots[3], young)); /* the new-space pair moved too */
    cr_assert(eq(u64, P(T.roots[3])->a, a));
    cr_assert(eq(u64, P(T.roots[3])->b, b));
    cr_assert(eq(u64, A(T.roots[4])->items[69999], c));
    cr_assert(eq(u64, ((ToyMap *)PTR(T.bytes_map))->proto, a));
    cr_assert(eq(u64, T.pair_map, maps_before)); /* map space never moves */
    cr_assert(
        eq(sz, census().count[GC_OLD_SPACE][TY_PAIR] + census().count[GC_NEW_SPACE][TY_PAIR], 4));
    gc_persistent_free(T.heap, ph);
    gc_scope_close(T.heap, mark);
    cr_assert(gc_verify(T.heap));
}

Test(gc, compaction_by_the_v8_rule_reclaims_fragmented_pages) {
    /* Fill several pages, then keep only one object in 50. The next full GC sweeps; the one
     * after sees from the free lists that over a third of old space is free, so it evacuates
     * mostly-empty pages and releases them (V8 3.x chose candidates before marking too). */
    int n = 200000;
    T.roots[0] = new_array((size_t)n, true);
    for (int i = 0; i < n; i++) {
        GcWord p = new_pair_old(INT(i), INT(0));
        store(T.roots[0], &A(T.roots[0])->items[i], p);
    }
    gc_collect(T.heap, GC_FULL, NULL);
    size_t pages_before = stats().space_committed[GC_OLD_SPACE];
    for (int i = 0; i < n; i++)
        if (i % 50) A(T.roots[0])->items[i] = INT(0);
    gc_collect(T.heap, GC_FULL, NULL);
    cr_assert(eq(sz, stats().space_committed[GC_OLD_SPACE], pages_before));
    cr_assert(eq(u32, stats().compactions, 0));
    gc_collect(T.heap, GC_FULL, NULL);
    GcStats s = stats();
    cr_assert(ge(u32, s.compactions, 1));
    cr_assert(lt(sz, s.space_committed[GC_OLD_SPACE], pages_before));
    for (int i = 0; i < n; i += 50) cr_assert(eq(int, INT_VAL(P(A(T.roots[0])->items[i])->a), i));
    cr_assert(gc_verify(T.heap));
}

Test(gc, deep_linked_list_of_a_million_nodes_marks_without_recursion) {
    T.roots[0] = make_list(1000000, false);
    gc_collect(T.heap, GC_FULL, NULL);
    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    Census c = census();
    cr_assert(eq(sz, c.count[GC_OLD_SPACE][TY_PAIR] + c.count[GC_NEW_SPACE][TY_PAIR], 1000000));
    check_list(T.roots[0], 1000000);
}

Test(gc, dead_maps_are_swept_and_live_maps_never_move) {
    GcStats s0 = stats();
    for (int i = 0; i < 1000; i++) new_map(TY_PAIR); /* garbage maps */
    T.roots[0] = new_map(TY_PAIR);
    GcWord kept = T.roots[0];
    T.roots[1] = new_pair(INT(1), INT(2));
    P(T.roots[1])->header = kept; /* an object whose map is only reachable through it */
    T.roots[0] = INT(0);
    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    GcStats s1 = stats();
    cr_assert(eq(sz, s1.space_used[GC_MAP_SPACE], s0.space_used[GC_MAP_SPACE] + sizeof(ToyMap)));
    cr_assert(eq(u64, P(T.roots[1])->header, kept));
    cr_assert(eq(int, type_of(PTR(T.roots[1])), TY_PAIR));
    cr_assert(eq(sz, census().count[GC_MAP_SPACE][TY_META], 6));
}

/* ---------------------------------------------------------------- large objects */

Test(gc, large_objects_live_in_their_own_space_and_are_freed) {
    T.roots[0] = new_array(100000, false);
    GcWord before = T.roots[0];
    cr_assert(eq(int, gc_space_of(T.heap, PTR(T.roots[0])), GC_LO_SPACE));
    A(T.roots[0])->items[5] = INT(55);
    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    cr_assert(eq(u64, T.roots[0], before)); /* never moved */
    cr_assert(eq(int, INT_VAL(A(T.roots[0])->items[5]), 55));
    cr_assert(ge(sz, stats().space_committed[GC_LO_SPACE], 800000));
    T.roots[0] = INT(0);
    gc_collect(T.heap, GC_FULL, NULL);
    cr_assert(eq(sz, stats().space_committed[GC_LO_SPACE], 0));
    cr_assert(eq(sz, stats().space_used[GC_LO_SPACE], 0));
}

static long rss_kb(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

Test(gc, untouched_huge_array_counts_in_heap_used_but_not_in_rss) {
    long rss0 = rss_kb();
    size_t len = 20 * 1024 * 1024;
    size_t bytes = sizeof(Array) + 8 * len;
    Array *a = gc_alloc(T.heap, bytes);
    a->header = T.array_map;
    a->length = len; /* items stay zero (holes): nothing else touched */
    T.roots[0] = W(a);
    GcStats s = stats();
    cr_assert(ge(sz, s.heap_used, bytes));
    cr_assert(ge(sz, s.heap_total, bytes));
    cr_assert(lt(long, rss_kb() - rss0, 20 * 1024));
}

/* ---------------------------------------------------------------- handles */

Test(gc, handle_scopes_root_and_update_values) {
    size_t outer = gc_scope_open(T.heap);
    GcWord *h1 = gc_handle(T.heap, new_pair(INT(1), INT(0)));
    size_t inner = gc_scope_open(T.heap);
    GcWord *h2 = gc_handle(T.heap, new_pair(INT(2), *h1));
    GcWord old1 = *h1;
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(ne(u64, *h1, old1));
    cr_assert(eq(u64, P(*h2)->b, *h1));
    cr_assert(eq(int, INT_VAL(P(*h1)->a), 1));
    gc_scope_close(T.heap, inner);
    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    cr_assert(eq(int, INT_VAL(P(*h1)->a), 1));
    cr_assert(
        eq(sz, census().count[GC_OLD_SPACE][TY_PAIR] + census().count[GC_NEW_SPACE][TY_PAIR], 1));
    gc_scope_close(T.heap, outer);
    gc_collect(T.heap, GC_FULL, NULL);
    cr_assert(
        eq(sz, census().count[GC_OLD_SPACE][TY_PAIR] + census().count[GC_NEW_SPACE][TY_PAIR], 0));
}

Test(gc, persistent_handles_outlive_scopes) {
    GcWord *ps[100];
    for (int i = 0; i < 100; i++) {
        size_t m = gc_scope_open(T.heap);
        ps[i] = gc_persistent_new(T.heap, new_pair(INT(i), INT(0)));
        gc_scope_close(T.heap, m);
    }
    for (int k = 0; k < 3; k++) gc_collect(T.heap, k == 1 ? GC_FULL_COMPACT : GC_SCAVENGE, NULL);
    for (int i = 0; i < 100; i++) cr_assert(eq(int, INT_VAL(P(*ps[i])->a), i));
    for (int i = 0; i < 100; i += 2) gc_persistent_free(T.heap, ps[i]);
    gc_collect(T.heap, GC_FULL, NULL);
    cr_assert(
        eq(sz, census().count[GC_OLD_SPACE][TY_PAIR] + census().count[GC_NEW_SPACE][TY_PAIR], 50));
    GcWord *again = gc_persistent_new(T.heap, INT(5)); /* reuses a freed slot */
    cr_assert(eq(u64, *again, INT(5)));
}

Test(gc, handle_overflow_is_a_fatal_error, .signal = SIGABRT) {
    for (;;) gc_handle(T.heap, INT(1)); /* a loop without its own scope */
}

Test(gc, no_gc_scope_aborts_on_allocation, .signal = SIGABRT) {
    gc_no_gc_enter(T.heap);
    new_pair(INT(1), INT(2));
}

/* ---------------------------------------------------------------- finalizers */

Test(gc, finalizers_run_for_dead_objects_only) {
    GcWord dead1 = new_pair(INT(1), INT(0));
    gc_register_finalizer(T.heap, PTR(dead1));
    GcWord dead2 = new_pair(INT(2), INT(0));
    gc_register_finalizer(T.heap, PTR(dead2));
    T.roots[0] = new_pair(INT(3), INT(0));
    gc_register_finalizer(T.heap, PTR(T.roots[0]));
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(eq(int, T.finalized, 2));
    cr_assert(eq(u64, T.finalized_at[0] + T.finalized_at[1], dead1 + dead2));
    gc_collect(T.heap, GC_SCAVENGE, NULL); /* promotes the live one */
    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    cr_assert(eq(int, T.finalized, 2));
    GcWord live = T.roots[0];
    T.roots[0] = INT(0);
    gc_collect(T.heap, GC_SCAVENGE, NULL); /* old: a scavenge does not finalize it */
    cr_assert(eq(int, T.finalized, 2));
    gc_collect(T.heap, GC_FULL, NULL);
    cr_assert(eq(int, T.finalized, 3));
    cr_assert(eq(u64, T.finalized_at[2], live));
    gc_collect(T.heap, GC_FULL, NULL);
    cr_assert(eq(int, T.finalized, 3)); /* once */
}

Test(gc, finalizers_for_new_space_objects_in_a_full_gc) {
    for (int i = 0; i < 10; i++) {
        GcWord p = new_pair(INT(i), INT(0));
        gc_register_finalizer(T.heap, PTR(p));
        if (i % 2) T.roots[i] = p;
    }
    gc_collect(T.heap, GC_FULL, NULL);
    cr_assert(eq(int, T.finalized, 5));
    for (int i = 1; i < 10; i += 2) T.roots[i] = INT(0);
    gc_collect(T.heap, GC_FULL, NULL);
    cr_assert(eq(int, T.finalized, 10));
}

/* ---------------------------------------------------------------- weak slots */

Test(gc, weak_slots_are_cleared_when_their_target_dies) {
    for (int i = 0; i < 8; i++) {
        GcWord p = new_pair(INT(i), INT(0));
        T.weak[i] = p;
        if (i % 2 == 0) T.roots[i] = p;
    }
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    for (int i = 0; i < 8; i++) {
        if (i % 2)
            cr_assert(eq(u64, T.weak[i], INT(-1)));
        else
            cr_assert(eq(u64, T.weak[i], T.roots[i])); /* moved, followed */
    }
    gc_collect(T.heap, GC_SCAVENGE, NULL); /* now old */
    T.roots[0] = INT(0);
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(ne(u64, T.weak[0], INT(-1))); /* a scavenge cannot see old objects die */
    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    cr_assert(eq(u64, T.weak[0], INT(-1)));
    for (int i = 2; i < 8; i += 2) {
        cr_assert(eq(u64, T.weak[i], T.roots[i]));
        cr_assert(eq(int, INT_VAL(P(T.weak[i])->a), i));
    }
}

Test(gc, weak_slots_inside_an_old_heap_object) {
    size_t n = 16;
    Array *w = gc_alloc_old(T.heap, sizeof(Array) + 8 * n);
    w->header = T.weak_map;
    w->length = n;
    T.roots[60] = W(w);
    for (size_t i = 0; i < n; i++) {
        GcWord p = new_pair(INT((int)i), INT(0));
        A(T.roots[60])->items[i] = p; /* weak slots take no write barrier */
        if (i % 4 == 0) T.roots[i] = p;
    }
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    for (size_t i = 0; i < n; i++) {
        GcWord x = A(T.roots[60])->items[i];
        if (i % 4)
            cr_assert(eq(u64, x, INT(-2)));
        else
            cr_assert(eq(u64, x, T.roots[i]));
    }
    T.roots[4] = INT(0);
    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    cr_assert(eq(u64, A(T.roots[60])->items[4], INT(-2)));
    cr_assert(eq(u64, A(T.roots[60])->items[8], T.roots[8]));
    cr_assert(gc_verify(T.heap));
}

/* ---------------------------------------------------------------- ephemerons */

/* An ephemeron table of n pairs, all INT(0); registered before anything else allocates. */
static GcWord new_eph(size_t pairs, bool old) {
    if (!T.eph_map) T.eph_map = new_map(TY_EPH); /* made on first use: other tests count maps */
    size_t bytes = sizeof(Array) + 16 * pairs;
    Array *a = old ? gc_alloc_old(T.heap, bytes) : gc_alloc(T.heap, bytes);
    a->header = T.eph_map;
    a->length = 2 * pairs;
    for (size_t i = 0; i < 2 * pairs; i++) a->items[i] = INT(0);
    gc_register_ephemeron_table(T.heap, a);
    return W(a);
}

/* Pair i of the table in roots[r] := (key, value); no remembered-set barrier. */
static void eph_put(int r, size_t i, GcWord key, GcWord value) {
    GcWord *items = A(T.roots[r])->items;
    items[2 * i] = key;
    gc_write_barrier_ephemeron(T.heap, key);
    items[2 * i + 1] = value;
    gc_write_barrier_ephemeron(T.heap, value);
}

static GcWord eph_key(int r, size_t i) { return A(T.roots[r])->items[2 * i]; }
static GcWord eph_val(int r, size_t i) { return A(T.roots[r])->items[2 * i + 1]; }

static void ephemeron_liveness(GcKind kind, bool old) {
    T.roots[10] = new_eph(4, old);
    T.roots[11] = old ? new_pair_old(INT(1), INT(0)) : new_pair(INT(1), INT(0)); /* live key */
    GcWord dead_key = old ? new_pair_old(INT(2), INT(0)) : new_pair(INT(2), INT(0));
    T.roots[12] = dead_key;
    GcWord v0 = old ? new_pair_old(INT(100), INT(0)) : new_pair(INT(100), INT(0));
    T.roots[13] = v0;
    GcWord v1 = old ? new_pair_old(INT(101), INT(0)) : new_pair(INT(101), INT(0));
    eph_put(10, 0, T.roots[11], T.roots[13]);
    eph_put(10, 1, T.roots[12], v1);
    eph_put(10, 2, INT(7), INT(8)); /* non-pointer key: kept as it is */
    T.roots[12] = T.roots[13] = INT(0);
    size_t before = census().count[GC_NEW_SPACE][TY_PAIR] + census().count[GC_OLD_SPACE][TY_PAIR];
    gc_collect(T.heap, kind, NULL);
    cr_assert(eq(u64, eph_key(10, 0), T.roots[11]));
    cr_assert(eq(int, type_of(PTR(eph_val(10, 0))), TY_PAIR));
    cr_assert(eq(int, INT_VAL(P(eph_val(10, 0))->a), 100));
    if (kind == GC_SCAVENGE && old) { /* a scavenge sees every old key as live */
        cr_assert(eq(u64, eph_key(10, 1), dead_key));
        cr_assert(eq(int, INT_VAL(P(eph_val(10, 1))->a), 101));
    } else {
        cr_assert(eq(u64, eph_key(10, 1), INT(-3)));
        cr_assert(eq(u64, eph_val(10, 1), INT(-3)));
    }
    cr_assert(eq(u64, eph_key(10, 2), INT(7)));
    cr_assert(eq(u64, eph_val(10, 2), INT(8)));
    cr_assert(eq(u64, eph_key(10, 3), INT(0)));
    cr_assert(gc_verify(T.heap));
    if (kind != GC_SCAVENGE || !old) { /* a scavenge does not free old objects */
        size_t after =
            census().count[GC_NEW_SPACE][TY_PAIR] + census().count[GC_OLD_SPACE][TY_PAIR];
        cr_assert(eq(sz, after, before - 2)); /* the dead key and its value are gone */
    }
    /* The key dies: its value goes with it. */
    T.roots[11] = INT(0);
    gc_collect(T.heap, kind == GC_SCAVENGE && old ? GC_FULL : kind, NULL);
    cr_assert(eq(u64, eph_key(10, 0), INT(-3)));
    cr_assert(eq(u64, eph_val(10, 0), INT(-3)));
    cr_assert(gc_verify(T.heap));
}

Test(gc, ephemeron_value_lives_only_with_its_key_in_a_scavenge) {
    ephemeron_liveness(GC_SCAVENGE, false);
}

Test(gc, ephemeron_value_lives_only_with_its_key_in_a_full_gc) {
    ephemeron_liveness(GC_FULL, false);
}

Test(gc, ephemeron_value_lives_only_with_its_key_old_objects) {
    ephemeron_liveness(GC_FULL_COMPACT, true);
}

Test(gc, ephemeron_old_keys_count_as_live_in_a_scavenge) {
    ephemeron_liveness(GC_SCAVENGE, true);
}

/* Pairs (k0 -> a), (a -> b), (b -> c), stored backwards so that each round finds one more. */
static void ephemeron_chain(GcKind kind) {
    T.roots[10] = new_eph(3, false);
    T.roots[11] = new_pair(INT(0), INT(0)); /* k0 */
    T.roots[12] = new_pair(INT(1), INT(0)); /* a */
    T.roots[13] = new_pair(INT(2), INT(0)); /* b */
    T.roots[14] = new_pair(INT(3), INT(0)); /* c */
    eph_put(10, 0, T.roots[13], T.roots[14]);
    eph_put(10, 1, T.roots[12], T.roots[13]);
    eph_put(10, 2, T.roots[11], T.roots[12]);
    T.roots[12] = T.roots[13] = T.roots[14] = INT(0);
    gc_collect(T.heap, kind, NULL);
    cr_assert(eq(u64, eph_key(10, 2), T.roots[11]));
    cr_assert(eq(u64, eph_key(10, 1), eph_val(10, 2)));
    cr_assert(eq(u64, eph_key(10, 0), eph_val(10, 1)));
    cr_assert(eq(int, INT_VAL(P(eph_val(10, 0))->a), 3));
    cr_assert(gc_verify(T.heap));
    T.roots[11] = INT(0);
    gc_collect(T.heap, GC_FULL, NULL);
    for (size_t i = 0; i < 3; i++) {
        cr_assert(eq(u64, eph_key(10, i), INT(-3)));
        cr_assert(eq(u64, eph_val(10, i), INT(-3)));
    }
    cr_assert(gc_verify(T.heap));
}

Test(gc, ephemeron_chains_resolve_in_a_scavenge) { ephemeron_chain(GC_SCAVENGE); }
Test(gc, ephemeron_chains_resolve_in_a_full_gc) { ephemeron_chain(GC_FULL_COMPACT); }

Test(gc, ephemeron_value_referring_to_its_key_does_not_keep_it) {
    T.roots[10] = new_eph(1, false);
    T.roots[11] = new_pair(INT(5), INT(0));
    T.roots[12] = new_pair(INT(6), T.roots[11]); /* value -> key */
    eph_put(10, 0, T.roots[11], T.roots[12]);
    T.roots[11] = T.roots[12] = INT(0);
    gc_collect(T.heap, GC_SCAVENGE, NULL);
    cr_assert(eq(u64, eph_key(10, 0), INT(-3)));
    gc_collect(T.heap, GC_FULL, NULL);
    cr_assert(eq(sz, census().count[GC_NEW_SPACE][TY_PAIR] + census().count[GC_OLD_SPACE][TY_PAIR],
                 0));
}

Test(gc, ephemeron_young_keys_in_an_old_table_need_no_remembered_set) {
    T.roots[10] = new_eph(2, true);
    T.roots[11] = new_pair(INT(1), INT(0));
    GcWord v = new_pair(INT(2), INT(0));
    eph_put(10, 0, T.roots[11], v);
    cr_assert(gc_verify(T.heap)); /* old -> new pair slots are not reported as missing */
    for (int i = 0; i < 3; i++) { /* copied, then promoted: the table follows */
        gc_collect(T.heap, GC_SCAVENGE, NULL);
        cr_assert(eq(u64, eph_key(10, 0), T.roots[11]));
        cr_assert(eq(int, INT_VAL(P(eph_val(10, 0))->a), 2));
        cr_assert(gc_verify(T.heap));
    }
    cr_assert(eq(int, gc_space_of(T.heap, PTR(eph_val(10, 0))), GC_OLD_SPACE));
}

Test(gc, ephemeron_keys_moved_by_compaction_are_followed) {
    T.roots[10] = new_eph(8, true);
    for (int i = 0; i < 20000; i++) new_pair_old(INT(i), INT(i)); /* garbage around */
    for (int i = 0; i < 8; i++) {
        T.roots[20 + i] = new_pair_old(INT(i), INT(0));
        GcWord v = new_pair_old(INT(1000 + i), INT(0));
        eph_put(10, (size_t)i, T.roots[20 + i], v);
        for (int j = 0; j < 2000; j++) new_pair_old(INT(j), INT(j));
    }
    GcWord old_table = T.roots[10], old_key = T.roots[20];
    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    cr_assert(ge(u32, stats().compactions, 1));
    cr_assert(ne(u64, T.roots[20], old_key));
    cr_assert(ne(u64, T.roots[10], old_table));
    for (int i = 0; i < 8; i++) {
        cr_assert(eq(u64, eph_key(10, (size_t)i), T.roots[20 + i]));
        cr_assert(eq(int, INT_VAL(P(eph_val(10, (size_t)i))->a), 1000 + i));
    }
    cr_assert(gc_verify(T.heap));
}

Test(gc, dead_ephemeron_tables_leave_the_registry) {
    for (int round = 0; round < 50; round++) {
        T.roots[10] = new_eph(2, round % 2);
        T.roots[11] = new_pair(INT(round), INT(0));
        eph_put(10, 0, T.roots[11], T.roots[11]);
        gc_collect(T.heap, round % 3 ? GC_SCAVENGE : GC_FULL_COMPACT, NULL);
        cr_assert(eq(u64, eph_key(10, 0), T.roots[11]));
        cr_assert(eq(u64, eph_val(10, 0), T.roots[11]));
    }
    T.roots[10] = T.roots[11] = INT(0);
    gc_collect(T.heap, GC_FULL_COMPACT, NULL);
    cr_assert(eq(sz, census().count[GC_NEW_SPACE][TY_EPH] + census().count[GC_OLD_SPACE][TY_EPH],
                 0));
    gc_collect(T.heap, GC_SCAVENGE, NULL); /* would touch freed tables if any were kept */
    cr_assert(gc_verify(T.heap));
}

/* ---------------------------------------------------------------- accounting */

Test(gc, accounting_is_consistent) {
    GcStats s0 = stats();
    cr_assert(eq(sz, s0.heap_limit, (size_t)1464 * 1024 * 1024));
    cr_assert(eq(sz, s0.space_committed[GC_NEW_SPACE], 2 * 1024 * 1024));
    cr_assert(eq(sz, s0.space_committed[GC_MAP_SPACE], 1024 * 1024));
    cr_assert(eq(sz, s0.heap_used, 5 * sizeof(ToyMap)));
    cr_assert(eq(sz, s0.heap_total, 3 * 1024 * 1024));
    T.roots[0] = make_list(1000, false);
    GcStats s1 = stats();
    cr_assert(eq(sz, s1.space_used[GC_NEW_SPACE], 1000 * sizeof(Pair)));
    cr_assert(eq(sz, s1.heap_used, s0.heap_used + 1000 * sizeof(Pair)));
    T.roots[1] = new_array(10, true);
    GcStats s2 = stats();
    cr_assert(eq(sz, s2.space_used[GC_OLD_SPACE], sizeof(Array) + 80));
    cr_assert(eq(sz, s2.space_committed[GC_OLD_SPACE], 1024 * 1024));
    /* used + available = the page's object area (1 MB less the header and bitmaps) */
    cr_assert(lt(sz, s2.space_used[GC_OLD_SPACE] + s2.space_available[GC_OLD_SPACE], 1024 * 1024));
    cr_assert(gt(sz, s2.space_used[GC_OLD_SPACE] + s2.space_available[GC_OLD_SPACE], 990 * 1024));
    T.roots[0] = T.roots[1] = INT(0);
    gc_collect(T.heap, GC_FULL, NULL);
    GcStats s3 = stats();
    cr_assert(eq(sz, s3.heap_used, s0.heap_used));
    cr_assert(eq(u32, s3.full_gcs, 1));
    gc_adjust_external(T.heap, 1000);
    gc_adjust_external(T.heap, -400);
    cr_assert(eq(sz, stats().external, 600));
    cr_assert(ge(dbl, stats().total_pause_ms, 0.0));
}

/* ---------------------------------------------------------------- stress */

/* Nodes are arrays [id, child0, child1]; a shadow graph in C checks the heap's contents. */
#define MAX_NODES 200000
typedef struct Shadow {
    int child[MAX_NODES][2];
    int next_id;
    int root_id[NROOTS];
} Shadow;

static uint64_t rng_state = 88172645463325252ull;
static uint64_t rnd(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int node_id(GcWord w) { return w == INT(0) ? -1 : INT_VAL(A(w)->items[0]); }

static void check_node(Shadow *sh, GcWord w, int id, int depth) {
    if (id < 0) {
        cr_assert(eq(u64, w, INT(0)));
        return;
    }
    cr_assert(eq(int, node_id(w), id));
    if (depth == 0) return;
    for (int k = 0; k < 2; k++) check_node(sh, A(w)->items[1 + k], sh->child[id][k], depth - 1);
}

static void random_mutator(int steps, int roots) {
    Shadow *sh = calloc(1, sizeof *sh);
    for (int r = 0; r < roots; r++) sh->root_id[r] = -1, T.roots[r] = INT(0);
    for (int step = 0; step < steps; step++) {
        int r = (int)(rnd() % (uint64_t)roots), s = (int)(rnd() % (uint64_t)roots);
        switch (rnd() % 10) {
        case 0:
        case 1:
        case 2:
        case 3: { /* new node, children from roots */
            if (sh->next_id >= MAX_NODES) break;
            bool old = rnd() % 5 == 0;
            size_t extra = rnd() % 4 == 0 ? rnd() % 40 : 0;
            GcWord n = new_array(3 + extra, old);
            int id = sh->next_id++;
            A(n)->items[0] = INT(id);
            int c0 = sh->root_id[r], c1 = sh->root_id[s];
            store(n, &A(n)->items[1], T.roots[r]);
            store(n, &A(n)->items[2], T.roots[s]);
            sh->child[id][0] = c0;
            sh->child[id][1] = c1;
            int d = (int)(rnd() % (uint64_t)roots);
            T.roots[d] = n;
            sh->root_id[d] = id;
            break;
        }
        case 4:
        case 5: { /* link */
            if (sh->root_id[r] < 0) break;
            int k = (int)(rnd() % 2);
            store(T.roots[r], &A(T.roots[r])->items[1 + k], T.roots[s]);
            sh->child[sh->root_id[r]][k] = sh->root_id[s];
            break;
        }
        case 6: /* drop, but keep a weak reference */
            T.weak[r % 8] = T.roots[r];
            T.roots[r] = INT(0);
            sh->root_id[r] = -1;
            break;
        case 7: /* walk down */
            if (sh->root_id[r] >= 0) {
                int k = (int)(rnd() % 2);
                T.roots[s] = A(T.roots[r])->items[1 + k];
                sh->root_id[s] = sh->child[sh->root_id[r]][k];
            }
            break;
        case 8: new_bytes(rnd() % 300); break; /* garbage */
        default:
            if (rnd() % 200 == 0) {
                GcWord big = new_array(70000, false); /* large object, mostly dropped */
                if (rnd() % 2) {
                    store(big, &A(big)->items[0], T.roots[r]);
                    T.roots[s] = INT(0);
                    sh->root_id[s] = -1;
                }
            }
            break;
        }
        if (step % 97 == 0) {
            for (int q = 0; q < roots; q++) check_node(sh, T.roots[q], sh->root_id[q], 6);
            for (int q = 0; q < 8; q++) {
                GcWord w = T.weak[q];
                if (w == INT(0) || w == INT(-1)) continue;
                cr_assert(eq(int, type_of(PTR(w)), TY_ARRAY));
                cr_assert(lt(int, node_id(w), sh->next_id));
            }
        }
    }
    for (int q = 0; q < roots; q++) check_node(sh, T.roots[q], sh->root_id[q], 12);
    free(sh);
}

Test(gc, stress_gc_at_every_allocation_with_verification) {
    toy_fini();
    toy_init_config((GcConfig){.verify_heap = true, .gc_interval = 1});
    random_mutator(6000, 16);
    GcStats s = stats();
    cr_assert(gt(u32, s.scavenges, 1000));
    cr_assert(gt(u32, s.full_gcs, 1000));
    cr_assert(gt(u32, s.compactions, 500));
}

Test(gc, stress_gc_every_seventh_allocation) {
    toy_fini();
    toy_init_config(
        (GcConfig){.verify_heap = true, .gc_interval = 7, .initial_semi_bytes = 64 * 1024});
    random_mutator(20000, 32);
    cr_assert(gc_verify(T.heap));
}

Test(gc, random_mutator_with_natural_gcs_and_small_semispaces) {
    toy_fini();
    toy_init_config((GcConfig){
        .verify_heap = true, .initial_semi_bytes = 64 * 1024, .max_semi_bytes = 256 * 1024});
    random_mutator(150000, 48);
    GcStats s = stats();
    cr_assert(gt(u32, s.scavenges, 5));
}

/* ---------------------------------------------------------------- limits, OOM, tracing */

/* Runs fn in a child with stdout/stderr captured; returns the wait status. */
static int run_child(void (*fn)(void), char *out, size_t outsz, int which_fd) {
    int fds[2];
    cr_assert(eq(int, pipe(fds), 0));
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], which_fd);
        fn();
        fflush(NULL);
        _exit(0);
    }
    close(fds[1]);
    size_t n = 0;
    ssize_t k;
    while ((k = read(fds[0], out + n, outsz - 1 - n)) > 0) n += (size_t)k;
    out[n] = 0;
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    return status;
}

static int signal_of(int status) { return WIFSIGNALED(status) ? WTERMSIG(status) : 0; }

static void fill_old_space_forever(void) {
    toy_fini();
    toy_init_config((GcConfig){.max_old_bytes = 8 * 1024 * 1024});
    T.roots[0] = INT(0);
    for (;;) {
        GcWord a = new_array(8000, true); /* 64 KB */
        store(a, &A(a)->items[0], T.roots[0]);
        T.roots[0] = a;
    }
}

Test(gc, heap_limit_aborts, .signal = SIGABRT) { fill_old_space_forever(); }

/* Young objects that all stay alive: promotion fills old space until the limit. */
static void grow_young_list_forever(void) {
    toy_fini();
    toy_init_config((GcConfig){.max_old_bytes = 8 * 1024 * 1024});
    T.roots[0] = INT(0);
    for (int i = 0;; i++) T.roots[0] = new_pair(INT(i), T.roots[0]);
}

Test(gc, heap_limit_reached_through_promotion) {
    static char out[65536];
    int status = run_child(grow_young_list_forever, out, sizeof out, 2);
    cr_assert(eq(int, signal_of(status), SIGABRT), "%s", out);
    cr_assert(not(eq(ptr,
                     strstr(out, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript "
                                 "heap out of memory\n"),
                     NULL)),
              "%s", out);
}

Test(gc, heap_limit_prints_v8_style_report) {
    static char out[65536];
    int status = run_child(fill_old_space_forever, out, sizeof out, 2);
    cr_assert(eq(int, signal_of(status), SIGABRT));
    cr_assert(not(eq(ptr, strstr(out, "\n<--- Last few GCs --->\n\n["), NULL)), "%s", out);
    cr_assert(not(eq(ptr, strstr(out, "Mark-Compact"), NULL)), "%s", out);
    cr_assert(not(eq(ptr, strstr(out, "last resort GC in old space requested\n"), NULL)), "%s",
              out);
    cr_assert(not(eq(ptr, strstr(out, "\n<--- JS stacktrace --->\n\n    at toyMutator"), NULL)),
              "%s", out);
    cr_assert(not(eq(ptr,
                     strstr(out, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript "
                                 "heap out of memory\n"),
                     NULL)),
              "%s", out);
}

Test(gc, an_impossible_size_is_the_oom_report_not_a_crash, .signal = SIGABRT) {
    gc_alloc(T.heap, (size_t)1 << 62);
}

/* outofmemory.js: 160 MB arrays into a 1400 MB old generation; the 9th does not fit. */
static void allocate_huge_arrays(void) {
    toy_fini();
    toy_init_config((GcConfig){0});
    T.roots[0] = new_array(16, true);
    for (int i = 0; i < 15; i++) {
        size_t len = 20 * 1024 * 1024;
        Array *a = gc_alloc(T.heap, sizeof(Array) + 8 * len);
        a->header = T.array_map;
        a->length = len;
        store(T.roots[0], &A(T.roots[0])->items[i], W(a));
        fprintf(stderr, "array %d\n", i + 1);
    }
}

Test(gc, huge_arrays_hit_the_limit_after_eight) {
    static char out[65536];
    int status = run_child(allocate_huge_arrays, out, sizeof out, 2);
    cr_assert(eq(int, signal_of(status), SIGABRT), "%s", out);
    cr_assert(not(eq(ptr, strstr(out, "array 8\n"), NULL)), "%s", out);
    cr_assert(eq(ptr, strstr(out, "array 9\n"), NULL), "%s", out);
    cr_assert(not(eq(ptr, strstr(out, "FATAL ERROR: Reached heap limit"), NULL)), "%s", out);
}

#ifndef __SANITIZE_ADDRESS__
/* The OS refusing memory (here: an address-space limit) is a fatal OOM too, never a crash. */
static void run_out_of_address_space(void) {
    struct rlimit rl = {(rlim_t)3 << 30, (rlim_t)3 << 30};
    setrlimit(RLIMIT_AS, &rl);
    toy_fini();
    toy_init_config((GcConfig){.max_old_bytes = (size_t)64 << 30});
    T.roots[0] = new_array(64, true);
    for (int i = 0; i < 64; i++) {
        size_t len = 20 * 1024 * 1024;
        Array *a = gc_alloc(T.heap, sizeof(Array) + 8 * len);
        a->header = T.array_map;
        a->length = len;
        store(T.roots[0], &A(T.roots[0])->items[i], W(a));
    }
}

Test(gc, mmap_failure_ends_in_the_oom_report) {
    static char out[65536];
    int status = run_child(run_out_of_address_space, out, sizeof out, 2);
    cr_assert(eq(int, signal_of(status), SIGABRT), "%s", out);
    cr_assert(not(eq(ptr, strstr(out, "<--- Last few GCs --->"), NULL)), "%s", out);
    cr_assert(not(eq(ptr, strstr(out, "process out of memory\n"), NULL)), "%s", out);
}
#endif

static void traced_gcs(void) {
    toy_fini();
    toy_init_config((GcConfig){.trace_gc = true});
    T.roots[0] = make_list(1000, false);
    gc_collect(T.heap, GC_SCAVENGE, "allocation failure");
    gc_collect(T.heap, GC_FULL, NULL);
    gc_collect(T.heap, GC_FULL, NULL);
}

Test(gc, trace_gc_prints_node_style_lines) {
    static char out[8192];
    int status = run_child(traced_gcs, out, sizeof out, 1);
    cr_assert(eq(int, signal_of(status), 0));
    cr_assert(eq(int, WEXITSTATUS(status), 0));
    regex_t re;
    const char *pat = "^\\[[0-9]+:0x[0-9a-f]+\\] +[0-9]+ ms: Scavenge [0-9]+\\.[0-9] "
                      "\\([0-9]+\\.[0-9]\\) -> [0-9]+\\.[0-9] "
                      "\\([0-9]+\\.[0-9]\\) MB, [0-9]+\\.[0-9]{2} / 0\\.00 ms  \\(average mu = "
                      "1\\.000, current mu = "
                      "1\\.000\\) allocation failure; \n"
                      "\\[[0-9]+:0x[0-9a-f]+\\] +[0-9]+ ms: Mark-Compact [^\n]* MB, [0-9.]+ / "
                      "0\\.00 ms  \\(average mu = "
                      "1\\.000, current mu = 1\\.000\\) testing; GC in old space requested\n"
                      "\\[[0-9]+:0x[0-9a-f]+\\] +[0-9]+ ms: Mark-Compact [^\n]*\\(average mu = "
                      "[01]\\.[0-9]{3}, current mu "
                      "= [01]\\.[0-9]{3}\\) testing; GC in old space requested\n$";
    cr_assert(eq(int, regcomp(&re, pat, REG_EXTENDED), 0));
    cr_assert(eq(int, regexec(&re, out, 0, NULL, 0), 0), "%s", out);
    regfree(&re);
}
