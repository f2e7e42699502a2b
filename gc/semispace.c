/* semispace.c: the new space: one reservation holding two semispaces of max_semi bytes,
 * bump allocation in to-space, the flip, growth and from-space poisoning.
 * Invariant: to-space memory handed out is zero: [top, zeroed_to) is known zero and the fast
 * path never bumps past zeroed_to (zeroing runs lazily, a step ahead of top).
 */
#include <string.h>

#include "gc_int.h"

/* Zeroing this far ahead keeps the memset out of the fast path and the memory warm in cache. */
#define GC_ZERO_STEP ((size_t)32 * 1024)

void gc_new_space_init(Heap *heap) {
    NewSpace *ns = &heap->new_space;
    ns->max_semi = heap->config.max_semi_bytes;
    ns->capacity = heap->config.initial_semi_bytes;
    ns->base =
        (uintptr_t)gc_os_map_aligned(heap, 2 * ns->max_semi, GC_PAGE_SIZE,
                                     "NewSpace::Setup Allocation failed - process out of memory");
    ns->to_start = ns->base;
    ns->from_start = ns->base + ns->max_semi;
    ns->from_top = ns->from_start;
    ns->age_mark = ns->to_start;
    /* Fresh memory is zero, but the fast path must never see more than GC_ZERO_STEP ahead:
     * large requests have to reach the slow path (large-object space, pretenuring). */
    ns->zeroed_to = ns->to_start;
    /* One mark bit per word of the whole reservation (512 KB at 16 MB semispaces). */
    ns->marks = gc_os_reserve(heap, 2 * ns->max_semi / 64,
                              "NewSpace::Setup Allocation failed - process out of memory");
    heap->fast.new_lo = ns->base;
    heap->fast.new_hi = ns->base + 2 * ns->max_semi;
    heap->fast.top = ns->to_start;
    gc_new_space_reset_limit(heap);
}

void gc_new_space_free(Heap *heap) {
    NewSpace *ns = &heap->new_space;
    gc_os_unmap((void *)ns->base, 2 * ns->max_semi);
    gc_os_unmap(ns->marks, 2 * ns->max_semi / 64);
}

/* The fast path may bump up to limit; it must fall to the slow path on every allocation in
 * stress mode (to count them) and inside a no-GC scope (to catch them). */
void gc_new_space_reset_limit(Heap *heap) {
    heap->fast.limit = (heap->config.gc_interval || heap->no_gc_depth || heap->in_gc)
                           ? heap->fast.top
                           : heap->new_space.zeroed_to;
}

void *gc_new_space_alloc(Heap *heap, size_t bytes) {
    NewSpace *ns = &heap->new_space;
    uintptr_t top = heap->fast.top, end = ns->to_start + ns->capacity;
    if (bytes > end - top) return NULL;
    uintptr_t need = top + bytes;
    if (ns->zeroed_to < need) {
        uintptr_t z = need > top + GC_ZERO_STEP ? need : top + GC_ZERO_STEP;
        if (z > end) z = end;
        uintptr_t from = ns->zeroed_to > top ? ns->zeroed_to : top;
        memset((void *)from, 0, z - from);
        ns->zeroed_to = z;
    }
    heap->fast.top = need;
    gc_new_space_reset_limit(heap);
    return (void *)top;
}

/* Swap the semispaces; to-space starts empty and its old contents are unknown. */
void gc_new_space_flip(Heap *heap) {
    NewSpace *ns = &heap->new_space;
    ns->from_top = heap->fast.top;
    uintptr_t t = ns->to_start;
    ns->to_start = ns->from_start;
    ns->from_start = t;
    heap->fast.top = ns->to_start;
    heap->fast.limit = ns->to_start;
    ns->zeroed_to = ns->to_start;
}

/* After a scavenge or a full GC's new-space evacuation: set the age mark, grow when more
 * than a semispace's worth survived since the last growth (V8), poison from-space. */
void gc_new_space_after_gc(Heap *heap, size_t survived) {
    NewSpace *ns = &heap->new_space;
    ns->age_mark = heap->fast.top;
    ns->zeroed_to = heap->fast.top;
    ns->survived_since_grow += survived;
    if (ns->survived_since_grow > ns->capacity && ns->capacity < ns->max_semi) {
        ns->capacity = ns->capacity * 2 < ns->max_semi ? ns->capacity * 2 : ns->max_semi;
        ns->survived_since_grow = 0;
    }
    if (heap->config.verify_heap) gc_poison((void *)ns->from_start, ns->capacity);
    ns->from_top = ns->from_start;
    gc_new_space_reset_limit(heap);
}
