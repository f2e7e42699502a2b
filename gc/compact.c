/* compact.c: the full GC: choose evacuation pages (V8 3.x rule, before marking), mark
 * (recording slots into those pages), evacuate live new-space objects by their mark bits and
 * the candidates' live objects, update pointers, sweep. GC-time allocation is black.
 * Invariant: after the update phase nothing live refers to a forwarded object, and the slot
 * sets hold every old->new slot of live objects; the heap is not rescanned as a whole.
 */
#include <stdlib.h>
#include <string.h>

#include "gc_int.h"

/* Forced compaction (GC_FULL_COMPACT, stress mode) moves at most this many pages. */
#define GC_FORCED_MAX_CANDIDATES 64

typedef struct Candidate {
    Chunk *page;
    size_t score;
} Candidate;

static int by_score_desc(const void *a, const void *b) {
    size_t x = ((const Candidate *)a)->score, y = ((const Candidate *)b)->score;
    return x < y ? 1 : x > y ? -1 : 0;
}

static size_t isqrt(size_t n) {
    size_t r = 0;
    while ((r + 1) * (r + 1) <= n) r++;
    return r;
}

/* Per-page free space as the free lists know it (the last sweep, less what was allocated
 * since), split into V8 3.x's categories: small [256 B, 2 KB), medium [2 KB, 16 KB). */
static size_t free_list_census(OldSpace *s) {
    for (Chunk *c = s->first; c; c = c->next) c->free_bytes = c->free_small = c->free_medium = 0;
    size_t total = 0;
    for (int k = 0; k < GC_FREE_CLASSES; k++) {
        for (FreeChunk *f = s->free[k]; f; f = f->next) {
            Chunk *c = gc_chunk_of((uintptr_t)f);
            size_t size = gc_filler_size(f->header);
            c->free_bytes += size;
            if (size >= 256 && size < 2048)
                c->free_small += size;
            else if (size >= 2048 && size < 16 * 1024)
                c->free_medium += size;
            total += size;
        }
    }
    return total;
}

/* V8 3.x: at most sqrt(pages/2)+1 candidates, never the first page; a page qualifies when
 * (small*5 + medium free bytes)*100/area > 15. When over a third of the space is free (and at
 * least two pages' worth), take pages at least half free, up to twice as many, until about
 * three quarters of the free space would be released. Forced: any pages, emptiest first. */
static size_t select_candidates(Heap *heap, bool force) {
    OldSpace *s = &heap->old_space;
    size_t n = s->page_count;
    if (!n) return 0;
    Candidate *cands = malloc(n * sizeof *cands);
    if (!cands)
        gc_fatal_oom(heap, "MarkCompactCollector::CollectEvacuationCandidates Allocation failed - "
                           "process out of memory");
    size_t over = free_list_census(s), count = 0, max = isqrt(n / 2) + 1;
    bool reduce = over > n * GC_PAGE_AREA / 3 && over >= 2 * GC_PAGE_AREA;
    if (force)
        max = n < GC_FORCED_MAX_CANDIDATES ? n : GC_FORCED_MAX_CANDIDATES;
    else if (reduce)
        max *= 2;
    for (Chunk *c = s->first; c; c = c->next) {
        if (force)
            cands[count++] = (Candidate){c, c->free_bytes};
        else if (c == s->first)
            continue;
        else if (reduce) {
            if (c->free_bytes * 2 >= GC_PAGE_AREA) cands[count++] = (Candidate){c, c->free_bytes};
        } else {
            size_t score = (c->free_small * 5 + c->free_medium) * 100 / GC_PAGE_AREA;
            if (score > 15) cands[count++] = (Candidate){c, score};
        }
    }
    qsort(cands, count, sizeof *cands, by_score_desc);
    if (count > max) count = max;
    if (reduce && !force) {
        size_t released = 0, i = 0;
        while (i < count && released < over * 3 / 4) released += cands[i++].score;
        count = i;
    }
    for (size_t i = 0; i < count; i++) cands[i].page->flags |= CHUNK_EVACUATE;
    free(cands);
    return count;
}

/* ---------------------------------------------------------------- evacuation */

static void evacuate_new_space(Heap *heap, size_t *survived) {
    NewSpace *ns = &heap->new_space;
    gc_new_space_flip(heap);
    size_t promoted = 0;
    for (uintptr_t a = ns->from_start; a < ns->from_top;) {
        size_t size = gc_object_size(heap, (void *)a);
        if (gc_is_marked(heap, a)) {
            bool was_promoted;
            uintptr_t dst = gc_evacuate_young(heap, a, size, &was_promoted);
            if (was_promoted) {
                gc_set_mark(heap, dst);
                gc_worklist_push(heap, &heap->promoted, dst);
                promoted += size;
            }
        }
        a += size;
    }
    /* Mark bits of the evacuated semispace are no longer needed. */
    size_t first = (ns->from_start - ns->base) >> 3;
    memset(ns->marks + (first >> 6), 0, ns->max_semi / 64);
    *survived = (heap->fast.top - ns->to_start) + promoted;
}

static void evacuate_object(Heap *heap, uintptr_t obj, void *ctx) {
    (void)ctx;
    size_t size = gc_object_size(heap, (void *)obj);
    uintptr_t dst = (uintptr_t)gc_old_space_alloc(heap, &heap->old_space, size, ALLOC_GC);
    gc_set_mark(heap, dst);
    memcpy((void *)dst, (const void *)obj, size);
    *(GcWord *)obj = (GcWord)dst | GC_TAG_FORWARD;
    gc_worklist_push(heap, &heap->promoted, dst);
}

static void evacuate_candidates(Heap *heap) {
    for (Chunk *c = heap->old_space.first; c; c = c->next)
        if (c->flags & CHUNK_EVACUATE) gc_page_for_each_marked(heap, c, evacuate_object, NULL);
}

/* ---------------------------------------------------------------- pointer update */

static bool is_moved_target(Heap *heap, GcWord w, bool young) {
    return young ? gc_in_from_space(heap, w) : (gc_chunk_of(w)->flags & CHUNK_EVACUATE) != 0;
}

/* For slots of live objects and roots: every target that moved is forwarded. */
static void update_slot(GcVisitor *v, GcWord *slot) {
    Heap *heap = v->heap;
    GcWord w = *slot;
    bool young = gc_in_new_space(heap, (const void *)(uintptr_t)w);
    if (is_moved_target(heap, w, young)) {
        GcWord hdr = *(GcWord *)w;
        if ((hdr & GC_TAG_MASK) != GC_TAG_FORWARD)
            gc_fatal("mark-compact: slot %p refers to %p, an unmarked object that was not "
                     "evacuated (a root or field the GC was not shown?)",
                     (void *)slot, (void *)(uintptr_t)w);
        *slot = w = hdr - GC_TAG_FORWARD;
        young = gc_in_new_space(heap, (const void *)(uintptr_t)w);
    }
    if (young && v->host_chunk) gc_slot_set_insert(heap, v->host_chunk, slot);
}

/* A remembered old->new slot; its host may be dead (the sweep drops it then), so a target
 * that was not evacuated just means "forget this slot". */
static bool update_remembered(Heap *heap, GcWord *slot) {
    GcWord w = *slot;
    if (!gc_in_from_space(heap, w))
        return gc_word_is_ptr(w) && gc_in_new_space(heap, (const void *)(uintptr_t)w);
    GcWord hdr = *(GcWord *)w;
    if ((hdr & GC_TAG_MASK) != GC_TAG_FORWARD) return false;
    *slot = w = hdr - GC_TAG_FORWARD;
    return gc_in_new_space(heap, (const void *)(uintptr_t)w);
}

static void update_remembered_sets(Heap *heap, Chunk *c) {
    for (; c; c = c->next)
        if (!(c->flags & CHUNK_EVACUATE)) gc_slot_set_iterate(c, update_remembered, heap);
}

/* After marking: a weak slot whose target is unmarked is cleared. */
static void clear_dead_weak(GcVisitor *v, GcWord *slot) {
    if (!gc_is_marked(v->heap, (uintptr_t)*slot)) *slot = v->weak_dead;
}

/* After evacuation: the remaining weak targets are live; follow the ones that moved. */
static void update_weak(GcVisitor *v, GcWord *slot) {
    Heap *heap = v->heap;
    GcWord w = *slot;
    if (is_moved_target(heap, w, gc_in_new_space(heap, (const void *)(uintptr_t)w))) {
        GcWord hdr = *(GcWord *)w;
        if ((hdr & GC_TAG_MASK) == GC_TAG_FORWARD) w = hdr - GC_TAG_FORWARD;
    }
    *slot = w;
}

/* Visits what moved or may point at what moved: roots, the new to-space, objects moved into
 * old space (promoted or evacuated; their slots are re-recorded), the remembered old->new
 * slots, and the slots recorded while marking. Nothing else can refer to a moved object. */
static void update_pointers(Heap *heap) {
    NewSpace *ns = &heap->new_space;
    GcVisitor v = {update_slot, heap, NULL, 0, NULL};
    gc_visit_strong_roots(heap, &v);
    gc_finalizers_update(heap, &v);
    gc_weak_visit(heap, update_weak);
    gc_ephemerons_update(heap, update_weak);
    update_remembered_sets(heap, heap->old_space.first);
    update_remembered_sets(heap, heap->map_space.first);
    update_remembered_sets(heap, heap->lo_space.first);
    for (uintptr_t a = ns->to_start; a < heap->fast.top;) {
        size_t size = gc_object_size(heap, (void *)a);
        heap->hooks.visit_object(heap->hooks.ctx, (void *)a, &v);
        a += size;
    }
    Worklist *moved = &heap->promoted;
    for (size_t i = 0; i < moved->len; i++) {
        v.host_chunk = gc_chunk_of(moved->items[i]);
        heap->hooks.visit_object(heap->hooks.ctx, (void *)moved->items[i], &v);
    }
    moved->len = 0;
    v.host_chunk = NULL;
    Worklist *slots = &heap->evac_slots;
    for (size_t i = 0; i < slots->len; i++) update_slot(&v, (GcWord *)slots->items[i]);
    slots->len = 0;
}

static void release_candidates(Heap *heap) {
    OldSpace *s = &heap->old_space;
    Chunk *next;
    for (Chunk *c = s->first; c; c = next) {
        next = c->next;
        if (c->flags & CHUNK_EVACUATE) {
            if (heap->config.verify_heap)
                gc_poison((void *)c->area_start, c->area_end - c->area_start);
            gc_old_space_release_page(heap, s, c);
        }
    }
}

void gc_mark_compact(Heap *heap, bool force_compact) {
    heap->full_gc_running = true;
    size_t candidates = select_candidates(heap, force_compact);
    /* Retire the allocation areas: their tails already carry filler headers. */
    heap->old_space.top = heap->old_space.limit = 0;
    heap->map_space.top = heap->map_space.limit = 0;

    gc_mark(heap);
    gc_ephemerons_after_marking(heap);
    gc_weak_visit(heap, clear_dead_weak);
    gc_finalizers_after_marking(heap);

    /* Evacuation allocates only in fresh pages: no candidate, nothing unswept gets reused. */
    gc_old_space_reset_free_lists(&heap->old_space);
    gc_old_space_reset_free_lists(&heap->map_space);
    size_t survived;
    evacuate_new_space(heap, &survived);
    evacuate_candidates(heap);
    heap->old_space.top = heap->old_space.limit = 0;

    update_pointers(heap);
    release_candidates(heap);
    gc_sweep(heap);
    gc_new_space_after_gc(heap, survived);
    if (candidates) heap->compactions++;
    heap->full_gc_running = false;
}
