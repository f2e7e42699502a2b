/* regexp.h: the regular expression engine (pattern compiler + backtracking matcher) and the
 * RegExp object layout, shared by vm/ (regex literals) and runtime/builtins_regexp.c.
 * A compiled program is an int32 array kept in a heap Bytes object (T_BYTES is never scanned
 * and is freed by the GC like any other object, so no finalizer is needed; the matcher never
 * allocates on the heap, so the raw pointer stays valid for a whole match).
 */
#ifndef MJS_REGEXP_H
#define MJS_REGEXP_H

#include "vm.h"

#define RE_FLAG_GLOBAL 0x01
#define RE_FLAG_IGNORECASE 0x02
#define RE_FLAG_MULTILINE 0x04
#define RE_FLAG_DOTALL 0x08
#define RE_FLAG_UNICODE 0x10
#define RE_FLAG_STICKY 0x20
#define RE_FLAG_INDICES 0x40
#define RE_FLAG_UNICODE_SETS 0x80

/* Internal slots of a T_REGEXP object; its one in-object property is lastIndex. */
enum { RE_INT_SOURCE = 0, RE_INT_FLAGS = 1, RE_INT_PROGRAM = 2, RE_INTERNAL_COUNT = 3 };
enum { RE_SLOT_LAST_INDEX = 0 };

/* Flags from code units ("gimsuyd" order-free, each once); -1 if invalid. */
int re_parse_flags(const uint16_t *s, uint32_t n);
/* Compile a pattern of UTF-16 units. On success returns a malloc'd program (*nwords words);
 * on failure NULL with *err set to V8's reason ("Unterminated group"). */
int32_t *re_compile(const uint16_t *pat, uint32_t len, int flags, uint32_t *nwords, const char **err);
/* Match: 1 with caps[0..2*ncaps) filled (-1 = unmatched group), 0 no match, -1 when the
 * backtrack stack would exceed its cap. Tries positions start.. (only start if sticky). */
int re_exec(const int32_t *prog, const uint8_t *s8, const uint16_t *s16, uint32_t len,
            uint32_t start, int32_t *caps);
/* re_exec with the search mode given instead of taken from the sticky flag. */
enum { RE_EXEC_SEARCH, RE_EXEC_STICKY };
int re_exec_mode(const int32_t *prog, const uint8_t *s8, const uint16_t *s16, uint32_t len,
                 uint32_t start, int32_t *caps, int mode);
int re_capture_count(const int32_t *prog); /* including group 0 */
int re_program_flags(const int32_t *prog);
/* Name of capture group i (>= 1), units stored one per int32; NULL when unnamed. */
const int32_t *re_group_name(const int32_t *prog, int i, uint32_t *len);

/* Validate a regex literal (UTF-8 source text): NULL if fine, else the reason. */
const char *vm_regexp_check_literal(const char *pat, size_t len, const char *flags);
/* The compiled program (Bytes) for a flat pattern; SyntaxError "Invalid regular expression:
 * /src/flags: reason" on failure. */
Status vm_regexp_compile(Isolate *iso, Value flat_pattern, int flags, Value *program) MJS_MUST_CHECK;
/* A new RegExp object (prototype RegExp.prototype, lastIndex 0) from pattern and flags
 * strings (flags validated: SyntaxError "Invalid flags supplied to RegExp constructor"). */
Status vm_regexp_new(Isolate *iso, Value pattern, Value flags, Value *out) MJS_MUST_CHECK;
/* Re-initialise an existing RegExp object (RegExp.prototype.compile, the constructor). */
Status vm_regexp_init(Isolate *iso, Value re, Value pattern, Value flags) MJS_MUST_CHECK;
/* A RegExp String Iterator (matchAll): a plain object with prototype proto and internal slots
 * [0] matcher, [1] string, [2] v_int(state bits of runtime/builtins_regexp_sym.c). */
Value vm_regexp_iterator_new(Isolate *iso, Value proto, Value matcher, Value str, int state);
static inline const int32_t *vm_regexp_program(Value re) {
    return (const int32_t *)((Bytes *)v_ptr(*obj_internal(re, RE_INT_PROGRAM)))->data;
}

#endif
