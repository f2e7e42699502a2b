/* builtins_string.c: the String constructor and String.prototype methods (no RegExp yet).
 * Results are built in malloc'd buffers and become one heap string at the end, so nothing
 * is quadratic and no heap pointer is held while building. Invariant: code reads characters
 * only from flat strings kept in handles, and re-reads them after anything that may allocate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

/* V8's String::kMaxLength on 64-bit. */
#define STR_MAX_LEN ((1u << 29) - 24)

static inline Value arg(Value *argv, int argc, int i) { return i < argc ? argv[i] : V_UNDEF; }

/* ------------------------------------------------------------------ string builder */

/* One-byte until a char >= 256 arrives, then two-byte. */
typedef struct SBuf {
    uint8_t *b8;
    uint16_t *b16;
    size_t len, cap;
    bool wide;
    bool too_long;
} SBuf;

static bool sb_reserve(SBuf *sb, size_t extra) {
    if (sb->too_long) return false;
    if (sb->len + extra > STR_MAX_LEN) {
        sb->too_long = true;
        return false;
    }
    if (sb->len + extra <= sb->cap) return true;
    size_t cap = sb->cap ? sb->cap * 2 : 32;
    while (cap < sb->len + extra) cap *= 2;
    if (sb->wide) {
        uint16_t *p = realloc(sb->b16, cap * 2);
        if (!p) abort();
        sb->b16 = p;
    } else {
        uint8_t *p = realloc(sb->b8, cap);
        if (!p) abort();
        sb->b8 = p;
    }
    sb->cap = cap;
    return true;
}

static void sb_widen(SBuf *sb) {
    size_t cap = sb->cap ? sb->cap : 32;
    uint16_t *p = malloc(cap * 2);
    if (!p) abort();
    for (size_t i = 0; i < sb->len; i++) p[i] = sb->b8[i];
    free(sb->b8);
    sb->b8 = NULL;
    sb->b16 = p;
    sb->cap = cap;
    sb->wide = true;
}

static void sb_putc(SBuf *sb, uint16_t c) {
    if (c >= 256 && !sb->wide) sb_widen(sb);
    if (!sb_reserve(sb, 1)) return;
    if (sb->wide)
        sb->b16[sb->len++] = c;
    else
        sb->b8[sb->len++] = (uint8_t)c;
}

/* Append code units [start, end) of a flat string. Never allocates on the JS heap. */
static void sb_put_flat(SBuf *sb, Value flat, uint32_t start, uint32_t end) {
    if (end <= start) return;
    size_t n = end - start;
    if (str_is_two_byte(flat)) {
        const uint16_t *src = v_str(flat)->u.utf16 + start;
        if (!sb->wide) {
            for (size_t i = 0; i < n; i++)
                if (src[i] >= 256) {
                    sb_widen(sb);
                    break;
                }
        }
        if (!sb_reserve(sb, n)) return;
        if (sb->wide)
            memcpy(sb->b16 + sb->len, src, n * 2);
        else
            for (size_t i = 0; i < n; i++) sb->b8[sb->len + i] = (uint8_t)src[i];
    } else {
        const uint8_t *src = v_str(flat)->u.latin1 + start;
        if (!sb_reserve(sb, n)) return;
        if (sb->wide)
            for (size_t i = 0; i < n; i++) sb->b16[sb->len + i] = src[i];
        else
            memcpy(sb->b8 + sb->len, src, n);
    }
    sb->len += n;
}

static void sb_free(SBuf *sb) {
    free(sb->b8);
    free(sb->b16);
    memset(sb, 0, sizeof *sb);
}

/* The heap string (or RangeError past the maximum length); frees the buffer. */
static Status sb_finish(Isolate *iso, SBuf *sb, Value *out) {
    if (sb->too_long) {
        sb_free(sb);
        return vm_throw_error(iso, E_RANGE, "Invalid string length");
    }
    if (sb->wide)
        *out = str_from_utf16(iso, sb->b16, sb->len);
    else
        *out = str_from_latin1(iso, sb->b8 ? sb->b8 : (const uint8_t *)"", sb->len);
    sb_free(sb);
    return MJS_OK;
}

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

static bool is_regexp(Value v) { return v_is_object(v) && v_type(v) == T_REGEXP; }

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
    SBuf sb = {0};
    for (int i = 0; i < argc; i++) sb_putc(&sb, buf[i]);
    free(buf);
    return sb_finish(iso, &sb, ret);
}

static void sb_put_code_point(SBuf *sb, uint32_t cp) {
    if (cp < 0x10000) {
        sb_putc(sb, (uint16_t)cp);
    } else {
        cp -= 0x10000;
        sb_putc(sb, (uint16_t)(0xD800 + (cp >> 10)));
        sb_putc(sb, (uint16_t)(0xDC00 + (cp & 0x3FF)));
    }
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
    SBuf sb = {0};
    for (int i = 0; i < argc; i++) sb_put_code_point(&sb, cps[i]);
    free(cps);
    return sb_finish(iso, &sb, ret);
}

/* String.raw(template, ...subs): raw strings interleaved with the substitutions. */
static Status string_raw(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *cooked = vm_handle(iso, V_UNDEF), *raw = vm_handle(iso, V_UNDEF);
    Value *tmp = vm_handle(iso, V_UNDEF);
    SBuf sb = {0};
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
        sb_put_flat(&sb, *tmp, 0, str_length(*tmp));
        if (i + 1 >= len) break;
        if (i + 1 < argc) {
            if (to_flat(iso, argv[(int)i + 1], tmp)) goto fail;
            sb_put_flat(&sb, *tmp, 0, str_length(*tmp));
        }
    }
    Status st = sb_finish(iso, &sb, ret);
    vm_scope_close(iso, sc);
    return st;
fail:
    sb_free(&sb);
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
    if (is_regexp(v))
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

/* Simple + special case mappings for Latin-1, Latin Extended-A, Greek and Cyrillic.
 * Writes up to 3 code units to out; returns how many. */
static int map_upper(uint16_t c, uint16_t *out) {
    out[0] = c;
    if (c < 128) {
        if (c >= 'a' && c <= 'z') out[0] = c - 32;
        return 1;
    }
    if (c == 0xB5) out[0] = 0x39C;
    else if (c == 0xDF) { out[0] = 'S'; out[1] = 'S'; return 2; }
    else if (c >= 0xE0 && c <= 0xFE && c != 0xF7) out[0] = c - 32;
    else if (c == 0xFF) out[0] = 0x178;
    else if (c >= 0x100 && c <= 0x12F) out[0] = c & ~1;
    else if (c == 0x131) out[0] = 'I';
    else if (c >= 0x132 && c <= 0x137) out[0] = c & ~1;
    else if (c >= 0x139 && c <= 0x148) out[0] = (c & 1) ? c : c - 1;
    else if (c == 0x149) { out[0] = 0x2BC; out[1] = 'N'; return 2; }
    else if (c >= 0x14A && c <= 0x177) out[0] = c & ~1;
    else if (c >= 0x179 && c <= 0x17E) out[0] = (c & 1) ? c : c - 1;
    else if (c == 0x17F) out[0] = 'S';
    else if (c == 0x390) { out[0] = 0x399; out[1] = 0x308; out[2] = 0x301; return 3; }
    else if (c == 0x3B0) { out[0] = 0x3A5; out[1] = 0x308; out[2] = 0x301; return 3; }
    else if (c == 0x3AC) out[0] = 0x386;
    else if (c >= 0x3AD && c <= 0x3AF) out[0] = c - 37;
    else if (c == 0x3C2) out[0] = 0x3A3;
    else if (c >= 0x3B1 && c <= 0x3CB) out[0] = c - 32;
    else if (c == 0x3CC) out[0] = 0x38C;
    else if (c == 0x3CD || c == 0x3CE) out[0] = c - 63;
    else if (c >= 0x430 && c <= 0x44F) out[0] = c - 32;
    else if (c >= 0x450 && c <= 0x45F) out[0] = c - 80;
    else if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        out[0] = c & ~1;
    else if (c >= 0x4C1 && c <= 0x4CE) out[0] = (c & 1) ? c : c - 1;
    else if (c == 0x4CF) out[0] = 0x4C0;
    return 1;
}

static int map_lower(uint16_t c, uint16_t *out) {
    out[0] = c;
    if (c < 128) {
        if (c >= 'A' && c <= 'Z') out[0] = c + 32;
        return 1;
    }
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) out[0] = c + 32;
    else if (c >= 0x100 && c <= 0x12F) out[0] = c | 1;
    else if (c == 0x130) { out[0] = 'i'; out[1] = 0x307; return 2; }
    else if (c >= 0x132 && c <= 0x137) out[0] = c | 1;
    else if (c >= 0x139 && c <= 0x148) out[0] = (c & 1) ? c + 1 : c;
    else if (c >= 0x14A && c <= 0x177) out[0] = c | 1;
    else if (c == 0x178) out[0] = 0xFF;
    else if (c >= 0x179 && c <= 0x17E) out[0] = (c & 1) ? c + 1 : c;
    else if (c == 0x386) out[0] = 0x3AC;
    else if (c >= 0x388 && c <= 0x38A) out[0] = c + 37;
    else if (c == 0x38C) out[0] = 0x3CC;
    else if (c == 0x38E || c == 0x38F) out[0] = c + 63;
    else if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) out[0] = c + 32;
    else if (c >= 0x410 && c <= 0x42F) out[0] = c + 32;
    else if (c >= 0x400 && c <= 0x40F) out[0] = c + 80;
    else if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        out[0] = c | 1;
    else if (c >= 0x4C1 && c <= 0x4CE) out[0] = (c & 1) ? c + 1 : c;
    else if (c == 0x4C0) out[0] = 0x4CF;
    return 1;
}

static bool is_cased(uint16_t c) {
    uint16_t u[3], l[3];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    if (c < 128) return false;
    return map_upper(c, u) != 1 || u[0] != c || map_lower(c, l) != 1 || l[0] != c || c == 0xAA ||
           c == 0xBA;
}

/* Final sigma rule: capital sigma lowercases to U+03C2 at the end of a word. */
static bool final_sigma(Value flat, uint32_t i) {
    uint32_t n = str_length(flat);
    bool before = false;
    for (int64_t j = (int64_t)i - 1; j >= 0; j--) {
        uint16_t c = str_char(flat, (uint32_t)j);
        if (c == 0x27 || c == 0xAD || c == 0x2019 || (c >= 0x300 && c <= 0x36F)) continue;
        before = is_cased(c);
        break;
    }
    if (!before) return false;
    for (uint32_t j = i + 1; j < n; j++) {
        uint16_t c = str_char(flat, j);
        if (c == 0x27 || c == 0xAD || c == 0x2019 || (c >= 0x300 && c <= 0x36F)) continue;
        return !is_cased(c);
    }
    return true;
}

static Status change_case(Isolate *iso, Value *argv, bool upper, const char *name, Value *ret) {
    THIS_FLAT(name);
    Value f = *s;
    uint32_t n = str_length(f);
    uint16_t m[3];
    /* no change at all: return the same string without allocating */
    uint32_t first = 0;
    for (; first < n; first++) {
        uint16_t c = str_char(f, first);
        int k = upper ? map_upper(c, m) : map_lower(c, m);
        if (k != 1 || m[0] != c || (!upper && c == 0x3A3)) break;
    }
    if (first == n) RETURN_CLOSE(f);
    SBuf sb = {0};
    sb_put_flat(&sb, f, 0, first);
    for (uint32_t i = first; i < n; i++) {
        uint16_t c = str_char(f, i);
        if (!upper && c == 0x3A3) {
            sb_putc(&sb, final_sigma(f, i) ? 0x3C2 : 0x3C3);
            continue;
        }
        int k = upper ? map_upper(c, m) : map_lower(c, m);
        for (int j = 0; j < k; j++) sb_putc(&sb, m[j]);
    }
    Status st = sb_finish(iso, &sb, ret);
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

/* JS WhiteSpace and LineTerminator (Unicode Zs included). */
static bool is_js_space(uint16_t c) {
    if (c < 128) return c == ' ' || (c >= 9 && c <= 13);
    return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static Status trim(Isolate *iso, Value *argv, bool start, bool end, const char *name, Value *ret) {
    THIS_FLAT(name);
    uint32_t a = 0, b = str_length(*s);
    if (start)
        while (a < b && is_js_space(str_char(*s, a))) a++;
    if (end)
        while (b > a && is_js_space(str_char(*s, b - 1))) b--;
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
    if (max_len > STR_MAX_LEN) {
        vm_scope_close(iso, sc);
        return vm_throw_error(iso, E_RANGE, "Invalid string length");
    }
    size_t total = (size_t)max_len - len;
    SBuf sb = {0};
    if (!at_start) sb_put_flat(&sb, *s, 0, len);
    for (size_t done = 0; done < total; done += flen) {
        size_t k = total - done < flen ? total - done : flen;
        sb_put_flat(&sb, *fill, 0, (uint32_t)k);
    }
    if (at_start) sb_put_flat(&sb, *s, 0, len);
    Status st = sb_finish(iso, &sb, ret);
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
    if ((double)len * n > STR_MAX_LEN) {
        vm_scope_close(iso, sc);
        return vm_throw_error(iso, E_RANGE, "Invalid string length");
    }
    size_t total = (size_t)len * (size_t)n;
    SBuf sb = {0};
    sb_put_flat(&sb, *s, 0, len);
    if (!sb_reserve(&sb, total - len)) {
        sb_free(&sb);
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
    Status st = sb_finish(iso, &sb, ret);
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
static void put_substitution(SBuf *sb, Value str, Value repl, uint32_t pos, uint32_t mlen) {
    uint32_t n = str_length(repl), len = str_length(str);
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(repl, i);
        if (c == '$' && i + 1 < n) {
            uint16_t d = str_char(repl, i + 1);
            if (d == '$') {
                sb_putc(sb, '$');
                i++;
                continue;
            }
            if (d == '&') {
                sb_put_flat(sb, str, pos, pos + mlen);
                i++;
                continue;
            }
            if (d == '`') {
                sb_put_flat(sb, str, 0, pos);
                i++;
                continue;
            }
            if (d == '\'') {
                if (pos + mlen < len) sb_put_flat(sb, str, pos + mlen, len);
                i++;
                continue;
            }
        }
        sb_putc(sb, c);
    }
}

static Status replace(Isolate *iso, Value *argv, int argc, bool all, const char *name, Value *ret) {
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
    SBuf sb = {0};
    uint32_t end = 0;
    for (size_t i = 0; i < npos; i++) {
        sb_put_flat(&sb, *s, end, pos[i]);
        if (functional) {
            Value args[3] = {*search, v_int((int32_t)pos[i]), *s};
            if (vm_call(iso, *repl, V_UNDEF, 3, args, tmp) || to_flat(iso, *tmp, tmp)) {
                free(pos);
                sb_free(&sb);
                FAIL_CLOSE();
            }
            sb_put_flat(&sb, *tmp, 0, str_length(*tmp));
        } else {
            put_substitution(&sb, *s, *repl, pos[i], m);
        }
        end = pos[i] + m;
    }
    sb_put_flat(&sb, *s, end, len);
    free(pos);
    Status st = sb_finish(iso, &sb, ret);
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

/* Collation weights (primary, secondary = accent, tertiary = case) for U+0000..U+00FF, taken
 * from the order node's ICU root collation gives; 0,0,0 = ignorable (controls, soft hyphen).
 * Characters above U+00FF collate by their lowercase code unit, case as the tertiary weight. */
static const uint8_t coll_latin1[256][3] = {
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {10, 0, 0}, {11, 0, 0}, {12, 0, 0},
    {13, 0, 0}, {14, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {16, 0, 0}, {23, 0, 0}, {30, 0, 0}, {47, 0, 0},
    {64, 0, 0}, {48, 0, 0}, {46, 0, 0}, {29, 0, 0},
    {33, 0, 0}, {34, 0, 0}, {42, 0, 0}, {58, 0, 0},
    {20, 0, 0}, {19, 0, 0}, {27, 0, 0}, {43, 0, 0},
    {73, 0, 0}, {74, 0, 0}, {75, 0, 0}, {76, 0, 0},
    {77, 0, 0}, {78, 0, 0}, {79, 0, 0}, {80, 0, 0},
    {81, 0, 0}, {82, 0, 0}, {22, 0, 0}, {21, 0, 0},
    {61, 0, 0}, {62, 0, 0}, {63, 0, 0}, {25, 0, 0},
    {41, 0, 0}, {83, 0, 1}, {85, 0, 1}, {86, 0, 1},
    {87, 0, 1}, {89, 0, 1}, {90, 0, 1}, {91, 0, 1},
    {92, 0, 1}, {93, 0, 1}, {94, 0, 1}, {95, 0, 1},
    {96, 0, 1}, {97, 0, 1}, {98, 0, 1}, {99, 0, 1},
    {100, 0, 1}, {101, 0, 1}, {102, 0, 1}, {103, 0, 1},
    {104, 0, 1}, {105, 0, 1}, {106, 0, 1}, {107, 0, 1},
    {108, 0, 1}, {109, 0, 1}, {110, 0, 1}, {35, 0, 0},
    {44, 0, 0}, {36, 0, 0}, {50, 0, 0}, {18, 0, 0},
    {49, 0, 0}, {83, 0, 0}, {85, 0, 0}, {86, 0, 0},
    {87, 0, 0}, {89, 0, 0}, {90, 0, 0}, {91, 0, 0},
    {92, 0, 0}, {93, 0, 0}, {94, 0, 0}, {95, 0, 0},
    {96, 0, 0}, {97, 0, 0}, {98, 0, 0}, {99, 0, 0},
    {100, 0, 0}, {101, 0, 0}, {102, 0, 0}, {103, 0, 0},
    {104, 0, 0}, {105, 0, 0}, {106, 0, 0}, {107, 0, 0},
    {108, 0, 0}, {109, 0, 0}, {110, 0, 0}, {37, 0, 0},
    {65, 0, 0}, {38, 0, 0}, {67, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {15, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {17, 0, 0}, {24, 0, 0}, {70, 0, 0}, {71, 0, 0},
    {68, 0, 0}, {72, 0, 0}, {66, 0, 0}, {39, 0, 0},
    {53, 0, 0}, {56, 0, 0}, {83, 0, 2}, {31, 0, 0},
    {64, 0, 0}, {0, 0, 0}, {57, 0, 0}, {52, 0, 0},
    {55, 0, 0}, {59, 0, 0}, {75, 0, 2}, {76, 0, 2},
    {51, 0, 0}, {0, 0, 0}, {40, 0, 0}, {28, 0, 0},
    {54, 0, 0}, {74, 0, 2}, {99, 0, 2}, {32, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {26, 0, 0},
    {83, 2, 1}, {83, 1, 1}, {83, 3, 1}, {83, 6, 1},
    {83, 5, 1}, {83, 4, 1}, {84, 0, 1}, {86, 7, 1},
    {89, 2, 1}, {89, 1, 1}, {89, 3, 1}, {89, 5, 1},
    {93, 2, 1}, {93, 1, 1}, {93, 3, 1}, {93, 5, 1},
    {88, 0, 1}, {98, 6, 1}, {99, 2, 1}, {99, 1, 1},
    {99, 3, 1}, {99, 6, 1}, {99, 5, 1}, {60, 0, 0},
    {99, 8, 1}, {105, 2, 1}, {105, 1, 1}, {105, 3, 1},
    {105, 5, 1}, {109, 1, 1}, {111, 0, 1}, {0, 0, 0},
    {83, 2, 0}, {83, 1, 0}, {83, 3, 0}, {83, 6, 0},
    {83, 5, 0}, {83, 4, 0}, {84, 0, 0}, {86, 7, 0},
    {89, 2, 0}, {89, 1, 0}, {89, 3, 0}, {89, 5, 0},
    {93, 2, 0}, {93, 1, 0}, {93, 3, 0}, {93, 5, 0},
    {88, 0, 0}, {98, 6, 0}, {99, 2, 0}, {99, 1, 0},
    {99, 3, 0}, {99, 6, 0}, {99, 5, 0}, {60, 0, 0},
    {99, 8, 0}, {105, 2, 0}, {105, 1, 0}, {105, 3, 0},
    {105, 5, 0}, {109, 1, 0}, {111, 0, 0}, {109, 5, 0},
};
enum { COLL_P1 = 74, COLL_P2 = 75, COLL_P3 = 76, COLL_P4 = 77, COLL_PSLASH = 43, COLL_PS = 103 };

typedef struct CollElem {
    uint32_t w[3];
} CollElem;

/* Collation elements of one code unit (0 = ignorable; up to 3 for expansions). */
static int coll_elems(uint16_t c, CollElem *e) {
    if (c < 256) {
        switch (c) {
        case 0xDF: /* sharp s = "ss" */
            e[0] = (CollElem){{COLL_PS, 0, 2}};
            e[1] = (CollElem){{COLL_PS, 0, 2}};
            return 2;
        case 0xBC: case 0xBD: case 0xBE: { /* vulgar fractions = digit, slash, digit */
            uint32_t a = c == 0xBE ? COLL_P3 : COLL_P1, b = c == 0xBD ? COLL_P2 : COLL_P4;
            e[0] = (CollElem){{a, 0, 2}};
            e[1] = (CollElem){{COLL_PSLASH, 0, 2}};
            e[2] = (CollElem){{b, 0, 2}};
            return 3;
        }
        case 0xB5: c = 0x3BC; break; /* micro sign collates as Greek mu */
        default:
            if (coll_latin1[c][0] == 0) return 0;
            e[0] = (CollElem){{coll_latin1[c][0], coll_latin1[c][1], coll_latin1[c][2]}};
            return 1;
        }
    }
    uint16_t l[3];
    map_lower(c, l);
    e[0] = (CollElem){{1000u + l[0], 0, l[0] != c}};
    return 1;
}

/* Compare level `lv` of the element sequences of two flat strings. */
static int coll_compare_level(Value a, Value b, int lv) {
    uint32_t na = str_length(a), nb = str_length(b), ia = 0, ib = 0;
    CollElem ea[3], eb[3];
    int ka = 0, kb = 0, pa = 0, pb = 0;
    for (;;) {
        while (pa == ka && ia < na) {
            ka = coll_elems(str_char(a, ia++), ea);
            pa = 0;
        }
        while (pb == kb && ib < nb) {
            kb = coll_elems(str_char(b, ib++), eb);
            pb = 0;
        }
        bool enda = pa == ka, endb = pb == kb;
        if (enda || endb) return enda && endb ? 0 : enda ? -1 : 1;
        uint32_t wa = ea[pa++].w[lv], wb = eb[pb++].w[lv];
        if (wa != wb) return wa < wb ? -1 : 1;
    }
}

static Status string_locale_compare(Isolate *iso, Value *argv, int argc, Value *ret) {
    THIS_FLAT("localeCompare");
    Value *that = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, arg(argv, argc, 0), that)) FAIL_CLOSE();
    int r = 0;
    for (int lv = 0; lv < 3 && r == 0; lv++) r = coll_compare_level(*s, *that, lv);
    RETURN_CLOSE(v_int(r));
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
    SBuf sb = {0};
    for (uint32_t i = 0; i < str_length(*s); i++)
        sb_putc(&sb, lone_surrogate_at(*s, i) ? 0xFFFD : str_char(*s, i));
    Status st = sb_finish(iso, &sb, ret);
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
