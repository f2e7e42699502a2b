/* text_int.h: helpers shared by the string built-ins (builtins_string.c, builtins_global.c and
 * later RegExp): the RtSBuf string builder (text_buf.c) and character tables (text_unicode.c).
 * Internal to runtime/. Invariant: nothing here holds a heap pointer across an allocation.
 */
#ifndef MJS_TEXT_INT_H
#define MJS_TEXT_INT_H

#include "runtime.h"

/* V8's String::kMaxLength on 64-bit: longer results throw RangeError "Invalid string length". */
#define RT_STRING_MAX_LENGTH ((1u << 29) - 24)

/* A string under construction. Zero-initialise; finish or free it on every path. */
typedef struct RtSBuf {
    uint8_t *b8;
    uint16_t *b16;
    size_t len, cap;
    bool wide;     /* two-byte since a code unit >= 256 arrived */
    bool too_long; /* passed RT_STRING_MAX_LENGTH: appends are dropped, finish throws */
} RtSBuf;

bool rt_sbuf_reserve(RtSBuf *sb, size_t extra); /* false once too long */
void rt_sbuf_putc(RtSBuf *sb, uint16_t c);
void rt_sbuf_put_code_point(RtSBuf *sb, uint32_t cp);
/* Append code units [start, end) of a flat string (reads the heap, never allocates on it). */
void rt_sbuf_put_flat(RtSBuf *sb, Value flat, uint32_t start, uint32_t end);
void rt_sbuf_free(RtSBuf *sb);
/* The heap string, or RangeError "Invalid string length"; frees the buffer either way. */
Status rt_sbuf_finish(Isolate *iso, RtSBuf *sb, Value *out) MJS_MUST_CHECK;

/* JS WhiteSpace or LineTerminator. */
bool rt_is_js_space(uint16_t c);
/* Full case mapping of one code unit: writes up to 3 units to out, returns the count. */
int rt_case_upper(uint16_t c, uint16_t *out);
int rt_case_lower(uint16_t c, uint16_t *out);
/* Does the capital sigma at index i of a flat string end a word (so lowercases to U+03C2)? */
bool rt_case_final_sigma(Value flat, uint32_t i);
/* localeCompare of two flat strings: -1, 0 or 1. */
int rt_collate(Value a, Value b);

#endif
