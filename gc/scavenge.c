/* scavenge.c: the young-generation collector: Cheney's breadth-first copy into to-space with
 * V8's two promotion rules; promoted objects are queued, scanned, and their old->new slots
 * recorded. Invariant: once the queues drain, every from-space object is either forwarded
 * (header = new address | 1) or dead; the work is proportional to the survivors.
 */
#include <string.h>

#include "gc_int.h"

/* V8's rule: promote what already survived a GC (below the age mark), or everything once
 * to-space is a quarter full, since to-space becomes the next allocation area. */
uintptr_t gc_evacuate_young(Heap *heap, uintptr_t obj, size_t size, bool *promoted) {
    NewSpace *ns = &heap->new_space;
    size_t used = heap->fast.top - ns->to_start;
    uintptr_t dst;
    if (obj < ns->age_mark || used + size >= ns->capacity / 4 || size > ns->capacity - used) {
        dst = (uintptr_t)gc_old_space_alloc(heap, &heap->old_space, size, ALLOC_GC);
        *promoted = true;
    } else {
        dst = heap->fast.top;
        heap->fast.top += size;
        *promoted = false;
    }
    memcpy((void *)dst, (const void *)obj, size);
    *(GcWord *)obj = (GcWord)dst | GC_TAG_FORWARD;
    return dst;
}

static uintptr_t copy_object(Heap *heap, uintptr_t obj) {
    GcWord hdr = *(GcWord *)obj;
    if ((hdr & GC_TAG_MASK) == GC_TAG_FORWARD) return (uintptr_t)(hdr - GC_TAG_FORWARD);
    if (hdr & GC_TAG_MASK)
        gc_fatal("scavenge: object %p in new space has a bad header %#llx", (void *)obj,
                 (unsigned long long)hdr);
    bool promoted;
    uintptr_t dst = gc_evacuate_young(heap, obj, gc_object_size(heap, (void *)obj), &promoted);
    if (promoted) gc_worklist_push(heap, &heap->promoted, dst);
    return dst;
}

static void scavenge_slot(GcVisitor *v, GcWord *slot) {
    Heap *heap = v->heap;
    GcWord w = *slot;
    if (!gc_in_from_space(heap, w)) return;
    w = copy_object(heap, (uintptr_t)w);
    *slot = w;
    if (v->host_chunk && gc_in_new_space(heap, (const void *)(uintptr_t)w))
        gc_slot_set_insert(heap, v->host_chunk, slot);
}

/* A remembered slot: update it; keep it only while it still points into new space. */
static bool scavenge_remembered(Heap *heap, GcWord *slot) {
    GcWord w = *slot;
    if (gc_in_from_space(heap, w)) *slot = w = copy_object(heap, (uintptr_t)w);
    return gc_word_is_ptr(w) && gc_in_new_space(heap, (const void *)(uintptr_t)w);
}

/* A weak slot keeps its target only if something strong copied it. */
static void scavenge_weak(GcVisitor *v, GcWord *slot) {
    GcWord w = *slot;
    if (!gc_in_from_space(v->heap, w)) return;
    GcWord hdr = *(GcWord *)w;
    bool alive = (hdr & GC_TAG_MASK) == GC_TAG_FORWARD;
    *slot = alive ? hdr - GC_TAG_FORWARD : v->weak_dead;
}

static void scavenge_remembered_set(Heap *heap, Chunk *first) {
    for (Chunk *c = first; c; c = c->next) gc_slot_set_iterate(c, scavenge_remembered, heap);
}

/* Breadth-first over to-space from *scan; promoted objects are scanned from their queue. */
static void drain(Heap *heap, GcVisitor *v, uintptr_t *scan) {
    for (;;) {
        while (*scan < heap->fast.top) {
            size_t size = gc_object_size(heap, (void *)*scan);
            v->host_chunk = NULL;
            heap->hooks.visit_object(heap->hooks.ctx, (void *)*scan, v);
            *scan += size;
        }
        if (!heap->promoted.len) break;
        while (heap->promoted.len) {
            uintptr_t obj = heap->promoted.items[--heap->promoted.len];
            v->host_chunk = gc_chunk_of(obj);
            heap->hooks.visit_object(heap->hooks.ctx, (void *)obj, v);
        }
    }
}

void gc_scavenge(Heap *heap) {
    NewSpace *ns = &heap->new_space;
    size_t promoted_before = heap->old_space.used;
    gc_new_space_flip(heap);

    GcVisitor v = {scavenge_slot, heap, NULL, 0, NULL};
    gc_visit_strong_roots(heap, &v);
    scavenge_remembered_set(heap, heap->old_space.first);
    scavenge_remembered_set(heap, heap->map_space.first);
    scavenge_remembered_set(heap, heap->lo_space.first);

    uintptr_t scan = ns->to_start;
    drain(heap, &v, &scan);
    /* Ephemerons: values of pairs whose keys were copied, to a fixpoint. */
    while (gc_ephemerons_scavenge_round(heap, &v)) drain(heap, &v, &scan);
    gc_ephemerons_after_scavenge(heap);

    gc_weak_visit(heap, scavenge_weak);
    gc_finalizers_after_scavenge(heap);
    size_t survived = (heap->fast.top - ns->to_start) + (heap->old_space.used - promoted_before);
    gc_new_space_after_gc(heap, survived);
    if (gc_old_gen_used(heap) > heap->old_gen_limit) heap->full_gc_needed = true;
}
