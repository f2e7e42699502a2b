/* inspect.c: util.inspect's value walk (node v20 formatValue / formatRaw / formatProperty /
 * formatArray / formatSet / formatMap / getConstructorName), producing UTF-8 entries that
 * inspect_layout.c lays out. GC: every JS value needed after a call that may allocate or run
 * JS is held in a handle of the current scope; `seen` holds handles of enclosing scopes.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"

#define MAX_NESTING 1000 /* formatRaw levels before node-style "Maximum call stack" text */

enum { F_NONE, F_ARRAY, F_SET, F_MAP };

/* ---------------------------------------------------------------- small helpers */

void rt_get_prefix(RtBuf *out, const char *constructor, const char *tag, const char *fallback,
                   const char *size) {
    if (!constructor) {
        if (tag[0] && strcmp(fallback, tag) != 0)
            rt_buf_printf(out, "[%s%s: null prototype] [%s] ", fallback, size, tag);
        else
            rt_buf_printf(out, "[%s%s: null prototype] ", fallback, size);
        return;
    }
    if (tag[0] && strcmp(constructor, tag) != 0)
        rt_buf_printf(out, "%s%s [%s] ", constructor, size, tag);
    else
        rt_buf_printf(out, "%s%s ", constructor, size);
}

/* V8's internal GetConstructorName, as far as our object kinds tell it. */
static const char *internal_ctor_name(Value v) {
    switch (v_type(v)) {
    case T_ARRAY: return "Array";
    case T_FUNCTION:
    case T_NATIVE_FUNCTION:
    case T_BOUND_FUNCTION: return "Function";
    case T_ERROR: return "Error";
    case T_DATE: return "Date";
    case T_REGEXP: return "RegExp";
    case T_MAP_OBJ: return "Map";
    case T_SET_OBJ: return "Set";
    case T_NUMBER_OBJ: return "Number";
    case T_STRING_OBJ: return "String";
    case T_BOOLEAN_OBJ: return "Boolean";
    default: return "Object";
    }
}

/* getCtxStyle: the prefix for objects, with a fallback name for null prototypes. */
static void get_ctx_style(RtBuf *out, Value v, const char *ctor, const char *tag) {
    const char *fallback = "";
    if (!ctor) {
        fallback = internal_ctor_name(v);
        if (strcmp(fallback, tag) == 0) fallback = "Object";
    }
    rt_get_prefix(out, ctor, tag, fallback, "");
}

static void remaining_text(RtList *output, double remaining) {
    RtBuf b = {0};
    rt_buf_printf(&b, "... %.0f more item%s", remaining, remaining > 1 ? "s" : "");
    rt_list_push(output, &b);
}

static void put_str_utf8(Isolate *iso, RtBuf *b, Value s) {
    if (v_is_string(s)) rt_buf_put_jsstr(iso, b, s);
}

/* Swallow a pending exception (node's try/catch around instanceof and similar). */
static void clear_exception(Isolate *iso) { (void)vm_take_exception(iso); }

/* ---------------------------------------------------------------- primitives */

static void fmt_string(InspectCtx *c, Value s, RtBuf *out, bool color) {
    Isolate *iso = c->iso;
    Value flat = str_flatten(iso, s);
    uint32_t len = str_length(flat);
    double remaining = 0;
    if ((double)len > c->o.max_string_length) {
        remaining = (double)len - c->o.max_string_length;
        len = (uint32_t)c->o.max_string_length;
    }
    bool saved = c->o.colors;
    c->o.colors = c->o.colors && color;
    if (c->o.compact != RT_COMPACT_TRUE && len > 16 &&
        (double)len > (double)c->o.break_length - c->indentation_lvl - 4) {
        /* Long strings are split after each newline and joined with " +\n". */
        uint32_t start = 0;
        bool first = true;
        while (start < len) {
            uint32_t end = start;
            while (end < len && str_char(flat, end) != '\n') end++;
            if (end < len) end++; /* keep the newline in this piece */
            if (!first) {
                rt_buf_puts(out, " +\n");
                rt_buf_spaces(out, c->indentation_lvl + 2);
            }
            RtBuf piece = {0};
            rt_put_escaped(iso, &piece, flat, start, end);
            rt_stylize(c, out, piece.p, piece.len, ST_STRING);
            rt_buf_free(&piece);
            first = false;
            start = end;
        }
        if (first) { /* empty after truncation: not reachable with len > 16 */
            rt_stylize_cstr(c, out, "''", ST_STRING);
        }
    } else {
        RtBuf piece = {0};
        rt_put_escaped(iso, &piece, flat, 0, len);
        rt_stylize(c, out, piece.p, piece.len, ST_STRING);
        rt_buf_free(&piece);
    }
    c->o.colors = saved;
    if (remaining > 0)
        rt_buf_printf(out, "... %.0f more character%s", remaining, remaining > 1 ? "s" : "");
}

static void fmt_primitive(InspectCtx *c, Value v, RtBuf *out, bool color) {
    bool saved = c->o.colors;
    c->o.colors = c->o.colors && color;
    if (v_is_string(v)) {
        fmt_string(c, v, out, color);
    } else if (v_is_number(v)) {
        RtBuf t = {0};
        rt_put_number(&t, v_num(v));
        rt_stylize(c, out, t.p, t.len, ST_NUMBER);
        rt_buf_free(&t);
    } else if (v_is_bool(v)) {
        rt_stylize_cstr(c, out, v == V_TRUE ? "true" : "false", ST_BOOLEAN);
    } else if (v_is_null(v)) {
        rt_stylize_cstr(c, out, "null", ST_NULL);
    } else if (v_is_symbol(v)) {
        RtBuf t = {0};
        rt_put_symbol(c->iso, &t, v);
        rt_stylize(c, out, t.p, t.len, ST_SYMBOL);
        rt_buf_free(&t);
    } else {
        rt_stylize_cstr(c, out, "undefined", ST_UNDEFINED);
    }
    c->o.colors = saved;
}

/* ---------------------------------------------------------------- keys */

static bool is_index_string(Isolate *iso, Value k) { return v_is_string(k) && str_array_index(iso, k) >= 0; }

/* getKeys: own enumerable string keys then enumerable symbols (all of them if showHidden). */
static Value get_keys(InspectCtx *c, Value v) {
    return obj_own_keys(c->iso, v, (c->o.show_hidden ? 0 : KEYS_ENUMERABLE_ONLY) | KEYS_INCLUDE_SYMBOLS);
}

/* Keys without the array-index ones (getOwnNonIndexProperties; boxed strings' indices). */
static Status drop_index_keys(InspectCtx *c, Value *keysh) {
    Isolate *iso = c->iso;
    uint32_t n = array_length(*keysh), i;
    for (i = 0; i < n; i++)
        if (is_index_string(iso, array_get_own(*keysh, i))) break;
    if (i == n) return MJS_OK; /* nothing to drop */
    size_t sc = vm_scope_open(iso);
    Value *res = vm_handle(iso, array_new(iso, 0));
    for (i = 0; i < n; i++) {
        Value k = array_get_own(*keysh, i);
        if (is_index_string(iso, k)) continue;
        if (array_push(iso, *res, k) != MJS_OK) {
            vm_scope_close(iso, sc);
            return MJS_EXC;
        }
    }
    *keysh = *res;
    vm_scope_close(iso, sc);
    return MJS_OK;
}

/* getOwnNonIndexProperties for arrays. Fast maps are read straight from their descriptors
 * (vm.h: FixedArray [key, v_int(attrs | slot << 8), ...]) so printing a million-element array
 * does not make a million key strings; dictionary maps go through obj_own_keys. */
static Status non_index_keys(InspectCtx *c, Value *vh, Value *keysh) {
    Isolate *iso = c->iso;
    Map *m = v_jsobj(*vh)->map;
    if ((m->flags & MAP_DICTIONARY) || (!v_is_ptr(m->descriptors) && m->prop_count)) {
        *keysh = obj_own_keys(iso, *vh, (c->o.show_hidden ? 0 : KEYS_ENUMERABLE_ONLY) | KEYS_INCLUDE_SYMBOLS);
        return drop_index_keys(c, keysh);
    }
    *keysh = array_new(iso, 0);
    if (c->o.show_hidden && array_push(iso, *keysh, ATOM(iso, length)) != MJS_OK) return MJS_EXC;
    for (int pass = 0; pass < 2; pass++) { /* strings, then symbols */
        for (uint32_t i = 0; i < m->prop_count; i++) {
            /* maps never move; re-read the descriptor array after each allocation */
            FixedArray *d = v_fixed(m->descriptors);
            Value k = d->items[2 * i];
            int attrs = v_int_val(d->items[2 * i + 1]) & 0xff;
            if (v_is_symbol(k) != (pass == 1)) continue;
            if (!c->o.show_hidden && !(attrs & P_ENUMERABLE)) continue;
            if (array_push(iso, *keysh, k) != MJS_OK) return MJS_EXC;
        }
    }
    return MJS_OK;
}

static uint32_t key_count(const Value *keysh) { return v_is_array(*keysh) ? array_length(*keysh) : 0; }

/* ---------------------------------------------------------------- constructor name */

static Status get_constructor_name(InspectCtx *c, Value *vh, int rt, RtBuf *name, bool *is_null);

static Status inspect_nested(InspectCtx *c, Value v, int depth, RtBuf *out) {
    InspectOptions o = c->o;
    o.depth = depth;
    InspectCtx sub = {.iso = c->iso, .o = o, .custom_inspect = false};
    size_t sc = vm_scope_open(c->iso);
    sub.circular = vm_handle(c->iso, V_UNDEF);
    Status st = rt_fmt_value(&sub, v, 0, out);
    vm_scope_close(c->iso, sc);
    free(sub.seen);
    free(sub.budget);
    return st;
}

static Status get_constructor_name(InspectCtx *c, Value *vh, int rt, RtBuf *name, bool *is_null) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *obj = vm_handle(iso, *vh);
    Value *first_proto = vm_handle(iso, V_HOLE);
    Value *ctor = vm_handle(iso, V_UNDEF);
    Value *nm = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    *is_null = false;
    while (v_is_object(*obj)) {
        PropDesc d;
        if (obj_get_own(iso, *obj, ATOM(iso, constructor), &d) && !(d.attrs & P_ACCESSOR) &&
            v_is_callable(d.value)) {
            *ctor = d.value;
            if ((st = obj_get(iso, *ctor, ATOM(iso, name), nm)) != MJS_OK) goto done;
            if (!(v_is_string(*nm) && str_length(*nm) == 0)) {
                bool inst = false;
                if (vm_instance_of(iso, *vh, *ctor, &inst) != MJS_OK) {
                    clear_exception(iso);
                    inst = false;
                }
                if (inst) {
                    if (!v_is_string(*nm) && (st = vm_to_string(iso, *nm, nm)) != MJS_OK) goto done;
                    rt_buf_put_jsstr(iso, name, *nm);
                    goto done;
                }
            }
        }
        *obj = obj_get_proto(*obj);
        if (*first_proto == V_HOLE) *first_proto = *obj;
    }
    if (*first_proto == V_NULL) {
        *is_null = true;
        goto done;
    }
    {
        const char *res = internal_ctor_name(*vh);
        if (rt > c->o.depth) {
            rt_buf_printf(name, "%s <Complex prototype>", res);
            goto done;
        }
        RtBuf inner = {0};
        bool inner_null = false;
        if ((st = get_constructor_name(c, first_proto, rt + 1, &inner, &inner_null)) != MJS_OK) {
            rt_buf_free(&inner);
            goto done;
        }
        if (inner_null) {
            rt_buf_free(&inner);
            if ((st = inspect_nested(c, *first_proto, -1, &inner)) != MJS_OK) {
                rt_buf_free(&inner);
                goto done;
            }
        }
        rt_buf_printf(name, "%s <%s>", res, inner.p ? inner.p : "");
        rt_buf_free(&inner);
    }
done:
    vm_scope_close(iso, sc);
    return st;
}

/* value[Symbol.toStringTag], unless it is an own enumerable property (printed anyway). */
static Status get_tag(InspectCtx *c, Value *vh, RtBuf *tag) {
    Isolate *iso = c->iso;
    Value sym = rt_pget(rt_state(iso)->sym_tag);
    if (!v_is_symbol(sym)) return MJS_OK;
    size_t sc = vm_scope_open(iso);
    Value *t = vm_handle(iso, V_UNDEF);
    Status st = obj_get(iso, *vh, sym, t);
    if (st == MJS_OK && v_is_string(*t) && str_length(*t) > 0) {
        sym = rt_pget(rt_state(iso)->sym_tag);
        PropDesc d;
        bool own = obj_get_own(iso, *vh, sym, &d);
        bool hide = c->o.show_hidden ? own : (own && (d.attrs & P_ENUMERABLE));
        if (!hide) rt_buf_put_jsstr(iso, tag, *t);
    }
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- functions */

static bool starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* Is Function.prototype.toString's text a class? (node's getFunctionBase test, with the
 * comment-stripping slow path done by hand.) */
static bool source_is_class(const char *src, size_t n) {
    if (n < 6 || !starts_with(src, "class") || src[n - 1] != '}') return false;
    const char *slice = src + 5, *end = src + n - 1;
    const char *brace = memchr(slice, '{', (size_t)(end - slice));
    if (!brace) return false;
    if (!memchr(slice, '(', (size_t)(brace - slice))) return true;
    /* Slow path: strip comments, then /^(\s+[^(]*?)\s*{/ must match. */
    RtBuf s = {0};
    for (const char *p = slice; p < end;) {
        if (p + 1 < end && p[0] == '/' && p[1] == '/') {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) break;
            p = nl + 1;
        } else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
            const char *q = p + 2;
            while (q + 1 < end && !(q[0] == '*' && q[1] == '/')) q++;
            p = q + 2 <= end ? q + 2 : end;
        } else {
            rt_buf_putc(&s, *p++);
        }
    }
    bool ok = false;
    if (s.len && (s.p[0] == ' ' || s.p[0] == '\t' || s.p[0] == '\n' || s.p[0] == '\r')) {
        for (size_t i = 0; i < s.len; i++) {
            if (s.p[i] == '(') break;
            if (s.p[i] == '{') {
                ok = true;
                break;
            }
        }
    }
    rt_buf_free(&s);
    return ok;
}

static void function_kind(const char *src, bool *is_async, bool *is_gen) {
    const char *p = src;
    *is_async = *is_gen = false;
    if (starts_with(p, "async") && (p[5] == ' ' || p[5] == '\t' || p[5] == '\n' || p[5] == '(')) {
        const char *q = p + 5;
        while (*q == ' ' || *q == '\t' || *q == '\n') q++;
        if (*q != '=') {
            *is_async = true;
            p = q;
        }
    }
    if (starts_with(p, "function")) {
        p += 8;
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    }
    if (*p == '*') *is_gen = true;
}

static Status get_class_base(InspectCtx *c, Value *vh, const char *ctor, const char *tag, RtBuf *base) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *t = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    rt_buf_puts(base, "[class ");
    if (obj_has_own(iso, *vh, ATOM(iso, name))) {
        if ((st = obj_get(iso, *vh, ATOM(iso, name), t)) != MJS_OK) goto done;
    }
    if (vm_to_boolean(*t)) {
        if (!v_is_string(*t) && (st = vm_to_string(iso, *t, t)) != MJS_OK) goto done;
        rt_buf_put_jsstr(iso, base, *t);
    } else {
        rt_buf_puts(base, "(anonymous)");
    }
    if (ctor && strcmp(ctor, "Function") != 0) rt_buf_printf(base, " [%s]", ctor);
    if (tag[0] && (!ctor || strcmp(ctor, tag) != 0)) rt_buf_printf(base, " [%s]", tag);
    if (ctor) {
        *t = obj_get_proto(*vh);
        if (v_is_object(*t)) {
            if ((st = obj_get(iso, *t, ATOM(iso, name), t)) != MJS_OK) goto done;
            if (vm_to_boolean(*t)) {
                if (!v_is_string(*t) && (st = vm_to_string(iso, *t, t)) != MJS_OK) goto done;
                rt_buf_puts(base, " extends ");
                rt_buf_put_jsstr(iso, base, *t);
            }
        }
    } else {
        rt_buf_puts(base, " extends [null prototype]");
    }
    rt_buf_putc(base, ']');
done:
    vm_scope_close(iso, sc);
    return st;
}

static Status get_function_base(InspectCtx *c, Value *vh, const char *ctor, const char *tag, RtBuf *base) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Status st = MJS_OK;
    RtBuf src = {0};
    Value *t = vm_handle(iso, vm_function_source(iso, *vh));
    put_str_utf8(iso, &src, *t);
    if (!src.p) rt_buf_puts(&src, "");
    if (source_is_class(src.p, src.len)) {
        st = get_class_base(c, vh, ctor, tag, base);
        goto done;
    }
    bool is_async, is_gen;
    function_kind(src.p, &is_async, &is_gen);
    const char *type = is_async ? (is_gen ? "AsyncGeneratorFunction" : "AsyncFunction")
                                : (is_gen ? "GeneratorFunction" : "Function");
    rt_buf_printf(base, "[%s", type);
    if (!ctor) rt_buf_puts(base, " (null prototype)");
    if ((st = obj_get(iso, *vh, ATOM(iso, name), t)) != MJS_OK) goto done;
    if (v_is_string(*t) && str_length(*t) == 0) {
        rt_buf_puts(base, " (anonymous)");
    } else if (v_is_string(*t)) {
        rt_buf_puts(base, ": ");
        rt_buf_put_jsstr(iso, base, *t);
    } else {
        rt_buf_puts(base, ": ");
        if ((st = rt_fmt_value(c, *t, 0, base)) != MJS_OK) goto done;
    }
    rt_buf_putc(base, ']');
    /* Our engine may give async/generator functions Function.prototype: no " Function". */
    if (ctor && strcmp(ctor, type) != 0 && !(strcmp(ctor, "Function") == 0)) rt_buf_printf(base, " %s", ctor);
    if (tag[0] && (!ctor || strcmp(ctor, tag) != 0)) rt_buf_printf(base, " [%s]", tag);
done:
    rt_buf_free(&src);
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- dates, regexps, boxes */

static void put_iso_date(RtBuf *b, double t) {
    if (isnan(t)) {
        rt_buf_puts(b, "Invalid Date");
        return;
    }
    int64_t ms = (int64_t)t;
    int64_t days = ms / 86400000, rem = ms % 86400000;
    if (rem < 0) {
        rem += 86400000;
        days--;
    }
    /* days -> civil date (proleptic Gregorian) */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) y++;
    int h = (int)(rem / 3600000), mi = (int)(rem / 60000 % 60), s = (int)(rem / 1000 % 60), msx = (int)(rem % 1000);
    if (y >= 0 && y <= 9999)
        rt_buf_printf(b, "%04lld", (long long)y);
    else
        rt_buf_printf(b, "%c%06lld", y < 0 ? '-' : '+', (long long)(y < 0 ? -y : y));
    rt_buf_printf(b, "-%02lld-%02lldT%02d:%02d:%02d.%03dZ", (long long)m, (long long)d, h, mi, s, msx);
}

static Status get_regexp_base(InspectCtx *c, Value *vh, RtBuf *base) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *t = vm_handle(iso, V_UNDEF);
    Status st;
    rt_buf_putc(base, '/');
    if ((st = rt_get_named(iso, vh, "source", t)) != MJS_OK) goto done;
    put_str_utf8(iso, base, *t);
    rt_buf_putc(base, '/');
    if ((st = rt_get_named(iso, vh, "flags", t)) != MJS_OK) goto done;
    put_str_utf8(iso, base, *t);
done:
    vm_scope_close(iso, sc);
    return st;
}

/* Object(Symbol()): an ordinary object whose first internal slot holds the symbol. */
static bool is_boxed_symbol(Value v) {
    Map *m = v_jsobj(v)->map;
    return m->type == T_OBJECT && m->internal_count >= 1 && v_is_symbol(*obj_internal(v, 0));
}

static bool is_boxed_primitive(Value v) {
    int t = v_type(v);
    return t == T_NUMBER_OBJ || t == T_STRING_OBJ || t == T_BOOLEAN_OBJ || is_boxed_symbol(v);
}

static void get_boxed_base(InspectCtx *c, Value *vh, uint32_t nkeys, const char *ctor, const char *tag, RtBuf *out) {
    int type = v_type(*vh);
    const char *tname = type == T_NUMBER_OBJ ? "Number" : type == T_STRING_OBJ ? "String"
                      : type == T_BOOLEAN_OBJ ? "Boolean" : "Symbol";
    Style st = type == T_NUMBER_OBJ ? ST_NUMBER : type == T_STRING_OBJ ? ST_STRING
             : type == T_BOOLEAN_OBJ ? ST_BOOLEAN : ST_SYMBOL;
    RtBuf base = {0};
    rt_buf_printf(&base, "[%s", tname);
    if (!ctor) rt_buf_puts(&base, " (null prototype)");
    else if (strcmp(ctor, tname) != 0) rt_buf_printf(&base, " (%s)", ctor);
    rt_buf_puts(&base, ": ");
    fmt_primitive(c, *obj_internal(*vh, 0), &base, false);
    rt_buf_putc(&base, ']');
    if (tag[0] && (!ctor || strcmp(tag, ctor) != 0)) rt_buf_printf(&base, " [%s]", tag);
    if (nkeys != 0 || !c->o.colors) rt_buf_put(out, base.p, base.len);
    else rt_stylize(c, out, base.p, base.len, st);
    rt_buf_free(&base);
}

/* ---------------------------------------------------------------- formatters */

static Status fmt_array(InspectCtx *c, Value *vh, int rt, RtList *output) {
    Isolate *iso = c->iso;
    double val_len = array_length(*vh);
    double len = fmin(fmax(0, c->o.max_array_length), val_len);
    double remaining = val_len - len;
    uint32_t i = 0;
    for (; i < (uint32_t)len; i++) {
        Value key = key_from_index(iso, i);
        if (!obj_has_own(iso, *vh, key)) break;
        RtBuf e = {0};
        if (rt_fmt_property(c, vh, rt, v_number(i), K_ARRAY_TYPE, &e) != MJS_OK) {
            rt_buf_free(&e);
            return MJS_EXC;
        }
        rt_list_push(output, &e);
    }
    if (i == (uint32_t)len) {
        if (remaining > 0) remaining_text(output, remaining);
        return MJS_OK;
    }
    /* formatSpecialArray: holes become "<n empty items>". */
    size_t max_length = (size_t)len;
    double index = i;
    size_t sc = vm_scope_open(iso);
    Value *keys = vm_handle(iso, V_UNDEF);
    uint32_t kpos = 0;
    while (output->n < max_length) {
        /* next own element index >= index */
        double next = -1;
        JSObject *o = v_jsobj(*vh);
        if (!(o->map->flags & MAP_SPARSE_ELEMENTS)) {
            if (v_is_ptr(o->elements)) {
                FixedArray *fa = v_fixed(o->elements);
                for (uint64_t j = (uint64_t)index; j < fa->length && (double)j < val_len; j++)
                    if (fa->items[j] != V_HOLE) {
                        next = (double)j;
                        break;
                    }
            }
        } else {
            if (*keys == V_UNDEF) *keys = obj_own_keys(iso, *vh, KEYS_ENUMERABLE_ONLY);
            for (; kpos < array_length(*keys); kpos++) {
                int64_t k = str_array_index(iso, array_get_own(*keys, kpos));
                if (k < 0) {
                    kpos = array_length(*keys);
                    break;
                }
                if ((double)k >= index) {
                    next = (double)k;
                    break;
                }
            }
        }
        if (next < 0) break;
        if (next != index) {
            RtBuf m = {0}, e = {0};
            double empty = next - index;
            rt_buf_printf(&m, "<%.0f empty item%s>", empty, empty > 1 ? "s" : "");
            rt_stylize(c, &e, m.p, m.len, ST_UNDEFINED);
            rt_buf_free(&m);
            rt_list_push(output, &e);
            index = next;
            if (output->n == max_length) break;
        }
        RtBuf e = {0};
        if (rt_fmt_property(c, vh, rt, v_number(index), K_ARRAY_TYPE, &e) != MJS_OK) {
            rt_buf_free(&e);
            vm_scope_close(iso, sc);
            return MJS_EXC;
        }
        rt_list_push(output, &e);
        index++;
    }
    vm_scope_close(iso, sc);
    remaining = val_len - index;
    if (output->n != max_length) {
        if (remaining > 0) {
            RtBuf m = {0}, e = {0};
            rt_buf_printf(&m, "<%.0f empty item%s>", remaining, remaining > 1 ? "s" : "");
            rt_stylize(c, &e, m.p, m.len, ST_UNDEFINED);
            rt_buf_free(&m);
            rt_list_push(output, &e);
        }
    } else if (remaining > 0) {
        remaining_text(output, remaining);
    }
    return MJS_OK;
}

static Status get_size(Isolate *iso, Value *vh, double *size) {
    Value t;
    if (rt_get_named(iso, vh, "size", &t) != MJS_OK) return MJS_EXC;
    *size = v_is_number(t) ? v_num(t) : 0;
    return MJS_OK;
}

/* formatSet / formatMap: walk the collection with the iteration protocol. */
static Status fmt_collection(InspectCtx *c, Value *vh, int rt, bool is_map, double size, RtList *output) {
    Isolate *iso = c->iso;
    double max_length = fmin(fmax(0, c->o.max_array_length), size);
    double remaining = size - max_length;
    size_t sc = vm_scope_open(iso);
    Value *iter = vm_handle(iso, V_UNDEF);
    Value *item = vm_handle(iso, V_UNDEF);
    Value *val = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    c->indentation_lvl += 2;
    if ((st = vm_get_iterator(iso, *vh, iter)) != MJS_OK) goto done;
    for (double i = 0; i < max_length; i++) {
        bool finished;
        if ((st = vm_iterator_step(iso, *iter, &finished, item)) != MJS_OK) goto done;
        if (finished) break;
        RtBuf e = {0};
        if (is_map) {
            if ((st = obj_get(iso, *item, v_int(1), val)) != MJS_OK) goto done;
            if ((st = obj_get(iso, *item, v_int(0), item)) != MJS_OK) goto done;
            if ((st = rt_fmt_value(c, *item, rt, &e)) == MJS_OK) {
                rt_buf_puts(&e, " => ");
                st = rt_fmt_value(c, *val, rt, &e);
            }
        } else {
            st = rt_fmt_value(c, *item, rt, &e);
        }
        if (st != MJS_OK) {
            rt_buf_free(&e);
            goto done;
        }
        rt_list_push(output, &e);
    }
    if (remaining > 0) remaining_text(output, remaining);
done:
    c->indentation_lvl -= 2;
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- properties */

Status rt_fmt_property(InspectCtx *c, Value *objh, int rt, Value key, int type, RtBuf *out) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *keyh = vm_handle(iso, key);
    Value *pkey = vm_handle(iso, V_UNDEF);
    Value *val = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    RtBuf str = {0};
    const char *extra = " ";
    RtBuf extra_nl = {0};
    if (v_is_number(*keyh)) *pkey = key_from_index(iso, (uint32_t)v_num(*keyh));
    else if ((st = vm_to_key(iso, *keyh, pkey)) != MJS_OK) goto done;
    PropDesc d;
    bool enumerable = true, has_get = false, has_set = false;
    if (obj_get_own(iso, *objh, *pkey, &d)) {
        enumerable = (d.attrs & P_ENUMERABLE) != 0;
        if (d.attrs & P_ACCESSOR) {
            has_get = !v_is_undef(d.getter) && d.getter != V_HOLE;
            has_set = !v_is_undef(d.setter) && d.setter != V_HOLE;
            *val = has_get ? d.getter : V_UNDEF;
        } else {
            *val = d.value;
        }
    } else {
        if ((st = obj_get(iso, *objh, *pkey, val)) != MJS_OK) goto done;
    }
    if (!has_get && !has_set && !v_is_undef(*val)) {
        int diff = (c->o.compact != RT_COMPACT_TRUE || type != K_OBJECT_TYPE) ? 2 : 3;
        c->indentation_lvl += diff;
        st = rt_fmt_value(c, *val, rt, &str);
        if (st == MJS_OK && diff == 3 && (size_t)c->o.break_length < rt_string_width(str.p, str.len, c->o.colors)) {
            rt_buf_putc(&extra_nl, '\n');
            rt_buf_spaces(&extra_nl, c->indentation_lvl);
            extra = extra_nl.p;
        }
        c->indentation_lvl -= diff;
        if (st != MJS_OK) goto done;
    } else if (has_get) {
        const char *label = has_set ? "Getter/Setter" : "Getter";
        if (c->o.getters) {
            Value *res = vm_handle(iso, V_UNDEF);
            if (vm_call(iso, *val, *objh, 0, NULL, res) != MJS_OK) {
                Value *exc = vm_handle(iso, vm_take_exception(iso));
                Value *msg = vm_handle(iso, V_UNDEF);
                rt_buf_printf(&str, "[%s: <Inspection threw (", label);
                if (v_is_object(*exc) && obj_get(iso, *exc, ATOM(iso, message), msg) == MJS_OK) {
                    if (!v_is_string(*msg) && vm_to_string(iso, *msg, msg) != MJS_OK) clear_exception(iso);
                    put_str_utf8(iso, &str, *msg);
                } else {
                    clear_exception(iso);
                    rt_buf_puts(&str, "undefined");
                }
                rt_buf_puts(&str, ")>]");
            } else {
                c->indentation_lvl += 2;
                RtBuf t = {0};
                rt_buf_printf(&t, "[%s", label);
                if (v_is_null(*res)) {
                    rt_buf_putc(&t, ':');
                    rt_stylize(c, &str, t.p, t.len, ST_SPECIAL);
                    rt_buf_putc(&str, ' ');
                    rt_stylize_cstr(c, &str, "null", ST_NULL);
                    rt_stylize_cstr(c, &str, "]", ST_SPECIAL);
                } else if (v_is_object(*res)) {
                    rt_buf_putc(&t, ']');
                    rt_stylize(c, &str, t.p, t.len, ST_SPECIAL);
                    rt_buf_putc(&str, ' ');
                    st = rt_fmt_value(c, *res, rt, &str);
                } else {
                    rt_buf_putc(&t, ':');
                    rt_stylize(c, &str, t.p, t.len, ST_SPECIAL);
                    rt_buf_putc(&str, ' ');
                    fmt_primitive(c, *res, &str, true);
                    rt_stylize_cstr(c, &str, "]", ST_SPECIAL);
                }
                rt_buf_free(&t);
                c->indentation_lvl -= 2;
                if (st != MJS_OK) goto done;
            }
        } else {
            RtBuf t = {0};
            rt_buf_printf(&t, "[%s]", label);
            rt_stylize(c, &str, t.p, t.len, ST_SPECIAL);
            rt_buf_free(&t);
        }
    } else if (has_set) {
        rt_stylize_cstr(c, &str, "[Setter]", ST_SPECIAL);
    } else {
        rt_stylize_cstr(c, &str, "undefined", ST_UNDEFINED);
    }
    if (type == K_ARRAY_TYPE) {
        rt_buf_put(out, str.p, str.len);
        goto done;
    }
    if (v_is_symbol(*keyh)) {
        RtBuf s = {0}, e = {0};
        rt_put_symbol(iso, &s, *keyh);
        Value tmp = str_from_utf8(iso, s.p, s.len);
        rt_put_key_escaped(iso, &e, tmp);
        rt_buf_putc(out, '[');
        rt_stylize(c, out, e.p, e.len, ST_SYMBOL);
        rt_buf_putc(out, ']');
        rt_buf_free(&s);
        rt_buf_free(&e);
    } else {
        Value kstr = *keyh;
        if (!v_is_string(kstr)) kstr = key_to_string(iso, kstr);
        kstr = str_flatten(iso, kstr);
        RtBuf ks = {0};
        rt_buf_put_jsstr(iso, &ks, kstr);
        if (strcmp(ks.p, "__proto__") == 0) {
            rt_buf_puts(out, "['__proto__']");
        } else if (!enumerable) {
            rt_buf_putc(out, '[');
            rt_put_key_escaped(iso, out, kstr);
            rt_buf_putc(out, ']');
        } else if (rt_is_identifier_key(kstr)) {
            rt_buf_put(out, ks.p, ks.len);
        } else {
            RtBuf e = {0};
            rt_put_escaped(iso, &e, kstr, 0, str_length(kstr));
            rt_stylize(c, out, e.p, e.len, ST_STRING);
            rt_buf_free(&e);
        }
        rt_buf_free(&ks);
    }
    rt_buf_putc(out, ':');
    rt_buf_puts(out, extra);
    rt_buf_put(out, str.p, str.len);
done:
    rt_buf_free(&str);
    rt_buf_free(&extra_nl);
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- formatRaw */

static Status fmt_raw(InspectCtx *c, Value *vh, int rt, RtBuf *out) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Status st = MJS_OK;
    RtBuf ctor_buf = {0}, tag = {0}, base = {0}, brace0 = {0};
    const char *brace1 = "}";
    RtList output = {0};
    Value *keys = vm_handle(iso, V_UNDEF);
    int formatter = F_NONE, extras = K_OBJECT_TYPE;
    double size = 0;
    bool ctor_null = false, pushed = false;

    if ((st = get_constructor_name(c, vh, rt, &ctor_buf, &ctor_null)) != MJS_OK) goto done;
    const char *ctor = ctor_null ? NULL : (ctor_buf.p ? ctor_buf.p : "");
    if ((st = get_tag(c, vh, &tag)) != MJS_OK) goto done;
    if (!tag.p) rt_buf_puts(&tag, "");

    bool no_iterator = true;
    bool iter_branch = ctor_null;
    if (!iter_branch && v_is_symbol(ROOT(iso, R_SYMBOL_ITERATOR))) {
        if ((st = obj_has(iso, *vh, ROOT(iso, R_SYMBOL_ITERATOR), &iter_branch)) != MJS_OK) goto done;
    }
    int type = v_type(*vh);
    if (iter_branch) {
        no_iterator = false;
        if (type == T_ARRAY) {
            uint32_t len = array_length(*vh);
            if (!ctor || strcmp(ctor, "Array") != 0 || tag.len) {
                char sz[32];
                snprintf(sz, sizeof sz, "(%u)", len);
                rt_get_prefix(&brace0, ctor, tag.p, "Array", sz);
            }
            if ((st = non_index_keys(c, vh, keys)) != MJS_OK) goto done;
            rt_buf_putc(&brace0, '[');
            brace1 = "]";
            if (array_length(*vh) == 0 && key_count(keys) == 0) {
                rt_buf_put(out, brace0.p, brace0.len);
                rt_buf_putc(out, ']');
                goto done;
            }
            extras = K_ARRAY_EXTRAS_TYPE;
            formatter = F_ARRAY;
        } else if (type == T_SET_OBJ || type == T_MAP_OBJ) {
            bool is_map = type == T_MAP_OBJ;
            if ((st = get_size(iso, vh, &size)) != MJS_OK) goto done;
            char sz[40];
            snprintf(sz, sizeof sz, "(%.0f)", size);
            rt_get_prefix(&brace0, ctor, tag.p, is_map ? "Map" : "Set", sz);
            *keys = get_keys(c, *vh);
            formatter = is_map ? F_MAP : F_SET;
            if (size == 0 && key_count(keys) == 0) {
                rt_buf_put(out, brace0.p, brace0.len);
                rt_buf_puts(out, "{}");
                goto done;
            }
            rt_buf_putc(&brace0, '{');
        } else {
            no_iterator = true;
        }
    }
    if (no_iterator) {
        *keys = get_keys(c, *vh);
        rt_buf_putc(&brace0, '{');
        if (v_is_callable(*vh)) {
            if ((st = get_function_base(c, vh, ctor, tag.p, &base)) != MJS_OK) goto done;
            if (key_count(keys) == 0) {
                rt_stylize(c, out, base.p, base.len, ST_SPECIAL);
                goto done;
            }
        } else if (ctor && strcmp(ctor, "Object") == 0) {
            if (type == T_ARGUMENTS) {
                brace0.len = 0;
                rt_buf_puts(&brace0, "[Arguments] {");
            } else if (tag.len) {
                brace0.len = 0;
                rt_get_prefix(&brace0, ctor, tag.p, "Object", "");
                rt_buf_putc(&brace0, '{');
            }
            if (key_count(keys) == 0) {
                rt_buf_put(out, brace0.p, brace0.len);
                rt_buf_putc(out, '}');
                goto done;
            }
        } else if (type == T_REGEXP) {
            RtBuf prefix = {0};
            if ((st = get_regexp_base(c, vh, &base)) != MJS_OK) goto done;
            rt_get_prefix(&prefix, ctor, tag.p, "RegExp", "");
            if (strcmp(prefix.p, "RegExp ") != 0) {
                rt_buf_put(&prefix, base.p, base.len);
                rt_buf_free(&base);
                base = prefix;
            } else {
                rt_buf_free(&prefix);
            }
            if (key_count(keys) == 0 || rt > c->o.depth) {
                rt_stylize(c, out, base.p, base.len, ST_REGEXP);
                goto done;
            }
        } else if (type == T_DATE) {
            RtBuf prefix = {0};
            put_iso_date(&base, v_num(*obj_internal(*vh, 0)));
            rt_get_prefix(&prefix, ctor, tag.p, "Date", "");
            if (strcmp(prefix.p, "Date ") != 0) {
                rt_buf_put(&prefix, base.p, base.len);
                rt_buf_free(&base);
                base = prefix;
            } else {
                rt_buf_free(&prefix);
            }
            if (key_count(keys) == 0) {
                rt_stylize(c, out, base.p, base.len, ST_DATE);
                goto done;
            }
        } else if (rt_is_error(iso, *vh)) {
            if ((st = rt_fmt_error(c, vh, ctor, tag.p, keys, &base)) != MJS_OK) goto done;
            if (key_count(keys) == 0) {
                rt_buf_put(out, base.p, base.len);
                goto done;
            }
        } else if (is_boxed_primitive(*vh)) {
            if (type == T_STRING_OBJ && (st = drop_index_keys(c, keys)) != MJS_OK) goto done;
            get_boxed_base(c, vh, key_count(keys), ctor, tag.p, &base);
            if (key_count(keys) == 0) {
                rt_buf_put(out, base.p, base.len);
                goto done;
            }
        } else {
            brace0.len = 0;
            get_ctx_style(&brace0, *vh, ctor, tag.p);
            if (key_count(keys) == 0) {
                rt_buf_put(out, brace0.p, brace0.len);
                rt_buf_puts(out, "{}");
                goto done;
            }
            rt_buf_putc(&brace0, '{');
        }
    }

    if (rt > c->o.depth) {
        RtBuf name = {0}, t = {0};
        get_ctx_style(&name, *vh, ctor, tag.p);
        if (name.len) name.p[--name.len] = 0; /* drop the trailing space */
        if (ctor) rt_buf_printf(&t, "[%s]", name.p);
        else rt_buf_put(&t, name.p, name.len);
        rt_stylize(c, out, t.p, t.len, ST_SPECIAL);
        rt_buf_free(&name);
        rt_buf_free(&t);
        goto done;
    }
    rt++;
    if (c->nesting >= MAX_NESTING) {
        RtBuf name = {0}, t = {0};
        get_ctx_style(&name, *vh, ctor, tag.p);
        if (name.len) name.p[--name.len] = 0;
        rt_buf_printf(&t, "[%s: Inspection interrupted prematurely. Maximum call stack size exceeded.]", name.p);
        rt_stylize(c, out, t.p, t.len, ST_SPECIAL);
        rt_buf_free(&name);
        rt_buf_free(&t);
        goto done;
    }
    if (c->seen_n == c->seen_cap) {
        int cap = c->seen_cap ? c->seen_cap * 2 : 16;
        Value **s = realloc(c->seen, (size_t)cap * sizeof(Value *));
        if (!s) abort();
        c->seen = s;
        c->seen_cap = cap;
    }
    c->seen[c->seen_n++] = vh;
    pushed = true;
    c->current_depth = rt;
    c->nesting++;
    if (formatter == F_ARRAY) st = fmt_array(c, vh, rt, &output);
    else if (formatter == F_SET || formatter == F_MAP) st = fmt_collection(c, vh, rt, formatter == F_MAP, size, &output);
    for (uint32_t i = 0; st == MJS_OK && i < key_count(keys); i++) {
        RtBuf e = {0};
        st = rt_fmt_property(c, vh, rt, array_get_own(*keys, i), extras, &e);
        if (st == MJS_OK) rt_list_push(&output, &e);
        else rt_buf_free(&e);
    }
    c->nesting--;
    if (st != MJS_OK) goto done;

    if (v_is_array(*c->circular)) {
        Value circ = *c->circular;
        for (uint32_t i = 0; i < array_length(circ); i++) {
            if (array_get_own(circ, i) != *vh) continue;
            RtBuf ref = {0}, r = {0};
            rt_buf_printf(&r, "<ref *%u>", i + 1);
            rt_stylize(c, &ref, r.p, r.len, ST_SPECIAL);
            rt_buf_free(&r);
            if (c->o.compact != RT_COMPACT_TRUE) {
                if (base.len) {
                    rt_buf_putc(&ref, ' ');
                    rt_buf_put(&ref, base.p, base.len);
                }
                rt_buf_free(&base);
                base = ref;
            } else {
                rt_buf_putc(&ref, ' ');
                rt_buf_put(&ref, brace0.p, brace0.len);
                rt_buf_free(&brace0);
                brace0 = ref;
            }
            break;
        }
    }
    c->seen_n--;
    pushed = false;

    if (c->o.sorted && output.n > 1) {
        size_t from = extras == K_OBJECT_TYPE ? 0 : output.n - key_count(keys);
        for (size_t i = from + 1; i < output.n; i++) { /* insertion sort: stable, small n */
            RtBuf t = output.items[i];
            size_t j = i;
            while (j > from && strcmp(output.items[j - 1].p, t.p) > 0) {
                output.items[j] = output.items[j - 1];
                j--;
            }
            output.items[j] = t;
        }
    }

    {
        if (!base.p) rt_buf_puts(&base, "");
        RtBuf res = {0};
        rt_reduce_to_single_string(c, &output, &base, brace0.p, brace1, extras, rt, vh, &res);
        /* Budget: once one indentation level has produced ~128 MB, stop descending. */
        int lvl = c->indentation_lvl;
        if (lvl >= c->budget_cap) {
            int cap = lvl + 16;
            size_t *b = realloc(c->budget, (size_t)cap * sizeof(size_t));
            if (!b) abort();
            memset(b + c->budget_cap, 0, (size_t)(cap - c->budget_cap) * sizeof(size_t));
            c->budget = b;
            c->budget_cap = cap;
        }
        c->budget[lvl] += res.len;
        if (c->budget[lvl] > ((size_t)1 << 27)) c->o.depth = -1;
        rt_buf_put(out, res.p, res.len);
        rt_buf_free(&res);
    }
done:
    if (pushed) c->seen_n--;
    rt_list_free(&output);
    rt_buf_free(&ctor_buf);
    rt_buf_free(&tag);
    rt_buf_free(&base);
    rt_buf_free(&brace0);
    vm_scope_close(iso, sc);
    return st;
}

/* ---------------------------------------------------------------- custom inspect, entry */

static Value make_user_options(InspectCtx *c) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *o = vm_handle(iso, obj_new(iso));
    const InspectOptions *p = &c->o;
    Value inf = v_double(INFINITY);
    struct {
        const char *k;
        Value v;
    } f[] = {
        {"showHidden", v_bool(p->show_hidden)},
        {"depth", p->depth == INT32_MAX ? inf : v_int(p->depth)},
        {"colors", v_bool(p->colors)},
        {"customInspect", v_bool(c->custom_inspect)},
        {"showProxy", V_FALSE},
        {"maxArrayLength", p->max_array_length == INT32_MAX ? inf : v_int(p->max_array_length)},
        {"maxStringLength", p->max_string_length == INT32_MAX ? inf : v_int(p->max_string_length)},
        {"breakLength", p->break_length == INT32_MAX ? inf : v_int(p->break_length)},
        {"compact", p->compact == RT_COMPACT_TRUE ? V_TRUE : p->compact == 0 ? V_FALSE : v_int(p->compact)},
        {"sorted", v_bool(p->sorted)},
        {"getters", v_bool(p->getters)},
        {"numericSeparator", V_FALSE},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        Value k = atom_from_cstr(iso, f[i].k);
        if (obj_define(iso, *o, k, f[i].v, P_DEFAULT) != MJS_OK) clear_exception(iso);
    }
    Value r = *o;
    vm_scope_close(iso, sc);
    return r;
}

/* value[inspect.custom](depth, options, inspect), when defined; *done says it answered. */
static Status try_custom(InspectCtx *c, Value *vh, int rt, RtBuf *out, bool *done) {
    Isolate *iso = c->iso;
    *done = false;
    Value sym = rt_pget(rt_state(iso)->sym_custom);
    if (!v_is_symbol(sym)) return MJS_OK;
    size_t sc = vm_scope_open(iso);
    Value *fn = vm_handle(iso, V_UNDEF);
    Value *t = vm_handle(iso, V_UNDEF);
    Status st = obj_get(iso, *vh, sym, fn);
    if (st != MJS_OK || !v_is_callable(*fn) || *fn == rt_pget(rt_state(iso)->inspect_fn)) goto end;
    PropDesc d;
    if (obj_get_own(iso, *vh, ATOM(iso, constructor), &d) && !(d.attrs & P_ACCESSOR) && v_is_object(d.value)) {
        *t = d.value;
        if ((st = obj_get(iso, *t, ATOM(iso, prototype), t)) != MJS_OK) goto end;
        if (*t == *vh) goto end; /* a prototype object: not its own custom inspector */
    }
    {
        Value *opts = vm_handle(iso, make_user_options(c));
        Value args[3];
        args[0] = c->o.depth == INT32_MAX ? V_NULL : v_number((double)c->o.depth - rt);
        args[1] = *opts;
        args[2] = rt_pget(rt_state(iso)->inspect_fn);
        if ((st = vm_call(iso, *fn, *vh, 3, args, t)) != MJS_OK) goto end;
    }
    if (*t == *vh) goto end;
    *done = true;
    if (!v_is_string(*t)) {
        st = rt_fmt_value(c, *t, rt, out);
    } else {
        RtBuf s = {0};
        rt_buf_put_jsstr(iso, &s, *t);
        for (size_t i = 0; i < s.len; i++) {
            rt_buf_putc(out, s.p[i]);
            if (s.p[i] == '\n') rt_buf_spaces(out, c->indentation_lvl);
        }
        rt_buf_free(&s);
    }
end:
    vm_scope_close(iso, sc);
    return st;
}

Status rt_fmt_value(InspectCtx *c, Value v, int rt, RtBuf *out) {
    if (!v_is_object(v)) {
        fmt_primitive(c, v, out, true);
        return MJS_OK;
    }
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *vh = vm_handle(iso, v);
    Status st = MJS_OK;
    if (c->custom_inspect) {
        bool done = false;
        st = try_custom(c, vh, rt, out, &done);
        if (st != MJS_OK || done) goto end;
    }
    for (int i = 0; i < c->seen_n; i++) {
        if (*c->seen[i] != *vh) continue;
        if (!v_is_array(*c->circular)) *c->circular = array_new(iso, 0);
        uint32_t n = array_length(*c->circular), index = 0;
        for (uint32_t j = 0; j < n; j++)
            if (array_get_own(*c->circular, j) == *vh) index = j + 1;
        if (index == 0) {
            if ((st = array_push(iso, *c->circular, *vh)) != MJS_OK) goto end;
            index = n + 1;
        }
        RtBuf t = {0};
        rt_buf_printf(&t, "[Circular *%u]", index);
        rt_stylize(c, out, t.p, t.len, ST_SPECIAL);
        rt_buf_free(&t);
        goto end;
    }
    st = fmt_raw(c, vh, rt, out);
end:
    vm_scope_close(iso, sc);
    return st;
}

void rt_inspect_defaults(InspectOptions *o) {
    o->depth = 2;
    o->compact = 3;
    o->break_length = 80;
    o->max_array_length = 100;
    o->max_string_length = 10000;
    o->show_hidden = o->colors = o->sorted = o->getters = false;
    o->custom_inspect = true;
}

Status rt_inspect_to_buf(Isolate *iso, Value v, const InspectOptions *o, RtBuf *out) {
    InspectCtx c = {.iso = iso, .o = *o, .custom_inspect = o->custom_inspect};
    size_t sc = vm_scope_open(iso);
    c.circular = vm_handle(iso, V_UNDEF);
    Status st = rt_fmt_value(&c, v, 0, out);
    vm_scope_close(iso, sc);
    free(c.seen);
    free(c.budget);
    if (!out->p) rt_buf_puts(out, "");
    return st;
}

Status rt_inspect(Isolate *iso, Value v, bool top_level_string_raw, Value *out) {
    if (top_level_string_raw && v_is_string(v)) {
        *out = v;
        return MJS_OK;
    }
    InspectOptions o;
    rt_inspect_defaults(&o);
    RtBuf b = {0};
    Status st = rt_inspect_to_buf(iso, v, &o, &b);
    if (st == MJS_OK) *out = str_from_utf8(iso, b.p, b.len);
    rt_buf_free(&b);
    return st;
}
