/* convert.c: the abstract operations ToPrimitive/ToNumber/ToString/ToObject/ToPropertyKey,
 * typeof, the equality relations, instanceof and `+`.
 * Invariant: every conversion that can run JS (valueOf, toString, getters) returns a Status
 * and keeps its operands in handles across the call.
 */
#include <math.h>
#include <stdlib.h>

#include "object_int.h"
#include "vm_int.h"

/* ---------------------------------------------------------------- keys, symbols */

Value key_from_index(Isolate *iso, uint32_t index) {
    if (index <= INT32_MAX) return v_int((int32_t)index);
    return atom_intern(iso, str_from_double(iso, (double)index));
}

Value key_to_string(Isolate *iso, Value key) {
    return v_is_int(key) ? str_from_int(iso, v_int_val(key)) : key;
}

Value vm_symbol_new(Isolate *iso, Value description) {
    size_t mark = vm_scope_open(iso);
    Value *hd = vm_handle(iso, description);
    Symbol *s = gc_alloc(iso->heap, sizeof(Symbol));
    s->map = v_ptr(ROOT(iso, R_MAP_SYMBOL));
    vm_store(iso, s, &s->description, *hd);
    /* A stable hash fixed at birth (the address is only used once, then stored). */
    uint64_t a = (uint64_t)(uintptr_t)s * 0x9e3779b97f4a7c15ull;
    s->unused = v_int((int32_t)(uint32_t)(a >> 32));
    vm_scope_close(iso, mark);
    return v_from_ptr(s);
}

Value sym_new_raw(Isolate *iso, Value description) { return vm_symbol_new(iso, description); }

static Value string_to_key(Isolate *iso, Value s) {
    int64_t idx = str_array_index(iso, s);
    if (idx >= 0 && idx <= INT32_MAX) return v_int((int32_t)idx);
    return atom_intern(iso, s);
}

Status vm_to_key(Isolate *iso, Value v, Value *key) {
    if (v_is_int(v)) {
        *key = v_int_val(v) >= 0 ? v : atom_intern(iso, str_from_int(iso, v_int_val(v)));
        return MJS_OK;
    }
    if (v_is_double(v)) {
        double d = v_double_val(v);
        if (d == 0) *key = v_int(0); /* ToString(-0) is "0" */
        else if (d > 0 && d <= INT32_MAX && d == floor(d)) *key = v_int((int32_t)d);
        else *key = atom_intern(iso, str_from_double(iso, d));
        return MJS_OK;
    }
    if (v_is_string(v)) {
        *key = string_to_key(iso, v);
        return MJS_OK;
    }
    if (v_is_symbol(v)) {
        *key = v;
        return MJS_OK;
    }
    if (v_is_object(v)) {
        Value p;
        if (vm_to_primitive(iso, v, 2, &p)) return MJS_EXC;
        return vm_to_key(iso, p, key);
    }
    Value s;
    if (vm_to_string(iso, v, &s)) return MJS_EXC;
    *key = string_to_key(iso, s);
    return MJS_OK;
}

/* ---------------------------------------------------------------- primitives */

bool vm_to_boolean(Value v) {
    if (v_is_int(v)) return v_int_val(v) != 0;
    if (v_is_number(v)) {
        double d = v_double_val(v);
        return d == d && d != 0;
    }
    if (v_is_ptr(v)) {
        if (v_is_string(v)) return str_length(v) != 0;
        return true;
    }
    return v == V_TRUE;
}

static Status ordinary_to_primitive(Isolate *iso, Value *ho, bool string_first, Value *out) {
    /* Atom ids, not Values: atoms may move during the calls. */
    const AtomId order[2] = {string_first ? ATOM_toString : ATOM_valueOf,
                             string_first ? ATOM_valueOf : ATOM_toString};
    for (int i = 0; i < 2; i++) {
        Value fn;
        if (obj_get(iso, *ho, iso->atoms[order[i]], &fn)) return MJS_EXC;
        if (v_is_callable(fn)) {
            Value r;
            if (vm_call(iso, fn, *ho, 0, NULL, &r)) return MJS_EXC;
            if (!v_is_object(r)) {
                *out = r;
                return MJS_OK;
            }
        }
    }
    return vm_throw_error(iso, E_TYPE, "Cannot convert object to primitive value");
}

Status vm_to_primitive(Isolate *iso, Value v, int hint, Value *out) {
    if (!v_is_object(v)) {
        *out = v;
        return MJS_OK;
    }
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, v);
    /* Date objects treat the default hint as string (ES2015 Date.prototype[@@toPrimitive]). */
    bool string_first = hint == 2 || (hint == 0 && v_type(v) == T_DATE);
    Value r = V_UNDEF;
    Status st = ordinary_to_primitive(iso, ho, string_first, &r);
    if (st == MJS_OK) *out = r;
    vm_scope_close(iso, mark);
    return st;
}

Status vm_to_number(Isolate *iso, Value v, double *out) {
    if (v_is_number(v)) {
        *out = v_num(v);
        return MJS_OK;
    }
    switch (v) {
    case V_UNDEF: *out = NAN; return MJS_OK;
    case V_NULL: case V_FALSE: *out = 0; return MJS_OK;
    case V_TRUE: *out = 1; return MJS_OK;
    case V_HOLE: *out = NAN; return MJS_OK;
    }
    if (v_is_string(v)) {
        *out = str_to_number(iso, v);
        return MJS_OK;
    }
    if (v_is_symbol(v)) return vm_throw_error(iso, E_TYPE, "Cannot convert a Symbol value to a number");
    Value p;
    if (vm_to_primitive(iso, v, 1, &p)) return MJS_EXC;
    return vm_to_number(iso, p, out);
}

Status vm_to_numeric_value(Isolate *iso, Value v, Value *out) {
    if (v_is_number(v)) {
        *out = v;
        return MJS_OK;
    }
    double d;
    if (vm_to_number(iso, v, &d)) return MJS_EXC;
    *out = v_number(d);
    return MJS_OK;
}

Status vm_to_string(Isolate *iso, Value v, Value *out) {
    if (v_is_string(v)) {
        *out = v;
        return MJS_OK;
    }
    if (v_is_int(v)) {
        *out = str_from_int(iso, v_int_val(v));
        return MJS_OK;
    }
    if (v_is_number(v)) {
        *out = str_from_double(iso, v_double_val(v));
        return MJS_OK;
    }
    switch (v) {
    case V_UNDEF: case V_HOLE: *out = ATOM(iso, undefined); return MJS_OK;
    case V_NULL: *out = ATOM(iso, null); return MJS_OK;
    case V_TRUE: *out = ATOM(iso, true); return MJS_OK;
    case V_FALSE: *out = ATOM(iso, false); return MJS_OK;
    }
    if (v_is_symbol(v)) return vm_throw_error(iso, E_TYPE, "Cannot convert a Symbol value to a string");
    Value p;
    if (vm_to_primitive(iso, v, 2, &p)) return MJS_EXC;
    return vm_to_string(iso, p, out);
}

static Value wrap(Isolate *iso, InstanceType type, RootIndex proto, Value prim) {
    size_t mark = vm_scope_open(iso);
    Value *hp = vm_handle(iso, prim);
    Map *m = map_cached_root(iso, type, ROOT(iso, proto), 1, 2);
    Value o = obj_new_from_map(iso, m);
    vm_store(iso, v_jsobj(o), obj_internal(o, 0), *hp);
    vm_scope_close(iso, mark);
    return o;
}

Status vm_to_object(Isolate *iso, Value v, Value *out) {
    if (v_is_object(v)) *out = v;
    else if (v_is_nullish(v) || v == V_HOLE)
        return vm_throw_error(iso, E_TYPE, "Cannot convert undefined or null to object");
    else if (v_is_number(v)) *out = wrap(iso, T_NUMBER_OBJ, R_NUMBER_PROTO, v);
    else if (v_is_bool(v)) *out = wrap(iso, T_BOOLEAN_OBJ, R_BOOLEAN_PROTO, v);
    else if (v_is_string(v)) *out = wrap(iso, T_STRING_OBJ, R_STRING_PROTO, v);
    else *out = wrap(iso, T_SYMBOL_OBJ, R_SYMBOL_PROTO, v);
    return MJS_OK;
}

int32_t vm_double_to_int32(double d) {
    if (d >= -2147483648.0 && d <= 2147483647.0) return (int32_t)d;
    if (!isfinite(d)) return 0;
    double m = fmod(trunc(d), 4294967296.0);
    if (m < 0) m += 4294967296.0;
    return (int32_t)(uint32_t)m;
}

Status vm_to_int32(Isolate *iso, Value v, int32_t *out) {
    if (v_is_int(v)) {
        *out = v_int_val(v);
        return MJS_OK;
    }
    double d;
    if (vm_to_number(iso, v, &d)) return MJS_EXC;
    *out = d == d ? vm_double_to_int32(d) : 0;
    return MJS_OK;
}

Status vm_to_uint32(Isolate *iso, Value v, uint32_t *out) {
    int32_t i;
    if (vm_to_int32(iso, v, &i)) return MJS_EXC;
    *out = (uint32_t)i;
    return MJS_OK;
}

Status vm_to_integer(Isolate *iso, Value v, double *out) {
    if (v_is_int(v)) {
        *out = v_int_val(v);
        return MJS_OK;
    }
    double d;
    if (vm_to_number(iso, v, &d)) return MJS_EXC;
    *out = d != d ? 0 : trunc(d) + 0.0; /* + 0.0 turns -0 into +0 */
    return MJS_OK;
}

Value vm_typeof(Isolate *iso, Value v) {
    if (v_is_number(v)) return ATOM(iso, number);
    if (v_is_ptr(v)) {
        if (v_is_string(v)) return ATOM(iso, string);
        if (v_is_symbol(v)) return ATOM(iso, symbol);
        if (v_is_callable(v)) return ATOM(iso, function);
        return ATOM(iso, object);
    }
    if (v_is_bool(v)) return ATOM(iso, boolean);
    if (v == V_NULL) return ATOM(iso, object);
    return ATOM(iso, undefined);
}

/* ---------------------------------------------------------------- equality */

bool vm_strict_equals(Isolate *iso, Value a, Value b) {
    if (v_is_number(a) && v_is_number(b)) return v_num(a) == v_num(b);
    if (a == b) return true;
    if (v_is_string(a) && v_is_string(b)) return str_equals(iso, a, b);
    return false;
}

bool vm_same_value_zero(Isolate *iso, Value a, Value b) {
    if (v_is_number(a) && v_is_number(b)) {
        double x = v_num(a), y = v_num(b);
        return x == y || (x != x && y != y);
    }
    return vm_strict_equals(iso, a, b);
}

bool vm_same_value(Isolate *iso, Value a, Value b) {
    if (v_is_number(a) && v_is_number(b)) {
        double x = v_num(a), y = v_num(b);
        if (x != x) return y != y;
        return x == y && signbit(x) == signbit(y);
    }
    return vm_strict_equals(iso, a, b);
}

Status vm_loose_equals(Isolate *iso, Value a, Value b, bool *out) {
    for (;;) {
        if (v_is_number(a) && v_is_number(b)) {
            *out = v_num(a) == v_num(b);
            return MJS_OK;
        }
        if (v_is_string(a) && v_is_string(b)) {
            *out = str_equals(iso, a, b);
            return MJS_OK;
        }
        if (a == b) {
            *out = true;
            return MJS_OK;
        }
        bool an = v_is_nullish(a), bn = v_is_nullish(b);
        if (an || bn) {
            *out = an && bn;
            return MJS_OK;
        }
        if (v_is_bool(a)) a = v_int(a == V_TRUE);
        else if (v_is_bool(b)) b = v_int(b == V_TRUE);
        else if (v_is_number(a) && v_is_string(b)) b = v_number(str_to_number(iso, b));
        else if (v_is_string(a) && v_is_number(b)) a = v_number(str_to_number(iso, a));
        else if (v_is_object(a) && !v_is_object(b)) {
            size_t mark = vm_scope_open(iso);
            Value *hb = vm_handle(iso, b);
            Status st = vm_to_primitive(iso, a, 0, &a);
            b = *hb;
            vm_scope_close(iso, mark);
            if (st) return st;
        } else if (v_is_object(b) && !v_is_object(a)) {
            size_t mark = vm_scope_open(iso);
            Value *ha = vm_handle(iso, a);
            Status st = vm_to_primitive(iso, b, 0, &b);
            a = *ha;
            vm_scope_close(iso, mark);
            if (st) return st;
        } else {
            *out = false; /* objects (identity checked above), symbols */
            return MJS_OK;
        }
    }
}

Status vm_instance_of(Isolate *iso, Value v, Value ctor, bool *out) {
    if (!v_is_object(ctor))
        return vm_throw_error(iso, E_TYPE, "Right-hand side of 'instanceof' is not an object");
    if (!v_is_callable(ctor))
        return vm_throw_error(iso, E_TYPE, "Right-hand side of 'instanceof' is not callable");
    while (v_type(ctor) == T_BOUND_FUNCTION) ctor = *obj_internal(ctor, BOUND_INT_TARGET);
    *out = false;
    if (!v_is_object(v)) return MJS_OK;
    size_t mark = vm_scope_open(iso);
    Value *hv = vm_handle(iso, v);
    Value proto;
    Status st = obj_get(iso, ctor, ATOM(iso, prototype), &proto);
    if (st == MJS_OK && !v_is_object(proto)) {
        char *d = v_is_undef(proto) ? strdup("undefined") : strdup("object");
        st = vm_throw_error(iso, E_TYPE, "Function has non-object prototype '%s' in instanceof check", d);
        free(d);
    }
    if (st == MJS_OK) {
        for (Value p = obj_get_proto(*hv); v_is_object(p); p = obj_get_proto(p)) {
            if (p == proto) {
                *out = true;
                break;
            }
        }
    }
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- + */

Status vm_add(Isolate *iso, Value a, Value b, Value *out) {
    if (v_is_int(a) && v_is_int(b)) {
        *out = v_number((double)v_int_val(a) + (double)v_int_val(b));
        return MJS_OK;
    }
    if (v_is_number(a) && v_is_number(b)) {
        *out = v_number(v_num(a) + v_num(b));
        return MJS_OK;
    }
    size_t mark = vm_scope_open(iso);
    Value *ha = vm_handle(iso, a), *hb = vm_handle(iso, b);
    Status st = vm_to_primitive(iso, *ha, 0, ha);
    if (st == MJS_OK) st = vm_to_primitive(iso, *hb, 0, hb);
    if (st == MJS_OK) {
        if (v_is_string(*ha) || v_is_string(*hb)) {
            st = vm_to_string(iso, *ha, ha);
            if (st == MJS_OK) st = vm_to_string(iso, *hb, hb);
            if (st == MJS_OK) {
                if ((uint64_t)str_length(*ha) + str_length(*hb) > STRING_MAX_LENGTH)
                    st = vm_throw_error(iso, E_RANGE, "Invalid string length");
                else *out = str_concat(iso, *ha, *hb);
            }
        } else {
            double x, y;
            st = vm_to_number(iso, *ha, &x);
            if (st == MJS_OK) st = vm_to_number(iso, *hb, &y);
            if (st == MJS_OK) *out = v_number(x + y);
        }
    }
    vm_scope_close(iso, mark);
    return st;
}
