/* module.c: CommonJS as node runs it: module objects, per-module require functions (the
 * module rides in the native's data slot), the cache ROOT(iso, R_MODULE_CACHE) keyed by real
 * path, JSON modules, built-ins (os, v8, util, "node:" too), MODULE_NOT_FOUND errors.
 * GC: module, exports and function values are held in handles across every allocation.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "module_int.h"

/* vm.h: a T_NATIVE_FUNCTION's internal slot 1 is the native's own data. */
#define NATIVE_DATA_SLOT 1

static Status module_require(Isolate *iso, Value *parenth, const char *dirname, Value request, Value *out);

/* ---------------------------------------------------------------- small helpers */

static Status set_named(Isolate *iso, Value *objh, const char *name, Value v, int attrs) {
    size_t sc = vm_scope_open(iso);
    Value *vh = vm_handle(iso, v);
    Value key = atom_from_cstr(iso, name);
    Status st = attrs < 0 ? obj_set(iso, *objh, key, *vh, false) : obj_define(iso, *objh, key, *vh, attrs);
    vm_scope_close(iso, sc);
    return st;
}

static Status set_str(Isolate *iso, Value *objh, const char *name, const char *s) {
    return set_named(iso, objh, name, str_from_cstr(iso, s), P_DEFAULT);
}

static char *get_cwd(void) {
    char *c = getcwd(NULL, 0);
    return c ? c : strdup("/");
}

static bool ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* ---------------------------------------------------------------- built-ins */

Value rt_builtin_module(Isolate *iso, const char *name) {
    RtState *rs = rt_state(iso);
    if (strncmp(name, "node:", 5) == 0) name += 5;
    static const struct {
        const char *name;
        Value (*make)(Isolate *iso);
    } table[] = {{"os", rt_make_os_module}, {"v8", rt_make_v8_module}, {"util", rt_make_util_module}};
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(name, table[i].name) != 0) continue;
        size_t sc = vm_scope_open(iso);
        Value *m = vm_handle(iso, V_UNDEF);
        if (v_is_object(rt_pget(rs->builtins)) && rt_get_named(iso, (Value *)rs->builtins, name, m) != MJS_OK) {
            (void)vm_take_exception(iso);
            *m = V_UNDEF;
        }
        if (!v_is_object(*m)) {
            *m = table[i].make(iso);
            if (v_is_object(rt_pget(rs->builtins)) && set_named(iso, (Value *)rs->builtins, name, *m, P_DEFAULT) != MJS_OK)
                (void)vm_take_exception(iso);
        }
        Value r = *m;
        vm_scope_close(iso, sc);
        return r;
    }
    return V_UNDEF;
}

/* ---------------------------------------------------------------- module objects */

static Value module_new(Isolate *iso, const char *id, const char *filename, const char *dir, Value *parenth) {
    size_t sc = vm_scope_open(iso);
    Value *m = vm_handle(iso, obj_new(iso));
    Value *t = vm_handle(iso, V_UNDEF);
    Status st = set_str(iso, m, "id", id);
    if (st == MJS_OK) st = set_str(iso, m, "path", dir);
    if (st == MJS_OK) st = set_named(iso, m, "exports", obj_new(iso), P_DEFAULT);
    if (st == MJS_OK) st = set_str(iso, m, "filename", filename);
    if (st == MJS_OK) st = set_named(iso, m, "loaded", V_FALSE, P_DEFAULT);
    if (st == MJS_OK) st = set_named(iso, m, "children", array_new(iso, 0), P_DEFAULT);
    if (st == MJS_OK) {
        int n;
        char **paths = rt_node_module_paths(dir, &n);
        *t = array_new(iso, 0);
        for (int i = 0; i < n; i++) {
            Value s = str_from_cstr(iso, paths[i]);
            if (st == MJS_OK) st = array_push(iso, *t, s);
            free(paths[i]);
        }
        free(paths);
        if (st == MJS_OK) st = set_named(iso, m, "paths", *t, P_DEFAULT);
    }
    /* module.parent is not shown by console.log(module) in node 20: non-enumerable. */
    if (st == MJS_OK) st = set_named(iso, m, "parent", parenth ? *parenth : V_UNDEF, P_WRITABLE | P_CONFIGURABLE);
    if (st != MJS_OK) (void)vm_take_exception(iso);
    Value r = *m;
    vm_scope_close(iso, sc);
    return r;
}

/* require.resolve(request) */
static Status require_resolve_fn(Isolate *iso, Value *argv, int argc, Value *ret);
static Status require_fn(Isolate *iso, Value *argv, int argc, Value *ret);

static Value make_require(Isolate *iso, Value *modh) {
    size_t sc = vm_scope_open(iso);
    Value *req = vm_handle(iso, vm_new_native(iso, "require", require_fn, 1));
    vm_store(iso, v_ptr(*req), obj_internal(*req, NATIVE_DATA_SLOT), *modh);
    Value *res = vm_handle(iso, vm_new_native(iso, "resolve", require_resolve_fn, 1));
    vm_store(iso, v_ptr(*res), obj_internal(*res, NATIVE_DATA_SLOT), *modh);
    Status st = set_named(iso, req, "resolve", *res, P_DEFAULT);
    if (st == MJS_OK) st = set_named(iso, req, "main", rt_pget(rt_state(iso)->main_module), P_DEFAULT);
    if (st == MJS_OK) st = set_named(iso, req, "cache", ROOT(iso, R_MODULE_CACHE), P_DEFAULT);
    if (st != MJS_OK) (void)vm_take_exception(iso);
    Value r = *req;
    vm_scope_close(iso, sc);
    return r;
}

/* The directory a module's requests are relative to (malloc'd). */
static char *module_dir(Isolate *iso, Value *modh) {
    Value p = V_UNDEF;
    if (v_is_object(*modh) && rt_get_named(iso, modh, "path", &p) != MJS_OK) (void)vm_take_exception(iso);
    if (v_is_string(p)) {
        RtBuf b = {0};
        rt_buf_put_jsstr(iso, &b, p);
        if (b.p && b.p[0] == '/') return rt_buf_take(&b);
        rt_buf_free(&b);
    }
    return get_cwd();
}

/* ---------------------------------------------------------------- errors */

static Status throw_not_found(Isolate *iso, const char *request, Value *parenth) {
    size_t sc = vm_scope_open(iso);
    Value *stack = vm_handle(iso, array_new(iso, 0));
    Value *cur = vm_handle(iso, parenth ? *parenth : V_UNDEF);
    Value *t = vm_handle(iso, V_UNDEF);
    RtBuf msg = {0};
    rt_buf_printf(&msg, "Cannot find module '%s'", request);
    bool first = true;
    for (int guard = 0; v_is_object(*cur) && guard < 10000; guard++) {
        if (rt_get_named(iso, cur, "filename", t) != MJS_OK) break;
        if (!v_is_string(*t) && rt_get_named(iso, cur, "id", t) != MJS_OK) break;
        if (v_is_string(*t)) {
            rt_buf_puts(&msg, first ? "\nRequire stack:\n- " : "\n- ");
            rt_buf_put_jsstr(iso, &msg, *t);
            first = false;
            if (array_push(iso, *stack, *t) != MJS_OK) break;
        }
        if (rt_get_named(iso, cur, "parent", cur) != MJS_OK) break;
    }
    if (iso->has_exception) (void)vm_take_exception(iso);
    Value *err = vm_handle(iso, vm_make_error(iso, E_ERROR, str_from_utf8(iso, msg.p, msg.len)));
    rt_buf_free(&msg);
    if (set_named(iso, err, "code", str_from_cstr(iso, "MODULE_NOT_FOUND"), P_DEFAULT) != MJS_OK ||
        set_named(iso, err, "requireStack", *stack, P_DEFAULT) != MJS_OK)
        (void)vm_take_exception(iso);
    Status st = vm_throw(iso, *err);
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- loading */

static Status run_js(Isolate *iso, Value *modh, char *src, size_t len, const char *filename) {
    if (len >= 3 && (uint8_t)src[0] == 0xEF && (uint8_t)src[1] == 0xBB && (uint8_t)src[2] == 0xBF) {
        src += 3;
        len -= 3;
    }
    if (len >= 2 && src[0] == '#' && src[1] == '!') src[0] = src[1] = '/'; /* hashbang line */
    size_t sc = vm_scope_open(iso);
    Value *fn = vm_handle(iso, V_UNDEF);
    Value *exports = vm_handle(iso, V_UNDEF);
    Value *req = vm_handle(iso, V_UNDEF);
    Value *fname = vm_handle(iso, V_UNDEF);
    Value *dname = vm_handle(iso, V_UNDEF);
    Value *ret = vm_handle(iso, V_UNDEF);
    char *dir = rt_path_dirname(filename);
    Status st = vm_compile_module(iso, src, len, filename, fn);
    if (st == MJS_OK) {
        *fname = str_from_cstr(iso, filename);
        *dname = str_from_cstr(iso, dir);
        *req = make_require(iso, modh);
        st = rt_get_named(iso, modh, "exports", exports);
    }
    if (st == MJS_OK) {
        Value args[5] = {*exports, *req, *modh, *fname, *dname};
        st = vm_call(iso, *fn, *exports, 5, args, ret);
    }
    free(dir);
    vm_scope_close(iso, sc);
    return st;
}

static Status run_json(Isolate *iso, Value *modh, const char *src, size_t len, const char *filename) {
    if (len >= 3 && (uint8_t)src[0] == 0xEF && (uint8_t)src[1] == 0xBB && (uint8_t)src[2] == 0xBF) {
        src += 3;
        len -= 3;
    }
    size_t sc = vm_scope_open(iso);
    Value *json = vm_handle(iso, V_UNDEF);
    Value *text = vm_handle(iso, str_from_utf8(iso, src, len));
    Value *res = vm_handle(iso, V_UNDEF);
    Status st = rt_get_named(iso, &ROOT(iso, R_GLOBAL), "JSON", json);
    if (st == MJS_OK) {
        Value key = atom_from_cstr(iso, "parse");
        st = vm_invoke(iso, *json, key, 1, text, res);
    }
    if (st == MJS_OK) {
        st = set_named(iso, modh, "exports", *res, -1);
    } else {
        /* node prefixes the message with the file name */
        Value *exc = vm_handle(iso, vm_take_exception(iso));
        Value *msg = vm_handle(iso, V_UNDEF);
        if (v_is_object(*exc) && obj_get(iso, *exc, ATOM(iso, message), msg) == MJS_OK && v_is_string(*msg)) {
            RtBuf b = {0};
            rt_buf_printf(&b, "%s: ", filename);
            rt_buf_put_jsstr(iso, &b, *msg);
            *msg = str_from_utf8(iso, b.p, b.len);
            rt_buf_free(&b);
            if (obj_set(iso, *exc, ATOM(iso, message), *msg, false) != MJS_OK) (void)vm_take_exception(iso);
        }
        if (iso->has_exception) (void)vm_take_exception(iso);
        st = vm_throw(iso, *exc);
    }
    vm_scope_close(iso, sc);
    return st;
}

static Status load_file(Isolate *iso, Value *modh, const char *filename) {
    size_t len;
    char *src = rt_read_file(filename, &len);
    if (!src) return vm_throw_error(iso, E_ERROR, "ENOENT: no such file or directory, open '%s'", filename);
    Status st = ends_with(filename, ".json") ? run_json(iso, modh, src, len, filename)
                                             : run_js(iso, modh, src, len, filename);
    free(src);
    return st;
}

static Status cache_key(Isolate *iso, const char *filename, Value *key) {
    Value s = str_from_cstr(iso, filename);
    return vm_to_key(iso, s, key);
}

/* Add child to parent.children (once). */
static void add_child(Isolate *iso, Value *parenth, Value *childh) {
    if (!parenth || !v_is_object(*parenth)) return;
    size_t sc = vm_scope_open(iso);
    Value *ch = vm_handle(iso, V_UNDEF);
    if (rt_get_named(iso, parenth, "children", ch) == MJS_OK && v_is_array(*ch)) {
        bool found = false;
        for (uint32_t i = 0; i < array_length(*ch) && !found; i++) found = array_get_own(*ch, i) == *childh;
        if (!found && array_push(iso, *ch, *childh) != MJS_OK) (void)vm_take_exception(iso);
    }
    if (iso->has_exception) (void)vm_take_exception(iso);
    vm_scope_close(iso, sc);
}

static Status module_require(Isolate *iso, Value *parenth, const char *dirname, Value request, Value *out) {
    size_t sc = vm_scope_open(iso);
    Value *reqh = vm_handle(iso, request);
    Value *mod = vm_handle(iso, V_UNDEF);
    Value *key = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    RtBuf req = {0};
    char *filename = NULL;
    rt_buf_put_jsstr(iso, &req, *reqh);
    if (!req.p) rt_buf_puts(&req, "");

    Value builtin = rt_builtin_module(iso, req.p);
    if (!v_is_undef(builtin)) {
        *out = builtin;
        goto done;
    }
    if (strncmp(req.p, "node:", 5) == 0) {
        st = vm_throw_error(iso, E_ERROR, "No such built-in module: %s", req.p);
        goto done;
    }
    filename = rt_resolve_filename(dirname, req.p);
    if (!filename) {
        st = throw_not_found(iso, req.p, parenth);
        goto done;
    }
    if ((st = cache_key(iso, filename, key)) != MJS_OK) goto done;
    if ((st = obj_get(iso, ROOT(iso, R_MODULE_CACHE), *key, mod)) != MJS_OK) goto done;
    if (v_is_object(*mod)) {
        add_child(iso, parenth, mod);
        st = rt_get_named(iso, mod, "exports", out);
        goto done;
    }
    {
        char *dir = rt_path_dirname(filename);
        *mod = module_new(iso, filename, filename, dir, parenth);
        free(dir);
    }
    if ((st = obj_set(iso, ROOT(iso, R_MODULE_CACHE), *key, *mod, false)) != MJS_OK) goto done;
    add_child(iso, parenth, mod);
    if ((st = load_file(iso, mod, filename)) != MJS_OK) {
        /* A module that threw is not cached: the next require tries again (as node). */
        Value *exc = vm_handle(iso, vm_take_exception(iso));
        bool deleted;
        if (obj_delete(iso, ROOT(iso, R_MODULE_CACHE), *key, false, &deleted) != MJS_OK) (void)vm_take_exception(iso);
        st = vm_throw(iso, *exc);
        goto done;
    }
    if ((st = set_named(iso, mod, "loaded", V_TRUE, -1)) != MJS_OK) goto done;
    st = rt_get_named(iso, mod, "exports", out);
done:
    free(filename);
    rt_buf_free(&req);
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- natives */

static Status check_id(Isolate *iso, Value *argv, int argc) {
    if (argc < 1 || !v_is_string(argv[0]))
        return vm_throw_error(iso, E_TYPE, "The \"id\" argument must be of type string. Received %s",
                              argc < 1 || v_is_undef(argv[0]) ? "undefined" : "a non-string value");
    if (str_length(argv[0]) == 0)
        return vm_throw_error(iso, E_TYPE, "The argument 'id' must be a non-empty string. Received ''");
    return MJS_OK;
}

static Status require_fn(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_id(iso, argv, argc) != MJS_OK) return MJS_EXC;
    size_t sc = vm_scope_open(iso);
    Value *mod = vm_handle(iso, *obj_internal(argv[-2], NATIVE_DATA_SLOT));
    char *dir = module_dir(iso, mod);
    Status st = module_require(iso, v_is_object(*mod) ? mod : NULL, dir, argv[0], ret);
    free(dir);
    vm_scope_close(iso, sc);
    return st;
}

static Status require_resolve_fn(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_id(iso, argv, argc) != MJS_OK) return MJS_EXC;
    size_t sc = vm_scope_open(iso);
    Value *mod = vm_handle(iso, *obj_internal(argv[-2], NATIVE_DATA_SLOT));
    char *dir = module_dir(iso, mod);
    RtBuf req = {0};
    rt_buf_put_jsstr(iso, &req, argv[0]);
    Status st = MJS_OK;
    if (!v_is_undef(rt_builtin_module(iso, req.p))) {
        *ret = argv[0];
    } else {
        char *f = rt_resolve_filename(dir, req.p);
        if (f) *ret = str_from_cstr(iso, f);
        else st = throw_not_found(iso, req.p, v_is_object(*mod) ? mod : NULL);
        free(f);
    }
    rt_buf_free(&req);
    free(dir);
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- entry points */

Status rt_require(Isolate *iso, Value from_dirname, Value request, Value *out) {
    size_t sc = vm_scope_open(iso);
    Value *req = vm_handle(iso, request);
    RtBuf dir = {0};
    if (v_is_string(from_dirname)) rt_buf_put_jsstr(iso, &dir, from_dirname);
    char *d = dir.p && dir.p[0] == '/' ? rt_buf_take(&dir) : get_cwd();
    rt_buf_free(&dir);
    Status st = module_require(iso, NULL, d, *req, out);
    free(d);
    vm_scope_close(iso, sc);
    return st;
}

Status rt_run_main(Isolate *iso, const char *filename) {
    RtState *rs = rt_state(iso);
    char *cwd = get_cwd();
    char *abs = rt_path_resolve(cwd, filename);
    char *resolved = rt_resolve_filename("/", abs);
    size_t sc = vm_scope_open(iso);
    Value *mod = vm_handle(iso, V_UNDEF);
    Value *key = vm_handle(iso, V_UNDEF);
    Value *null_parent = vm_handle(iso, V_NULL);
    Status st = MJS_OK;
    if (!resolved) {
        st = throw_not_found(iso, abs, NULL);
        goto done;
    }
    {
        char *dir = rt_path_dirname(resolved);
        *mod = module_new(iso, ".", resolved, dir, null_parent);
        free(dir);
    }
    *rs->main_module = *mod;
    if ((st = cache_key(iso, resolved, key)) != MJS_OK) goto done;
    if ((st = obj_set(iso, ROOT(iso, R_MODULE_CACHE), *key, *mod, false)) != MJS_OK) goto done;
    if ((st = load_file(iso, mod, resolved)) != MJS_OK) goto done;
    if ((st = set_named(iso, mod, "loaded", V_TRUE, -1)) != MJS_OK) goto done;
    st = rt_run_ticks(iso);
done:
    vm_scope_close(iso, sc);
    free(resolved);
    free(abs);
    free(cwd);
    return st;
}

/* -e / -p / stdin: the script sees require, module, exports, __filename, __dirname as
 * globals, relative to the working directory (node's [eval] wrapper). */
Status rt_install_script_globals(Isolate *iso, const char *name) {
    char *cwd = get_cwd();
    char *fake = rt_path_resolve(cwd, name);
    size_t sc = vm_scope_open(iso);
    Value *mod = vm_handle(iso, module_new(iso, name, fake, cwd, NULL));
    Value *g = vm_handle(iso, ROOT(iso, R_GLOBAL));
    Value *t = vm_handle(iso, V_UNDEF);
    /* Requests resolve against the working directory. */
    Status st = set_str(iso, mod, "path", ".");
    if (st == MJS_OK) st = set_named(iso, g, "module", *mod, P_HIDDEN);
    if (st == MJS_OK) st = rt_get_named(iso, mod, "exports", t);
    if (st == MJS_OK) st = set_named(iso, g, "exports", *t, P_HIDDEN);
    if (st == MJS_OK) st = set_named(iso, g, "require", make_require(iso, mod), P_HIDDEN);
    if (st == MJS_OK) st = set_named(iso, g, "__filename", str_from_cstr(iso, name), P_HIDDEN);
    if (st == MJS_OK) st = set_named(iso, g, "__dirname", str_from_cstr(iso, "."), P_HIDDEN);
    vm_scope_close(iso, sc);
    free(fake);
    free(cwd);
    return st;
}
