/* lospace.c: the large-object space: one mmap'd, 1 MB-aligned chunk per object above
 * GC_LARGE_OBJECT_THRESHOLD; never moved, unmapped whole when dead.
 * Invariant: the object starts at area_start, inside the chunk's first MB, so
 * (obj & ~(1 MB - 1)) finds its header; untouched pages of the chunk cost no RSS.
 */
#include "gc_int.h"

void *gc_lo_alloc(Heap *heap, size_t bytes, AllocMode mode) {
    LoSpace *lo = &heap->lo_space;
    /* Larger than the whole old generation can never fit (and could overflow below). */
    if (bytes > heap->config.max_old_bytes) return NULL;
    size_t size = (GC_LO_AREA_OFFSET + bytes + 4095) & ~(size_t)4095;
    if (mode != ALLOC_GC) {
        if (gc_old_gen_committed(heap) + size > heap->config.max_old_bytes) return NULL;
        if (mode == ALLOC_NORMAL && gc_old_gen_used(heap) > heap->old_gen_limit) return NULL;
    }
    Chunk *c = gc_os_map_aligned(
        heap, size, GC_PAGE_SIZE,
        "LargeObjectSpace::AllocateRaw Allocation failed - process out of memory");
    c->magic = GC_CHUNK_MAGIC;
    c->space = GC_LO_SPACE;
    c->size = size;
    c->area_start = (uintptr_t)c + GC_LO_AREA_OFFSET;
    c->area_end = c->area_start + bytes;
    c->prev = lo->last;
    if (lo->last)
        lo->last->next = c;
    else
        lo->first = c;
    lo->last = c;
    lo->count++;
    lo->used += bytes;
    lo->committed += size;
    gc_chunk_table_add(heap, c);
    return (void *)c->area_start; /* fresh anonymous memory: already zero */
}

static void release(Heap *heap, Chunk *c) {
    LoSpace *lo = &heap->lo_space;
    if (c->prev)
        c->prev->next = c->next;
    else
        lo->first = c->next;
    if (c->next)
        c->next->prev = c->prev;
    else
        lo->last = c->prev;
    lo->count--;
    lo->used -= c->area_end - c->area_start;
    lo->committed -= c->size;
    gc_chunk_table_remove(heap, c);
    gc_slot_set_free(c);
    gc_os_unmap(c, c->size);
}

void gc_lo_free_all(Heap *heap) {
    while (heap->lo_space.first) release(heap, heap->lo_space.first);
}

void gc_lo_sweep(Heap *heap) {
    Chunk *next;
    for (Chunk *c = heap->lo_space.first; c; c = next) {
        next = c->next;
        if (c->flags & CHUNK_LO_MARKED)
            c->flags &= (uint8_t)~CHUNK_LO_MARKED;
        else
            release(heap, c);
    }
}
