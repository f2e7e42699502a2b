/* value.h: the one-word JS value (JSC-style NaN-boxing).
 * Why NaN-boxing and not V8's Smi tagging: without a JIT, Smi tagging boxes every
 * non-integer result as a 16-byte HeapNumber, so float code allocates on every operation.
 * Here a double is itself (offset by 2^49), int32s are tagged in the top 16 bits, heap
 * pointers are raw (top 16 bits zero, 8-byte aligned), and the GC's pointer test is one
 * compare. Slots are still 8 bytes, so heap figures (160 MB per 20M-element array) match V8.
 *
 *   0x0000_0000_0000_0000             hole (array hole / empty slot / "no value")
 *   0x0000_0000_0000_0002..0a         null, false, true, undefined (below 16)
 *   0x0000_xxxx_xxxx_xxx0 (>= 16)     heap pointer (8-byte aligned)
 *   0x0002_... .. 0xFFFC_...          double + 2^49 (NaN canonicalised)
 *   0xFFFE_0000_iiii_iiii             int32
 */
#ifndef MJS_VALUE_H
#define MJS_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t Value;

#define V_HOLE ((Value)0x00)
#define V_NULL ((Value)0x02)
#define V_FALSE ((Value)0x06)
#define V_TRUE ((Value)0x07)
#define V_UNDEF ((Value)0x0a)

#define V_DOUBLE_OFFSET 0x0002000000000000ull
#define V_INT_TAG 0xFFFE000000000000ull
#define V_PTR_LIMIT 0x0001000000000000ull

static inline bool v_is_int(Value v) { return (v & V_INT_TAG) == V_INT_TAG; }
static inline bool v_is_number(Value v) { return v >= V_DOUBLE_OFFSET; }
static inline bool v_is_double(Value v) { return v_is_number(v) && !v_is_int(v); }
/* Pointers are aligned, so anything >= 16 with the top 16 bits clear is a pointer. */
static inline bool v_is_ptr(Value v) { return v >= 16 && v < V_PTR_LIMIT; }
static inline bool v_is_undef(Value v) { return v == V_UNDEF; }
static inline bool v_is_null(Value v) { return v == V_NULL; }
static inline bool v_is_nullish(Value v) { return v == V_NULL || v == V_UNDEF; }
static inline bool v_is_bool(Value v) { return (v & ~(Value)1) == V_FALSE; }
static inline bool v_is_hole(Value v) { return v == V_HOLE; }

static inline Value v_int(int32_t i) { return V_INT_TAG | (uint32_t)i; }
static inline int32_t v_int_val(Value v) { return (int32_t)(uint32_t)v; }
static inline Value v_bool(bool b) { return b ? V_TRUE : V_FALSE; }
static inline bool v_bool_val(Value v) { return v == V_TRUE; }

static inline Value v_double(double d) {
    uint64_t bits;
    if (d != d) return 0x7ff8000000000000ull + V_DOUBLE_OFFSET; /* one canonical NaN */
    memcpy(&bits, &d, 8);
    return bits + V_DOUBLE_OFFSET;
}
static inline double v_double_val(Value v) {
    uint64_t bits = v - V_DOUBLE_OFFSET;
    double d;
    memcpy(&d, &bits, 8);
    return d;
}
/* Any number as a double. */
static inline double v_num(Value v) { return v_is_int(v) ? (double)v_int_val(v) : v_double_val(v); }
/* The canonical representation: int32 when exact (and not -0), else double. */
static inline Value v_number(double d) {
    if (d >= -2147483648.0 && d <= 2147483647.0) {
        int32_t i = (int32_t)d;
        if ((double)i == d && !(i == 0 && 1.0 / d < 0)) return v_int(i);
    }
    return v_double(d);
}

static inline void *v_ptr(Value v) { return (void *)(uintptr_t)v; }
static inline Value v_from_ptr(const void *p) { return (Value)(uintptr_t)p; }

#endif
