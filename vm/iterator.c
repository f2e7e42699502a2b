/* iterator.c: the iteration protocol (vm_get_iterator/_step/_close) and the built-in iterator
 * objects over arrays, strings, Maps and Sets (T_ITERATOR: target, position, kind); an
 * exhausted one drops its target and stays done. Stepping a built-in whose `next` is
 * unmodified skips the {value, done} object: observably the same, no allocation. */
#include <stdlib.h>

#include "../runtime/runtime.h"
#include "bytecode.h"
#include "vm.h"
#include "vm_int.h"

enum { IT_TARGET = 0, IT_POS = 1, IT_KIND = 2, IT_INTERNAL = 3 };

static Status array_iter_next(Isolate *iso, Value *argv, int argc, Value *ret);
static Status string_iter_next(Isolate *iso, Value *argv, int argc, Value *ret);
static Status map_iter_next(Isolate *iso, Value *argv, int argc, Value *ret);
static Status set_iter_next(Isolate *iso, Value *argv, int argc, Value *ret);

/* The four iterator families: prototype root, map root, `next`, class name. */
typedef struct IterFamily {
    RootIndex proto, map;
    NativeFn next;
    const char *tag;
} IterFamily;

static const IterFamily families[] = {
    {R_ARRAY_ITERATOR_PROTO, R_MAP_ARRAY_ITERATOR, array_iter_next, "Array Iterator"},
    {R_STRING_ITERATOR_PROTO, R_MAP_STRING_ITERATOR, string_iter_next, "String Iterator"},
    {R_MAP_ITERATOR_PROTO, R_MAP_MAP_ITERATOR, map_iter_next, "Map Iterator"},
    {R_SET_ITERATOR_PROTO, R_MAP_SET_ITERATOR, set_iter_next, "Set Iterator"},
};

static const IterFamily *family_of(int kind) {
    switch (kind) {
    case ITER_ARRAY_KEYS:
    case ITER_ARRAY_VALUES:
    case ITER_ARRAY_ENTRIES: return &families[0];
    case ITER_STRING: return &families[1];
    case ITER_MAP_KEYS:
    case ITER_MAP_VALUES:
    case ITER_MAP_ENTRIES: return &families[2];
    default: return &families[3];
    }
}

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing iterator prototypes failed\n");
        abort();
    }
}

static Status iter_self(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = argv[-1];
    return MJS_OK;
}

/* String.prototype[Symbol.iterator]: code points of ToString(this). */
static Status string_iterator(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (v_is_nullish(argv[-1]))
        return vm_throw_error(iso, E_TYPE,
                              "String.prototype[Symbol.iterator] called on null or undefined");
    Value s = V_UNDEF;
    if (vm_to_string(iso, argv[-1], &s)) return MJS_EXC;
    *ret = vm_iterator_new(iso, s, ITER_STRING);
    return MJS_OK;
}

void vm_iterator_init(Isolate *iso) {
    /* R_MAP_SET_ITERATOR is set last: once it exists everything does. */
    if (ROOT(iso, R_MAP_SET_ITERATOR) != V_HOLE) return;
    size_t mark = vm_scope_open(iso);
    if (!v_is_object(ROOT(iso, R_ITERATOR_PROTO))) ROOT(iso, R_ITERATOR_PROTO) = obj_new(iso);
    /* Symbols live in roots: re-read them after every allocation. */
    rt_symbol_root(iso, R_SYMBOL_ITERATOR, "Symbol.iterator");
    rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
    Value *fn = vm_handle(iso, vm_new_native(iso, "[Symbol.iterator]", iter_self, 0));
    must(obj_define(iso, ROOT(iso, R_ITERATOR_PROTO), ROOT(iso, R_SYMBOL_ITERATOR), *fn, P_HIDDEN));
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        const IterFamily *f = &families[i];
        if (!v_is_object(ROOT(iso, f->proto)))
            ROOT(iso, f->proto) = obj_new_with_proto(iso, ROOT(iso, R_ITERATOR_PROTO));
        else if (obj_get_proto(ROOT(iso, f->proto)) != ROOT(iso, R_ITERATOR_PROTO))
            must(obj_set_proto(iso, ROOT(iso, f->proto), ROOT(iso, R_ITERATOR_PROTO)));
        vm_def_native(iso, ROOT(iso, f->proto), "next", f->next, 0);
        Value tag = atom_from_cstr(iso, f->tag);
        must(obj_define(iso, ROOT(iso, f->proto), ROOT(iso, R_SYMBOL_TO_STRING_TAG), tag,
                        P_CONFIGURABLE));
    }
    /* String.prototype[Symbol.iterator] unless builtins_string.c installed its own. */
    if (v_is_object(ROOT(iso, R_STRING_PROTO)) &&
        !obj_has_own(iso, ROOT(iso, R_STRING_PROTO), ROOT(iso, R_SYMBOL_ITERATOR))) {
        *fn = vm_new_native(iso, "[Symbol.iterator]", string_iterator, 0);
        must(obj_define(iso, ROOT(iso, R_STRING_PROTO), ROOT(iso, R_SYMBOL_ITERATOR), *fn,
                        P_HIDDEN));
    }
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        /* Turn the prototype into a prototype first (obj_new_with_proto roots it while doing
         * so): map_new_root's own attempt reads its proto argument after allocating. */
        (void)obj_new_with_proto(iso, ROOT(iso, families[i].proto));
        Map *m = map_new_root(iso, T_ITERATOR, ROOT(iso, families[i].proto), IT_INTERNAL, 0);
        ROOT(iso, families[i].map) = v_from_ptr(m);
    }
    vm_scope_close(iso, mark);
}

Value vm_iterator_new(Isolate *iso, Value target, int kind) {
    vm_iterator_init(iso);
    size_t mark = vm_scope_open(iso);
    Value *t = vm_handle(iso, target);
    if (kind == ITER_STRING) *t = str_flatten(iso, *t);
    Value it = obj_new_from_map(iso, v_ptr(ROOT(iso, family_of(kind)->map)));
    JSObject *o = v_jsobj(it);
    vm_store(iso, o, obj_internal(it, IT_TARGET), *t);
    *obj_internal(it, IT_POS) = v_int(0);
    *obj_internal(it, IT_KIND) = v_int(kind);
    vm_scope_close(iso, mark);
    return it;
}

/* [a, b] as a fresh array (a and b rooted here). */
static Value make_pair(Isolate *iso, Value a, Value b) {
    size_t mark = vm_scope_open(iso);
    Value *ha = vm_handle(iso, a), *hb = vm_handle(iso, b);
    Value *arr = vm_handle(iso, array_new(iso, 0));
    /* Pushing onto a fresh two-element array cannot fail. */
    (void)!array_push(iso, *arr, *ha);
    (void)!array_push(iso, *arr, *hb);
    Value out = *arr;
    vm_scope_close(iso, mark);
    return out;
}

static void exhaust(Value it) {
    *obj_internal(it, IT_TARGET) = V_UNDEF;
}

/* One step of a built-in iterator; *it is a rooted slot (user getters may run). */
static Status iter_advance(Isolate *iso, Value *it, bool *done, Value *value) {
    Value target = *obj_internal(*it, IT_TARGET);
    int kind = v_int_val(*obj_internal(*it, IT_KIND));
    double pos = v_num(*obj_internal(*it, IT_POS));
    *done = false;
    *value = V_UNDEF;
    if (target == V_UNDEF) {
        *done = true;
        return MJS_OK;
    }
    switch (kind) {
    case ITER_STRING: {
        uint32_t p = (uint32_t)pos, len = str_length(target);
        if (p >= len) break;
        uint32_t n = 1;
        uint16_t c = str_char(target, p);
        if (c >= 0xD800 && c <= 0xDBFF && p + 1 < len) {
            uint16_t d = str_char(target, p + 1);
            if (d >= 0xDC00 && d <= 0xDFFF) n = 2;
        }
        *obj_internal(*it, IT_POS) = v_number(p + n);
        *value = str_substring(iso, target, p, p + n);
        return MJS_OK;
    }
    case ITER_ARRAY_KEYS:
    case ITER_ARRAY_VALUES:
    case ITER_ARRAY_ENTRIES: {
        double len;
        if (v_is_array(target)) {
            len = array_length(target);
        } else {
            /* An array-like (arguments, or an object iterated through Array.prototype). */
            size_t mark = vm_scope_open(iso);
            Value *lv = vm_handle(iso, V_UNDEF);
            if (obj_get(iso, target, ATOM(iso, length), lv) || vm_to_integer(iso, *lv, &len)) {
                vm_scope_close(iso, mark);
                return MJS_EXC;
            }
            vm_scope_close(iso, mark);
            if (len < 0) len = 0;
            target = *obj_internal(*it, IT_TARGET);
        }
        if (pos >= len) break;
        *obj_internal(*it, IT_POS) = v_number(pos + 1);
        if (kind == ITER_ARRAY_KEYS) {
            *value = v_number(pos);
            return MJS_OK;
        }
        Value v = v_is_array(target) && pos < 4294967295.0 ? array_get_own(target, (uint32_t)pos)
                                                          : V_HOLE;
        if (v == V_HOLE || (v_is_ptr(v) && v_type(v) == T_ACCESSOR_PAIR)) {
            size_t mark = vm_scope_open(iso);
            Value *key = vm_handle(iso, V_UNDEF);
            if (vm_to_key(iso, v_number(pos), key) ||
                obj_get(iso, *obj_internal(*it, IT_TARGET), *key, key)) {
                vm_scope_close(iso, mark);
                return MJS_EXC;
            }
            v = *key;
            vm_scope_close(iso, mark);
        }
        *value = kind == ITER_ARRAY_VALUES ? v : make_pair(iso, v_number(pos), v);
        return MJS_OK;
    }
    default: { /* Map and Set: the target is the collection's table */
        Value table = target, k = V_UNDEF, v = V_UNDEF;
        uint32_t idx = (uint32_t)pos;
        if (!rt_table_next(&table, &idx, &k, &v)) break;
        vm_store(iso, v_jsobj(*it), obj_internal(*it, IT_TARGET), table);
        *obj_internal(*it, IT_POS) = v_number((double)idx + 1);
        switch (kind) {
        case ITER_MAP_KEYS:
        case ITER_SET_VALUES: *value = k; break;
        case ITER_MAP_VALUES: *value = v; break;
        case ITER_MAP_ENTRIES: *value = make_pair(iso, k, v); break;
        default: *value = make_pair(iso, k, k); break;
        }
        return MJS_OK;
    }
    }
    exhaust(*it);
    *done = true;
    return MJS_OK;
}

/* The {value, done} object `next` returns. */
static Status make_result(Isolate *iso, Value value, bool done, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *hv = vm_handle(iso, value);
    Value *r = vm_handle(iso, obj_new(iso));
    if (obj_define(iso, *r, ATOM(iso, value), *hv, P_DEFAULT) ||
        obj_define(iso, *r, ATOM(iso, done), v_bool(done), P_DEFAULT)) {
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    *ret = *r;
    vm_scope_close(iso, mark);
    return MJS_OK;
}

static Status iter_next(Isolate *iso, Value *argv, const IterFamily *fam, Value *ret) {
    Value it = argv[-1];
    if (!v_is_object(it) || v_type(it) != T_ITERATOR ||
        family_of(v_int_val(*obj_internal(it, IT_KIND))) != fam) {
        char *s = rt_describe(iso, it, false);
        vm_throw_error(iso, E_TYPE, "Method %s.prototype.next called on incompatible receiver %s",
                       fam->tag, s);
        free(s);
        return MJS_EXC;
    }
    bool done;
    Value v = V_UNDEF;
    if (iter_advance(iso, &argv[-1], &done, &v)) return MJS_EXC;
    return make_result(iso, v, done, ret);
}

static Status array_iter_next(Isolate *iso, Value *argv, int argc, Value *ret) {
    return iter_next(iso, argv, &families[0], ret);
}

static Status string_iter_next(Isolate *iso, Value *argv, int argc, Value *ret) {
    return iter_next(iso, argv, &families[1], ret);
}

static Status map_iter_next(Isolate *iso, Value *argv, int argc, Value *ret) {
    return iter_next(iso, argv, &families[2], ret);
}

static Status set_iter_next(Isolate *iso, Value *argv, int argc, Value *ret) {
    return iter_next(iso, argv, &families[3], ret);
}

/* ---------------------------------------------------------------- the protocol */

static Status throw_not_iterable(Isolate *iso, Value v) {
    char *s = rt_describe(iso, v, true);
    vm_throw_error(iso, E_TYPE, "%s is not iterable (cannot read property Symbol(Symbol.iterator))",
                   s);
    free(s);
    return MJS_EXC;
}

Status vm_get_iterator(Isolate *iso, Value v, Value *iter) {
    if (v_is_nullish(v)) return throw_not_iterable(iso, v);
    size_t mark = vm_scope_open(iso);
    Value *hv = vm_handle(iso, v), *m = vm_handle(iso, V_UNDEF);
    Value sym = rt_symbol_root(iso, R_SYMBOL_ITERATOR, "Symbol.iterator");
    if (obj_get(iso, *hv, sym, m)) goto fail;
    if (!v_is_callable(*m)) {
        throw_not_iterable(iso, *hv);
        goto fail;
    }
    if (vm_call(iso, *m, *hv, 0, NULL, m)) goto fail;
    if (!v_is_object(*m)) {
        vm_throw_error(iso, E_TYPE, "Result of the Symbol.iterator method is not an object");
        goto fail;
    }
    *iter = *m;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* A built-in iterator whose next() is still the original: safe to step directly. */
static bool is_plain_builtin(Isolate *iso, Value it) {
    if (!v_is_object(it) || v_type(it) != T_ITERATOR) return false;
    const IterFamily *fam = family_of(v_int_val(*obj_internal(it, IT_KIND)));
    Map *m = v_jsobj(it)->map;
    if (v_from_ptr(m) != ROOT(iso, fam->map)) return false; /* own properties were added */
    PropDesc pd;
    if (!obj_get_own(iso, m->proto, ATOM(iso, next), &pd) || (pd.attrs & P_ACCESSOR))
        return false;
    return rt_is_native(iso, pd.value, fam->next);
}

Status vm_iterator_step(Isolate *iso, Value iter, bool *done, Value *value) {
    size_t mark = vm_scope_open(iso);
    Value *it = vm_handle(iso, iter);
    Status st = MJS_OK;
    if (is_plain_builtin(iso, *it)) {
        st = iter_advance(iso, it, done, value);
        vm_scope_close(iso, mark);
        return st;
    }
    Value *r = vm_handle(iso, V_UNDEF);
    if (vm_invoke(iso, *it, ATOM(iso, next), 0, NULL, r)) goto fail;
    if (!v_is_object(*r)) {
        char *s = rt_describe(iso, *r, false);
        vm_throw_error(iso, E_TYPE, "Iterator result %s is not an object", s);
        free(s);
        goto fail;
    }
    Value *d = vm_handle(iso, V_UNDEF);
    if (obj_get(iso, *r, ATOM(iso, done), d)) goto fail;
    *done = vm_to_boolean(*d);
    if (*done) {
        *value = V_UNDEF;
    } else if (obj_get(iso, *r, ATOM(iso, value), value)) {
        goto fail;
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

Status vm_iterator_close(Isolate *iso, Value iter) {
    size_t mark = vm_scope_open(iso);
    bool abrupt = iso->has_exception;
    Value *saved = vm_handle(iso, abrupt ? vm_take_exception(iso) : V_UNDEF);
    Value *it = vm_handle(iso, iter), *m = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    Value ret_key = atom_from_cstr(iso, "return");
    if (obj_get(iso, *it, ret_key, m)) {
        st = MJS_EXC;
    } else if (!v_is_nullish(*m)) {
        if (!v_is_callable(*m)) {
            st = rt_throw_not_function(iso, *m, false);
        } else if (vm_call(iso, *m, *it, 0, NULL, m)) {
            st = MJS_EXC;
        } else if (!v_is_object(*m)) {
            char *s = rt_describe(iso, *m, false);
            st = vm_throw_error(iso, E_TYPE, "Iterator result %s is not an object", s);
            free(s);
        }
    }
    if (abrupt) { /* the original exception wins */
        if (iso->has_exception) (void)vm_take_exception(iso);
        vm_throw(iso, *saved);
        st = MJS_EXC;
    }
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- function kinds */

/* Kept here, the group-A file of vm/, because Function.prototype.caller/arguments
 * (runtime/builtins_function.c) need the compiled code's flags. */
bool vm_function_is_sloppy(Value fn) {
    if (!v_is_ptr(fn) || v_type(fn) != T_FUNCTION) return false;
    const Code *code = v_template(v_jsobj(fn)->slots[FN_INT_TEMPLATE])->code;
    return code && !(code->flags & (CODE_STRICT | CODE_ARROW | CODE_METHOD));
}
