/* builtins_regexp_int.h: shared between the RegExp built-ins (builtins_regexp.c: constructor,
 * exec and accessors; builtins_regexp_sym.c: the Symbol.match/replace/search/split/matchAll
 * protocol) and String.prototype (builtins_string.c). Internal to runtime/.
 */
#ifndef MJS_BUILTINS_REGEXP_INT_H
#define MJS_BUILTINS_REGEXP_INT_H

#include "runtime.h"

/* RegExpExec(R, S): R's own "exec" if it is not the built-in, else the built-in; *out is a
 * match array or null. S must be a string. */
Status rt_regexp_exec(Isolate *iso, Value r, Value s, Value *out) MJS_MUST_CHECK;
/* RegExpCreate(P, F) with the built-in constructor. */
Status rt_regexp_create(Isolate *iso, Value pattern, Value flags, Value *out) MJS_MUST_CHECK;
/* IsRegExp(v): v[Symbol.match] if defined, else whether v is a RegExp object. */
Status rt_is_regexp(Isolate *iso, Value v, bool *out) MJS_MUST_CHECK;
/* AdvanceStringIndex on a flat string. */
double rt_advance_index(Value flat, double index, bool unicode);
/* ToLength. */
Status rt_to_length(Isolate *iso, Value v, double *out) MJS_MUST_CHECK;
/* lastIndex get/set (Set throws when lastIndex is read-only, as with strict [[Set]]). */
Status rt_get_last_index(Isolate *iso, Value r, double *out) MJS_MUST_CHECK;
Status rt_set_last_index(Isolate *iso, Value r, double v) MJS_MUST_CHECK;
/* rx is an unmodified RegExp (initial map, numeric lastIndex, built-in exec and flag getters;
 * with for_species also the built-in constructor and @@species): the spec's [[Get]]s are
 * unobservable, so fast paths may use its flags and program directly. Never throws. */
bool rt_regexp_pristine(Isolate *iso, Value rx, bool for_species);
/* builtins_regexp_sym.c: define RegExp.prototype[@@match ...] and the iterator prototype. */
void rt_install_regexp_symbols(Isolate *iso, Value proto);
/* The well-known symbol in root r (read from the Symbol constructor at install). */
static inline Value rt_wk_symbol(Isolate *iso, RootIndex r) { return ROOT(iso, r); }

#endif
