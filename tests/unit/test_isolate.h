/* test_isolate.h: the fixture shared by the engine-level suites: a fresh isolate with the
 * runtime installed per test, optionally with a GC at every allocation and the heap verified
 * after each, and one handle scope that lives until the isolate goes. */
#ifndef MJS_TEST_ISOLATE_H
#define MJS_TEST_ISOLATE_H

#include "../../runtime/runtime.h"

static Isolate *iso;

static void setup_with(unsigned gc_interval) {
    MjsOptions o = {0};
    o.gc.gc_interval = gc_interval;
    o.gc.verify_heap = gc_interval != 0;
    o.expose_gc = true;
    iso = vm_isolate_new(&o);
    rt_init(iso);
    vm_scope_open(iso);
}
static void setup(void) { setup_with(0); }
static void setup_stress(void) { setup_with(1); }
static void teardown(void) {
    rt_free(iso);
    vm_isolate_free(iso);
}

#endif
