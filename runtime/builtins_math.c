/* builtins_math.c: the Math object. Functions follow the ES rules for NaN, -0 and infinities
 * where C's libm differs (round, max/min, pow, hypot, sign) and allocate nothing.
 * Math.random is xorshift128+, its 16-byte state a Bytes object in the random function's
 * native data slot (no globals; every isolate seeds its own from time, pid and address).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime.h"

/* vm.h: internal slot 1 of a T_NATIVE_FUNCTION is its data. */
enum { NATIVE_DATA_SLOT = 1 };

/* Argument i as a number (ToNumber; a missing argument is NaN). */
static inline Status num_arg(Isolate *iso, Value *argv, int argc, int i, double *out) {
    if (i >= argc) {
        *out = NAN;
        return MJS_OK;
    }
    Value v = argv[i];
    if (v_is_number(v)) {
        *out = v_num(v);
        return MJS_OK;
    }
    return vm_to_number(iso, v, out);
}

/* A one-argument function of a double. */
#define MATH_UNARY(name, expr)                                                                 \
    static Status math_##name(Isolate *iso, Value *argv, int argc, Value *ret) {               \
        double x;                                                                              \
        if (num_arg(iso, argv, argc, 0, &x)) return MJS_EXC;                                   \
        *ret = v_number(expr);                                                                 \
        return MJS_OK;                                                                         \
    }

MATH_UNARY(acos, acos(x))
MATH_UNARY(acosh, acosh(x))
MATH_UNARY(asin, asin(x))
MATH_UNARY(asinh, asinh(x))
MATH_UNARY(atan, atan(x))
MATH_UNARY(atanh, atanh(x))
/* glibc cbrt is off by an ulp even for perfect cubes (cbrt(27) != 3); cbrtl rounds well */
MATH_UNARY(cbrt, (double)cbrtl(x))
MATH_UNARY(cos, cos(x))
MATH_UNARY(cosh, cosh(x))
MATH_UNARY(exp, exp(x))
MATH_UNARY(expm1, expm1(x))
MATH_UNARY(fround, (double)(float)x)
MATH_UNARY(log, log(x))
MATH_UNARY(log1p, log1p(x))
MATH_UNARY(log10, log10(x))
MATH_UNARY(log2, log2(x))
MATH_UNARY(sin, sin(x))
MATH_UNARY(sinh, sinh(x))
MATH_UNARY(sqrt, sqrt(x))
MATH_UNARY(tan, tan(x))
MATH_UNARY(tanh, tanh(x))
MATH_UNARY(sign, (x != x || x == 0) ? x : (x > 0 ? 1.0 : -1.0))

/* Integer-valued functions: an int32 argument is already the answer (abs aside). */
#define MATH_INTEGRAL(name, expr)                                                              \
    static Status math_##name(Isolate *iso, Value *argv, int argc, Value *ret) {               \
        if (argc > 0 && v_is_int(argv[0])) {                                                   \
            *ret = argv[0];                                                                    \
            return MJS_OK;                                                                     \
        }                                                                                      \
        double x;                                                                              \
        if (num_arg(iso, argv, argc, 0, &x)) return MJS_EXC;                                   \
        *ret = v_number(expr);                                                                 \
        return MJS_OK;                                                                         \
    }

/* JS rounds halves up (towards +Infinity) and keeps -0 for -0.5 <= x < 0. */
static double js_round(double x) {
    if (!isfinite(x) || x == 0) return x;
    if (x > 0 && x < 0.5) return 0.0;
    if (x < 0 && x >= -0.5) return -0.0;
    double r = floor(x);
    if (x - r >= 0.5) r += 1; /* exact: x - floor(x) is representable */
    return r;
}

MATH_INTEGRAL(ceil, ceil(x))
MATH_INTEGRAL(floor, floor(x))
MATH_INTEGRAL(round, js_round(x))
MATH_INTEGRAL(trunc, trunc(x))

static Status math_abs(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argc > 0 && v_is_int(argv[0])) {
        int32_t i = v_int_val(argv[0]);
        *ret = i >= 0 ? argv[0] : v_number(-(double)i);
        return MJS_OK;
    }
    double x;
    if (num_arg(iso, argv, argc, 0, &x)) return MJS_EXC;
    *ret = v_number(fabs(x));
    return MJS_OK;
}

static Status math_atan2(Isolate *iso, Value *argv, int argc, Value *ret) {
    double y, x;
    if (num_arg(iso, argv, argc, 0, &y) || num_arg(iso, argv, argc, 1, &x)) return MJS_EXC;
    *ret = v_number(atan2(y, x));
    return MJS_OK;
}

/* Number::exponentiate: C's pow says 1 for pow(1, NaN) and pow(-1, +-Infinity); JS says NaN. */
static double js_pow(double x, double y) {
    if (y != y) return NAN;
    if (y == 0) return 1;
    if ((x == 1 || x == -1) && isinf(y)) return NAN;
    return pow(x, y);
}

static Status math_pow(Isolate *iso, Value *argv, int argc, Value *ret) {
    double x, y;
    if (num_arg(iso, argv, argc, 0, &x) || num_arg(iso, argv, argc, 1, &y)) return MJS_EXC;
    *ret = v_number(js_pow(x, y));
    return MJS_OK;
}

static Status math_max(Isolate *iso, Value *argv, int argc, Value *ret) {
    double r = -INFINITY;
    for (int i = 0; i < argc; i++) { /* every argument is converted, even after a NaN */
        double x;
        if (num_arg(iso, argv, argc, i, &x)) return MJS_EXC;
        if (x != x || r != r)
            r = NAN;
        else if (x > r || (x == 0 && r == 0 && !signbit(x)))
            r = x;
    }
    *ret = v_number(r);
    return MJS_OK;
}

static Status math_min(Isolate *iso, Value *argv, int argc, Value *ret) {
    double r = INFINITY;
    for (int i = 0; i < argc; i++) {
        double x;
        if (num_arg(iso, argv, argc, i, &x)) return MJS_EXC;
        if (x != x || r != r)
            r = NAN;
        else if (x < r || (x == 0 && r == 0 && signbit(x)))
            r = x;
    }
    *ret = v_number(r);
    return MJS_OK;
}

/* sqrt of the compensated (Kahan) sum of squares scaled by the largest magnitude, which
 * avoids overflow and gives the same results as node (hypot(3, 4) is exactly 5). */
static Status math_hypot(Isolate *iso, Value *argv, int argc, Value *ret) {
    double small[8];
    double *abs_vals = argc <= 8 ? small : malloc(sizeof(double) * (size_t)argc);
    if (!abs_vals) abort();
    double max = 0;
    bool inf = false, nan = false;
    for (int i = 0; i < argc; i++) {
        double x;
        if (num_arg(iso, argv, argc, i, &x)) {
            if (abs_vals != small) free(abs_vals);
            return MJS_EXC;
        }
        x = fabs(x);
        abs_vals[i] = x;
        if (isinf(x)) inf = true;
        if (x != x) nan = true;
        if (x > max) max = x;
    }
    double r;
    if (inf)
        r = INFINITY;
    else if (nan)
        r = NAN;
    else if (max == 0)
        r = 0;
    else {
        double sum = 0, comp = 0;
        for (int i = 0; i < argc; i++) {
            double n = abs_vals[i] / max;
            double summand = n * n - comp;
            double t = sum + summand;
            comp = (t - sum) - summand;
            sum = t;
        }
        r = sqrt(sum) * max;
    }
    if (abs_vals != small) free(abs_vals);
    *ret = v_number(r);
    return MJS_OK;
}

static Status math_clz32(Isolate *iso, Value *argv, int argc, Value *ret) {
    uint32_t u = 0;
    if (argc > 0 && vm_to_uint32(iso, argv[0], &u)) return MJS_EXC;
    *ret = v_int(u == 0 ? 32 : __builtin_clz(u));
    return MJS_OK;
}

static Status math_imul(Isolate *iso, Value *argv, int argc, Value *ret) {
    int32_t a = 0, b = 0;
    if (argc > 0 && vm_to_int32(iso, argv[0], &a)) return MJS_EXC;
    if (argc > 1 && vm_to_int32(iso, argv[1], &b)) return MJS_EXC;
    *ret = v_int((int32_t)((uint32_t)a * (uint32_t)b));
    return MJS_OK;
}

/* ------------------------------------------------------------------ random */

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void seed_state(uint64_t s[2], const void *salt) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_sec * 1000000007ull ^ (uint64_t)ts.tv_nsec ^
                 ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)salt;
    s[0] = splitmix64(&x);
    s[1] = splitmix64(&x);
    if ((s[0] | s[1]) == 0) s[1] = 1;
}

static Status math_random(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value callee = argv[-2];
    uint64_t local[2], *s = local;
    if (v_is_object(callee) && v_type(callee) == T_NATIVE_FUNCTION) {
        Value data = *obj_internal(callee, NATIVE_DATA_SLOT);
        if (v_is_ptr(data) && v_type(data) == T_BYTES && ((Bytes *)v_ptr(data))->length >= 16)
            s = (uint64_t *)(void *)((Bytes *)v_ptr(data))->data;
    }
    if (s == local) seed_state(local, argv); /* not reached via the installed function */
    /* xorshift128+ */
    uint64_t a = s[0], b = s[1];
    s[0] = b;
    a ^= a << 23;
    a ^= a >> 17;
    a ^= b ^ (b >> 26);
    s[1] = a;
    /* 52 random mantissa bits over [1, 2), minus 1 */
    uint64_t bits = ((s[0] + s[1]) >> 12) | 0x3FF0000000000000ull;
    double d;
    memcpy(&d, &bits, 8);
    *ret = v_number(d - 1);
    return MJS_OK;
}

/* ------------------------------------------------------------------ install */

void rt_install_math(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *math = vm_handle(iso, obj_new(iso));
    Value *key = vm_handle(iso, atom_from_cstr(iso, "Math"));
    if (obj_define(iso, ROOT(iso, R_GLOBAL), *key, *math, P_HIDDEN)) (void)vm_take_exception(iso);

    static const struct {
        const char *name;
        double v;
    } consts[] = {
        {"E", 2.718281828459045},         {"LN10", 2.302585092994046},
        {"LN2", 0.6931471805599453},      {"LOG10E", 0.4342944819032518},
        {"LOG2E", 1.4426950408889634},    {"PI", 3.141592653589793},
        {"SQRT1_2", 0.7071067811865476},  {"SQRT2", 1.4142135623730951},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        vm_def_value(iso, *math, consts[i].name, v_double(consts[i].v), 0);

    static const struct {
        const char *name;
        NativeFn fn;
        int length;
    } fns[] = {
        {"abs", math_abs, 1},     {"acos", math_acos, 1},   {"acosh", math_acosh, 1},
        {"asin", math_asin, 1},   {"asinh", math_asinh, 1}, {"atan", math_atan, 1},
        {"atanh", math_atanh, 1}, {"atan2", math_atan2, 2}, {"ceil", math_ceil, 1},
        {"cbrt", math_cbrt, 1},   {"expm1", math_expm1, 1}, {"clz32", math_clz32, 1},
        {"cos", math_cos, 1},     {"cosh", math_cosh, 1},   {"exp", math_exp, 1},
        {"floor", math_floor, 1}, {"fround", math_fround, 1}, {"hypot", math_hypot, 2},
        {"imul", math_imul, 2},   {"log", math_log, 1},     {"log1p", math_log1p, 1},
        {"log2", math_log2, 1},   {"log10", math_log10, 1}, {"max", math_max, 2},
        {"min", math_min, 2},     {"pow", math_pow, 2},     {"round", math_round, 1},
        {"sign", math_sign, 1},   {"sin", math_sin, 1},     {"sinh", math_sinh, 1},
        {"sqrt", math_sqrt, 1},   {"tan", math_tan, 1},     {"tanh", math_tanh, 1},
        {"trunc", math_trunc, 1},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        vm_def_native(iso, *math, fns[i].name, fns[i].fn, fns[i].length);
    /* random, with its state in the function's data slot */
    Value *fn = vm_handle(iso, vm_def_native(iso, *math, "random", math_random, 0));
    Value state = bytes_new(iso, 16);
    seed_state((uint64_t *)(void *)((Bytes *)v_ptr(state))->data, iso);
    vm_store(iso, v_ptr(*fn), obj_internal(*fn, NATIVE_DATA_SLOT), state);

    /* Math[Symbol.toStringTag] = "Math" (console.log prints Object [Math]) */
    Value *tag = vm_handle(iso, rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag"));
    if (obj_define(iso, *math, *tag, *key, P_CONFIGURABLE)) (void)vm_take_exception(iso);
    vm_scope_close(iso, sc);
}
