/* marksweep.c: full-GC marking and sweeping. Tri-colour marking with one bit per object
 * start: white = clear, grey = set and on the explicit worklist (no C recursion), black =
 * set and scanned. Sweeping reads mark bits only: gaps between live objects become fillers
 * on the free lists and lose their slot bits. Invariant: dead objects are never read.
 */
#include <string.h>

#include "gc_int.h"

static inline bool in_new(const Heap *heap, uintptr_t a) {
    return a - heap->fast.new_lo < heap->fast.new_hi - heap->fast.new_lo;
}

bool gc_is_marked(const Heap *heap, uintptr_t a) {
    if (in_new(heap, a)) return gc_bit_get(heap->new_space.marks, (a - heap->fast.new_lo) >> 3);
    const Chunk *c = gc_chunk_of(a);
    if (c->space == GC_LO_SPACE) return c->flags & CHUNK_LO_MARKED;
    return gc_bit_get(c->marks, gc_word_index(c, a));
}

/* Returns true when a was white (and is now marked). */
static bool mark_if_white(Heap *heap, uintptr_t a) {
    uint64_t *w;
    size_t i;
    if (in_new(heap, a)) {
        i = (a - heap->fast.new_lo) >> 3;
        w = heap->new_space.marks;
    } else {
        Chunk *c = gc_chunk_of(a);
        if (c->space == GC_LO_SPACE) {
            if (c->flags & CHUNK_LO_MARKED) return false;
            c->flags |= CHUNK_LO_MARKED;
            return true;
        }
        i = gc_word_index(c, a);
        w = c->marks;
    }
    uint64_t m = (uint64_t)1 << (i & 63);
    if (w[i >> 6] & m) return false;
    w[i >> 6] |= m;
    return true;
}

void gc_set_mark(Heap *heap, uintptr_t obj) { (void)mark_if_white(heap, obj); }

void gc_visit_strong_roots(Heap *heap, GcVisitor *v) {
    heap->hooks.visit_roots(heap->hooks.ctx, v);
    gc_handles_visit(heap, v);
}

/* Verify mode: a pointer outside the heap would crash the marker; say where it came from. */
static void check_target(Heap *heap, const GcWord *slot, uintptr_t a) {
    NewSpace *ns = &heap->new_space;
    if (in_new(heap, a)) {
        if (a - ns->to_start < heap->fast.top - ns->to_start) return;
    } else {
        Chunk *c = gc_chunk_lookup(heap, a);
        if (c && c == gc_chunk_of(a) && a >= c->area_start && a < c->area_end) return;
    }
    gc_fatal("mark-compact: slot %p holds %p, which is not an object in the heap",
             (const void *)slot, (void *)a);
}

/* v->host_chunk is the chunk of the object being scanned: NULL for roots and new-space
 * objects (all of those are revisited after evacuation), and slots of hosts that stay put
 * are remembered when they point into an evacuation candidate (V8 3.x's slots buffer). */
static void mark_slot(GcVisitor *v, GcWord *slot) {
    Heap *heap = v->heap;
    uintptr_t a = (uintptr_t)*slot;
    if (heap->config.verify_heap) check_target(heap, slot, a);
    if (mark_if_white(heap, a)) gc_worklist_push(heap, &heap->worklist, a);
    if (v->host_chunk && !in_new(heap, a) && (gc_chunk_of(a)->flags & CHUNK_EVACUATE))
        gc_worklist_push(heap, &heap->evac_slots, (uintptr_t)slot);
}

static void drain(Heap *heap, GcVisitor *v) {
    Worklist *w = &heap->worklist;
    while (w->len) {
        uintptr_t a = w->items[--w->len];
        GcWord map = *(GcWord *)a; /* the header: maps are objects too */
        if (heap->config.verify_heap) check_target(heap, (const GcWord *)a, (uintptr_t)map);
        if (mark_if_white(heap, (uintptr_t)map)) gc_worklist_push(heap, w, (uintptr_t)map);
        Chunk *host = in_new(heap, a) ? NULL : gc_chunk_of(a);
        v->host_chunk = host && !(host->flags & CHUNK_EVACUATE) ? host : NULL;
        heap->hooks.visit_object(heap->hooks.ctx, (void *)a, v);
    }
}

void gc_mark(Heap *heap) {
    GcVisitor v = {mark_slot, heap, NULL, 0, NULL};
    gc_visit_strong_roots(heap, &v);
    drain(heap, &v);
    /* Ephemerons: values of pairs whose keys are marked, to a fixpoint. */
    while (gc_ephemerons_mark_round(heap, &v)) drain(heap, &v);
}

void gc_page_for_each_marked(Heap *heap, Chunk *page, void (*fn)(Heap *, uintptr_t, void *),
                             void *ctx) {
    size_t first = gc_word_index(page, page->area_start) >> 6;
    size_t last = (gc_word_index(page, page->area_end) + 63) >> 6;
    for (size_t wi = first; wi < last; wi++) {
        uint64_t bits = page->marks[wi];
        while (bits) {
            size_t b = (size_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            fn(heap, (uintptr_t)page + ((wi * 64 + b) << 3), ctx);
        }
    }
}

/* ---------------------------------------------------------------- sweeping */

static void free_run(Heap *heap, OldSpace *s, Chunk *c, uintptr_t a, uintptr_t b) {
    if (a >= b) return;
    gc_slot_set_clear_range(c, a, b);
    if (heap->config.verify_heap) gc_poison((void *)a, b - a);
    gc_old_space_add_free(heap, s, a, b - a);
}

static bool page_is_empty(const Chunk *c) {
    for (size_t i = 0; i < GC_BITMAP_WORDS; i++)
        if (c->marks[i]) return false;
    return true;
}

static size_t sweep_page(Heap *heap, OldSpace *s, Chunk *c) {
    uintptr_t cursor = c->area_start;
    size_t live = 0;
    size_t first = gc_word_index(c, c->area_start) >> 6;
    for (size_t wi = first; wi < GC_BITMAP_WORDS; wi++) {
        uint64_t bits = c->marks[wi];
        while (bits) {
            size_t b = (size_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            uintptr_t obj = (uintptr_t)c + ((wi * 64 + b) << 3);
            free_run(heap, s, c, cursor, obj);
            size_t size = gc_object_size(heap, (void *)obj);
            cursor = obj + size;
            live += size;
        }
    }
    free_run(heap, s, c, cursor, c->area_end);
    memset(c->marks, 0, sizeof(uint64_t) * GC_BITMAP_WORDS);
    c->live_bytes = live;
    return live;
}

static void sweep_space(Heap *heap, OldSpace *s) {
    gc_old_space_reset_free_lists(s);
    s->used = 0;
    Chunk *next;
    for (Chunk *c = s->first; c; c = next) {
        next = c->next;
        if (page_is_empty(c))
            gc_old_space_release_page(heap, s, c);
        else
            s->used += sweep_page(heap, s, c);
    }
}

void gc_sweep(Heap *heap) {
    sweep_space(heap, &heap->old_space);
    sweep_space(heap, &heap->map_space);
    gc_lo_sweep(heap);
}
