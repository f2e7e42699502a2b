/* class.c: the runtime half of classes: linking a constructor with its heritage, defining
 * non-enumerable methods and accessors, and super property access. super() itself is a call
 * and lives in the interpreter.
 */
#include <stdlib.h>
#include <string.h>

#include "interp_int.h"
#include "object_int.h"
#include "vm_int.h"

/* V8's rendering of a heritage value in "Class extends value X is not ...". */
static char *heritage_desc(Isolate *iso, Value v) {
    if (v_is_object(v)) return obj_class_desc(iso, v);
    if (v_is_string(v)) return str_to_utf8(iso, v, NULL);
    char buf[64];
    if (v_is_number(v)) num_to_cstr(v_num(v), buf);
    else if (v_is_bool(v)) strcpy(buf, v == V_TRUE ? "true" : "false");
    else if (v_is_null(v)) strcpy(buf, "null");
    else if (v_is_symbol(v)) strcpy(buf, "Symbol()");
    else strcpy(buf, "undefined");
    return strdup(buf);
}

static Status throw_heritage(Isolate *iso, const char *fmt, Value v) {
    char *d = heritage_desc(iso, v);
    Status st = vm_throw_error(iso, E_TYPE, fmt, d);
    free(d);
    return st;
}

Status vm_class_setup(Isolate *iso, Value *f, Value heritage, Value *proto_out) {
    size_t mark = vm_scope_open(iso);
    Value *hh = vm_handle(iso, heritage);
    Value *parent_proto = vm_handle(iso, ROOT(iso, R_OBJECT_PROTO));
    Value *ctor_parent = vm_handle(iso, ROOT(iso, R_FUNCTION_PROTO));
    Status st = MJS_OK;
    if (!v_is_hole(*hh)) {
        if (v_is_null(*hh)) {
            *parent_proto = V_NULL;
        } else if (!vm_is_constructor(iso, *hh)) {
            st = throw_heritage(iso, "Class extends value %s is not a constructor or null", *hh);
            goto out;
        } else {
            if ((st = obj_get(iso, *hh, ATOM(iso, prototype), parent_proto))) goto out;
            if (!v_is_object(*parent_proto) && !v_is_null(*parent_proto)) {
                st = throw_heritage(iso, "Class extends value does not have valid prototype property %s",
                                    *parent_proto);
                goto out;
            }
            *ctor_parent = *hh;
        }
    }
    Value *proto = vm_handle(iso, obj_new_with_proto(iso, *parent_proto));
    if ((st = obj_set_proto(iso, *f, *ctor_parent))) goto out;
    if ((st = obj_define(iso, *f, ATOM(iso, prototype), *proto, 0))) goto out;
    if ((st = obj_define(iso, *proto, ATOM(iso, constructor), *f, P_HIDDEN))) goto out;
    *proto_out = *proto;
out:
    vm_scope_close(iso, mark);
    return st;
}

Status vm_class_define(Isolate *iso, Value obj, Value keyv, Value fn, int kind) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hf = vm_handle(iso, fn), *hk = vm_handle(iso, V_UNDEF);
    Status st = vm_to_key(iso, keyv, hk);
    if (st == MJS_OK) {
        /* DefinePropertyOrThrow: a clash with a non-configurable property (a static
         * `prototype` from a computed key) is a TypeError */
        PropDesc d = {.value = *hf, .getter = *hf, .setter = *hf, .attrs = P_CONFIGURABLE};
        int present = PD_ENUMERABLE | PD_CONFIGURABLE;
        if (kind == CLASS_DEF_METHOD) {
            d.attrs |= P_WRITABLE;
            present |= PD_VALUE | PD_WRITABLE;
        } else {
            present |= kind == CLASS_DEF_GETTER ? PD_GET : PD_SET;
        }
        st = obj_define_desc(iso, *ho, *hk, &d, present);
    }
    vm_scope_close(iso, mark);
    return st;
}

Status vm_super_get(Isolate *iso, Value home, Value keyv, Value receiver, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *hr = vm_handle(iso, receiver), *hp = vm_handle(iso, obj_get_proto(home));
    Value *hk = vm_handle(iso, V_UNDEF);
    Status st = vm_to_key(iso, keyv, hk);
    if (st == MJS_OK) {
        if (v_is_null(*hp)) {
            char *k = key_to_cstr(iso, *hk);
            st = vm_throw_error(iso, E_TYPE, "Cannot read properties of null (reading '%s')", k);
            free(k);
        } else {
            st = obj_get_with_receiver(iso, *hp, *hk, *hr, out);
        }
    }
    vm_scope_close(iso, mark);
    return st;
}

/* OrdinarySet from home's prototype with `this` as the receiver: a setter found on the
 * chain runs on the receiver; otherwise the receiver gets (or updates) an own property. */
Status vm_super_set(Isolate *iso, Value home, Value keyv, Value receiver, Value v) {
    size_t mark = vm_scope_open(iso);
    Value *hr = vm_handle(iso, receiver), *hv = vm_handle(iso, v);
    Value *hp = vm_handle(iso, obj_get_proto(home)), *hk = vm_handle(iso, V_UNDEF);
    Status st = vm_to_key(iso, keyv, hk);
    if (st) goto out;
    for (Value o = *hp; v_is_object(o); o = obj_get_proto(o)) {
        PropDesc d;
        if (!obj_get_own(iso, o, *hk, &d)) continue;
        if (d.attrs & P_ACCESSOR) {
            if (!v_is_callable(d.setter)) {
                char *k = key_to_cstr(iso, *hk);
                st = vm_throw_error(iso, E_TYPE, "Cannot set property %s of %s which has only a getter", k,
                                    "#<Object>");
                free(k);
                goto out;
            }
            Value ignored;
            st = vm_call(iso, d.setter, *hr, 1, hv, &ignored);
            goto out;
        }
        if (!(d.attrs & P_WRITABLE)) {
            char *k = key_to_cstr(iso, *hk);
            st = vm_throw_error(iso, E_TYPE, "Cannot assign to read only property '%s' of object", k);
            free(k);
            goto out;
        }
        break;
    }
    if (!v_is_object(*hr)) goto out;
    if (obj_has_own(iso, *hr, *hk)) st = obj_set(iso, *hr, *hk, *hv, true);
    else st = obj_define(iso, *hr, *hk, *hv, P_DEFAULT);
out:
    vm_scope_close(iso, mark);
    return st;
}
