/* builtins_regexp_sym.c: RegExp.prototype[Symbol.match / matchAll / replace / search / split]
 * and %RegExpStringIteratorPrototype%, following the spec's generic algorithms (they call a
 * user-defined exec and read lastIndex/flags through [[Get]]). Every heap value lives in a
 * handle; strings are built in RtSBuf buffers that hold no heap pointers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../vm/regexp.h"
#include "builtins_regexp_int.h"
#include "host_int.h"
#include "text_int.h"

static inline Value arg(Value *argv, int argc, int i) { return i < argc ? argv[i] : V_UNDEF; }

static Status need_object(Isolate *iso, Value v, const char *method) {
    if (v_is_object(v)) return MJS_OK;
    char *d = rt_describe(iso, v, false);
    vm_throw_error(iso, E_TYPE, "Method RegExp.prototype.%s called on incompatible receiver %s", method, d);
    free(d);
    return MJS_EXC;
}

static Status to_flat(Isolate *iso, Value v, Value *out) {
    if (!v_is_string(v) && vm_to_string(iso, v, out)) return MJS_EXC;
    if (v_is_string(v)) *out = v;
    *out = str_flatten(iso, *out);
    return MJS_OK;
}

/* Does the flags string (ToString(Get(rx, "flags"))) contain c? */
static Status flags_of(Isolate *iso, Value *rx, Value *out) {
    if (rt_get_named(iso, rx, "flags", out)) return MJS_EXC;
    return to_flat(iso, *out, out);
}
static bool has_flag(Value flat, uint16_t c) {
    for (uint32_t i = 0; i < str_length(flat); i++)
        if (str_char(flat, i) == c) return true;
    return false;
}

/* After an empty match: lastIndex = AdvanceStringIndex(S, ToLength(lastIndex), unicode). */
static Status advance_after_empty(Isolate *iso, Value *rx, Value *s, bool unicode) {
    double li;
    if (rt_get_last_index(iso, *rx, &li)) return MJS_EXC;
    return rt_set_last_index(iso, *rx, rt_advance_index(*s, li, unicode));
}

/* ToString(Get(result, "0")) */
static Status match_string(Isolate *iso, Value *result, Value *out) {
    if (obj_get(iso, *result, v_int(0), out)) return MJS_EXC;
    return to_flat(iso, *out, out);
}

/* ---------------------------------------------------------------- @@match */

static Status fast_match_all_strings(Isolate *iso, Value *rx, Value *s, Value *ret);

static Status sym_match(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (need_object(iso, argv[-1], "@@match")) return MJS_EXC;
    if (rt_regexp_pristine(iso, argv[-1], false) &&
        (v_int_val(*obj_internal(argv[-1], RE_INT_FLAGS)) & RE_FLAG_GLOBAL)) {
        size_t sc = vm_scope_open(iso);
        Value *s = vm_handle(iso, V_UNDEF);
        Status st = to_flat(iso, arg(argv, argc, 0), s);
        if (st == MJS_OK && rt_regexp_pristine(iso, argv[-1], false)) {
            st = fast_match_all_strings(iso, &argv[-1], s, ret);
            vm_scope_close(iso, sc);
            return st;
        }
        vm_scope_close(iso, sc);
        if (st) return MJS_EXC;
    }
    size_t sc = vm_scope_open(iso);
    Value *rx = &argv[-1];
    Value *s = vm_handle(iso, V_UNDEF), *fl = vm_handle(iso, V_UNDEF);
    Value *arr = vm_handle(iso, V_UNDEF), *res = vm_handle(iso, V_UNDEF), *m = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, arg(argv, argc, 0), s) || flags_of(iso, rx, fl)) goto fail;
    if (!has_flag(*fl, 'g')) {
        if (rt_regexp_exec(iso, *rx, *s, ret)) goto fail;
        vm_scope_close(iso, sc);
        return MJS_OK;
    }
    bool unicode = has_flag(*fl, 'u') || has_flag(*fl, 'v');
    if (rt_set_last_index(iso, *rx, 0)) goto fail;
    *arr = array_new(iso, 0);
    for (;;) {
        if (rt_regexp_exec(iso, *rx, *s, res)) goto fail;
        if (v_is_null(*res)) break;
        if (match_string(iso, res, m)) goto fail;
        if (array_push(iso, *arr, *m)) goto fail;
        if (str_length(*m) == 0 && advance_after_empty(iso, rx, s, unicode)) goto fail;
    }
    *ret = array_length(*arr) == 0 ? V_NULL : *arr;
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- @@search */

static Status sym_search(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (need_object(iso, argv[-1], "@@search")) return MJS_EXC;
    size_t sc = vm_scope_open(iso);
    Value *rx = &argv[-1];
    Value *s = vm_handle(iso, V_UNDEF), *prev = vm_handle(iso, V_UNDEF), *cur = vm_handle(iso, V_UNDEF);
    Value *res = vm_handle(iso, V_UNDEF);
    Value *key = vm_handle(iso, atom_from_cstr(iso, "lastIndex"));
    if (to_flat(iso, arg(argv, argc, 0), s)) goto fail;
    if (obj_get(iso, *rx, *key, prev)) goto fail;
    if (!vm_same_value(iso, *prev, v_int(0)) && obj_set(iso, *rx, *key, v_int(0), true)) goto fail;
    if (rt_regexp_exec(iso, *rx, *s, res)) goto fail;
    if (obj_get(iso, *rx, *key, cur)) goto fail;
    if (!vm_same_value(iso, *cur, *prev) && obj_set(iso, *rx, *key, *prev, true)) goto fail;
    if (v_is_null(*res)) *ret = v_int(-1);
    else if (obj_get(iso, *res, ATOM(iso, index), ret)) goto fail;
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- @@replace */

/* GetSubstitution: expand $$ $& $` $' $n $nn $<name> of tmpl into sb. captures: JS array
 * of the captures (strings or undefined); named: undefined or an object. */
static Status substitution(Isolate *iso, RtSBuf *sb, Value *matched, Value *str, double position,
                           Value *captures, Value *named, Value *tmpl) {
    size_t sc = vm_scope_open(iso);
    Value *v = vm_handle(iso, V_UNDEF), *name = vm_handle(iso, V_UNDEF);
    uint32_t n = str_length(*tmpl), len = str_length(*str), m = array_length(*captures);
    uint32_t pos = (uint32_t)position, mlen = str_length(*matched);
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(*tmpl, i);
        if (c != '$' || i + 1 >= n) {
            rt_sbuf_putc(sb, c);
            continue;
        }
        uint16_t d = str_char(*tmpl, i + 1);
        if (d == '$') {
            rt_sbuf_putc(sb, '$');
            i++;
        } else if (d == '&') {
            rt_sbuf_put_flat(sb, *matched, 0, mlen);
            i++;
        } else if (d == '`') {
            rt_sbuf_put_flat(sb, *str, 0, pos < len ? pos : len);
            i++;
        } else if (d == '\'') {
            uint32_t tail = pos + mlen;
            if (tail < len) rt_sbuf_put_flat(sb, *str, tail, len);
            i++;
        } else if (d >= '0' && d <= '9') {
            uint32_t k = d - '0', used = 1;
            if (i + 2 < n) {
                uint16_t e = str_char(*tmpl, i + 2);
                if (e >= '0' && e <= '9' && k * 10 + (e - '0') >= 1 && k * 10 + (e - '0') <= m) {
                    k = k * 10 + (e - '0');
                    used = 2;
                }
            }
            if (k < 1 || k > m) {
                rt_sbuf_putc(sb, '$');
                continue;
            }
            *v = array_get_own(*captures, k - 1);
            if (v_is_string(*v)) {
                *v = str_flatten(iso, *v);
                rt_sbuf_put_flat(sb, *v, 0, str_length(*v));
            }
            i += used;
        } else if (d == '<' && !v_is_undef(*named)) {
            uint32_t close = i + 2;
            while (close < n && str_char(*tmpl, close) != '>') close++;
            if (close >= n) {
                rt_sbuf_putc(sb, '$');
                continue;
            }
            *name = str_substring(iso, *tmpl, i + 2, close);
            if (vm_to_key(iso, *name, name) || obj_get(iso, *named, *name, v)) goto fail;
            if (!v_is_undef(*v)) {
                if (to_flat(iso, *v, v)) goto fail;
                rt_sbuf_put_flat(sb, *v, 0, str_length(*v));
            }
            i = close;
        } else {
            rt_sbuf_putc(sb, '$');
        }
    }
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

static Status fast_replace(Isolate *iso, Value *rx, Value *s, Value *repl, bool functional, Value *ret);
static bool has_names(Value re) {
    const int32_t *prog = vm_regexp_program(re);
    uint32_t n;
    for (int g = 1; g < re_capture_count(prog); g++)
        if (re_group_name(prog, g, &n)) return true;
    return false;
}

static Status sym_replace(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (need_object(iso, argv[-1], "@@replace")) return MJS_EXC;
    if (rt_regexp_pristine(iso, argv[-1], false) && !has_names(argv[-1])) {
        size_t sc = vm_scope_open(iso);
        Value *s = vm_handle(iso, V_UNDEF), *repl = vm_handle(iso, arg(argv, argc, 1));
        bool functional = v_is_callable(*repl);
        Status st = to_flat(iso, arg(argv, argc, 0), s);
        if (st == MJS_OK && !functional) st = to_flat(iso, *repl, repl);
        if (st == MJS_OK && rt_regexp_pristine(iso, argv[-1], false)) {
            st = fast_replace(iso, &argv[-1], s, repl, functional, ret);
            vm_scope_close(iso, sc);
            return st;
        }
        vm_scope_close(iso, sc);
        if (st) return MJS_EXC;
    }
    size_t sc = vm_scope_open(iso);
    Value *rx = &argv[-1];
    Value *s = vm_handle(iso, V_UNDEF), *repl = vm_handle(iso, arg(argv, argc, 1));
    Value *fl = vm_handle(iso, V_UNDEF), *results = vm_handle(iso, V_UNDEF);
    Value *res = vm_handle(iso, V_UNDEF), *m = vm_handle(iso, V_UNDEF), *tmp = vm_handle(iso, V_UNDEF);
    Value *caps = vm_handle(iso, V_UNDEF), *named = vm_handle(iso, V_UNDEF);
    Value *fargs = vm_handle(iso, V_UNDEF);
    RtSBuf sb = {0};
    if (to_flat(iso, arg(argv, argc, 0), s)) goto fail;
    bool functional = v_is_callable(*repl);
    if (!functional && to_flat(iso, *repl, repl)) goto fail;
    if (flags_of(iso, rx, fl)) goto fail;
    bool global = has_flag(*fl, 'g'), unicode = has_flag(*fl, 'u') || has_flag(*fl, 'v');
    if (global && rt_set_last_index(iso, *rx, 0)) goto fail;
    *results = array_new(iso, 0);
    for (;;) {
        if (rt_regexp_exec(iso, *rx, *s, res)) goto fail;
        if (v_is_null(*res)) break;
        if (array_push(iso, *results, *res)) goto fail;
        if (!global) break;
        if (match_string(iso, res, m)) goto fail;
        if (str_length(*m) == 0 && advance_after_empty(iso, rx, s, unicode)) goto fail;
    }
    uint32_t len = str_length(*s), next = 0, nres = array_length(*results);
    for (uint32_t r = 0; r < nres; r++) {
        *res = array_get_own(*results, r);
        double ncap, position;
        if (obj_get(iso, *res, ATOM(iso, length), tmp) || rt_to_length(iso, *tmp, &ncap)) goto fail;
        ncap = ncap > 0 ? ncap - 1 : 0;
        if (match_string(iso, res, m)) goto fail;
        if (obj_get(iso, *res, ATOM(iso, index), tmp) || vm_to_integer(iso, *tmp, &position)) goto fail;
        if (position < 0) position = 0;
        if (position > len) position = len;
        *caps = array_new(iso, 0);
        for (double k = 1; k <= ncap; k++) {
            if (obj_get(iso, *res, v_number(k), tmp)) goto fail;
            if (!v_is_undef(*tmp) && to_flat(iso, *tmp, tmp)) goto fail;
            if (array_push(iso, *caps, *tmp)) goto fail;
        }
        Value gkey = atom_from_cstr(iso, "groups");
        if (obj_get(iso, *res, gkey, named)) goto fail;
        if (functional) {
            uint32_t nc = array_length(*caps);
            *fargs = array_new(iso, 0);
            if (array_push(iso, *fargs, *m)) goto fail;
            for (uint32_t k = 0; k < nc; k++)
                if (array_push(iso, *fargs, array_get_own(*caps, k))) goto fail;
            if (array_push(iso, *fargs, v_number(position)) || array_push(iso, *fargs, *s)) goto fail;
            if (!v_is_undef(*named) && array_push(iso, *fargs, *named)) goto fail;
            uint32_t na = array_length(*fargs);
            Value *av = malloc(((size_t)na + 1) * sizeof *av);
            if (!av) abort();
            size_t sc2 = vm_scope_open(iso);
            for (uint32_t k = 0; k < na; k++) av[k] = array_get_own(*fargs, k);
            /* av is copied from a rooted array and vm_call roots its arguments at once */
            Status st = vm_call(iso, *repl, V_UNDEF, (int)na, av, tmp);
            vm_scope_close(iso, sc2);
            free(av);
            if (st || to_flat(iso, *tmp, tmp)) goto fail;
        } else {
            if (!v_is_undef(*named) && vm_to_object(iso, *named, named)) goto fail;
        }
        if (position >= next) {
            rt_sbuf_put_flat(&sb, *s, next, (uint32_t)position);
            if (functional) rt_sbuf_put_flat(&sb, *tmp, 0, str_length(*tmp));
            else if (substitution(iso, &sb, m, s, position, caps, named, repl)) goto fail;
            next = (uint32_t)position + str_length(*m);
        }
    }
    if (next < len) rt_sbuf_put_flat(&sb, *s, next, len);
    Status st = rt_sbuf_finish(iso, &sb, ret);
    vm_scope_close(iso, sc);
    return st;
fail:
    rt_sbuf_free(&sb);
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- species */

static Status species_ctor(Isolate *iso, Value *rx, Value *out) {
    size_t sc = vm_scope_open(iso);
    Value *c = vm_handle(iso, V_UNDEF), *sp = vm_handle(iso, V_UNDEF);
    Value *def = vm_handle(iso, V_UNDEF);
    if (rt_get_named(iso, &ROOT(iso, R_GLOBAL), "RegExp", def)) goto fail;
    if (obj_get(iso, *rx, ATOM(iso, constructor), c)) goto fail;
    if (v_is_undef(*c)) {
        *out = *def;
    } else {
        if (!v_is_object(*c)) {
            vm_throw_error(iso, E_TYPE, "object.constructor is not an object");
            goto fail;
        }
        Value species = V_UNDEF;
        Value *sym = vm_handle(iso, V_UNDEF);
        if (rt_get_named(iso, &ROOT(iso, R_GLOBAL), "Symbol", sym)) goto fail;
        if (rt_get_named(iso, sym, "species", sym)) goto fail;
        species = *sym;
        if (v_is_symbol(species) && obj_get(iso, *c, species, sp)) goto fail;
        if (v_is_nullish(*sp)) *out = *def;
        else if (v_is_callable(*sp)) *out = *sp;
        else {
            vm_throw_error(iso, E_TYPE, "object.constructor[Symbol.species] is not a constructor");
            goto fail;
        }
    }
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- @@split */

/* Matches of an unmodified regexp on flat *s from start: the engine on the string content. */
static int exec_flat(Value re, Value s, uint32_t start, int32_t *caps, int mode) {
    JSString *js = v_str(s);
    bool two = str_is_two_byte(s);
    return re_exec_mode(vm_regexp_program(re), two ? NULL : js->u.latin1, two ? js->u.utf16 : NULL,
                        str_length(s), start, caps, mode);
}

static int32_t *caps_alloc(Value re) {
    int32_t *caps = malloc(2 * (size_t)re_capture_count(vm_regexp_program(re)) * sizeof *caps);
    if (!caps) abort();
    return caps;
}

/* @@split of an unmodified regexp: the splitter the spec constructs would be an unobservable
 * sticky copy, so search forward with the original program instead of trying each index. */
static Status fast_split(Isolate *iso, Value *rx, Value *s, uint32_t lim, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *arr = vm_handle(iso, array_new(iso, 0)), *tmp = vm_handle(iso, V_UNDEF);
    int32_t *caps = caps_alloc(*rx);
    int ncaps = re_capture_count(vm_regexp_program(*rx));
    bool unicode = v_int_val(*obj_internal(*rx, RE_INT_FLAGS)) & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS);
    uint32_t size = str_length(*s), p = 0, q = 0;
    if (lim == 0) goto done;
    if (size == 0) {
        int r = exec_flat(*rx, *s, 0, caps, RE_EXEC_STICKY);
        if (r < 0) goto overflow;
        if (r == 0 && array_push(iso, *arr, *s)) goto fail;
        goto done;
    }
    while (q < size) {
        int r = exec_flat(*rx, *s, q, caps, RE_EXEC_SEARCH);
        if (r < 0) goto overflow;
        if (r == 0 || (uint32_t)caps[0] >= size) break;
        q = (uint32_t)caps[0];
        uint32_t e = (uint32_t)caps[1] < size ? (uint32_t)caps[1] : size;
        if (e == p) {
            q = (uint32_t)rt_advance_index(*s, q, unicode);
            continue;
        }
        *tmp = str_substring(iso, *s, p, q);
        if (array_push(iso, *arr, *tmp)) goto fail;
        if (array_length(*arr) == lim) goto done;
        p = e;
        for (int g = 1; g < ncaps; g++) {
            *tmp = caps[2 * g] < 0 ? V_UNDEF : str_substring(iso, *s, (uint32_t)caps[2 * g], (uint32_t)caps[2 * g + 1]);
            if (array_push(iso, *arr, *tmp)) goto fail;
            if (array_length(*arr) == lim) goto done;
        }
        q = p;
    }
    *tmp = str_substring(iso, *s, p, size);
    if (array_push(iso, *arr, *tmp)) goto fail;
done:
    free(caps);
    *ret = *arr;
    vm_scope_close(iso, sc);
    return MJS_OK;
overflow:
    vm_throw_error(iso, E_RANGE, "Maximum call stack size exceeded");
fail:
    free(caps);
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* @@replace of an unmodified regexp without named groups: matches are collected as capture
 * offsets first (the spec also runs every exec before the first replacer call). */
static Status fast_replace(Isolate *iso, Value *rx, Value *s, Value *repl, bool functional, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *m = vm_handle(iso, V_UNDEF), *caps_arr = vm_handle(iso, V_UNDEF), *tmp = vm_handle(iso, V_UNDEF);
    Value *named = vm_handle(iso, V_UNDEF);
    int flags = v_int_val(*obj_internal(*rx, RE_INT_FLAGS));
    bool global = flags & RE_FLAG_GLOBAL, sticky = flags & RE_FLAG_STICKY;
    bool unicode = flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS);
    int ncaps = re_capture_count(vm_regexp_program(*rx));
    int32_t *caps = caps_alloc(*rx), *all = NULL;
    size_t nm = 0, cap = 0;
    uint32_t len = str_length(*s);
    RtSBuf sb = {0};
    double start = 0;
    if (!global && sticky) {
        start = v_num(*obj_slot_ptr(*rx, RE_SLOT_LAST_INDEX));
        start = start < 0 ? 0 : trunc(start);
    }
    for (;;) {
        int r = start <= len ? exec_flat(*rx, *s, (uint32_t)start, caps, sticky ? RE_EXEC_STICKY : RE_EXEC_SEARCH) : 0;
        if (r < 0) {
            vm_throw_error(iso, E_RANGE, "Maximum call stack size exceeded");
            goto fail;
        }
        if (r == 0) break;
        if (nm == cap) {
            cap = cap ? cap * 2 : 8;
            all = realloc(all, cap * 2 * (size_t)ncaps * sizeof *all);
            if (!all) abort();
        }
        memcpy(all + nm * 2 * (size_t)ncaps, caps, 2 * (size_t)ncaps * sizeof *caps);
        nm++;
        if (!global) break;
        start = caps[1] == caps[0] ? rt_advance_index(*s, caps[1], unicode) : caps[1];
    }
    if (global || sticky) {
        int32_t li = (!global && nm) ? all[1] : 0;
        vm_store(iso, v_jsobj(*rx), obj_slot_ptr(*rx, RE_SLOT_LAST_INDEX), v_int(li));
    }
    bool plain = !functional;
    for (uint32_t i = 0; plain && i < str_length(*repl); i++)
        if (str_char(*repl, i) == '$') plain = false;
    uint32_t next = 0;
    for (size_t k = 0; k < nm; k++) {
        const int32_t *c = all + k * 2 * (size_t)ncaps;
        uint32_t pos = (uint32_t)c[0], end = (uint32_t)c[1];
        rt_sbuf_put_flat(&sb, *s, next, pos);
        next = end;
        if (plain) {
            rt_sbuf_put_flat(&sb, *repl, 0, str_length(*repl));
            continue;
        }
        *m = str_substring(iso, *s, pos, end);
        *caps_arr = array_new(iso, 0);
        for (int g = 1; g < ncaps; g++) {
            *tmp = c[2 * g] < 0 ? V_UNDEF : str_substring(iso, *s, (uint32_t)c[2 * g], (uint32_t)c[2 * g + 1]);
            if (array_push(iso, *caps_arr, *tmp)) goto fail;
        }
        if (functional) {
            size_t na = (size_t)ncaps + 2;
            Value *av = malloc(na * sizeof *av);
            if (!av) abort();
            av[0] = *m;
            for (int g = 1; g < ncaps; g++) av[g] = array_get_own(*caps_arr, (uint32_t)g - 1);
            av[ncaps] = v_int((int32_t)pos);
            av[ncaps + 1] = *s;
            /* av is read from rooted values just now; vm_call roots its arguments first */
            Status st = vm_call(iso, *repl, V_UNDEF, (int)na, av, tmp);
            free(av);
            if (st || to_flat(iso, *tmp, tmp)) goto fail;
            rt_sbuf_put_flat(&sb, *tmp, 0, str_length(*tmp));
        } else if (substitution(iso, &sb, m, s, pos, caps_arr, named, repl)) {
            goto fail;
        }
    }
    if (next < len) rt_sbuf_put_flat(&sb, *s, next, len);
    free(caps);
    free(all);
    Status st = rt_sbuf_finish(iso, &sb, ret);
    vm_scope_close(iso, sc);
    return st;
fail:
    free(caps);
    free(all);
    rt_sbuf_free(&sb);
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* @@match of an unmodified global regexp: the array of matched substrings (or null). */
static Status fast_match_all_strings(Isolate *iso, Value *rx, Value *s, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *arr = vm_handle(iso, array_new(iso, 0)), *tmp = vm_handle(iso, V_UNDEF);
    int flags = v_int_val(*obj_internal(*rx, RE_INT_FLAGS));
    bool sticky = flags & RE_FLAG_STICKY, unicode = flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS);
    int32_t *caps = caps_alloc(*rx);
    uint32_t len = str_length(*s);
    double start = 0;
    Status st = MJS_OK;
    while (start <= len) {
        int r = exec_flat(*rx, *s, (uint32_t)start, caps, sticky ? RE_EXEC_STICKY : RE_EXEC_SEARCH);
        if (r < 0) {
            st = vm_throw_error(iso, E_RANGE, "Maximum call stack size exceeded");
            break;
        }
        if (r == 0) break;
        *tmp = str_substring(iso, *s, (uint32_t)caps[0], (uint32_t)caps[1]);
        if ((st = array_push(iso, *arr, *tmp))) break;
        start = caps[1] == caps[0] ? rt_advance_index(*s, caps[1], unicode) : caps[1];
    }
    free(caps);
    if (st == MJS_OK) {
        vm_store(iso, v_jsobj(*rx), obj_slot_ptr(*rx, RE_SLOT_LAST_INDEX), v_int(0));
        *ret = array_length(*arr) == 0 ? V_NULL : *arr;
    }
    vm_scope_close(iso, sc);
    return st;
}

static Status sym_split(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (need_object(iso, argv[-1], "@@split")) return MJS_EXC;
    if (rt_regexp_pristine(iso, argv[-1], true)) {
        size_t sc = vm_scope_open(iso);
        Value *s = vm_handle(iso, V_UNDEF);
        uint32_t lim = 0xFFFFFFFFu;
        Status st = to_flat(iso, arg(argv, argc, 0), s);
        if (st == MJS_OK && !v_is_undef(arg(argv, argc, 1))) st = vm_to_uint32(iso, argv[1], &lim);
        /* ToString / ToUint32 may have run user code that modified the regexp */
        if (st == MJS_OK && rt_regexp_pristine(iso, argv[-1], true)) {
            st = fast_split(iso, &argv[-1], s, lim, ret);
            vm_scope_close(iso, sc);
            return st;
        }
        vm_scope_close(iso, sc);
        if (st) return MJS_EXC;
    }
    size_t sc = vm_scope_open(iso);
    Value *rx = &argv[-1];
    Value *s = vm_handle(iso, V_UNDEF), *ctor = vm_handle(iso, V_UNDEF), *fl = vm_handle(iso, V_UNDEF);
    Value *splitter = vm_handle(iso, V_UNDEF), *arr = vm_handle(iso, V_UNDEF);
    Value *z = vm_handle(iso, V_UNDEF), *tmp = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, arg(argv, argc, 0), s)) goto fail;
    if (species_ctor(iso, rx, ctor) || flags_of(iso, rx, fl)) goto fail;
    bool unicode = has_flag(*fl, 'u') || has_flag(*fl, 'v');
    if (!has_flag(*fl, 'y')) {
        Value y = str_from_cstr(iso, "y");
        *fl = str_concat(iso, *fl, y);
    }
    {
        Value cargs[2] = {*rx, *fl};
        if (vm_construct(iso, *ctor, 2, cargs, splitter)) goto fail;
    }
    *arr = array_new(iso, 0);
    uint32_t lim = 0xFFFFFFFFu;
    if (!v_is_undef(arg(argv, argc, 1)) && vm_to_uint32(iso, argv[1], &lim)) goto fail;
    if (lim == 0) goto done;
    uint32_t size = str_length(*s);
    if (size == 0) {
        if (rt_regexp_exec(iso, *splitter, *s, z)) goto fail;
        if (v_is_null(*z) && array_push(iso, *arr, *s)) goto fail;
        goto done;
    }
    uint32_t p = 0, q = 0;
    while (q < size) {
        if (rt_set_last_index(iso, *splitter, q)) goto fail;
        if (rt_regexp_exec(iso, *splitter, *s, z)) goto fail;
        if (v_is_null(*z)) {
            q = (uint32_t)rt_advance_index(*s, q, unicode);
            continue;
        }
        double e;
        if (rt_get_last_index(iso, *splitter, &e)) goto fail;
        if (e > size) e = size;
        if ((uint32_t)e == p) {
            q = (uint32_t)rt_advance_index(*s, q, unicode);
            continue;
        }
        *tmp = str_substring(iso, *s, p, q);
        if (array_push(iso, *arr, *tmp)) goto fail;
        if (array_length(*arr) == lim) goto done;
        p = (uint32_t)e;
        double ncap;
        if (obj_get(iso, *z, ATOM(iso, length), tmp) || rt_to_length(iso, *tmp, &ncap)) goto fail;
        for (double i = 1; i < ncap; i++) {
            if (obj_get(iso, *z, v_number(i), tmp)) goto fail;
            if (array_push(iso, *arr, *tmp)) goto fail;
            if (array_length(*arr) == lim) goto done;
        }
        q = p;
    }
    *tmp = str_substring(iso, *s, p, size);
    if (array_push(iso, *arr, *tmp)) goto fail;
done:
    *ret = *arr;
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- @@matchAll */

/* Iterator state in internal slots: [0] matcher, [1] string, [2] v_int(global | unicode<<1 |
 * done<<2). */
static Status iter_next(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value it = argv[-1];
    if (!v_is_object(it) || v_jsobj(it)->map->internal_count != 3 || v_type(it) != T_OBJECT ||
        !v_is_int(*obj_internal(it, 2)))
        return vm_throw_error(iso, E_TYPE, "%%RegExpStringIterator%%.prototype.next called on incompatible receiver");
    size_t sc = vm_scope_open(iso);
    Value *ith = &argv[-1];
    Value *rx = vm_handle(iso, *obj_internal(it, 0)), *s = vm_handle(iso, *obj_internal(it, 1));
    Value *res = vm_handle(iso, V_UNDEF), *m = vm_handle(iso, V_UNDEF), *obj = vm_handle(iso, V_UNDEF);
    int state = v_int_val(*obj_internal(it, 2));
    bool done = false;
    if (state & 4) {
        done = true;
        *res = V_UNDEF;
    } else {
        if (rt_regexp_exec(iso, *rx, *s, res)) goto fail;
        if (v_is_null(*res)) {
            done = true;
            *res = V_UNDEF;
            *obj_internal(*ith, 2) = v_int(state | 4);
        } else if (state & 1) {
            if (match_string(iso, res, m)) goto fail;
            if (str_length(*m) == 0 && advance_after_empty(iso, rx, s, state & 2)) goto fail;
        } else {
            *obj_internal(*ith, 2) = v_int(state | 4);
        }
    }
    *obj = obj_new(iso);
    if (obj_define(iso, *obj, ATOM(iso, value), *res, P_DEFAULT) ||
        obj_define(iso, *obj, ATOM(iso, done), v_bool(done), P_DEFAULT))
        goto fail;
    *ret = *obj;
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

static Status sym_match_all(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (need_object(iso, argv[-1], "@@matchAll")) return MJS_EXC;
    size_t sc = vm_scope_open(iso);
    Value *rx = &argv[-1];
    Value *s = vm_handle(iso, V_UNDEF), *ctor = vm_handle(iso, V_UNDEF), *fl = vm_handle(iso, V_UNDEF);
    Value *matcher = vm_handle(iso, V_UNDEF), *it = vm_handle(iso, V_UNDEF);
    if (to_flat(iso, arg(argv, argc, 0), s)) goto fail;
    if (species_ctor(iso, rx, ctor) || flags_of(iso, rx, fl)) goto fail;
    {
        Value cargs[2] = {*rx, *fl};
        if (vm_construct(iso, *ctor, 2, cargs, matcher)) goto fail;
    }
    double li;
    if (rt_get_last_index(iso, *rx, &li) || rt_set_last_index(iso, *matcher, li)) goto fail;
    int state = (has_flag(*fl, 'g') ? 1 : 0) | (has_flag(*fl, 'u') || has_flag(*fl, 'v') ? 2 : 0);
    *it = vm_regexp_iterator_new(iso, ROOT(iso, R_REGEXP_STRING_ITERATOR_PROTO), *matcher, *s, state);
    *ret = *it;
    vm_scope_close(iso, sc);
    return MJS_OK;
fail:
    vm_scope_close(iso, sc);
    return MJS_EXC;
}

void rt_install_regexp_symbols(Isolate *iso, Value proto) {
    size_t sc = vm_scope_open(iso);
    Value *p = vm_handle(iso, proto), *fn = vm_handle(iso, V_UNDEF);
    static const struct {
        RootIndex sym;
        const char *name;
        NativeFn fn;
        int length;
    } methods[] = {
        {R_SYMBOL_MATCH, "[Symbol.match]", sym_match, 1},
        {R_SYMBOL_MATCH_ALL, "[Symbol.matchAll]", sym_match_all, 1},
        {R_SYMBOL_REPLACE, "[Symbol.replace]", sym_replace, 2},
        {R_SYMBOL_SEARCH, "[Symbol.search]", sym_search, 1},
        {R_SYMBOL_SPLIT, "[Symbol.split]", sym_split, 2},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        *fn = vm_new_native(iso, methods[i].name, methods[i].fn, methods[i].length);
        if (obj_define(iso, *p, ROOT(iso, methods[i].sym), *fn, P_HIDDEN)) (void)vm_take_exception(iso);
    }
    vm_iterator_init(iso);
    ROOT(iso, R_REGEXP_STRING_ITERATOR_PROTO) = obj_new_with_proto(iso, ROOT(iso, R_ITERATOR_PROTO));
    vm_def_native(iso, ROOT(iso, R_REGEXP_STRING_ITERATOR_PROTO), "next", iter_next, 0);
    Value *tag = vm_handle(iso, str_from_cstr(iso, "RegExp String Iterator"));
    if (obj_define(iso, ROOT(iso, R_REGEXP_STRING_ITERATOR_PROTO), ROOT(iso, R_SYMBOL_TO_STRING_TAG), *tag,
                   P_CONFIGURABLE))
        (void)vm_take_exception(iso);
    vm_scope_close(iso, sc);
}
