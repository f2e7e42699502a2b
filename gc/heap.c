/* heap.c: heap creation, the allocation slow paths with V8's retry ladder (GC, retry, last
 * resort GCs, retry, fatal), the GC driver and its triggers, stats and heap walking.
 * Invariant: allocation either returns zeroed memory or ends the process with the OOM report;
 * no GC starts while another runs or inside a no-GC scope.
 */
#include <stdlib.h>
#include <string.h>

#include "gc_int.h"

#define GC_MIB ((size_t)1024 * 1024)
#define GC_EXTERNAL_SOFT_LIMIT (64 * GC_MIB)

static size_t old_gen_limit_for(const Heap *heap, size_t live) {
    /* V8 3.2x: min(max(2 x live, 8 MB) + new capacity, halfway from live to the max). */
    size_t grow = (2 * live > 8 * GC_MIB ? 2 * live : 8 * GC_MIB) + heap->new_space.capacity;
    size_t halfway = (live + heap->config.max_old_bytes) / 2;
    return grow < halfway ? grow : halfway;
}

Heap *gc_heap_new(const GcConfig *config, const GcHooks *hooks) {
    Heap *heap = calloc(1, sizeof *heap);
    if (!heap) gc_fatal_oom(NULL, "Heap::Setup Allocation failed - process out of memory");
    if (config) heap->config = *config;
    GcConfig *c = &heap->config;
    if (!c->max_old_bytes) c->max_old_bytes = 1400 * GC_MIB;
    if (!c->max_semi_bytes) c->max_semi_bytes = 16 * GC_MIB;
    if (!c->initial_semi_bytes) c->initial_semi_bytes = 1 * GC_MIB;
    /* Semispaces: whole 64 KB units, initial <= max, so doubling ends exactly at the max. */
    c->max_semi_bytes = (c->max_semi_bytes + 0xffff) & ~(size_t)0xffff;
    c->initial_semi_bytes = (c->initial_semi_bytes + 0xffff) & ~(size_t)0xffff;
    if (c->initial_semi_bytes > c->max_semi_bytes) c->initial_semi_bytes = c->max_semi_bytes;
    gc_trace_init(heap);
    gc_new_space_init(heap);
    gc_old_space_init(&heap->old_space, GC_OLD_SPACE);
    gc_old_space_init(&heap->map_space, GC_MAP_SPACE);
    gc_handles_init(heap);
    heap->old_gen_limit = old_gen_limit_for(heap, 0);
    heap->hooks = *hooks; /* last: an OOM report during setup must not call into the VM */
    return heap;
}

void gc_heap_free(Heap *heap) {
    if (!heap) return;
    gc_old_space_free(heap, &heap->old_space);
    gc_old_space_free(heap, &heap->map_space);
    gc_lo_free_all(heap);
    gc_new_space_free(heap);
    gc_handles_free(heap);
    gc_chunk_table_free(heap);
    free(heap);
}

/* ---------------------------------------------------------------- the GC driver */

void gc_collect_internal(Heap *heap, GcKind kind, const char *reason, const char *collector) {
    if (heap->in_gc) gc_fatal("a GC was requested while a GC is running (from a GC hook?)");
    if (heap->no_gc_depth) gc_fatal("a GC was requested inside a no-GC scope");
    /* 3.x: a scavenge might have to promote all of new space; if old space cannot take it
     * under the limit, collect everything instead. */
    if (kind == GC_SCAVENGE &&
        gc_old_gen_committed(heap) + gc_new_space_used(heap) > heap->config.max_old_bytes) {
        kind = GC_FULL;
        collector = "scavenge might not succeed";
    }
    GcEvent e;
    gc_trace_begin(heap, &e, kind, reason, collector);
    heap->in_gc = true;
    gc_new_space_reset_limit(heap);
    if (kind == GC_SCAVENGE) {
        gc_scavenge(heap);
        heap->scavenges++;
    } else {
        gc_mark_compact(heap, kind == GC_FULL_COMPACT || heap->config.gc_interval);
        heap->full_gcs++;
        heap->full_gc_needed = false;
        heap->old_gen_limit = old_gen_limit_for(heap, gc_old_gen_used(heap));
        heap->external_limit = heap->external + GC_EXTERNAL_SOFT_LIMIT;
    }
    heap->in_gc = false;
    gc_new_space_reset_limit(heap);
    gc_trace_end(heap, &e);
    if (heap->config.verify_heap && !gc_verify(heap))
        gc_fatal("heap verification failed after a %s (--verify-heap)",
                 kind == GC_SCAVENGE ? "scavenge" : "mark-compact");
}

void gc_collect(Heap *heap, GcKind kind, const char *reason) {
    gc_collect_internal(heap, kind, reason ? reason : "testing",
                        kind == GC_SCAVENGE ? "" : "GC in old space requested");
}

/* New space is full: scavenge, unless old space may not absorb the survivors or promotion
 * already went past the old generation's soft limit. */
static void collect_for_new_space(Heap *heap) {
    if (heap->full_gc_needed || gc_old_gen_used(heap) > heap->old_gen_limit)
        gc_collect_internal(heap, GC_FULL, "allocation failure", "promotion limit reached");
    else
        gc_collect_internal(heap, GC_SCAVENGE, "allocation failure", "");
}

static void last_resort(Heap *heap) {
    for (int i = 0; i < 2; i++)
        gc_collect_internal(heap, GC_FULL_COMPACT, "last resort GC in old space requested", NULL);
}

static void before_alloc(Heap *heap, size_t bytes) {
    if (heap->no_gc_depth || heap->in_gc)
        gc_fatal("allocation of %zu bytes inside a no-GC scope or during a GC (a GC hook must not "
                 "allocate)",
                 bytes);
    if (bytes < GC_MIN_OBJECT || bytes & 7)
        gc_fatal("allocation of %zu bytes: sizes must be multiples of 8, at least %d", bytes,
                 GC_MIN_OBJECT);
    if (heap->config.gc_interval && ++heap->alloc_count >= heap->config.gc_interval) {
        heap->alloc_count = 0;
        GcKind kind = heap->stress_full_next ? GC_FULL_COMPACT : GC_SCAVENGE;
        heap->stress_full_next = !heap->stress_full_next;
        gc_collect_internal(heap, kind, "testing",
                            kind == GC_SCAVENGE ? "" : "GC in old space requested");
    }
}

static bool over_hard_limit(const Heap *heap) {
    return gc_old_gen_committed(heap) > heap->config.max_old_bytes;
}

static _Noreturn void out_of_memory(Heap *heap) {
    gc_fatal_oom(heap, "Reached heap limit Allocation failed - JavaScript heap out of memory");
}

static void *alloc_old_retry(Heap *heap, OldSpace *s, size_t bytes) {
    void *p = gc_old_space_alloc(heap, s, bytes, ALLOC_NORMAL);
    if (!p) {
        gc_collect_internal(heap, GC_FULL, "allocation failure", "GC in old space requested");
        p = gc_old_space_alloc(heap, s, bytes, ALLOC_NORMAL);
    }
    if (!p) {
        last_resort(heap);
        p = gc_old_space_alloc(heap, s, bytes, ALLOC_HARD);
    }
    if (!p) out_of_memory(heap);
    memset(p, 0, bytes); /* free-list memory holds old contents */
    return p;
}

static void *alloc_lo_retry(Heap *heap, size_t bytes) {
    void *p = gc_lo_alloc(heap, bytes, ALLOC_NORMAL);
    if (!p) {
        gc_collect_internal(heap, GC_FULL, "allocation failure", "GC in old space requested");
        p = gc_lo_alloc(heap, bytes, ALLOC_NORMAL);
    }
    if (!p) {
        last_resort(heap);
        p = gc_lo_alloc(heap, bytes, ALLOC_HARD);
    }
    if (!p) out_of_memory(heap);
    return p;
}

void *gc_alloc_slow(Heap *heap, size_t bytes) {
    before_alloc(heap, bytes);
    if (bytes > GC_LARGE_OBJECT_THRESHOLD) return alloc_lo_retry(heap, bytes);
    /* Too big to share a semispace sensibly: pretenure. */
    if (bytes > heap->new_space.capacity / 2) return alloc_old_retry(heap, &heap->old_space, bytes);
    void *p = gc_new_space_alloc(heap, bytes);
    if (p) return p;
    collect_for_new_space(heap);
    /* GCs promote without limits (they cannot fail half-way), so survivors may leave the old
     * generation over its hard limit: that is this allocation failing. */
    if (!over_hard_limit(heap) && (p = gc_new_space_alloc(heap, bytes))) return p;
    gc_collect_internal(heap, GC_FULL, "allocation failure", "GC in old space requested");
    if (!over_hard_limit(heap) && (p = gc_new_space_alloc(heap, bytes))) return p;
    last_resort(heap);
    if (!over_hard_limit(heap) && (p = gc_new_space_alloc(heap, bytes))) return p;
    out_of_memory(heap);
}

void *gc_alloc_old(Heap *heap, size_t bytes) {
    before_alloc(heap, bytes);
    if (bytes > GC_LARGE_OBJECT_THRESHOLD) return alloc_lo_retry(heap, bytes);
    return alloc_old_retry(heap, &heap->old_space, bytes);
}

void *gc_alloc_map(Heap *heap, size_t bytes) {
    before_alloc(heap, bytes);
    if (bytes > GC_LARGE_OBJECT_THRESHOLD)
        gc_fatal("gc_alloc_map: %zu bytes is too large for map space", bytes);
    return alloc_old_retry(heap, &heap->map_space, bytes);
}

/* ---------------------------------------------------------------- guards, stats, walking */

void gc_no_gc_enter(Heap *heap) {
    heap->no_gc_depth++;
    gc_new_space_reset_limit(heap);
}

void gc_no_gc_exit(Heap *heap) {
    if (heap->no_gc_depth <= 0) gc_fatal("gc_no_gc_exit without gc_no_gc_enter");
    heap->no_gc_depth--;
    gc_new_space_reset_limit(heap);
}

void gc_adjust_external(Heap *heap, int64_t delta) {
    if (delta < 0 && (size_t)-delta > heap->external)
        heap->external = 0;
    else
        heap->external = (size_t)((int64_t)heap->external + delta);
}

bool gc_external_pressure(const Heap *heap, size_t more) {
    size_t limit = heap->external_limit ? heap->external_limit : GC_EXTERNAL_SOFT_LIMIT;
    return heap->external + more > limit;
}

size_t gc_heap_used(const Heap *heap) { return gc_new_space_used(heap) + gc_old_gen_used(heap); }

size_t gc_heap_committed(const Heap *heap) {
    return 2 * heap->new_space.capacity + gc_old_gen_committed(heap);
}

void gc_stats(Heap *heap, GcStats *out) {
    memset(out, 0, sizeof *out);
    const NewSpace *ns = &heap->new_space;
    out->space_used[GC_NEW_SPACE] = gc_new_space_used(heap);
    out->space_committed[GC_NEW_SPACE] = 2 * ns->capacity;
    out->space_available[GC_NEW_SPACE] = ns->capacity - gc_new_space_used(heap);
    const OldSpace *spaces[2] = {&heap->old_space, &heap->map_space};
    for (int i = 0; i < 2; i++) {
        out->space_used[spaces[i]->id] = spaces[i]->used;
        out->space_committed[spaces[i]->id] = spaces[i]->page_count * GC_PAGE_SIZE;
        out->space_available[spaces[i]->id] = gc_old_space_available(spaces[i]);
    }
    out->space_used[GC_LO_SPACE] = heap->lo_space.used;
    out->space_committed[GC_LO_SPACE] = heap->lo_space.committed;
    out->heap_total = gc_heap_committed(heap);
    out->heap_used = gc_heap_used(heap);
    /* V8's heap_size_limit: the young generation reserved as four semispaces, plus old. */
    out->heap_limit = 4 * ns->max_semi + heap->config.max_old_bytes;
    out->external = heap->external;
    out->new_capacity = ns->capacity;
    out->scavenges = heap->scavenges;
    out->full_gcs = heap->full_gcs;
    out->compactions = heap->compactions;
    out->total_pause_ms = heap->total_pause_ms;
}

GcSpace gc_space_of(Heap *heap, const void *obj) {
    if (gc_in_new_space(heap, obj)) return GC_NEW_SPACE;
    Chunk *c = gc_chunk_lookup(heap, (uintptr_t)obj);
    if (!c) gc_fatal("gc_space_of: %p is not in the heap", obj);
    return (GcSpace)c->space;
}

static void walk_page(Heap *heap, Chunk *c, void (*fn)(void *, void *), void *ctx) {
    for (uintptr_t a = c->area_start; a < c->area_end;) {
        GcWord hdr = *(GcWord *)a;
        if (gc_is_filler(hdr)) {
            a += gc_filler_size(hdr);
            continue;
        }
        size_t size = gc_object_size(heap, (void *)a);
        fn(ctx, (void *)a);
        a += size;
    }
}

void gc_for_each_object(Heap *heap, void (*fn)(void *ctx, void *obj), void *ctx) {
    gc_no_gc_enter(heap);
    for (uintptr_t a = heap->new_space.to_start; a < heap->fast.top;) {
        size_t size = gc_object_size(heap, (void *)a);
        fn(ctx, (void *)a);
        a += size;
    }
    for (Chunk *c = heap->old_space.first; c; c = c->next) walk_page(heap, c, fn, ctx);
    for (Chunk *c = heap->map_space.first; c; c = c->next) walk_page(heap, c, fn, ctx);
    for (Chunk *c = heap->lo_space.first; c; c = c->next) fn(ctx, gc_lo_object(c));
    gc_no_gc_exit(heap);
}
