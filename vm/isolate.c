/* isolate.c: creating and destroying an Isolate (heap with vm/ hooks, atoms, the built-in
 * prototypes and root maps, the global object) and the registry of native functions.
 * Invariant: every Value the isolate owns outside the heap (roots, atoms, pending exception,
 * interpreter state) is reported by visit_roots; the atom table is reported as weak slots.
 */
#include <stdlib.h>

#include "object_int.h"
#include "vm_int.h"

/* ---------------------------------------------------------------- GC hooks */

static size_t hook_size(void *ctx, const void *obj) { return vm_object_size(obj); }

static void hook_visit(void *ctx, void *obj, GcVisitor *v) { vm_visit_object(obj, v); }

static void hook_roots(void *ctx, GcVisitor *v) {
    Isolate *iso = ctx;
    gc_visit_range(v, (GcWord *)iso->roots, R__COUNT);
    gc_visit_range(v, (GcWord *)iso->atoms, ATOM__COUNT);
    gc_visit_slot(v, (GcWord *)&iso->exception);
    if (iso->vm) vm_interp_visit_roots(iso, v);
}

/* The atom table is weak: unreferenced interned strings die (as in V8's string table). */
static void hook_weak(void *ctx, GcVisitor *v) { atom_table_visit(ctx, v); }

static void hook_finalize(void *ctx, void *obj) {
    int t = ((HeapObj *)obj)->map->type;
    if (t == T_TEMPLATE) vm_template_finalize(ctx, obj);
    else if (t == T_ARRAY_BUFFER) vm_array_buffer_finalize(ctx, obj);
}

static void hook_print_stack(void *ctx, FILE *out) { vm_print_js_stack(ctx, out); }

/* ---------------------------------------------------------------- natives */

static int native_register(Isolate *iso, NativeFn fn, const char *name, int length) {
    /* Natives made repeatedly (per call of some built-in) reuse one entry. */
    for (int i = iso->native_count - 1; i >= 0; i--) {
        NativeEntry *e = &iso->natives[i];
        if (e->fn == fn && e->length == length && strcmp(e->name, name) == 0) return i;
    }
    if (iso->native_count == iso->native_cap) {
        iso->native_cap = iso->native_cap ? 2 * iso->native_cap : 256;
        iso->natives = realloc(iso->natives, sizeof(NativeEntry) * (size_t)iso->native_cap);
        if (!iso->natives) abort();
    }
    char *copy = strdup(name); /* the caller's name may be a temporary buffer */
    if (!copy) abort();
    iso->natives[iso->native_count] = (NativeEntry){fn, copy, length};
    return iso->native_count++;
}

static Value native_from_map(Isolate *iso, Map *m, int index, Value name, int length) {
    size_t mark = vm_scope_open(iso);
    Value *hn = vm_handle(iso, name);
    Value f = obj_new_from_map(iso, m);
    JSObject *o = v_jsobj(f);
    o->slots[NATIVE_INT_INDEX] = v_int(index);
    o->slots[NATIVE_INT_DATA] = V_UNDEF;
    o->slots[FN_INT_INITIAL_MAP] = V_HOLE;
    if (m->prop_count >= 2) {
        vm_store(iso, o, obj_slot_ptr(f, FN_SLOT_LENGTH), v_int(length));
        vm_store(iso, o, obj_slot_ptr(f, FN_SLOT_NAME), *hn);
    }
    vm_scope_close(iso, mark);
    return f;
}

Value vm_new_native(Isolate *iso, const char *name, NativeFn fn, int length) {
    int index = native_register(iso, fn, name, length);
    Value atom = atom_from_cstr(iso, name);
    return native_from_map(iso, v_ptr(ROOT(iso, R_MAP_NATIVE)), index, atom, length);
}

Value vm_def_native(Isolate *iso, Value obj, const char *name, NativeFn fn, int length) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj);
    Value *hf = vm_handle(iso, vm_new_native(iso, name, fn, length));
    Value key = atom_from_cstr(iso, name);
    if (obj_define(iso, *ho, key, *hf, P_HIDDEN)) vm_take_exception(iso);
    Value f = *hf;
    vm_scope_close(iso, mark);
    return f;
}

void vm_def_value(Isolate *iso, Value obj, const char *name, Value v, int attrs) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hv = vm_handle(iso, v);
    Value key = atom_from_cstr(iso, name);
    if (obj_define(iso, *ho, key, *hv, attrs)) vm_take_exception(iso);
    vm_scope_close(iso, mark);
}

/* ---------------------------------------------------------------- built-in shapes */

static Status fn_proto_call(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = V_UNDEF;
    return MJS_OK;
}

static Status proto_get(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value o;
    if (vm_to_object(iso, argv[-1], &o)) return MJS_EXC;
    *ret = obj_get_proto(o);
    return MJS_OK;
}

static Status proto_set(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = V_UNDEF;
    if (v_is_nullish(argv[-1]) || argv[-1] == V_HOLE)
        return vm_throw_error(iso, E_TYPE, "Object.prototype.__proto__ called on null or undefined");
    Value p = argc > 0 ? argv[0] : V_UNDEF;
    if ((!v_is_object(p) && !v_is_null(p)) || !v_is_object(argv[-1])) return MJS_OK;
    return obj_set_proto(iso, argv[-1], p);
}

/* Root map of a function kind with in-object length, name (and prototype). */
static Map *function_map(Isolate *iso, InstanceType t, int inobject, bool with_prototype) {
    Map *m = map_cached_root(iso, t, ROOT(iso, R_FUNCTION_PROTO), FN_INTERNAL_COUNT, inobject);
    m = map_transition(iso, m, ATOM(iso, length), P_CONFIGURABLE);
    m = map_transition(iso, m, ATOM(iso, name), P_CONFIGURABLE);
    if (with_prototype) m = map_transition(iso, m, ATOM(iso, prototype), P_WRITABLE);
    return m;
}

static Value plain_proto(Isolate *iso, RootIndex parent) {
    return obj_new_with_proto(iso, ROOT(iso, parent));
}

/* An object of kind t with internal slot 0 = v and Object.prototype as its prototype. */
static Value wrapper_proto(Isolate *iso, InstanceType t, Value v) {
    size_t mark = vm_scope_open(iso);
    Value *hv = vm_handle(iso, v);
    Map *m = map_cached_root(iso, t, ROOT(iso, R_OBJECT_PROTO), 1, 4);
    Value o = obj_new_from_map(iso, m);
    vm_store(iso, v_jsobj(o), obj_internal(o, 0), *hv);
    vm_scope_close(iso, mark);
    return o;
}

static void init_objects(Isolate *iso) {
    /* Object.prototype: the one object whose root map has a null prototype. */
    ROOT(iso, R_OBJECT_PROTO) = obj_new_from_map(iso, map_alloc(iso, T_OBJECT, 0, 0, 4, V_NULL));
    ROOT(iso, R_MAP_OBJECT) = v_from_ptr(map_cached_root(iso, T_OBJECT, ROOT(iso, R_OBJECT_PROTO), 0, 4));

    /* Function.prototype is itself a function that returns undefined. */
    int idx = native_register(iso, fn_proto_call, "", 0);
    Map *fpm = map_cached_root(iso, T_NATIVE_FUNCTION, ROOT(iso, R_OBJECT_PROTO), FN_INTERNAL_COUNT, 3);
    fpm = map_transition(iso, fpm, ATOM(iso, length), P_CONFIGURABLE);
    fpm = map_transition(iso, fpm, ATOM(iso, name), P_CONFIGURABLE);
    ROOT(iso, R_FUNCTION_PROTO) = native_from_map(iso, fpm, idx, ATOM(iso, empty), 0);

    ROOT(iso, R_MAP_FUNCTION) = v_from_ptr(function_map(iso, T_FUNCTION, 3, true));
    ROOT(iso, R_MAP_ARROW) = v_from_ptr(function_map(iso, T_FUNCTION, 2, false));
    /* One spare slot: native constructors get a `prototype` in-object. */
    ROOT(iso, R_MAP_NATIVE) = v_from_ptr(function_map(iso, T_NATIVE_FUNCTION, 3, false));
    ROOT(iso, R_MAP_BOUND) = v_from_ptr(function_map(iso, T_BOUND_FUNCTION, 2, false));

    static const RootIndex plain[] = {R_SYMBOL_PROTO, R_ERROR_PROTO,  R_DATE_PROTO,
                                      R_REGEXP_PROTO, R_MAPOBJ_PROTO, R_SETOBJ_PROTO,
                                      R_ITERATOR_PROTO};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        ROOT(iso, plain[i]) = plain_proto(iso, R_OBJECT_PROTO);
    /* As in the spec, these prototypes are themselves an array, a String (""), a Number (0)
     * and a Boolean (false): String.prototype.length is 0, Array.isArray(Array.prototype). */
    ROOT(iso, R_ARRAY_PROTO) = wrapper_proto(iso, T_ARRAY, v_int(0));
    ROOT(iso, R_STRING_PROTO) = wrapper_proto(iso, T_STRING_OBJ, ATOM(iso, empty));
    ROOT(iso, R_NUMBER_PROTO) = wrapper_proto(iso, T_NUMBER_OBJ, v_int(0));
    ROOT(iso, R_BOOLEAN_PROTO) = wrapper_proto(iso, T_BOOLEAN_OBJ, V_FALSE);
    static const RootIndex errors[] = {R_TYPE_ERROR_PROTO,   R_RANGE_ERROR_PROTO,
                                       R_REFERENCE_ERROR_PROTO, R_SYNTAX_ERROR_PROTO,
                                       R_EVAL_ERROR_PROTO,   R_URI_ERROR_PROTO};
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        ROOT(iso, errors[i]) = plain_proto(iso, R_ERROR_PROTO);
    ROOT(iso, R_ARRAY_ITERATOR_PROTO) = plain_proto(iso, R_ITERATOR_PROTO);

    ROOT(iso, R_MAP_ARRAY) = v_from_ptr(map_cached_root(iso, T_ARRAY, ROOT(iso, R_ARRAY_PROTO), 1, 0));
    ROOT(iso, R_MAP_ARGUMENTS) = v_from_ptr(map_cached_root(iso, T_ARGUMENTS, ROOT(iso, R_OBJECT_PROTO), 0, 4));
    ROOT(iso, R_MAP_ERROR) = v_from_ptr(map_cached_root(iso, T_ERROR, ROOT(iso, R_ERROR_PROTO), 0, 4));

    ROOT(iso, R_GLOBAL) = obj_new(iso);
    vm_def_value(iso, ROOT(iso, R_GLOBAL), "global", ROOT(iso, R_GLOBAL), P_HIDDEN);
    vm_def_value(iso, ROOT(iso, R_GLOBAL), "globalThis", ROOT(iso, R_GLOBAL), P_HIDDEN);

    ROOT(iso, R_SYMBOL_ITERATOR) = vm_symbol_new(iso, atom_from_cstr(iso, "Symbol.iterator"));
    ROOT(iso, R_EMPTY_FIXED_ARRAY) = fixed_new_old(iso, 0);
    ROOT(iso, R_MODULE_CACHE) = obj_new(iso);

    size_t mark = vm_scope_open(iso);
    Value *hg = vm_handle(iso, vm_new_native(iso, "get __proto__", proto_get, 0));
    Value *hs = vm_handle(iso, vm_new_native(iso, "set __proto__", proto_set, 1));
    if (obj_define_accessor(iso, ROOT(iso, R_OBJECT_PROTO), ATOM(iso, __proto__), *hg, *hs, P_CONFIGURABLE))
        vm_take_exception(iso);
    vm_scope_close(iso, mark);
}

/* ---------------------------------------------------------------- the isolate */

Isolate *vm_isolate_new(const MjsOptions *options) {
    Isolate *iso = calloc(1, sizeof *iso);
    if (!iso) abort();
    if (options) iso->options = *options;
    GcConfig cfg = iso->options.gc;
    if (!cfg.max_old_bytes) cfg.max_old_bytes = (size_t)1400 << 20;
    if (!cfg.max_semi_bytes) cfg.max_semi_bytes = (size_t)16 << 20;
    if (!cfg.initial_semi_bytes) cfg.initial_semi_bytes = (size_t)1 << 20;
    GcHooks hooks = {iso, hook_size, hook_visit, hook_roots, hook_finalize, hook_print_stack};
    iso->exception = V_UNDEF;
    iso->heap = gc_heap_new(&cfg, &hooks);
    gc_set_weak_hook(iso->heap, hook_weak);
    vm_layout_init(iso);
    atom_table_init(iso);
    atom_init_all(iso);
    str_init_caches(iso);
    init_objects(iso);
    vm_interp_init(iso);
    return iso;
}

void vm_isolate_free(Isolate *iso) {
    if (!iso) return;
    vm_codes_free_all(iso); /* needs the interpreter's code list */
    vm_array_buffers_free_all(iso);
    vm_interp_free(iso);
    gc_heap_free(iso->heap);
    atom_table_free(iso);
    for (int i = 0; i < iso->native_count; i++) free((void *)iso->natives[i].name);
    free(iso->natives);
    free(iso);
}
