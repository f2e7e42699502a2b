/* host_int.h: shared internals of the node-like host (runtime.c, console.c, inspect*.c,
 * process.c, os.c, v8.c, util.c, module*.c): the per-isolate RtState, the growable byte
 * buffer used to build output, and inspect options. Internal to runtime/.
 * Invariant: every JS value the host keeps between calls lives in a persistent handle.
 */
#ifndef MJS_HOST_INT_H
#define MJS_HOST_INT_H

#include <stdio.h>

#include "runtime.h"

#define MJS_VERSION "0.1.0"
/* The node release whose behaviour minijs follows (process.versions.node). */
#define MJS_NODE_COMPAT "20.20.2"

/* ---------------------------------------------------------------- byte buffer */

/* A malloc'd, always NUL-terminated UTF-8 buffer. Zero-initialise before use. */
typedef struct RtBuf {
    char *p;
    size_t len, cap;
} RtBuf;

void rt_buf_reserve(RtBuf *b, size_t extra);
void rt_buf_put(RtBuf *b, const char *s, size_t n);
void rt_buf_puts(RtBuf *b, const char *s);
void rt_buf_putc(RtBuf *b, char c);
void rt_buf_printf(RtBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rt_buf_spaces(RtBuf *b, int n);
/* UTF-8 of a JS string; lone surrogates become U+FFFD (as node writes them). */
void rt_buf_put_jsstr(Isolate *iso, RtBuf *b, Value str);
void rt_buf_free(RtBuf *b);
/* Take ownership of the bytes (the buffer is reset). */
char *rt_buf_take(RtBuf *b);
/* Length in UTF-16 code units of UTF-8 text (what JS .length would say). */
size_t rt_utf16_len(const char *s, size_t n);

/* ---------------------------------------------------------------- runtime state */

typedef struct RtLabel {
    char *label;
    double value; /* console.count: the count; console.time: start in ms */
} RtLabel;

typedef struct RtState {
    int exit_code;       /* process.exit(n) */
    bool exit_called;    /* process.exit ran: no more JS */
    bool no_warnings;    /* --no-warnings */
    bool warned_once;    /* the "(Use `minijs --trace-warnings ...`" hint was printed */
    bool colors[3];      /* console output to fd 1 / 2 is coloured (a colour terminal) */
    int group_indent;    /* console.group depth * 2 */
    RtLabel *counts;
    int count_n, count_cap;
    RtLabel *timers;
    int timer_n, timer_cap;
    double start_ms;     /* monotonic time at rt_init (process.uptime, hrtime base) */
    double peak_malloced;/* v8.getHeapStatistics().peak_malloced_memory */
    char *exec_path;     /* absolute path of the minijs binary */
    /* persistent handles */
    GcWord *process;     /* the process object */
    GcWord *ticks;       /* process.nextTick queue: array of [fn, ...args] arrays */
    GcWord *listeners;   /* process.on: event name -> array of listeners */
    GcWord *sym_custom;  /* Symbol.for('nodejs.util.inspect.custom') */
    GcWord *sym_tag;     /* Symbol.toStringTag (or undefined) */
    GcWord *inspect_fn;  /* util.inspect, passed to custom inspectors */
    GcWord *builtins;    /* name -> exports of built-in modules already made */
    GcWord *main_module; /* require.main */
} RtState;

static inline RtState *rt_state(Isolate *iso) { return (RtState *)iso->runtime; }
static inline Value rt_pget(GcWord *h) { return h ? (Value)*h : V_UNDEF; }

/* obj[name] with the key made before *objh is read (atom creation may move objects). */
Status rt_get_named(Isolate *iso, const Value *objh, const char *name, Value *out) MJS_MUST_CHECK;

/* Define an enumerable native method (module exports print like node's). */
void rt_def_method(Isolate *iso, Value *objh, const char *name, NativeFn fn, int length);

/* Monotonic milliseconds. */
double rt_now_ms(void);

/* Write to fd 1 (buffered stdout) or 2 (stderr; stdout is flushed first so a combined
 * stream keeps program order). */
void rt_write(Isolate *iso, int fd, const char *s, size_t n);
void rt_flush(void);

/* process.emitWarning's printing: "(node:PID) [code] Type: msg". */
void rt_print_warning(Isolate *iso, const char *type, const char *msg);

/* inspect_error.c: a native error or an object inheriting from Error.prototype. */
bool rt_is_error(Isolate *iso, Value v);

/* Built-in modules (os.c, v8.c, util.c). */
Value rt_make_os_module(Isolate *iso);
Value rt_make_v8_module(Isolate *iso);
Value rt_make_util_module(Isolate *iso);

/* process.c: process.execArgv; queue a nextTick; rt_run_ticks drains the nextTick queue, the
 * microtasks and the unhandled rejections in node's order (call it after each macrotask);
 * emit a process event. */
void rt_set_exec_argv(Isolate *iso, const char *argv0, int argc, char **argv);
Status rt_next_tick(Isolate *iso, Value fn, int argc, const Value *argv) MJS_MUST_CHECK;
Status rt_run_ticks(Isolate *iso) MJS_MUST_CHECK;
/* builtins_weakref.c: the job ended (rt_run_ticks found no more ticks): WeakRef targets are
 * no longer kept, and due FinalizationRegistry callbacks run; *again when any ran. */
Status rt_weak_job_end(Isolate *iso, bool *again) MJS_MUST_CHECK;
Status rt_emit_process_event(Isolate *iso, const char *name, Value arg, bool *had_listeners) MJS_MUST_CHECK;
/* After the program: uncaught exception handling (listeners, else report), the 'exit'
 * event; returns the process exit code. */
int rt_finish(Isolate *iso, Status st);
/* process.exit: flush, emit 'exit', exit the process. */
void rt_exit_process(Isolate *iso, int code) __attribute__((noreturn));

/* module.c: the globals a script run with -e / -p / stdin sees (require, module, ...). */
Status rt_install_script_globals(Isolate *iso, const char *filename) MJS_MUST_CHECK;

/* ---------------------------------------------------------------- inspect */

#define RT_COMPACT_TRUE (-1)

typedef struct InspectOptions {
    int depth;             /* INT32_MAX for null / Infinity */
    int compact;           /* RT_COMPACT_TRUE, or a count (0 = false) */
    int break_length;      /* INT32_MAX for Infinity */
    int max_array_length;
    int max_string_length;
    bool show_hidden, colors, sorted, getters;
    bool custom_inspect;   /* call value[util.inspect.custom] (console.dir turns it off) */
} InspectOptions;

void rt_inspect_defaults(InspectOptions *o);
/* Read util.inspect's options object (ignores unknown keys, as node). */
Status rt_inspect_read_options(Isolate *iso, Value opts, InspectOptions *o) MJS_MUST_CHECK;
/* util.inspect(v, o) into out. v must be rooted by the caller only until this returns. */
Status rt_inspect_to_buf(Isolate *iso, Value v, const InspectOptions *o, RtBuf *out) MJS_MUST_CHECK;
/* util.format / console.log formatting. argv must be GC-visible slots (native argv or handles).
 * colors: inspect with ANSI colours (console output to a colour terminal). */
Status rt_format_to_buf(Isolate *iso, int argc, const Value *argv, RtBuf *out) MJS_MUST_CHECK;
Status rt_format_to_buf_colors(Isolate *iso, int argc, const Value *argv, bool colors, RtBuf *out) MJS_MUST_CHECK;
/* Does console output to fd (1 or 2) use colours? (a TTY, and NO_COLOR etc. unset, as node) */
bool rt_stream_colors(Isolate *iso, int fd);

/* console.table's text (console_table.c); argv as the native got it. */
Status rt_console_table(Isolate *iso, Value *argv, int argc, bool colors, RtBuf *out) MJS_MUST_CHECK;

/* Node's string escaping (quotes chosen as util.inspect does). */
void rt_str_escape(Isolate *iso, RtBuf *b, Value str, uint32_t start, uint32_t end);
/* Number as util.inspect prints it (-0 as "-0"). */
void rt_put_number(RtBuf *b, double d);

/* host262.c: test262's $262 host object (--script runs). */
void rt_install_host262(Isolate *iso);

#endif
