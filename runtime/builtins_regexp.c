/* builtins_regexp.c: the RegExp constructor, RegExp.prototype.exec/test/toString/compile and
 * the flag accessors. Matching is vm/regexp_exec.c; results are built only after the match,
 * so the program and subject are read through raw pointers only while nothing allocates.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../vm/regexp.h"
#include "builtins_regexp_int.h"
#include "host_int.h"
#include "text_int.h"

static inline Value arg(Value *argv, int argc, int i) { return i < argc ? argv[i] : V_UNDEF; }

static bool is_re(Value v) { return v_is_object(v) && v_type(v) == T_REGEXP; }

static Value last_index_key(Isolate *iso) { return atom_from_cstr(iso, "lastIndex"); }

Status rt_to_length(Isolate *iso, Value v, double *out) {
    if (v_is_int(v)) {
        *out = v_int_val(v) < 0 ? 0 : v_int_val(v);
        return MJS_OK;
    }
    double d;
    if (vm_to_integer(iso, v, &d)) return MJS_EXC;
    if (d < 0) d = 0;
    if (d > 9007199254740991.0) d = 9007199254740991.0;
    *out = d;
    return MJS_OK;
}

Status rt_get_last_index(Isolate *iso, Value r, double *out) {
    size_t sc = vm_scope_open(iso);
    Value *h = vm_handle(iso, r), *v = vm_handle(iso, V_UNDEF);
    Value key = last_index_key(iso);
    Status st = obj_get(iso, *h, key, v);
    if (st == MJS_OK) st = rt_to_length(iso, *v, out);
    vm_scope_close(iso, sc);
    return st;
}

Status rt_set_last_index(Isolate *iso, Value r, double v) {
    size_t sc = vm_scope_open(iso);
    Value *h = vm_handle(iso, r);
    Value key = last_index_key(iso);
    Status st = obj_set(iso, *h, key, v_number(v), true);
    vm_scope_close(iso, sc);
    return st;
}

double rt_advance_index(Value flat, double index, bool unicode) {
    uint32_t len = str_length(flat);
    if (!unicode || index + 1 >= len) return index + 1;
    uint16_t c = str_char(flat, (uint32_t)index);
    if (c < 0xD800 || c > 0xDBFF) return index + 1;
    uint16_t d = str_char(flat, (uint32_t)index + 1);
    return (d >= 0xDC00 && d <= 0xDFFF) ? index + 2 : index + 1;
}

Status rt_is_regexp(Isolate *iso, Value v, bool *out) {
    *out = false;
    if (!v_is_object(v)) return MJS_OK;
    size_t sc = vm_scope_open(iso);
    Value *h = vm_handle(iso, v), *m = vm_handle(iso, V_UNDEF);
    Status st = obj_get(iso, *h, ROOT(iso, R_SYMBOL_MATCH), m);
    if (st == MJS_OK) *out = v_is_undef(*m) ? is_re(*h) : vm_to_boolean(*m);
    vm_scope_close(iso, sc);
    return st;
}

Status rt_regexp_create(Isolate *iso, Value pattern, Value flags, Value *out) {
    size_t sc = vm_scope_open(iso);
    Value *p = vm_handle(iso, ATOM(iso, empty)), *f = vm_handle(iso, flags);
    Status st = MJS_OK;
    if (!v_is_undef(pattern)) st = vm_to_string(iso, pattern, p);
    if (st == MJS_OK && !v_is_undef(*f)) st = vm_to_string(iso, *f, f);
    if (st == MJS_OK) st = vm_regexp_new(iso, *p, v_is_undef(*f) ? ATOM(iso, empty) : *f, out);
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- exec */

/* The groups object of a match (null prototype), or undefined without named groups. */
static Value make_groups(Isolate *iso, Value *reh, Value *strh, const int32_t *caps, int ncaps) {
    bool any = false;
    for (int g = 1; g < ncaps && !any; g++) {
        uint32_t n;
        if (re_group_name(vm_regexp_program(*reh), g, &n)) any = true;
    }
    if (!any) return V_UNDEF;
    size_t sc = vm_scope_open(iso);
    Value *obj = vm_handle(iso, obj_new_with_proto(iso, V_NULL));
    Value *key = vm_handle(iso, V_UNDEF), *val = vm_handle(iso, V_UNDEF);
    for (int g = 1; g < ncaps; g++) {
        uint32_t n;
        const int32_t *name = re_group_name(vm_regexp_program(*reh), g, &n);
        if (!name) continue;
        uint16_t *u = malloc(((size_t)n + 1) * 2);
        if (!u) abort();
        for (uint32_t k = 0; k < n; k++) u[k] = (uint16_t)name[k];
        *key = atom_intern(iso, str_from_utf16(iso, u, n));
        free(u);
        *val = caps[2 * g] < 0 ? V_UNDEF
                               : str_substring(iso, *strh, (uint32_t)caps[2 * g], (uint32_t)caps[2 * g + 1]);
        if (obj_define(iso, *obj, *key, *val, P_DEFAULT)) (void)vm_take_exception(iso);
    }
    Value r = *obj;
    vm_scope_close(iso, sc);
    return r;
}

/* The `indices` array of the d flag: [start, end] pairs (undefined for unmatched groups). */
static Value make_indices(Isolate *iso, Value *reh, Value *strh, const int32_t *caps, int ncaps) {
    size_t sc = vm_scope_open(iso);
    Value *arr = vm_handle(iso, array_new(iso, 0)), *pair = vm_handle(iso, V_UNDEF);
    for (int g = 0; g < ncaps; g++) {
        if (caps[2 * g] < 0) {
            *pair = V_UNDEF;
        } else {
            Value two[2] = {v_int(caps[2 * g]), v_int(caps[2 * g + 1])};
            *pair = array_from(iso, two, 2);
        }
        if (array_push(iso, *arr, *pair)) (void)vm_take_exception(iso);
    }
    Value groups_key = atom_from_cstr(iso, "groups");
    Value *gk = vm_handle(iso, groups_key);
    Value *groups = vm_handle(iso, V_UNDEF);
    bool any = false;
    for (int g = 1; g < ncaps && !any; g++) {
        uint32_t n;
        if (re_group_name(vm_regexp_program(*reh), g, &n)) any = true;
    }
    if (any) {
        *groups = obj_new_with_proto(iso, V_NULL);
        Value *key = vm_handle(iso, V_UNDEF), *val = vm_handle(iso, V_UNDEF);
        for (int g = 1; g < ncaps; g++) {
            uint32_t n;
            const int32_t *name = re_group_name(vm_regexp_program(*reh), g, &n);
            if (!name) continue;
            uint16_t *u = malloc(((size_t)n + 1) * 2);
            if (!u) abort();
            for (uint32_t k = 0; k < n; k++) u[k] = (uint16_t)name[k];
            *key = atom_intern(iso, str_from_utf16(iso, u, n));
            free(u);
            *val = array_get_own(*arr, (uint32_t)g);
            if (obj_define(iso, *groups, *key, *val, P_DEFAULT)) (void)vm_take_exception(iso);
        }
    }
    if (obj_define(iso, *arr, *gk, *groups, P_DEFAULT)) (void)vm_take_exception(iso);
    (void)strh;
    Value r = *arr;
    vm_scope_close(iso, sc);
    return r;
}

/* RegExpBuiltinExec(R, S); S a string. */
static Status builtin_exec(Isolate *iso, Value r, Value s, Value *out) {
    size_t sc = vm_scope_open(iso);
    Value *reh = vm_handle(iso, r), *strh = vm_handle(iso, str_flatten(iso, s));
    Value *arr = vm_handle(iso, V_UNDEF), *tmp = vm_handle(iso, V_UNDEF);
    int32_t *caps = NULL;
    double last;
    if (rt_get_last_index(iso, *reh, &last)) goto fail;
    int flags = v_int_val(*obj_internal(*reh, RE_INT_FLAGS));
    bool gy = flags & (RE_FLAG_GLOBAL | RE_FLAG_STICKY);
    if (!gy) last = 0;
    uint32_t len = str_length(*strh);
    int rc = 0;
    const int32_t *prog = vm_regexp_program(*reh);
    int ncaps = re_capture_count(prog);
    caps = malloc(2 * (size_t)ncaps * sizeof *caps);
    if (!caps) abort();
    if (last <= len) {
        JSString *js = v_str(*strh);
        bool two = str_is_two_byte(*strh);
        /* the flags of the program decide stickiness: clear it for non-sticky programs */
        rc = re_exec(prog, two ? NULL : js->u.latin1, two ? js->u.utf16 : NULL, len, (uint32_t)last, caps);
    }
    if (rc < 0) {
        vm_throw_error(iso, E_RANGE, "Maximum call stack size exceeded");
        goto fail;
    }
    if (rc == 0) {
        if (gy && rt_set_last_index(iso, *reh, 0)) goto fail;
        free(caps);
        *out = V_NULL;
        vm_scope_close(iso, sc);
        return MJS_OK;
    }
    if (gy && rt_set_last_index(iso, *reh, caps[1])) goto fail;
    *arr = array_new(iso, 0);
    for (int g = 0; g < ncaps; g++) {
        *tmp = caps[2 * g] < 0 ? V_UNDEF
                               : str_substring(iso, *strh, (uint32_t)caps[2 * g], (uint32_t)caps[2 * g + 1]);
        if (array_push(iso, *arr, *tmp)) goto fail;
    }
    if (obj_define(iso, *arr, ATOM(iso, index), v_int(caps[0]), P_DEFAULT)) goto fail;
    if (obj_define(iso, *arr, ATOM(iso, input), *strh, P_DEFAULT)) goto fail;
    *tmp = make_groups(iso, reh, strh, caps, ncaps);
    Value key = atom_from_cstr(iso, "groups");
    if (obj_define(iso, *arr, key, *tmp, P_DEFAULT)) goto fail;
    if (flags & RE_FLAG_INDICES) {
        *tmp = make_indices(iso, reh, strh, caps, ncaps);
        key = atom_from_cstr(iso, "indices");
        if (obj_define(iso, *arr, key, *tmp, P_DEFAULT)) goto fail;
    }
    free(caps);
    *out = *arr;
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    free(caps);
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

static Status regexp_exec(Isolate *iso, Value *argv, int argc, Value *ret);
static Status regexp_flags(Isolate *iso, Value *argv, int argc, Value *ret);
static Status regexp_ctor(Isolate *iso, Value *argv, int argc, Value *ret);
static Status regexp_species(Isolate *iso, Value *argv, int argc, Value *ret);
static Status get_global(Isolate *iso, Value *argv, int argc, Value *ret);
static Status get_ignore_case(Isolate *iso, Value *argv, int argc, Value *ret);
static Status get_multiline(Isolate *iso, Value *argv, int argc, Value *ret);
static Status get_dot_all(Isolate *iso, Value *argv, int argc, Value *ret);
static Status get_unicode(Isolate *iso, Value *argv, int argc, Value *ret);
static Status get_unicode_sets(Isolate *iso, Value *argv, int argc, Value *ret);
static Status get_sticky(Isolate *iso, Value *argv, int argc, Value *ret);
static Status get_has_indices(Isolate *iso, Value *argv, int argc, Value *ret);

/* Is own property name of obj the built-in fn (a data property, or an accessor's getter)? */
static bool own_is(Isolate *iso, Value obj, const char *name, NativeFn fn, bool getter) {
    PropDesc pd;
    Value key = atom_from_cstr(iso, name);
    if (!obj_get_own(iso, obj, key, &pd)) return false;
    if (getter != ((pd.attrs & P_ACCESSOR) != 0)) return false;
    return rt_is_native(iso, getter ? pd.getter : pd.value, fn);
}

bool rt_regexp_pristine(Isolate *iso, Value rx, bool for_species) {
    if (!is_re(rx) || v_jsobj(rx)->map != v_ptr(ROOT(iso, R_MAP_REGEXP))) return false;
    if (!v_is_number(*obj_slot_ptr(rx, RE_SLOT_LAST_INDEX))) return false;
    Value proto = ROOT(iso, R_REGEXP_PROTO);
    if (v_jsobj(rx)->map->proto != proto) return false;
    static const struct {
        const char *name;
        NativeFn fn;
    } getters[] = {{"flags", regexp_flags},           {"global", get_global},
                   {"ignoreCase", get_ignore_case},   {"multiline", get_multiline},
                   {"dotAll", get_dot_all},           {"unicode", get_unicode},
                   {"unicodeSets", get_unicode_sets}, {"sticky", get_sticky},
                   {"hasIndices", get_has_indices}};
    if (!own_is(iso, proto, "exec", regexp_exec, false)) return false;
    for (size_t i = 0; i < sizeof getters / sizeof getters[0]; i++)
        if (!own_is(iso, proto, getters[i].name, getters[i].fn, true)) return false;
    if (for_species) {
        PropDesc pd;
        if (!obj_get_own(iso, proto, ATOM(iso, constructor), &pd) || (pd.attrs & P_ACCESSOR) ||
            !rt_is_native(iso, pd.value, regexp_ctor))
            return false;
        Value ctor = pd.value, sp = V_UNDEF;
        size_t sc = vm_scope_open(iso);
        Value *h = vm_handle(iso, ctor);
        if (rt_get_named(iso, &ROOT(iso, R_GLOBAL), "Symbol", &sp) || !v_is_object(sp)) {
            if (iso->has_exception) (void)vm_take_exception(iso);
            vm_scope_close(iso, sc);
            return false;
        }
        Value *sym = vm_handle(iso, sp);
        if (rt_get_named(iso, sym, "species", sym)) (void)vm_take_exception(iso);
        bool ok = v_is_symbol(*sym) && obj_get_own(iso, *h, *sym, &pd) && (pd.attrs & P_ACCESSOR) &&
                  rt_is_native(iso, pd.getter, regexp_species);
        vm_scope_close(iso, sc);
        if (!ok) return false;
    }
    return true;
}

Status rt_regexp_exec(Isolate *iso, Value r, Value s, Value *out) {
    size_t sc = vm_scope_open(iso);
    Value *rh = vm_handle(iso, r), *sh = vm_handle(iso, s), *fn = vm_handle(iso, V_UNDEF);
    Value key = atom_from_cstr(iso, "exec");
    Status st = obj_get(iso, *rh, key, fn);
    if (st == MJS_OK) {
        if (v_is_callable(*fn) && !rt_is_native(iso, *fn, regexp_exec)) {
            st = vm_call(iso, *fn, *rh, 1, sh, out);
            if (st == MJS_OK && !v_is_object(*out) && !v_is_null(*out))
                st = vm_throw_error(iso, E_TYPE, "object or null expected");
        } else if (!is_re(*rh)) {
            st = vm_throw_error(iso, E_TYPE, "Method RegExp.prototype.exec called on incompatible receiver");
        } else {
            st = builtin_exec(iso, *rh, *sh, out);
        }
    }
    vm_scope_close(iso, sc);
    return st;
}

static Status regexp_exec(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!is_re(argv[-1])) {
        char *d = rt_describe(iso, argv[-1], false);
        vm_throw_error(iso, E_TYPE, "Method RegExp.prototype.exec called on incompatible receiver %s", d);
        free(d);
        return MJS_EXC;
    }
    if (vm_to_string(iso, arg(argv, argc, 0), &argv[0])) return MJS_EXC;
    return builtin_exec(iso, argv[-1], argv[0], ret);
}

static Status regexp_test(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[-1])) {
        char *d = rt_describe(iso, argv[-1], false);
        vm_throw_error(iso, E_TYPE, "Method RegExp.prototype.test called on incompatible receiver %s", d);
        free(d);
        return MJS_EXC;
    }
    if (vm_to_string(iso, arg(argv, argc, 0), &argv[0])) return MJS_EXC;
    if (rt_regexp_pristine(iso, argv[-1], false)) {
        /* no result array: only the match and lastIndex are observable */
        Value re = argv[-1], str = str_flatten(iso, argv[0]);
        int flags = v_int_val(*obj_internal(re, RE_INT_FLAGS));
        bool gy = flags & (RE_FLAG_GLOBAL | RE_FLAG_STICKY);
        double last = v_num(*obj_slot_ptr(re, RE_SLOT_LAST_INDEX));
        last = !gy || last < 0 ? 0 : trunc(last);
        const int32_t *prog = vm_regexp_program(re);
        int32_t c2[2], *caps = re_capture_count(prog) > 1 ? malloc(2 * (size_t)re_capture_count(prog) * sizeof *caps) : c2;
        if (!caps) abort();
        uint32_t len = str_length(str);
        int rc = 0;
        if (last <= len) {
            JSString *js = v_str(str);
            bool two = str_is_two_byte(str);
            rc = re_exec(prog, two ? NULL : js->u.latin1, two ? js->u.utf16 : NULL, len, (uint32_t)last, caps);
        }
        int32_t end = caps[1];
        if (caps != c2) free(caps);
        if (rc < 0) return vm_throw_error(iso, E_RANGE, "Maximum call stack size exceeded");
        if (gy) vm_store(iso, v_jsobj(argv[-1]), obj_slot_ptr(argv[-1], RE_SLOT_LAST_INDEX), v_int(rc == 1 ? end : 0));
        *ret = v_bool(rc == 1);
        return MJS_OK;
    }
    Value m;
    if (rt_regexp_exec(iso, argv[-1], argv[0], &m)) return MJS_EXC;
    *ret = v_bool(!v_is_null(m));
    return MJS_OK;
}

/* ---------------------------------------------------------------- constructor */

/* [[OriginalFlags]] of a RegExp object as text. */
static Value flags_string(Isolate *iso, Value re) {
    static const char order[] = "dgimsuvy";
    static const int bits[] = {RE_FLAG_INDICES, RE_FLAG_GLOBAL, RE_FLAG_IGNORECASE, RE_FLAG_MULTILINE,
                               RE_FLAG_DOTALL, RE_FLAG_UNICODE, RE_FLAG_UNICODE_SETS, RE_FLAG_STICKY};
    int f = v_int_val(*obj_internal(re, RE_INT_FLAGS));
    char fl[16];
    int k = 0;
    for (int i = 0; i < 8; i++)
        if (f & bits[i]) fl[k++] = order[i];
    fl[k] = 0;
    return str_from_cstr(iso, fl);
}

static Status regexp_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    bool construct = argv[-1] == V_HOLE;
    size_t sc = vm_scope_open(iso);
    Value *pattern = vm_handle(iso, arg(argv, argc, 0)), *flags = vm_handle(iso, arg(argv, argc, 1));
    Value *tmp = vm_handle(iso, V_UNDEF);
    bool is_rx;
    if (rt_is_regexp(iso, *pattern, &is_rx)) goto fail;
    if (!construct && is_rx && v_is_undef(*flags)) {
        if (obj_get(iso, *pattern, ATOM(iso, constructor), tmp)) goto fail;
        if (*tmp == argv[-2]) {
            *ret = *pattern;
            vm_scope_close(iso, sc);
            return MJS_OK;
        }
    }
    if (is_re(*pattern)) {
        if (v_is_undef(*flags)) *flags = flags_string(iso, *pattern);
        *pattern = *obj_internal(*pattern, RE_INT_SOURCE);
    } else if (is_rx) {
        Value key = atom_from_cstr(iso, "source");
        if (obj_get(iso, *pattern, key, tmp)) goto fail;
        if (v_is_undef(*flags)) {
            key = atom_from_cstr(iso, "flags");
            if (obj_get(iso, *pattern, key, flags)) goto fail;
        }
        *pattern = *tmp;
    }
    if (rt_regexp_create(iso, *pattern, *flags, ret)) goto fail;
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* Annex B RegExp.prototype.compile(pattern, flags): re-initialises this in place. */
static Status regexp_compile(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!is_re(argv[-1])) return vm_throw_error(iso, E_TYPE, "Method RegExp.prototype.compile called on incompatible receiver");
    size_t sc = vm_scope_open(iso);
    Value *p = vm_handle(iso, arg(argv, argc, 0)), *f = vm_handle(iso, arg(argv, argc, 1));
    if (is_re(*p)) {
        if (!v_is_undef(*f)) {
            vm_scope_close(iso, sc);
            return vm_throw_error(iso, E_TYPE, "Cannot supply flags when constructing one RegExp from another");
        }
        *f = flags_string(iso, *p);
        *p = *obj_internal(*p, RE_INT_SOURCE);
    } else {
        if (v_is_undef(*p)) *p = ATOM(iso, empty);
        else if (vm_to_string(iso, *p, p)) goto fail;
        if (v_is_undef(*f)) *f = ATOM(iso, empty);
        else if (vm_to_string(iso, *f, f)) goto fail;
    }
    if (vm_regexp_init(iso, argv[-1], *p, *f)) goto fail;
    if (rt_set_last_index(iso, argv[-1], 0)) goto fail;
    *ret = argv[-1];
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- accessors */

/* EscapeRegExpPattern: "/" and line terminators escaped; "" is "(?:)". */
static Status escape_source(Isolate *iso, Value src, Value *out) {
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, str_flatten(iso, src));
    uint32_t n = str_length(*s);
    if (n == 0) {
        vm_scope_close(iso, sc);
        *out = str_from_cstr(iso, "(?:)");
        return MJS_OK;
    }
    RtSBuf sb = {0};
    bool in_class = false;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(*s, i);
        if (c == '\\' && i + 1 < n) {
            rt_sbuf_putc(&sb, c);
            uint16_t d = str_char(*s, ++i);
            if (d == '\n') rt_sbuf_putc(&sb, 'n');
            else if (d == '\r') rt_sbuf_putc(&sb, 'r');
            else if (d == 0x2028 || d == 0x2029) {
                rt_sbuf_putc(&sb, 'u');
                rt_sbuf_putc(&sb, '2');
                rt_sbuf_putc(&sb, '0');
                rt_sbuf_putc(&sb, '2');
                rt_sbuf_putc(&sb, d == 0x2028 ? '8' : '9');
            } else rt_sbuf_putc(&sb, d);
            continue;
        }
        if (c == '[') in_class = true;
        else if (c == ']') in_class = false;
        if (c == '/' && !in_class) {
            rt_sbuf_putc(&sb, '\\');
            rt_sbuf_putc(&sb, '/');
        } else if (c == '\n') {
            rt_sbuf_putc(&sb, '\\');
            rt_sbuf_putc(&sb, 'n');
        } else if (c == '\r') {
            rt_sbuf_putc(&sb, '\\');
            rt_sbuf_putc(&sb, 'r');
        } else if (c == 0x2028 || c == 0x2029) {
            const char *e = c == 0x2028 ? "\\u2028" : "\\u2029";
            for (int k = 0; e[k]; k++) rt_sbuf_putc(&sb, (uint16_t)e[k]);
        } else {
            rt_sbuf_putc(&sb, c);
        }
    }
    vm_scope_close(iso, sc);
    return rt_sbuf_finish(iso, &sb, out);
}

static Status regexp_source(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value t = argv[-1];
    if (!is_re(t)) {
        if (t == ROOT(iso, R_REGEXP_PROTO)) {
            *ret = str_from_cstr(iso, "(?:)");
            return MJS_OK;
        }
        return vm_throw_error(iso, E_TYPE, "RegExp.prototype.source getter called on non-RegExp object");
    }
    return escape_source(iso, *obj_internal(t, RE_INT_SOURCE), ret);
}

static Status flag_getter(Isolate *iso, Value t, int bit, const char *name, Value *ret) {
    if (!is_re(t)) {
        if (t == ROOT(iso, R_REGEXP_PROTO)) {
            *ret = V_UNDEF;
            return MJS_OK;
        }
        return vm_throw_error(iso, E_TYPE, "RegExp.prototype.%s getter called on non-RegExp object", name);
    }
    *ret = v_bool(v_int_val(*obj_internal(t, RE_INT_FLAGS)) & bit);
    return MJS_OK;
}

#define FLAG_GETTER(fn, bit, name)                                                                 \
    static Status fn(Isolate *iso, Value *argv, int argc, Value *ret) {                            \
        return flag_getter(iso, argv[-1], bit, name, ret);                                         \
    }
FLAG_GETTER(get_global, RE_FLAG_GLOBAL, "global")
FLAG_GETTER(get_ignore_case, RE_FLAG_IGNORECASE, "ignoreCase")
FLAG_GETTER(get_multiline, RE_FLAG_MULTILINE, "multiline")
FLAG_GETTER(get_dot_all, RE_FLAG_DOTALL, "dotAll")
FLAG_GETTER(get_unicode, RE_FLAG_UNICODE, "unicode")
FLAG_GETTER(get_unicode_sets, RE_FLAG_UNICODE_SETS, "unicodeSets")
FLAG_GETTER(get_sticky, RE_FLAG_STICKY, "sticky")
FLAG_GETTER(get_has_indices, RE_FLAG_INDICES, "hasIndices")

static Status regexp_flags(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[-1])) {
        char *d = rt_describe(iso, argv[-1], false);
        vm_throw_error(iso, E_TYPE, "RegExp.prototype.flags getter called on non-object %s", d);
        free(d);
        return MJS_EXC;
    }
    static const char *const names[] = {"hasIndices", "global", "ignoreCase", "multiline",
                                        "dotAll",     "unicode", "unicodeSets", "sticky"};
    static const char letters[] = "dgimsuvy";
    char out[16];
    int k = 0;
    size_t sc = vm_scope_open(iso);
    Value *v = vm_handle(iso, V_UNDEF);
    for (int i = 0; i < 8; i++) {
        if (rt_get_named(iso, &argv[-1], names[i], v)) {
            vm_scope_close(iso, sc);
            return MJS_EXC;
        }
        if (vm_to_boolean(*v)) out[k++] = letters[i];
    }
    out[k] = 0;
    vm_scope_close(iso, sc);
    *ret = str_from_cstr(iso, out);
    return MJS_OK;
}

static Status regexp_to_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_object(argv[-1])) {
        char *d = rt_describe(iso, argv[-1], false);
        vm_throw_error(iso, E_TYPE, "Method RegExp.prototype.toString called on incompatible receiver %s", d);
        free(d);
        return MJS_EXC;
    }
    size_t sc = vm_scope_open(iso);
    Value *src = vm_handle(iso, V_UNDEF), *fl = vm_handle(iso, V_UNDEF);
    Value *res = vm_handle(iso, str_from_cstr(iso, "/"));
    if (rt_get_named(iso, &argv[-1], "source", src) || vm_to_string(iso, *src, src) ||
        rt_get_named(iso, &argv[-1], "flags", fl) || vm_to_string(iso, *fl, fl)) {
        vm_scope_close(iso, sc);
        return MJS_EXC;
    }
    *res = str_concat(iso, *res, *src);
    Value slash = str_from_cstr(iso, "/");
    *res = str_concat(iso, *res, slash);
    *res = str_concat(iso, *res, *fl);
    *ret = *res;
    vm_scope_close(iso, sc);
    return MJS_OK;
}

static Status regexp_species(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = argv[-1];
    return MJS_OK;
}

/* ---------------------------------------------------------------- install */

static void def_getter(Isolate *iso, Value *obj, Value key, const char *name, NativeFn fn) {
    size_t sc = vm_scope_open(iso);
    Value *k = vm_handle(iso, key);
    Value *g = vm_handle(iso, vm_new_native(iso, name, fn, 0));
    if (obj_define_accessor(iso, *obj, *k, *g, V_UNDEF, P_CONFIGURABLE)) (void)vm_take_exception(iso);
    vm_scope_close(iso, sc);
}

static void load_symbol(Isolate *iso, Value *ctor, const char *name, RootIndex r) {
    size_t sc = vm_scope_open(iso);
    Value *v = vm_handle(iso, V_UNDEF);
    if (rt_get_named(iso, ctor, name, v)) (void)vm_take_exception(iso);
    ROOT(iso, r) = v_is_symbol(*v) ? *v : vm_symbol_new(iso, V_UNDEF);
    vm_scope_close(iso, sc);
}

void rt_install_regexp(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *sym = vm_handle(iso, V_UNDEF);
    if (rt_get_named(iso, &ROOT(iso, R_GLOBAL), "Symbol", sym)) (void)vm_take_exception(iso);
    load_symbol(iso, sym, "match", R_SYMBOL_MATCH);
    load_symbol(iso, sym, "matchAll", R_SYMBOL_MATCH_ALL);
    load_symbol(iso, sym, "replace", R_SYMBOL_REPLACE);
    load_symbol(iso, sym, "search", R_SYMBOL_SEARCH);
    load_symbol(iso, sym, "split", R_SYMBOL_SPLIT);
    Value *species = vm_handle(iso, V_UNDEF);
    if (rt_get_named(iso, sym, "species", species)) (void)vm_take_exception(iso);

    Value *ctor = vm_handle(iso, rt_install_ctor(iso, "RegExp", regexp_ctor, 2, R_REGEXP_PROTO));
    Value *proto = vm_handle(iso, ROOT(iso, R_REGEXP_PROTO));
    if (v_is_symbol(*species)) def_getter(iso, ctor, *species, "get [Symbol.species]", regexp_species);
    vm_def_native(iso, *proto, "exec", regexp_exec, 1);
    vm_def_native(iso, *proto, "test", regexp_test, 1);
    vm_def_native(iso, *proto, "toString", regexp_to_string, 0);
    vm_def_native(iso, *proto, "compile", regexp_compile, 2);
    static const struct {
        const char *name, *getter;
        NativeFn fn;
    } getters[] = {
        {"dotAll", "get dotAll", get_dot_all},         {"flags", "get flags", regexp_flags},
        {"global", "get global", get_global},          {"hasIndices", "get hasIndices", get_has_indices},
        {"ignoreCase", "get ignoreCase", get_ignore_case}, {"multiline", "get multiline", get_multiline},
        {"source", "get source", regexp_source},       {"sticky", "get sticky", get_sticky},
        {"unicode", "get unicode", get_unicode},       {"unicodeSets", "get unicodeSets", get_unicode_sets},
    };
    for (size_t i = 0; i < sizeof getters / sizeof getters[0]; i++) {
        Value key = atom_from_cstr(iso, getters[i].name);
        def_getter(iso, proto, key, getters[i].getter, getters[i].fn);
    }
    rt_install_regexp_symbols(iso, *proto);
    vm_scope_close(iso, sc);
}
