/* handles.c: handle scopes (one reserved stack of slots: addresses never move), persistent
 * handles (fixed blocks plus a free stack), the finalizer registry and growable worklists.
 * Invariant: slots below handles.count and all persistent slots are strong roots; freed
 * persistent slots hold 0, which no visitor takes for a pointer.
 */
#include <stdlib.h>

#include "gc_int.h"

/* 64 MB of handle slots (8M handles), committed only as they are touched. */
#define GC_HANDLE_AREA_BYTES ((size_t)64 * 1024 * 1024)

void gc_handles_init(Heap *heap) {
    heap->handles.base = gc_os_reserve(
        heap, GC_HANDLE_AREA_BYTES, "HandleScope::Setup Allocation failed - process out of memory");
    heap->handles.cap = GC_HANDLE_AREA_BYTES / sizeof(GcWord);
    heap->handles.count = 0;
}

void gc_handles_free(Heap *heap) {
    gc_os_unmap(heap->handles.base, GC_HANDLE_AREA_BYTES);
    PersistentArea *p = &heap->persistents;
    for (size_t i = 0; i < p->nblocks; i++) free(p->blocks[i]);
    free(p->blocks);
    free(p->free);
    gc_worklist_free(&heap->finalizers);
    gc_worklist_free(&heap->ephemeron_tables);
    gc_worklist_free(&heap->worklist);
    gc_worklist_free(&heap->promoted);
    gc_worklist_free(&heap->evac_slots);
}

size_t gc_scope_open(Heap *heap) { return heap->handles.count; }

void gc_scope_close(Heap *heap, size_t mark) {
    if (mark > heap->handles.count)
        gc_fatal("gc_scope_close: scope mark %zu is above the handle stack top %zu (scopes closed "
                 "out of order)",
                 mark, heap->handles.count);
    heap->handles.count = mark;
}

GcWord *gc_handle(Heap *heap, GcWord value) {
    HandleArea *h = &heap->handles;
    if (h->count == h->cap)
        gc_fatal("HandleScope::CreateHandle() too many handles (%zu): a loop probably creates "
                 "handles without "
                 "its own handle scope",
                 h->cap);
    GcWord *slot = h->base + h->count++;
    *slot = value;
    return slot;
}

GcWord *gc_persistent_new(Heap *heap, GcWord value) {
    PersistentArea *p = &heap->persistents;
    GcWord *slot;
    if (p->nfree) {
        slot = p->free[--p->nfree];
    } else {
        if (p->used == p->nblocks * GC_PERSISTENT_BLOCK) {
            if (p->nblocks == p->cap_blocks) {
                size_t cap = p->cap_blocks ? p->cap_blocks * 2 : 16;
                GcWord **nb = realloc(p->blocks, cap * sizeof *nb);
                if (!nb)
                    gc_fatal_oom(heap,
                                 "GlobalHandles::Create Allocation failed - process out of memory");
                p->blocks = nb;
                p->cap_blocks = cap;
            }
            GcWord *block = calloc(GC_PERSISTENT_BLOCK, sizeof(GcWord));
            if (!block)
                gc_fatal_oom(heap,
                             "GlobalHandles::Create Allocation failed - process out of memory");
            p->blocks[p->nblocks++] = block;
        }
        slot = p->blocks[p->used / GC_PERSISTENT_BLOCK] + p->used % GC_PERSISTENT_BLOCK;
        p->used++;
    }
    *slot = value;
    return slot;
}

void gc_persistent_free(Heap *heap, GcWord *handle) {
    PersistentArea *p = &heap->persistents;
    if (!handle) return;
    *handle = 0;
    if (p->nfree == p->cap_free) {
        size_t cap = p->cap_free ? p->cap_free * 2 : 64;
        GcWord **nf = realloc(p->free, cap * sizeof *nf);
        if (!nf)
            gc_fatal_oom(heap, "GlobalHandles::Destroy Allocation failed - process out of memory");
        p->free = nf;
        p->cap_free = cap;
    }
    p->free[p->nfree++] = handle;
}

void gc_handles_visit(Heap *heap, GcVisitor *v) {
    gc_visit_range(v, heap->handles.base, heap->handles.count);
    PersistentArea *p = &heap->persistents;
    for (size_t b = 0; b < p->nblocks; b++) {
        size_t n = p->used - b * GC_PERSISTENT_BLOCK;
        gc_visit_range(v, p->blocks[b], n < GC_PERSISTENT_BLOCK ? n : GC_PERSISTENT_BLOCK);
    }
}

/* ---------------------------------------------------------------- worklists */

void gc_worklist_push(Heap *heap, Worklist *w, uintptr_t item) {
    if (w->len == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 4096;
        uintptr_t *items = realloc(w->items, cap * sizeof *items);
        if (!items)
            gc_fatal_oom(heap, "MarkingWorklist::Push Allocation failed - process out of memory");
        w->items = items;
        w->cap = cap;
    }
    w->items[w->len++] = item;
}

void gc_worklist_free(Worklist *w) {
    free(w->items);
    *w = (Worklist){0};
}

/* ---------------------------------------------------------------- finalizers
 * The hook runs inside the GC, before the dead object's memory is reused: its own words are
 * intact but its pointer fields may be stale, and it must not allocate (that aborts). */

void gc_register_finalizer(Heap *heap, void *obj) {
    gc_worklist_push(heap, &heap->finalizers, (uintptr_t)obj);
}

static void finalize(Heap *heap, uintptr_t obj) {
    if (heap->hooks.finalize) heap->hooks.finalize(heap->hooks.ctx, (void *)obj);
}

void gc_finalizers_after_scavenge(Heap *heap) {
    Worklist *f = &heap->finalizers;
    size_t j = 0;
    for (size_t i = 0; i < f->len; i++) {
        uintptr_t a = f->items[i];
        if (gc_in_from_space(heap, a)) {
            GcWord hdr = *(GcWord *)a;
            if ((hdr & GC_TAG_MASK) != GC_TAG_FORWARD) {
                finalize(heap, a);
                continue;
            }
            a = (uintptr_t)(hdr - GC_TAG_FORWARD);
        }
        f->items[j++] = a;
    }
    f->len = j;
}

void gc_finalizers_after_marking(Heap *heap) {
    Worklist *f = &heap->finalizers;
    size_t j = 0;
    for (size_t i = 0; i < f->len; i++) {
        if (!gc_is_marked(heap, f->items[i]))
            finalize(heap, f->items[i]);
        else
            f->items[j++] = f->items[i];
    }
    f->len = j;
}

void gc_finalizers_update(Heap *heap, GcVisitor *v) {
    Worklist *f = &heap->finalizers;
    for (size_t i = 0; i < f->len; i++) {
        GcWord w = f->items[i];
        v->fn(v, &w);
        f->items[i] = (uintptr_t)w;
    }
}

/* ---------------------------------------------------------------- visiting */

void gc_visit_slot(GcVisitor *v, GcWord *slot) {
    if (gc_word_is_ptr(*slot)) v->fn(v, slot);
}

void gc_visit_range(GcVisitor *v, GcWord *start, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (gc_word_is_ptr(start[i])) v->fn(v, start + i);
}

/* ---------------------------------------------------------------- weak slots */

void gc_visit_weak(GcVisitor *v, GcWord *slot, GcWord dead_value) {
    if (!gc_word_is_ptr(*slot)) return;
    v->weak_dead = dead_value;
    v->fn(v, slot);
}

void gc_set_weak_hook(Heap *heap, void (*visit_weak)(void *ctx, GcVisitor *v)) {
    heap->visit_weak = visit_weak;
}

void gc_weak_visit(Heap *heap, void (*fn)(GcVisitor *, GcWord *)) {
    if (!heap->visit_weak) return;
    GcVisitor v = {fn, heap, NULL, 0, NULL};
    heap->visit_weak(heap->hooks.ctx, &v);
}
