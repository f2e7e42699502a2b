/* inspect_str.c: util.inspect's string-level helpers: quoting and escaping (strEscape), key
 * and symbol printing, number printing, colours, and display width (getStringWidth).
 * Works on flat JS strings and on UTF-8 bytes; never allocates on the JS heap except to
 * flatten a string, so callers' unrooted values stay valid only up to that flatten.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"

/* ---------------------------------------------------------------- entry lists */

void rt_list_push(RtList *l, RtBuf *b) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        RtBuf *items = realloc(l->items, cap * sizeof(RtBuf));
        if (!items) abort();
        l->items = items;
        l->cap = cap;
    }
    if (!b->p) {
        rt_buf_reserve(b, 0);
        b->p[0] = 0;
    }
    l->items[l->n++] = *b;
    b->p = NULL;
    b->len = b->cap = 0;
}

void rt_list_push_str(RtList *l, const char *s, size_t n) {
    RtBuf b = {0};
    rt_buf_put(&b, s, n);
    rt_list_push(l, &b);
}

void rt_list_free(RtList *l) {
    for (size_t i = 0; i < l->n; i++) rt_buf_free(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

/* ---------------------------------------------------------------- colours */

static const struct {
    int on, off;
} style_codes[] = {
    [ST_NONE] = {0, 0},       [ST_SPECIAL] = {36, 39}, [ST_NUMBER] = {33, 39},
    [ST_BIGINT] = {33, 39},   [ST_BOOLEAN] = {33, 39}, [ST_UNDEFINED] = {90, 39},
    [ST_NULL] = {1, 22},      [ST_STRING] = {32, 39},  [ST_SYMBOL] = {32, 39},
    [ST_DATE] = {35, 39},     [ST_REGEXP] = {31, 39},  [ST_MODULE] = {4, 24},
};

void rt_stylize(InspectCtx *c, RtBuf *out, const char *s, size_t n, Style st) {
    if (!c->o.colors || st == ST_NONE) {
        rt_buf_put(out, s, n);
        return;
    }
    rt_buf_printf(out, "\x1b[%dm", style_codes[st].on);
    rt_buf_put(out, s, n);
    rt_buf_printf(out, "\x1b[%dm", style_codes[st].off);
}

void rt_stylize_cstr(InspectCtx *c, RtBuf *out, const char *s, Style st) {
    rt_stylize(c, out, s, strlen(s), st);
}

/* ---------------------------------------------------------------- numbers */

void rt_put_number(RtBuf *b, double d) {
    char tmp[64];
    if (d == 0 && signbit(d)) {
        rt_buf_puts(b, "-0");
        return;
    }
    int n = num_to_cstr(d, tmp);
    rt_buf_put(b, tmp, (size_t)n);
}

/* ---------------------------------------------------------------- escaping */

static void put_unit_utf8(RtBuf *b, uint32_t c) {
    char t[4];
    size_t n;
    if (c < 0x80) {
        t[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        t[0] = (char)(0xC0 | (c >> 6));
        t[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        t[0] = (char)(0xE0 | (c >> 12));
        t[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        t[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        t[0] = (char)(0xF0 | (c >> 18));
        t[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        t[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    rt_buf_put(b, t, n);
}

/* node's `meta` table: C0 controls, DEL and C1 controls as \xNN (a few by letter). */
static void put_meta(RtBuf *b, uint32_t c) {
    switch (c) {
    case '\b': rt_buf_puts(b, "\\b"); return;
    case '\t': rt_buf_puts(b, "\\t"); return;
    case '\n': rt_buf_puts(b, "\\n"); return;
    case '\f': rt_buf_puts(b, "\\f"); return;
    case '\r': rt_buf_puts(b, "\\r"); return;
    case '\'': rt_buf_puts(b, "\\'"); return;
    case '\\': rt_buf_puts(b, "\\\\"); return;
    default: rt_buf_printf(b, "\\x%02X", c); return;
    }
}

/* Escape [start, end) of flat; quote is the code unit to escape as \' (39) or 0 for none. */
static void put_escaped_body(RtBuf *b, Value flat, uint32_t start, uint32_t end, uint32_t quote) {
    for (uint32_t i = start; i < end; i++) {
        uint32_t c = str_char(flat, i);
        if (c == quote || c == '\\' || c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            put_meta(b, c);
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            if (c <= 0xDBFF && i + 1 < end) {
                uint32_t d = str_char(flat, i + 1);
                if (d >= 0xDC00 && d <= 0xDFFF) {
                    put_unit_utf8(b, 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00));
                    i++;
                    continue;
                }
            }
            rt_buf_printf(b, "\\u%x", c); /* lone surrogate, lower-case hex as node */
        } else {
            put_unit_utf8(b, c);
        }
    }
}

void rt_put_escaped(Isolate *iso, RtBuf *out, Value flat, uint32_t start, uint32_t end) {
    bool has_single = false, has_double = false, has_back = false, has_dollar_brace = false;
    for (uint32_t i = start; i < end; i++) {
        uint16_t c = str_char(flat, i);
        if (c == '\'') has_single = true;
        else if (c == '"') has_double = true;
        else if (c == '`') has_back = true;
        else if (c == '$' && i + 1 < end && str_char(flat, i + 1) == '{') has_dollar_brace = true;
    }
    /* Single quotes unless the text has some: then double, then backticks. */
    char q = '\'';
    if (has_single) {
        if (!has_double) q = '"';
        else if (!has_back && !has_dollar_brace) q = '`';
    }
    rt_buf_putc(out, q);
    put_escaped_body(out, flat, start, end, q == '\'' ? '\'' : 0);
    rt_buf_putc(out, q);
}

void rt_put_key_escaped(Isolate *iso, RtBuf *out, Value str) {
    Value flat = str_flatten(iso, str);
    put_escaped_body(out, flat, 0, str_length(flat), '\'');
}

bool rt_is_identifier_key(Value flat) {
    uint32_t n = str_length(flat);
    if (n == 0) return false;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(flat, i);
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

void rt_put_symbol(Isolate *iso, RtBuf *out, Value sym) {
    Value desc = ((Symbol *)v_ptr(sym))->description;
    rt_buf_puts(out, "Symbol(");
    if (v_is_string(desc)) rt_buf_put_jsstr(iso, out, desc);
    rt_buf_putc(out, ')');
}

/* ---------------------------------------------------------------- width */

static uint32_t next_code_point(const char *s, size_t n, size_t *i) {
    uint8_t c = (uint8_t)s[*i];
    uint32_t cp;
    int extra;
    if (c < 0x80) {
        (*i)++;
        return c;
    } else if (c >= 0xF0) {
        cp = c & 0x07;
        extra = 3;
    } else if (c >= 0xE0) {
        cp = c & 0x0F;
        extra = 2;
    } else {
        cp = c & 0x1F;
        extra = 1;
    }
    (*i)++;
    while (extra-- > 0 && *i < n && ((uint8_t)s[*i] & 0xC0) == 0x80) cp = (cp << 6) | ((uint8_t)s[(*i)++] & 0x3F);
    return cp;
}

/* Length of an ANSI escape sequence starting at s[i] (0 if none); close to node's
 * ansi-regex for the sequences util.inspect itself emits (CSI ... letter). */
static size_t ansi_seq_len(const char *s, size_t n, size_t i) {
    if ((uint8_t)s[i] != 0x1b || i + 1 >= n || s[i + 1] != '[') return 0;
    size_t j = i + 2;
    while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';')) j++;
    if (j < n && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z'))) return j + 1 - i;
    return 0;
}

static bool is_full_width(uint32_t c) {
    return c >= 0x1100 &&
           (c <= 0x115f || c == 0x2329 || c == 0x232a || (c >= 0x2e80 && c <= 0x3247 && c != 0x303f) ||
            (c >= 0x3250 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0xa4c6) ||
            (c >= 0xa960 && c <= 0xa97c) || (c >= 0xac00 && c <= 0xd7a3) ||
            (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe10 && c <= 0xfe19) ||
            (c >= 0xfe30 && c <= 0xfe6b) || (c >= 0xff01 && c <= 0xff60) ||
            (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1b000 && c <= 0x1b001) ||
            (c >= 0x1f200 && c <= 0x1f251) || (c >= 0x1f300 && c <= 0x1f64f) ||
            (c >= 0x20000 && c <= 0x3fffd));
}

static bool is_zero_width(uint32_t c) {
    return c <= 0x1F || (c >= 0x7F && c <= 0x9F) || (c >= 0x300 && c <= 0x36F) ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) ||
           (c >= 0xE0100 && c <= 0xE01EF);
}

size_t rt_string_width(const char *s, size_t n, bool strip_colors) {
    size_t w = 0, i = 0;
    while (i < n) {
        if (strip_colors) {
            size_t k = ansi_seq_len(s, n, i);
            if (k) {
                i += k;
                continue;
            }
        }
        uint32_t c = next_code_point(s, n, &i);
        if (c < 0x80) w += c >= 32 ? 1 : 0;
        else if (is_full_width(c)) w += 2;
        else if (!is_zero_width(c)) w += 1;
    }
    return w;
}

size_t rt_plain_len(const char *s, size_t n, bool strip_colors) {
    if (!strip_colors) return rt_utf16_len(s, n);
    size_t len = 0, i = 0;
    while (i < n) {
        size_t k = ansi_seq_len(s, n, i);
        if (k) {
            i += k;
            continue;
        }
        uint8_t c = (uint8_t)s[i++];
        if ((c & 0xC0) != 0x80) len += c >= 0xF0 ? 2 : 1;
    }
    return len;
}
