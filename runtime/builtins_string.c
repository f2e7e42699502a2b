/* builtins_string.c: the String constructor and String.prototype methods (regex arguments go
 * through their Symbol.match/replace/search/split methods, builtins_regexp_sym.c).
 * Results are built in malloc'd buffers and become one heap string at the end, so nothing
 * is quadratic and no heap pointer is held while building. Invariant: code reads characters
 * only from flat strings kept in handles, and re-reads them after anything that may allocate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins_regexp_int.h"
#include "runtime.h"
#include "text_int.h"


static inline Value arg(Value *argv, int argc, int i) { return i < argc ? argv[i] : V_UNDEF; }

/* ------------------------------------------------------------------ conversions */

/* RequireObjectCoercible(this), ToString, flatten: *out is a handle slot. */
static Status this_flat(Isolate *iso, Value *argv, const char *method, Value *out) {
    Value t = argv[-1];
    if (v_is_nullish(t) || t == V_HOLE)
        return vm_throw_error(iso, E_TYPE, "String.prototype.%s called on null or undefined",
                              method);
    if (!v_is_string(t)) {
        if (vm_to_string(iso, t, out)) return MJS_EXC;
        t = *out;
    }
    *out = str_flatten(iso, t);
    return MJS_OK;
}

static Status to_flat(Isolate *iso, Value v, Value *out) {
    if (!v_is_string(v)) {
        if (vm_to_string(iso, v, out)) return MJS_EXC;
        v = *out;
    }
    *out = str_flatten(iso, v);
    return MJS_OK;
}

static Status to_int(Isolate *iso, Value v, double *out) {
    if (v_is_int(v)) {
        *out = v_int_val(v);
        return MJS_OK;
    }
    return vm_to_integer(iso, v, out);
}

static uint32_t clamp_pos(double d, uint32_t len) {
    if (d < 0) return 0;
    if (d > len) return len;
    return (uint32_t)d;
}


/* The spec's first step of match/replace/search/split: an object argument with a
 * Symbol.xxx method handles the call itself (*handled). Primitives skip the lookup (V8 does
 * the same unless String.prototype was patched). argv[-1] must be coercible. */
static Status delegate(Isolate *iso, Value *argv, int argc, RootIndex sym, int nargs, const char *method,
                       bool *handled, Value *ret) {
    *handled = false;
    if (v_is_nullish(argv[-1]) || argv[-1] == V_HOLE)
        return vm_throw_error(iso, E_TYPE, "String.prototype.%s called on null or undefined", method);
    Value a0 = argc > 0 ? argv[0] : V_UNDEF;
    if (!v_is_object(a0)) return MJS_OK;
    size_t sc = vm_scope_open(iso);
    Value *fn = vm_handle(iso, V_UNDEF);
    Status st = obj_get(iso, a0, ROOT(iso, sym), fn);
    if (st == MJS_OK && !v_is_nullish(*fn)) {
        if (!v_is_callable(*fn)) {
            st = rt_throw_not_function(iso, *fn, false);
        } else {
            Value args[2] = {argv[-1], argc > 1 ? argv[1] : V_UNDEF};
            *handled = true;
            st = vm_call(iso, *fn, argv[0], nargs, args, ret);
        }
    }
    vm_scope_close(iso, sc);
    return st;
}

/* match / matchAll / search with a non-regex argument: RegExpCreate then invoke @@sym. */
static Status via_new_regexp(Isolate *iso, Value *argv, int argc, RootIndex sym, const char *flags,
                             const char *method, Value *ret) {
    bool handled;
    if (delegate(iso, argv, argc, sym, 1, method, &handled, ret)) return MJS_EXC;
    if (handled) return MJS_OK;
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, V_UNDEF), *rx = vm_handle(iso, V_UNDEF), *fn = vm_handle(iso, V_UNDEF);
    Value *fl = vm_handle(iso, flags ? str_from_cstr(iso, flags) : V_UNDEF);
    Status st = vm_to_string(iso, argv[-1], s);
    if (st == MJS_OK) st = rt_regexp_create(iso, argc > 0 ? argv[0] : V_UNDEF, *fl, rx);
    if (st == MJS_OK) st = obj_get(iso, *rx, ROOT(iso, sym), fn);
    if (st == MJS_OK) st = vm_call(iso, *fn, *rx, 1, s, ret);
    vm_scope_close(iso, sc);
    return st;
}

static Status string_match(Isolate *iso, Value *argv, int argc, Value *ret) {
    return via_new_regexp(iso, argv, argc, R_SYMBOL_MATCH, NULL, "match", ret);
}
static Status string_search(Isolate *iso, Value *argv, int argc, Value *ret) {
    return via_new_regexp(iso, argv, argc, R_SYMBOL_SEARCH, NULL, "search", ret);
}

/* A regex argument of matchAll / replaceAll must be global. */
static Status require_global(Isolate *iso, Value v, const char *method) {
    bool rx;
    if (rt_is_regexp(iso, v, &rx)) return MJS_EXC;
    if (!rx) return MJS_OK;
    size_t sc = vm_scope_open(iso);
    Value *h = vm_handle(iso, v), *fl = vm_handle(iso, V_UNDEF);
    Value key = atom_from_cstr(iso, "flags");
    Status st = obj_get(iso, *h, key, fl);
    if (st == MJS_OK && v_is_nullish(*fl))
        st = vm_throw_error(iso, E_TYPE, "String.prototype.%s called on null or undefined", method);
    if (st == MJS_OK) st = vm_to_string(iso, *fl, fl);
    if (st == MJS_OK) {
        Value f = str_flatten(iso, *fl);
        bool g = false;
        for (uint32_t i = 0; i < str_length(f); i++)
            if (str_char(f, i) == 'g') g = true;
        if (!g)
            st = vm_throw_error(iso, E_TYPE, "%s called with a non-global RegExp argument", method);
    }
    vm_scope_close(iso, sc);
    return st;
}

static Status string_match_all(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argc > 0 && require_global(iso, argv[0], "String.prototype.matchAll")) return MJS_EXC;
    return via_new_regexp(iso, argv, argc, R_SYMBOL_MATCH_ALL, "g", "matchAll", ret);
}

/* First index >= from where needle occurs in hay (both flat), or -1. No allocation. */
static int64_t flat_index_of(Value hay, Value needle, uint32_t from) {
    uint32_t n = str_length(hay), m = str_length(needle);
    if (m == 0) return from <= n ? (int64_t)from : -1;
    if (m > n) return -1;
    uint16_t first = str_char(needle, 0);
    if (!str_is_two_byte(hay) && !str_is_two_byte(needle)) {
        const uint8_t *h = v_str(hay)->u.latin1, *nd = v_str(needle)->u.latin1;
        for (uint32_t i = from; i + m <= n; i++) {
            const uint8_t *p = memchr(h + i, first, n - m + 1 - i);
            if (!p) return -1;
            i = (uint32_t)(p - h);
            if (memcmp(p, nd, m) == 0) return i;
        }
        return -1;
    }
    for (uint32_t i = from; i + m <= n; i++) {
        if (str_char(hay, i) != first) continue;
        uint32_t k = 1;
        while (k < m && str_char(hay, i + k) == str_char(needle, k)) k++;
        if (k == m) return i;
    }
    return -1;
}

static bool flat_match_at(Value hay, Value needle, uint32_t at) {
    uint32_t m = str_length(needle);
    if (at + (uint64_t)m > str_length(hay)) return false;
    for (uint32_t k = 0; k < m; k++)
        if (str_char(hay, at + k) != str_char(needle, k)) return false;
    return true;
}

/* ------------------------------------------------------------------ constructor, statics */

static Status string_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value v = arg(argv, argc, 0);
    bool construct = argv[-1] == V_HOLE;
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, ATOM(iso, empty));
    if (argc > 0) {
        if (!construct && v_is_symbol(v)) {
            /* String(sym) gives "Symbol(desc)"; only `new String(sym)` throws */
            Value *close = vm_handle(iso, str_from_cstr(iso, ")"));
            *s = str_from_cstr(iso, "Symbol(");
            Value desc = ((Symbol *)v_ptr(argv[0]))->description; /* re-read after allocating */
            if (v_is_string(desc)) *s = str_concat(iso, *s, desc);
            *s = str_concat(iso, *s, *close);
        } else if (vm_to_string(iso, v, s)) {
            vm_scope_close(iso, sc);
            return MJS_EXC;
        }
    }
    Status st = MJS_OK;
    if (construct)
        st = vm_to_object(iso, *s, ret);
    else
        *ret = *s;
    vm_scope_close(iso, sc);
    return st;
}

static Status string_from_char_code(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argc == 1 && v_is_int(argv[0])) {
        uint16_t c = (uint16_t)v_int_val(argv[0]);
        uint8_t b = (uint8_t)c;
        *ret = c < 256 ? str_from_latin1(iso, &b, 1) : str_from_utf16(iso, &c, 1);
        return MJS_OK;
    }
    uint16_t *buf = malloc(((size_t)argc + 1) * 2);
    if (!buf) abort();
    for (int i = 0; i < argc; i++) {
        uint32_t u;
        if (vm_to_uint32(iso, argv[i], &u)) {
            free(buf);
            return MJS_EXC;
        }
        buf[i] = (uint16_t)u;
    }
    RtSBuf sb = {0};
    for (int i = 0; i < argc; i++) rt_sbuf_putc(&sb, buf[i]);
    free(buf);
    return rt_sbuf_finish(iso, &sb, ret);
}

static Status string_from_code_point(Isolate *iso, Value *argv, int argc, Value *ret) {
    uint32_t *cps = malloc(((size_t)argc + 1) * 4);
    if (!cps) abort();
    for (int i = 0; i < argc; i++) {
        double d;
        if (vm_to_number(iso, argv[i], &d)) {
            free(cps);
            return MJS_EXC;
        }
        if (!(d >= 0 && d <= 0x10FFFF) || d != (double)(uint32_t)d) {
            char num[32];
            free(cps);
            num_to_cstr(d, num);
            return vm_throw_error(iso, E_RANGE, "Invalid code point %s", num);
        }
        cps[i] = (uint32_t)d;
    }
    RtSBuf sb = {0};
    for (int i = 0; i < argc; i++) rt_sbuf_put_code_point(&sb, cps[i]);
    free(cps);
    return rt_sbuf_finish(iso, &sb, ret);
}

/* String.raw(template, ...subs): raw strings interleaved with the substitutions. */
static Status string_raw(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *cooked = vm_handle(iso, V_UNDEF), *raw = vm_handle(iso, V_UNDEF);
    Value *tmp = vm_handle(iso, V_UNDEF);
    RtSBuf sb = {0};
    double len;
    *tmp = atom_from_cstr(iso, "raw");
    if (vm_to_object(iso, arg(argv, argc, 0), cooked)) goto fail;
    if (obj_get(iso, *cooked, *tmp, tmp)) goto fail;
    if (vm_to_object(iso, *tmp, raw)) goto fail;
    if (obj_get(iso, *raw, ATOM(iso, length), tmp)) goto fail;
    if (vm_to_integer(iso, *tmp, &len)) goto fail;
    for (double i = 0; i < len; i++) {
        if (obj_get(iso, *raw, v_number(i), tmp)) goto fail;
        if (to_flat(iso, *tmp, tmp)) goto fail;
        rt_sbuf_put_flat(&sb, *tmp, 0, str_length(*tmp));
        if (i + 1 >= len) break;
        if (i + 1 < argc) {
            if (to_flat(iso, argv[(int)i + 1], tmp)) goto fail;
            rt_sbuf_put_flat(&sb, *tmp, 0, str_length(*tmp));
        }
    }
    Status st = rt_sbuf_finish(iso, &sb, ret);
    vm_scope_close(iso, sc);
    return st;
fail:
    rt_sbuf_free(&sb);
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* ------------------------------------------------------------------ prototype: access */

static Status this_string_value(Isolate *iso, Value *argv, const char *method, Value *out) {
    Value t = argv[-1];
    if (v_is_string(t)) {
        *out = t;
        return MJS_OK;
    }
    if (v_is_object(t) && v_type(t) == T_STRING_OBJ) {
        *out = *obj_internal(t, 0);
        return MJS_OK;
    }
    return vm_throw_error(iso, E_TYPE,
                          "String.prototype.%s requires that 'this' be a String", method);
}

static Status string_to_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    return this_string_value(iso, argv, "toString", ret);
}
static Status string_value_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    return this_string_value(iso, argv, "valueOf", ret);
}

/* Shared prologue: the flat `this` string in a handle. */
#define THIS_FLAT(name)                                                                        \
    size_t sc = vm_scope_open(iso);                                                            \
    Value *s = vm_handle(iso, V_UNDEF);                                                        \
    if (this_flat(iso, argv, name, s)) {                                                       \
        vm_scope_close(iso, sc);                                                               \
        return MJS_EXC;                                                                        \
    }
#define FAIL_CLOSE()                                                                           \
    do {                                                                                       \
        vm_scope_close(iso, sc);                                                               \
        return MJS_EXC;                                                                        \
    } while (0)
#define RETURN_CLOSE(v)                                                                        \
    do {                                                                                       \
        *ret = (v);                                                                            \
        vm_scope_close(iso, sc);                                                               \
        return MJS_OK;                                                                         \
    } while (0)

/* Fast check used by the hot accessors: flat string this and an int argument. */
static inline bool fast_flat_this(Value *argv) {
    Value t = argv[-1];
    return v_is_ptr(t) && v_type(t) == T_STRING;
}

static Status string_char_at(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (fast_flat_this(argv) && v_is_int(argv[0])) {
        int32_t i = v_int_val(argv[0]);
        Value t = argv[-1];
        *ret = (i >= 0 && (uint32_t)i < str_length(t)) ? str_substring(iso, t, (uint32_t)i, (uint32_t)i + 1)
                                                         : ATOM(iso, empty);
        return MJS_OK;
    }
    THIS_FLAT("charAt");
    double pos;
    if (to_int(iso, arg(argv, argc, 0), &pos)) FAIL_CLOSE();
    if (pos < 0 || pos >= str_length(*s)) RETURN_CLOSE(ATOM(iso, empty));
    RETURN_CLOSE(str_substring(iso, *s, (uint32_t)pos, (uint32_t)pos + 1));
}

static Status string_char_code_at(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (fast_flat_this(argv) && v_is_int(argv[0])) {
        int32_t i = v_int_val(argv[0]);
        Value t = argv[-1];
        *ret = (i >= 0 && (uint32_t)i < str_length(t)) ? v_int(str_char(t, (uint32_t)i)) : v_double(NAN);
        return MJS_OK;
    }
    THIS_FLAT("charCodeAt");
    double pos;
    if (to_int(iso, arg(argv, argc, 0), &pos)) FAIL_CLOSE();
    if (pos < 0 || pos >= str_length(*s)) RETURN_CLOSE(v_double(NAN));
    RETURN_CLOSE(v_int(str_char(*s, (uint32_t)pos)));
}

static uint32_t code_point_at(Value flat, uint32_t i, int *units) {
    uint16_t c = str_char(flat, i);
    *units = 1;
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < str_length(flat)) {
        uint16_t d = str_char(flat, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) {
            *units = 2;
            return 0x10000 + ((uint32_t)(c - 0xD800) << 10) + (d - 0xDC00);
        }
    }
    return c;
}

static Status string_code_point_at(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("codePointAt");
    double pos;
    if (to_int(iso, arg(argv, argc, 0), &pos)) FAIL_CLOSE();
    if (pos < 0 || pos >= str_length(*s)) RETURN_CLOSE(V_UNDEF);
    int units;
    RETURN_CLOSE(v_int((int32_t)code_point_at(*s, (uint32_t)pos, &units)));
}

static Status string_at(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("at");
    double pos;
    if (to_int(iso, arg(argv, argc, 0), &pos)) FAIL_CLOSE();
    uint32_t len = str_length(*s);
    if (pos < 0) pos += len;
    if (pos < 0 || pos >= len) RETURN_CLOSE(V_UNDEF);
    RETURN_CLOSE(str_substring(iso, *s, (uint32_t)pos, (uint32_t)pos + 1));
}

/* ------------------------------------------------------------------ prototype: search */

static Status string_index_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("indexOf");
    Value *needle = vm_handle(iso, V_UNDEF);
    double pos;
    if (to_flat(iso, arg(argv, argc, 0), needle)) FAIL_CLOSE();
    if (to_int(iso, arg(argv, argc, 1), &pos)) FAIL_CLOSE();
    int64_t r = flat_index_of(*s, *needle, clamp_pos(pos, str_length(*s)));
    RETURN_CLOSE(v_number((double)r));
}

static Status string_last_index_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("lastIndexOf");
    Value *needle = vm_handle(iso, V_UNDEF);
    double num, pos;
    if (to_flat(iso, arg(argv, argc, 0), needle)) FAIL_CLOSE();
    if (vm_to_number(iso, arg(argv, argc, 1), &num)) FAIL_CLOSE();
    pos = num != num ? INFINITY : trunc(num);
    uint32_t len = str_length(*s), m = str_length(*needle);
    if (m > len) RETURN_CLOSE(v_int(-1));
    uint32_t start = clamp_pos(pos, len);
    if (start > len - m) start = len - m;
    for (int64_t i = start; i >= 0; i--)
        if (flat_match_at(*s, *needle, (uint32_t)i)) RETURN_CLOSE(v_number((double)i));
    RETURN_CLOSE(v_int(-1));
}

static Status no_regexp(Isolate *iso, Value v, const char *method) {
    bool rx = false;
    if (rt_is_regexp(iso, v, &rx)) return MJS_EXC;
    if (rx)
        return vm_throw_error(iso, E_TYPE,
                              "First argument to String.prototype.%s must not be a regular expression",
                              method);
    return MJS_OK;
}

static Status string_includes(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("includes");
    Value *needle = vm_handle(iso, V_UNDEF);
    double pos;
    if (no_regexp(iso, arg(argv, argc, 0), "includes")) FAIL_CLOSE();
    if (to_flat(iso, arg(argv, argc, 0), needle)) FAIL_CLOSE();
    if (to_int(iso, arg(argv, argc, 1), &pos)) FAIL_CLOSE();
    RETURN_CLOSE(v_bool(flat_index_of(*s, *needle, clamp_pos(pos, str_length(*s))) >= 0));
}

static Status string_starts_with(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("startsWith");
    Value *needle = vm_handle(iso, V_UNDEF);
    double pos;
    if (no_regexp(iso, arg(argv, argc, 0), "startsWith")) FAIL_CLOSE();
    if (to_flat(iso, arg(argv, argc, 0), needle)) FAIL_CLOSE();
    if (to_int(iso, arg(argv, argc, 1), &pos)) FAIL_CLOSE();
    RETURN_CLOSE(v_bool(flat_match_at(*s, *needle, clamp_pos(pos, str_length(*s)))));
}

static Status string_ends_with(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("endsWith");
    Value *needle = vm_handle(iso, V_UNDEF);
    double pos;
    if (no_regexp(iso, arg(argv, argc, 0), "endsWith")) FAIL_CLOSE();
    if (to_flat(iso, arg(argv, argc, 0), needle)) FAIL_CLOSE();
    uint32_t len = str_length(*s);
    if (v_is_undef(arg(argv, argc, 1)))
        pos = len;
    else if (to_int(iso, argv[1], &pos))
        FAIL_CLOSE();
    uint32_t end = clamp_pos(pos, len), m = str_length(*needle);
    if (m > end) RETURN_CLOSE(V_FALSE);
    RETURN_CLOSE(v_bool(flat_match_at(*s, *needle, end - m)));
}

/* ------------------------------------------------------------------ prototype: substrings */

/* Relative index (negative counts from the end) clamped to [0, len]. */
static uint32_t rel_index(double d, uint32_t len) {
    if (d < 0) d += len;
    return clamp_pos(d, len);
}

static Status string_slice(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("slice");
    uint32_t len = str_length(*s);
    double a, b = len;
    if (to_int(iso, arg(argv, argc, 0), &a)) FAIL_CLOSE();
    if (!v_is_undef(arg(argv, argc, 1)) && to_int(iso, argv[1], &b)) FAIL_CLOSE();
    len = str_length(*s);
    uint32_t from = rel_index(a, len), to = rel_index(b, len);
    if (from >= to) RETURN_CLOSE(ATOM(iso, empty));
    RETURN_CLOSE(str_substring(iso, *s, from, to));
}

static Status string_substring(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("substring");
    uint32_t len = str_length(*s);
    double a, b = len;
    if (to_int(iso, arg(argv, argc, 0), &a)) FAIL_CLOSE();
    if (!v_is_undef(arg(argv, argc, 1)) && to_int(iso, argv[1], &b)) FAIL_CLOSE();
    uint32_t x = clamp_pos(a, len), y = clamp_pos(b, len);
    uint32_t from = x < y ? x : y, to = x < y ? y : x;
    RETURN_CLOSE(from == to ? ATOM(iso, empty) : str_substring(iso, *s, from, to));
}

static Status string_substr(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("substr");
    uint32_t len = str_length(*s);
    double a, n = len;
    if (to_int(iso, arg(argv, argc, 0), &a)) FAIL_CLOSE();
    if (!v_is_undef(arg(argv, argc, 1)) && to_int(iso, argv[1], &n)) FAIL_CLOSE();
    uint32_t from = rel_index(a, len);
    double end = from + (n < 0 ? 0 : n);
    uint32_t to = end > len ? len : (uint32_t)end;
    RETURN_CLOSE(from >= to ? ATOM(iso, empty) : str_substring(iso, *s, from, to));
}

/* ------------------------------------------------------------------ case mapping */

static Status change_case(Isolate *iso, Value *argv, bool upper, const char *name, Value *ret) {
    THIS_FLAT(name);
    Value f = *s;
    uint32_t n = str_length(f);
    uint16_t m[3];
    /* no change at all: return the same string without allocating */
    uint32_t first = 0;
    for (; first < n; first++) {
        uint16_t c = str_char(f, first);
        int k = upper ? rt_case_upper(c, m) : rt_case_lower(c, m);
        if (k != 1 || m[0] != c || (!upper && c == 0x3A3)) break;
    }
    if (first == n) RETURN_CLOSE(f);
    RtSBuf sb = {0};
    rt_sbuf_put_flat(&sb, f, 0, first);
    for (uint32_t i = first; i < n; i++) {
        uint16_t c = str_char(f, i);
        if (!upper && c == 0x3A3) {
            rt_sbuf_putc(&sb, rt_case_final_sigma(f, i) ? 0x3C2 : 0x3C3);
            continue;
        }
        int k = upper ? rt_case_upper(c, m) : rt_case_lower(c, m);
        for (int j = 0; j < k; j++) rt_sbuf_putc(&sb, m[j]);
    }
    Status st = rt_sbuf_finish(iso, &sb, ret);
    vm_scope_close(iso, sc);
    return st;
}

static Status string_to_upper(Isolate *iso, Value *argv, int argc, Value *ret) {
    return change_case(iso, argv, true, "toUpperCase", ret);
}
static Status string_to_lower(Isolate *iso, Value *argv, int argc, Value *ret) {
    return change_case(iso, argv, false, "toLowerCase", ret);
}
static Status string_to_locale_upper(Isolate *iso, Value *argv, int argc, Value *ret) {
    return change_case(iso, argv, true, "toLocaleUpperCase", ret);
}
static Status string_to_locale_lower(Isolate *iso, Value *argv, int argc, Value *ret) {
    return change_case(iso, argv, false, "toLocaleLowerCase", ret);
}

/* ------------------------------------------------------------------ trim, pad, repeat */

static Status trim(Isolate *iso, Value *argv, bool start, bool end, const char *name, Value *ret) {
    THIS_FLAT(name);
    uint32_t a = 0, b = str_length(*s);
    if (start)
        while (a < b && rt_is_js_space(str_char(*s, a))) a++;
    if (end)
        while (b > a && rt_is_js_space(str_char(*s, b - 1))) b--;
    if (a == 0 && b == str_length(*s)) RETURN_CLOSE(*s);
    RETURN_CLOSE(a == b ? ATOM(iso, empty) : str_substring(iso, *s, a, b));
}

static Status string_trim(Isolate *iso, Value *argv, int argc, Value *ret) {
    return trim(iso, argv, true, true, "trim", ret);
}
static Status string_trim_start(Isolate *iso, Value *argv, int argc, Value *ret) {
    return trim(iso, argv, true, false, "trimStart", ret);
}
static Status string_trim_end(Isolate *iso, Value *argv, int argc, Value *ret) {
    return trim(iso, argv, false, true, "trimEnd", ret);
}

static Status pad(Isolate *iso, Value *argv, int argc, bool at_start, const char *name, Value *ret) {
    THIS_FLAT(name);
    Value *fill = vm_handle(iso, V_UNDEF);
    double max_len;
    if (vm_to_integer(iso, arg(argv, argc, 0), &max_len)) FAIL_CLOSE();
    uint32_t len = str_length(*s);
    if (max_len <= len) RETURN_CLOSE(*s);
    Value fv = arg(argv, argc, 1);
    if (v_is_undef(fv)) {
        *fill = str_from_cstr(iso, " ");
    } else if (to_flat(iso, fv, fill)) {
        FAIL_CLOSE();
    }
    uint32_t flen = str_length(*fill);
    if (flen == 0) RETURN_CLOSE(*s);
    if (max_len > RT_STRING_MAX_LENGTH) {
        vm_scope_close(iso, sc);
        return vm_throw_error(iso, E_RANGE, "Invalid string length");
    }
    size_t total = (size_t)max_len - len;
    RtSBuf sb = {0};
    if (!at_start) rt_sbuf_put_flat(&sb, *s, 0, len);
    for (size_t done = 0; done < total; done += flen) {
        size_t k = total - done < flen ? total - done : flen;
        rt_sbuf_put_flat(&sb, *fill, 0, (uint32_t)k);
    }
    if (at_start) rt_sbuf_put_flat(&sb, *s, 0, len);
    Status st = rt_sbuf_finish(iso, &sb, ret);
    vm_scope_close(iso, sc);
    return st;
}

static Status string_pad_start(Isolate *iso, Value *argv, int argc, Value *ret) {
    return pad(iso, argv, argc, true, "padStart", ret);
}
static Status string_pad_end(Isolate *iso, Value *argv, int argc, Value *ret) {
    return pad(iso, argv, argc, false, "padEnd", ret);
}

static Status string_repeat(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("repeat");
    double n;
    if (vm_to_integer(iso, arg(argv, argc, 0), &n)) FAIL_CLOSE();
    if (n < 0 || n == INFINITY) {
        char num[32];
        num_to_cstr(n, num);
        vm_scope_close(iso, sc);
        return vm_throw_error(iso, E_RANGE, "Invalid count value: %s", num);
    }
    uint32_t len = str_length(*s);
    if (n == 0 || len == 0) RETURN_CLOSE(ATOM(iso, empty));
    if (n == 1) RETURN_CLOSE(*s);
    if ((double)len * n > RT_STRING_MAX_LENGTH) {
        vm_scope_close(iso, sc);
        return vm_throw_error(iso, E_RANGE, "Invalid string length");
    }
    size_t total = (size_t)len * (size_t)n;
    RtSBuf sb = {0};
    rt_sbuf_put_flat(&sb, *s, 0, len);
    if (!rt_sbuf_reserve(&sb, total - len)) {
        rt_sbuf_free(&sb);
        vm_scope_close(iso, sc);
        return vm_throw_error(iso, E_RANGE, "Invalid string length");
    }
    /* doubling copies: log2(n) memcpys */
    size_t unit = sb.wide ? 2 : 1;
    uint8_t *base = sb.wide ? (uint8_t *)sb.b16 : sb.b8;
    while (sb.len < total) {
        size_t k = sb.len < total - sb.len ? sb.len : total - sb.len;
        memcpy(base + sb.len * unit, base, k * unit);
        sb.len += k;
    }
    Status st = rt_sbuf_finish(iso, &sb, ret);
    vm_scope_close(iso, sc);
    return st;
}

/* ------------------------------------------------------------------ concat, split */

static Status string_concat(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("concat");
    Value *tmp = vm_handle(iso, V_UNDEF);
    for (int i = 0; i < argc; i++) {
        if (vm_to_string(iso, argv[i], tmp)) FAIL_CLOSE();
        *s = str_concat(iso, *s, *tmp);
    }
    RETURN_CLOSE(*s);
}

static Status string_split(Isolate *iso, Value *argv, int argc, Value *ret) {
    bool handled;
    if (delegate(iso, argv, argc, R_SYMBOL_SPLIT, 2, "split", &handled, ret)) return MJS_EXC;
    if (handled) return MJS_OK;
    THIS_FLAT("split");
    Value *sep = vm_handle(iso, V_UNDEF), *arr = vm_handle(iso, V_UNDEF);
    Value *part = vm_handle(iso, V_UNDEF);
    uint32_t lim = 0xFFFFFFFFu;
    Value lv = arg(argv, argc, 1);
    if (!v_is_undef(lv) && vm_to_uint32(iso, lv, &lim)) FAIL_CLOSE();
    Value sv = arg(argv, argc, 0);
    bool sep_undef = v_is_undef(sv);
    if (!sep_undef && to_flat(iso, sv, sep)) FAIL_CLOSE();
    *arr = array_new(iso, 0);
    if (lim == 0) RETURN_CLOSE(*arr);
    if (sep_undef) {
        if (array_push(iso, *arr, *s)) FAIL_CLOSE();
        RETURN_CLOSE(*arr);
    }
    uint32_t len = str_length(*s), m = str_length(*sep);
    if (len == 0) {
        if (m != 0 && array_push(iso, *arr, *s)) FAIL_CLOSE();
        RETURN_CLOSE(*arr);
    }
    uint32_t count = 0;
    if (m == 0) {
        for (uint32_t i = 0; i < len && count < lim; i++, count++) {
            *part = str_substring(iso, *s, i, i + 1);
            if (array_push(iso, *arr, *part)) FAIL_CLOSE();
        }
        RETURN_CLOSE(*arr);
    }
    uint32_t p = 0;
    for (;;) {
        int64_t q = flat_index_of(*s, *sep, p);
        uint32_t end = q < 0 ? len : (uint32_t)q;
        *part = end == p ? ATOM(iso, empty) : str_substring(iso, *s, p, end);
        if (array_push(iso, *arr, *part)) FAIL_CLOSE();
        if (++count >= lim || q < 0) break;
        p = end + m;
    }
    RETURN_CLOSE(*arr);
}

/* ------------------------------------------------------------------ replace */

/* GetSubstitution for a string pattern (no captures): $$ $& $` $'. */
static void put_substitution(RtSBuf *sb, Value str, Value repl, uint32_t pos, uint32_t mlen) {
    uint32_t n = str_length(repl), len = str_length(str);
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(repl, i);
        if (c == '$' && i + 1 < n) {
            uint16_t d = str_char(repl, i + 1);
            if (d == '$') {
                rt_sbuf_putc(sb, '$');
                i++;
                continue;
            }
            if (d == '&') {
                rt_sbuf_put_flat(sb, str, pos, pos + mlen);
                i++;
                continue;
            }
            if (d == '`') {
                rt_sbuf_put_flat(sb, str, 0, pos);
                i++;
                continue;
            }
            if (d == '\'') {
                if (pos + mlen < len) rt_sbuf_put_flat(sb, str, pos + mlen, len);
                i++;
                continue;
            }
        }
        rt_sbuf_putc(sb, c);
    }
}

static Status replace(Isolate *iso, Value *argv, int argc, bool all, const char *name, Value *ret) {
    bool handled;
    if (all && argc > 0 && require_global(iso, argv[0], "String.prototype.replaceAll")) return MJS_EXC;
    if (delegate(iso, argv, argc, R_SYMBOL_REPLACE, 2, name, &handled, ret)) return MJS_EXC;
    if (handled) return MJS_OK;
    THIS_FLAT(name);
    Value *search = vm_handle(iso, V_UNDEF), *repl = vm_handle(iso, V_UNDEF);
    Value *tmp = vm_handle(iso, V_UNDEF);
    Value rv = arg(argv, argc, 1);
    bool functional = v_is_callable(rv);
    if (to_flat(iso, arg(argv, argc, 0), search)) FAIL_CLOSE();
    if (functional)
        *repl = rv;
    else if (to_flat(iso, rv, repl))
        FAIL_CLOSE();
    uint32_t len = str_length(*s), m = str_length(*search);
    /* positions of the matches, found before any callback can run */
    uint32_t *pos = NULL;
    size_t npos = 0, cap = 0;
    int64_t q = flat_index_of(*s, *search, 0);
    while (q >= 0) {
        if (npos == cap) {
            cap = cap ? cap * 2 : 8;
            pos = realloc(pos, cap * sizeof *pos);
            if (!pos) abort();
        }
        pos[npos++] = (uint32_t)q;
        if (!all) break;
        uint32_t next = (uint32_t)q + (m ? m : 1);
        if (next > len) break;
        q = flat_index_of(*s, *search, next);
    }
    if (npos == 0) {
        free(pos);
        RETURN_CLOSE(*s);
    }
    RtSBuf sb = {0};
    uint32_t end = 0;
    for (size_t i = 0; i < npos; i++) {
        rt_sbuf_put_flat(&sb, *s, end, pos[i]);
        if (functional) {
            Value args[3] = {*search, v_int((int32_t)pos[i]), *s};
            if (vm_call(iso, *repl, V_UNDEF, 3, args, tmp) || to_flat(iso, *tmp, tmp)) {
                free(pos);
                rt_sbuf_free(&sb);
                FAIL_CLOSE();
            }
            rt_sbuf_put_flat(&sb, *tmp, 0, str_length(*tmp));
        } else {
            put_substitution(&sb, *s, *repl, pos[i], m);
        }
        end = pos[i] + m;
    }
    rt_sbuf_put_flat(&sb, *s, end, len);
    free(pos);
    Status st = rt_sbuf_finish(iso, &sb, ret);
    vm_scope_close(iso, sc);
    return st;
}

static Status string_replace(Isolate *iso, Value *argv, int argc, Value *ret) {
    return replace(iso, argv, argc, false, "replace", ret);
}
static Status string_replace_all(Isolate *iso, Value *argv, int argc, Value *ret) {
    return replace(iso, argv, argc, true, "replaceAll", ret);
}

/* ------------------------------------------------------------------ localeCompare */

static Status string_locale_compare(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("localeCompare");
    Value *that = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, arg(argv, argc, 0), that)) FAIL_CLOSE();
    RETURN_CLOSE(v_int(rt_collate(*s, *that)));
}

/* ------------------------------------------------------------------ misc */

static Status string_normalize(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("normalize");
    Value fv = arg(argv, argc, 0);
    if (!v_is_undef(fv)) {
        Value *form = vm_handle(iso, V_UNDEF);
        if (to_flat(iso, fv, form)) FAIL_CLOSE();
        static const char *const forms[] = {"NFC", "NFD", "NFKC", "NFKD"};
        bool ok = false;
        for (int i = 0; i < 4 && !ok; i++) {
            size_t n = strlen(forms[i]);
            if (str_length(*form) != n) continue;
            ok = true;
            for (size_t k = 0; k < n; k++)
                if (str_char(*form, (uint32_t)k) != (uint8_t)forms[i][k]) ok = false;
        }
        if (!ok) {
            vm_scope_close(iso, sc);
            return vm_throw_error(iso, E_RANGE,
                                  "The normalization form should be one of NFC, NFD, NFKC, NFKD.");
        }
    }
    /* Identity: exact for ASCII and for text already in composed form. */
    RETURN_CLOSE(*s);
}

static bool lone_surrogate_at(Value flat, uint32_t i) {
    uint16_t c = str_char(flat, i);
    if (c < 0xD800 || c > 0xDFFF) return false;
    if (c <= 0xDBFF && i + 1 < str_length(flat)) {
        uint16_t d = str_char(flat, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) return false;
    }
    if (c >= 0xDC00 && i > 0) {
        uint16_t p = str_char(flat, i - 1);
        if (p >= 0xD800 && p <= 0xDBFF) return false;
    }
    return true;
}

static Status string_is_well_formed(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("isWellFormed");
    if (str_is_two_byte(*s))
        for (uint32_t i = 0; i < str_length(*s); i++)
            if (lone_surrogate_at(*s, i)) RETURN_CLOSE(V_FALSE);
    RETURN_CLOSE(V_TRUE);
}

static Status string_to_well_formed(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("toWellFormed");
    bool ok = true;
    if (str_is_two_byte(*s))
        for (uint32_t i = 0; i < str_length(*s) && ok; i++)
            if (lone_surrogate_at(*s, i)) ok = false;
    if (ok) RETURN_CLOSE(*s);
    RtSBuf sb = {0};
    for (uint32_t i = 0; i < str_length(*s); i++)
        rt_sbuf_putc(&sb, lone_surrogate_at(*s, i) ? 0xFFFD : str_char(*s, i));
    Status st = rt_sbuf_finish(iso, &sb, ret);
    vm_scope_close(iso, sc);
    return st;
}

/* ------------------------------------------------------------------ install */

void rt_install_string(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *ctor = vm_handle(iso, vm_new_native(iso, "String", string_ctor, 1));
    Value *proto = vm_handle(iso, ROOT(iso, R_STRING_PROTO));
    Value *name = vm_handle(iso, atom_from_cstr(iso, "String"));
    if (obj_define(iso, *ctor, ATOM(iso, prototype), *proto, 0) ||
        obj_define(iso, *proto, ATOM(iso, constructor), *ctor, P_HIDDEN) ||
        obj_define(iso, ROOT(iso, R_GLOBAL), *name, *ctor, P_HIDDEN))
        (void)vm_take_exception(iso); /* cannot happen on a fresh isolate */

    vm_def_native(iso, *ctor, "fromCharCode", string_from_char_code, 1);
    vm_def_native(iso, *ctor, "fromCodePoint", string_from_code_point, 1);
    vm_def_native(iso, *ctor, "raw", string_raw, 1);

    static const struct {
        const char *name;
        NativeFn fn;
        int length;
    } methods[] = {
        {"toString", string_to_string, 0},
        {"valueOf", string_value_of, 0},
        {"charAt", string_char_at, 1},
        {"charCodeAt", string_char_code_at, 1},
        {"codePointAt", string_code_point_at, 1},
        {"at", string_at, 1},
        {"indexOf", string_index_of, 1},
        {"lastIndexOf", string_last_index_of, 1},
        {"includes", string_includes, 1},
        {"startsWith", string_starts_with, 1},
        {"endsWith", string_ends_with, 1},
        {"slice", string_slice, 2},
        {"substring", string_substring, 2},
        {"substr", string_substr, 2},
        {"toUpperCase", string_to_upper, 0},
        {"toLowerCase", string_to_lower, 0},
        {"toLocaleUpperCase", string_to_locale_upper, 0},
        {"toLocaleLowerCase", string_to_locale_lower, 0},
        {"trim", string_trim, 0},
        {"padStart", string_pad_start, 1},
        {"padEnd", string_pad_end, 1},
        {"repeat", string_repeat, 1},
        {"concat", string_concat, 1},
        {"split", string_split, 2},
        {"replace", string_replace, 2},
        {"replaceAll", string_replace_all, 2},
        {"match", string_match, 1},
        {"matchAll", string_match_all, 1},
        {"search", string_search, 1},
        {"localeCompare", string_locale_compare, 1},
        {"normalize", string_normalize, 0},
        {"isWellFormed", string_is_well_formed, 0},
        {"toWellFormed", string_to_well_formed, 0},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        vm_def_native(iso, *proto, methods[i].name, methods[i].fn, methods[i].length);
    /* trimLeft/trimRight are the same function objects as trimStart/trimEnd (Annex B). */
    Value *fn = vm_handle(iso, vm_def_native(iso, *proto, "trimStart", string_trim_start, 0));
    vm_def_value(iso, *proto, "trimLeft", *fn, P_HIDDEN);
    *fn = vm_def_native(iso, *proto, "trimEnd", string_trim_end, 0);
    vm_def_value(iso, *proto, "trimRight", *fn, P_HIDDEN);
    vm_scope_close(iso, sc);
}
