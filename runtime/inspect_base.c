/* inspect_base.c: what util.inspect prints before an object's braces (node v20): the
 * constructor name (getConstructorName), Symbol.toStringTag, prefixes, function and class
 * bases, dates, regexps and boxed primitives; plus the key lists of getKeys and
 * getOwnNonIndexProperties. GC: values needed across allocations are held in handles.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"

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
    case T_PROMISE: return "Promise";
    case T_NUMBER_OBJ: return "Number";
    case T_STRING_OBJ: return "String";
    case T_BOOLEAN_OBJ: return "Boolean";
    default: return "Object";
    }
}

/* getCtxStyle: the prefix for objects, with a fallback name for null prototypes. */
void rt_ctx_style(RtBuf *out, Value v, const char *ctor, const char *tag) {
    const char *fallback = "";
    if (!ctor) {
        fallback = internal_ctor_name(v);
        if (strcmp(fallback, tag) == 0) fallback = "Object";
    }
    rt_get_prefix(out, ctor, tag, fallback, "");
}

void rt_remaining_text(RtList *output, double remaining) {
    RtBuf b = {0};
    rt_buf_printf(&b, "... %.0f more item%s", remaining, remaining > 1 ? "s" : "");
    rt_list_push(output, &b);
}

void rt_put_str_utf8(Isolate *iso, RtBuf *b, Value s) {
    if (v_is_string(s)) rt_buf_put_jsstr(iso, b, s);
}


/* ---------------------------------------------------------------- keys */

static bool is_index_string(Isolate *iso, Value k) { return v_is_string(k) && str_array_index(iso, k) >= 0; }

/* getKeys: own enumerable string keys then enumerable symbols (all of them if showHidden). */
Value rt_insp_keys(InspectCtx *c, Value v) {
    return obj_own_keys(c->iso, v, (c->o.show_hidden ? 0 : KEYS_ENUMERABLE_ONLY) | KEYS_INCLUDE_SYMBOLS);
}

/* Keys without the array-index ones (getOwnNonIndexProperties; boxed strings' indices). */
Status rt_drop_index_keys(InspectCtx *c, Value *keysh) {
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
Status rt_non_index_keys(InspectCtx *c, Value *vh, Value *keysh) {
    Isolate *iso = c->iso;
    Map *m = v_jsobj(*vh)->map;
    if ((m->flags & MAP_DICTIONARY) || (!v_is_ptr(m->descriptors) && m->prop_count)) {
        *keysh = obj_own_keys(iso, *vh, (c->o.show_hidden ? 0 : KEYS_ENUMERABLE_ONLY) | KEYS_INCLUDE_SYMBOLS);
        return rt_drop_index_keys(c, keysh);
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


/* ---------------------------------------------------------------- constructor name */

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

Status rt_constructor_name(InspectCtx *c, Value *vh, int rt, RtBuf *name, bool *is_null) {
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
        if ((st = rt_constructor_name(c, first_proto, rt + 1, &inner, &inner_null)) != MJS_OK) {
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
Status rt_to_string_tag(InspectCtx *c, Value *vh, RtBuf *tag) {
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

Status rt_function_base(InspectCtx *c, Value *vh, const char *ctor, const char *tag, RtBuf *base) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Status st = MJS_OK;
    RtBuf src = {0};
    Value *t = vm_handle(iso, vm_function_source(iso, *vh));
    rt_put_str_utf8(iso, &src, *t);
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

void rt_put_iso_date(RtBuf *b, double t) {
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

Status rt_regexp_base(InspectCtx *c, Value *vh, RtBuf *base) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *t = vm_handle(iso, V_UNDEF);
    Status st;
    rt_buf_putc(base, '/');
    if ((st = rt_get_named(iso, vh, "source", t)) != MJS_OK) goto done;
    rt_put_str_utf8(iso, base, *t);
    rt_buf_putc(base, '/');
    if ((st = rt_get_named(iso, vh, "flags", t)) != MJS_OK) goto done;
    rt_put_str_utf8(iso, base, *t);
done:
    vm_scope_close(iso, sc);
    return st;
}

/* Object(Symbol()): an ordinary object whose first internal slot holds the symbol. */
static bool is_boxed_symbol(Value v) {
    Map *m = v_jsobj(v)->map;
    return (m->type == T_SYMBOL_OBJ || m->type == T_OBJECT) && m->internal_count >= 1 && v_is_symbol(*obj_internal(v, 0));
}

bool rt_is_boxed_primitive(Value v) {
    int t = v_type(v);
    return t == T_NUMBER_OBJ || t == T_STRING_OBJ || t == T_BOOLEAN_OBJ || is_boxed_symbol(v);
}

void rt_boxed_base(InspectCtx *c, Value *vh, uint32_t nkeys, const char *ctor, const char *tag, RtBuf *out) {
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
    rt_fmt_primitive(c, *obj_internal(*vh, 0), &base, false);
    rt_buf_putc(&base, ']');
    if (tag[0] && (!ctor || strcmp(tag, ctor) != 0)) rt_buf_printf(&base, " [%s]", tag);
    if (nkeys != 0 || !c->o.colors) rt_buf_put(out, base.p, base.len);
    else rt_stylize(c, out, base.p, base.len, st);
    rt_buf_free(&base);
}
