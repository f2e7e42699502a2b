/* pages.c: memory from the OS (aligned chunks, reservations) and the chunk table that maps
 * every 1 MB segment of a chunk back to its header.
 * Invariant: a failed mmap never returns to the caller; it ends in the fatal OOM report.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "gc_int.h"

void *gc_os_map_aligned(Heap *heap, size_t bytes, size_t align, const char *what) {
    /* Over-map by align, then trim both ends so the result is aligned (no hints needed). */
    size_t span = bytes + align;
    uint8_t *raw = mmap(NULL, span, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) gc_fatal_oom(heap, what);
    uintptr_t start = ((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1);
    size_t head = start - (uintptr_t)raw;
    size_t tail = span - head - bytes;
    if (head) munmap(raw, head);
    if (tail) munmap((void *)(start + bytes), tail);
    return (void *)start;
}

void gc_os_unmap(void *p, size_t bytes) {
    if (p) munmap(p, bytes);
}

void *gc_os_reserve(Heap *heap, size_t bytes, const char *what) {
    return gc_os_map_aligned(heap, bytes, 4096, what);
}

/* ---------------------------------------------------------------- chunk table
 * Open addressing with linear probing; deletion shifts later entries back, so there are
 * no tombstones and lookups stop at the first empty slot. */

static size_t hash_key(uintptr_t key, size_t cap) {
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 17) & (cap - 1);
}

static void table_put(ChunkTable *t, uintptr_t key, Chunk *c) {
    size_t i = hash_key(key, t->cap);
    while (t->keys[i] && t->keys[i] != key) i = (i + 1) & (t->cap - 1);
    if (!t->keys[i]) t->count++;
    t->keys[i] = key;
    t->vals[i] = c;
}

static void table_grow(Heap *heap, ChunkTable *t) {
    ChunkTable old = *t;
    t->cap = old.cap ? old.cap * 2 : 256;
    t->keys = calloc(t->cap, sizeof *t->keys);
    t->vals = calloc(t->cap, sizeof *t->vals);
    if (!t->keys || !t->vals)
        gc_fatal_oom(heap, "ChunkTable::Grow Allocation failed - process out of memory");
    t->count = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.keys[i]) table_put(t, old.keys[i], old.vals[i]);
    free(old.keys);
    free(old.vals);
}

/* Keys are segment numbers + 1, so 0 can mean "empty". */
static uintptr_t seg_key(uintptr_t addr) { return (addr >> GC_PAGE_BITS) + 1; }

void gc_chunk_table_add(Heap *heap, Chunk *c) {
    ChunkTable *t = &heap->chunks;
    size_t segs = (c->size + GC_PAGE_SIZE - 1) >> GC_PAGE_BITS;
    while ((t->count + segs) * 2 > t->cap) table_grow(heap, t);
    for (size_t s = 0; s < segs; s++) table_put(t, seg_key((uintptr_t)c + (s << GC_PAGE_BITS)), c);
}

static void table_delete(ChunkTable *t, uintptr_t key) {
    size_t i = hash_key(key, t->cap);
    while (t->keys[i] && t->keys[i] != key) i = (i + 1) & (t->cap - 1);
    if (!t->keys[i]) return;
    t->keys[i] = 0;
    t->count--;
    /* Re-insert the rest of the probe run so no lookup stops early at the hole. */
    for (size_t j = (i + 1) & (t->cap - 1); t->keys[j]; j = (j + 1) & (t->cap - 1)) {
        uintptr_t k = t->keys[j];
        Chunk *v = t->vals[j];
        t->keys[j] = 0;
        t->count--;
        table_put(t, k, v);
    }
}

void gc_chunk_table_remove(Heap *heap, Chunk *c) {
    size_t segs = (c->size + GC_PAGE_SIZE - 1) >> GC_PAGE_BITS;
    for (size_t s = 0; s < segs; s++)
        table_delete(&heap->chunks, seg_key((uintptr_t)c + (s << GC_PAGE_BITS)));
}

Chunk *gc_chunk_lookup(const Heap *heap, uintptr_t addr) {
    const ChunkTable *t = &heap->chunks;
    if (!t->cap) return NULL;
    uintptr_t key = seg_key(addr);
    for (size_t i = hash_key(key, t->cap); t->keys[i]; i = (i + 1) & (t->cap - 1))
        if (t->keys[i] == key) return t->vals[i];
    return NULL;
}

void gc_chunk_table_free(Heap *heap) {
    free(heap->chunks.keys);
    free(heap->chunks.vals);
    heap->chunks = (ChunkTable){0};
}
