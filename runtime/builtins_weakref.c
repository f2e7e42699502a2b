/* builtins_weakref.c: WeakRef and FinalizationRegistry on ephemeron tables (gc.h).
 * A WeakRef holds its target in a one-pair table (target, null). Targets made or deref'd in a
 * job stay alive until it ends (the spec's KeepDuringJob: a strong set in R_WEAK_KEPT).
 * A job ends when rt_run_ticks finds the nextTick queue empty (after the main script, and
 * after each batch of callbacks): rt_weak_job_end drops the kept set and then runs the
 * cleanup callbacks of cells whose targets a GC found dead, as node does after its ticks.
 */
#include <stdlib.h>

#include "host_int.h"
#include "weak_int.h"

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing WeakRef/FinalizationRegistry failed\n");
        abort();
    }
}

/* Internal slots. A registry cell i is pairs 2i (target, null) and 2i+1 (token or null, null)
 * of the weak cells table, and holdings[i] (strong; V_HOLE: the cell is free). */
enum { WR_TABLE = 0, WR_COUNT = 1 };
enum { FR_CLEANUP = 0, FR_CELLS = 1, FR_HOLDINGS = 2, FR_HINT = 3, FR_LISTED = 4, FR_COUNT = 5 };
#define MIN_CELLS 4u

static Status check_receiver(Isolate *iso, Value this_, int type, const char *method) {
    if (v_is_object(this_) && v_type(this_) == type) return MJS_OK;
    char *s = rt_describe(iso, this_, false);
    vm_throw_error(iso, E_TYPE, "Method %s called on incompatible receiver %s", method, s);
    free(s);
    return MJS_EXC;
}

/* AddToKeptObjects: v stays alive until the job ends. */
static void keep_during_job(Isolate *iso, Value v) {
    size_t mark = vm_scope_open(iso);
    Value *hv = vm_handle(iso, v);
    if (ROOT(iso, R_WEAK_KEPT) == V_HOLE) ROOT(iso, R_WEAK_KEPT) = rt_weak_set_new(iso, false);
    rt_weak_set_add(iso, &ROOT(iso, R_WEAK_KEPT), *hv);
    vm_scope_close(iso, mark);
}

/* ---------------------------------------------------------------- WeakRef */

static Status weakref_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argv[-1] != V_HOLE)
        return vm_throw_error(iso, E_TYPE, "Constructor WeakRef requires 'new'");
    if (!rt_can_be_held_weakly(iso, argv[0]))
        return vm_throw_error(iso, E_TYPE, "WeakRef: invalid target");
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, obj_new_from_map(iso, v_ptr(ROOT(iso, R_MAP_WEAKREF))));
    Value t = rt_weak_table_new(iso, 1, true);
    FixedArray *a = v_fixed(t);
    rt_weak_table_store(iso, t, &a->items[0], argv[0]);
    a->items[1] = V_NULL;
    vm_store(iso, v_obj(*o), obj_internal(*o, WR_TABLE), t);
    keep_during_job(iso, argv[0]);
    *ret = *o;
    vm_scope_close(iso, mark);
    return MJS_OK;
}

static Status weakref_deref(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_WEAKREF_OBJ, "WeakRef.prototype.deref")) return MJS_EXC;
    Value target = v_fixed(*obj_internal(argv[-1], WR_TABLE))->items[0];
    if (!v_is_ptr(target)) { /* collected */
        *ret = V_UNDEF;
        return MJS_OK;
    }
    keep_during_job(iso, target);
    *ret = v_fixed(*obj_internal(argv[-1], WR_TABLE))->items[0];
    return MJS_OK;
}

/* ---------------------------------------------------------------- FinalizationRegistry */

static inline Value *cell_pairs(Value reg, uint32_t i) {
    return &v_fixed(*obj_internal(reg, FR_CELLS))->items[4 * (size_t)i];
}
static inline Value *cell_holdings(Value reg, uint32_t i) {
    return &v_fixed(*obj_internal(reg, FR_HOLDINGS))->items[i];
}
static inline uint32_t cell_count(Value reg) {
    return (uint32_t)v_fixed(*obj_internal(reg, FR_HOLDINGS))->length;
}

static void cell_free(Isolate *iso, Value reg, uint32_t i) {
    Value t = *obj_internal(reg, FR_CELLS);
    Value *p = cell_pairs(reg, i);
    for (int k = 0; k < 4; k++) rt_weak_table_store(iso, t, &p[k], V_UNDEF);
    *cell_holdings(reg, i) = V_HOLE;
}

static Status finreg_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argv[-1] != V_HOLE)
        return vm_throw_error(iso, E_TYPE, "Constructor FinalizationRegistry requires 'new'");
    if (!v_is_callable(argv[0]))
        return vm_throw_error(iso, E_TYPE, "FinalizationRegistry: cleanup must be callable");
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, obj_new_from_map(iso, v_ptr(ROOT(iso, R_MAP_FINREG))));
    vm_store(iso, v_obj(*o), obj_internal(*o, FR_CLEANUP), argv[0]);
    Value t = rt_weak_table_new(iso, 2 * MIN_CELLS, true);
    vm_store(iso, v_obj(*o), obj_internal(*o, FR_CELLS), t);
    Value h = fixed_new(iso, MIN_CELLS);
    vm_store(iso, v_obj(*o), obj_internal(*o, FR_HOLDINGS), h);
    *obj_internal(*o, FR_HINT) = v_int(0);
    *obj_internal(*o, FR_LISTED) = V_FALSE;
    *ret = *o;
    vm_scope_close(iso, mark);
    return MJS_OK;
}

/* Double the cells of *reg (rooted); returns the first new (free) cell. */
static uint32_t cells_grow(Isolate *iso, Value *reg) {
    uint32_t n = cell_count(*reg);
    size_t mark = vm_scope_open(iso);
    Value *t = vm_handle(iso, rt_weak_table_new(iso, 4 * n, true));
    Value h = fixed_new(iso, 2 * (size_t)n);
    Value old_t = *obj_internal(*reg, FR_CELLS);
    for (uint32_t i = 0; i < n; i++) {
        Value *p = cell_pairs(*reg, i), *q = &v_fixed(*t)->items[4 * (size_t)i];
        for (int k = 0; k < 4; k++) {
            rt_weak_table_store(iso, *t, &q[k], p[k]);
            rt_weak_table_store(iso, old_t, &p[k], V_UNDEF);
        }
        vm_store(iso, v_obj(h), &v_fixed(h)->items[i], *cell_holdings(*reg, i));
    }
    vm_store(iso, v_obj(*reg), obj_internal(*reg, FR_HOLDINGS), h);
    vm_store(iso, v_obj(*reg), obj_internal(*reg, FR_CELLS), *t);
    vm_scope_close(iso, mark);
    return n;
}

static uint32_t cell_find_free(Isolate *iso, Value *reg) {
    uint32_t n = cell_count(*reg), hint = (uint32_t)v_int_val(*obj_internal(*reg, FR_HINT));
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = (hint + k) % n;
        if (*cell_holdings(*reg, i) == V_HOLE) return i;
    }
    return cells_grow(iso, reg);
}

static Status finreg_register(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_FINREG_OBJ, "FinalizationRegistry.prototype.register"))
        return MJS_EXC;
    if (!rt_can_be_held_weakly(iso, argv[0]))
        return vm_throw_error(iso, E_TYPE,
                              "FinalizationRegistry.prototype.register: invalid target");
    if (vm_same_value(iso, argv[0], argv[1]))
        return vm_throw_error(
            iso, E_TYPE,
            "FinalizationRegistry.prototype.register: target and holdings must not be same");
    Value token = argc > 2 ? argv[2] : V_UNDEF;
    if (!v_is_undef(token) && !rt_can_be_held_weakly(iso, token)) {
        char *s = rt_describe(iso, token, false);
        vm_throw_error(iso, E_TYPE, "Invalid unregisterToken ('%s')", s);
        free(s);
        return MJS_EXC;
    }
    uint32_t i = cell_find_free(iso, &argv[-1]);
    Value reg = argv[-1], t = *obj_internal(reg, FR_CELLS);
    Value *p = cell_pairs(reg, i);
    rt_weak_table_store(iso, t, &p[0], argv[0]);
    p[1] = V_NULL;
    rt_weak_table_store(iso, t, &p[2], argc > 2 && !v_is_undef(argv[2]) ? argv[2] : V_NULL);
    p[3] = V_NULL;
    Value h = *obj_internal(reg, FR_HOLDINGS);
    vm_store(iso, v_obj(h), cell_holdings(reg, i), argv[1]);
    *obj_internal(reg, FR_HINT) = v_int((int32_t)((i + 1) % cell_count(reg)));
    if (*obj_internal(reg, FR_LISTED) != V_TRUE) { /* its callbacks may become due */
        *obj_internal(reg, FR_LISTED) = V_TRUE;
        if (!v_is_array(ROOT(iso, R_FINREG_LIST))) ROOT(iso, R_FINREG_LIST) = array_new(iso, 0);
        if (array_push(iso, ROOT(iso, R_FINREG_LIST), argv[-1])) return MJS_EXC;
    }
    *ret = V_UNDEF;
    return MJS_OK;
}

static Status finreg_unregister(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_receiver(iso, argv[-1], T_FINREG_OBJ,
                       "FinalizationRegistry.prototype.unregister"))
        return MJS_EXC;
    if (!rt_can_be_held_weakly(iso, argv[0])) {
        char *s = rt_describe(iso, argv[0], false);
        vm_throw_error(iso, E_TYPE, "Invalid unregisterToken ('%s')", s);
        free(s);
        return MJS_EXC;
    }
    bool removed = false;
    for (uint32_t i = 0; i < cell_count(argv[-1]); i++) {
        if (*cell_holdings(argv[-1], i) != V_HOLE && cell_pairs(argv[-1], i)[2] == argv[0]) {
            cell_free(iso, argv[-1], i);
            removed = true;
        }
    }
    *ret = v_bool(removed);
    return MJS_OK;
}

/* Run the callbacks of dead cells of *reg; *ran when any ran. */
static Status cleanup_registry(Isolate *iso, Value *reg, bool *ran) {
    size_t mark = vm_scope_open(iso);
    Value *holdings = vm_handle(iso, V_UNDEF), *r = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    /* Re-read the count: a callback may register more cells. */
    for (uint32_t i = 0; st == MJS_OK && i < cell_count(*reg); i++) {
        if (*cell_holdings(*reg, i) == V_HOLE || cell_pairs(*reg, i)[0] != V_UNDEF) continue;
        *holdings = *cell_holdings(*reg, i);
        cell_free(iso, *reg, i);
        *ran = true;
        st = vm_call(iso, *obj_internal(*reg, FR_CLEANUP), V_UNDEF, 1, holdings, r);
    }
    vm_scope_close(iso, mark);
    return st;
}

static bool has_cells(Value reg) {
    for (uint32_t i = 0; i < cell_count(reg); i++)
        if (*cell_holdings(reg, i) != V_HOLE) return true;
    return false;
}

Status rt_weak_job_end(Isolate *iso, bool *again) {
    *again = false;
    ROOT(iso, R_WEAK_KEPT) = V_HOLE;
    if (!v_is_array(ROOT(iso, R_FINREG_LIST))) return MJS_OK;
    size_t mark = vm_scope_open(iso);
    Value *list = vm_handle(iso, ROOT(iso, R_FINREG_LIST));
    Value *reg = vm_handle(iso, V_UNDEF), *keep = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    for (uint32_t i = 0; st == MJS_OK && i < array_length(*list); i++) {
        *reg = array_get_own(*list, i);
        st = cleanup_registry(iso, reg, again);
    }
    /* Registries left without cells leave the list (and may be collected). */
    *keep = array_new(iso, 0);
    list = &ROOT(iso, R_FINREG_LIST);
    for (uint32_t i = 0; i < array_length(*list); i++) {
        *reg = array_get_own(*list, i);
        if (has_cells(*reg)) {
            if (array_push(iso, *keep, *reg)) {
                st = MJS_EXC;
                break;
            }
        } else {
            *obj_internal(*reg, FR_LISTED) = V_FALSE;
        }
    }
    ROOT(iso, R_FINREG_LIST) = *keep;
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- installation */

static void install_one(Isolate *iso, const char *name, NativeFn ctor, int length,
                        RootIndex proto_root, RootIndex map_root, InstanceType type,
                        int internal_count) {
    ROOT(iso, proto_root) = obj_new(iso);
    rt_install_ctor(iso, name, ctor, length, proto_root);
    (void)obj_new_with_proto(iso, ROOT(iso, proto_root)); /* see builtins_collections.c */
    Map *m = map_new_root(iso, type, ROOT(iso, proto_root), internal_count, 0);
    ROOT(iso, map_root) = v_from_ptr(m);
    rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
    Value tag = atom_from_cstr(iso, name);
    must(obj_define(iso, ROOT(iso, proto_root), ROOT(iso, R_SYMBOL_TO_STRING_TAG), tag,
                    P_CONFIGURABLE));
}

void rt_install_weakref(Isolate *iso) {
    install_one(iso, "WeakRef", weakref_ctor, 1, R_WEAKREF_PROTO, R_MAP_WEAKREF, T_WEAKREF_OBJ,
                WR_COUNT);
    vm_def_native(iso, ROOT(iso, R_WEAKREF_PROTO), "deref", weakref_deref, 0);
    install_one(iso, "FinalizationRegistry", finreg_ctor, 1, R_FINREG_PROTO, R_MAP_FINREG,
                T_FINREG_OBJ, FR_COUNT);
    vm_def_native(iso, ROOT(iso, R_FINREG_PROTO), "register", finreg_register, 2);
    vm_def_native(iso, ROOT(iso, R_FINREG_PROTO), "unregister", finreg_unregister, 1);
}
