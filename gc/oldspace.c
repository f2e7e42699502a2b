/* oldspace.c: old and map space: 1 MB pages, segregated free lists, and a linear allocation
 * area (LAB) bumped inside one free chunk, its unused tail always carrying a filler header.
 * Invariant (outside a full GC): used + free_bytes + waste + (limit - top) equals the bytes
 * of all objects and fillers on the space's pages, which are always walkable.
 */
#include <string.h>

#include "gc_int.h"

void gc_old_space_init(OldSpace *s, GcSpace id) {
    memset(s, 0, sizeof *s);
    s->id = id;
}

void gc_old_space_free(Heap *heap, OldSpace *s) {
    while (s->first) gc_old_space_release_page(heap, s, s->first);
}

/* Class of a free chunk of `bytes` (>= 16): 16-byte steps below 256, then V8 3.x's lists. */
static int free_class(size_t bytes) {
    if (bytes < 256) return (int)(bytes >> 4);
    if (bytes < 2048) return GC_FREE_SMALL_CLASSES;
    if (bytes < 16 * 1024) return GC_FREE_SMALL_CLASSES + 1;
    if (bytes < 128 * 1024) return GC_FREE_SMALL_CLASSES + 2;
    return GC_FREE_SMALL_CLASSES + 3;
}

void gc_old_space_add_free(Heap *heap, OldSpace *s, uintptr_t start, size_t bytes) {
    if (!bytes) return;
    *(GcWord *)start = gc_filler_word(bytes);
    if (bytes < GC_MIN_OBJECT) { /* an 8-byte gap: iterable, but useless */
        s->waste += bytes;
        return;
    }
    FreeChunk *f = (FreeChunk *)start;
    int c = free_class(bytes);
    f->next = s->free[c];
    s->free[c] = f;
    s->free_bytes += bytes;
}

void gc_old_space_reset_free_lists(OldSpace *s) {
    memset(s->free, 0, sizeof s->free);
    s->free_bytes = 0;
    s->waste = 0;
    s->top = s->limit = 0;
}

/* Every chunk in a class above the request's fits; only the request's own class (for sizes
 * of 256 and up) needs a first-fit search. */
static FreeChunk *take_free(OldSpace *s, size_t n) {
    int c = n < 256 ? (int)((n + 15) >> 4) : free_class(n);
    if (c >= GC_FREE_SMALL_CLASSES) {
        for (FreeChunk **pp = &s->free[c]; *pp; pp = &(*pp)->next) {
            if (gc_filler_size((*pp)->header) >= n) {
                FreeChunk *f = *pp;
                *pp = f->next;
                s->free_bytes -= gc_filler_size(f->header);
                return f;
            }
        }
        c++;
    }
    for (; c < GC_FREE_CLASSES; c++) {
        FreeChunk *f = s->free[c];
        if (f) {
            s->free[c] = f->next;
            s->free_bytes -= gc_filler_size(f->header);
            return f;
        }
    }
    return NULL;
}

size_t gc_old_gen_committed(const Heap *heap) {
    return (heap->old_space.page_count + heap->map_space.page_count) * GC_PAGE_SIZE +
           heap->lo_space.committed;
}

size_t gc_old_gen_used(const Heap *heap) {
    return heap->old_space.used + heap->map_space.used + heap->lo_space.used;
}

/* The hard limit counts committed old-generation bytes; the soft limit (V8's old generation
 * allocation limit) compares the objects already there, not including the request. */
static bool may_expand(const Heap *heap, size_t bytes, AllocMode mode) {
    if (mode == ALLOC_GC) return true;
    if (gc_old_gen_committed(heap) + bytes > heap->config.max_old_bytes) return false;
    if (mode == ALLOC_NORMAL && gc_old_gen_used(heap) > heap->old_gen_limit) return false;
    return true;
}

static bool expand(Heap *heap, OldSpace *s, AllocMode mode) {
    if (!may_expand(heap, GC_PAGE_SIZE, mode)) return false;
    Page *p = gc_os_map_aligned(heap, GC_PAGE_SIZE, GC_PAGE_SIZE,
                                s->id == GC_MAP_SPACE
                                    ? "MapSpace::Expand Allocation failed - process out of memory"
                                    : "OldSpace::Expand Allocation failed - process out of memory");
    Chunk *c = &p->chunk;
    c->magic = GC_CHUNK_MAGIC;
    c->space = (uint8_t)s->id;
    c->size = GC_PAGE_SIZE;
    c->area_start = (uintptr_t)p + GC_PAGE_AREA_OFFSET;
    c->area_end = (uintptr_t)p + GC_PAGE_SIZE;
    c->marks = p->marks;
    c->slots.bits = p->slot_bits;
    c->slots.summary = p->slot_summary;
    c->slots.nwords = GC_BITMAP_WORDS;
    c->prev = s->last;
    if (s->last)
        s->last->next = c;
    else
        s->first = c;
    s->last = c;
    s->page_count++;
    gc_chunk_table_add(heap, c);
    gc_old_space_add_free(heap, s, c->area_start, c->area_end - c->area_start);
    return true;
}

void gc_old_space_release_page(Heap *heap, OldSpace *s, Chunk *c) {
    if (c->prev)
        c->prev->next = c->next;
    else
        s->first = c->next;
    if (c->next)
        c->next->prev = c->prev;
    else
        s->last = c->prev;
    s->page_count--;
    gc_chunk_table_remove(heap, c);
    gc_os_unmap(c, c->size);
}

/* Returns uninitialised memory (callers zero it or copy over it), or NULL at a limit. */
void *gc_old_space_alloc(Heap *heap, OldSpace *s, size_t n, AllocMode mode) {
    if (s->limit - s->top < n) {
        if (s->top < s->limit) gc_old_space_add_free(heap, s, s->top, s->limit - s->top);
        s->top = s->limit = 0;
        FreeChunk *f = take_free(s, n);
        if (!f) {
            if (!expand(heap, s, mode)) return NULL;
            f = take_free(s, n);
        }
        s->top = (uintptr_t)f;
        s->limit = s->top + gc_filler_size(f->header);
    }
    uintptr_t p = s->top;
    s->top += n;
    s->used += n;
    if (s->top < s->limit) *(GcWord *)s->top = gc_filler_word(s->limit - s->top);
    return (void *)p;
}

size_t gc_old_space_available(const OldSpace *s) { return s->free_bytes + (s->limit - s->top); }
