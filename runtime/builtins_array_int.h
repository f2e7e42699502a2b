/* builtins_array_int.h: element helpers shared by the Array.prototype files
 * (builtins_array.c, builtins_array_sort.c). Private to runtime/.
 * Invariant: helpers take unrooted Values and root what they keep; callers re-read theirs.
 */
#ifndef MJS_BUILTINS_ARRAY_INT_H
#define MJS_BUILTINS_ARRAY_INT_H

#include <stdio.h>

#include "runtime.h"

#define TRY(e)                                                                                 \
    do {                                                                                       \
        if ((e) != MJS_OK) goto fail;                                                          \
    } while (0)

#define MAX_SAFE_INT 9007199254740991.0
/* Nesting bound for flat()/flatMap() recursion (C stack), like V8's stack limit. */
#define FLAT_MAX_NEST 6262

bool arr_is_dense(Value o);       /* a T_ARRAY with dense (FixedArray) elements */
uint32_t arr_capacity(Value o);   /* length of the elements FixedArray */
Value arr_fast_elem(Value o, double i); /* own plain data element of an array or V_HOLE */
Status arr_index_key(Isolate *iso, double i, Value *key) MJS_MUST_CHECK;
Status arr_length_of(Isolate *iso, Value o, double *len) MJS_MUST_CHECK; /* LengthOfArrayLike */
Status arr_get(Isolate *iso, Value o, double i, Value *out) MJS_MUST_CHECK;
Status arr_has(Isolate *iso, Value o, double i, bool *out) MJS_MUST_CHECK;
Status arr_set(Isolate *iso, Value o, double i, Value v) MJS_MUST_CHECK;    /* Set(.., true) */
Status arr_create(Isolate *iso, Value a, double i, Value v) MJS_MUST_CHECK; /* on a fresh array */
Status arr_delete(Isolate *iso, Value o, double i) MJS_MUST_CHECK;
Status arr_set_length(Isolate *iso, Value o, double len) MJS_MUST_CHECK;
bool arr_movable(Isolate *iso, Value o);
void arr_move(Isolate *iso, Value o, uint32_t to, uint32_t from, uint32_t count);
/* ToObject(this), with V8's "Array.prototype.<method> called on null or undefined". */
Status arr_this(Isolate *iso, Value *argv, const char *method, Value *out) MJS_MUST_CHECK;
Status arr_rel_index(Isolate *iso, Value v, double len, double dflt, double *out) MJS_MUST_CHECK;
Status arr_splice_counts(Isolate *iso, Value *argv, int argc, double len, double *start,
                         double *del) MJS_MUST_CHECK;

/* builtins_array_sort.c */
Status rt_array_sort(Isolate *iso, Value *argv, int argc, Value *ret);
Status rt_array_join(Isolate *iso, Value *argv, int argc, Value *ret);
Status rt_array_to_locale_string(Isolate *iso, Value *argv, int argc, Value *ret);
Status rt_array_to_reversed(Isolate *iso, Value *argv, int argc, Value *ret);
Status rt_array_to_sorted(Isolate *iso, Value *argv, int argc, Value *ret);
Status rt_array_to_spliced(Isolate *iso, Value *argv, int argc, Value *ret);
Status rt_array_with(Isolate *iso, Value *argv, int argc, Value *ret);

#endif
