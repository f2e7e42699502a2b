/* process.c: the process object: argv, env, exit/exitCode, memoryUsage (gc_stats and
 * /proc/self/statm), hrtime, nextTick (a queue drained by rt_run_ticks after the main module),
 * emitWarning, stdout/stderr.write, on/once/emit ('exit', 'uncaughtException').
 * GC: the tick queue and listeners live behind persistent handles in RtState.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "host_int.h"

extern char **environ;

static Status def(Isolate *iso, Value *objh, const char *name, Value v, int attrs) {
    size_t sc = vm_scope_open(iso);
    Value *vh = vm_handle(iso, v);
    Value key = atom_from_cstr(iso, name);
    Status st = obj_define(iso, *objh, key, *vh, attrs);
    vm_scope_close(iso, sc);
    return st;
}

static void def_str(Isolate *iso, Value *objh, const char *name, const char *s) {
    Value v = str_from_cstr(iso, s);
    if (def(iso, objh, name, v, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
}

static void def_num(Isolate *iso, Value *objh, const char *name, double d) {
    if (def(iso, objh, name, v_number(d), P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
}

static Value str_array(Isolate *iso, int argc, char **argv) {
    size_t sc = vm_scope_open(iso);
    Value *arr = vm_handle(iso, array_new(iso, 0));
    for (int i = 0; i < argc; i++) {
        Value s = str_from_cstr(iso, argv[i]);
        if (array_push(iso, *arr, s) != MJS_OK) (void)vm_take_exception(iso);
    }
    Value r = *arr;
    vm_scope_close(iso, sc);
    return r;
}

/* ---------------------------------------------------------------- exit */

void rt_exit_process(Isolate *iso, int code) {
    RtState *rs = rt_state(iso);
    rs->exit_code = code;
    if (!rs->exit_called) {
        rs->exit_called = true;
        bool had;
        if (rt_emit_process_event(iso, "exit", v_int(code), &had) != MJS_OK) {
            Value exc = vm_take_exception(iso);
            vm_report_exception(iso, exc);
            rs->exit_code = 7;
        }
    }
    rt_flush();
    /* Exit without unwinding: no more JS may run (node's process.exit semantics). */
    exit(rs->exit_code);
}

int rt_finish(Isolate *iso, Status st) {
    RtState *rs = rt_state(iso);
    size_t sc = vm_scope_open(iso);
    Value *exc = vm_handle(iso, V_UNDEF);
    int code = 0;
    while (st != MJS_OK) {
        *exc = vm_take_exception(iso);
        bool had = false;
        /* process.on('uncaughtException') handlers take the error and the program goes on. */
        Status hs = rt_emit_process_event(iso, "uncaughtException", *exc, &had);
        if (had && hs == MJS_OK) {
            st = rt_run_ticks(iso);
            continue;
        }
        if (hs != MJS_OK) *exc = vm_take_exception(iso);
        vm_report_exception(iso, *exc);
        code = hs != MJS_OK ? 7 : 1;
        break;
    }
    if (code == 0) code = rt_exit_code(iso);
    if (!rs->exit_called) {
        rs->exit_called = true;
        rs->exit_code = code;
        bool had;
        if (rt_emit_process_event(iso, "exit", v_int(code), &had) != MJS_OK) {
            *exc = vm_take_exception(iso);
            vm_report_exception(iso, *exc);
            rs->exit_code = 7;
        } else if (code == 0) {
            rs->exit_called = false; /* process.exitCode set by an 'exit' listener counts */
            rs->exit_code = rt_exit_code(iso);
            rs->exit_called = true;
        }
        code = rs->exit_code;
    }
    vm_scope_close(iso, sc);
    return code;
}

static Status code_of(Isolate *iso, Value v, int *code) {
    if (v_is_undef(v) || v_is_null(v)) return MJS_OK;
    double d;
    if (v_is_string(v)) d = str_to_number(iso, v);
    else if (v_is_number(v)) d = v_num(v);
    else d = NAN;
    if (isnan(d) || d != floor(d))
        return vm_throw_error(iso, E_RANGE, "The value of \"code\" is out of range. It must be an integer.");
    *code = (int)d;
    return MJS_OK;
}

static Status process_exit(Isolate *iso, Value *argv, int argc, Value *ret) {
    int code = 0;
    Value pc = V_UNDEF;
    if (argc > 0 && !v_is_undef(argv[0])) {
        if (code_of(iso, argv[0], &code) != MJS_OK) return MJS_EXC;
    } else {
        if (rt_get_named(iso, (Value *)rt_state(iso)->process, "exitCode", &pc) != MJS_OK) return MJS_EXC;
        if (code_of(iso, pc, &code) != MJS_OK) return MJS_EXC;
    }
    rt_exit_process(iso, code);
}

/* ---------------------------------------------------------------- events */

static Status listeners_for(Isolate *iso, Value name, bool create, Value *out) {
    RtState *rs = rt_state(iso);
    size_t sc = vm_scope_open(iso);
    Value *nh = vm_handle(iso, name); /* before the first allocation */
    Value *key = vm_handle(iso, V_UNDEF);
    Value *arr = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    *out = V_UNDEF;
    if (!v_is_object(rt_pget(rs->listeners))) {
        if (!create) goto done;
        *rs->listeners = obj_new_with_proto(iso, V_NULL);
    }
    st = vm_to_key(iso, *nh, key);
    if (st == MJS_OK) st = obj_get(iso, rt_pget(rs->listeners), *key, arr);
    if (st == MJS_OK && !v_is_array(*arr) && create) {
        *arr = array_new(iso, 0);
        st = obj_set(iso, rt_pget(rs->listeners), *key, *arr, false);
    }
    if (st == MJS_OK) *out = *arr;
done:
    vm_scope_close(iso, sc);
    return st;
}

static Status process_on(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argc < 2 || !v_is_callable(argv[1]))
        return vm_throw_error(iso, E_TYPE, "The \"listener\" argument must be of type function");
    Value arr;
    if (listeners_for(iso, argv[0], true, &arr) != MJS_OK) return MJS_EXC;
    if (array_push(iso, arr, argv[1]) != MJS_OK) return MJS_EXC;
    *ret = rt_pget(rt_state(iso)->process);
    return MJS_OK;
}

/* vm.h: a T_NATIVE_FUNCTION's internal slot 0 is its index in iso->natives, slot 1 its data. */
#define NATIVE_INDEX_SLOT 0
#define NATIVE_DATA_SLOT 1

static Status once_wrapper(Isolate *iso, Value *argv, int argc, Value *ret);

/* The function a listener entry stands for (a once() wrapper stands for its target). */
static Value listener_target(Isolate *iso, Value f) {
    if (v_is_ptr(f) && v_type(f) == T_NATIVE_FUNCTION) {
        Value idx = *obj_internal(f, NATIVE_INDEX_SLOT);
        if (v_is_int(idx) && v_int_val(idx) < iso->native_count && iso->natives[v_int_val(idx)].fn == once_wrapper) {
            Value data = *obj_internal(f, NATIVE_DATA_SLOT);
            if (v_is_array(data)) return array_get_own(data, 1);
        }
    }
    return f;
}

/* Remove the first listener of event name that is fn (or a once() wrapper of fn). */
static Status remove_listener(Isolate *iso, Value name, Value fn) {
    size_t sc = vm_scope_open(iso);
    Value *nh = vm_handle(iso, name), *fh = vm_handle(iso, fn);
    Value *old = vm_handle(iso, V_UNDEF), *res = vm_handle(iso, V_UNDEF);
    Status st = listeners_for(iso, *nh, false, old);
    if (st == MJS_OK && v_is_array(*old)) {
        *res = array_new(iso, 0);
        bool removed = false;
        for (uint32_t i = 0; i < array_length(*old) && st == MJS_OK; i++) {
            Value f = array_get_own(*old, i);
            if (!removed && (f == *fh || listener_target(iso, f) == *fh)) {
                removed = true;
                continue;
            }
            st = array_push(iso, *res, f);
        }
        Value key;
        if (st == MJS_OK) st = vm_to_key(iso, *nh, &key);
        if (st == MJS_OK) st = obj_set(iso, rt_pget(rt_state(iso)->listeners), key, *res, false);
    }
    vm_scope_close(iso, sc);
    return st;
}

static Status process_off(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = rt_pget(rt_state(iso)->process);
    if (argc < 2) return MJS_OK;
    return remove_listener(iso, argv[0], argv[1]);
}

static Status once_wrapper(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *data = vm_handle(iso, *obj_internal(argv[-2], NATIVE_DATA_SLOT));
    Value *fn = vm_handle(iso, array_get_own(*data, 1));
    Status st = remove_listener(iso, array_get_own(*data, 0), argv[-2]);
    if (st == MJS_OK) st = vm_call(iso, *fn, argv[-1], argc, argv, ret);
    vm_scope_close(iso, sc);
    return st;
}

static Status process_once(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argc < 2 || !v_is_callable(argv[1]))
        return vm_throw_error(iso, E_TYPE, "The \"listener\" argument must be of type function");
    size_t sc = vm_scope_open(iso);
    Value *w = vm_handle(iso, vm_new_native(iso, "bound onceWrapper", once_wrapper, 0));
    Value *data = vm_handle(iso, array_new(iso, 0));
    Status st = array_push(iso, *data, argv[0]);
    if (st == MJS_OK) st = array_push(iso, *data, argv[1]);
    if (st == MJS_OK) {
        vm_store(iso, v_ptr(*w), obj_internal(*w, NATIVE_DATA_SLOT), *data);
        Value arr;
        st = listeners_for(iso, argv[0], true, &arr);
        if (st == MJS_OK) st = array_push(iso, arr, *w);
    }
    vm_scope_close(iso, sc);
    *ret = rt_pget(rt_state(iso)->process);
    return st;
}

Status rt_emit_process_event(Isolate *iso, const char *name, Value arg, bool *had_listeners) {
    size_t sc = vm_scope_open(iso);
    Value *a = vm_handle(iso, arg);
    Value *arr = vm_handle(iso, V_UNDEF);
    Value *n = vm_handle(iso, str_from_cstr(iso, name));
    Value *r = vm_handle(iso, V_UNDEF);
    Status st = listeners_for(iso, *n, false, arr);
    *had_listeners = false;
    if (st == MJS_OK && v_is_array(*arr)) {
        /* Listeners added while emitting wait for the next emit. */
        uint32_t len = array_length(*arr);
        for (uint32_t i = 0; i < len && st == MJS_OK; i++) {
            Value f = array_get_own(*arr, i);
            if (!v_is_callable(f)) continue;
            *had_listeners = true;
            Value args[1] = {*a};
            st = vm_call(iso, f, rt_pget(rt_state(iso)->process), 1, args, r);
        }
    }
    vm_scope_close(iso, sc);
    return st;
}

static Status process_emit(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value arr;
    *ret = V_FALSE;
    if (argc < 1) return MJS_OK;
    if (listeners_for(iso, argv[0], false, &arr) != MJS_OK) return MJS_EXC;
    if (!v_is_array(arr)) return MJS_OK;
    size_t sc = vm_scope_open(iso);
    Value *h = vm_handle(iso, arr);
    Value *r = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    uint32_t len = array_length(*h);
    for (uint32_t i = 0; i < len && st == MJS_OK; i++) {
        Value f = array_get_own(*h, i);
        if (!v_is_callable(f)) continue;
        *ret = V_TRUE;
        st = vm_call(iso, f, rt_pget(rt_state(iso)->process), argc - 1, argv + 1, r);
    }
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- nextTick */

Status rt_next_tick(Isolate *iso, Value fn, int argc, const Value *argv) {
    RtState *rs = rt_state(iso);
    size_t sc = vm_scope_open(iso);
    Value *f = vm_handle(iso, fn);
    /* Root the arguments before the first allocation: argv may be a plain C array. */
    Value **args = malloc(((size_t)argc + 1) * sizeof(Value *));
    if (!args) abort();
    for (int i = 0; i < argc; i++) args[i] = vm_handle(iso, argv[i]);
    Value *entry = vm_handle(iso, array_new(iso, 0));
    Status st = array_push(iso, *entry, *f);
    for (int i = 0; i < argc && st == MJS_OK; i++) st = array_push(iso, *entry, *args[i]);
    free(args);
    if (st == MJS_OK && !v_is_array(rt_pget(rs->ticks))) *rs->ticks = array_new(iso, 0);
    if (st == MJS_OK) st = array_push(iso, rt_pget(rs->ticks), *entry);
    vm_scope_close(iso, sc);
    return st;
}

static Status process_next_tick(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = V_UNDEF;
    if (argc < 1 || !v_is_callable(argv[0]))
        return vm_throw_error(iso, E_TYPE, "The \"callback\" argument must be of type function. Received %s",
                              argc < 1 || v_is_undef(argv[0]) ? "undefined" : "a non-function");
    return rt_next_tick(iso, argv[0], argc - 1, argv + 1);
}

static Status run_tick_queue(Isolate *iso) {
    RtState *rs = rt_state(iso);
    size_t sc = vm_scope_open(iso);
    Value *batch = vm_handle(iso, V_UNDEF);
    Value *entry = vm_handle(iso, V_UNDEF);
    Value *r = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    while (st == MJS_OK && v_is_array(rt_pget(rs->ticks)) && array_length(rt_pget(rs->ticks)) > 0) {
        /* Take the whole queue; ticks queued meanwhile form the next batch, in order. */
        *batch = rt_pget(rs->ticks);
        *rs->ticks = array_new(iso, 0);
        for (uint32_t i = 0; i < array_length(*batch) && st == MJS_OK; i++) {
            *entry = array_get_own(*batch, i);
            uint32_t n = array_length(*entry);
            /* vm_call roots its arguments; the copy is filled right before the call. */
            Value *argv = malloc((n > 1 ? n - 1 : 1) * sizeof(Value));
            if (!argv) abort();
            for (uint32_t k = 1; k < n; k++) argv[k - 1] = array_get_own(*entry, k);
            st = vm_call(iso, array_get_own(*entry, 0), V_UNDEF, (int)(n - 1), argv, r);
            free(argv);
        }
    }
    vm_scope_close(iso, sc);
    return st;
}

/* node's processTicksAndRejections: all ticks, then all microtasks; unhandled rejections
 * are looked at only when both queues are empty, and whatever their listeners queue runs. */
Status rt_run_ticks(Isolate *iso) {
    RtState *rs = rt_state(iso);
    for (;;) {
        if (run_tick_queue(iso) != MJS_OK || rt_run_microtasks(iso) != MJS_OK) return MJS_EXC;
        if (v_is_array(rt_pget(rs->ticks)) && array_length(rt_pget(rs->ticks)) > 0) continue;
        bool more;
        if (rt_process_rejections(iso, &more) != MJS_OK) return MJS_EXC;
        if (more) continue;
        /* Both queues are empty: the job is over. WeakRef targets are released and
         * FinalizationRegistry callbacks run (they may queue more work). */
        if (rt_weak_job_end(iso, &more) != MJS_OK) return MJS_EXC;
        if (!more) return MJS_OK;
    }
}

/* ---------------------------------------------------------------- warnings */

static Status warning_printer(Isolate *iso, Value *argv, int argc, Value *ret) {
    RtBuf type = {0}, msg = {0}, code = {0};
    rt_buf_put_jsstr(iso, &type, argv[0]);
    rt_buf_put_jsstr(iso, &msg, argv[1]);
    if (v_is_string(argv[2])) {
        rt_buf_printf(&code, "[");
        rt_buf_put_jsstr(iso, &code, argv[2]);
        rt_buf_puts(&code, "] ");
    }
    rt_buf_puts(&code, type.p ? type.p : "Warning");
    rt_print_warning(iso, code.p, msg.p ? msg.p : "");
    rt_buf_free(&type);
    rt_buf_free(&msg);
    rt_buf_free(&code);
    *ret = V_UNDEF;
    return MJS_OK;
}

/* process.emitWarning(warning[, type[, code]] | [, options]): printed on the next tick. */
static Status process_emit_warning(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *msg = vm_handle(iso, V_UNDEF), *type = vm_handle(iso, V_UNDEF), *code = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    *ret = V_UNDEF;
    if (argc > 0 && rt_is_error(iso, argv[0])) {
        if ((st = obj_get(iso, argv[0], ATOM(iso, name), type)) != MJS_OK) goto done;
        if ((st = obj_get(iso, argv[0], ATOM(iso, message), msg)) != MJS_OK) goto done;
    } else if (argc > 0 && v_is_string(argv[0])) {
        *msg = argv[0];
    } else {
        st = vm_throw_error(iso, E_TYPE, "The \"warning\" argument must be of type string or an instance of Error");
        goto done;
    }
    if (argc > 1 && v_is_object(argv[1]) && !v_is_callable(argv[1])) {
        if ((st = rt_get_named(iso, &argv[1], "type", type)) != MJS_OK) goto done;
        if ((st = rt_get_named(iso, &argv[1], "code", code)) != MJS_OK) goto done;
    } else {
        if (argc > 1 && v_is_string(argv[1])) *type = argv[1];
        if (argc > 2 && v_is_string(argv[2])) *code = argv[2];
    }
    if (!v_is_string(*type)) *type = str_from_cstr(iso, "Warning");
    if (!v_is_string(*msg) && (st = vm_to_string(iso, *msg, msg)) != MJS_OK) goto done;
    {
        Value *printer = vm_handle(iso, vm_new_native(iso, "emitWarning", warning_printer, 3));
        Value args[3] = {*type, *msg, *code};
        st = rt_next_tick(iso, *printer, 3, args);
    }
done:
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- info */

static Status memory_rss(double *rss) {
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = 0;
        fclose(f);
    }
    *rss = (double)resident * (double)sysconf(_SC_PAGESIZE);
    return MJS_OK;
}

static Status process_memory_usage(Isolate *iso, Value *argv, int argc, Value *ret) {
    GcStats s;
    gc_stats(iso->heap, &s);
    double rss;
    memory_rss(&rss);
    size_t sc = vm_scope_open(iso);
    Value *o = vm_handle(iso, obj_new(iso));
    def_num(iso, o, "rss", rss);
    def_num(iso, o, "heapTotal", (double)s.heap_total);
    def_num(iso, o, "heapUsed", (double)s.heap_used);
    def_num(iso, o, "external", (double)s.external);
    def_num(iso, o, "arrayBuffers", (double)iso->array_buffer_bytes);
    *ret = *o;
    vm_scope_close(iso, sc);
    return MJS_OK;
}

static Status process_memory_rss(Isolate *iso, Value *argv, int argc, Value *ret) {
    double rss;
    memory_rss(&rss);
    *ret = v_number(rss);
    return MJS_OK;
}

static Status process_cwd(Isolate *iso, Value *argv, int argc, Value *ret) {
    char *cwd = getcwd(NULL, 0);
    if (!cwd) return vm_throw_error(iso, E_ERROR, "process.cwd failed: %s", strerror(errno));
    *ret = str_from_cstr(iso, cwd);
    free(cwd);
    return MJS_OK;
}

static Status process_uptime(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = v_number((rt_now_ms() - rt_state(iso)->start_ms) / 1000.0);
    return MJS_OK;
}

static Status process_hrtime(Isolate *iso, Value *argv, int argc, Value *ret) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double sec = (double)ts.tv_sec, nsec = (double)ts.tv_nsec;
    if (argc > 0 && !v_is_undef(argv[0])) {
        if (!v_is_array(argv[0]) || array_length(argv[0]) != 2)
            return vm_throw_error(iso, E_TYPE, "The \"time\" argument must be an instance of Array of length 2");
        Value ps = array_get_own(argv[0], 0), pn = array_get_own(argv[0], 1);
        sec -= v_is_number(ps) ? v_num(ps) : 0;
        nsec -= v_is_number(pn) ? v_num(pn) : 0;
        if (nsec < 0) {
            sec -= 1;
            nsec += 1e9;
        }
    }
    Value items[2] = {v_number(sec), v_number(nsec)};
    *ret = array_from(iso, items, 2);
    return MJS_OK;
}

static Status stream_write(Isolate *iso, Value *argv, int argc, Value *ret, int fd) {
    RtBuf b = {0};
    if (argc > 0) {
        if (v_is_string(argv[0])) {
            rt_buf_put_jsstr(iso, &b, argv[0]);
        } else {
            Value s;
            if (vm_to_string(iso, argv[0], &s) != MJS_OK) return MJS_EXC;
            rt_buf_put_jsstr(iso, &b, s);
        }
    }
    if (b.len) rt_write(iso, fd, b.p, b.len);
    rt_buf_free(&b);
    *ret = V_TRUE;
    return MJS_OK;
}
static Status stdout_write(Isolate *iso, Value *argv, int argc, Value *ret) { return stream_write(iso, argv, argc, ret, 1); }
static Status stderr_write(Isolate *iso, Value *argv, int argc, Value *ret) { return stream_write(iso, argv, argc, ret, 2); }

static Value make_stream(Isolate *iso, int fd) {
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, obj_new(iso));
    vm_def_native(iso, *s, "write", fd == 1 ? stdout_write : stderr_write, 1);
    def_num(iso, s, "fd", fd);
    Value tty = v_bool(isatty(fd));
    if (def(iso, s, "isTTY", tty, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
    Value r = *s;
    vm_scope_close(iso, sc);
    return r;
}

void rt_set_exec_argv(Isolate *iso, const char *argv0, int argc, char **argv) {
    size_t sc = vm_scope_open(iso);
    Value *p = vm_handle(iso, rt_pget(rt_state(iso)->process));
    if (v_is_object(*p) && def(iso, p, "execArgv", str_array(iso, argc, argv), P_DEFAULT) != MJS_OK)
        (void)vm_take_exception(iso);
    if (v_is_object(*p) && argv0) def_str(iso, p, "argv0", argv0);
    vm_scope_close(iso, sc);
}

void rt_install_process(Isolate *iso) {
    RtState *rs = rt_state(iso);
    size_t sc = vm_scope_open(iso);
    Value *p = vm_handle(iso, obj_new(iso));
    *rs->process = *p;

    if (def(iso, p, "argv", str_array(iso, iso->options.argc, iso->options.argv), P_DEFAULT) != MJS_OK ||
        def(iso, p, "execArgv", str_array(iso, 0, NULL), P_DEFAULT) != MJS_OK)
        (void)vm_take_exception(iso);
    def_str(iso, p, "execPath", rs->exec_path ? rs->exec_path : "minijs");
    def_str(iso, p, "argv0", "minijs");
    def_str(iso, p, "title", "minijs");
    def_str(iso, p, "version", "v" MJS_VERSION);
    {
        Value *v = vm_handle(iso, obj_new(iso));
        def_str(iso, v, "minijs", MJS_VERSION);
        def_str(iso, v, "node", MJS_NODE_COMPAT);
        if (def(iso, p, "versions", *v, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
        Value *rel = vm_handle(iso, obj_new(iso));
        def_str(iso, rel, "name", "minijs");
        if (def(iso, p, "release", *rel, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
    }
    def_str(iso, p, "platform", "linux");
    def_str(iso, p, "arch", "x64");
    def_num(iso, p, "pid", getpid());
    def_num(iso, p, "ppid", getppid());
    if (def(iso, p, "exitCode", V_UNDEF, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
    {
        Value *env = vm_handle(iso, obj_new(iso));
        for (char **e = environ; e && *e; e++) {
            const char *eq = strchr(*e, '=');
            if (!eq) continue;
            Value *k = vm_handle(iso, str_from_utf8(iso, *e, (size_t)(eq - *e)));
            Value *val = vm_handle(iso, str_from_cstr(iso, eq + 1));
            Value key;
            if (vm_to_key(iso, *k, &key) != MJS_OK || obj_set(iso, *env, key, *val, false) != MJS_OK)
                (void)vm_take_exception(iso);
        }
        obj_to_dictionary(iso, *env);
        v_jsobj(*env)->map->flags |= MAP_STRING_VALUES;
        if (def(iso, p, "env", *env, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
    }
    {
        Value *mu = vm_handle(iso, vm_def_native(iso, *p, "memoryUsage", process_memory_usage, 0));
        vm_def_native(iso, *mu, "rss", process_memory_rss, 0);
    }
    vm_def_native(iso, *p, "exit", process_exit, 1);
    vm_def_native(iso, *p, "cwd", process_cwd, 0);
    vm_def_native(iso, *p, "uptime", process_uptime, 0);
    vm_def_native(iso, *p, "hrtime", process_hrtime, 1);
    vm_def_native(iso, *p, "nextTick", process_next_tick, 1);
    vm_def_native(iso, *p, "emitWarning", process_emit_warning, 1);
    vm_def_native(iso, *p, "on", process_on, 2);
    vm_def_native(iso, *p, "addListener", process_on, 2);
    vm_def_native(iso, *p, "once", process_once, 2);
    vm_def_native(iso, *p, "off", process_off, 2);
    vm_def_native(iso, *p, "removeListener", process_off, 2);
    vm_def_native(iso, *p, "emit", process_emit, 1);
    {
        Value *s = vm_handle(iso, make_stream(iso, 1));
        if (def(iso, p, "stdout", *s, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
        *s = make_stream(iso, 2);
        if (def(iso, p, "stderr", *s, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
    }
    vm_def_value(iso, ROOT(iso, R_GLOBAL), "process", *p, P_HIDDEN);
    vm_scope_close(iso, sc);
}
