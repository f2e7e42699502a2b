/* builtins_symbol.c: Symbol(), Symbol.prototype, Symbol.for/keyFor and the well-known symbols.
 * Symbols come from vm_symbol_new (fixed hash in the spare word, used by Map/Set too); the
 * well-known symbols C code needs live in roots and are created on first use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing Symbol built-ins failed\n");
        abort();
    }
}

Value rt_symbol_new(Isolate *iso, Value description) {
    /* vm_symbol_new gives the symbol the fixed hash that property dictionaries rely on. */
    return vm_symbol_new(iso, description);
}

Value rt_symbol_root(Isolate *iso, RootIndex r, const char *description) {
    if (ROOT(iso, r) == V_HOLE) {
        Value d = atom_from_cstr(iso, description);
        ROOT(iso, r) = rt_symbol_new(iso, d);
    }
    return ROOT(iso, r);
}

static Status symbol_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argv[-1] == V_HOLE) return vm_throw_error(iso, E_TYPE, "Symbol is not a constructor");
    /* Symbol.length is 0, so argv[0] exists only when passed. */
    Value desc = V_UNDEF;
    if (argc > 0 && argv[0] != V_UNDEF && vm_to_string(iso, argv[0], &desc)) return MJS_EXC;
    *ret = rt_symbol_new(iso, desc);
    return MJS_OK;
}

/* thisSymbolValue: a symbol primitive, or its wrapper (T_SYMBOL_OBJ, symbol in slot 0). */
static Status this_symbol(Isolate *iso, Value this_, const char *method, Value *out) {
    if (v_is_symbol(this_)) {
        *out = this_;
        return MJS_OK;
    }
    if (v_is_object(this_) && v_type(this_) == T_SYMBOL_OBJ) {
        *out = *obj_internal(this_, 0);
        return MJS_OK;
    }
    return vm_throw_error(iso, E_TYPE, "%s requires that 'this' be a Symbol", method);
}

static Status symbol_to_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value sym = V_UNDEF;
    if (this_symbol(iso, argv[-1], "Symbol.prototype.toString", &sym)) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *d = vm_handle(iso, ((Symbol *)v_ptr(sym))->description);
    Value *s = vm_handle(iso, str_from_cstr(iso, "Symbol("));
    if (v_is_string(*d)) *s = str_concat(iso, *s, *d);
    Value close = str_from_cstr(iso, ")");
    *ret = str_concat(iso, *s, close);
    vm_scope_close(iso, mark);
    return MJS_OK;
}

static Status symbol_value_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    return this_symbol(iso, argv[-1], "Symbol.prototype.valueOf", ret);
}

static Status symbol_to_primitive(Isolate *iso, Value *argv, int argc, Value *ret) {
    return this_symbol(iso, argv[-1], "Symbol.prototype [ @@toPrimitive ]", ret);
}

static Status symbol_description(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value sym = V_UNDEF;
    if (this_symbol(iso, argv[-1], "Symbol.prototype.description", &sym)) return MJS_EXC;
    *ret = ((Symbol *)v_ptr(sym))->description;
    return MJS_OK;
}

static Value registry(Isolate *iso) {
    if (ROOT(iso, R_SYMBOL_REGISTRY) == V_HOLE)
        ROOT(iso, R_SYMBOL_REGISTRY) = obj_new_with_proto(iso, V_NULL);
    return ROOT(iso, R_SYMBOL_REGISTRY);
}

static Status symbol_for(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *key = vm_handle(iso, V_UNDEF), *found = vm_handle(iso, V_UNDEF);
    if (vm_to_string(iso, argv[0], &argv[0]) || vm_to_key(iso, argv[0], key)) goto fail;
    Value reg = registry(iso); /* may allocate: made before the call's other arguments are read */
    if (obj_get(iso, reg, *key, found)) goto fail;
    if (!v_is_symbol(*found)) {
        *found = rt_symbol_new(iso, argv[0]);
        Value reg = registry(iso);
        if (obj_define(iso, reg, *key, *found, P_DEFAULT)) goto fail;
    }
    *ret = *found;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status symbol_key_for(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_symbol(argv[0])) {
        char *s = rt_describe(iso, argv[0], false);
        vm_throw_error(iso, E_TYPE, "%s is not a symbol", s);
        free(s);
        return MJS_EXC;
    }
    *ret = V_UNDEF;
    Value d = ((Symbol *)v_ptr(argv[0]))->description;
    if (!v_is_string(d)) return MJS_OK;
    size_t mark = vm_scope_open(iso);
    Value *key = vm_handle(iso, V_UNDEF), *found = vm_handle(iso, V_UNDEF);
    if (vm_to_key(iso, d, key)) {
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    Value reg = registry(iso);
    if (obj_get(iso, reg, *key, found)) {
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    if (*found == argv[0]) *ret = ((Symbol *)v_ptr(argv[0]))->description;
    vm_scope_close(iso, mark);
    return MJS_OK;
}

void rt_install_symbol(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    Value *ctor = vm_handle(iso, rt_install_ctor(iso, "Symbol", symbol_ctor, 0, R_SYMBOL_PROTO));
    Value proto = ROOT(iso, R_SYMBOL_PROTO);
    vm_def_native(iso, proto, "toString", symbol_to_string, 0);
    vm_def_native(iso, ROOT(iso, R_SYMBOL_PROTO), "valueOf", symbol_value_of, 0);
    Value *getter = vm_handle(iso, vm_new_native(iso, "get description", symbol_description, 0));
    Value key = atom_from_cstr(iso, "description");
    must(obj_define_accessor(iso, ROOT(iso, R_SYMBOL_PROTO), key, *getter, V_UNDEF,
                             P_CONFIGURABLE));
    vm_def_native(iso, *ctor, "for", symbol_for, 1);
    vm_def_native(iso, *ctor, "keyFor", symbol_key_for, 1);

    /* Well-known symbols: the ones C code uses are roots, the rest plain properties. */
    Value *sym = vm_handle(iso, V_UNDEF);
    static const char *const names[] = {"asyncIterator", "hasInstance", "isConcatSpreadable",
                                        "iterator",      "match",       "matchAll",
                                        "replace",       "search",      "species",
                                        "split",         "toPrimitive", "toStringTag",
                                        "unscopables"};
    Value *to_prim = vm_handle(iso, V_UNDEF);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char desc[64];
        snprintf(desc, sizeof desc, "Symbol.%s", names[i]);
        if (!strcmp(names[i], "iterator"))
            *sym = rt_symbol_root(iso, R_SYMBOL_ITERATOR, desc);
        else if (!strcmp(names[i], "toStringTag"))
            *sym = rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, desc);
        else
            *sym = rt_symbol_new(iso, atom_from_cstr(iso, desc));
        if (!strcmp(names[i], "toPrimitive")) *to_prim = *sym;
        vm_def_value(iso, *ctor, names[i], *sym, 0);
    }

    Value *fn = vm_handle(iso, vm_new_native(iso, "[Symbol.toPrimitive]", symbol_to_primitive, 1));
    must(obj_define(iso, ROOT(iso, R_SYMBOL_PROTO), *to_prim, *fn, P_CONFIGURABLE));
    Value tag = atom_from_cstr(iso, "Symbol");
    must(obj_define(iso, ROOT(iso, R_SYMBOL_PROTO), ROOT(iso, R_SYMBOL_TO_STRING_TAG), tag,
                    P_CONFIGURABLE));
    vm_scope_close(iso, mark);
}
