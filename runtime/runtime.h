/* runtime.h: built-in objects and the node-like host (console, process, os, v8, require).
 * rt_init installs everything on a fresh isolate's global object. */
#ifndef MJS_RUNTIME_H
#define MJS_RUNTIME_H

#include "../vm/vm.h"

/* Install every built-in (calls the rt_install_* below in dependency order). */
void rt_init(Isolate *iso);
/* Free the runtime state rt_init hung on iso->runtime (call before vm_isolate_free). */
void rt_free(Isolate *iso);

/* runtime/builtins_object.c, builtins_function.c, builtins_array.c, builtins_json.c,
 * builtins_collections.c, builtins_error.c, builtins_boolean.c, builtins_symbol.c */
void rt_install_object(Isolate *iso);
void rt_install_function(Isolate *iso);
void rt_install_array(Isolate *iso);
void rt_install_json(Isolate *iso);
void rt_install_collections(Isolate *iso); /* Map, Set */
void rt_install_error(Isolate *iso);
void rt_install_boolean(Isolate *iso);
void rt_install_symbol(Isolate *iso);
/* builtins_arraybuffer.c, builtins_dataview.c, builtins_typedarray*.c */
void rt_install_array_buffer(Isolate *iso);
void rt_install_data_view(Isolate *iso);
void rt_install_typed_arrays(Isolate *iso);
/* builtins_object.c: helpers shared by the built-ins.
 * rt_install_ctor: a native constructor `name` on the global object, linked both ways with
 * the prototype in root proto (ctor.prototype fixed, proto.constructor hidden). */
Value rt_install_ctor(Isolate *iso, const char *name, NativeFn fn, int length, RootIndex proto);
/* A value as V8 prints it in error messages (malloc'd UTF-8). callsite false: like
 * NoSideEffectsToString ("#<Foo>", "[object Array]", "abc", "5"); true: like a native call
 * site ("number 5", "string \"x\"", "object", "undefined"). */
char *rt_describe(Isolate *iso, Value v, bool callsite);
/* True when f is the native function implemented by fn (a built-in left unmodified). */
bool rt_is_native(Isolate *iso, Value f, NativeFn fn);
/* TypeError "<v> is not a function" (v rendered by rt_describe). */
Status rt_throw_not_function(Isolate *iso, Value v, bool callsite);
/* builtins_symbol.c: a new symbol (description: a string or V_UNDEF), and a well-known
 * symbol kept in root r (Symbol.toStringTag...), created on first use. */
Value rt_symbol_new(Isolate *iso, Value description);
Value rt_symbol_root(Isolate *iso, RootIndex r, const char *description);
/* builtins_collections.c, for Map/Set iterators: the next live entry at or after *index of
 * *table (following tables rehashed or cleared since). Never allocates; false at the end. */
bool rt_table_next(Value *table, uint32_t *index, Value *key, Value *value);
/* TypeError "Method <method> called on incompatible receiver <v>" unless this_ is of type. */
Status rt_check_receiver(Isolate *iso, Value this_, int type, const char *method) MJS_MUST_CHECK;
/* The identity hash Map/Set use for an object or symbol key: lookup never allocates (false:
 * the object never got one); create assigns one if needed (*k rooted; may allocate). */
bool rt_key_hash_lookup(Isolate *iso, Value k, uint32_t *h);
uint32_t rt_key_hash_create(Isolate *iso, Value *k);
/* builtins_weak.c, builtins_weakref.c: WeakMap, WeakSet; WeakRef, FinalizationRegistry */
void rt_install_weak(Isolate *iso);
void rt_install_weakref(Isolate *iso);

/* builtins_promise.c, builtins_promise_all.c, microtask.c: Promise, AggregateError,
 * queueMicrotask and the microtask queue (drained by rt_run_ticks after the main program, in
 * node's order). A native reaction reads its data from internal slot 1 of argv[-2]. */
void rt_install_promise(Isolate *iso);
enum { RT_PROMISE_PENDING, RT_PROMISE_FULFILLED, RT_PROMISE_REJECTED };
bool rt_is_promise(Value v);
int rt_promise_state(Value promise);
Value rt_promise_result(Value promise);
Value rt_promise_new(Isolate *iso); /* a pending %Promise% */
/* A resolve function's work (a thenable is adopted through a job); no-op once settled. */
void rt_promise_resolve(Isolate *iso, Value promise, Value resolution);
void rt_promise_reject(Isolate *iso, Value promise, Value reason);
/* PromiseResolve(%Promise%, v): v itself when it is a %Promise%, else a promise for it. */
Status rt_promise_from(Isolate *iso, Value v, Value *out) MJS_MUST_CHECK;
/* PerformPromiseThen(promise, on_ok, on_err) with no derived promise (await): each native
 * gets the settled value as argv[0]; an exception it throws is uncaught. */
Status rt_promise_then_native(Isolate *iso, Value promise, NativeFn on_ok, NativeFn on_err,
                              Value data) MJS_MUST_CHECK;
void rt_enqueue_microtask(Isolate *iso, Value fn);
/* Run jobs until the queue is empty; an exception from a job stops it (the rest stay). */
Status rt_run_microtasks(Isolate *iso) MJS_MUST_CHECK;
bool rt_microtasks_pending(Isolate *iso);
/* Report promises still unhandled: process 'unhandledRejection', else throw (as node's
 * default --unhandled-rejections=throw). *emitted: listeners ran (they may queue work). */
Status rt_process_rejections(Isolate *iso, bool *emitted) MJS_MUST_CHECK;

/* runtime/builtins_string.c, builtins_number.c, builtins_math.c, builtins_date.c,
 * builtins_global.c (parseInt, parseFloat, isNaN, isFinite, gc), console.c, inspect.c,
 * process.c, os.c, v8.c, module.c */
void rt_install_string(Isolate *iso);
void rt_install_number(Isolate *iso);
void rt_install_math(Isolate *iso);
void rt_install_date(Isolate *iso);
void rt_install_regexp(Isolate *iso); /* builtins_regexp.c */
void rt_install_global_functions(Isolate *iso);
void rt_install_console(Isolate *iso);
void rt_install_process(Isolate *iso);

/* util.inspect as console.log prints a value (strings at top level unquoted). */
Status rt_inspect(Isolate *iso, Value v, bool top_level_string_raw, Value *out) MJS_MUST_CHECK;
/* console.log semantics: format args (printf-style %s %d %i %f %j %o %O %% on the first) */
Status rt_format_log_args(Isolate *iso, int argc, const Value *argv, Value *out) MJS_MUST_CHECK;

/* Modules (runtime/module.c): run the main file as a CommonJS module. */
Status rt_run_main(Isolate *iso, const char *filename) MJS_MUST_CHECK;
Status rt_require(Isolate *iso, Value from_dirname, Value request, Value *out) MJS_MUST_CHECK;
Value rt_builtin_module(Isolate *iso, const char *name); /* os, v8; V_UNDEF if unknown */

/* async.c: start an async function's generator (its frame suspended at entry): runs the body
 * up to the first await and gives the promise the body will settle. */
Status rt_async_start(Isolate *iso, Value gen, Value *promise_out) MJS_MUST_CHECK;

/* Exit code requested by process.exit (runtime state). */
int rt_exit_code(Isolate *iso);

#endif
