/* text_buf.c: RtSBuf, the growable string builder of the string built-ins: one-byte until a
 * code unit >= 256 arrives, then two-byte, in malloc'd memory, so building never touches the
 * JS heap and never holds a heap pointer; rt_sbuf_finish makes the one heap string.
 */
#include <stdlib.h>
#include <string.h>

#include "text_int.h"

bool rt_sbuf_reserve(RtSBuf *sb, size_t extra) {
    if (sb->too_long) return false;
    if (sb->len + extra > RT_STRING_MAX_LENGTH) {
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

static void widen(RtSBuf *sb) {
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

void rt_sbuf_putc(RtSBuf *sb, uint16_t c) {
    if (c >= 256 && !sb->wide) widen(sb);
    if (!rt_sbuf_reserve(sb, 1)) return;
    if (sb->wide)
        sb->b16[sb->len++] = c;
    else
        sb->b8[sb->len++] = (uint8_t)c;
}

/* Append code units [start, end) of a flat string. Never allocates on the JS heap. */
void rt_sbuf_put_flat(RtSBuf *sb, Value flat, uint32_t start, uint32_t end) {
    if (end <= start) return;
    size_t n = end - start;
    if (str_is_two_byte(flat)) {
        const uint16_t *src = v_str(flat)->u.utf16 + start;
        if (!sb->wide) {
            for (size_t i = 0; i < n; i++)
                if (src[i] >= 256) {
                    widen(sb);
                    break;
                }
        }
        if (!rt_sbuf_reserve(sb, n)) return;
        if (sb->wide)
            memcpy(sb->b16 + sb->len, src, n * 2);
        else
            for (size_t i = 0; i < n; i++) sb->b8[sb->len + i] = (uint8_t)src[i];
    } else {
        const uint8_t *src = v_str(flat)->u.latin1 + start;
        if (!rt_sbuf_reserve(sb, n)) return;
        if (sb->wide)
            for (size_t i = 0; i < n; i++) sb->b16[sb->len + i] = src[i];
        else
            memcpy(sb->b8 + sb->len, src, n);
    }
    sb->len += n;
}

void rt_sbuf_free(RtSBuf *sb) {
    free(sb->b8);
    free(sb->b16);
    memset(sb, 0, sizeof *sb);
}

/* The heap string (or RangeError past the maximum length); frees the buffer. */
Status rt_sbuf_finish(Isolate *iso, RtSBuf *sb, Value *out) {
    if (sb->too_long) {
        rt_sbuf_free(sb);
        return vm_throw_error(iso, E_RANGE, "Invalid string length");
    }
    if (sb->wide)
        *out = str_from_utf16(iso, sb->b16, sb->len);
    else
        *out = str_from_latin1(iso, sb->b8 ? sb->b8 : (const uint8_t *)"", sb->len);
    rt_sbuf_free(sb);
    return MJS_OK;
}

void rt_sbuf_put_code_point(RtSBuf *sb, uint32_t cp) {
    if (cp < 0x10000) {
        rt_sbuf_putc(sb, (uint16_t)cp);
    } else {
        cp -= 0x10000;
        rt_sbuf_putc(sb, (uint16_t)(0xD800 + (cp >> 10)));
        rt_sbuf_putc(sb, (uint16_t)(0xDC00 + (cp & 0x3FF)));
    }
}
