/* runtime.c: rt_init installs every built-in on a fresh isolate in dependency order and hangs
 * the host's RtState on iso->runtime; rt_free releases it. Also the host's output path:
 * stdout is block-buffered by main.c, and anything written to stderr flushes stdout first so
 * a combined stream keeps program order.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "host_int.h"

Status rt_get_named(Isolate *iso, const Value *objh, const char *name, Value *out) {
    Value key = atom_from_cstr(iso, name);
    return obj_get(iso, *objh, key, out);
}

void rt_def_method(Isolate *iso, Value *objh, const char *name, NativeFn fn, int length) {
    size_t sc = vm_scope_open(iso);
    Value *f = vm_handle(iso, vm_new_native(iso, name, fn, length));
    Value key = atom_from_cstr(iso, name);
    if (obj_define(iso, *objh, key, *f, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
    vm_scope_close(iso, sc);
}

double rt_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void rt_flush(void) {
    fflush(stdout);
    fflush(stderr);
}

void rt_write(Isolate *iso, int fd, const char *s, size_t n) {
    if (fd == 2) {
        fflush(stdout);
        fwrite(s, 1, n, stderr);
        fflush(stderr);
    } else {
        fwrite(s, 1, n, stdout);
    }
}

/* node's console colorMode 'auto': a TTY whose colour depth is above 2 (NO_COLOR,
 * NODE_DISABLE_COLORS, FORCE_COLOR=0 and TERM=dumb bring it down to 1). */
static bool stream_wants_colors(int fd) {
    if (!isatty(fd)) return false;
    const char *force = getenv("FORCE_COLOR");
    if (force && (strcmp(force, "0") == 0 || strcmp(force, "false") == 0)) return false;
    if (force && *force) return true;
    if (getenv("NODE_DISABLE_COLORS") || getenv("NO_COLOR")) return false;
    const char *term = getenv("TERM");
    return !(term && strcmp(term, "dumb") == 0);
}

bool rt_stream_colors(Isolate *iso, int fd) {
    RtState *rs = rt_state(iso);
    return rs && fd >= 1 && fd <= 2 && rs->colors[fd];
}

void rt_print_warning(Isolate *iso, const char *type, const char *msg) {
    RtState *rs = rt_state(iso);
    if (rs->no_warnings) return;
    RtBuf b = {0};
    rt_buf_printf(&b, "(node:%d) %s: %s\n", (int)getpid(), type, msg);
    if (!rs->warned_once) {
        rs->warned_once = true;
        rt_buf_puts(&b, "(Use `minijs --trace-warnings ...` to show where the warning was created)\n");
    }
    rt_write(iso, 2, b.p, b.len);
    rt_buf_free(&b);
}

int rt_exit_code(Isolate *iso) {
    RtState *rs = rt_state(iso);
    if (!rs) return 0;
    if (rs->exit_called) return rs->exit_code;
    Value code = V_UNDEF;
    if (v_is_object(rt_pget(rs->process)) && rt_get_named(iso, (Value *)rs->process, "exitCode", &code) != MJS_OK) {
        (void)vm_take_exception(iso);
        return 1;
    }
    if (v_is_number(code)) return (int)v_num(code);
    return 0;
}

/* Symbol.for(name), or undefined when Symbol is not installed. */
static Value symbol_for(Isolate *iso, const char *name) {
    size_t sc = vm_scope_open(iso);
    Value *sym = vm_handle(iso, V_UNDEF);
    Value *arg = vm_handle(iso, str_from_cstr(iso, name));
    Value *res = vm_handle(iso, V_UNDEF);
    Value key = V_UNDEF;
    if (rt_get_named(iso, &ROOT(iso, R_GLOBAL), "Symbol", sym) != MJS_OK || !v_is_object(*sym) ||
        (key = atom_from_cstr(iso, "for"), vm_invoke(iso, *sym, key, 1, arg, res)) != MJS_OK) {
        if (iso->has_exception) (void)vm_take_exception(iso);
        *res = V_UNDEF;
    }
    Value r = *res;
    vm_scope_close(iso, sc);
    return r;
}

static Value well_known_symbol(Isolate *iso, const char *name) {
    size_t sc = vm_scope_open(iso);
    Value *sym = vm_handle(iso, V_UNDEF);
    Value *res = vm_handle(iso, V_UNDEF);
    if (rt_get_named(iso, &ROOT(iso, R_GLOBAL), "Symbol", sym) != MJS_OK || !v_is_object(*sym) ||
        rt_get_named(iso, sym, name, res) != MJS_OK) {
        if (iso->has_exception) (void)vm_take_exception(iso);
        *res = V_UNDEF;
    }
    Value r = *res;
    vm_scope_close(iso, sc);
    return r;
}

void rt_init(Isolate *iso) {
    RtState *rs = calloc(1, sizeof(RtState));
    if (!rs) abort();
    iso->runtime = rs;
    rs->start_ms = rt_now_ms();
    rs->colors[1] = stream_wants_colors(1);
    rs->colors[2] = stream_wants_colors(2);
    Heap *h = iso->heap;
    rs->process = gc_persistent_new(h, V_UNDEF);
    rs->ticks = gc_persistent_new(h, V_UNDEF);
    rs->listeners = gc_persistent_new(h, V_UNDEF);
    rs->sym_custom = gc_persistent_new(h, V_UNDEF);
    rs->sym_tag = gc_persistent_new(h, V_UNDEF);
    rs->inspect_fn = gc_persistent_new(h, V_UNDEF);
    rs->builtins = gc_persistent_new(h, V_UNDEF);
    rs->main_module = gc_persistent_new(h, V_UNDEF);
    if (iso->options.exec_path) rs->exec_path = strdup(iso->options.exec_path);

    /* Dependency order: prototypes and Function first, then the rest of the language,
     * then the host objects that use them. */
    rt_install_object(iso);
    rt_install_function(iso);
    rt_install_symbol(iso);
    rt_install_error(iso);
    rt_install_array(iso);
    rt_install_boolean(iso);
    rt_install_string(iso);
    rt_install_number(iso);
    rt_install_math(iso);
    rt_install_date(iso);
    rt_install_regexp(iso);
    rt_install_json(iso);
    rt_install_collections(iso);
    rt_install_promise(iso);
    rt_install_weak(iso);
    rt_install_weakref(iso);
    rt_install_array_buffer(iso);
    rt_install_data_view(iso);
    rt_install_typed_arrays(iso);
    rt_install_global_functions(iso);

    *rs->sym_custom = symbol_for(iso, "nodejs.util.inspect.custom");
    *rs->sym_tag = well_known_symbol(iso, "toStringTag");
    *rs->builtins = obj_new(iso);
    if (!v_is_object(ROOT(iso, R_MODULE_CACHE))) ROOT(iso, R_MODULE_CACHE) = obj_new(iso);
    /* util.inspect is needed by custom inspectors even before anyone requires 'util'. */
    {
        size_t sc = vm_scope_open(iso);
        Value *util = vm_handle(iso, rt_builtin_module(iso, "util"));
        Value *fn = vm_handle(iso, V_UNDEF);
        if (rt_get_named(iso, util, "inspect", fn) == MJS_OK) *rs->inspect_fn = *fn;
        else (void)vm_take_exception(iso);
        vm_scope_close(iso, sc);
    }

    rt_install_console(iso);
    rt_install_process(iso);
}

void rt_free(Isolate *iso) {
    RtState *rs = rt_state(iso);
    if (!rs) return;
    Heap *h = iso->heap;
    GcWord *handles[] = {rs->process, rs->ticks, rs->listeners, rs->sym_custom,
                         rs->sym_tag, rs->inspect_fn, rs->builtins, rs->main_module};
    for (size_t i = 0; i < sizeof handles / sizeof handles[0]; i++)
        if (handles[i]) gc_persistent_free(h, handles[i]);
    for (int i = 0; i < rs->count_n; i++) free(rs->counts[i].label);
    for (int i = 0; i < rs->timer_n; i++) free(rs->timers[i].label);
    free(rs->counts);
    free(rs->timers);
    free(rs->exec_path);
    free(rs);
    iso->runtime = NULL;
}
