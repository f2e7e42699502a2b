/* builtins_global.c: functions and values of the global object: parseInt, parseFloat, isNaN,
 * isFinite, NaN, Infinity, undefined, the URI coders, escape/unescape, and gc() under
 * --expose-gc. Parsing and coding work on a flat string read without allocating; the result
 * is made from a C buffer in one allocation at the end.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"
#include "text_int.h"

static inline Value arg(Value *argv, int argc, int i) { return i < argc ? argv[i] : V_UNDEF; }

static Status to_flat(Isolate *iso, Value v, Value *out) {
    if (!v_is_string(v)) {
        if (vm_to_string(iso, v, out)) return MJS_EXC;
        v = *out;
    }
    *out = str_flatten(iso, v);
    return MJS_OK;
}

static int digit_value(uint16_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* ------------------------------------------------------------------ parseInt */

/* Digits [i, end) in a power-of-two radix, rounded to nearest-even exactly: the first ~60
 * significant bits are kept, later digits only count as exponent and a sticky bit. */
static double parse_pow2(Value s, uint32_t i, uint32_t end, int radix) {
    int bits = radix == 2 ? 1 : radix == 4 ? 2 : radix == 8 ? 3 : radix == 16 ? 4 : 5;
    uint64_t m = 0;
    int extra = 0;
    bool sticky = false;
    for (; i < end; i++) {
        int d = digit_value(str_char(s, i));
        if ((m >> (64 - bits)) == 0) {
            m = (m << bits) | (uint64_t)d;
        } else {
            extra += bits;
            sticky |= d != 0;
        }
    }
    if (m == 0) return 0;
    int top = 63 - __builtin_clzll(m);
    if (top < 53) return ldexp((double)m, extra);
    int shift = top - 52;
    uint64_t mant = m >> shift, rem = m & ((1ull << shift) - 1), half = 1ull << (shift - 1);
    if (rem > half || (rem == half && (sticky || (mant & 1)))) mant++;
    return ldexp((double)mant, shift + extra);
}

/* Other radixes: multiply-add in 32-bit chunks, then fold each chunk into a double (V8's
 * approximation, which the spec allows past 2^53, so results match node's). */
static double parse_chunked(Value s, uint32_t i, uint32_t end, int radix) {
    double result = 0;
    const uint32_t max_mult = 0xFFFFFFFFu / 36;
    while (i < end) {
        uint32_t part = 0, mult = 1;
        while (i < end) {
            uint32_t m = mult * (uint32_t)radix;
            if (m > max_mult) break;
            part = part * (uint32_t)radix + (uint32_t)digit_value(str_char(s, i));
            mult = m;
            i++;
        }
        result = result * mult + part;
    }
    return result;
}

static double parse_int_flat(Value s, int32_t radix) {
    uint32_t n = str_length(s), i = 0;
    while (i < n && rt_is_js_space(str_char(s, i))) i++;
    double sign = 1;
    if (i < n && (str_char(s, i) == '-' || str_char(s, i) == '+')) {
        if (str_char(s, i) == '-') sign = -1;
        i++;
    }
    bool strip_prefix = true;
    if (radix != 0) {
        if (radix < 2 || radix > 36) return NAN;
        if (radix != 16) strip_prefix = false;
    } else {
        radix = 10;
    }
    if (strip_prefix && i + 1 < n && str_char(s, i) == '0' && (str_char(s, i + 1) | 0x20) == 'x') {
        i += 2;
        radix = 16;
    }
    uint32_t end = i;
    while (end < n && digit_value(str_char(s, end)) < radix) end++;
    if (end == i) return NAN;
    double v;
    if (radix == 10) {
        /* exact: strtod on the digits */
        char small[64];
        size_t len = end - i;
        char *buf = len < sizeof small ? small : malloc(len + 1);
        if (!buf) abort();
        for (size_t k = 0; k < len; k++) buf[k] = (char)str_char(s, i + (uint32_t)k);
        buf[len] = 0;
        v = strtod(buf, NULL);
        if (buf != small) free(buf);
    } else if ((radix & (radix - 1)) == 0) {
        v = parse_pow2(s, i, end, radix);
    } else {
        v = parse_chunked(s, i, end, radix);
    }
    return sign * v;
}

static Status global_parse_int(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value sv = arg(argv, argc, 0), rv = arg(argv, argc, 1);
    if (v_is_int(sv) && v_is_undef(rv)) {
        *ret = sv;
        return MJS_OK;
    }
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, V_UNDEF);
    int32_t radix = 0;
    if (to_flat(iso, sv, s) || vm_to_int32(iso, rv, &radix)) {
        vm_scope_close(iso, sc);
        return MJS_EXC;
    }
    *ret = v_number(parse_int_flat(*s, radix));
    vm_scope_close(iso, sc);
    return MJS_OK;
}

/* ------------------------------------------------------------------ parseFloat */

static double parse_float_flat(Value s) {
    uint32_t n = str_length(s), i = 0;
    while (i < n && rt_is_js_space(str_char(s, i))) i++;
    uint32_t start = i;
    bool neg = false;
    if (i < n && (str_char(s, i) == '-' || str_char(s, i) == '+')) {
        neg = str_char(s, i) == '-';
        i++;
    }
    static const char inf[] = "Infinity";
    if (i + 8 <= n) {
        bool match = true;
        for (int k = 0; k < 8 && match; k++) match = str_char(s, i + (uint32_t)k) == (uint8_t)inf[k];
        if (match) return neg ? -INFINITY : INFINITY;
    }
    uint32_t digits = 0;
    while (i < n && str_char(s, i) >= '0' && str_char(s, i) <= '9') i++, digits++;
    if (i < n && str_char(s, i) == '.') {
        i++;
        while (i < n && str_char(s, i) >= '0' && str_char(s, i) <= '9') i++, digits++;
    }
    if (digits == 0) return NAN;
    if (i < n && (str_char(s, i) | 0x20) == 'e') {
        uint32_t j = i + 1;
        if (j < n && (str_char(s, j) == '-' || str_char(s, j) == '+')) j++;
        if (j < n && str_char(s, j) >= '0' && str_char(s, j) <= '9') {
            while (j < n && str_char(s, j) >= '0' && str_char(s, j) <= '9') j++;
            i = j;
        }
    }
    char small[64];
    size_t len = i - start;
    char *buf = len < sizeof small ? small : malloc(len + 1);
    if (!buf) abort();
    for (size_t k = 0; k < len; k++) buf[k] = (char)str_char(s, start + (uint32_t)k);
    buf[len] = 0;
    double v = strtod(buf, NULL);
    if (buf != small) free(buf);
    return v;
}

static Status global_parse_float(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value sv = arg(argv, argc, 0);
    if (v_is_int(sv)) {
        *ret = sv;
        return MJS_OK;
    }
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, sv, s)) {
        vm_scope_close(iso, sc);
        return MJS_EXC;
    }
    *ret = v_number(parse_float_flat(*s));
    vm_scope_close(iso, sc);
    return MJS_OK;
}

/* ------------------------------------------------------------------ isNaN, isFinite, gc */

static Status global_is_nan(Isolate *iso, Value *argv, int argc, Value *ret) {
    double d;
    if (vm_to_number(iso, arg(argv, argc, 0), &d)) return MJS_EXC;
    *ret = v_bool(d != d);
    return MJS_OK;
}

static Status global_is_finite(Isolate *iso, Value *argv, int argc, Value *ret) {
    double d;
    if (vm_to_number(iso, arg(argv, argc, 0), &d)) return MJS_EXC;
    *ret = v_bool(isfinite(d));
    return MJS_OK;
}

static Status global_gc(Isolate *iso, Value *argv, int argc, Value *ret) {
    gc_collect(iso->heap, GC_FULL, "testing");
    *ret = V_UNDEF;
    return MJS_OK;
}

/* ------------------------------------------------------------------ URI coding */

static const char uri_reserved[] = ";/?:@&=+$,#";
static const char uri_mark[] = "-_.!~*'()";

static bool uri_unescaped(uint16_t c, bool component) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    if (c >= 128 || c == 0) return false;
    if (strchr(uri_mark, c)) return true;
    return !component && strchr(uri_reserved, c);
}

static Status uri_error(Isolate *iso) { return vm_throw_error(iso, E_URI, "URI malformed"); }

static Status uri_encode(Isolate *iso, Value *argv, int argc, bool component, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, arg(argv, argc, 0), s)) {
        vm_scope_close(iso, sc);
        return MJS_EXC;
    }
    uint32_t n = str_length(*s);
    size_t cap = (size_t)n * 3 + 1, o = 0; /* each code unit yields at most 3 bytes = 9 chars */
    char *out = malloc(cap * 3);
    if (!out) abort();
    static const char hex[] = "0123456789ABCDEF";
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(*s, i);
        if (uri_unescaped(c, component)) {
            out[o++] = (char)c;
            continue;
        }
        uint32_t cp = c;
        if (c >= 0xDC00 && c <= 0xDFFF) goto malformed;
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (i + 1 >= n) goto malformed;
            uint16_t d = str_char(*s, i + 1);
            if (d < 0xDC00 || d > 0xDFFF) goto malformed;
            cp = 0x10000 + ((uint32_t)(c - 0xD800) << 10) + (d - 0xDC00);
            i++;
        }
        uint8_t b[4];
        int k;
        if (cp < 0x80) {
            b[0] = (uint8_t)cp;
            k = 1;
        } else if (cp < 0x800) {
            b[0] = (uint8_t)(0xC0 | cp >> 6);
            b[1] = (uint8_t)(0x80 | (cp & 0x3F));
            k = 2;
        } else if (cp < 0x10000) {
            b[0] = (uint8_t)(0xE0 | cp >> 12);
            b[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
            b[2] = (uint8_t)(0x80 | (cp & 0x3F));
            k = 3;
        } else {
            b[0] = (uint8_t)(0xF0 | cp >> 18);
            b[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
            b[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
            b[3] = (uint8_t)(0x80 | (cp & 0x3F));
            k = 4;
        }
        for (int j = 0; j < k; j++) {
            out[o++] = '%';
            out[o++] = hex[b[j] >> 4];
            out[o++] = hex[b[j] & 15];
        }
    }
    if (o > RT_STRING_MAX_LENGTH) {
        free(out);
        vm_scope_close(iso, sc);
        return vm_throw_error(iso, E_RANGE, "Invalid string length");
    }
    *ret = str_from_latin1(iso, (const uint8_t *)out, o);
    free(out);
    vm_scope_close(iso, sc);
    return MJS_OK;
malformed:
    free(out);
    vm_scope_close(iso, sc);
    return uri_error(iso);
}

static int hex_pair(Value s, uint32_t i) {
    if (i + 2 > str_length(s)) return -1;
    int a = digit_value(str_char(s, i)), b = digit_value(str_char(s, i + 1));
    if (a > 15 || b > 15) return -1;
    return a * 16 + b;
}

static Status uri_decode(Isolate *iso, Value *argv, int argc, bool component, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, arg(argv, argc, 0), s)) {
        vm_scope_close(iso, sc);
        return MJS_EXC;
    }
    uint32_t n = str_length(*s);
    uint16_t *out = malloc(((size_t)n + 1) * 2);
    if (!out) abort();
    size_t o = 0;
    bool wide = false;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(*s, i);
        if (c != '%') {
            out[o++] = c;
            wide |= c >= 256;
            continue;
        }
        int b = hex_pair(*s, i + 1);
        if (b < 0) goto malformed;
        if (b < 0x80) {
            if (!component && b != 0 && strchr(uri_reserved, b)) {
                for (int k = 0; k < 3; k++) out[o++] = str_char(*s, i + (uint32_t)k);
            } else {
                out[o++] = (uint16_t)b;
            }
            i += 2;
            continue;
        }
        int len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0) goto malformed;
        uint32_t cp = (uint32_t)b & (0x7F >> len);
        uint32_t j = i + 3;
        for (int k = 1; k < len; k++, j += 3) {
            if (j >= n || str_char(*s, j) != '%') goto malformed;
            int cb = hex_pair(*s, j + 1);
            if (cb < 0 || (cb & 0xC0) != 0x80) goto malformed;
            cp = (cp << 6) | ((uint32_t)cb & 0x3F);
        }
        static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto malformed;
        if (cp < 0x10000) {
            out[o++] = (uint16_t)cp;
        } else {
            cp -= 0x10000;
            out[o++] = (uint16_t)(0xD800 + (cp >> 10));
            out[o++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
        }
        wide |= cp >= 256;
        i = j - 1;
    }
    if (wide) {
        *ret = str_from_utf16(iso, out, o);
    } else {
        uint8_t *narrow = (uint8_t *)out; /* in place: each unit shrinks to one byte */
        for (size_t k = 0; k < o; k++) narrow[k] = (uint8_t)out[k];
        *ret = str_from_latin1(iso, narrow, o);
    }
    free(out);
    vm_scope_close(iso, sc);
    return MJS_OK;
malformed:
    free(out);
    vm_scope_close(iso, sc);
    return uri_error(iso);
}

static Status global_encode_uri(Isolate *iso, Value *argv, int argc, Value *ret) {
    return uri_encode(iso, argv, argc, false, ret);
}
static Status global_encode_uri_component(Isolate *iso, Value *argv, int argc, Value *ret) {
    return uri_encode(iso, argv, argc, true, ret);
}
static Status global_decode_uri(Isolate *iso, Value *argv, int argc, Value *ret) {
    return uri_decode(iso, argv, argc, false, ret);
}
static Status global_decode_uri_component(Isolate *iso, Value *argv, int argc, Value *ret) {
    return uri_decode(iso, argv, argc, true, ret);
}

/* ------------------------------------------------------------------ escape, unescape */

static Status global_escape(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, arg(argv, argc, 0), s)) {
        vm_scope_close(iso, sc);
        return MJS_EXC;
    }
    uint32_t n = str_length(*s);
    char *out = malloc((size_t)n * 6 + 1);
    if (!out) abort();
    size_t o = 0;
    static const char hex[] = "0123456789ABCDEF";
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(*s, i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            (c < 128 && c && strchr("@*_+-./", c))) {
            out[o++] = (char)c;
        } else if (c < 256) {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = '%';
            out[o++] = 'u';
            for (int k = 12; k >= 0; k -= 4) out[o++] = hex[(c >> k) & 15];
        }
    }
    if (o > RT_STRING_MAX_LENGTH) {
        free(out);
        vm_scope_close(iso, sc);
        return vm_throw_error(iso, E_RANGE, "Invalid string length");
    }
    *ret = str_from_latin1(iso, (const uint8_t *)out, o);
    free(out);
    vm_scope_close(iso, sc);
    return MJS_OK;
}

static Status global_unescape(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, arg(argv, argc, 0), s)) {
        vm_scope_close(iso, sc);
        return MJS_EXC;
    }
    uint32_t n = str_length(*s);
    uint16_t *out = malloc(((size_t)n + 1) * 2);
    if (!out) abort();
    size_t o = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(*s, i);
        if (c == '%') {
            if (i + 5 < n && str_char(*s, i + 1) == 'u') {
                int a = hex_pair(*s, i + 2), b = hex_pair(*s, i + 4);
                if (a >= 0 && b >= 0) {
                    out[o++] = (uint16_t)(a << 8 | b);
                    i += 5;
                    continue;
                }
            }
            int h = hex_pair(*s, i + 1);
            if (h >= 0) {
                out[o++] = (uint16_t)h;
                i += 2;
                continue;
            }
        }
        out[o++] = c;
    }
    *ret = str_from_utf16(iso, out, o);
    free(out);
    vm_scope_close(iso, sc);
    return MJS_OK;
}

/* ------------------------------------------------------------------ install */

/* eval(src): indirect (global) eval: the source runs as a classic script in the global
 * scope and its completion value is returned. Direct eval's access to the caller's local
 * variables is not supported. */
static Status global_eval(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_string(argv[0])) {
        *ret = argv[0];
        return MJS_OK;
    }
    size_t len;
    char *src = str_to_utf8(iso, argv[0], &len);
    Status st = vm_run_script(iso, src, len, "eval", ret);
    free(src);
    return st;
}

void rt_install_global_functions(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *global = vm_handle(iso, ROOT(iso, R_GLOBAL));
    Value *key = vm_handle(iso, V_UNDEF);
    /* non-writable, non-enumerable, non-configurable value properties */
    *key = ATOM(iso, NaN);
    if (obj_define(iso, *global, *key, v_double(NAN), 0)) (void)vm_take_exception(iso);
    *key = ATOM(iso, Infinity);
    if (obj_define(iso, *global, *key, v_double(INFINITY), 0)) (void)vm_take_exception(iso);
    *key = ATOM(iso, undefined);
    if (obj_define(iso, *global, *key, V_UNDEF, 0)) (void)vm_take_exception(iso);

    vm_def_native(iso, *global, "eval", global_eval, 1);
    Value *parse_int = vm_handle(iso, vm_def_native(iso, *global, "parseInt", global_parse_int, 2));
    Value *parse_float =
        vm_handle(iso, vm_def_native(iso, *global, "parseFloat", global_parse_float, 1));
    vm_def_native(iso, *global, "isNaN", global_is_nan, 1);
    vm_def_native(iso, *global, "isFinite", global_is_finite, 1);
    vm_def_native(iso, *global, "encodeURI", global_encode_uri, 1);
    vm_def_native(iso, *global, "encodeURIComponent", global_encode_uri_component, 1);
    vm_def_native(iso, *global, "decodeURI", global_decode_uri, 1);
    vm_def_native(iso, *global, "decodeURIComponent", global_decode_uri_component, 1);
    vm_def_native(iso, *global, "escape", global_escape, 1);
    vm_def_native(iso, *global, "unescape", global_unescape, 1);
    if (iso->options.expose_gc) vm_def_native(iso, *global, "gc", global_gc, 0);

    /* Number.parseInt === parseInt when Number is installed first. */
    Value number;
    *key = atom_from_cstr(iso, "Number");
    if (obj_get(iso, *global, *key, &number)) {
        (void)vm_take_exception(iso);
    } else if (v_is_object(number)) {
        *key = number;
        vm_def_value(iso, *key, "parseInt", *parse_int, P_HIDDEN);
        vm_def_value(iso, *key, "parseFloat", *parse_float, P_HIDDEN);
    }
    vm_scope_close(iso, sc);
}
