/* builtins_json_parse.c: JSON.parse, iterative (open containers on a handle-held FixedArray
 * stack) so any depth parses without C recursion, as in V8. The text is copied once to C
 * memory so scanning never reads a movable string; error messages are node 20's word for
 * word. The reviver walk recurses, bounded like V8's stack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins_json_int.h"

#define TRY(e)                                                                                 \
    do {                                                                                       \
        if ((e) != MJS_OK) goto fail;                                                          \
    } while (0)

#define REVIVER_MAX_DEPTH 2721
/* V8's context window for "Unexpected token" messages. */
#define CONTEXT_CHARS 10
#define MIN_LENGTH_FOR_CONTEXT (2 * CONTEXT_CHARS + 1)

typedef struct Parser {
    Isolate *iso;
    const uint8_t *b8;   /* exactly one of b8/b16 is set */
    const uint16_t *b16;
    size_t len, pos;
    uint16_t *scratch;   /* escape decoding buffer */
    size_t scratch_cap;
} Parser;

static inline uint16_t ch(const Parser *p, size_t i) { return p->b8 ? p->b8[i] : p->b16[i]; }
static inline bool at_end(const Parser *p) { return p->pos >= p->len; }
static inline bool is_digit(uint16_t c) { return c >= '0' && c <= '9'; }

static void skip_ws(Parser *p) {
    while (p->pos < p->len) {
        uint16_t c = ch(p, p->pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        p->pos++;
    }
}

/* UTF-8 of source units [from, to) for messages (malloc'd). */
static char *units_utf8(Parser *p, size_t from, size_t to) {
    Value s = p->b8 ? str_from_latin1(p->iso, p->b8 + from, to - from)
                    : str_from_utf16(p->iso, p->b16 + from, to - from);
    return str_to_utf8(p->iso, s, NULL);
}

static bool source_is(Parser *p, const char *lit) {
    size_t n = strlen(lit);
    if (p->len != n) return false;
    for (size_t i = 0; i < n; i++)
        if (ch(p, i) != (uint8_t)lit[i]) return false;
    return true;
}

/* SyntaxError at p->pos: with a specific message ("... in JSON at position N"), or worded
 * from the unexpected character as V8's LookUpErrorMessageForJsonToken does. */
static Status fail_at(Parser *p, const char *msg) {
    Isolate *iso = p->iso;
    size_t pos = p->pos;
    if (msg) {
        /* "... after JSON at position N" already names JSON. */
        size_t n = strlen(msg);
        bool names_json = n >= 4 && !strcmp(msg + n - 4, "JSON");
        return vm_throw_error(iso, E_SYNTAX, names_json ? "%s at position %zu" : "%s in JSON at position %zu", msg, pos);
    }
    if (pos >= p->len) return vm_throw_error(iso, E_SYNTAX, "Unexpected end of JSON input");
    uint16_t c = ch(p, pos);
    if (c == '"')
        return vm_throw_error(iso, E_SYNTAX, "Unexpected string in JSON at position %zu", pos);
    if (c == '-' || is_digit(c))
        return vm_throw_error(iso, E_SYNTAX, "Unexpected number in JSON at position %zu", pos);
    static const char *const special[] = {"[object Object]", "undefined", "Infinity", "NaN"};
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        if (source_is(p, special[i]))
            return vm_throw_error(iso, E_SYNTAX, "\"%s\" is not valid JSON", special[i]);
    char *tok = units_utf8(p, pos, pos + 1);
    char *ctx;
    Status st;
    if (p->len <= MIN_LENGTH_FOR_CONTEXT) {
        ctx = units_utf8(p, 0, p->len);
        st = vm_throw_error(iso, E_SYNTAX, "Unexpected token '%s', \"%s\" is not valid JSON", tok,
                            ctx);
    } else if (pos < CONTEXT_CHARS) {
        ctx = units_utf8(p, 0, pos + CONTEXT_CHARS);
        st = vm_throw_error(iso, E_SYNTAX, "Unexpected token '%s', \"%s\"... is not valid JSON",
                            tok, ctx);
    } else if (pos < p->len - CONTEXT_CHARS) {
        ctx = units_utf8(p, pos - CONTEXT_CHARS, pos + CONTEXT_CHARS);
        st = vm_throw_error(iso, E_SYNTAX,
                            "Unexpected token '%s', ...\"%s\"... is not valid JSON", tok, ctx);
    } else {
        ctx = units_utf8(p, pos - CONTEXT_CHARS, p->len);
        st = vm_throw_error(iso, E_SYNTAX, "Unexpected token '%s', ...\"%s\" is not valid JSON",
                            tok, ctx);
    }
    free(tok);
    free(ctx);
    return st;
}

static void scratch_put(Parser *p, size_t *n, uint16_t c) {
    if (*n == p->scratch_cap) {
        p->scratch_cap = p->scratch_cap ? 2 * p->scratch_cap : 64;
        p->scratch = realloc(p->scratch, sizeof(uint16_t) * p->scratch_cap);
        if (!p->scratch) abort();
    }
    p->scratch[(*n)++] = c;
}

static int hex_val(uint16_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A string literal at p->pos (the opening quote). */
static Status scan_string(Parser *p, Value *out) {
    size_t start = ++p->pos;
    /* Fast path: no escapes, copied straight from the source. */
    while (p->pos < p->len) {
        uint16_t c = ch(p, p->pos);
        if (c == '"') {
            size_t n = p->pos - start;
            *out = p->b8 ? str_from_latin1(p->iso, p->b8 + start, n)
                         : str_from_utf16(p->iso, p->b16 + start, n);
            p->pos++;
            return MJS_OK;
        }
        if (c == '\\') break;
        if (c < 0x20) return fail_at(p, "Bad control character in string literal");
        p->pos++;
    }
    size_t n = 0;
    for (size_t i = start; i < p->pos; i++) scratch_put(p, &n, ch(p, i));
    for (;;) {
        if (at_end(p)) return fail_at(p, "Unterminated string");
        uint16_t c = ch(p, p->pos);
        if (c == '"') break;
        if (c < 0x20) return fail_at(p, "Bad control character in string literal");
        if (c != '\\') {
            scratch_put(p, &n, c);
            p->pos++;
            continue;
        }
        p->pos++;
        if (at_end(p)) return fail_at(p, NULL);
        c = ch(p, p->pos);
        switch (c) {
        case '"': case '\\': case '/': break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': {
            unsigned v = 0;
            for (int i = 1; i <= 4; i++) {
                int h = p->pos + i < p->len ? hex_val(ch(p, p->pos + i)) : -1;
                if (h < 0) {
                    p->pos += i;
                    return fail_at(p, "Bad Unicode escape");
                }
                v = v * 16 + (unsigned)h;
            }
            p->pos += 4;
            c = (uint16_t)v;
            break;
        }
        default: return fail_at(p, "Bad escaped character");
        }
        scratch_put(p, &n, c);
        p->pos++;
    }
    p->pos++;
    *out = str_from_utf16(p->iso, p->scratch, n);
    return MJS_OK;
}

static Status scan_number(Parser *p, Value *out) {
    size_t start = p->pos;
    if (ch(p, p->pos) == '-') {
        p->pos++;
        if (at_end(p) || !is_digit(ch(p, p->pos))) return fail_at(p, "No number after minus sign");
    }
    if (ch(p, p->pos) == '0') {
        p->pos++;
        if (!at_end(p) && is_digit(ch(p, p->pos))) return fail_at(p, NULL);
    } else {
        while (!at_end(p) && is_digit(ch(p, p->pos))) p->pos++;
    }
    bool integer = true;
    if (!at_end(p) && ch(p, p->pos) == '.') {
        integer = false;
        p->pos++;
        if (at_end(p) || !is_digit(ch(p, p->pos))) return fail_at(p, "Unterminated fractional number");
        while (!at_end(p) && is_digit(ch(p, p->pos))) p->pos++;
    }
    if (!at_end(p) && (ch(p, p->pos) == 'e' || ch(p, p->pos) == 'E')) {
        integer = false;
        p->pos++;
        if (!at_end(p) && (ch(p, p->pos) == '+' || ch(p, p->pos) == '-')) p->pos++;
        if (at_end(p) || !is_digit(ch(p, p->pos)))
            return fail_at(p, "Exponent part is missing a number");
        while (!at_end(p) && is_digit(ch(p, p->pos))) p->pos++;
    }
    size_t n = p->pos - start;
    bool neg = ch(p, start) == '-';
    if (integer && n - neg <= 9 && !(neg && n == 2 && ch(p, start + 1) == '0')) {
        int32_t v = 0;
        for (size_t i = start + neg; i < p->pos; i++) v = v * 10 + (ch(p, i) - '0');
        *out = v_int(neg ? -v : v);
        return MJS_OK;
    }
    char small[64];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) abort();
    for (size_t i = 0; i < n; i++) buf[i] = (char)ch(p, start + i);
    buf[n] = 0;
    *out = v_number(strtod(buf, NULL));
    if (buf != small) free(buf);
    return MJS_OK;
}

/* true / false / null: a mismatch reports the first differing character. */
static Status scan_literal(Parser *p, const char *lit, Value v, Value *out) {
    size_t n = strlen(lit);
    for (size_t i = 0; i < n; i++) {
        if (p->pos + i >= p->len || ch(p, p->pos + i) != (uint8_t)lit[i]) {
            p->pos += i;
            return fail_at(p, NULL);
        }
    }
    p->pos += n;
    *out = v;
    return MJS_OK;
}

/* Property key after '"' was seen: canonical key. */
static Status scan_key(Parser *p, Value *key) {
    if (scan_string(p, key)) return MJS_EXC;
    if (vm_to_key(p->iso, *key, key)) return MJS_EXC;
    skip_ws(p);
    if (at_end(p) || ch(p, p->pos) != ':') return fail_at(p, "Expected ':' after property name");
    p->pos++;
    return MJS_OK;
}

/* Open containers: [container, pending key (objects) or V_HOLE (arrays)] pairs. */
static void stack_push(Isolate *iso, Value *stack, uint32_t *sp, Value container, Value key) {
    size_t mark = vm_scope_open(iso);
    Value *hc = vm_handle(iso, container), *hk = vm_handle(iso, key);
    if (2 * (size_t)*sp + 2 > v_fixed(*stack)->length) {
        size_t n = v_fixed(*stack)->length;
        Value g = fixed_new(iso, 2 * n);
        FixedArray *src = v_fixed(*stack), *dst = v_fixed(g);
        memcpy(dst->items, src->items, sizeof(Value) * n);
        gc_write_barrier_range(iso->heap, dst, (GcWord *)dst->items, n);
        *stack = g;
    }
    FixedArray *s = v_fixed(*stack);
    vm_store(iso, s, &s->items[2 * *sp], *hc);
    vm_store(iso, s, &s->items[2 * *sp + 1], *hk);
    (*sp)++;
    vm_scope_close(iso, mark);
}

static Status parse(Parser *p, Value *result) {
    Isolate *iso = p->iso;
    size_t mark = vm_scope_open(iso);
    Value *stack = vm_handle(iso, fixed_new(iso, 32));
    Value *val = vm_handle(iso, V_UNDEF), *key = vm_handle(iso, V_UNDEF);
    Value *box = vm_handle(iso, V_UNDEF);
    uint32_t sp = 0;
next_value:
    skip_ws(p);
    if (at_end(p)) goto unexpected;
    switch (ch(p, p->pos)) {
    case '"': TRY(scan_string(p, val)); break;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': TRY(scan_number(p, val)); break;
    case 't': TRY(scan_literal(p, "true", V_TRUE, val)); break;
    case 'f': TRY(scan_literal(p, "false", V_FALSE, val)); break;
    case 'n': TRY(scan_literal(p, "null", V_NULL, val)); break;
    case '{':
        p->pos++;
        skip_ws(p);
        if (!at_end(p) && ch(p, p->pos) == '}') {
            p->pos++;
            *val = obj_new(iso);
            break;
        }
        if (at_end(p) || ch(p, p->pos) != '"') {
            fail_at(p, "Expected property name or '}'");
            goto fail;
        }
        TRY(scan_key(p, key));
        *box = obj_new(iso);
        stack_push(iso, stack, &sp, *box, *key);
        goto next_value;
    case '[':
        p->pos++;
        skip_ws(p);
        if (!at_end(p) && ch(p, p->pos) == ']') {
            p->pos++;
            *val = array_new(iso, 0);
            break;
        }
        *box = array_new(iso, 0);
        stack_push(iso, stack, &sp, *box, V_HOLE);
        goto next_value;
    default: goto unexpected;
    }
    /* A complete value: hand it to the innermost open container. */
    while (sp > 0) {
        *box = v_fixed(*stack)->items[2 * (sp - 1)];
        if (v_is_array(*box)) {
            TRY(array_push(iso, *box, *val));
            skip_ws(p);
            if (!at_end(p) && ch(p, p->pos) == ',') {
                p->pos++;
                goto next_value;
            }
            if (at_end(p) || ch(p, p->pos) != ']') {
                fail_at(p, "Expected ',' or ']' after array element");
                goto fail;
            }
        } else {
            TRY(obj_define(iso, *box, v_fixed(*stack)->items[2 * (sp - 1) + 1], *val, P_DEFAULT));
            skip_ws(p);
            if (!at_end(p) && ch(p, p->pos) == ',') {
                p->pos++;
                skip_ws(p);
                if (at_end(p) || ch(p, p->pos) != '"') {
                    fail_at(p, "Expected double-quoted property name");
                    goto fail;
                }
                TRY(scan_key(p, key));
                FixedArray *s = v_fixed(*stack);
                vm_store(iso, s, &s->items[2 * (sp - 1) + 1], *key);
                goto next_value;
            }
            if (at_end(p) || ch(p, p->pos) != '}') {
                fail_at(p, "Expected ',' or '}' after property value");
                goto fail;
            }
        }
        p->pos++;
        *val = *box;
        sp--;
    }
    skip_ws(p);
    if (!at_end(p)) {
        fail_at(p, "Unexpected non-whitespace character after JSON");
        goto fail;
    }
    *result = *val;
    vm_scope_close(iso, mark);
    return MJS_OK;
unexpected:
    fail_at(p, NULL);
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* InternalizeJSONProperty(holder, key): children first, then reviver.call(holder, key, v). */
static Status internalize(Isolate *iso, Value *holder, Value *key, Value *reviver, int depth,
                          Value *out) {
    if (depth > REVIVER_MAX_DEPTH)
        return vm_throw_error(iso, E_RANGE, "Maximum call stack size exceeded");
    size_t mark = vm_scope_open(iso);
    Value *val = vm_handle(iso, V_UNDEF), *keys = vm_handle(iso, V_UNDEF);
    Value *k = vm_handle(iso, V_UNDEF), *nv = vm_handle(iso, V_UNDEF);
    TRY(obj_get(iso, *holder, *key, val));
    if (v_is_object(*val)) {
        bool is_arr = v_is_array(*val);
        double len = 0;
        if (is_arr) {
            len = array_length(*val);
        } else {
            *keys = obj_own_keys(iso, *val, KEYS_ENUMERABLE_ONLY);
            len = array_length(*keys);
        }
        for (double i = 0; i < len; i++) {
            if (is_arr) {
                TRY(vm_to_key(iso, v_number(i), k));
            } else {
                TRY(vm_to_key(iso, array_get_own(*keys, (uint32_t)i), k));
            }
            TRY(internalize(iso, val, k, reviver, depth + 1, nv));
            if (*nv == V_UNDEF) {
                bool deleted;
                TRY(obj_delete(iso, *val, *k, false, &deleted));
            } else if (obj_define(iso, *val, *k, *nv, P_DEFAULT)) {
                /* CreateDataProperty reports failure by its result, not by throwing. */
                (void)vm_take_exception(iso);
            }
        }
    }
    *k = key_to_string(iso, *key);
    Value args[2] = {*k, *val};
    TRY(vm_call(iso, *reviver, *holder, 2, args, out));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

Status rt_json_parse(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (vm_to_string(iso, argv[0], &argv[0])) return MJS_EXC;
    Value flat = str_flatten(iso, argv[0]);
    Parser p = {0};
    p.iso = iso;
    p.len = str_length(flat);
    void *copy = malloc(p.len ? (str_is_two_byte(flat) ? 2 * p.len : p.len) : 1);
    if (!copy) abort();
    if (str_is_two_byte(flat)) {
        memcpy(copy, v_str(flat)->u.utf16, 2 * p.len);
        p.b16 = copy;
    } else {
        memcpy(copy, v_str(flat)->u.latin1, p.len);
        p.b8 = copy;
    }
    size_t mark = vm_scope_open(iso);
    Value *result = vm_handle(iso, V_UNDEF);
    Status st = parse(&p, result);
    free(copy);
    free(p.scratch);
    if (st == MJS_OK && v_is_callable(argv[1])) {
        Value *root = vm_handle(iso, obj_new(iso)), *key = vm_handle(iso, ATOM(iso, empty));
        st = obj_define(iso, *root, *key, *result, P_DEFAULT);
        if (st == MJS_OK) st = internalize(iso, root, key, &argv[1], 0, result);
    }
    if (st == MJS_OK) *ret = *result;
    vm_scope_close(iso, mark);
    return st;
}
