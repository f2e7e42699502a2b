/* v8.c: the 'v8' built-in module: getHeapStatistics (node's keys in node's order) and
 * getHeapSpaceStatistics from gc_stats, so the chapter's heap figures come from our own
 * collector; setFlagsFromString is accepted and ignored.
 * GC: results are built in handles; nothing is kept between calls.
 */
#include <malloc.h>

#include "host_int.h"

static void set_num(Isolate *iso, Value *objh, const char *name, double d) {
    Value key = atom_from_cstr(iso, name);
    if (obj_define(iso, *objh, key, v_number(d), P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
}

static Status v8_heap_statistics(Isolate *iso, Value *argv, int argc, Value *ret) {
    GcStats s;
    gc_stats(iso->heap, &s);
    struct mallinfo2 mi = mallinfo2();
    double malloced = (double)mi.uordblks + (double)mi.hblkhd;
    RtState *rs = rt_state(iso);
    if (malloced > rs->peak_malloced) rs->peak_malloced = malloced;
    size_t sc = vm_scope_open(iso);
    Value *o = vm_handle(iso, obj_new(iso));
    set_num(iso, o, "total_heap_size", (double)s.heap_total);
    set_num(iso, o, "total_heap_size_executable", 0);
    set_num(iso, o, "total_physical_size", (double)s.heap_total);
    set_num(iso, o, "total_available_size", s.heap_limit > s.heap_used ? (double)(s.heap_limit - s.heap_used) : 0);
    set_num(iso, o, "used_heap_size", (double)s.heap_used);
    set_num(iso, o, "heap_size_limit", (double)s.heap_limit);
    set_num(iso, o, "malloced_memory", malloced);
    set_num(iso, o, "peak_malloced_memory", rs->peak_malloced);
    set_num(iso, o, "does_zap_garbage", 0);
    set_num(iso, o, "number_of_native_contexts", 1);
    set_num(iso, o, "number_of_detached_contexts", 0);
    set_num(iso, o, "total_global_handles_size", 0);
    set_num(iso, o, "used_global_handles_size", 0);
    set_num(iso, o, "external_memory", (double)s.external);
    *ret = *o;
    vm_scope_close(iso, sc);
    return MJS_OK;
}

static Status v8_heap_space_statistics(Isolate *iso, Value *argv, int argc, Value *ret) {
    GcStats s;
    gc_stats(iso->heap, &s);
    static const struct {
        const char *name;
        GcSpace space;
    } spaces[] = {
        {"new_space", GC_NEW_SPACE},
        {"old_space", GC_OLD_SPACE},
        {"map_space", GC_MAP_SPACE},
        {"large_object_space", GC_LO_SPACE},
    };
    size_t sc = vm_scope_open(iso);
    Value *arr = vm_handle(iso, array_new(iso, 0));
    Value *o = vm_handle(iso, V_UNDEF);
    for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++) {
        GcSpace sp = spaces[i].space;
        *o = obj_new(iso);
        {
            size_t sc2 = vm_scope_open(iso);
            Value *nh = vm_handle(iso, str_from_cstr(iso, spaces[i].name));
            Value k = atom_from_cstr(iso, "space_name");
            if (obj_define(iso, *o, k, *nh, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
            vm_scope_close(iso, sc2);
        }
        set_num(iso, o, "space_size", (double)s.space_committed[sp]);
        set_num(iso, o, "space_used_size", (double)s.space_used[sp]);
        set_num(iso, o, "space_available_size", (double)s.space_available[sp]);
        set_num(iso, o, "physical_space_size", (double)s.space_committed[sp]);
        if (array_push(iso, *arr, *o) != MJS_OK) (void)vm_take_exception(iso);
    }
    *ret = *arr;
    vm_scope_close(iso, sc);
    return MJS_OK;
}

static Status v8_set_flags(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = V_UNDEF;
    return MJS_OK;
}

Value rt_make_v8_module(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *m = vm_handle(iso, obj_new(iso));
    rt_def_method(iso, m, "getHeapStatistics", v8_heap_statistics, 0);
    rt_def_method(iso, m, "getHeapSpaceStatistics", v8_heap_space_statistics, 0);
    rt_def_method(iso, m, "setFlagsFromString", v8_set_flags, 1);
    Value r = *m;
    vm_scope_close(iso, sc);
    return r;
}
