/* builtins_boolean.c: the Boolean constructor and Boolean.prototype.toString/valueOf.
 * A Boolean wrapper object is T_BOOLEAN_OBJ with the primitive in internal slot 0; the
 * prototype methods accept only a boolean primitive or such a wrapper as `this`.
 */
#include "runtime.h"

static Status boolean_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value b = v_bool(vm_to_boolean(argv[0]));
    if (argv[-1] != V_HOLE) { /* called as a function: a primitive */
        *ret = b;
        return MJS_OK;
    }
    return vm_to_object(iso, b, ret);
}

static Status this_boolean(Isolate *iso, Value this_, const char *method, Value *out) {
    if (v_is_bool(this_)) {
        *out = this_;
        return MJS_OK;
    }
    if (v_is_object(this_) && v_type(this_) == T_BOOLEAN_OBJ) {
        *out = *obj_internal(this_, 0);
        return MJS_OK;
    }
    return vm_throw_error(iso, E_TYPE, "%s requires that 'this' be a Boolean", method);
}

static Status boolean_to_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value b = V_FALSE;
    if (this_boolean(iso, argv[-1], "Boolean.prototype.toString", &b)) return MJS_EXC;
    *ret = b == V_TRUE ? ATOM(iso, true) : ATOM(iso, false);
    return MJS_OK;
}

static Status boolean_value_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    return this_boolean(iso, argv[-1], "Boolean.prototype.valueOf", ret);
}

void rt_install_boolean(Isolate *iso) {
    rt_install_ctor(iso, "Boolean", boolean_ctor, 1, R_BOOLEAN_PROTO);
    vm_def_native(iso, ROOT(iso, R_BOOLEAN_PROTO), "toString", boolean_to_string, 0);
    vm_def_native(iso, ROOT(iso, R_BOOLEAN_PROTO), "valueOf", boolean_value_of, 0);
}
