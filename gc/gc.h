/* gc.h: the managed heap. A V8-style generational collector: a new space of two semispaces
 * (Cheney scavenger, V8's two promotion rules), a paged old space (mark-sweep, compaction of
 * fragmented pages), a non-moving map space, a large-object space, a write barrier with
 * per-page remembered sets, handle scopes and persistent handles.
 * gc/ knows nothing of JS: it learns object sizes, pointer fields and roots via GcHooks.
 *
 * Word encoding shared with vm/value.h: a slot word w is a heap pointer iff 16 <= w < 2^48
 * (pointers are 8-byte aligned). Every object's first word (header) is a raw pointer to its
 * map, a heap object in the map space (never moved, never in new space). The GC itself
 * overwrites headers with forwarding words (address | 1) and uses filler headers (low bits 2)
 * for free chunks, so pages stay iterable.
 */
#ifndef MJS_GC_H
#define MJS_GC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef uint64_t GcWord;
typedef struct Heap Heap;
typedef struct GcVisitor GcVisitor;

typedef enum GcSpace { GC_NEW_SPACE, GC_OLD_SPACE, GC_MAP_SPACE, GC_LO_SPACE } GcSpace;
typedef enum GcKind { GC_SCAVENGE, GC_FULL, GC_FULL_COMPACT } GcKind;

typedef struct GcConfig {
    size_t max_old_bytes;      /* old generation limit: old + map + large-object committed; 1400 MB */
    size_t max_semi_bytes;     /* one semispace at most; 16 MB */
    size_t initial_semi_bytes; /* one semispace at start; 1 MB */
    unsigned gc_interval;      /* 0 off; N: a GC every N allocations, alternating scavenge/full+compact */
    bool verify_heap;          /* run gc_verify after every GC; abort on a broken heap */
    bool trace_gc;             /* one line per GC on stdout, node 20's format */
} GcConfig;

typedef struct GcHooks {
    void *ctx;
    /* Size in bytes (a multiple of 8, at least 16) of a live, unforwarded object. */
    size_t (*object_size)(void *ctx, const void *obj);
    /* Report every pointer-holding slot of obj except the header word (gc handles that). */
    void (*visit_object)(void *ctx, void *obj, GcVisitor *v);
    /* Report every root slot: the VM stack, isolate roots, anything not in handles. */
    void (*visit_roots)(void *ctx, GcVisitor *v);
    /* Called after GC for each dead object that was registered with gc_register_finalizer.
     * It runs inside the collector, before the object's memory is reused: the object's own
     * words (and its map) are intact, its pointer fields may be stale; it must not allocate. */
    void (*finalize)(void *ctx, void *obj);
    /* Print the JS stack for the out-of-memory report (may be NULL). */
    void (*print_js_stack)(void *ctx, FILE *out);
} GcHooks;

typedef struct GcStats {
    size_t heap_total;   /* committed bytes of all spaces (both semispaces, pages, LO chunks) */
    size_t heap_used;    /* bytes in objects */
    size_t heap_limit;   /* heap_size_limit as v8.getHeapStatistics reports it */
    size_t external;     /* bytes reported by gc_adjust_external */
    size_t space_used[4], space_committed[4], space_available[4]; /* by GcSpace */
    size_t new_capacity; /* current semispace capacity */
    unsigned scavenges, full_gcs, compactions;
    double total_pause_ms;
} GcStats;

/* Fields the inline fast paths read; the first member of struct Heap. */
typedef struct GcFast {
    uintptr_t top, limit;       /* new-space bump area */
    uintptr_t new_lo, new_hi;   /* the whole new-space reservation (both semispaces) */
    bool marking;               /* incremental marking in progress (barrier's second half) */
} GcFast;

Heap *gc_heap_new(const GcConfig *config, const GcHooks *hooks);
void gc_heap_free(Heap *heap);

/* Objects above this size (bytes) go to the large-object space: own mapping, never moved. */
#define GC_LARGE_OBJECT_THRESHOLD ((size_t)512 * 1024)

void *gc_alloc_slow(Heap *heap, size_t bytes);
/* Allocation never fails: at the limit it runs the last-resort GCs, then prints V8's fatal
 * report and aborts. Memory comes zero-filled; write the header before the next allocation.
 * Objects above the large-object threshold go to the large-object space. */
static inline void *gc_alloc(Heap *heap, size_t bytes) {
    GcFast *f = (GcFast *)heap;
    if (f->limit - f->top >= bytes) {
        void *p = (void *)f->top;
        f->top += bytes;
        return p;
    }
    return gc_alloc_slow(heap, bytes);
}
/* Pretenured: straight into old space (or LO), e.g. code templates and atoms. */
void *gc_alloc_old(Heap *heap, size_t bytes);
/* Map space: objects that are never moved (maps). */
void *gc_alloc_map(Heap *heap, size_t bytes);

static inline bool gc_in_new_space(const Heap *heap, const void *p) {
    const GcFast *f = (const GcFast *)heap;
    return (uintptr_t)p - f->new_lo < f->new_hi - f->new_lo;
}

void gc_record_slot(Heap *heap, GcWord *slot);
void gc_marking_barrier(Heap *heap, GcWord value);
/* Every store of a word into a heap object goes through here, except initialising stores
 * into an object just allocated in new space. */
static inline void gc_write_barrier(Heap *heap, void *host, GcWord *slot, GcWord value) {
    GcFast *f = (GcFast *)heap;
    if (value - f->new_lo < f->new_hi - f->new_lo && (uintptr_t)host - f->new_lo >= f->new_hi - f->new_lo)
        gc_record_slot(heap, slot);
    if (f->marking) gc_marking_barrier(heap, value);
}
/* After a bulk copy of count words into host (memmove of elements, etc). */
void gc_write_barrier_range(Heap *heap, void *host, GcWord *start, size_t count);

/* Visiting (inside hooks): slots holding non-pointer words are ignored. */
void gc_visit_slot(GcVisitor *v, GcWord *slot);
void gc_visit_range(GcVisitor *v, GcWord *start, size_t count);
/* Weak slots, e.g. the interned-string table: visit_weak (called with the hooks' ctx)
 * reports each one with gc_visit_weak. Every GC calls it once liveness is known: a slot
 * whose target died is overwritten with its dead_value, a live target's slot is updated.
 * Weak slots inside heap objects: leave them out of visit_object and store into them
 * without the write barrier (a remembered slot would be strong for scavenges). */
void gc_set_weak_hook(Heap *heap, void (*visit_weak)(void *ctx, GcVisitor *v));
void gc_visit_weak(GcVisitor *v, GcWord *slot, GcWord dead_value);

/* Ephemerons (WeakMap entries, weak references): a (key, value) pair of slots inside a table
 * object registered once, right after allocation, with gc_register_ephemeron_table. Its
 * visit_object reports each pair with gc_visit_ephemeron (never with gc_visit_slot). The value
 * is traced only while the key is alive from elsewhere (a non-pointer key counts as alive);
 * once liveness is known, both slots of a pair whose key died are overwritten with dead_value
 * (a non-pointer). Every GC visits every registered table, so pair slots are never remembered:
 * store into them with gc_write_barrier_ephemeron. A table dies like any object. */
void gc_register_ephemeron_table(Heap *heap, void *table);
void gc_visit_ephemeron(GcVisitor *v, GcWord *key, GcWord *value, GcWord dead_value);
static inline void gc_write_barrier_ephemeron(Heap *heap, GcWord value) {
    if (((GcFast *)heap)->marking) gc_marking_barrier(heap, value);
}

/* Handle scopes: handles are slots the GC treats as roots and updates when objects move.
 * Handle addresses are stable until their scope closes. */
size_t gc_scope_open(Heap *heap);
void gc_scope_close(Heap *heap, size_t mark);
GcWord *gc_handle(Heap *heap, GcWord value);
/* Persistent (strong, global) handles outlive any scope. */
GcWord *gc_persistent_new(Heap *heap, GcWord value);
void gc_persistent_free(Heap *heap, GcWord *handle);

/* obj's finalize hook runs once, after the GC that finds it dead. */
void gc_register_finalizer(Heap *heap, void *obj);

void gc_collect(Heap *heap, GcKind kind, const char *reason);
void gc_stats(Heap *heap, GcStats *out);
void gc_adjust_external(Heap *heap, int64_t delta);
/* True when adding `more` external bytes would exceed the external limit (what the last full
 * GC left plus 64 MB, as V8's external allocation soft limit): run a full GC first. */
bool gc_external_pressure(const Heap *heap, size_t more);
/* Walk every space; print what is wrong and return false if the heap is broken. */
bool gc_verify(Heap *heap);
/* Debug guard: an allocation between enter and exit aborts. */
void gc_no_gc_enter(Heap *heap);
void gc_no_gc_exit(Heap *heap);
/* Calls fn for every live object (after a full GC, for snapshots and tests); fn must not
 * allocate. Without a preceding full GC, old-space garbage not yet swept is included. */
void gc_for_each_object(Heap *heap, void (*fn)(void *ctx, void *obj), void *ctx);
GcSpace gc_space_of(Heap *heap, const void *obj);

#endif
