/* ephemeron.c: ephemeron tables (WeakMap entries, weak references) for both collectors.
 * A pair's value is traced only once its key is known live, so after the strong trace the
 * registered tables are iterated to a fixpoint (a value may be another pair's key), then pairs
 * with dead keys are cleared. Invariant: pair slots are never in a remembered set; every GC
 * visits every registered table instead.
 */
#include "gc_int.h"

typedef struct EphVisitor {
    GcVisitor v; /* first: the pair handler gets an EphVisitor */
    GcVisitor *strong;
    bool progress;
} EphVisitor;

void gc_register_ephemeron_table(Heap *heap, void *table) {
    gc_worklist_push(heap, &heap->ephemeron_tables, (uintptr_t)table);
}

void gc_visit_ephemeron(GcVisitor *v, GcWord *key, GcWord *value, GcWord dead_value) {
    if (v->ephemeron) v->ephemeron(v, key, value, dead_value);
}

static void visit_table(Heap *heap, uintptr_t table, GcVisitor *v) {
    heap->hooks.visit_object(heap->hooks.ctx, (void *)table, v);
}

static inline bool is_forwarded(GcWord obj) {
    return (*(GcWord *)obj & GC_TAG_MASK) == GC_TAG_FORWARD;
}

/* ---------------------------------------------------------------- scavenge */

/* A scavenge sees old objects as live; a from-space object is live once it was copied. */
static void scavenge_pair(GcVisitor *v, GcWord *key, GcWord *value, GcWord dead_value) {
    (void)dead_value;
    EphVisitor *e = (EphVisitor *)v;
    Heap *heap = v->heap;
    GcWord k = *key;
    if (gc_word_is_ptr(k) && gc_in_from_space(heap, k)) {
        if (!is_forwarded(k)) return;
        *key = *(GcWord *)k - GC_TAG_FORWARD;
    }
    GcWord w = *value;
    if (!gc_word_is_ptr(w) || !gc_in_from_space(heap, w)) return;
    if (!is_forwarded(w)) e->progress = true;
    e->strong->host_chunk = NULL; /* the slot must not be remembered */
    e->strong->fn(e->strong, value);
}

bool gc_ephemerons_scavenge_round(Heap *heap, GcVisitor *strong) {
    EphVisitor e = {{NULL, heap, NULL, 0, scavenge_pair}, strong, false};
    Worklist *t = &heap->ephemeron_tables;
    for (size_t i = 0; i < t->len; i++) {
        uintptr_t a = t->items[i];
        if (gc_in_from_space(heap, a)) {
            if (!is_forwarded(a)) continue; /* not (yet) reached */
            t->items[i] = a = (uintptr_t)(*(GcWord *)a - GC_TAG_FORWARD);
        }
        visit_table(heap, a, &e.v);
    }
    return e.progress;
}

static void clear_young_pair(GcVisitor *v, GcWord *key, GcWord *value, GcWord dead_value) {
    GcWord k = *key;
    if (!gc_word_is_ptr(k) || !gc_in_from_space(v->heap, k)) return;
    if (is_forwarded(k)) {
        *key = *(GcWord *)k - GC_TAG_FORWARD;
    } else {
        *key = dead_value;
        *value = dead_value;
    }
}

void gc_ephemerons_after_scavenge(Heap *heap) {
    GcVisitor v = {NULL, heap, NULL, 0, clear_young_pair};
    Worklist *t = &heap->ephemeron_tables;
    size_t j = 0;
    for (size_t i = 0; i < t->len; i++) {
        uintptr_t a = t->items[i];
        if (gc_in_from_space(heap, a)) {
            if (!is_forwarded(a)) continue; /* the table died */
            a = (uintptr_t)(*(GcWord *)a - GC_TAG_FORWARD);
        }
        visit_table(heap, a, &v);
        t->items[j++] = a;
    }
    t->len = j;
}

/* ---------------------------------------------------------------- mark-compact */

static void mark_pair(GcVisitor *v, GcWord *key, GcWord *value, GcWord dead_value) {
    (void)dead_value;
    EphVisitor *e = (EphVisitor *)v;
    if (gc_word_is_ptr(*key) && !gc_is_marked(v->heap, (uintptr_t)*key)) return;
    if (!gc_word_is_ptr(*value) || gc_is_marked(v->heap, (uintptr_t)*value)) return;
    e->progress = true;
    e->strong->host_chunk = NULL; /* pair slots are updated through the table list */
    e->strong->fn(e->strong, value);
}

bool gc_ephemerons_mark_round(Heap *heap, GcVisitor *strong) {
    EphVisitor e = {{NULL, heap, NULL, 0, mark_pair}, strong, false};
    Worklist *t = &heap->ephemeron_tables;
    for (size_t i = 0; i < t->len; i++)
        if (gc_is_marked(heap, t->items[i])) visit_table(heap, t->items[i], &e.v);
    return e.progress;
}

static void clear_unmarked_pair(GcVisitor *v, GcWord *key, GcWord *value, GcWord dead_value) {
    if (gc_word_is_ptr(*key) && !gc_is_marked(v->heap, (uintptr_t)*key)) {
        *key = dead_value;
        *value = dead_value;
    }
}

void gc_ephemerons_after_marking(Heap *heap) {
    GcVisitor v = {NULL, heap, NULL, 0, clear_unmarked_pair};
    Worklist *t = &heap->ephemeron_tables;
    size_t j = 0;
    for (size_t i = 0; i < t->len; i++) {
        if (!gc_is_marked(heap, t->items[i])) continue;
        visit_table(heap, t->items[i], &v);
        t->items[j++] = t->items[i];
    }
    t->len = j;
}

static void update_pair(GcVisitor *v, GcWord *key, GcWord *value, GcWord dead_value) {
    (void)dead_value;
    if (gc_word_is_ptr(*key)) v->fn(v, key);
    if (gc_word_is_ptr(*value)) v->fn(v, value);
}

void gc_ephemerons_update(Heap *heap, void (*update)(GcVisitor *, GcWord *)) {
    GcVisitor v = {update, heap, NULL, 0, update_pair};
    Worklist *t = &heap->ephemeron_tables;
    for (size_t i = 0; i < t->len; i++) {
        GcWord a = t->items[i];
        update(&v, &a);
        t->items[i] = (uintptr_t)a;
        visit_table(heap, (uintptr_t)a, &v);
    }
}
