/* builtins_json.c: the JSON object and JSON.stringify (parse: builtins_json_parse.c). Output
 * goes to one malloc'd UTF-16 buffer (linear; a property that serialises to nothing is rolled
 * back). The path of open objects, in a handle-held FixedArray, finds cycles and words V8's
 * message; nesting past JSON_MAX_DEPTH is a RangeError like V8's stack check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins_json_int.h"

#define JSON_MAX_DEPTH 4175

typedef struct Json {
    Isolate *iso;
    uint16_t *buf;
    size_t len, cap;
    bool two_byte;
    Value *replacer;  /* function or V_UNDEF */
    Value *props;     /* array of canonical keys (replacer array) or V_UNDEF */
    Value *stack;     /* FixedArray of [object, key it was reached by] */
    uint32_t depth;
    uint16_t gap[10];
    int gap_len;
} Json;

static void out_grow(Json *js, size_t n) {
    if (js->len + n <= js->cap) return;
    js->cap = (js->len + n) * 2 + 64;
    js->buf = realloc(js->buf, sizeof(uint16_t) * js->cap);
    if (!js->buf) abort();
}

static void out_c(Json *js, const char *s) {
    size_t n = strlen(s);
    out_grow(js, n);
    for (size_t i = 0; i < n; i++) js->buf[js->len++] = (uint8_t)s[i];
}

static void out_unit(Json *js, uint16_t c) {
    out_grow(js, 1);
    js->buf[js->len++] = c;
    if (c > 0xFF) js->two_byte = true;
}

static void out_newline_indent(Json *js) {
    if (!js->gap_len) return;
    out_grow(js, 1 + (size_t)js->gap_len * js->depth);
    js->buf[js->len++] = '\n';
    for (uint32_t d = 0; d < js->depth; d++)
        for (int i = 0; i < js->gap_len; i++) out_unit(js, js->gap[i]);
}

/* QuoteJSONString: escapes as V8 does, lone surrogates as \udxxx. */
static void out_quoted(Json *js, Value s) {
    static const char hex[] = "0123456789abcdef";
    Value flat = str_flatten(js->iso, s);
    uint32_t n = str_length(flat);
    out_grow(js, (size_t)n + 2);
    js->buf[js->len++] = '"';
    if (!str_is_two_byte(flat)) {
        /* One-byte: copy plain runs straight into the buffer (room for n units is there;
         * each escape makes room for the rest again). */
        const uint8_t *u = v_str(flat)->u.latin1;
        for (uint32_t i = 0; i < n; i++) {
            uint8_t c = u[i];
            if (c >= 0x20 && c != '"' && c != '\\') {
                js->buf[js->len++] = c;
                continue;
            }
            static const char hexd[] = "0123456789abcdef";
            char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
            switch (c) {
            case '"': esc[1] = '"'; break;
            case '\\': esc[1] = '\\'; break;
            case '\b': esc[1] = 'b'; break;
            case '\f': esc[1] = 'f'; break;
            case '\n': esc[1] = 'n'; break;
            case '\r': esc[1] = 'r'; break;
            case '\t': esc[1] = 't'; break;
            default:
                esc[1] = 'u';
                esc[2] = esc[3] = '0';
                esc[4] = hexd[c >> 4];
                esc[5] = hexd[c & 15];
            }
            out_c(js, esc);
            out_grow(js, (size_t)(n - i) + 1);
        }
        js->buf[js->len++] = '"';
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(flat, i);
        const char *esc = NULL;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default: break;
        }
        if (esc) {
            out_c(js, esc);
            continue;
        }
        bool lone = false;
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (i + 1 < n && str_char(flat, i + 1) >= 0xDC00 && str_char(flat, i + 1) <= 0xDFFF) {
                out_unit(js, c);
                out_unit(js, str_char(flat, ++i));
                continue;
            }
            lone = true;
        } else if (c >= 0xDC00 && c <= 0xDFFF) {
            lone = true;
        }
        if (c < 0x20 || lone) {
            char u[7] = {'\\', 'u', hex[c >> 12], hex[(c >> 8) & 15], hex[(c >> 4) & 15],
                         hex[c & 15], 0};
            out_c(js, u);
        } else {
            out_unit(js, c);
        }
    }
    out_unit(js, '"');
}

/* ---------------------------------------------------------------- cycle message */

/* A growable C string for the message. */
typedef struct MsgBuf {
    char *p;
    size_t len, cap;
} MsgBuf;

static void msg_put(MsgBuf *b, const char *s) {
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p) abort();
    }
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

/* Constructor name for the circular-structure message: the first `constructor` data
 * property on the prototype chain, if it is a named function; else "Object". */
static char *ctor_name(Isolate *iso, Value obj) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, obj_get_proto(obj));
    char *out = NULL;
    for (int guard = 0; v_is_object(*h) && guard < 10000; guard++) {
        PropDesc pd;
        if (obj_get_own(iso, *h, ATOM(iso, constructor), &pd)) {
            if (!(pd.attrs & P_ACCESSOR) && v_is_callable(pd.value)) {
                Value name = vm_function_name(iso, pd.value);
                if (v_is_string(name) && str_length(name) > 0) out = str_to_utf8(iso, name, NULL);
            }
            break;
        }
        *h = obj_get_proto(*h);
    }
    vm_scope_close(iso, mark);
    return out ? out : strdup("Object");
}

static void msg_key(Isolate *iso, MsgBuf *b, Value key) {
    if (v_is_int(key)) {
        char num[32];
        snprintf(num, sizeof num, "index %d", v_int_val(key));
        msg_put(b, num);
        return;
    }
    char *k = str_to_utf8(iso, key_to_string(iso, key), NULL);
    msg_put(b, "property '");
    msg_put(b, k);
    msg_put(b, "'");
    free(k);
}

/* Line for path entry i; entries are re-read after each call that may allocate. */
static void msg_line(Json *js, MsgBuf *b, uint32_t i) {
    Isolate *iso = js->iso;
    msg_put(b, "\n    |     ");
    msg_key(iso, b, v_fixed(*js->stack)->items[2 * i + 1]);
    char *c = ctor_name(iso, v_fixed(*js->stack)->items[2 * i]);
    msg_put(b, " -> object with constructor '");
    msg_put(b, c);
    msg_put(b, "'");
    free(c);
}

/* The path from the repeated object (at stack index start) down to the key that closes it. */
static Status throw_circular(Json *js, uint32_t start, Value *closing_key) {
    Isolate *iso = js->iso;
    MsgBuf b = {0};
    msg_put(&b, "Converting circular structure to JSON\n    --> starting at object with "
                "constructor '");
    char *c = ctor_name(iso, v_fixed(*js->stack)->items[2 * start]);
    msg_put(&b, c);
    msg_put(&b, "'");
    free(c);
    uint32_t size = js->depth, prefix_end = start + 3 < size ? start + 3 : size;
    for (uint32_t i = start + 1; i < prefix_end; i++)
        msg_line(js, &b, i);
    if (size > prefix_end + 1) msg_put(&b, "\n    |     ...");
    uint32_t postfix_start = size - 1 > prefix_end ? size - 1 : prefix_end;
    for (uint32_t i = postfix_start; i < size; i++)
        msg_line(js, &b, i);
    msg_put(&b, "\n    --- ");
    msg_key(iso, &b, *closing_key);
    msg_put(&b, " closes the circle");
    vm_throw_error(iso, E_TYPE, "%s", b.p ? b.p : "");
    free(b.p);
    return MJS_EXC;
}

/* Push obj (reached by key) on the path, or throw on a cycle or too deep a nesting. */
static Status enter(Json *js, Value *obj, Value *key) {
    for (uint32_t i = 0; i < js->depth; i++)
        if (v_fixed(*js->stack)->items[2 * i] == *obj) return throw_circular(js, i, key);
    if (js->depth >= JSON_MAX_DEPTH)
        return vm_throw_error(js->iso, E_RANGE, "Maximum call stack size exceeded");
    if (2 * (size_t)js->depth + 2 > v_fixed(*js->stack)->length) {
        size_t n = v_fixed(*js->stack)->length;
        Value g = fixed_new(js->iso, 2 * n);
        FixedArray *src = v_fixed(*js->stack), *dst = v_fixed(g);
        memcpy(dst->items, src->items, sizeof(Value) * n);
        gc_write_barrier_range(js->iso->heap, dst, (GcWord *)dst->items, n);
        *js->stack = g;
    }
    FixedArray *s = v_fixed(*js->stack);
    vm_store(js->iso, s, &s->items[2 * js->depth], *obj);
    vm_store(js->iso, s, &s->items[2 * js->depth + 1], *key);
    js->depth++;
    return MJS_OK;
}

static void leave(Json *js) {
    js->depth--;
    FixedArray *s = v_fixed(*js->stack);
    s->items[2 * js->depth] = V_HOLE;
    s->items[2 * js->depth + 1] = V_HOLE;
}

/* ---------------------------------------------------------------- serialisation */

static Status ser_prop(Json *js, Value *holder, Value *key, Value *val, bool *wrote);

static Status ser_object(Json *js, Value *obj, Value *key) {
    Isolate *iso = js->iso;
    if (enter(js, obj, key)) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *keys = vm_handle(iso, *js->props != V_UNDEF ? *js->props
                                                         : obj_own_keys(iso, *obj, KEYS_ENUMERABLE_ONLY));
    Value *k = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    bool first = true;
    out_unit(js, '{');
    uint32_t n = array_length(*keys);
    for (uint32_t i = 0; i < n; i++) {
        if (vm_to_key(iso, array_get_own(*keys, i), k) || obj_get(iso, *obj, *k, v)) goto fail;
        size_t rollback = js->len;
        if (!first) out_unit(js, ',');
        out_newline_indent(js);
        /* Own keys come as strings already; replacer-array keys are canonical keys. */
        Value ks = array_get_own(*keys, i);
        out_quoted(js, v_is_string(ks) ? ks : key_to_string(iso, *k));
        out_unit(js, ':');
        if (js->gap_len) out_unit(js, ' ');
        bool wrote;
        if (ser_prop(js, obj, k, v, &wrote)) goto fail;
        if (wrote) first = false;
        else js->len = rollback;
    }
    js->depth--;
    if (!first) out_newline_indent(js);
    js->depth++;
    out_unit(js, '}');
    leave(js);
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    leave(js);
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status ser_array(Json *js, Value *arr, Value *key) {
    Isolate *iso = js->iso;
    if (enter(js, arr, key)) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *k = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    uint32_t len = array_length(*arr);
    out_unit(js, '[');
    for (uint32_t i = 0; i < len; i++) {
        if (i) out_unit(js, ',');
        out_newline_indent(js);
        *k = key_from_index(iso, i);
        Value e = array_get_own(*arr, i);
        if (e == V_HOLE || (v_is_ptr(e) && v_type(e) == T_ACCESSOR_PAIR)) {
            if (obj_get(iso, *arr, *k, v)) goto fail;
        } else {
            *v = e;
        }
        bool wrote;
        if (ser_prop(js, arr, k, v, &wrote)) goto fail;
        if (!wrote) out_c(js, "null");
    }
    js->depth--;
    if (len) out_newline_indent(js);
    js->depth++;
    out_unit(js, ']');
    leave(js);
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    leave(js);
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* A primitive written as is (no toJSON, no replacer): false if v needs the full path. */
static bool ser_primitive(Json *js, Value v, bool *wrote) {
    *wrote = true;
    if (v == V_NULL) {
        out_c(js, "null");
    } else if (v == V_TRUE) {
        out_c(js, "true");
    } else if (v == V_FALSE) {
        out_c(js, "false");
    } else if (v_is_string(v)) {
        out_quoted(js, v);
    } else if (v_is_number(v)) {
        double d = v_num(v);
        if (d - d == 0) { /* finite */
            char buf[40];
            num_to_cstr(d, buf);
            out_c(js, buf);
        } else {
            out_c(js, "null");
        }
    } else if (v == V_UNDEF || v_is_symbol(v)) {
        *wrote = false;
    } else {
        return false;
    }
    return true;
}

/* SerializeJSONProperty with the value already read: *val (rooted) may be replaced. */
static Status ser_prop(Json *js, Value *holder, Value *key, Value *val, bool *wrote) {
    Isolate *iso = js->iso;
    /* Most values are leaves: no handles, no lookups. */
    if (*js->replacer == V_UNDEF && ser_primitive(js, *val, wrote)) return MJS_OK;
    size_t mark = vm_scope_open(iso);
    Value *f = vm_handle(iso, V_UNDEF), *ks = vm_handle(iso, V_UNDEF);
    *wrote = true;
    if (v_is_object(*val)) {
        if (obj_get(iso, *val, ATOM(iso, toJSON), f)) goto fail;
        if (v_is_callable(*f)) {
            *ks = key_to_string(iso, *key);
            if (vm_call(iso, *f, *val, 1, ks, val)) goto fail;
        }
    }
    if (*js->replacer != V_UNDEF) {
        *ks = key_to_string(iso, *key);
        Value args[2] = {*ks, *val};
        if (vm_call(iso, *js->replacer, *holder, 2, args, val)) goto fail;
    }
    if (v_is_object(*val)) {
        switch (v_type(*val)) {
        case T_NUMBER_OBJ: {
            double d;
            if (vm_to_number(iso, *val, &d)) goto fail;
            *val = v_number(d);
            break;
        }
        case T_STRING_OBJ:
            if (vm_to_string(iso, *val, val)) goto fail;
            break;
        case T_BOOLEAN_OBJ: *val = *obj_internal(*val, 0); break;
        default: break;
        }
    }
    Value v = *val;
    if (ser_primitive(js, v, wrote)) {
        /* written */
    } else if (v_is_object(v) && !v_is_callable(v)) {
        if (v_is_array(v) ? ser_array(js, val, key) : ser_object(js, val, key)) goto fail;
    } else {
        *wrote = false;
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* The replacer array as a list of distinct canonical keys. */
static Status property_list(Isolate *iso, Value *replacer, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *list = vm_handle(iso, array_new(iso, 0)), *v = vm_handle(iso, V_UNDEF);
    Value *lv = vm_handle(iso, V_UNDEF);
    double len;
    if (obj_get(iso, *replacer, ATOM(iso, length), lv) || vm_to_integer(iso, *lv, &len)) goto fail;
    for (double k = 0; k < len; k++) {
        Value key = v_number(k);
        if (vm_to_key(iso, key, v) || obj_get(iso, *replacer, *v, v)) goto fail;
        if (v_is_string(*v) || v_is_number(*v) ||
            (v_is_object(*v) && (v_type(*v) == T_STRING_OBJ || v_type(*v) == T_NUMBER_OBJ))) {
            if (vm_to_string(iso, *v, v) || vm_to_key(iso, *v, v)) goto fail;
            uint32_t n = array_length(*list);
            bool dup = false;
            for (uint32_t i = 0; i < n && !dup; i++) dup = array_get_own(*list, i) == *v;
            if (!dup && array_push(iso, *list, *v)) goto fail;
        }
    }
    *out = *list;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* The gap: up to 10 spaces for a number, the first 10 units of a string. */
static Status set_gap(Json *js, Value *space) {
    Isolate *iso = js->iso;
    if (v_is_object(*space)) {
        if (v_type(*space) == T_NUMBER_OBJ) {
            double d;
            if (vm_to_number(iso, *space, &d)) return MJS_EXC;
            *space = v_number(d);
        } else if (v_type(*space) == T_STRING_OBJ) {
            if (vm_to_string(iso, *space, space)) return MJS_EXC;
        }
    }
    if (v_is_number(*space)) {
        double n;
        if (vm_to_integer(iso, *space, &n)) return MJS_EXC;
        js->gap_len = n < 1 ? 0 : n > 10 ? 10 : (int)n;
        for (int i = 0; i < js->gap_len; i++) js->gap[i] = ' ';
    } else if (v_is_string(*space)) {
        Value flat = str_flatten(iso, *space);
        uint32_t n = str_length(flat);
        js->gap_len = n > 10 ? 10 : (int)n;
        for (int i = 0; i < js->gap_len; i++) js->gap[i] = str_char(flat, (uint32_t)i);
    }
    return MJS_OK;
}

static Status json_stringify(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Json js = {0};
    js.iso = iso;
    js.replacer = vm_handle(iso, V_UNDEF);
    js.props = vm_handle(iso, V_UNDEF);
    js.stack = vm_handle(iso, fixed_new(iso, 32));
    Value *holder = vm_handle(iso, V_UNDEF), *key = vm_handle(iso, ATOM(iso, empty));
    Value *val = vm_handle(iso, argv[0]);
    if (v_is_callable(argv[1])) {
        *js.replacer = argv[1];
        *holder = obj_new(iso);
        if (obj_define(iso, *holder, *key, *val, P_DEFAULT)) goto fail;
    } else if (v_is_array(argv[1])) {
        if (property_list(iso, &argv[1], js.props)) goto fail;
    }
    if (set_gap(&js, &argv[2])) goto fail;
    bool wrote;
    if (ser_prop(&js, holder, key, val, &wrote)) goto fail;
    if (!wrote) {
        *ret = V_UNDEF;
    } else if (js.two_byte) {
        *ret = str_from_utf16(iso, js.buf, js.len);
    } else {
        uint8_t *b8 = malloc(js.len ? js.len : 1);
        if (!b8) abort();
        for (size_t i = 0; i < js.len; i++) b8[i] = (uint8_t)js.buf[i];
        *ret = str_from_latin1(iso, b8, js.len);
        free(b8);
    }
    free(js.buf);
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    free(js.buf);
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

void rt_install_json(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    Value *json = vm_handle(iso, obj_new(iso));
    vm_def_native(iso, *json, "parse", rt_json_parse, 2);
    vm_def_native(iso, *json, "stringify", json_stringify, 3);
    rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
    Value tag = atom_from_cstr(iso, "JSON");
    if (obj_define(iso, *json, ROOT(iso, R_SYMBOL_TO_STRING_TAG), tag, P_CONFIGURABLE))
        (void)vm_take_exception(iso);
    vm_def_value(iso, ROOT(iso, R_GLOBAL), "JSON", *json, P_HIDDEN);
    vm_scope_close(iso, mark);
}
