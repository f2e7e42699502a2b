/* builtins_object.c: the Object constructor, its statics and Object.prototype, plus helpers the
 * other built-ins share (constructor installation, V8-style value rendering for messages).
 * Values kept across allocating calls live in handles; the private identity-hash symbol of
 * Map/Set keys (R_SYMBOL_HASH) is filtered out of every key listing here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

#define TRY(e)                                                                                 \
    do {                                                                                       \
        if ((e) != MJS_OK) goto fail;                                                          \
    } while (0)

/* Installing on fresh built-in objects cannot fail; if it does the engine is broken. */
static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing Object built-ins failed\n");
        abort();
    }
}

static Status object_proto_to_string(Isolate *iso, Value *argv, int argc, Value *ret);

/* ---------------------------------------------------------------- shared helpers */

bool rt_is_native(Isolate *iso, Value f, NativeFn fn) {
    if (!v_is_ptr(f) || v_type(f) != T_NATIVE_FUNCTION) return false;
    Value idx = *obj_internal(f, 0);
    return v_is_int(idx) && v_int_val(idx) >= 0 && v_int_val(idx) < iso->native_count &&
           iso->natives[v_int_val(idx)].fn == fn;
}

Value rt_install_ctor(Isolate *iso, const char *name, NativeFn fn, int length, RootIndex proto) {
    size_t mark = vm_scope_open(iso);
    Value *c = vm_handle(iso, vm_new_native(iso, name, fn, length));
    must(obj_define(iso, *c, ATOM(iso, prototype), ROOT(iso, proto), 0));
    must(obj_define(iso, ROOT(iso, proto), ATOM(iso, constructor), *c, P_HIDDEN));
    Value key = atom_from_cstr(iso, name);
    must(obj_define(iso, ROOT(iso, R_GLOBAL), key, *c, P_HIDDEN));
    Value out = *c;
    vm_scope_close(iso, mark);
    return out;
}

/* A data property found on obj or its prototypes without running getters (V8's
 * GetDataProperty); V_HOLE when absent or an accessor. */
static Value data_prop(Isolate *iso, Value obj, Value key) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj);
    Value out = V_HOLE;
    for (int depth = 0; v_is_object(*h) && depth < 10000; depth++) {
        PropDesc pd;
        if (obj_get_own(iso, *h, key, &pd)) {
            if (!(pd.attrs & P_ACCESSOR)) out = pd.value;
            break;
        }
        *h = obj_get_proto(*h);
    }
    vm_scope_close(iso, mark);
    return out;
}

static const char *class_name(Value o) {
    switch (v_type(o)) {
    case T_ARRAY: return "Array";
    case T_FUNCTION:
    case T_NATIVE_FUNCTION:
    case T_BOUND_FUNCTION: return "Function";
    case T_ARGUMENTS: return "Arguments";
    case T_ERROR: return "Error";
    case T_BOOLEAN_OBJ: return "Boolean";
    case T_NUMBER_OBJ: return "Number";
    case T_STRING_OBJ: return "String";
    case T_DATE: return "Date";
    case T_REGEXP: return "RegExp";
    default: return "Object";
    }
}

static char *utf8_of(Isolate *iso, Value s) {
    size_t len;
    return str_to_utf8(iso, s, &len);
}

static char *describe_object(Isolate *iso, Value obj) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj);
    char *out = NULL;
    Value tostr = data_prop(iso, *h, ATOM(iso, toString));
    if (v_type(*h) == T_ERROR) {
        Value *hname = vm_handle(iso, data_prop(iso, *h, ATOM(iso, name)));
        Value *hmsg = vm_handle(iso, data_prop(iso, *h, ATOM(iso, message)));
        char *n = v_is_string(*hname) ? utf8_of(iso, *hname) : strdup("Error");
        char *m = v_is_string(*hmsg) ? utf8_of(iso, *hmsg) : strdup("");
        if (!*n) out = strdup(m);
        else if (!*m) out = strdup(n);
        else if (asprintf(&out, "%s: %s", n, m) < 0) out = NULL;
        free(n);
        free(m);
    } else if (v_is_callable(*h)) {
        out = utf8_of(iso, vm_function_source(iso, *h));
    } else if (rt_is_native(iso, tostr, object_proto_to_string)) {
        Value ctor = data_prop(iso, *h, ATOM(iso, constructor));
        if (v_is_callable(ctor)) {
            Value name = vm_function_name(iso, ctor);
            if (v_is_string(name) && str_length(name) > 0) {
                char *n = utf8_of(iso, name);
                if (asprintf(&out, "#<%s>", n) < 0) out = NULL;
                free(n);
            }
        }
    }
    if (!out) {
        Value sym = rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
        Value tag = data_prop(iso, *h, sym);
        char *t = v_is_string(tag) ? utf8_of(iso, tag) : strdup(class_name(*h));
        if (asprintf(&out, "[object %s]", t) < 0) out = NULL;
        free(t);
    }
    vm_scope_close(iso, mark);
    return out ? out : strdup("?");
}

char *rt_describe(Isolate *iso, Value v, bool callsite) {
    char buf[64];
    char *out = NULL;
    if (v_is_number(v)) {
        num_to_cstr(v_num(v), buf);
        if (!callsite) return strdup(buf);
        if (asprintf(&out, "number %s", buf) < 0) return strdup("number");
        return out;
    }
    if (v_is_string(v)) {
        char *s = utf8_of(iso, v);
        if (!callsite) return s;
        if (asprintf(&out, "string \"%s\"", s) < 0) out = NULL;
        free(s);
        return out ? out : strdup("string");
    }
    if (v == V_UNDEF) return strdup("undefined");
    if (v == V_NULL) return strdup(callsite ? "object null" : "null");
    if (v == V_TRUE) return strdup(callsite ? "boolean true" : "true");
    if (v == V_FALSE) return strdup(callsite ? "boolean false" : "false");
    if (v_is_symbol(v)) {
        if (callsite) return strdup("symbol");
        Value d = ((Symbol *)v_ptr(v))->description;
        char *s = v_is_string(d) ? utf8_of(iso, d) : strdup("");
        if (asprintf(&out, "Symbol(%s)", s) < 0) out = NULL;
        free(s);
        return out ? out : strdup("Symbol()");
    }
    if (v_is_object(v)) {
        if (callsite) return strdup(v_is_callable(v) ? "function" : "object");
        return describe_object(iso, v);
    }
    return strdup("?");
}

Status rt_throw_not_function(Isolate *iso, Value v, bool callsite) {
    char *s = rt_describe(iso, v, callsite);
    Status st = vm_throw_error(iso, E_TYPE, "%s is not a function", s);
    free(s);
    return st;
}

/* ---------------------------------------------------------------- property descriptors */

/* A descriptor being built: values in handles so user getters may run in between. */
typedef struct DescH {
    Value *value, *get, *set;
    int attrs, mask;
} DescH;

static void desc_open(Isolate *iso, DescH *d) {
    d->value = vm_handle(iso, V_UNDEF);
    d->get = vm_handle(iso, V_UNDEF);
    d->set = vm_handle(iso, V_UNDEF);
    d->attrs = d->mask = 0;
}

/* Read one optional descriptor field: *present, and the value into *out. */
static Status desc_field(Isolate *iso, Value *obj, Value key, bool *present, Value *out) {
    if (obj_has(iso, *obj, key, present)) return MJS_EXC;
    if (!*present) return MJS_OK;
    return obj_get(iso, *obj, key, out);
}

/* ToPropertyDescriptor (obj rooted by the caller). */
static Status to_prop_desc(Isolate *iso, Value *obj, DescH *d) {
    if (!v_is_object(*obj)) {
        char *s = rt_describe(iso, *obj, false);
        vm_throw_error(iso, E_TYPE, "Property description must be an object: %s", s);
        free(s);
        return MJS_EXC;
    }
    size_t mark = vm_scope_open(iso);
    Value *tmp = vm_handle(iso, V_UNDEF);
    bool has;
    static const struct {
        int atom, bit, present;
    } flags[] = {{ATOM_enumerable, P_ENUMERABLE, PD_ENUMERABLE},
                 {ATOM_configurable, P_CONFIGURABLE, PD_CONFIGURABLE}};
    for (int i = 0; i < 2; i++) {
        TRY(desc_field(iso, obj, iso->atoms[flags[i].atom], &has, tmp));
        if (has) {
            d->mask |= flags[i].present;
            if (vm_to_boolean(*tmp)) d->attrs |= flags[i].bit;
        }
    }
    TRY(desc_field(iso, obj, ATOM(iso, value), &has, d->value));
    if (has) d->mask |= PD_VALUE;
    TRY(desc_field(iso, obj, ATOM(iso, writable), &has, tmp));
    if (has) {
        d->mask |= PD_WRITABLE;
        if (vm_to_boolean(*tmp)) d->attrs |= P_WRITABLE;
    }
    TRY(desc_field(iso, obj, ATOM(iso, get), &has, d->get));
    if (has) {
        if (!v_is_callable(*d->get) && *d->get != V_UNDEF) {
            char *s = rt_describe(iso, *d->get, false);
            vm_throw_error(iso, E_TYPE, "Getter must be a function: %s", s);
            free(s);
            goto fail;
        }
        d->mask |= PD_GET;
    }
    TRY(desc_field(iso, obj, ATOM(iso, set), &has, d->set));
    if (has) {
        if (!v_is_callable(*d->set) && *d->set != V_UNDEF) {
            char *s = rt_describe(iso, *d->set, false);
            vm_throw_error(iso, E_TYPE, "Setter must be a function: %s", s);
            free(s);
            goto fail;
        }
        d->mask |= PD_SET;
    }
    if ((d->mask & (PD_GET | PD_SET)) && (d->mask & (PD_VALUE | PD_WRITABLE))) {
        char *s = rt_describe(iso, *obj, false);
        vm_throw_error(iso, E_TYPE,
                       "Invalid property descriptor. Cannot both specify accessors and a value or "
                       "writable attribute, %s",
                       s);
        free(s);
        goto fail;
    }
    if (d->mask & (PD_GET | PD_SET)) d->attrs |= P_ACCESSOR;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status define_desc(Isolate *iso, Value obj, Value key, const DescH *d) {
    PropDesc pd = {*d->value, *d->get, *d->set, d->attrs};
    return obj_define_desc(iso, obj, key, &pd, d->mask);
}

/* FromPropertyDescriptor. */
static Status from_prop_desc(Isolate *iso, const PropDesc *pd, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *a = vm_handle(iso, (pd->attrs & P_ACCESSOR) ? pd->getter : pd->value);
    Value *b = vm_handle(iso, pd->setter);
    int attrs = pd->attrs;
    Value *o = vm_handle(iso, obj_new(iso));
    if (attrs & P_ACCESSOR) {
        TRY(obj_define(iso, *o, ATOM(iso, get), *a, P_DEFAULT));
        TRY(obj_define(iso, *o, ATOM(iso, set), *b, P_DEFAULT));
    } else {
        TRY(obj_define(iso, *o, ATOM(iso, value), *a, P_DEFAULT));
        TRY(obj_define(iso, *o, ATOM(iso, writable), v_bool(attrs & P_WRITABLE), P_DEFAULT));
    }
    TRY(obj_define(iso, *o, ATOM(iso, enumerable), v_bool(attrs & P_ENUMERABLE), P_DEFAULT));
    TRY(obj_define(iso, *o, ATOM(iso, configurable), v_bool(attrs & P_CONFIGURABLE), P_DEFAULT));
    *out = *o;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static bool is_hash_symbol(Isolate *iso, Value k) { return k == ROOT(iso, R_SYMBOL_HASH); }

/* ObjectDefineProperties(obj, props), both rooted by the caller. */
static Status define_properties(Isolate *iso, Value *obj, Value props_in) {
    size_t mark = vm_scope_open(iso);
    Value *props = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, props_in, props));
    Value *keys = vm_handle(iso, obj_own_keys(iso, *props, KEYS_INCLUDE_SYMBOLS));
    uint32_t n = array_length(*keys);
    /* All descriptors are read before any is applied: [key, value, get, set, attrs|mask<<8]. */
    Value *list = vm_handle(iso, fixed_new(iso, 5 * (size_t)n));
    Value *key = vm_handle(iso, V_UNDEF), *dobj = vm_handle(iso, V_UNDEF);
    uint32_t count = 0;
    for (uint32_t i = 0; i < n; i++) {
        TRY(vm_to_key(iso, array_get_own(*keys, i), key));
        PropDesc pd;
        if (!obj_get_own(iso, *props, *key, &pd) || !(pd.attrs & P_ENUMERABLE)) continue;
        TRY(obj_get(iso, *props, *key, dobj));
        size_t inner = vm_scope_open(iso);
        DescH d;
        desc_open(iso, &d);
        if (to_prop_desc(iso, dobj, &d)) {
            vm_scope_close(iso, inner);
            goto fail;
        }
        FixedArray *l = v_fixed(*list);
        vm_store(iso, l, &l->items[5 * count], *key);
        vm_store(iso, l, &l->items[5 * count + 1], *d.value);
        vm_store(iso, l, &l->items[5 * count + 2], *d.get);
        vm_store(iso, l, &l->items[5 * count + 3], *d.set);
        l->items[5 * count + 4] = v_int(d.attrs | (d.mask << 8));
        vm_scope_close(iso, inner);
        count++;
    }
    for (uint32_t i = 0; i < count; i++) {
        FixedArray *l = v_fixed(*list);
        int bits = v_int_val(l->items[5 * i + 4]);
        PropDesc pd = {l->items[5 * i + 1], l->items[5 * i + 2], l->items[5 * i + 3], bits & 0xff};
        TRY(obj_define_desc(iso, *obj, l->items[5 * i], &pd, bits >> 8));
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status throw_bad_proto(Isolate *iso, Value proto) {
    char *s = rt_describe(iso, proto, false);
    vm_throw_error(iso, E_TYPE, "Object prototype may only be an Object or null: %s", s);
    free(s);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- Object and its statics */

static Status object_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (v_is_nullish(argv[0])) {
        *ret = obj_new(iso);
        return MJS_OK;
    }
    return vm_to_object(iso, argv[0], ret);
}

static Status object_keys(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (vm_to_object(iso, argv[0], &argv[0])) return MJS_EXC;
    *ret = obj_own_keys(iso, argv[0], KEYS_ENUMERABLE_ONLY);
    return MJS_OK;
}

/* Object.values (kind 0) and Object.entries (kind 1). */
static Status own_values(Isolate *iso, Value *argv, int kind, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, argv[0], o));
    Value *keys = vm_handle(iso, obj_own_keys(iso, *o, KEYS_ENUMERABLE_ONLY));
    Value *res = vm_handle(iso, array_new(iso, 0));
    Value *key = vm_handle(iso, V_UNDEF), *val = vm_handle(iso, V_UNDEF);
    Value *pair = vm_handle(iso, V_UNDEF);
    uint32_t n = array_length(*keys);
    for (uint32_t i = 0; i < n; i++) {
        TRY(vm_to_key(iso, array_get_own(*keys, i), key));
        PropDesc pd;
        if (!obj_get_own(iso, *o, *key, &pd) || !(pd.attrs & P_ENUMERABLE)) continue;
        TRY(obj_get(iso, *o, *key, val));
        if (kind == 0) {
            TRY(array_push(iso, *res, *val));
        } else {
            *pair = array_new(iso, 0);
            TRY(array_push(iso, *pair, array_get_own(*keys, i)));
            TRY(array_push(iso, *pair, *val));
            TRY(array_push(iso, *res, *pair));
        }
    }
    *ret = *res;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_values(Isolate *iso, Value *argv, int argc, Value *ret) {
    return own_values(iso, argv, 0, ret);
}

static Status object_entries(Isolate *iso, Value *argv, int argc, Value *ret) {
    return own_values(iso, argv, 1, ret);
}

static Status object_assign(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *to = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, argv[0], to));
    Value *from = vm_handle(iso, V_UNDEF), *keys = vm_handle(iso, V_UNDEF);
    Value *key = vm_handle(iso, V_UNDEF), *val = vm_handle(iso, V_UNDEF);
    for (int s = 1; s < argc; s++) {
        if (v_is_nullish(argv[s])) continue;
        TRY(vm_to_object(iso, argv[s], from));
        *keys = obj_own_keys(iso, *from, KEYS_ENUMERABLE_ONLY | KEYS_INCLUDE_SYMBOLS);
        uint32_t n = array_length(*keys);
        for (uint32_t i = 0; i < n; i++) {
            TRY(vm_to_key(iso, array_get_own(*keys, i), key));
            PropDesc pd;
            if (!obj_get_own(iso, *from, *key, &pd) || !(pd.attrs & P_ENUMERABLE)) continue;
            TRY(obj_get(iso, *from, *key, val));
            TRY(obj_set(iso, *to, *key, *val, true));
        }
    }
    *ret = *to;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_create(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[0]) && argv[0] != V_NULL) return throw_bad_proto(iso, argv[0]);
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, obj_new_with_proto(iso, argv[0]));
    if (argv[1] != V_UNDEF) TRY(define_properties(iso, o, argv[1]));
    *ret = *o;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_define_property(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[0]))
        return vm_throw_error(iso, E_TYPE, "Object.defineProperty called on non-object");
    size_t mark = vm_scope_open(iso);
    Value *key = vm_handle(iso, V_UNDEF);
    TRY(vm_to_key(iso, argv[1], key));
    DescH d;
    desc_open(iso, &d);
    TRY(to_prop_desc(iso, &argv[2], &d));
    TRY(define_desc(iso, argv[0], *key, &d));
    *ret = argv[0];
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_define_properties(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[0]))
        return vm_throw_error(iso, E_TYPE, "Object.defineProperties called on non-object");
    if (define_properties(iso, &argv[0], argv[1])) return MJS_EXC;
    *ret = argv[0];
    return MJS_OK;
}

static Status object_get_own_property_descriptor(Isolate *iso, Value *argv, int argc,
                                                 Value *ret) {
    if (vm_to_object(iso, argv[0], &argv[0])) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *key = vm_handle(iso, V_UNDEF);
    TRY(vm_to_key(iso, argv[1], key));
    PropDesc pd;
    if (!obj_get_own(iso, argv[0], *key, &pd)) {
        *ret = V_UNDEF;
    } else {
        TRY(from_prop_desc(iso, &pd, ret));
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_get_own_property_descriptors(Isolate *iso, Value *argv, int argc,
                                                  Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, argv[0], o));
    Value *keys = vm_handle(iso, obj_own_keys(iso, *o, KEYS_INCLUDE_SYMBOLS));
    Value *res = vm_handle(iso, obj_new(iso));
    Value *key = vm_handle(iso, V_UNDEF), *d = vm_handle(iso, V_UNDEF);
    uint32_t n = array_length(*keys);
    for (uint32_t i = 0; i < n; i++) {
        TRY(vm_to_key(iso, array_get_own(*keys, i), key));
        if (is_hash_symbol(iso, *key)) continue;
        PropDesc pd;
        if (!obj_get_own(iso, *o, *key, &pd)) continue;
        TRY(from_prop_desc(iso, &pd, d));
        TRY(obj_define(iso, *res, *key, *d, P_DEFAULT));
    }
    *ret = *res;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_get_own_property_names(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (vm_to_object(iso, argv[0], &argv[0])) return MJS_EXC;
    *ret = obj_own_keys(iso, argv[0], 0);
    return MJS_OK;
}

static Status object_get_own_property_symbols(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, argv[0], o));
    Value *keys = vm_handle(iso, obj_own_keys(iso, *o, KEYS_INCLUDE_SYMBOLS));
    Value *res = vm_handle(iso, array_new(iso, 0));
    uint32_t n = array_length(*keys);
    for (uint32_t i = 0; i < n; i++) {
        Value k = array_get_own(*keys, i);
        if (v_is_symbol(k) && !is_hash_symbol(iso, k)) TRY(array_push(iso, *res, k));
    }
    *ret = *res;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_get_prototype_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (vm_to_object(iso, argv[0], &argv[0])) return MJS_EXC;
    *ret = obj_get_proto(argv[0]);
    return MJS_OK;
}

static Status object_set_prototype_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (v_is_nullish(argv[0]))
        return vm_throw_error(iso, E_TYPE, "Object.setPrototypeOf called on null or undefined");
    if (!v_is_object(argv[1]) && argv[1] != V_NULL) return throw_bad_proto(iso, argv[1]);
    if (v_is_object(argv[0]) && obj_set_proto(iso, argv[0], argv[1])) return MJS_EXC;
    *ret = argv[0];
    return MJS_OK;
}

static Status object_freeze(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (v_is_object(argv[0]) && obj_freeze(iso, argv[0], false)) return MJS_EXC;
    *ret = argv[0];
    return MJS_OK;
}

static Status object_seal(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (v_is_object(argv[0]) && obj_freeze(iso, argv[0], true)) return MJS_EXC;
    *ret = argv[0];
    return MJS_OK;
}

static Status object_prevent_extensions(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (v_is_object(argv[0]) && obj_prevent_extensions(iso, argv[0])) return MJS_EXC;
    *ret = argv[0];
    return MJS_OK;
}

static Status object_is_frozen(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = v_bool(!v_is_object(argv[0]) || obj_is_frozen(iso, argv[0], false));
    return MJS_OK;
}

static Status object_is_sealed(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = v_bool(!v_is_object(argv[0]) || obj_is_frozen(iso, argv[0], true));
    return MJS_OK;
}

static Status object_is_extensible(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = v_bool(v_is_object(argv[0]) && obj_is_extensible(argv[0]));
    return MJS_OK;
}

static Status object_is(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = v_bool(vm_same_value(iso, argv[0], argv[1]));
    return MJS_OK;
}

static Status throw_not_entry(Isolate *iso, Value item) {
    char *s = rt_describe(iso, item, false);
    vm_throw_error(iso, E_TYPE, "Iterator value %s is not an entry object", s);
    free(s);
    return MJS_EXC;
}

static Status object_from_entries(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *it = vm_handle(iso, V_UNDEF);
    TRY(vm_get_iterator(iso, argv[0], it));
    Value *res = vm_handle(iso, obj_new(iso));
    Value *item = vm_handle(iso, V_UNDEF), *k = vm_handle(iso, V_UNDEF);
    Value *v = vm_handle(iso, V_UNDEF);
    for (;;) {
        bool done;
        TRY(vm_iterator_step(iso, *it, &done, item));
        if (done) break;
        if (!v_is_object(*item)) {
            throw_not_entry(iso, *item);
            goto close;
        }
        if (obj_get(iso, *item, v_int(0), k) || obj_get(iso, *item, v_int(1), v) ||
            vm_to_key(iso, *k, k) || obj_define(iso, *res, *k, *v, P_DEFAULT))
            goto close;
    }
    *ret = *res;
    vm_scope_close(iso, mark);
    return MJS_OK;
close:
    (void)!vm_iterator_close(iso, *it);
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_has_own(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *key = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, argv[0], o));
    TRY(vm_to_key(iso, argv[1], key));
    *ret = v_bool(obj_has_own(iso, *o, *key));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- Object.prototype */

/* __defineGetter__ / __defineSetter__ (Annex B). */
static Status define_accessor_b(Isolate *iso, Value *argv, bool setter, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *key = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, argv[-1], o));
    if (!v_is_callable(argv[1])) {
        vm_throw_error(iso, E_TYPE, "Object.prototype.__define%sGetter__: Expecting function",
                       setter ? "S" : "");
        goto fail;
    }
    TRY(vm_to_key(iso, argv[0], key));
    PropDesc pd = {V_UNDEF, setter ? V_UNDEF : argv[1], setter ? argv[1] : V_UNDEF,
                   P_ENUMERABLE | P_CONFIGURABLE | P_ACCESSOR};
    TRY(obj_define_desc(iso, *o, *key, &pd, (setter ? PD_SET : PD_GET) | PD_ENUMERABLE | PD_CONFIGURABLE));
    *ret = V_UNDEF;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_proto_define_getter(Isolate *iso, Value *argv, int argc, Value *ret) {
    return define_accessor_b(iso, argv, false, ret);
}

static Status object_proto_define_setter(Isolate *iso, Value *argv, int argc, Value *ret) {
    return define_accessor_b(iso, argv, true, ret);
}

/* __lookupGetter__ / __lookupSetter__: the accessor on the first object of the chain that
 * has the property. */
static Status lookup_accessor_b(Isolate *iso, Value *argv, bool setter, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *key = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, argv[-1], o));
    TRY(vm_to_key(iso, argv[0], key));
    *ret = V_UNDEF;
    for (int guard = 0; v_is_object(*o) && guard < 100000; guard++) {
        PropDesc pd;
        if (obj_get_own(iso, *o, *key, &pd)) {
            if (pd.attrs & P_ACCESSOR) *ret = setter ? pd.setter : pd.getter;
            break;
        }
        *o = obj_get_proto(*o);
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_proto_lookup_getter(Isolate *iso, Value *argv, int argc, Value *ret) {
    return lookup_accessor_b(iso, argv, false, ret);
}

static Status object_proto_lookup_setter(Isolate *iso, Value *argv, int argc, Value *ret) {
    return lookup_accessor_b(iso, argv, true, ret);
}

static Status object_proto_has_own_property(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *key = vm_handle(iso, V_UNDEF), *o = vm_handle(iso, V_UNDEF);
    TRY(vm_to_key(iso, argv[0], key));
    TRY(vm_to_object(iso, argv[-1], o));
    *ret = v_bool(obj_has_own(iso, *o, *key));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_proto_is_prototype_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[0])) {
        *ret = V_FALSE;
        return MJS_OK;
    }
    Value o;
    if (vm_to_object(iso, argv[-1], &o)) return MJS_EXC;
    bool found = false;
    for (Value p = obj_get_proto(argv[0]); v_is_object(p); p = obj_get_proto(p)) {
        if (p == o) {
            found = true;
            break;
        }
    }
    *ret = v_bool(found);
    return MJS_OK;
}

static Status object_proto_property_is_enumerable(Isolate *iso, Value *argv, int argc,
                                                  Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *key = vm_handle(iso, V_UNDEF), *o = vm_handle(iso, V_UNDEF);
    TRY(vm_to_key(iso, argv[0], key));
    TRY(vm_to_object(iso, argv[-1], o));
    PropDesc pd;
    *ret = v_bool(obj_get_own(iso, *o, *key, &pd) && (pd.attrs & P_ENUMERABLE));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_proto_to_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argv[-1] == V_UNDEF || argv[-1] == V_NULL) {
        *ret = str_from_cstr(iso, argv[-1] == V_UNDEF ? "[object Undefined]" : "[object Null]");
        return MJS_OK;
    }
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *tag = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, argv[-1], o));
    Value sym = rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
    TRY(obj_get(iso, *o, sym, tag));
    if (v_is_string(*tag)) {
        Value *s = vm_handle(iso, str_from_cstr(iso, "[object "));
        *s = str_concat(iso, *s, *tag);
        Value close = str_from_cstr(iso, "]");
        *ret = str_concat(iso, *s, close);
    } else {
        char buf[64];
        snprintf(buf, sizeof buf, "[object %s]", class_name(*o));
        *ret = str_from_cstr(iso, buf);
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status object_proto_to_locale_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    return vm_invoke(iso, argv[-1], ATOM(iso, toString), 0, NULL, ret);
}

static Status object_proto_value_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    return vm_to_object(iso, argv[-1], ret);
}

/* ---------------------------------------------------------------- installation */

void rt_install_object(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    Value *ctor = vm_handle(iso, rt_install_ctor(iso, "Object", object_ctor, 1, R_OBJECT_PROTO));
    static const struct {
        const char *name;
        NativeFn fn;
        int length;
    } statics[] = {
        {"keys", object_keys, 1},
        {"values", object_values, 1},
        {"entries", object_entries, 1},
        {"assign", object_assign, 2},
        {"create", object_create, 2},
        {"defineProperty", object_define_property, 3},
        {"defineProperties", object_define_properties, 2},
        {"getOwnPropertyDescriptor", object_get_own_property_descriptor, 2},
        {"getOwnPropertyDescriptors", object_get_own_property_descriptors, 1},
        {"getOwnPropertyNames", object_get_own_property_names, 1},
        {"getOwnPropertySymbols", object_get_own_property_symbols, 1},
        {"getPrototypeOf", object_get_prototype_of, 1},
        {"setPrototypeOf", object_set_prototype_of, 2},
        {"freeze", object_freeze, 1},
        {"isFrozen", object_is_frozen, 1},
        {"seal", object_seal, 1},
        {"isSealed", object_is_sealed, 1},
        {"preventExtensions", object_prevent_extensions, 1},
        {"isExtensible", object_is_extensible, 1},
        {"is", object_is, 2},
        {"fromEntries", object_from_entries, 1},
        {"hasOwn", object_has_own, 2},
    };
    for (size_t i = 0; i < sizeof statics / sizeof statics[0]; i++)
        vm_def_native(iso, *ctor, statics[i].name, statics[i].fn, statics[i].length);

    static const struct {
        const char *name;
        NativeFn fn;
        int length;
    } methods[] = {
        {"hasOwnProperty", object_proto_has_own_property, 1},
        {"isPrototypeOf", object_proto_is_prototype_of, 1},
        {"propertyIsEnumerable", object_proto_property_is_enumerable, 1},
        {"toString", object_proto_to_string, 0},
        {"toLocaleString", object_proto_to_locale_string, 0},
        {"valueOf", object_proto_value_of, 0},
        {"__defineGetter__", object_proto_define_getter, 2},
        {"__defineSetter__", object_proto_define_setter, 2},
        {"__lookupGetter__", object_proto_lookup_getter, 1},
        {"__lookupSetter__", object_proto_lookup_setter, 1},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        vm_def_native(iso, ROOT(iso, R_OBJECT_PROTO), methods[i].name, methods[i].fn,
                      methods[i].length);
    /* Object.prototype.__proto__ is made with the isolate (vm/isolate.c). */
    vm_scope_close(iso, mark);
}
