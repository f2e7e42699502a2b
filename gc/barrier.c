/* barrier.c: the write barrier's slow half and the per-chunk slot sets (the remembered set:
 * one bit per word of a chunk, so no duplicates and no overflow).
 * Invariant: outside a GC every old/map/LO slot holding a new-space pointer has its bit set;
 * stale bits are allowed and are dropped by the next scavenge.
 */
#include <string.h>

#include "gc_int.h"

static size_t summary_words(size_t nwords) { return (nwords + 63) / 64; }

/* Large objects get their slot set on first use: a 160 MB array needs 2.5 MB of bits. */
static void lo_slot_set_alloc(Heap *heap, Chunk *c) {
    size_t nwords = (c->size / 8 + 63) / 64;
    size_t bytes = (nwords + summary_words(nwords)) * 8;
    uint64_t *mem =
        gc_os_reserve(heap, bytes, "SlotSet::Allocate Allocation failed - process out of memory");
    c->slots.bits = mem;
    c->slots.summary = mem + nwords;
    c->slots.nwords = nwords;
    c->slots.count = 0;
}

void gc_slot_set_free(Chunk *c) {
    if (c->space != GC_LO_SPACE || !c->slots.bits) return;
    size_t nwords = c->slots.nwords;
    gc_os_unmap(c->slots.bits, (nwords + summary_words(nwords)) * 8);
    c->slots.bits = NULL;
}

void gc_slot_set_insert(Heap *heap, Chunk *c, GcWord *slot) {
    SlotSet *s = &c->slots;
    if (!s->bits) lo_slot_set_alloc(heap, c);
    size_t i = gc_word_index(c, (uintptr_t)slot);
    uint64_t *w = &s->bits[i >> 6], m = (uint64_t)1 << (i & 63);
    if (*w & m) return;
    if (!*w) gc_bit_set(s->summary, i >> 6);
    *w |= m;
    s->count++;
}

void gc_slot_set_clear_range(Chunk *c, uintptr_t start, uintptr_t end) {
    SlotSet *s = &c->slots;
    if (!s->count || start >= end) return;
    size_t i = gc_word_index(c, start), e = gc_word_index(c, end);
    while (i < e) {
        size_t wi = i >> 6, lo = i & 63;
        size_t hi = (e - (wi << 6)) < 64 ? e - (wi << 6) : 64;
        uint64_t mask =
            (hi == 64 ? ~(uint64_t)0 : (((uint64_t)1 << hi) - 1)) & ~(((uint64_t)1 << lo) - 1);
        uint64_t hit = s->bits[wi] & mask;
        if (hit) {
            s->count -= (size_t)__builtin_popcountll(hit);
            s->bits[wi] &= ~mask;
            if (!s->bits[wi]) gc_bit_clear(s->summary, wi);
        }
        i = (wi + 1) << 6;
    }
}

void gc_slot_set_clear_all(Chunk *c) {
    SlotSet *s = &c->slots;
    if (!s->count || !s->bits) return;
    memset(s->bits, 0, s->nwords * 8);
    memset(s->summary, 0, summary_words(s->nwords) * 8);
    s->count = 0;
}

void gc_slot_set_iterate(Chunk *c, bool (*fn)(Heap *heap, GcWord *slot), Heap *heap) {
    SlotSet *s = &c->slots;
    if (!s->count) return;
    size_t ns = summary_words(s->nwords);
    for (size_t si = 0; si < ns; si++) {
        uint64_t sum = s->summary[si];
        while (sum) {
            size_t wi = si * 64 + (size_t)__builtin_ctzll(sum);
            sum &= sum - 1;
            uint64_t bits = s->bits[wi];
            while (bits) {
                size_t b = (size_t)__builtin_ctzll(bits);
                bits &= bits - 1;
                GcWord *slot = (GcWord *)((uintptr_t)c + ((wi * 64 + b) << 3));
                if (!fn(heap, slot)) {
                    s->bits[wi] &= ~((uint64_t)1 << b);
                    s->count--;
                }
            }
            if (!s->bits[wi]) gc_bit_clear(s->summary, wi);
        }
    }
}

void gc_record_slot(Heap *heap, GcWord *slot) {
    /* A host that is old but a slot that is young means the caller passed the wrong host
     * (e.g. the object instead of its young property array): nothing to remember. */
    if (gc_in_new_space(heap, slot)) return;
    Chunk *c = gc_chunk_lookup(heap, (uintptr_t)slot);
    if (!c)
        gc_fatal(
            "write barrier: slot %p is not inside a heap object (vm_store on non-heap memory?)",
            (void *)slot);
    gc_slot_set_insert(heap, c, slot);
}

void gc_write_barrier_range(Heap *heap, void *host, GcWord *start, size_t count) {
    if (gc_in_new_space(heap, host) || !count) return;
    Chunk *c = gc_chunk_lookup(heap, (uintptr_t)start);
    if (!c) gc_fatal("write barrier: range %p is not inside a heap object", (void *)start);
    for (size_t i = 0; i < count; i++)
        if (gc_in_new_space(heap, (const void *)(uintptr_t)start[i]))
            gc_slot_set_insert(heap, c, start + i);
    if (heap->fast.marking)
        for (size_t i = 0; i < count; i++) gc_marking_barrier(heap, start[i]);
}

/* Marking is never incremental yet (fast.marking stays false), so the Dijkstra half of the
 * barrier has nothing to do. When incremental marking lands, this greys a white value. */
void gc_marking_barrier(Heap *heap, GcWord value) { (void)heap, (void)value; }
