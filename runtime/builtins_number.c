/* builtins_number.c: the Number constructor, its constants and predicates, and
 * Number.prototype (toString(radix), toFixed, toPrecision, toExponential, toLocaleString).
 * Formatting is done by vm/dtoa.c into C buffers; only the final string is allocated.
 * Number.parseInt/parseFloat are the very function objects installed as globals.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

static inline Value arg(Value *argv, int argc, int i) { return i < argc ? argv[i] : V_UNDEF; }

/* thisNumberValue: a number primitive or a Number wrapper. */
static Status this_number(Isolate *iso, Value *argv, const char *method, double *out) {
    Value t = argv[-1];
    if (v_is_number(t)) {
        *out = v_num(t);
        return MJS_OK;
    }
    if (v_is_object(t) && v_type(t) == T_NUMBER_OBJ) {
        *out = v_num(*obj_internal(t, 0));
        return MJS_OK;
    }
    return vm_throw_error(iso, E_TYPE,
                          "Number.prototype.%s requires that 'this' be a Number", method);
}

static Status number_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    double d = 0;
    if (argc > 0 && vm_to_number(iso, argv[0], &d)) return MJS_EXC;
    Value n = v_number(d);
    if (argv[-1] == V_HOLE) return vm_to_object(iso, n, ret); /* new Number(v) */
    *ret = n;
    return MJS_OK;
}

/* ------------------------------------------------------------------ statics */

static Status number_is_nan(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value v = arg(argv, argc, 0);
    *ret = v_bool(v_is_number(v) && v_num(v) != v_num(v));
    return MJS_OK;
}

static Status number_is_finite(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value v = arg(argv, argc, 0);
    *ret = v_bool(v_is_number(v) && isfinite(v_num(v)));
    return MJS_OK;
}

static Status number_is_integer(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value v = arg(argv, argc, 0);
    *ret = v_bool(v_is_int(v) || (v_is_number(v) && isfinite(v_num(v)) && trunc(v_num(v)) == v_num(v)));
    return MJS_OK;
}

static Status number_is_safe_integer(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value v = arg(argv, argc, 0);
    double d = v_is_number(v) ? v_num(v) : NAN;
    *ret = v_bool(v_is_int(v) || (isfinite(d) && trunc(d) == d && fabs(d) <= 9007199254740991.0));
    return MJS_OK;
}

/* ------------------------------------------------------------------ prototype */

static Status number_to_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    double x = 0;
    if (this_number(iso, argv, "toString", &x)) return MJS_EXC;
    int radix = 10;
    Value rv = arg(argv, argc, 0);
    if (!v_is_undef(rv)) {
        double r;
        if (vm_to_integer(iso, rv, &r)) return MJS_EXC;
        if (r < 2 || r > 36)
            return vm_throw_error(iso, E_RANGE, "toString() radix argument must be between 2 and 36");
        radix = (int)r;
    }
    if (radix == 10) {
        *ret = str_from_double(iso, x);
        return MJS_OK;
    }
    char buf[2400]; /* 1024 integer bits of 2^1023 in base 2, or 1074 fraction digits */
    int n = num_to_radix(x, radix, buf, sizeof buf);
    *ret = str_from_latin1(iso, (const uint8_t *)buf, (size_t)n);
    return MJS_OK;
}

static Status number_to_fixed(Isolate *iso, Value *argv, int argc, Value *ret) {
    double x = 0, f = 0;
    if (this_number(iso, argv, "toFixed", &x)) return MJS_EXC;
    if (vm_to_integer(iso, arg(argv, argc, 0), &f)) return MJS_EXC;
    if (!(f >= 0 && f <= 100))
        return vm_throw_error(iso, E_RANGE, "toFixed() digits argument must be between 0 and 100");
    char buf[160];
    int n = num_to_fixed(x, (int)f, buf, sizeof buf);
    *ret = str_from_latin1(iso, (const uint8_t *)buf, (size_t)n);
    return MJS_OK;
}

static Status number_to_exponential(Isolate *iso, Value *argv, int argc, Value *ret) {
    double x = 0, f = 0;
    if (this_number(iso, argv, "toExponential", &x)) return MJS_EXC;
    Value fv = arg(argv, argc, 0);
    if (vm_to_integer(iso, fv, &f)) return MJS_EXC;
    if (!isfinite(x)) {
        *ret = str_from_double(iso, x);
        return MJS_OK;
    }
    if (!(f >= 0 && f <= 100))
        return vm_throw_error(iso, E_RANGE, "toExponential() argument must be between 0 and 100");
    char buf[160];
    int n = num_to_exponential(x, (int)f, !v_is_undef(fv), buf, sizeof buf);
    *ret = str_from_latin1(iso, (const uint8_t *)buf, (size_t)n);
    return MJS_OK;
}

static Status number_to_precision(Isolate *iso, Value *argv, int argc, Value *ret) {
    double x = 0, p = 0;
    if (this_number(iso, argv, "toPrecision", &x)) return MJS_EXC;
    Value pv = arg(argv, argc, 0);
    if (v_is_undef(pv)) {
        *ret = str_from_double(iso, x);
        return MJS_OK;
    }
    if (vm_to_integer(iso, pv, &p)) return MJS_EXC;
    if (!isfinite(x)) {
        *ret = str_from_double(iso, x);
        return MJS_OK;
    }
    if (!(p >= 1 && p <= 100))
        return vm_throw_error(iso, E_RANGE, "toPrecision() argument must be between 1 and 100");
    char buf[160];
    int n = num_to_precision(x, (int)p, buf, sizeof buf);
    *ret = str_from_latin1(iso, (const uint8_t *)buf, (size_t)n);
    return MJS_OK;
}

static Status number_value_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    double x = 0;
    if (this_number(iso, argv, "valueOf", &x)) return MJS_EXC;
    *ret = v_number(x);
    return MJS_OK;
}

/* en-US formatting as Intl.NumberFormat's defaults: grouping, at most 3 fraction digits,
 * rounded half away from zero on the shortest decimal form (so 1.0005 gives "1.001"). */
static int format_locale(double x, char *out, size_t cap) {
    if (x != x) return snprintf(out, cap, "NaN");
    if (isinf(x)) return snprintf(out, cap, x < 0 ? "-\xE2\x88\x9E" : "\xE2\x88\x9E");
    bool neg = signbit(x);
    char e[40];
    num_to_exponential(fabs(x), 0, false, e, sizeof e); /* d.ddde+x, shortest digits */
    char dg[32];
    int n = 0;
    const char *p = e;
    for (; *p != 'e'; p++)
        if (*p != '.') dg[n++] = *p;
    int point = atoi(p + 1) + 1; /* value = 0.dg x 10^point */
    if (x == 0) n = 0;
    /* round to 3 fraction digits */
    int keep = point + 3;
    if (keep < n) {
        bool up = keep >= 0 && dg[keep] >= '5';
        n = keep < 0 ? 0 : keep;
        if (up) {
            int i = n - 1;
            while (i >= 0 && dg[i] == '9') i--;
            if (i < 0) {
                dg[0] = '1';
                n = 1;
                point++;
            } else {
                dg[i]++;
                n = i + 1;
            }
        }
    }
    while (n > 0 && dg[n - 1] == '0') n--;
    size_t o = 0;
    char buf[512];
    if (neg) buf[o++] = '-';
    if (point <= 0 || n == 0) {
        buf[o++] = '0';
    } else {
        for (int i = 0; i < point; i++) {
            if (i > 0 && (point - i) % 3 == 0) buf[o++] = ',';
            buf[o++] = i < n ? dg[i] : '0';
        }
    }
    if (n > point && n > 0) {
        buf[o++] = '.';
        for (int i = point; i < n; i++) buf[o++] = i < 0 ? '0' : dg[i];
    }
    buf[o] = 0;
    return snprintf(out, cap, "%s", buf);
}

static Status number_to_locale_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    double x = 0;
    if (this_number(iso, argv, "toLocaleString", &x)) return MJS_EXC;
    char buf[512];
    int n = format_locale(x, buf, sizeof buf);
    *ret = str_from_utf8(iso, buf, (size_t)n);
    return MJS_OK;
}

/* ------------------------------------------------------------------ install */

void rt_install_number(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *ctor = vm_handle(iso, vm_new_native(iso, "Number", number_ctor, 1));
    Value *proto = vm_handle(iso, ROOT(iso, R_NUMBER_PROTO));
    Value *tmp = vm_handle(iso, atom_from_cstr(iso, "Number"));
    if (obj_define(iso, *ctor, ATOM(iso, prototype), *proto, 0) ||
        obj_define(iso, *proto, ATOM(iso, constructor), *ctor, P_HIDDEN) ||
        obj_define(iso, ROOT(iso, R_GLOBAL), *tmp, *ctor, P_HIDDEN))
        (void)vm_take_exception(iso); /* cannot happen on a fresh isolate */

    static const struct {
        const char *name;
        double v;
    } consts[] = {
        {"MAX_SAFE_INTEGER", 9007199254740991.0},
        {"MIN_SAFE_INTEGER", -9007199254740991.0},
        {"MAX_VALUE", 1.7976931348623157e308},
        {"MIN_VALUE", 5e-324},
        {"EPSILON", 2.220446049250313e-16},
        {"POSITIVE_INFINITY", INFINITY},
        {"NEGATIVE_INFINITY", -INFINITY},
        {"NaN", NAN},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        vm_def_value(iso, *ctor, consts[i].name, v_number(consts[i].v), 0);
    vm_def_native(iso, *ctor, "isNaN", number_is_nan, 1);
    vm_def_native(iso, *ctor, "isFinite", number_is_finite, 1);
    vm_def_native(iso, *ctor, "isInteger", number_is_integer, 1);
    vm_def_native(iso, *ctor, "isSafeInteger", number_is_safe_integer, 1);
    /* Number.parseFloat === parseFloat: share the global functions if they exist already
     * (otherwise rt_install_global_functions adds them here). */
    static const char *const shared[] = {"parseFloat", "parseInt"};
    for (int i = 0; i < 2; i++) {
        *tmp = atom_from_cstr(iso, shared[i]);
        Value fn;
        if (obj_get(iso, ROOT(iso, R_GLOBAL), *tmp, &fn)) {
            (void)vm_take_exception(iso);
            continue;
        }
        if (v_is_callable(fn)) vm_def_value(iso, *ctor, shared[i], fn, P_HIDDEN);
    }

    vm_def_native(iso, *proto, "toString", number_to_string, 1);
    vm_def_native(iso, *proto, "toFixed", number_to_fixed, 1);
    vm_def_native(iso, *proto, "toExponential", number_to_exponential, 1);
    vm_def_native(iso, *proto, "toPrecision", number_to_precision, 1);
    vm_def_native(iso, *proto, "valueOf", number_value_of, 0);
    vm_def_native(iso, *proto, "toLocaleString", number_to_locale_string, 0);
    vm_scope_close(iso, sc);
}
