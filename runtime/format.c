/* format.c: util.format as console.log uses it (node v20 formatWithOptionsInternal): printf
 * directives %s %d %i %f %j %o %O %c %% in a leading string, then the remaining arguments
 * joined by spaces, strings raw and everything else inspected.
 * GC: argv must be GC-visible slots; it is re-read after every call that may allocate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"

static Value atom(Isolate *iso, const char *s) { return atom_from_cstr(iso, s); }

static Status inspect_with(Isolate *iso, Value v, const InspectOptions *o, RtBuf *out) {
    return rt_inspect_to_buf(iso, v, o, out);
}

static void default_options(InspectOptions *o, bool colors) {
    rt_inspect_defaults(o);
    o->colors = colors;
}

/* builtInObjects.has(name): a global binding of that name holding exactly ctor. */
static bool is_builtin_ctor(Isolate *iso, Value ctor) {
    size_t sc = vm_scope_open(iso);
    Value *c = vm_handle(iso, ctor);
    Value *name = vm_handle(iso, V_UNDEF);
    bool res = false;
    if (obj_get(iso, *c, ATOM(iso, name), name) != MJS_OK) {
        (void)vm_take_exception(iso);
    } else if (v_is_string(*name) && str_length(*name) > 1) {
        Value f = str_flatten(iso, *name);
        uint16_t c0 = str_char(f, 0);
        bool ok = c0 >= 'A' && c0 <= 'Z';
        for (uint32_t i = 1; ok && i < str_length(f); i++) {
            uint16_t ch = str_char(f, i);
            ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        }
        PropDesc d;
        Value key;
        if (ok && vm_to_key(iso, *name, &key) == MJS_OK && obj_get_own(iso, ROOT(iso, R_GLOBAL), key, &d) &&
            !(d.attrs & P_ACCESSOR))
            res = d.value == *c;
        if (iso->has_exception) (void)vm_take_exception(iso);
    }
    vm_scope_close(iso, sc);
    return res;
}

/* hasBuiltInToString (without the Symbol.toPrimitive refinements). */
static Status has_builtin_to_string(Isolate *iso, Value v, bool *out) {
    size_t sc = vm_scope_open(iso);
    Value *vh = vm_handle(iso, v);
    Value *t = vm_handle(iso, V_UNDEF);
    Status st = obj_get(iso, *vh, ATOM(iso, toString), t);
    *out = true;
    if (st != MJS_OK || !v_is_callable(*t)) goto done;
    if (obj_has_own(iso, *vh, ATOM(iso, toString))) {
        *out = false;
        goto done;
    }
    *t = *vh;
    do {
        *t = obj_get_proto(*t);
    } while (v_is_object(*t) && !obj_has_own(iso, *t, ATOM(iso, toString)));
    *out = false;
    if (v_is_object(*t)) {
        PropDesc d;
        if (obj_get_own(iso, *t, ATOM(iso, constructor), &d) && !(d.attrs & P_ACCESSOR) && v_is_callable(d.value))
            *out = is_builtin_ctor(iso, d.value);
    }
done:
    vm_scope_close(iso, sc);
    return st;
}

/* JSON.stringify(v), or "[Circular]" when it fails on a cycle (node's tryStringify). */
static Status try_stringify(Isolate *iso, Value v, RtBuf *out) {
    size_t sc = vm_scope_open(iso);
    Value *vh = vm_handle(iso, v);
    Value *json = vm_handle(iso, V_UNDEF);
    Value *res = vm_handle(iso, V_UNDEF);
    Value key;
    Status st = rt_get_named(iso, &ROOT(iso, R_GLOBAL), "JSON", json);
    if (st == MJS_OK && (key = atom(iso, "stringify"), true)) st = vm_invoke(iso, *json, key, 1, vh, res);
    if (st == MJS_OK) {
        if (v_is_string(*res)) rt_buf_put_jsstr(iso, out, *res);
        else rt_buf_puts(out, "undefined");
        goto done;
    }
    /* Compare with the message a known cycle produces, as node does. */
    Value *exc = vm_handle(iso, vm_take_exception(iso));
    Value *a = vm_handle(iso, obj_new(iso));
    Value *m1 = vm_handle(iso, V_UNDEF), *m2 = vm_handle(iso, V_UNDEF);
    bool circular = false;
    Value akey = atom(iso, "a");
    if (obj_set(iso, *a, akey, *a, false) == MJS_OK && (key = atom(iso, "stringify"), true) &&
        vm_invoke(iso, *json, key, 1, a, res) != MJS_OK) {
        Value *cexc = vm_handle(iso, vm_take_exception(iso));
        if (v_is_object(*exc) && v_is_object(*cexc) && obj_get(iso, *exc, ATOM(iso, message), m1) == MJS_OK &&
            obj_get(iso, *cexc, ATOM(iso, message), m2) == MJS_OK && v_is_string(*m1) && v_is_string(*m2)) {
            RtBuf s1 = {0}, s2 = {0};
            rt_buf_put_jsstr(iso, &s1, *m1);
            rt_buf_put_jsstr(iso, &s2, *m2);
            char *e1 = s1.p ? strchr(s1.p, '\n') : NULL, *e2 = s2.p ? strchr(s2.p, '\n') : NULL;
            if (e1) *e1 = 0;
            if (e2) *e2 = 0;
            circular = s1.p && s2.p && strcmp(s1.p, s2.p) == 0 && obj_get_proto(*exc) == ROOT(iso, R_TYPE_ERROR_PROTO);
            rt_buf_free(&s1);
            rt_buf_free(&s2);
        }
    }
    if (iso->has_exception) (void)vm_take_exception(iso);
    if (circular) {
        rt_buf_puts(out, "[Circular]");
        st = MJS_OK;
    } else {
        st = vm_throw(iso, *exc);
    }
done:
    vm_scope_close(iso, sc);
    return st;
}

static const char *skip_js_space(const char *s) {
    for (;;) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || (c >= 9 && c <= 13)) s++;
        else if (c == 0xC2 && (unsigned char)s[1] == 0xA0) s += 2;              /* NBSP */
        else if (c == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF) s += 3; /* BOM */
        else return s;
    }
}

/* Number.parseInt(String(v)) with radix 10/16 detection. */
static double parse_int_str(const char *s) {
    s = skip_js_space(s);
    int sign = 1;
    if (*s == '+' || *s == '-') sign = *s++ == '-' ? -1 : 1;
    int radix = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        radix = 16;
        s += 2;
    }
    double v = 0;
    bool any = false;
    for (;; s++) {
        int d;
        if (*s >= '0' && *s <= '9') d = *s - '0';
        else if (*s >= 'a' && *s <= 'z') d = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'Z') d = *s - 'A' + 10;
        else break;
        if (d >= radix) break;
        v = v * radix + d;
        any = true;
    }
    return any ? sign * v : NAN;
}

/* Number.parseFloat(String(v)): the longest StrDecimalLiteral prefix. */
static double parse_float_str(const char *s) {
    s = skip_js_space(s);
    const char *p = s;
    int sign = 1;
    if (*p == '+' || *p == '-') sign = *p++ == '-' ? -1 : 1;
    if (strncmp(p, "Infinity", 8) == 0) return sign * INFINITY;
    const char *q = p;
    bool digits = false;
    while (*q >= '0' && *q <= '9') q++, digits = true;
    if (*q == '.') {
        q++;
        while (*q >= '0' && *q <= '9') q++, digits = true;
    }
    if (!digits) return NAN;
    if (*q == 'e' || *q == 'E') {
        const char *e = q + 1;
        if (*e == '+' || *e == '-') e++;
        if (*e >= '0' && *e <= '9') {
            while (*e >= '0' && *e <= '9') e++;
            q = e;
        }
    }
    char *tmp = malloc((size_t)(q - s) + 1);
    if (!tmp) abort();
    memcpy(tmp, s, (size_t)(q - s));
    tmp[q - s] = 0;
    double d = strtod(tmp, NULL);
    free(tmp);
    return d;
}

static Status arg_to_cstr(Isolate *iso, Value v, RtBuf *out) {
    size_t sc = vm_scope_open(iso);
    Value *t = vm_handle(iso, v);
    Status st = MJS_OK;
    if (v_is_symbol(*t)) rt_put_symbol(iso, out, *t);
    else if ((st = vm_to_string(iso, *t, t)) == MJS_OK) rt_buf_put_jsstr(iso, out, *t);
    vm_scope_close(iso, sc);
    return st;
}

/* One %-directive's text for argument v (argv slot). */
static Status directive(Isolate *iso, char d, const Value *arg, bool colors, RtBuf *out) {
    InspectOptions o;
    default_options(&o, colors);
    Value v = *arg;
    switch (d) {
    case 's':
        if (v_is_number(v)) {
            rt_put_number(out, v_num(v));
            return MJS_OK;
        }
        if (v_is_object(v)) {
            bool builtin;
            if (has_builtin_to_string(iso, *arg, &builtin) != MJS_OK) return MJS_EXC;
            if (builtin) {
                o.depth = 0;
                o.colors = false; /* node: %s never colours */
                return inspect_with(iso, *arg, &o, out);
            }
        }
        return arg_to_cstr(iso, *arg, out);
    case 'j': return try_stringify(iso, v, out);
    case 'd':
    case 'i':
    case 'f': {
        if (v_is_symbol(v)) {
            rt_buf_puts(out, "NaN");
            return MJS_OK;
        }
        double num;
        if (d == 'd') {
            if (vm_to_number(iso, v, &num) != MJS_OK) return MJS_EXC;
        } else {
            RtBuf s = {0};
            if (arg_to_cstr(iso, *arg, &s) != MJS_OK) {
                rt_buf_free(&s);
                return MJS_EXC;
            }
            num = d == 'i' ? parse_int_str(s.p ? s.p : "") : parse_float_str(s.p ? s.p : "");
            rt_buf_free(&s);
        }
        rt_put_number(out, num);
        return MJS_OK;
    }
    case 'O': return inspect_with(iso, v, &o, out);
    case 'o':
        o.show_hidden = true;
        o.depth = 4;
        return inspect_with(iso, v, &o, out);
    default: return MJS_OK; /* %c: CSS is ignored, the argument consumed */
    }
}

Status rt_format_to_buf(Isolate *iso, int argc, const Value *argv, RtBuf *out) {
    return rt_format_to_buf_colors(iso, argc, argv, false, out);
}

Status rt_format_to_buf_colors(Isolate *iso, int argc, const Value *argv, bool colors, RtBuf *out) {
    int a = 0;
    bool join = false;
    if (!out->p) rt_buf_puts(out, "");
    if (argc > 0 && v_is_string(argv[0])) {
        if (argc == 1) {
            rt_buf_put_jsstr(iso, out, argv[0]);
            return MJS_OK;
        }
        RtBuf first = {0};
        rt_buf_put_jsstr(iso, &first, argv[0]);
        size_t last = 0, n = first.len;
        for (size_t i = 0; i + 1 < n; i++) {
            if (first.p[i] != '%') continue;
            char next = first.p[++i];
            if (a + 1 != argc) {
                if (next == '%') {
                    rt_buf_put(out, first.p + last, i - last);
                    last = i + 1;
                    continue;
                }
                if (!strchr("sjdOoifc", next) || !next) continue;
                if (last != i - 1) rt_buf_put(out, first.p + last, i - 1 - last);
                ++a;
                if (directive(iso, next, &argv[a], colors, out) != MJS_OK) {
                    rt_buf_free(&first);
                    return MJS_EXC;
                }
                last = i + 1;
            } else if (next == '%') {
                rt_buf_put(out, first.p + last, i - last);
                last = i + 1;
            }
        }
        if (last != 0) {
            a++;
            join = true;
            if (last < n) rt_buf_put(out, first.p + last, n - last);
        }
        rt_buf_free(&first);
    }
    InspectOptions o;
    default_options(&o, colors);
    for (; a < argc; a++) {
        if (join) rt_buf_putc(out, ' ');
        if (v_is_string(argv[a])) rt_buf_put_jsstr(iso, out, argv[a]);
        else if (inspect_with(iso, argv[a], &o, out) != MJS_OK) return MJS_EXC;
        join = true;
    }
    return MJS_OK;
}

Status rt_format_log_args(Isolate *iso, int argc, const Value *argv, Value *out) {
    RtBuf b = {0};
    Status st = rt_format_to_buf(iso, argc, argv, &b);
    if (st == MJS_OK) *out = str_from_utf8(iso, b.p, b.len);
    rt_buf_free(&b);
    return st;
}
