/* typed_int.h: helpers shared by builtins_arraybuffer.c, builtins_dataview.c and
 * builtins_typedarray*.c (ToIndex, receiver checks, accessor installation). Internal to
 * runtime/. */
#ifndef MJS_TYPED_INT_H
#define MJS_TYPED_INT_H

#include "runtime.h"

/* ToIndex: undefined -> 0; RangeError `msg` (printf with the value as %s) below 0 or above
 * 2^53-1. */
Status rt_to_index(Isolate *iso, Value v, const char *msg, double *out) MJS_MUST_CHECK;
/* TypeError "Method <method> called on incompatible receiver <v>" unless v has type t. */
/* A getter `name` on obj (configurable, not enumerable), as the spec's accessor properties. */
void rt_def_getter(Isolate *iso, Value obj, const char *name, NativeFn fn);
/* obj[Symbol.toStringTag] = tag (configurable only). */
void rt_def_tag(Isolate *iso, Value obj, const char *tag);
/* ctor[Symbol.species]: a getter returning this. */
void rt_def_species(Isolate *iso, Value ctor);
/* Relative index (slice/fill/subarray): ToIntegerOrInfinity, negative from len, clamped. */
Status rt_relative_index(Isolate *iso, Value v, double len, double dflt, double *out) MJS_MUST_CHECK;

/* builtins_typedarray.c: TypeError "this is not a typed array." unless v is one (and an
 * attached one). */
Status rt_ta_check(Isolate *iso, Value v) MJS_MUST_CHECK;
/* TypeError when the view's buffer was detached (user code may do that mid-method). */
Status rt_ta_attached(Isolate *iso, Value v) MJS_MUST_CHECK;
/* A new zeroed typed array of kind k and length n (RangeError past 2^32 elements or when the
 * buffer cannot be allocated). */
Status rt_ta_create(Isolate *iso, TypedKind k, double n, Value *out) MJS_MUST_CHECK;
/* builtins_typedarray_proto.c: the %TypedArray%.prototype methods. */
void rt_install_typed_array_methods(Isolate *iso, Value proto);

#endif
