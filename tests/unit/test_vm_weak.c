/* test_vm_weak.c: WeakMap, WeakSet, WeakRef and FinalizationRegistry on the real isolate:
 * entries really leave the ephemeron tables when their keys die (scavenge and full GC),
 * values live exactly as long as their keys, WeakRef targets are kept until the job ends,
 * and the heap verifies clean. Most tests also run with a GC at every allocation.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include "runtime/host_int.h"
#include "test_isolate.h"

TestSuite(vm_weak, .init = setup, .fini = teardown);
TestSuite(vm_weak_stress, .init = setup_stress, .fini = teardown, .timeout = 120);

#define BOTH(name)                                                                             \
    static void body_##name(void);                                                             \
    Test(vm_weak, name) { body_##name(); }                                                     \
    Test(vm_weak_stress, name) { body_##name(); }                                              \
    static void body_##name(void)

static Value run(const char *src) {
    Value *out = vm_handle(iso, V_UNDEF);
    Status st = vm_run_script(iso, src, strlen(src), "test.js", out);
    if (st != MJS_OK) vm_report_exception(iso, vm_take_exception(iso));
    cr_assert(eq(int, st, MJS_OK));
    return *out;
}

static double num(const char *src) {
    Value v = run(src);
    cr_assert(v_is_number(v));
    return v_num(v);
}

/* Live entries in the ephemeron table of the WeakMap/WeakSet in global `name`. */
static int live_entries(const char *name) {
    Value *key = vm_handle(iso, atom_from_cstr(iso, name)), *wm = vm_handle(iso, V_UNDEF);
    cr_assert(obj_get(iso, ROOT(iso, R_GLOBAL), *key, wm) == MJS_OK);
    cr_assert(v_is_object(*wm));
    Value t = *obj_internal(*wm, 0);
    cr_assert(eq(int, v_type(t), T_EPHEMERON_TABLE));
    int n = 0;
    FixedArray *a = v_fixed(t);
    for (uint64_t i = 0; i < a->length; i += 2) n += v_is_ptr(a->items[i]);
    return n;
}

static void collect(GcKind kind) {
    gc_collect(iso->heap, kind, NULL);
    cr_assert(gc_verify(iso->heap));
}

/* Normal suite only: under stress the keys survive GCs during the script and get promoted,
 * and a scavenge cannot see old keys die. */
Test(vm_weak, entries_go_with_their_keys_in_a_scavenge) {
    run("var keep = [], wm = new WeakMap();"
        "for (var i = 0; i < 50; i++) { var k = {i: i}; wm.set(k, {v: i}); if (i % 5 == 0) "
        "keep.push(k); } k = null;");
    cr_assert(le(int, live_entries("wm"), 50));
    collect(GC_SCAVENGE);
    collect(GC_SCAVENGE); /* the script's last temporaries are gone from the stack by now */
    cr_assert(eq(int, live_entries("wm"), 10));
    cr_assert(eq(dbl, num("var ok = 0; for (var i = 0; i < keep.length; i++) "
                          "if (wm.get(keep[i]).v === keep[i].i) ok++; ok"),
                 10));
}

BOTH(entries_go_with_their_keys_in_a_full_gc) {
    run("var keep = [], wm = new WeakMap();"
        "for (var i = 0; i < 300; i++) { var k = {i: i}; wm.set(k, [i]); if (i % 3 == 0) "
        "keep.push(k); } k = null;");
    collect(GC_FULL_COMPACT);
    cr_assert(eq(int, live_entries("wm"), 100));
    run("keep.length = 10;");
    collect(GC_FULL);
    cr_assert(eq(int, live_entries("wm"), 10));
    cr_assert(eq(dbl, num("wm.get(keep[9])[0]"), 27));
}

BOTH(a_value_does_not_keep_its_own_key) {
    run("var ws = new WeakSet(), wm = new WeakMap();"
        "(function () { var k = {}; k.self = k; wm.set(k, {back: k}); ws.add(k); })();");
    collect(GC_FULL);
    cr_assert(eq(int, live_entries("wm"), 0));
    cr_assert(eq(int, live_entries("ws"), 0));
}

BOTH(weakref_target_is_kept_until_the_job_ends) {
    run("var wr = (function () { return new WeakRef({x: 42}); })();");
    collect(GC_FULL);
    cr_assert(eq(dbl, num("wr.deref().x"), 42)); /* same job: kept */
    bool again;
    cr_assert(eq(int, rt_weak_job_end(iso, &again), MJS_OK));
    cr_assert(not(again));
    collect(GC_SCAVENGE);
    collect(GC_FULL);
    cr_assert(eq(int, v_is_undef(run("wr.deref()")), 1));
}

BOTH(finalization_callbacks_run_at_job_end_for_dead_targets_only) {
    run("var log = [], keep = {}, fr = new FinalizationRegistry(function (h) { log.push(h); });"
        "(function () { fr.register({}, 'a'); fr.register(keep, 'kept'); var t = {};"
        "fr.register({}, 'gone', t); fr.unregister(t); fr.register({}, 'b'); })();");
    collect(GC_FULL);
    cr_assert(eq(dbl, num("log.length"), 0)); /* only when the job ends */
    bool again;
    cr_assert(eq(int, rt_weak_job_end(iso, &again), MJS_OK));
    cr_assert(again);
    Value s = run("log.sort().join()");
    char *c = str_to_utf8(iso, s, NULL);
    cr_assert(eq(str, c, "a,b"));
    free(c);
    cr_assert(eq(int, rt_weak_job_end(iso, &again), MJS_OK));
    cr_assert(not(again));
}

Test(vm_weak, big_weakmap_table_in_large_object_space) {
    /* 40000 pairs need a table over the large-object threshold; half the keys die. */
    run("var keep = [], wm = new WeakMap();"
        "for (var i = 0; i < 40000; i++) { var k = {}; wm.set(k, i); if (i & 1) keep.push(k); }"
        "k = null;");
    collect(GC_FULL_COMPACT);
    cr_assert(eq(int, live_entries("wm"), 20000));
    cr_assert(eq(dbl, num("wm.get(keep[19999])"), 39999));
}
