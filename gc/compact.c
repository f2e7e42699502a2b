/* compact.c: the full GC: mark, evacuate live new-space objects (by mark bits, with the
 * scavenger's promotion rules) and V8 3.x-chosen old pages, update pointers, sweep.
 * Invariant: after the update phase nothing live refers to a forwarded object, and the slot
 * sets hold exactly the old->new slots of live objects. GC-time allocation is black.
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

/* Free gaps between live objects of a page by V8 3.x free-list category. */
typedef struct GapSizes {
    uintptr_t cursor;
    size_t small, medium; /* [256 B, 2 KB), [2 KB, 16 KB) */
} GapSizes;

static void count_gap(GapSizes *g, uintptr_t end) {
    size_t gap = end - g->cursor;
    if (gap >= 256 && gap < 2048)
        g->small += gap;
    else if (gap >= 2048 && gap < 16 * 1024)
        g->medium += gap;
}

static void gap_visit(Heap *heap, uintptr_t obj, void *ctx) {
    GapSizes *g = ctx;
    count_gap(g, obj);
    g->cursor = obj + gc_object_size(heap, (void *)obj);
}

/* V8 3.x: at most sqrt(pages/2)+1 candidates, never the first page. Normally a page qualifies
 * when (small*5 + medium free bytes)*100/area > 15; when over a third of the space is free
 * (and at least two pages' worth), take pages at least half free, twice as many, until about
 * three quarters of the free space would be released. Forced: the emptiest pages, any. */
static size_t select_candidates(Heap *heap, bool force) {
    OldSpace *s = &heap->old_space;
    size_t n = s->page_count;
    if (!n) return 0;
    Candidate *cands = malloc(n * sizeof *cands);
    if (!cands)
        gc_fatal_oom(heap, "MarkCompactCollector::CollectEvacuationCandidates Allocation failed - "
                           "process out of memory");
    size_t count = 0, max = isqrt(n / 2) + 1, over = 0;
    for (Chunk *c = s->first; c; c = c->next) over += GC_PAGE_AREA - c->live_bytes;
    bool reduce = over > n * GC_PAGE_AREA / 3 && over >= 2 * GC_PAGE_AREA;
    if (force)
        max = n < GC_FORCED_MAX_CANDIDATES ? n : GC_FORCED_MAX_CANDIDATES;
    else if (reduce)
        max *= 2;

    for (Chunk *c = s->first; c; c = c->next) {
        size_t free_bytes = GC_PAGE_AREA - c->live_bytes;
        if (force) {
            cands[count++] = (Candidate){c, free_bytes};
            continue;
        }
        if (c == s->first) continue;
        if (reduce) {
            if (free_bytes * 2 >= GC_PAGE_AREA) cands[count++] = (Candidate){c, free_bytes};
            continue;
        }
        if (free_bytes * 500 / GC_PAGE_AREA <= 15) continue; /* cannot reach the threshold */
        GapSizes g = {c->area_start, 0, 0};
        gc_page_for_each_marked(heap, c, gap_visit, &g);
        count_gap(&g, c->area_end);
        size_t score = (g.small * 5 + g.medium) * 100 / GC_PAGE_AREA;
        if (score > 15) cands[count++] = (Candidate){c, score};
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
}

static void evacuate_candidates(Heap *heap) {
    for (Chunk *c = heap->old_space.first; c; c = c->next)
        if (c->flags & CHUNK_EVACUATE) gc_page_for_each_marked(heap, c, evacuate_object, NULL);
}

/* ---------------------------------------------------------------- pointer update */

static void update_slot(GcVisitor *v, GcWord *slot) {
    Heap *heap = v->heap;
    GcWord w = *slot;
    bool young = gc_in_new_space(heap, (const void *)(uintptr_t)w);
    if (young ? gc_in_from_space(heap, w) : (gc_chunk_of(w)->flags & CHUNK_EVACUATE) != 0) {
        GcWord hdr = *(GcWord *)w;
        if ((hdr & GC_TAG_MASK) != GC_TAG_FORWARD)
            gc_fatal("mark-compact: slot %p refers to %p, a dead or unmarked object that was not "
                     "evacuated",
                     (void *)slot, (void *)(uintptr_t)w);
        *slot = w = hdr - GC_TAG_FORWARD;
        young = gc_in_new_space(heap, (const void *)(uintptr_t)w);
    }
    if (young && v->host_chunk) gc_slot_set_insert(heap, v->host_chunk, slot);
}

static void update_object(Heap *heap, uintptr_t obj, void *ctx) {
    GcVisitor *v = ctx;
    heap->hooks.visit_object(heap->hooks.ctx, (void *)obj, v);
}

static void update_pages(Heap *heap, Chunk *first, GcVisitor *v) {
    for (Chunk *c = first; c; c = c->next) {
        if (c->flags & CHUNK_EVACUATE) continue;
        v->host_chunk = c;
        gc_page_for_each_marked(heap, c, update_object, v);
    }
}

static void clear_slot_sets(Chunk *c) {
    for (; c; c = c->next) gc_slot_set_clear_all(c);
}

/* The simple, complete approach: every live object and root is visited once; slot sets are
 * rebuilt from scratch on the way (they are exact afterwards). */
static void update_pointers(Heap *heap) {
    NewSpace *ns = &heap->new_space;
    clear_slot_sets(heap->old_space.first);
    clear_slot_sets(heap->map_space.first);
    clear_slot_sets(heap->lo_space.first);
    GcVisitor v = {update_slot, heap, NULL};
    gc_visit_strong_roots(heap, &v);
    gc_finalizers_update(heap, &v);
    for (uintptr_t a = ns->to_start; a < heap->fast.top;) {
        size_t size = gc_object_size(heap, (void *)a);
        heap->hooks.visit_object(heap->hooks.ctx, (void *)a, &v);
        a += size;
    }
    update_pages(heap, heap->old_space.first, &v);
    update_pages(heap, heap->map_space.first, &v);
    for (Chunk *c = heap->lo_space.first; c; c = c->next) {
        if (!(c->flags & CHUNK_LO_MARKED)) continue;
        v.host_chunk = c;
        heap->hooks.visit_object(heap->hooks.ctx, gc_lo_object(c), &v);
    }
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
    /* Retire the allocation areas: their tails already carry filler headers. */
    heap->old_space.top = heap->old_space.limit = 0;
    heap->map_space.top = heap->map_space.limit = 0;

    gc_mark(heap);
    gc_finalizers_after_marking(heap);
    size_t candidates = select_candidates(heap, force_compact);

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
