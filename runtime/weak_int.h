/* weak_int.h: what builtins_weak.c (WeakMap, WeakSet and the hash sets under them) shares
 * with builtins_weakref.c (WeakRef, FinalizationRegistry). Internal to runtime/.
 * A weak table is a T_EPHEMERON_TABLE of (key, value) pairs registered with the GC: a pair
 * whose key died reads (V_UNDEF, V_UNDEF); V_HOLE marks a pair never used.
 */
#ifndef MJS_WEAK_INT_H
#define MJS_WEAK_INT_H

#include "runtime.h"

/* A zero-filled (all V_HOLE) table of `pairs` pairs: an ephemeron table registered with the
 * GC when weak, else a plain FixedArray (strong). */
Value rt_weak_table_new(Isolate *iso, uint32_t pairs, bool weak);
/* Store into a pair slot of table t (ephemeron slots skip the remembered set). */
void rt_weak_table_store(Isolate *iso, Value t, Value *slot, Value v);
/* CanBeHeldWeakly: an object, or a symbol not made by Symbol.for. May allocate. */
bool rt_can_be_held_weakly(Isolate *iso, Value v);
/* A hash set of objects/symbols with the WeakSet layout (*owner a T_WEAKSET_OBJ); with a
 * strong table it is the WeakRef kept-alive set. */
Value rt_weak_set_new(Isolate *iso, bool weak);
void rt_weak_set_add(Isolate *iso, Value *owner, Value key);

#endif
