/* console.c: the console object (node v20 semantics): log/info/debug to stdout, warn/error/
 * trace to stderr, dir, assert, count, time/timeLog/timeEnd, group/groupEnd indentation.
 * Labels for count and time are kept in C (RtState), so they hold no heap references.
 * GC: natives format straight from their argv slots, which the collector updates.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "host_int.h"

/* Write text + "\n" to fd with the console.group indentation on every line. */
static void write_line(Isolate *iso, int fd, const char *s, size_t n) {
    RtState *rs = rt_state(iso);
    RtBuf b = {0};
    if (rs->group_indent > 0) {
        rt_buf_spaces(&b, rs->group_indent);
        for (size_t i = 0; i < n; i++) {
            rt_buf_putc(&b, s[i]);
            if (s[i] == '\n') rt_buf_spaces(&b, rs->group_indent);
        }
    } else {
        rt_buf_put(&b, s, n);
    }
    rt_buf_putc(&b, '\n');
    rt_write(iso, fd, b.p, b.len);
    rt_buf_free(&b);
}

static Status print_args(Isolate *iso, int fd, const Value *argv, int argc, Value *ret) {
    RtBuf b = {0};
    Status st = rt_format_to_buf_colors(iso, argc, argv, rt_stream_colors(iso, fd), &b);
    if (st == MJS_OK) write_line(iso, fd, b.p, b.len);
    rt_buf_free(&b);
    *ret = V_UNDEF;
    return st;
}

static Status console_log(Isolate *iso, Value *argv, int argc, Value *ret) { return print_args(iso, 1, argv, argc, ret); }
static Status console_error(Isolate *iso, Value *argv, int argc, Value *ret) { return print_args(iso, 2, argv, argc, ret); }

static Status console_trace(Isolate *iso, Value *argv, int argc, Value *ret) {
    RtBuf b = {0};
    rt_buf_puts(&b, "Trace");
    RtBuf msg = {0};
    if (rt_format_to_buf_colors(iso, argc, argv, rt_stream_colors(iso, 2), &msg) != MJS_OK) {
        rt_buf_free(&b);
        rt_buf_free(&msg);
        return MJS_EXC;
    }
    if (msg.len) {
        rt_buf_puts(&b, ": ");
        rt_buf_put(&b, msg.p, msg.len);
    }
    rt_buf_free(&msg);
    Value stack = vm_capture_stack(iso, 0);
    if (v_is_string(stack) && str_length(stack)) {
        rt_buf_putc(&b, '\n');
        rt_buf_put_jsstr(iso, &b, stack);
        while (b.len && b.p[b.len - 1] == '\n') b.p[--b.len] = 0;
    }
    write_line(iso, 2, b.p, b.len);
    rt_buf_free(&b);
    *ret = V_UNDEF;
    return MJS_OK;
}

static Status console_dir(Isolate *iso, Value *argv, int argc, Value *ret) {
    InspectOptions o;
    rt_inspect_defaults(&o);
    o.custom_inspect = false;
    o.colors = rt_stream_colors(iso, 1);
    if (argc > 1 && v_is_object(argv[1]) && rt_inspect_read_options(iso, argv[1], &o) != MJS_OK) return MJS_EXC;
    RtBuf b = {0};
    Status st = rt_inspect_to_buf(iso, argc > 0 ? argv[0] : V_UNDEF, &o, &b);
    if (st == MJS_OK) write_line(iso, 1, b.p, b.len);
    rt_buf_free(&b);
    *ret = V_UNDEF;
    return st;
}

static Status console_assert(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = V_UNDEF;
    if (argc > 0 && vm_to_boolean(argv[0])) return MJS_OK;
    if (argc < 2) {
        write_line(iso, 2, "Assertion failed", 16);
        return MJS_OK;
    }
    /* args[0] = `Assertion failed: ${args[0]}`, then warn(...args) formats again. */
    if (v_is_symbol(argv[1])) return vm_throw_error(iso, E_TYPE, "Cannot convert a Symbol value to a string");
    Value s;
    if (vm_to_string(iso, argv[1], &s) != MJS_OK) return MJS_EXC;
    RtBuf b = {0};
    rt_buf_puts(&b, "Assertion failed: ");
    rt_buf_put_jsstr(iso, &b, s);
    argv[1] = str_from_utf8(iso, b.p, b.len);
    rt_buf_free(&b);
    return print_args(iso, 2, argv + 1, argc - 1, ret);
}

/* ---------------------------------------------------------------- labels */

/* The label argument as text ("default" when undefined). */
static Status label_of(Isolate *iso, Value *argv, int argc, RtBuf *out) {
    if (argc < 1 || v_is_undef(argv[0])) {
        rt_buf_puts(out, "default");
        return MJS_OK;
    }
    if (v_is_symbol(argv[0])) return vm_throw_error(iso, E_TYPE, "Cannot convert a Symbol value to a string");
    Value s;
    if (vm_to_string(iso, argv[0], &s) != MJS_OK) return MJS_EXC;
    rt_buf_put_jsstr(iso, out, s);
    if (!out->p) rt_buf_puts(out, "");
    return MJS_OK;
}

static RtLabel *find_label(RtLabel *v, int n, const char *label) {
    for (int i = 0; i < n; i++)
        if (strcmp(v[i].label, label) == 0) return &v[i];
    return NULL;
}

static RtLabel *add_label(RtLabel **v, int *n, int *cap, const char *label, double value) {
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *v = realloc(*v, (size_t)*cap * sizeof(RtLabel));
        if (!*v) abort();
    }
    RtLabel *l = &(*v)[(*n)++];
    l->label = strdup(label);
    l->value = value;
    return l;
}

static void remove_label(RtLabel *v, int *n, RtLabel *l) {
    free(l->label);
    *l = v[--*n];
}

static void warn_fmt(Isolate *iso, const char *fmt, const char *label) {
    RtBuf b = {0};
    rt_buf_printf(&b, fmt, label);
    rt_print_warning(iso, "Warning", b.p);
    rt_buf_free(&b);
}

static Status console_count(Isolate *iso, Value *argv, int argc, Value *ret) {
    RtState *rs = rt_state(iso);
    RtBuf label = {0};
    *ret = V_UNDEF;
    if (label_of(iso, argv, argc, &label) != MJS_OK) return MJS_EXC;
    RtLabel *l = find_label(rs->counts, rs->count_n, label.p);
    if (!l) l = add_label(&rs->counts, &rs->count_n, &rs->count_cap, label.p, 0);
    l->value++;
    rt_buf_printf(&label, ": %.0f", l->value);
    write_line(iso, 1, label.p, label.len);
    rt_buf_free(&label);
    return MJS_OK;
}

static Status console_count_reset(Isolate *iso, Value *argv, int argc, Value *ret) {
    RtState *rs = rt_state(iso);
    RtBuf label = {0};
    *ret = V_UNDEF;
    if (label_of(iso, argv, argc, &label) != MJS_OK) return MJS_EXC;
    RtLabel *l = find_label(rs->counts, rs->count_n, label.p);
    if (l) l->value = 0;
    else warn_fmt(iso, "Count for '%s' does not exist", label.p);
    rt_buf_free(&label);
    return MJS_OK;
}

static Status console_time(Isolate *iso, Value *argv, int argc, Value *ret) {
    RtState *rs = rt_state(iso);
    RtBuf label = {0};
    *ret = V_UNDEF;
    if (label_of(iso, argv, argc, &label) != MJS_OK) return MJS_EXC;
    if (find_label(rs->timers, rs->timer_n, label.p))
        warn_fmt(iso, "Label '%s' already exists for console.time()", label.p);
    else
        add_label(&rs->timers, &rs->timer_n, &rs->timer_cap, label.p, rt_now_ms());
    rt_buf_free(&label);
    return MJS_OK;
}

/* node's formatTime: "1.234ms", "1.500s", "1:02.003 (m:ss.mmm)", "1:02:03.004 (h:mm:ss.mmm)". */
static void format_time(RtBuf *b, double ms) {
    double hours = 0, minutes = 0, seconds = 0;
    if (ms >= 1000) {
        if (ms >= 60000) {
            if (ms >= 3600000) {
                hours = floor(ms / 3600000);
                ms = fmod(ms, 3600000);
            }
            minutes = floor(ms / 60000);
            ms = fmod(ms, 60000);
        }
        seconds = ms / 1000;
    }
    if (hours != 0 || minutes != 0) {
        char sec[64];
        snprintf(sec, sizeof sec, "%.3f", seconds);
        char *dot = strchr(sec, '.');
        *dot = 0;
        const char *frac = dot + 1;
        if (hours != 0)
            rt_buf_printf(b, "%.0f:%02.0f:%02d.%s (h:mm:ss.mmm)", hours, minutes, atoi(sec), frac);
        else
            rt_buf_printf(b, "%.0f:%02d.%s (m:ss.mmm)", minutes, atoi(sec), frac);
        return;
    }
    if (seconds != 0) {
        rt_buf_printf(b, "%.3fs", seconds);
        return;
    }
    /* Number(ms.toFixed(3)): trailing zeros dropped */
    char t[64];
    snprintf(t, sizeof t, "%.3f", ms);
    rt_put_number(b, strtod(t, NULL));
    rt_buf_puts(b, "ms");
}

static Status time_log(Isolate *iso, Value *argv, int argc, Value *ret, bool end) {
    RtState *rs = rt_state(iso);
    RtBuf label = {0};
    *ret = V_UNDEF;
    if (label_of(iso, argv, argc, &label) != MJS_OK) return MJS_EXC;
    RtLabel *l = find_label(rs->timers, rs->timer_n, label.p);
    if (!l) {
        warn_fmt(iso, end ? "No such label '%s' for console.timeEnd()" : "No such label '%s' for console.timeLog()",
                 label.p);
        rt_buf_free(&label);
        return MJS_OK;
    }
    double elapsed = rt_now_ms() - l->value;
    if (end) remove_label(rs->timers, &rs->timer_n, l);
    rt_buf_puts(&label, ": ");
    format_time(&label, elapsed);
    if (!end && argc > 1) {
        /* format('%s: %s', label, time, ...data): the data joined by spaces. */
        InspectOptions o;
        rt_inspect_defaults(&o);
        for (int i = 1; i < argc; i++) {
            rt_buf_putc(&label, ' ');
            if (v_is_string(argv[i])) rt_buf_put_jsstr(iso, &label, argv[i]);
            else if (rt_inspect_to_buf(iso, argv[i], &o, &label) != MJS_OK) {
                rt_buf_free(&label);
                return MJS_EXC;
            }
        }
    }
    write_line(iso, 1, label.p, label.len);
    rt_buf_free(&label);
    return MJS_OK;
}

static Status console_time_end(Isolate *iso, Value *argv, int argc, Value *ret) { return time_log(iso, argv, argc, ret, true); }
static Status console_time_log(Isolate *iso, Value *argv, int argc, Value *ret) { return time_log(iso, argv, argc, ret, false); }

static Status console_table(Isolate *iso, Value *argv, int argc, Value *ret) {
    RtBuf b = {0};
    Status st = rt_console_table(iso, argv, argc, rt_stream_colors(iso, 1), &b);
    if (st == MJS_OK) write_line(iso, 1, b.p ? b.p : "", b.len);
    rt_buf_free(&b);
    *ret = V_UNDEF;
    return st;
}

static Status console_group(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argc > 0 && print_args(iso, 1, argv, argc, ret) != MJS_OK) return MJS_EXC;
    rt_state(iso)->group_indent += 2;
    *ret = V_UNDEF;
    return MJS_OK;
}

static Status console_group_end(Isolate *iso, Value *argv, int argc, Value *ret) {
    RtState *rs = rt_state(iso);
    if (rs->group_indent >= 2) rs->group_indent -= 2;
    *ret = V_UNDEF;
    return MJS_OK;
}

void rt_install_console(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *con = vm_handle(iso, obj_new(iso));
    static const struct {
        const char *name;
        NativeFn fn;
        int length;
    } methods[] = {
        {"log", console_log, 0},           {"info", console_log, 0},
        {"debug", console_log, 0},         {"warn", console_error, 0},
        {"error", console_error, 0},       {"trace", console_trace, 0},
        {"dir", console_dir, 0},           {"assert", console_assert, 0},
        {"count", console_count, 0},       {"countReset", console_count_reset, 0},
        {"time", console_time, 0},         {"timeEnd", console_time_end, 0},
        {"timeLog", console_time_log, 0},  {"group", console_group, 0},
        {"groupCollapsed", console_group, 0}, {"groupEnd", console_group_end, 0},
        {"table", console_table, 1},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        Value *fn = vm_handle(iso, vm_new_native(iso, methods[i].name, methods[i].fn, methods[i].length));
        Value key = atom_from_cstr(iso, methods[i].name);
        /* node's console methods are own enumerable properties */
        if (obj_define(iso, *con, key, *fn, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
    }
    vm_def_value(iso, ROOT(iso, R_GLOBAL), "console", *con, P_HIDDEN);
    vm_scope_close(iso, sc);
}
