/* string.c: flat and cons strings, flattening, comparison, hashing, UTF-8/16 and numbers.
 * Invariants: a flat string is two-byte iff some code unit is >= 256 (so equal contents have
 * equal representations); cons strings are >= CONS_MIN_LENGTH units; flattening is iterative
 * and in place (the cons becomes cons(flat, "")); strings are never NUL-terminated.
 */
#include <math.h>
#include <stdlib.h>

#include "object_int.h"

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

Value str_alloc(Isolate *iso, uint32_t length, bool two_byte) {
    size_t bytes = round8(STRING_HEADER_SIZE + (two_byte ? 2 * (size_t)length : length));
    JSString *s = gc_alloc(iso->heap, bytes);
    s->map = v_ptr(ROOT(iso, two_byte ? R_MAP_STRING2 : R_MAP_STRING));
    s->length = length;
    s->hash = 0;
    return v_from_ptr(s);
}

/* The single-character table lives in R_MAP_STRING's spare cache field; the number->string
 * cache in R_MAP_STRING2's. Both are reached through the root maps, so they are GC roots. */
static Value char_table(Isolate *iso) { return ((Map *)v_ptr(ROOT(iso, R_MAP_STRING)))->cache; }
static Value number_cache(Isolate *iso) { return ((Map *)v_ptr(ROOT(iso, R_MAP_STRING2)))->cache; }

void str_init_caches(Isolate *iso) {
    Value table = fixed_new_old(iso, 256);
    Map *m = v_ptr(ROOT(iso, R_MAP_STRING));
    vm_store(iso, m, &m->cache, table);
    for (int c = 0; c < 256; c++) {
        uint8_t ch = (uint8_t)c;
        Value a = atom_from_latin1(iso, &ch, 1);
        fixed_set(iso, char_table(iso), (size_t)c, a);
    }
    Value nc = fixed_new_old(iso, 2 * NUMBER_CACHE_SIZE);
    Map *m2 = v_ptr(ROOT(iso, R_MAP_STRING2));
    vm_store(iso, m2, &m2->cache, nc);
}

Value str_char_string(Isolate *iso, uint16_t c) {
    if (c < 256) return v_fixed(char_table(iso))->items[c];
    Value s = str_alloc(iso, 1, true);
    v_str(s)->u.utf16[0] = c;
    return s;
}

Value str_from_latin1(Isolate *iso, const uint8_t *s, size_t len) {
    if (len == 0) return ATOM(iso, empty);
    if (len == 1) return str_char_string(iso, s[0]);
    Value r = str_alloc(iso, (uint32_t)len, false);
    memcpy(v_str(r)->u.latin1, s, len);
    return r;
}

Value str_from_utf16(Isolate *iso, const uint16_t *s, size_t len) {
    bool two = false;
    for (size_t i = 0; i < len && !two; i++) two = s[i] >= 256;
    if (len == 0) return ATOM(iso, empty);
    if (len == 1) return str_char_string(iso, s[0]);
    Value r = str_alloc(iso, (uint32_t)len, two);
    JSString *p = v_str(r);
    if (two) memcpy(p->u.utf16, s, 2 * len);
    else
        for (size_t i = 0; i < len; i++) p->u.latin1[i] = (uint8_t)s[i];
    return r;
}

/* Decode one UTF-8 sequence at s[*i]; malformed input yields U+FFFD for one byte. */
static uint32_t utf8_next(const uint8_t *s, size_t len, size_t *i) {
    uint8_t b = s[*i];
    uint32_t cp;
    int n;
    if (b < 0x80) { (*i)++; return b; }
    if ((b & 0xe0) == 0xc0) { cp = b & 0x1f; n = 1; }
    else if ((b & 0xf0) == 0xe0) { cp = b & 0x0f; n = 2; }
    else if ((b & 0xf8) == 0xf0) { cp = b & 0x07; n = 3; }
    else { (*i)++; return 0xfffd; }
    if (*i + (size_t)n >= len) { (*i)++; return 0xfffd; }
    for (int k = 1; k <= n; k++) {
        if ((s[*i + k] & 0xc0) != 0x80) { (*i)++; return 0xfffd; }
        cp = (cp << 6) | (s[*i + k] & 0x3f);
    }
    static const uint32_t min_cp[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) { (*i)++; return 0xfffd; }
    *i += (size_t)n + 1;
    return cp;
}

Value str_from_utf8(Isolate *iso, const char *str, size_t len) {
    const uint8_t *s = (const uint8_t *)str;
    size_t units = 0;
    bool two = false, ascii = true;
    for (size_t i = 0; i < len;) {
        if (s[i] >= 0x80) ascii = false;
        uint32_t cp = utf8_next(s, len, &i);
        units += cp > 0xffff ? 2 : 1;
        if (cp >= 256) two = true;
    }
    if (ascii) return str_from_latin1(iso, s, len);
    if (units == 1 && !two) {
        size_t i = 0;
        return str_char_string(iso, (uint16_t)utf8_next(s, len, &i));
    }
    Value r = str_alloc(iso, (uint32_t)units, two);
    JSString *p = v_str(r);
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = utf8_next(s, len, &i);
        if (!two) p->u.latin1[k++] = (uint8_t)cp;
        else if (cp > 0xffff) {
            cp -= 0x10000;
            p->u.utf16[k++] = (uint16_t)(0xd800 + (cp >> 10));
            p->u.utf16[k++] = (uint16_t)(0xdc00 + (cp & 0x3ff));
        } else p->u.utf16[k++] = (uint16_t)cp;
    }
    return r;
}

Value str_from_cstr(Isolate *iso, const char *s) { return str_from_utf8(iso, s, strlen(s)); }

/* ---------------------------------------------------------------- concat and flatten */

static bool is_flat(const JSString *s) { return s->map->type == T_STRING; }

Value str_concat(Isolate *iso, Value a, Value b) {
    uint32_t la = str_length(a), lb = str_length(b);
    if (la == 0) return b;
    if (lb == 0) return a;
    bool two = str_is_two_byte(a) || str_is_two_byte(b);
    uint32_t len = la + lb;
    size_t mark = vm_scope_open(iso);
    Value *ha = vm_handle(iso, a), *hb = vm_handle(iso, b);
    Value r;
    if (len < CONS_MIN_LENGTH) {
        /* Both parts are shorter than a cons, hence flat: copy. */
        r = str_alloc(iso, len, two);
        JSString *d = v_str(r);
        for (uint32_t i = 0; i < la; i++) {
            uint16_t c = str_char(*ha, i);
            if (two) d->u.utf16[i] = c; else d->u.latin1[i] = (uint8_t)c;
        }
        for (uint32_t i = 0; i < lb; i++) {
            uint16_t c = str_char(*hb, i);
            if (two) d->u.utf16[la + i] = c; else d->u.latin1[la + i] = (uint8_t)c;
        }
    } else {
        JSString *c = gc_alloc(iso->heap, STRING_HEADER_SIZE + 2 * sizeof(Value));
        Map *cons = v_ptr(ROOT(iso, R_MAP_CONS));
        c->map = two ? (Map *)v_ptr(cons->cache) : cons;
        c->length = len;
        c->hash = 0;
        vm_store(iso, c, &c->u.cons.left, *ha);
        vm_store(iso, c, &c->u.cons.right, *hb);
        r = v_from_ptr(c);
    }
    vm_scope_close(iso, mark);
    return r;
}

static void copy_units(JSString *dst, bool two, uint32_t at, const JSString *src) {
    if (src->map->flags & MAP_STR_TWO_BYTE) {
        memcpy(dst->u.utf16 + at, src->u.utf16, 2 * (size_t)src->length);
    } else if (two) {
        for (uint32_t i = 0; i < src->length; i++) dst->u.utf16[at + i] = src->u.latin1[i];
    } else {
        memcpy(dst->u.latin1 + at, src->u.latin1, src->length);
    }
}

typedef struct Pending {
    JSString *node;
    uint32_t end;
} Pending;

/* Fill dst from the cons tree at root, right to left. A chain whose other side is flat (the
 * `s += x` and `s = x + s` shapes) needs no stack; only nodes with two cons children push. */
static void flatten_into(JSString *dst, bool two, JSString *root) {
    Pending *stack = NULL;
    size_t sp = 0, cap = 0;
    JSString *node = root;
    uint32_t end = root->length;
    for (;;) {
        while (!is_flat(node)) {
            JSString *l = v_str(node->u.cons.left), *r = v_str(node->u.cons.right);
            if (is_flat(r)) {
                copy_units(dst, two, end - r->length, r);
                end -= r->length;
                node = l;
            } else if (is_flat(l)) {
                copy_units(dst, two, end - node->length, l);
                node = r;
            } else {
                if (sp == cap) {
                    cap = cap ? 2 * cap : 64;
                    stack = realloc(stack, cap * sizeof *stack);
                    if (!stack) abort();
                }
                stack[sp++] = (Pending){r, end};
                end -= r->length;
                node = l;
            }
        }
        copy_units(dst, two, end - node->length, node);
        if (sp == 0) break;
        sp--;
        node = stack[sp].node;
        end = stack[sp].end;
    }
    free(stack);
}

Value str_flatten(Isolate *iso, Value s) {
    JSString *p = v_str(s);
    if (is_flat(p)) return s;
    Value left = p->u.cons.left;
    if (str_length(p->u.cons.right) == 0 && is_flat(v_str(left))) return left;
    bool two = str_is_two_byte(s);
    size_t mark = vm_scope_open(iso);
    Value *hs = vm_handle(iso, s);
    Value flat = str_alloc(iso, p->length, two);
    /* No allocation from here on: raw pointers are stable. */
    p = v_str(*hs);
    flatten_into(v_str(flat), two, p);
    v_str(flat)->hash = p->hash;
    vm_store(iso, p, &p->u.cons.left, flat);
    vm_store(iso, p, &p->u.cons.right, ATOM(iso, empty));
    vm_scope_close(iso, mark);
    return flat;
}

/* ---------------------------------------------------------------- substring, compare, hash */

Value str_substring(Isolate *iso, Value s, uint32_t start, uint32_t end) {
    uint32_t len = str_length(s);
    if (end > len) end = len;
    if (start >= end) return ATOM(iso, empty);
    if (start == 0 && end == len) return s;
    s = str_flatten(iso, s);
    if (end - start == 1) return str_char_string(iso, str_char(s, start));
    bool two = false;
    if (str_is_two_byte(s))
        for (uint32_t i = start; i < end && !two; i++) two = v_str(s)->u.utf16[i] >= 256;
    size_t mark = vm_scope_open(iso);
    Value *hs = vm_handle(iso, s);
    Value r = str_alloc(iso, end - start, two);
    JSString *d = v_str(r), *src = v_str(*hs);
    if (!str_is_two_byte(*hs)) memcpy(d->u.latin1, src->u.latin1 + start, end - start);
    else if (two) memcpy(d->u.utf16, src->u.utf16 + start, 2 * (size_t)(end - start));
    else
        for (uint32_t i = start; i < end; i++) d->u.latin1[i - start] = (uint8_t)src->u.utf16[i];
    vm_scope_close(iso, mark);
    return r;
}

bool str_flat_equals(Value a, Value b) {
    JSString *x = v_str(a), *y = v_str(b);
    if (x->length != y->length) return false;
    bool tx = str_is_two_byte(a), ty = str_is_two_byte(b);
    if (tx != ty) return false; /* canonical widths: different widths, different contents */
    if (x->hash && y->hash && x->hash != y->hash) return false;
    if (tx) return memcmp(x->u.utf16, y->u.utf16, 2 * (size_t)x->length) == 0;
    return memcmp(x->u.latin1, y->u.latin1, x->length) == 0;
}

bool str_equals(Isolate *iso, Value a, Value b) {
    if (a == b) return true;
    if (str_length(a) != str_length(b)) return false;
    if (v_is_atom(a) && v_is_atom(b)) return false;
    uint32_t ha = v_str(a)->hash, hb = v_str(b)->hash;
    if (ha && hb && ha != hb) return false;
    size_t mark = vm_scope_open(iso);
    Value *hb_ = vm_handle(iso, b);
    Value fa = str_flatten(iso, a);
    Value *hfa = vm_handle(iso, fa);
    Value fb = str_flatten(iso, *hb_);
    bool eq = str_flat_equals(*hfa, fb);
    vm_scope_close(iso, mark);
    return eq;
}

int str_compare(Isolate *iso, Value a, Value b) {
    if (a == b) return 0;
    size_t mark = vm_scope_open(iso);
    Value *hb = vm_handle(iso, b);
    Value fa = str_flatten(iso, a);
    Value *hfa = vm_handle(iso, fa);
    Value fb = str_flatten(iso, *hb);
    fa = *hfa;
    vm_scope_close(iso, mark);
    uint32_t la = str_length(fa), lb = str_length(fb), n = la < lb ? la : lb;
    if (!str_is_two_byte(fa) && !str_is_two_byte(fb)) {
        int c = memcmp(v_str(fa)->u.latin1, v_str(fb)->u.latin1, n);
        if (c) return c;
    } else {
        for (uint32_t i = 0; i < n; i++) {
            uint16_t x = str_char(fa, i), y = str_char(fb, i);
            if (x != y) return x < y ? -1 : 1;
        }
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

/* FNV-1a over UTF-16 code units, so both widths of a content hash alike. */
uint32_t str_hash_units8(const uint8_t *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 16777619u;
    return h ? h : 1;
}

uint32_t str_hash_units16(const uint16_t *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 16777619u;
    return h ? h : 1;
}

uint32_t str_hash(Isolate *iso, Value s) {
    JSString *p = v_str(s);
    if (p->hash) return p->hash;
    size_t mark = vm_scope_open(iso);
    Value *hs = vm_handle(iso, s);
    Value f = str_flatten(iso, s);
    JSString *fp = v_str(f);
    if (!fp->hash)
        fp->hash = str_is_two_byte(f) ? str_hash_units16(fp->u.utf16, fp->length)
                                      : str_hash_units8(fp->u.latin1, fp->length);
    v_str(*hs)->hash = fp->hash;
    vm_scope_close(iso, mark);
    return fp->hash;
}

char *str_to_utf8(Isolate *iso, Value s, size_t *len_out) {
    Value f = str_flatten(iso, s);
    JSString *p = v_str(f);
    uint32_t n = p->length;
    bool two = str_is_two_byte(f);
    size_t cap = 3 * (size_t)n + 1;
    char *out = malloc(cap);
    if (!out) abort();
    size_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = two ? p->u.utf16[i] : p->u.latin1[i];
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && two && p->u.utf16[i + 1] >= 0xdc00 &&
            p->u.utf16[i + 1] <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (p->u.utf16[i + 1] - 0xdc00);
            i++;
        } else if (c >= 0xd800 && c <= 0xdfff) {
            c = 0xfffd;
        }
        if (c < 0x80) out[k++] = (char)c;
        else if (c < 0x800) {
            out[k++] = (char)(0xc0 | (c >> 6));
            out[k++] = (char)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            out[k++] = (char)(0xe0 | (c >> 12));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[k++] = (char)(0x80 | (c & 0x3f));
        } else {
            out[k++] = (char)(0xf0 | (c >> 18));
            out[k++] = (char)(0x80 | ((c >> 12) & 0x3f));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[k++] = (char)(0x80 | (c & 0x3f));
        }
    }
    out[k] = 0;
    if (len_out) *len_out = k;
    return out;
}

/* ---------------------------------------------------------------- numbers */

static uint32_t number_cache_index(Value num) {
    uint64_t h = num * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> 40) & (NUMBER_CACHE_SIZE - 1);
}

static Value number_cache_get(Isolate *iso, Value num) {
    FixedArray *c = v_fixed(number_cache(iso));
    uint32_t i = number_cache_index(num);
    return c->items[2 * i] == num ? c->items[2 * i + 1] : V_HOLE;
}

static void number_cache_put(Isolate *iso, Value num, Value str) {
    uint32_t i = number_cache_index(num);
    fixed_set(iso, number_cache(iso), 2 * i, num);
    fixed_set(iso, number_cache(iso), 2 * i + 1, str);
}

Value str_from_int(Isolate *iso, int32_t i) {
    if (i >= 0 && i < 10) return str_char_string(iso, (uint16_t)('0' + i));
    Value num = v_int(i);
    Value hit = number_cache_get(iso, num);
    if (hit != V_HOLE) return hit;
    char buf[16];
    int n = 0;
    uint32_t u = i < 0 ? 0u - (uint32_t)i : (uint32_t)i;
    char tmp[12];
    int t = 0;
    do { tmp[t++] = (char)('0' + u % 10); u /= 10; } while (u);
    if (i < 0) buf[n++] = '-';
    while (t) buf[n++] = tmp[--t];
    Value s = str_from_latin1(iso, (const uint8_t *)buf, (size_t)n);
    number_cache_put(iso, num, s);
    return s;
}

Value str_from_double(Isolate *iso, double d) {
    Value num = v_number(d);
    if (v_is_int(num)) return str_from_int(iso, v_int_val(num));
    if (d != d) return ATOM(iso, NaN);
    Value hit = number_cache_get(iso, num);
    if (hit != V_HOLE) return hit;
    char buf[64];
    int n = num_to_cstr(d, buf);
    Value s = str_from_latin1(iso, (const uint8_t *)buf, (size_t)n);
    number_cache_put(iso, num, s);
    return s;
}

static bool is_js_space(uint16_t c) {
    switch (c) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20: case 0xa0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000: case 0xfeff:
        return true;
    default: return c >= 0x2000 && c <= 0x200a;
    }
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* StringToNumber on an ASCII buffer without surrounding whitespace. */
static double parse_number(const char *s, size_t n) {
    if (n == 0) return 0;
    if (n > 2 && s[0] == '0') {
        int base = 0;
        switch (s[1]) {
        case 'x': case 'X': base = 16; break;
        case 'o': case 'O': base = 8; break;
        case 'b': case 'B': base = 2; break;
        }
        if (base) {
            double v = 0;
            for (size_t i = 2; i < n; i++) {
                int d = digit_value(s[i]);
                if (d >= base) return NAN;
                v = v * base + d;
            }
            return v;
        }
    }
    size_t i = 0;
    if (s[0] == '+' || s[0] == '-') i++;
    if (n - i == 8 && memcmp(s + i, "Infinity", 8) == 0) return s[0] == '-' ? -INFINITY : INFINITY;
    size_t digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') { i++; digits++; }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') { i++; digits++; }
    }
    if (!digits) return NAN;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t ed = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') { i++; ed++; }
        if (!ed) return NAN;
    }
    if (i != n) return NAN;
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) abort();
    memcpy(buf, s, n);
    buf[n] = 0;
    double v = strtod(buf, NULL);
    if (buf != small) free(buf);
    return v;
}

double str_to_number(Isolate *iso, Value s) {
    Value f = str_flatten(iso, s);
    uint32_t b = 0, e = str_length(f);
    while (b < e && is_js_space(str_char(f, b))) b++;
    while (e > b && is_js_space(str_char(f, e - 1))) e--;
    size_t n = e - b;
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) abort();
    double v;
    bool ok = true;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(f, b + i);
        if (c >= 128) { ok = false; break; }
        buf[i] = (char)c;
    }
    v = ok ? parse_number(buf, n) : NAN;
    if (buf != small) free(buf);
    return v;
}

int64_t str_flat_array_index(Value f) {
    uint32_t n = str_length(f);
    if (n == 0 || n > 10) return -1;
    uint16_t c0 = str_char(f, 0);
    if (c0 < '0' || c0 > '9' || (c0 == '0' && n > 1)) return -1;
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(f, i);
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v < 4294967295ull ? (int64_t)v : -1;
}

int64_t str_array_index(Isolate *iso, Value s) {
    uint32_t n = str_length(s);
    if (n == 0 || n > 10) return -1;
    return str_flat_array_index(str_flatten(iso, s));
}
