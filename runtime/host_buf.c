/* host_buf.c: the host's growable UTF-8 byte buffer (RtBuf) and JS string -> UTF-8 copying.
 * Host output (console, inspect) is built as C bytes, not JS strings, so printing does not
 * allocate on the JS heap. Invariant: b->p is NUL-terminated whenever it is non-NULL.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "host_int.h"

void rt_buf_reserve(RtBuf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("minijs: out of memory\n", stderr);
        abort();
    }
    b->p = p;
    b->cap = cap;
}

void rt_buf_put(RtBuf *b, const char *s, size_t n) {
    rt_buf_reserve(b, n);
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void rt_buf_puts(RtBuf *b, const char *s) { rt_buf_put(b, s, strlen(s)); }

void rt_buf_putc(RtBuf *b, char c) {
    rt_buf_reserve(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = 0;
}

void rt_buf_printf(RtBuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    rt_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void rt_buf_spaces(RtBuf *b, int n) {
    if (n <= 0) return;
    rt_buf_reserve(b, (size_t)n);
    memset(b->p + b->len, ' ', (size_t)n);
    b->len += (size_t)n;
    b->p[b->len] = 0;
}

static void put_code_point(RtBuf *b, uint32_t c) {
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

void rt_buf_put_jsstr(Isolate *iso, RtBuf *b, Value str) {
    Value flat = str_flatten(iso, str);
    uint32_t n = str_length(flat);
    JSString *s = v_str(flat);
    if (!str_is_two_byte(flat)) {
        /* Latin-1: ASCII runs are copied whole, the rest take two bytes. */
        rt_buf_reserve(b, (size_t)n * 2);
        for (uint32_t i = 0; i < n; i++) {
            uint8_t c = s->u.latin1[i];
            if (c < 0x80) {
                b->p[b->len++] = (char)c;
            } else {
                b->p[b->len++] = (char)(0xC0 | (c >> 6));
                b->p[b->len++] = (char)(0x80 | (c & 0x3F));
            }
        }
        b->p[b->len] = 0;
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = s->u.utf16[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && s->u.utf16[i + 1] >= 0xDC00 &&
            s->u.utf16[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s->u.utf16[i + 1] - 0xDC00);
            i++;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
        }
        put_code_point(b, c);
    }
}

void rt_buf_free(RtBuf *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

char *rt_buf_take(RtBuf *b) {
    if (!b->p) {
        rt_buf_reserve(b, 0);
        b->p[0] = 0;
    }
    char *p = b->p;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

size_t rt_utf16_len(const char *s, size_t n) {
    size_t units = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)s[i];
        if ((c & 0xC0) != 0x80) units += (c >= 0xF0) ? 2 : 1;
    }
    return units;
}
