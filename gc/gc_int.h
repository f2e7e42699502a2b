/* gc_int.h: internals shared by the gc/ files: the Heap, chunk (page) headers, the spaces,
 * slot sets, worklists and the collector phases.
 * Invariant: every old/map/large object lives in a 1 MB-aligned chunk whose header sits at
 * (addr & ~(1 MB - 1)); new-space objects live in one reserved range.
 */
#ifndef MJS_GC_INT_H
#define MJS_GC_INT_H

#include "gc.h"

#define GC_PAGE_BITS 20
#define GC_PAGE_SIZE ((size_t)1 << GC_PAGE_BITS)
#define GC_PAGE_MASK (~(uintptr_t)(GC_PAGE_SIZE - 1))
#define GC_PAGE_WORDS (GC_PAGE_SIZE / 8)
#define GC_BITMAP_WORDS (GC_PAGE_WORDS / 64)    /* 2048 uint64: one bit per word of a page */
#define GC_SUMMARY_WORDS (GC_BITMAP_WORDS / 64) /* one bit per bitmap word */
#define GC_MIN_OBJECT 16
#define GC_MB (1024.0 * 1024.0)

/* Header tags (low 3 bits of an object's first word). A map pointer is 8-byte aligned. */
#define GC_TAG_MASK ((GcWord)7)
#define GC_TAG_FORWARD ((GcWord)1) /* header = new address | 1 */
#define GC_TAG_FILLER ((GcWord)2)  /* header = chunk bytes | 2: a free chunk */
/* From-space and freed memory are poisoned with this in verify mode: >= 2^48, so it never
 * passes the pointer test and a stale read shows up as garbage, not as a valid object. */
#define GC_POISON_BYTE 0xdb

static inline bool gc_word_is_ptr(GcWord w) { return w >= 16 && w < ((GcWord)1 << 48); }
static inline GcWord gc_filler_word(size_t bytes) { return (GcWord)bytes | GC_TAG_FILLER; }
static inline bool gc_is_filler(GcWord header) { return (header & GC_TAG_MASK) == GC_TAG_FILLER; }
static inline size_t gc_filler_size(GcWord header) { return (size_t)(header & ~GC_TAG_MASK); }
static inline size_t gc_align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* ---------------------------------------------------------------- chunks and pages */

#define GC_CHUNK_MAGIC 0x6d6a7367u /* "mjsg": lets the verifier trust a chunk header */
enum { CHUNK_EVACUATE = 1, CHUNK_LO_MARKED = 2 };

/* Remembered set of one chunk: one bit per word (relative to the chunk start) for each
 * old->new slot, plus a summary bit per non-zero bitmap word so sparse sets scan fast.
 * A bitmap never overflows and never holds duplicates. */
typedef struct SlotSet {
    uint64_t *bits;
    uint64_t *summary;
    size_t nwords; /* uint64 words in bits */
    size_t count;  /* set bits */
} SlotSet;

typedef struct Chunk {
    uint32_t magic;
    uint8_t space; /* GcSpace */
    uint8_t flags;
    size_t size; /* bytes mapped at this address */
    uintptr_t area_start, area_end;
    size_t live_bytes;                          /* set by sweeping */
    size_t free_bytes, free_small, free_medium; /* free-list census for candidate selection */
    struct Chunk *prev, *next;
    SlotSet slots;
    uint64_t *marks; /* pages: the inline mark bitmap; LO: NULL (CHUNK_LO_MARKED flag) */
} Chunk;

/* A 1 MB page of old or map space: header, mark bitmap, slot set, then the object area. */
typedef struct Page {
    Chunk chunk;
    uint64_t marks[GC_BITMAP_WORDS];
    uint64_t slot_bits[GC_BITMAP_WORDS];
    uint64_t slot_summary[GC_SUMMARY_WORDS];
} Page;
#define GC_PAGE_AREA_OFFSET ((sizeof(Page) + 63) & ~(size_t)63)
#define GC_PAGE_AREA (GC_PAGE_SIZE - GC_PAGE_AREA_OFFSET)
#define GC_LO_AREA_OFFSET ((sizeof(Chunk) + 63) & ~(size_t)63)

static inline Chunk *gc_chunk_of(uintptr_t addr) { return (Chunk *)(addr & GC_PAGE_MASK); }
static inline size_t gc_word_index(const Chunk *c, uintptr_t addr) {
    return (addr - (uintptr_t)c) >> 3;
}
static inline bool gc_bit_get(const uint64_t *bm, size_t i) { return (bm[i >> 6] >> (i & 63)) & 1; }
static inline void gc_bit_set(uint64_t *bm, size_t i) { bm[i >> 6] |= (uint64_t)1 << (i & 63); }
static inline void gc_bit_clear(uint64_t *bm, size_t i) {
    bm[i >> 6] &= ~((uint64_t)1 << (i & 63));
}

/* Chunk table: (address >> 20) -> chunk, for every 1 MB segment of every chunk. Needed where
 * only an interior address is known (a slot deep inside a 160 MB large object). */
typedef struct ChunkTable {
    uintptr_t *keys;
    Chunk **vals;
    size_t cap, count;
} ChunkTable;

/* ---------------------------------------------------------------- spaces */

typedef struct NewSpace {
    uintptr_t base; /* reservation: two semispaces of max_semi bytes */
    size_t max_semi, capacity;
    uintptr_t to_start, from_start;
    uintptr_t from_top;  /* end of the objects left in from-space by the last flip */
    uintptr_t age_mark;  /* objects below it (in its semispace) survived one GC */
    uintptr_t zeroed_to; /* to-space is zero from top up to here (zeroed lazily, ahead of top) */
    size_t survived_since_grow;
    uint64_t *marks; /* full-GC mark bitmap over the whole reservation */
} NewSpace;

/* Free lists: exact-ish classes of 16 bytes below 256 B, then V8 3.x's small (< 2 KB),
 * medium (< 16 KB), large (< 128 KB) and huge classes. */
#define GC_FREE_SMALL_CLASSES 16
#define GC_FREE_CLASSES (GC_FREE_SMALL_CLASSES + 4)
typedef struct FreeChunk {
    GcWord header; /* filler word */
    struct FreeChunk *next;
} FreeChunk;

typedef struct OldSpace {
    GcSpace id;
    Chunk *first, *last;
    size_t page_count;
    uintptr_t top, limit; /* linear allocation area inside a free chunk; [top, limit) carries
                             a filler header so the page stays iterable */
    FreeChunk *free[GC_FREE_CLASSES];
    size_t free_bytes; /* bytes in the free lists */
    size_t waste;      /* free chunks too small for any object */
    size_t used;       /* bytes handed out since the last sweep plus live bytes at it */
} OldSpace;

typedef struct LoSpace {
    Chunk *first, *last;
    size_t count, used, committed;
} LoSpace;

/* ---------------------------------------------------------------- handles, finalizers */

typedef struct HandleArea {
    GcWord *base;
    size_t count, cap; /* cap slots reserved (mmap, committed as touched) */
} HandleArea;

#define GC_PERSISTENT_BLOCK 1024
typedef struct PersistentArea {
    GcWord **blocks;
    size_t nblocks, cap_blocks;
    GcWord **free; /* stack of free slots */
    size_t nfree, cap_free;
    size_t used; /* slots handed out in blocks so far */
} PersistentArea;

typedef struct Worklist {
    uintptr_t *items;
    size_t len, cap;
} Worklist;

/* ---------------------------------------------------------------- tracing */

#define GC_RING 8
#define GC_LINE 320
typedef struct GcTracer {
    double start_ms;         /* heap creation */
    double last_full_end_ms; /* < 0 until the first full GC */
    double pause_since_full; /* GC pause time since the last full GC ended */
    double avg_mu, cur_mu;
    char ring[GC_RING][GC_LINE];
    unsigned ring_next, ring_count;
} GcTracer;

/* One GC as the tracer sees it. */
typedef struct GcEvent {
    GcKind kind;
    const char *reason;    /* "allocation failure", "testing", ... */
    const char *collector; /* "" prints "reason; ", NULL prints just the reason */
    double start_ms;
    size_t used_before, total_before;
} GcEvent;

/* ---------------------------------------------------------------- the heap */

typedef enum AllocMode {
    ALLOC_NORMAL, /* mutator: soft (old generation) and hard limits */
    ALLOC_HARD,   /* last attempt: only the hard limit (V8's AlwaysAllocateScope + cap) */
    ALLOC_GC      /* inside a GC: no limits; only the OS can refuse */
} AllocMode;

struct Heap {
    GcFast fast; /* first: read by the inline fast paths */
    GcConfig config;
    GcHooks hooks;
    void (*visit_weak)(void *ctx, GcVisitor *v); /* gc_set_weak_hook */
    NewSpace new_space;
    OldSpace old_space, map_space;
    LoSpace lo_space;
    ChunkTable chunks;
    size_t old_gen_limit; /* soft limit: a full GC once old generation objects exceed it */
    bool full_gc_needed;  /* promotion went over the soft limit: next GC is full */
    HandleArea handles;
    PersistentArea persistents;
    Worklist finalizers; /* registered objects (addresses, updated on every GC) */
    Worklist ephemeron_tables; /* gc_register_ephemeron_table (addresses, updated likewise) */
    Worklist worklist;   /* marking */
    Worklist promoted;   /* objects moved into old space by a GC, still to scan */
    Worklist evac_slots; /* full GC: slots of live objects that point into evacuation pages */
    bool in_gc, full_gc_running;
    int no_gc_depth;
    unsigned alloc_count;
    bool stress_full_next;
    size_t external;
    size_t external_limit; /* gc_external_pressure: reset after each full GC */
    unsigned scavenges, full_gcs, compactions;
    double total_pause_ms;
    GcTracer tracer;
};

struct GcVisitor {
    void (*fn)(GcVisitor *v, GcWord *slot); /* called for pointer words only */
    Heap *heap;
    Chunk *host_chunk; /* set when slots of an old/map/LO object are visited and recorded */
    GcWord weak_dead;  /* gc_visit_weak: the value for a slot whose target died */
    /* gc_visit_ephemeron's handler; NULL: pairs are skipped (the tables are visited apart) */
    void (*ephemeron)(GcVisitor *v, GcWord *key, GcWord *value, GcWord dead_value);
};

/* pages.c: chunk memory and the chunk table */
void *gc_os_map_aligned(Heap *heap, size_t bytes, size_t align, const char *what);
void gc_os_unmap(void *p, size_t bytes);
void *gc_os_reserve(Heap *heap, size_t bytes, const char *what);
void gc_chunk_table_add(Heap *heap, Chunk *c);
void gc_chunk_table_remove(Heap *heap, Chunk *c);
Chunk *gc_chunk_lookup(const Heap *heap, uintptr_t addr);
void gc_chunk_table_free(Heap *heap);

/* semispace.c */
void gc_new_space_init(Heap *heap);
void gc_new_space_free(Heap *heap);
void *gc_new_space_alloc(Heap *heap, size_t bytes);
void gc_new_space_flip(Heap *heap);
void gc_new_space_after_gc(Heap *heap, size_t survived);
void gc_new_space_reset_limit(Heap *heap);
static inline size_t gc_new_space_used(const Heap *h) {
    return h->fast.top - h->new_space.to_start;
}
static inline bool gc_in_from_space(const Heap *h, uintptr_t a) {
    return a - h->new_space.from_start < h->new_space.max_semi;
}

/* oldspace.c (old and map space) */
void gc_old_space_init(OldSpace *s, GcSpace id);
void gc_old_space_free(Heap *heap, OldSpace *s);
void *gc_old_space_alloc(Heap *heap, OldSpace *s, size_t bytes, AllocMode mode);
void gc_old_space_reset_free_lists(OldSpace *s);
void gc_old_space_add_free(Heap *heap, OldSpace *s, uintptr_t start, size_t bytes);
void gc_old_space_release_page(Heap *heap, OldSpace *s, Chunk *page);
size_t gc_old_space_available(const OldSpace *s);
size_t gc_old_gen_committed(const Heap *heap);
size_t gc_old_gen_used(const Heap *heap);

/* lospace.c */
void *gc_lo_alloc(Heap *heap, size_t bytes, AllocMode mode);
void gc_lo_free_all(Heap *heap);
void gc_lo_sweep(Heap *heap);
static inline void *gc_lo_object(const Chunk *c) { return (void *)c->area_start; }

/* barrier.c: slot sets */
void gc_slot_set_insert(Heap *heap, Chunk *c, GcWord *slot);
void gc_slot_set_clear_range(Chunk *c, uintptr_t start, uintptr_t end);
void gc_slot_set_clear_all(Chunk *c);
/* Calls fn on each recorded slot; fn returns false to drop the slot from the set. */
void gc_slot_set_iterate(Chunk *c, bool (*fn)(Heap *heap, GcWord *slot), Heap *heap);
static inline bool gc_slot_set_contains(const Chunk *c, const GcWord *slot) {
    size_t i = gc_word_index(c, (uintptr_t)slot);
    return c->slots.bits && i < c->slots.nwords * 64 && gc_bit_get(c->slots.bits, i);
}
void gc_slot_set_free(Chunk *c);

/* handles.c */
void gc_handles_init(Heap *heap);
void gc_handles_free(Heap *heap);
void gc_handles_visit(Heap *heap, GcVisitor *v);
void gc_worklist_push(Heap *heap, Worklist *w, uintptr_t item);
void gc_worklist_free(Worklist *w);
/* scavenge: finalize dead new-space registrants, update moved ones */
void gc_finalizers_after_scavenge(Heap *heap);
/* full GC, after marking: finalize the unmarked */
void gc_finalizers_after_marking(Heap *heap);
void gc_finalizers_update(Heap *heap, GcVisitor *v);
/* Weak slots (hooks.visit_weak): fn sees v->weak_dead. They are never remembered. */
void gc_weak_visit(Heap *heap, void (*fn)(GcVisitor *, GcWord *));

/* ephemeron.c: the registered tables. A round visits the tables known live and traces,
 * through strong->fn, the values of pairs whose keys are live; true if it traced anything
 * new (then drain and run another round). After the fixpoint: drop dead tables, clear the
 * pairs whose keys died. Compaction then updates moved tables and pair slots with update. */
bool gc_ephemerons_scavenge_round(Heap *heap, GcVisitor *strong);
void gc_ephemerons_after_scavenge(Heap *heap);
bool gc_ephemerons_mark_round(Heap *heap, GcVisitor *strong);
void gc_ephemerons_after_marking(Heap *heap);
void gc_ephemerons_update(Heap *heap, void (*update)(GcVisitor *, GcWord *));

/* scavenge.c */
void gc_scavenge(Heap *heap);
/* Copy a live new-space object by V8's promotion rules; leaves a forwarding header. */
uintptr_t gc_evacuate_young(Heap *heap, uintptr_t obj, size_t size, bool *promoted);

/* marksweep.c */
bool gc_is_marked(const Heap *heap, uintptr_t obj);
void gc_set_mark(Heap *heap, uintptr_t obj); /* allocate black (evacuation targets) */
void gc_mark(Heap *heap);
void gc_sweep(Heap *heap);
void gc_visit_strong_roots(Heap *heap, GcVisitor *v);
/* Calls fn(heap, obj) for each marked object of a page in address order. */
void gc_page_for_each_marked(Heap *heap, Chunk *page, void (*fn)(Heap *, uintptr_t, void *),
                             void *ctx);

/* compact.c */
void gc_mark_compact(Heap *heap, bool force_compact);

/* verify.c */
void gc_poison(void *start, size_t bytes);

/* trace.c */
double gc_now_ms(void);
void gc_trace_init(Heap *heap);
void gc_trace_begin(Heap *heap, GcEvent *e, GcKind kind, const char *reason, const char *collector);
void gc_trace_end(Heap *heap, GcEvent *e);
_Noreturn void gc_fatal_oom(Heap *heap, const char *message);
_Noreturn void gc_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* heap.c */
void gc_collect_internal(Heap *heap, GcKind kind, const char *reason, const char *collector);
size_t gc_heap_used(const Heap *heap);
size_t gc_heap_committed(const Heap *heap);
static inline size_t gc_object_size(Heap *h, const void *obj) {
    return h->hooks.object_size(h->hooks.ctx, obj);
}

#endif
