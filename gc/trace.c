/* trace.c: --trace-gc lines in node 20's format, the ring of recent lines, mutator
 * utilisation, and the fatal reports (V8's out-of-memory report, plain fatal errors).
 * Invariant: every GC leaves one line in the ring (printed too with trace_gc), so the OOM
 * report can show the last few GCs whether or not tracing was on.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "gc_int.h"

double gc_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void gc_trace_init(Heap *heap) {
    GcTracer *t = &heap->tracer;
    t->start_ms = gc_now_ms();
    t->last_full_end_ms = -1;
    t->avg_mu = t->cur_mu = 1.0;
}

void gc_trace_begin(Heap *heap, GcEvent *e, GcKind kind, const char *reason,
                    const char *collector) {
    e->kind = kind;
    e->reason = reason;
    e->collector = collector;
    e->start_ms = gc_now_ms();
    e->used_before = gc_heap_used(heap);
    e->total_before = gc_heap_committed(heap);
}

/* mu = mutator time / wall time between the ends of two full GCs (all GC pauses count as GC
 * time); the average is smoothed with weight 1/2. The first full GC only sets the baseline,
 * as node prints 1.000 there. Scavenges print the values of the last full GC. */
static void update_mu(GcTracer *t, double end_ms) {
    if (t->last_full_end_ms >= 0) {
        double wall = end_ms - t->last_full_end_ms;
        double mu = wall > 0 ? (wall - t->pause_since_full) / wall : 0;
        if (mu < 0) mu = 0;
        t->cur_mu = mu;
        t->avg_mu = (t->avg_mu + mu) / 2;
    }
    t->last_full_end_ms = end_ms;
    t->pause_since_full = 0;
}

void gc_trace_end(Heap *heap, GcEvent *e) {
    GcTracer *t = &heap->tracer;
    double end = gc_now_ms(), pause = end - e->start_ms;
    heap->total_pause_ms += pause;
    t->pause_since_full += pause;
    if (e->kind != GC_SCAVENGE) update_mu(t, end);
    char *line = t->ring[t->ring_next];
    snprintf(line, GC_LINE,
             "[%d:%p] %8.0f ms: %s %.1f (%.1f) -> %.1f (%.1f) MB, %.2f / %.2f ms  (average mu = "
             "%.3f, current mu = "
             "%.3f) %s%s%s",
             (int)getpid(), (void *)heap, e->start_ms - t->start_ms,
             e->kind == GC_SCAVENGE ? "Scavenge" : "Mark-Compact", (double)e->used_before / GC_MB,
             (double)e->total_before / GC_MB, (double)gc_heap_used(heap) / GC_MB,
             (double)gc_heap_committed(heap) / GC_MB, pause, 0.0, t->avg_mu, t->cur_mu, e->reason,
             e->collector ? "; " : "", e->collector ? e->collector : "");
    t->ring_next = (t->ring_next + 1) % GC_RING;
    if (t->ring_count < GC_RING) t->ring_count++;
    if (heap->config.trace_gc) {
        printf("%s\n", line);
        fflush(stdout);
    }
}

_Noreturn void gc_fatal_oom(Heap *heap, const char *message) {
    fflush(stdout);
    fprintf(stderr, "\n<--- Last few GCs --->\n\n");
    if (heap) {
        GcTracer *t = &heap->tracer;
        for (unsigned i = 0; i < t->ring_count; i++)
            fprintf(stderr, "%s\n",
                    t->ring[(t->ring_next + GC_RING - t->ring_count + i) % GC_RING]);
    }
    fprintf(stderr, "\n\n<--- JS stacktrace --->\n\n");
    /* Mid-GC, objects may hold forwarding words instead of maps: the VM cannot walk them. */
    if (heap && heap->hooks.print_js_stack && !heap->in_gc) {
        heap->no_gc_depth++; /* the stack printer must not allocate: make it fatal, not a GC */
        heap->hooks.print_js_stack(heap->hooks.ctx, stderr);
    }
    fprintf(stderr, "FATAL ERROR: %s\n", message);
    fflush(stderr);
    abort();
}

_Noreturn void gc_fatal(const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "FATAL ERROR: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    fflush(stderr);
    abort();
}
