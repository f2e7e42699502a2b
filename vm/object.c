/* object.c: property access on JS objects and primitives: [[Get]], [[Set]], own lookup,
 * adding properties (transitions, out-of-object growth, dictionary fallback), prototypes,
 * lazy function prototypes, and the inline-cache slow paths.
 * Invariant: lookup_own never allocates; every path that allocates keeps its objects in
 * handles and re-reads them afterwards.
 */
#include <stdio.h>
#include <stdlib.h>

#include "interp_int.h"
#include "object_int.h"
#include "vm_int.h"

/* After this many slow-path visits an access site is treated as megamorphic. */
#define IC_MAX_MISSES 8

/* ---------------------------------------------------------------- keys and messages */

Status key_canon(Isolate *iso, Value *key) {
    Value k = *key;
    if (v_is_int(k) && v_int_val(k) >= 0) return MJS_OK;
    if (v_is_ptr(k)) {
        if (v_type(k) == T_SYMBOL) return MJS_OK;
        if (v_is_atom(k)) {
            uint32_t n = str_length(k);
            if (n == 0) return MJS_OK;
            uint16_t c = str_char(k, 0);
            if (c < '0' || c > '9' || str_flat_array_index(k) > INT32_MAX ||
                str_flat_array_index(k) < 0)
                return MJS_OK;
        }
    }
    return vm_to_key(iso, k, key);
}

char *key_to_cstr(Isolate *iso, Value key) {
    char *out;
    if (v_is_int(key)) {
        out = malloc(16);
        if (!out) abort();
        snprintf(out, 16, "%d", v_int_val(key));
        return out;
    }
    if (v_is_symbol(key)) {
        Value d = ((Symbol *)v_ptr(key))->description;
        char *inner = v_is_string(d) ? str_to_utf8(iso, d, NULL) : NULL;
        size_t n = (inner ? strlen(inner) : 0) + 16;
        out = malloc(n);
        if (!out) abort();
        snprintf(out, n, "Symbol(%s)", inner ? inner : "");
        free(inner);
        return out;
    }
    if (v_is_string(key)) return str_to_utf8(iso, key, NULL);
    return strdup("?");
}

char *obj_class_desc(Isolate *iso, Value obj) {
    if (v_is_array(obj)) return strdup("[object Array]");
    if (v_is_typed_array(obj)) {
        char buf[40];
        snprintf(buf, sizeof buf, "[object %s]", vm_typed_name[vm_typed_kind(obj)]);
        return strdup(buf);
    }
    /* "#<Ctor>" from the nearest data `constructor` that is a function with a name. */
    Value h = obj;
    while (v_is_object(h)) {
        Ref r;
        if (lookup_own(iso, h, ATOM(iso, constructor), &r)) {
            if (!(r.attrs & P_ACCESSOR) && v_is_callable(r.value)) {
                Value name = vm_function_name(iso, r.value);
                if (v_is_string(name) && str_length(name)) {
                    char *n = str_to_utf8(iso, name, NULL);
                    size_t len = strlen(n) + 4;
                    char *out = malloc(len);
                    if (!out) abort();
                    snprintf(out, len, "#<%s>", n);
                    free(n);
                    return out;
                }
            }
            break;
        }
        h = v_jsobj(h)->map->proto;
    }
    return strdup("#<Object>");
}

static char *prim_desc(Isolate *iso, Value v) {
    char buf[64];
    if (v_is_string(v)) return str_to_utf8(iso, v, NULL);
    if (v_is_number(v)) {
        num_to_cstr(v_num(v), buf);
        return strdup(buf);
    }
    if (v_is_bool(v)) return strdup(v == V_TRUE ? "true" : "false");
    if (v_is_symbol(v)) return key_to_cstr(iso, v);
    if (v_is_null(v)) return strdup("null");
    return strdup("undefined");
}

static const char *prim_type_name(Value v) {
    if (v_is_string(v)) return "string";
    if (v_is_number(v)) return "number";
    if (v_is_bool(v)) return "boolean";
    if (v_is_symbol(v)) return "symbol";
    return "undefined";
}

static Status throw_nullish(Isolate *iso, Value obj, Value key, bool reading) {
    char *k = key_to_cstr(iso, key);
    Status st = vm_throw_error(iso, E_TYPE, "Cannot %s properties of %s (%s '%s')",
                               reading ? "read" : "set", v_is_null(obj) ? "null" : "undefined",
                               reading ? "reading" : "setting", k);
    free(k);
    return st;
}

/* A failed assignment: TypeError in strict code, silently ignored otherwise. */
static Status fail_readonly(Isolate *iso, Value obj, Value key, bool strict) {
    if (!strict) return MJS_OK;
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj);
    char *k = key_to_cstr(iso, key); /* may flatten a symbol's description */
    obj = *ho;
    vm_scope_close(iso, mark);
    Status st;
    if (v_is_object(obj)) {
        char *d = obj_class_desc(iso, obj);
        st = vm_throw_error(iso, E_TYPE, "Cannot assign to read only property '%s' of %s '%s'", k,
                            v_is_callable(obj) ? "function" : "object", d);
        free(d);
    } else {
        char *d = prim_desc(iso, obj);
        st = vm_throw_error(iso, E_TYPE, "Cannot assign to read only property '%s' of %s '%s'", k,
                            prim_type_name(obj), d);
        free(d);
    }
    free(k);
    return st;
}

static Status fail_not_extensible(Isolate *iso, Value key, bool strict) {
    if (!strict) return MJS_OK;
    char *k = key_to_cstr(iso, key);
    Status st = vm_throw_error(iso, E_TYPE, "Cannot add property %s, object is not extensible", k);
    free(k);
    return st;
}

/* ---------------------------------------------------------------- own lookup */

bool lookup_own(Isolate *iso, Value obj, Value key, Ref *r) {
    JSObject *o = v_jsobj(obj);
    Map *m = o->map;
    if (m->type == T_TYPED_ARRAY) {
        uint32_t i;
        int k = typed_key(iso, obj, key, &i);
        if (k == TYPED_KEY_VALID) *r = (Ref){REF_TYPED, P_DEFAULT, i, vm_typed_get(obj, i)};
        if (k != TYPED_KEY_NONE) return k == TYPED_KEY_VALID;
    }
    if (v_is_int(key)) {
        uint32_t i = (uint32_t)v_int_val(key);
        if (m->type == T_STRING_OBJ && v_is_string(o->slots[0]) && i < str_length(o->slots[0])) {
            *r = (Ref){REF_STRING_CHAR, P_ENUMERABLE, i, V_HOLE};
            return true;
        }
        int attrs = P_DEFAULT;
        Value v = elem_get(obj, i, &attrs);
        if (v == V_HOLE) return false;
        *r = (Ref){REF_ELEM, attrs, i, v};
        return true;
    }
    if (key == ATOM(iso, length)) {
        if (m->type == T_ARRAY) {
            *r = (Ref){REF_ARRAY_LENGTH, (m->flags & MAP_ARRAY_LENGTH_RO) ? 0 : P_WRITABLE, 0,
                       o->slots[0]};
            return true;
        }
        if (m->type == T_STRING_OBJ && v_is_string(o->slots[0])) {
            *r = (Ref){REF_STRING_LENGTH, 0, 0, v_int((int32_t)str_length(o->slots[0]))};
            return true;
        }
    }
    if (map_is_dict(m)) {
        if (o->props == V_HOLE) return false;
        int e = dict_find(o->props, key);
        if (e < 0) return false;
        *r = (Ref){REF_DICT, dict_attrs(o->props, e), (uint32_t)e, dict_value(o->props, e)};
        return true;
    }
    int i = map_find(m, key);
    if (i < 0) return false;
    uint32_t slot = map_desc_slot(m, (uint32_t)i);
    *r = (Ref){REF_FAST, map_desc_attrs(m, (uint32_t)i), slot, *obj_slot_ptr(obj, slot)};
    return true;
}

Value fn_materialize_prototype(Isolate *iso, Value fn) {
    size_t mark = vm_scope_open(iso);
    Value *hf = vm_handle(iso, fn);
    Value tmpl = v_jsobj(fn)->slots[FN_INT_TEMPLATE];
    bool generator = v_is_ptr(tmpl) && v_type(tmpl) == T_TEMPLATE && (v_template(tmpl)->code->flags & CODE_GENERATOR);
    if (generator) vm_generator_init(iso);
    /* a generator function's prototype is the generators' prototype: no constructor */
    Value *hp = vm_handle(iso, generator ? obj_new_with_proto(iso, ROOT(iso, R_GENERATOR_PROTO)) : obj_new(iso));
    if (!generator) add_named(iso, *hp, ATOM(iso, constructor), *hf, P_HIDDEN, NULL);
    Ref r;
    if (lookup_own(iso, *hf, ATOM(iso, prototype), &r) && r.value == V_HOLE)
        ref_store(iso, *hf, &r, *hp);
    Value out = *hp;
    vm_scope_close(iso, mark);
    return out;
}

Value ref_value(Isolate *iso, Value obj, Ref *r) {
    if (r->kind == REF_STRING_CHAR) {
        Value s = str_flatten(iso, *obj_internal(obj, 0));
        r->value = str_char_string(iso, str_char(s, r->index));
    } else if (r->value == V_HOLE && v_type(obj) == T_FUNCTION &&
               (r->kind == REF_FAST || r->kind == REF_DICT)) {
        r->value = fn_materialize_prototype(iso, obj);
    }
    return r->value;
}

void ref_store(Isolate *iso, Value obj, const Ref *r, Value v) {
    JSObject *o = v_jsobj(obj);
    switch (r->kind) {
    case REF_FAST: vm_store(iso, o, obj_slot_ptr(obj, r->index), v); break;
    case REF_DICT: dict_set_value(iso, o->props, (int)r->index, v); break;
    case REF_ELEM: elem_put(iso, obj, r->index, v, r->attrs); break;
    case REF_TYPED: if (v_is_number(v)) vm_typed_set(obj, r->index, v_num(v)); break;
    default: break;
    }
}

/* ---------------------------------------------------------------- creation, prototypes */

Value obj_new_from_map(Isolate *iso, Map *map) {
    size_t mark = vm_scope_open(iso);
    vm_handle(iso, v_from_ptr(map)); /* the caller's map may be referenced from nowhere else */
    Value *hp = vm_handle(iso, V_HOLE);
    if (!map_is_dict(map) && map->prop_count > map->inobject_cap) {
        size_t n = map->prop_count - map->inobject_cap;
        *hp = fixed_new(iso, n);
        for (size_t i = 0; i < n; i++) v_fixed(*hp)->items[i] = V_UNDEF;
    }
    JSObject *o = gc_alloc(iso->heap, map->instance_size);
    o->map = map;
    o->props = *hp;
    o->elements = V_HOLE;
    if (*hp != V_HOLE) gc_write_barrier(iso->heap, o, (GcWord *)&o->props, *hp);
    vm_scope_close(iso, mark);
    uint32_t described = map_is_dict(map) ? 0 : map->prop_count;
    if (described > map->inobject_cap) described = map->inobject_cap;
    /* Described slots read as undefined until filled, except a function's lazy prototype. */
    if (map->type != T_FUNCTION)
        for (uint32_t i = 0; i < described; i++) o->slots[map->internal_count + i] = V_UNDEF;
    if (map->type == T_ARRAY) o->slots[0] = v_int(0);
    return v_from_ptr(o);
}

Value obj_new(Isolate *iso) { return obj_new_from_map(iso, v_ptr(ROOT(iso, R_MAP_OBJECT))); }

Value obj_new_sized(Isolate *iso, int n) {
    if (n <= 0) return obj_new(iso);
    if (n > 64) n = 64; /* beyond that, out-of-object storage is as good */
    Map *m = map_cached_root(iso, T_OBJECT, ROOT(iso, R_OBJECT_PROTO), 0, n);
    return obj_new_from_map(iso, m);
}

Value obj_new_with_proto(Isolate *iso, Value proto) {
    Map *m = map_cached_root(iso, T_OBJECT, proto, 0, 4);
    return obj_new_from_map(iso, m);
}

Value obj_get_proto(Value obj) { return v_is_object(obj) ? v_jsobj(obj)->map->proto : V_NULL; }

bool obj_is_extensible(Value obj) {
    return v_is_object(obj) && !(v_jsobj(obj)->map->flags & MAP_NOT_EXTENSIBLE);
}

Status obj_set_proto(Isolate *iso, Value obj, Value proto) {
    if (!v_is_object(obj)) return MJS_OK;
    if (!v_is_object(proto) && !v_is_null(proto)) {
        char *d = prim_desc(iso, proto);
        Status st = vm_throw_error(iso, E_TYPE, "Object prototype may only be an Object or null: %s", d);
        free(d);
        return st;
    }
    Map *m = v_jsobj(obj)->map;
    if (m->proto == proto) return MJS_OK;
    if (m->flags & MAP_NOT_EXTENSIBLE) {
        char *d = obj_class_desc(iso, obj);
        Status st = vm_throw_error(iso, E_TYPE, "%s is not extensible", d);
        free(d);
        return st;
    }
    for (Value p = proto; v_is_object(p); p = v_jsobj(p)->map->proto)
        if (p == obj) return vm_throw_error(iso, E_TYPE, "Cyclic __proto__ value");
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj), *hp = vm_handle(iso, proto);
    if (v_is_object(proto)) obj_make_prototype(iso, proto);
    m = v_jsobj(*h)->map;
    if (map_is_dict(m)) {
        vm_store(iso, m, &m->proto, *hp);
    } else if (m->prop_count == 0 && m->flags == 0) {
        Map *root = map_cached_root(iso, (InstanceType)m->type, *hp, m->internal_count, m->inobject_cap);
        obj_set_map(iso, *h, root);
    } else {
        Map *c = map_copy(iso, m);
        vm_store(iso, c, &c->proto, *hp);
        obj_set_map(iso, *h, c);
    }
    obj_shape_changed(iso, *h);
    vm_scope_close(iso, mark);
    return MJS_OK;
}

/* ---------------------------------------------------------------- adding properties */

void add_named(Isolate *iso, Value obj, Value key, Value v, int attrs, PropCache *ic) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj), *hk = vm_handle(iso, key), *hv = vm_handle(iso, v);
    Map *m = v_jsobj(obj)->map;
    /* A 600k-key cache object must not grow a 600k-map chain. */
    if (!map_is_dict(m) && m->prop_count >= (uint32_t)m->inobject_cap + MAX_FAST_OUT_OF_OBJECT)
        obj_to_dictionary(iso, *h);
    m = v_jsobj(*h)->map;
    if (map_is_dict(m)) {
        if (v_jsobj(*h)->props == V_HOLE) {
            Value d = dict_new(iso, 8);
            vm_store(iso, v_jsobj(*h), &v_jsobj(*h)->props, d);
        }
        Value d = dict_put(iso, v_jsobj(*h)->props, *hk, *hv, attrs);
        vm_store(iso, v_jsobj(*h), &v_jsobj(*h)->props, d);
        if (attrs & P_ACCESSOR) m->flags |= MAP_HAS_GETTERS;
        obj_shape_changed(iso, *h);
        vm_scope_close(iso, mark);
        return;
    }
    bool proto_map = m->flags & MAP_IS_PROTOTYPE;
    Map *nm = proto_map ? map_copy_adding(iso, m, *hk, attrs) : map_transition(iso, m, *hk, attrs);
    vm_handle(iso, v_from_ptr(nm)); /* a private map is reachable from nothing else yet */
    uint32_t slot = m->prop_count;
    bool fits = true;
    if (slot >= m->inobject_cap) {
        uint32_t out = slot - m->inobject_cap;
        Value props = v_jsobj(*h)->props;
        size_t len = props == V_HOLE ? 0 : fixed_length(props);
        if (out >= len) {
            fits = false;
            size_t nl = len + len / 2 + 3;
            Value np = props == V_HOLE ? fixed_new(iso, nl) : fixed_resize(iso, props, nl);
            vm_store(iso, v_jsobj(*h), &v_jsobj(*h)->props, np);
        }
    }
    if (ic && fits && !proto_map && ic->misses <= IC_MAX_MISSES) {
        ic->kind = IC_ADD;
        ic->map = m;
        ic->new_map = nm;
        ic->slot = slot;
        ic->holder = V_HOLE;
        ic->epoch = iso->proto_epoch;
    }
    obj_set_map(iso, *h, nm);
    vm_store(iso, v_jsobj(*h), obj_slot_ptr(*h, slot), *hv);
    obj_shape_changed(iso, *h);
    vm_scope_close(iso, mark);
}

/* Array indices above INT32_MAX are named keys but still extend an array's length. */
static void note_big_index(Isolate *iso, Value arr, Value key) {
    if (v_type(arr) != T_ARRAY || !v_is_atom(key)) return;
    int64_t idx = str_flat_array_index(key);
    if (idx >= 0 && (double)idx >= array_length_num(arr)) {
        JSObject *o = v_jsobj(arr);
        vm_store(iso, o, &o->slots[0], v_number((double)idx + 1));
    }
}

void define_own_raw(Isolate *iso, Value obj, Value key, Value v, int attrs) {
    if (v_is_int(key)) {
        uint32_t i = (uint32_t)v_int_val(key);
        if (v_type(obj) == T_STRING_OBJ && i < str_length(*obj_internal(obj, 0))) return;
        elem_put(iso, obj, i, v, attrs);
        return;
    }
    Ref r;
    if (!lookup_own(iso, obj, key, &r)) {
        size_t mark = vm_scope_open(iso);
        Value *h = vm_handle(iso, obj), *hk = vm_handle(iso, key);
        add_named(iso, obj, key, v, attrs, NULL);
        note_big_index(iso, *h, *hk);
        vm_scope_close(iso, mark);
        return;
    }
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj), *hv = vm_handle(iso, v);
    Map *m = v_jsobj(obj)->map;
    if (r.kind == REF_FAST) {
        if (r.attrs != attrs) {
            int i = map_find(m, key);
            Map *c = map_copy_with_attrs(iso, m, (uint32_t)i, attrs);
            obj_set_map(iso, *h, c);
            obj_shape_changed(iso, *h);
        }
        ref_store(iso, *h, &r, *hv);
    } else if (r.kind == REF_DICT) {
        Value d = v_jsobj(obj)->props;
        dict_set_value(iso, d, (int)r.index, v);
        dict_set_attrs(iso, d, (int)r.index, attrs);
        if (attrs & P_ACCESSOR) m->flags |= MAP_HAS_GETTERS;
        if (attrs != r.attrs) obj_shape_changed(iso, obj);
    }
    vm_scope_close(iso, mark);
}

/* ---------------------------------------------------------------- inline caches */

static bool ic_usable(PropCache *ic) {
    if (!ic) return false;
    if (ic->misses >= IC_MAX_MISSES) {
        ic->kind = IC_NONE; /* megamorphic: stop caching */
        return false;
    }
    ic->misses++;
    return true;
}

static bool is_named(Value key) { return !v_is_int(key); }

/* A key that some object kinds answer virtually (not from descriptors). */
/* Keys not stored in m's descriptors: array/string length, a typed array's numeric keys. */
static bool virtual_on(Isolate *iso, Map *m, Value obj, Value key) {
    uint32_t i;
    if (m->type == T_TYPED_ARRAY) return typed_key(iso, obj, key, &i) != TYPED_KEY_NONE;
    return key == ATOM(iso, length) && (m->type == T_ARRAY || m->type == T_STRING_OBJ);
}

static void ic_fill_get(Isolate *iso, Value obj, Value key, PropCache *ic) {
    if (!v_is_object(obj) || !is_named(key)) return;
    Map *m = v_jsobj(obj)->map;
    if (map_is_dict(m) || virtual_on(iso, m, obj, key)) return;
    int i = map_find(m, key);
    if (i >= 0) {
        if (map_desc_attrs(m, (uint32_t)i) & P_ACCESSOR) return;
        if (key == ATOM(iso, prototype) && m->type == T_FUNCTION) return; /* may be lazy */
        *ic = (PropCache){m, V_HOLE, NULL, map_desc_slot(m, (uint32_t)i), IC_OWN, 0, 0, ic->misses};
        return;
    }
    for (Value h = m->proto; v_is_object(h);) {
        Map *hm = v_jsobj(h)->map;
        if (virtual_on(iso, hm, h, key) || !(hm->flags & MAP_IS_PROTOTYPE)) return;
        if (map_is_dict(hm)) {
            JSObject *ho = v_jsobj(h);
            if (ho->props != V_HOLE && dict_find(ho->props, key) >= 0) return;
        } else {
            int j = map_find(hm, key);
            if (j >= 0) {
                if (map_desc_attrs(hm, (uint32_t)j) & P_ACCESSOR) return;
                if (key == ATOM(iso, prototype) && hm->type == T_FUNCTION) return;
                *ic = (PropCache){m, h, NULL, map_desc_slot(hm, (uint32_t)j), IC_PROTO, 0,
                                  iso->proto_epoch, ic->misses};
                return;
            }
        }
        h = hm->proto;
    }
}

/* ---------------------------------------------------------------- [[Get]] */

static Value primitive_proto(Isolate *iso, Value v) {
    if (v_is_string(v)) return ROOT(iso, R_STRING_PROTO);
    if (v_is_number(v)) return ROOT(iso, R_NUMBER_PROTO);
    if (v_is_bool(v)) return ROOT(iso, R_BOOLEAN_PROTO);
    return ROOT(iso, R_SYMBOL_PROTO);
}

/* key canonical; *hrecv rooted. */
static Status get_impl(Isolate *iso, Value obj, Value key, Value *hrecv, Value *out) {
    Value holder = obj;
    if (!v_is_object(obj)) {
        if (v_is_nullish(obj) || obj == V_HOLE) return throw_nullish(iso, obj, key, true);
        if (v_is_string(obj)) {
            if (key == ATOM(iso, length)) {
                *out = v_int((int32_t)str_length(obj));
                return MJS_OK;
            }
            if (v_is_int(key) && (uint32_t)v_int_val(key) < str_length(obj)) {
                uint32_t i = (uint32_t)v_int_val(key);
                Value f = str_flatten(iso, obj);
                *out = str_char_string(iso, str_char(f, i));
                return MJS_OK;
            }
        }
        holder = primitive_proto(iso, obj);
    }
    for (;;) {
        Ref r;
        if (lookup_own(iso, holder, key, &r)) {
            if (r.attrs & P_ACCESSOR) {
                Value getter = ((AccessorPair *)v_ptr(r.value))->getter;
                if (!v_is_callable(getter)) {
                    *out = V_UNDEF;
                    return MJS_OK;
                }
                return vm_call(iso, getter, *hrecv, 0, NULL, out);
            }
            *out = ref_value(iso, holder, &r);
            return MJS_OK;
        }
        uint32_t ti;
        if (v_type(holder) == T_TYPED_ARRAY && typed_key(iso, holder, key, &ti) != TYPED_KEY_NONE) {
            *out = V_UNDEF; /* integer-indexed: numeric keys never reach the prototype */
            return MJS_OK;
        }
        Value p = v_jsobj(holder)->map->proto;
        if (!v_is_object(p)) {
            *out = V_UNDEF;
            return MJS_OK;
        }
        holder = p;
    }
}

Status obj_get_with_receiver(Isolate *iso, Value obj, Value key, Value receiver, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hr = vm_handle(iso, receiver), *hk = vm_handle(iso, key);
    Status st = key_canon(iso, hk);
    if (st == MJS_OK) {
        Value res = V_UNDEF;
        st = get_impl(iso, *ho, *hk, hr, &res);
        if (st == MJS_OK) *out = res;
    }
    vm_scope_close(iso, mark);
    return st;
}

Status obj_get(Isolate *iso, Value obj, Value key, Value *out) {
    return obj_get_with_receiver(iso, obj, key, obj, out);
}

Status obj_get_cached(Isolate *iso, Value obj, Value key, Value *out, PropCache *ic) {
    if (ic_usable(ic) && (v_is_atom(key) || v_is_symbol(key))) ic_fill_get(iso, obj, key, ic);
    return obj_get(iso, obj, key, out);
}

/* ---------------------------------------------------------------- [[Set]] */

static Status call_setter(Isolate *iso, Value pair, Value *hobj, Value key, Value *hv, bool strict) {
    Value setter = ((AccessorPair *)v_ptr(pair))->setter;
    if (!v_is_callable(setter)) {
        if (!strict) return MJS_OK;
        char *k = key_to_cstr(iso, key);
        char *d = v_is_object(*hobj) ? obj_class_desc(iso, *hobj) : prim_desc(iso, *hobj);
        Status st = vm_throw_error(iso, E_TYPE, "Cannot set property %s of %s which has only a getter", k, d);
        free(k);
        free(d);
        return st;
    }
    Value ignored;
    return vm_call(iso, setter, *hobj, 1, hv, &ignored);
}

Status array_set_length_value(Isolate *iso, Value arr, Value len) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, arr);
    double d;
    uint32_t u;
    Status st = vm_to_uint32(iso, len, &u);
    if (st == MJS_OK) st = vm_to_number(iso, len, &d);
    if (st == MJS_OK) {
        if ((double)u != d) st = vm_throw_error(iso, E_RANGE, "Invalid array length");
        else st = array_set_length(iso, *h, d);
    }
    vm_scope_close(iso, mark);
    return st;
}

static Status set_primitive(Isolate *iso, Value *hobj, Value key, Value *hv, bool strict) {
    Value obj = *hobj;
    if (v_is_nullish(obj) || obj == V_HOLE) return throw_nullish(iso, obj, key, false);
    if (v_is_string(obj) &&
        (key == ATOM(iso, length) || (v_is_int(key) && (uint32_t)v_int_val(key) < str_length(obj))))
        return fail_readonly(iso, obj, key, strict);
    for (Value p = primitive_proto(iso, obj); v_is_object(p); p = v_jsobj(p)->map->proto) {
        Ref r;
        if (lookup_own(iso, p, key, &r)) {
            if (r.attrs & P_ACCESSOR) return call_setter(iso, r.value, hobj, key, hv, strict);
            if (!(r.attrs & P_WRITABLE)) return fail_readonly(iso, obj, key, strict);
            break;
        }
    }
    if (!strict) return MJS_OK;
    char *k = key_to_cstr(iso, key), *d = prim_desc(iso, *hobj);
    Status st = vm_throw_error(iso, E_TYPE, "Cannot create property '%s' on %s '%s'", k,
                               prim_type_name(*hobj), d);
    free(k);
    free(d);
    return st;
}

static Status set_impl(Isolate *iso, Value *hobj, Value *hk, Value *hv, bool strict, PropCache *ic) {
    Value obj = *hobj, key = *hk;
    if (!v_is_object(obj)) return set_primitive(iso, hobj, key, hv, strict);
    uint32_t ti;
    if (v_type(obj) == T_TYPED_ARRAY && typed_key(iso, obj, key, &ti) != TYPED_KEY_NONE)
        return typed_put(iso, hobj, key, hv);
    Ref r;
    if (lookup_own(iso, obj, key, &r)) {
        if (r.attrs & P_ACCESSOR) return call_setter(iso, r.value, hobj, key, hv, strict);
        if (!(r.attrs & P_WRITABLE)) return fail_readonly(iso, obj, key, strict);
        if (r.kind == REF_ARRAY_LENGTH) return array_set_length_value(iso, obj, *hv);
        if (r.kind == REF_FAST && ic && is_named(key)) {
            Map *m = v_jsobj(obj)->map;
            *ic = (PropCache){m, V_HOLE, NULL, r.index, IC_OWN, 0, 0, ic->misses};
        }
        ref_store(iso, obj, &r, *hv);
        return MJS_OK;
    }
    for (Value p = v_jsobj(obj)->map->proto; v_is_object(p); p = v_jsobj(p)->map->proto) {
        if (lookup_own(iso, p, key, &r)) {
            if (r.attrs & P_ACCESSOR) return call_setter(iso, r.value, hobj, key, hv, strict);
            if (!(r.attrs & P_WRITABLE)) return fail_readonly(iso, obj, key, strict);
            break;
        }
        if (v_type(p) == T_TYPED_ARRAY && typed_key(iso, p, key, &ti) != TYPED_KEY_NONE)
            return MJS_OK; /* an invalid index of a typed array prototype: nothing is set */
    }
    if (!obj_is_extensible(obj)) return fail_not_extensible(iso, key, strict);
    if (v_is_int(key)) {
        /* A read-only length cannot grow. */
        if ((v_jsobj(obj)->map->flags & MAP_ARRAY_LENGTH_RO) && v_type(obj) == T_ARRAY &&
            (double)v_int_val(key) >= array_length_num(obj))
            return fail_readonly(iso, obj, ATOM(iso, length), strict);
        elem_put(iso, obj, (uint32_t)v_int_val(key), *hv, P_DEFAULT);
        return MJS_OK;
    }
    add_named(iso, obj, key, *hv, P_DEFAULT, ic);
    note_big_index(iso, *hobj, *hk);
    return MJS_OK;
}

Status obj_set_cached(Isolate *iso, Value obj, Value key, Value v, bool strict, PropCache *ic) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hk = vm_handle(iso, key), *hv = vm_handle(iso, v);
    Status st = key_canon(iso, hk);
    if (st == MJS_OK && v_is_object(*ho) && (v_jsobj(*ho)->map->flags & MAP_STRING_VALUES)) {
        /* process.env: values are stored as strings (dictionary mode, so no IC skips this) */
        Value s;
        st = vm_to_string(iso, *hv, &s);
        if (st == MJS_OK) *hv = s;
        ic = NULL;
    }
    if (st == MJS_OK) {
        bool use_ic = ic_usable(ic);
        st = set_impl(iso, ho, hk, hv, strict, use_ic ? ic : NULL);
    }
    vm_scope_close(iso, mark);
    return st;
}

Status obj_set(Isolate *iso, Value obj, Value key, Value v, bool strict) {
    return obj_set_cached(iso, obj, key, v, strict, NULL);
}

/* ---------------------------------------------------------------- define, has, delete */

static Status require_object(Isolate *iso, Value obj) {
    if (v_is_object(obj)) return MJS_OK;
    return vm_throw_error(iso, E_TYPE, "Object.defineProperty called on non-object");
}

Status obj_define(Isolate *iso, Value obj, Value key, Value v, int attrs) {
    if (require_object(iso, obj)) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hk = vm_handle(iso, key), *hv = vm_handle(iso, v);
    Status st = key_canon(iso, hk);
    uint32_t ti;
    if (st == MJS_OK && v_type(*ho) == T_TYPED_ARRAY && typed_key(iso, *ho, *hk, &ti) != TYPED_KEY_NONE) {
        PropDesc d = {*hv, V_UNDEF, V_UNDEF, attrs};
        st = obj_define_desc(iso, *ho, *hk, &d, PD_VALUE | PD_WRITABLE | PD_ENUMERABLE | PD_CONFIGURABLE);
    } else if (st == MJS_OK) {
        if (v_is_array(*ho) && *hk == ATOM(iso, length)) {
            st = array_set_length_value(iso, *ho, *hv);
            if (st == MJS_OK && !(attrs & P_WRITABLE)) array_make_length_ro(iso, *ho);
        } else {
            define_own_raw(iso, *ho, *hk, *hv, attrs & ~P_ACCESSOR);
        }
    }
    vm_scope_close(iso, mark);
    return st;
}

Status obj_define_accessor(Isolate *iso, Value obj, Value key, Value getter, Value setter, int attrs) {
    if (require_object(iso, obj)) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hk = vm_handle(iso, key);
    Value *hg = vm_handle(iso, getter), *hs = vm_handle(iso, setter);
    Status st = key_canon(iso, hk);
    if (st == MJS_OK) {
        /* `get x` then `set x` in a literal or class: a missing half keeps the existing one. */
        Ref r;
        if (lookup_own(iso, *ho, *hk, &r) && (r.attrs & P_ACCESSOR)) {
            AccessorPair *p = v_ptr(r.value);
            if (v_is_undef(*hg) || *hg == V_HOLE) *hg = p->getter;
            if (v_is_undef(*hs) || *hs == V_HOLE) *hs = p->setter;
        }
        if (*hg == V_HOLE) *hg = V_UNDEF;
        if (*hs == V_HOLE) *hs = V_UNDEF;
        Value pair = accessor_new(iso, *hg, *hs);
        define_own_raw(iso, *ho, *hk, pair, attrs | P_ACCESSOR);
    }
    vm_scope_close(iso, mark);
    return st;
}

bool obj_get_own(Isolate *iso, Value obj, Value key, PropDesc *out) {
    if (!v_is_object(obj)) return false;
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hk = vm_handle(iso, key);
    bool found = false;
    if (key_canon(iso, hk) != MJS_OK) {
        vm_take_exception(iso);
    } else {
        Ref r;
        if (lookup_own(iso, *ho, *hk, &r)) {
            found = true;
            Value v = ref_value(iso, *ho, &r);
            out->attrs = r.attrs;
            if (r.attrs & P_ACCESSOR) {
                AccessorPair *p = v_ptr(v);
                out->value = V_UNDEF;
                out->getter = p->getter;
                out->setter = p->setter;
            } else {
                out->value = v;
                out->getter = out->setter = V_UNDEF;
            }
        }
    }
    vm_scope_close(iso, mark);
    return found;
}

Status obj_has(Isolate *iso, Value obj, Value key, bool *out) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hk = vm_handle(iso, key);
    Status st = key_canon(iso, hk);
    if (st == MJS_OK && !v_is_object(*ho)) {
        char *k = key_to_cstr(iso, *hk), *d = prim_desc(iso, *ho);
        st = vm_throw_error(iso, E_TYPE, "Cannot use 'in' operator to search for '%s' in %s", k, d);
        free(k);
        free(d);
    }
    if (st == MJS_OK) {
        *out = false;
        for (Value p = *ho; v_is_object(p); p = v_jsobj(p)->map->proto) {
            Ref r;
            uint32_t ti;
            if (lookup_own(iso, p, *hk, &r)) {
                *out = true;
                break;
            }
            if (v_type(p) == T_TYPED_ARRAY && typed_key(iso, p, *hk, &ti) != TYPED_KEY_NONE) break;
        }
    }
    vm_scope_close(iso, mark);
    return st;
}

bool obj_has_own(Isolate *iso, Value obj, Value key) {
    if (!v_is_object(obj)) return false;
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hk = vm_handle(iso, key);
    bool found = false;
    Ref r;
    if (key_canon(iso, hk) != MJS_OK) vm_take_exception(iso);
    else found = lookup_own(iso, *ho, *hk, &r);
    vm_scope_close(iso, mark);
    return found;
}

static Status fail_delete(Isolate *iso, Value obj, Value key, bool strict, bool *deleted) {
    *deleted = false;
    if (!strict) return MJS_OK;
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj);
    char *k = key_to_cstr(iso, key);
    obj = *ho;
    vm_scope_close(iso, mark);
    char *d = v_is_object(obj) ? obj_class_desc(iso, obj) : prim_desc(iso, obj);
    Status st = vm_throw_error(iso, E_TYPE, "Cannot delete property '%s' of %s", k, d);
    free(k);
    free(d);
    return st;
}

static Status delete_impl(Isolate *iso, Value *ho, Value *hk, bool strict, bool *deleted) {
    Value obj = *ho, key = *hk;
    *deleted = true;
    if (!v_is_object(obj)) {
        if (v_is_nullish(obj)) return throw_nullish(iso, obj, key, false);
        if (v_is_string(obj) &&
            (key == ATOM(iso, length) || (v_is_int(key) && (uint32_t)v_int_val(key) < str_length(obj))))
            return fail_delete(iso, obj, key, strict, deleted);
        return MJS_OK;
    }
    Ref r;
    if (!lookup_own(iso, obj, key, &r)) return MJS_OK;
    if (!(r.attrs & P_CONFIGURABLE)) return fail_delete(iso, obj, key, strict, deleted);
    JSObject *o = v_jsobj(obj);
    Map *m = o->map;
    switch (r.kind) {
    case REF_ELEM:
        if (!elem_delete(iso, obj, r.index)) return fail_delete(iso, obj, key, strict, deleted);
        return MJS_OK;
    case REF_FAST: {
        /* Deleting the last-added property rolls back to the parent map (V8 does too). */
        int i = map_find(m, key);
        if ((uint32_t)i == m->prop_count - 1 && m->parent != V_HOLE && m->key == key &&
            !(m->flags & MAP_IS_PROTOTYPE)) {
            *obj_slot_ptr(obj, r.index) = V_UNDEF;
            obj_set_map(iso, obj, v_ptr(m->parent));
            return MJS_OK;
        }
        obj_to_dictionary(iso, obj);
        obj = *ho;
        key = *hk;
        o = v_jsobj(obj);
        int e = dict_find(o->props, key);
        if (e >= 0) dict_remove(iso, o->props, e);
        obj_shape_changed(iso, obj);
        return MJS_OK;
    }
    case REF_DICT:
        dict_remove(iso, o->props, (int)r.index);
        obj_shape_changed(iso, obj);
        return MJS_OK;
    default: return fail_delete(iso, obj, key, strict, deleted);
    }
}

Status obj_delete(Isolate *iso, Value obj, Value key, bool strict, bool *deleted) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hk = vm_handle(iso, key);
    bool del = true;
    Status st = key_canon(iso, hk);
    if (st == MJS_OK) st = delete_impl(iso, ho, hk, strict, &del);
    if (deleted) *deleted = del;
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- method calls, natives */

Status vm_invoke(Isolate *iso, Value obj, Value key, int argc, const Value *argv, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hk = vm_handle(iso, key);
    Value fn = V_UNDEF;
    Status st = key_canon(iso, hk);
    if (st == MJS_OK) st = obj_get(iso, *ho, *hk, &fn);
    if (st == MJS_OK && !v_is_callable(fn)) {
        char *k = key_to_cstr(iso, *hk);
        st = vm_throw_error(iso, E_TYPE, "%s is not a function", k);
        free(k);
    }
    if (st == MJS_OK) {
        Value *hf = vm_handle(iso, fn);
        st = vm_call(iso, *hf, *ho, argc, argv, ret);
    }
    vm_scope_close(iso, mark);
    return st;
}

Value vm_function_name(Isolate *iso, Value fn) {
    if (!v_is_object(fn)) return ATOM(iso, empty);
    Ref r;
    if (lookup_own(iso, fn, ATOM(iso, name), &r) && !(r.attrs & P_ACCESSOR) && v_is_string(r.value))
        return r.value;
    return ATOM(iso, empty);
}
