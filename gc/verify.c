/* verify.c: the heap verifier (--verify-heap) and poisoning. Pass 1 walks every space and
 * checks headers, sizes and accounting, noting object starts in the mark bitmaps; pass 2
 * checks roots and pointer slots against those starts and old->new slots against the
 * remembered set. Invariant: the mark bitmaps are clear again when gc_verify returns.
 */
#include <stdarg.h>
#include <string.h>

#include "gc_int.h"

#define GC_MAX_REPORTS 20

typedef struct Verifier {
    GcVisitor v; /* first: the visitor callback gets a Verifier */
    Heap *heap;
    size_t errors;
    uintptr_t host; /* object whose slots are visited, 0 for roots */
    Chunk *host_chunk;
    const char *what;
} Verifier;

static const char *space_name(int s) {
    static const char *const names[] = {"new", "old", "map", "large-object"};
    return s >= 0 && s < 4 ? names[s] : "?";
}

static void report(Verifier *vf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(Verifier *vf, const char *fmt, ...) {
    if (vf->errors++ >= GC_MAX_REPORTS) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "gc_verify: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
}

void gc_poison(void *start, size_t bytes) { memset(start, GC_POISON_BYTE, bytes); }

/* ---------------------------------------------------------------- object starts */

static void set_start(Heap *heap, uintptr_t a) {
    if (gc_in_new_space(heap, (const void *)a))
        gc_bit_set(heap->new_space.marks, (a - heap->fast.new_lo) >> 3);
    else
        gc_bit_set(gc_chunk_of(a)->marks, gc_word_index(gc_chunk_of(a), a));
}

/* NULL when a is the start of an object, else why not. */
static const char *not_an_object(const Heap *heap, uintptr_t a) {
    const NewSpace *ns = &heap->new_space;
    if (gc_in_new_space(heap, (const void *)a)) {
        if (gc_in_from_space(heap, a))
            return "a from-space address (a stale pointer the GC did not update)";
        if (a >= heap->fast.top) return "beyond the new-space allocation top";
        if (!gc_bit_get(ns->marks, (a - heap->fast.new_lo) >> 3))
            return "inside a new-space object, not its start";
        return NULL;
    }
    const Chunk *c = gc_chunk_lookup(heap, a);
    if (!c) return "outside the heap";
    if (c->magic != GC_CHUNK_MAGIC) return "in a chunk with a broken header";
    if (c->space == GC_LO_SPACE)
        return a == c->area_start ? NULL : "inside a large object, not its start";
    if (a < c->area_start || a >= c->area_end) return "in a page header";
    if (!gc_bit_get(c->marks, gc_word_index(c, a)))
        return "not the start of a live object (freed, filler or interior)";
    return NULL;
}

static bool check_header(Verifier *vf, uintptr_t obj, const char *space) {
    GcWord hdr = *(GcWord *)obj;
    const char *why = NULL;
    if ((hdr & GC_TAG_MASK) == GC_TAG_FORWARD)
        why = "a forwarding word";
    else if (gc_is_filler(hdr))
        why = "a filler word";
    else if (!gc_word_is_ptr(hdr))
        why = "not a pointer (poisoned or uninitialised memory?)";
    else {
        const Chunk *mc = gc_chunk_lookup(vf->heap, (uintptr_t)hdr);
        if (!mc || mc->space != GC_MAP_SPACE || hdr < mc->area_start || hdr >= mc->area_end)
            why = "not a pointer into map space";
    }
    if (why)
        report(vf, "%s-space object %p: header %#llx is %s", space, (void *)obj,
               (unsigned long long)hdr, why);
    return !why;
}

static bool check_size(Verifier *vf, uintptr_t obj, size_t size, uintptr_t end, const char *space) {
    if (size >= GC_MIN_OBJECT && !(size & 7) && size <= end - obj) return true;
    report(vf, "%s-space object %p: bad size %zu (room to %p)", space, (void *)obj, size,
           (void *)end);
    return false;
}

/* ---------------------------------------------------------------- pass 1: structure */

static void walk_new(Verifier *vf) {
    Heap *heap = vf->heap;
    for (uintptr_t a = heap->new_space.to_start; a < heap->fast.top;) {
        if (!check_header(vf, a, "new")) return;
        size_t size = gc_object_size(heap, (void *)a);
        if (!check_size(vf, a, size, heap->fast.top, "new")) return;
        set_start(heap, a);
        a += size;
    }
}

static void walk_paged(Verifier *vf, OldSpace *s) {
    Heap *heap = vf->heap;
    const char *name = space_name(s->id);
    size_t objects = 0, fillers = 0, pages = 0;
    for (Chunk *c = s->first; c; c = c->next) {
        pages++;
        if (c->magic != GC_CHUNK_MAGIC || c->space != s->id ||
            gc_chunk_lookup(heap, (uintptr_t)c) != c) {
            report(vf, "%s space: page %p has a broken header or is not in the chunk table", name,
                   (void *)c);
            continue;
        }
        for (uintptr_t a = c->area_start; a < c->area_end;) {
            GcWord hdr = *(GcWord *)a;
            if (gc_is_filler(hdr)) {
                size_t size = gc_filler_size(hdr);
                if (!size || size > c->area_end - a) {
                    report(vf, "%s space: filler at %p has bad size %zu", name, (void *)a, size);
                    break;
                }
                fillers += size;
                a += size;
                continue;
            }
            if (!check_header(vf, a, name)) break;
            size_t size = gc_object_size(heap, (void *)a);
            if (!check_size(vf, a, size, c->area_end, name)) break;
            set_start(heap, a);
            objects += size;
            a += size;
        }
    }
    if (pages != s->page_count)
        report(vf, "%s space: %zu pages listed, page_count says %zu", name, pages, s->page_count);
    if (!vf->errors && objects != s->used)
        report(vf, "%s space: objects take %zu bytes but the space counts %zu used", name, objects,
               s->used);
    size_t free_bytes = s->free_bytes + s->waste + (s->limit - s->top);
    if (!vf->errors && fillers != free_bytes)
        report(vf, "%s space: fillers take %zu bytes but free lists + waste + LAB hold %zu", name,
               fillers, free_bytes);
}

static void walk_lo(Verifier *vf) {
    Heap *heap = vf->heap;
    size_t used = 0;
    for (Chunk *c = heap->lo_space.first; c; c = c->next) {
        if (c->magic != GC_CHUNK_MAGIC || c->space != GC_LO_SPACE ||
            gc_chunk_lookup(heap, (uintptr_t)c) != c) {
            report(vf, "large-object space: chunk %p has a broken header", (void *)c);
            continue;
        }
        uintptr_t a = c->area_start;
        used += c->area_end - a;
        if (!check_header(vf, a, "large-object")) continue;
        size_t size = gc_object_size(heap, (void *)a);
        if (size != c->area_end - a)
            report(vf, "large object %p: size %zu, but its chunk holds %zu", (void *)a, size,
                   (size_t)(c->area_end - a));
    }
    if (used != heap->lo_space.used)
        report(vf, "large-object space: objects take %zu bytes, the space counts %zu", used,
               heap->lo_space.used);
}

/* ---------------------------------------------------------------- pass 2: pointers */

static void verify_slot(GcVisitor *v, GcWord *slot) {
    Verifier *vf = (Verifier *)v;
    Heap *heap = vf->heap;
    uintptr_t w = (uintptr_t)*slot;
    const char *why = not_an_object(heap, w);
    if (why) {
        if (vf->host)
            report(vf, "slot %p of object %p holds %p: %s", (void *)slot, (void *)vf->host,
                   (void *)w, why);
        else
            report(vf, "%s slot %p holds %p: %s", vf->what, (void *)slot, (void *)w, why);
        return;
    }
    if (vf->host_chunk && gc_in_new_space(heap, (const void *)w) &&
        !gc_slot_set_contains(vf->host_chunk, slot))
        report(vf,
               "slot %p of %s-space object %p points to new-space %p but is not in the remembered "
               "set (a store "
               "without the write barrier?)",
               (void *)slot, space_name(vf->host_chunk->space), (void *)vf->host, (void *)w);
}

/* Pair slots hold objects (or dead words) like any slot, but are never remembered. */
static void verify_pair(GcVisitor *v, GcWord *key, GcWord *value, GcWord dead_value) {
    Verifier *vf = (Verifier *)v;
    Chunk *host_chunk = vf->host_chunk;
    vf->host_chunk = NULL;
    gc_visit_slot(v, key);
    gc_visit_slot(v, value);
    vf->host_chunk = host_chunk;
    if (*key == dead_value && *value != dead_value)
        report(vf, "ephemeron pair %p of object %p: dead key but value %#llx", (void *)key,
               (void *)vf->host, (unsigned long long)*value);
}

static void check_object(Verifier *vf, uintptr_t obj, Chunk *host_chunk) {
    Heap *heap = vf->heap;
    uintptr_t map = (uintptr_t) * (GcWord *)obj;
    const char *why = not_an_object(heap, map);
    if (!why && gc_chunk_of(map)->space != GC_MAP_SPACE) why = "not in map space";
    if (!why && not_an_object(heap, (uintptr_t) * (GcWord *)map))
        why = "a map whose own header is not a map";
    if (why) report(vf, "object %p: map %p is %s", (void *)obj, (void *)map, why);
    vf->host = obj;
    vf->host_chunk = host_chunk;
    heap->hooks.visit_object(heap->hooks.ctx, (void *)obj, &vf->v);
    vf->host = 0;
    vf->host_chunk = NULL;
}

static void check_pages(Verifier *vf, OldSpace *s) {
    for (Chunk *c = s->first; c; c = c->next) {
        for (uintptr_t a = c->area_start; a < c->area_end;) {
            GcWord hdr = *(GcWord *)a;
            if (gc_is_filler(hdr)) {
                a += gc_filler_size(hdr);
                continue;
            }
            size_t size = gc_object_size(vf->heap, (void *)a);
            check_object(vf, a, c);
            a += size;
        }
    }
}

static void clear_starts(Heap *heap) {
    NewSpace *ns = &heap->new_space;
    size_t first = (ns->to_start - ns->base) >> 3;
    memset(ns->marks + (first >> 6), 0, ns->max_semi / 64);
    OldSpace *spaces[2] = {&heap->old_space, &heap->map_space};
    for (int i = 0; i < 2; i++)
        for (Chunk *c = spaces[i]->first; c; c = c->next)
            memset(c->marks, 0, sizeof(uint64_t) * GC_BITMAP_WORDS);
}

bool gc_verify(Heap *heap) {
    if (heap->in_gc || heap->full_gc_running) {
        fprintf(stderr, "gc_verify: called during a GC\n");
        return false;
    }
    Verifier vf = {{verify_slot, heap, NULL, 0, verify_pair}, heap, 0, 0, NULL, "root"};
    gc_no_gc_enter(heap);
    walk_new(&vf);
    walk_paged(&vf, &heap->old_space);
    walk_paged(&vf, &heap->map_space);
    walk_lo(&vf);
    if (!vf.errors) { /* pointers are only checked on a walkable heap */
        for (uintptr_t a = heap->new_space.to_start; a < heap->fast.top;) {
            size_t size = gc_object_size(heap, (void *)a);
            check_object(&vf, a, NULL);
            a += size;
        }
        check_pages(&vf, &heap->old_space);
        check_pages(&vf, &heap->map_space);
        for (Chunk *c = heap->lo_space.first; c; c = c->next) check_object(&vf, c->area_start, c);
        vf.what = "root";
        heap->hooks.visit_roots(heap->hooks.ctx, &vf.v);
        vf.what = "handle";
        gc_handles_visit(heap, &vf.v);
        vf.what = "weak";
        if (heap->visit_weak) heap->visit_weak(heap->hooks.ctx, &vf.v);
        for (size_t i = 0; i < heap->finalizers.len; i++) {
            const char *why = not_an_object(heap, heap->finalizers.items[i]);
            if (why)
                report(&vf, "finalizer registry entry %p: %s", (void *)heap->finalizers.items[i],
                       why);
        }
        for (size_t i = 0; i < heap->ephemeron_tables.len; i++) {
            const char *why = not_an_object(heap, heap->ephemeron_tables.items[i]);
            if (why)
                report(&vf, "ephemeron table %p: %s", (void *)heap->ephemeron_tables.items[i], why);
        }
    }
    clear_starts(heap);
    gc_no_gc_exit(heap);
    if (vf.errors > GC_MAX_REPORTS)
        fprintf(stderr, "gc_verify: ... %zu errors in all\n", vf.errors);
    return vf.errors == 0;
}
