/* inspect_error.c: how util.inspect prints errors (node v20 formatError): the stack with the
 * constructor name worked in (improveStack), frames shared with err.cause folded, message
 * and stack keys hidden, 'cause' and 'errors' added, indentation for nested errors.
 * Text work is done on UTF-8 copies; JS values stay in handles.
 */
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"

bool rt_is_error(Isolate *iso, Value v) {
    if (!v_is_object(v)) return false;
    if (v_type(v) == T_ERROR) return true;
    Value proto = ROOT(iso, R_ERROR_PROTO);
    for (Value p = obj_get_proto(v); v_is_object(p); p = obj_get_proto(p))
        if (p == proto) return true;
    return false;
}

static Value atom(Isolate *iso, const char *s) { return atom_from_cstr(iso, s); }

/* Error.prototype.toString, without calling user code beyond the property reads. */
static Status error_to_string(Isolate *iso, Value *errh, RtBuf *out) {
    size_t sc = vm_scope_open(iso);
    Value *name = vm_handle(iso, V_UNDEF), *msg = vm_handle(iso, V_UNDEF);
    Status st;
    if ((st = obj_get(iso, *errh, ATOM(iso, name), name)) != MJS_OK) goto done;
    if (v_is_undef(*name)) *name = ATOM(iso, Error);
    else if ((st = vm_to_string(iso, *name, name)) != MJS_OK) goto done;
    if ((st = obj_get(iso, *errh, ATOM(iso, message), msg)) != MJS_OK) goto done;
    if (v_is_undef(*msg)) *msg = ATOM(iso, empty);
    else if ((st = vm_to_string(iso, *msg, msg)) != MJS_OK) goto done;
    rt_buf_put_jsstr(iso, out, *name);
    if (str_length(*name) && str_length(*msg)) rt_buf_puts(out, ": ");
    rt_buf_put_jsstr(iso, out, *msg);
done:
    vm_scope_close(iso, sc);
    return st;
}

/* getStackString: err.stack if truthy (inspected when not a string), else toString. */
static Status get_stack_string(InspectCtx *c, Value *errh, RtBuf *out) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *stack = vm_handle(iso, V_UNDEF);
    Status st = obj_get(iso, *errh, ATOM(iso, stack), stack);
    if (st == MJS_OK) {
        if (vm_to_boolean(*stack)) {
            if (v_is_string(*stack)) rt_buf_put_jsstr(iso, out, *stack);
            else st = rt_fmt_value(c, *stack, 0, out);
        } else {
            st = error_to_string(iso, errh, out);
        }
    }
    if (!out->p) rt_buf_puts(out, "");
    vm_scope_close(iso, sc);
    return st;
}

static const char *find_from(const char *hay, size_t hlen, size_t from, const char *needle, size_t nlen) {
    if (nlen == 0) return from <= hlen ? hay + from : NULL;
    for (size_t i = from; i + nlen <= hlen; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0) return hay + i;
    return NULL;
}

static bool keys_has(Isolate *iso, const Value *keysh, const char *name) {
    size_t n = strlen(name);
    for (uint32_t i = 0; i < array_length(*keysh); i++) {
        Value k = array_get_own(*keysh, i);
        if (!v_is_string(k) || str_length(k) != n) continue;
        Value f = str_flatten(iso, k);
        bool eq = true;
        for (uint32_t j = 0; j < n && eq; j++) eq = str_char(f, j) == (uint8_t)name[j];
        if (eq) return true;
    }
    return false;
}

/* removeDuplicateErrorKeys, and the 'cause' / 'errors' additions. */
static Status adjust_keys(InspectCtx *c, Value *errh, Value *keysh, const RtBuf *stack) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *t = vm_handle(iso, V_UNDEF);
    Value *res = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    static const char *const names[] = {"name", "message", "stack"};
    if (!c->o.show_hidden && array_length(*keysh) != 0) {
        for (int n = 0; n < 3; n++) {
            if (!keys_has(iso, keysh, names[n])) continue;
            if ((st = rt_get_named(iso, errh, names[n], t)) != MJS_OK) goto done;
            bool drop = !v_is_string(*t);
            if (!drop) {
                RtBuf s = {0};
                rt_buf_put_jsstr(iso, &s, *t);
                drop = find_from(stack->p, stack->len, 0, s.p ? s.p : "", s.len) != NULL;
                rt_buf_free(&s);
            }
            if (!drop) continue;
            *res = array_new(iso, 0);
            for (uint32_t i = 0; i < array_length(*keysh); i++) {
                Value k = array_get_own(*keysh, i);
                Value nk = atom(iso, names[n]);
                k = array_get_own(*keysh, i);
                bool same = v_is_string(k) && str_equals(iso, k, nk);
                if (!same && (st = array_push(iso, *res, array_get_own(*keysh, i))) != MJS_OK) goto done;
            }
            *keysh = *res;
        }
    }
    bool has_cause = false;
    if ((st = obj_has(iso, *errh, ATOM(iso, cause), &has_cause)) != MJS_OK) goto done;
    if (has_cause && !keys_has(iso, keysh, "cause")) {
        if ((st = array_push(iso, *keysh, ATOM(iso, cause))) != MJS_OK) goto done;
    }
    if ((st = rt_get_named(iso, errh, "errors", t)) != MJS_OK) goto done;
    if (v_is_array(*t) && !keys_has(iso, keysh, "errors")) {
        Value ek = atom(iso, "errors");
        if ((st = array_push(iso, *keysh, ek)) != MJS_OK) goto done;
    }
done:
    vm_scope_close(iso, sc);
    return st;
}

static bool ends_with(const char *s, size_t n, const char *suffix) {
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* improveStack: make the first line name the constructor ("MyError: x", "Foo [TypeError]"). */
static void improve_stack(RtBuf *stack, const char *ctor, const char *name, const char *tag) {
    size_t len = strlen(name);
    bool matches = !ctor || (ends_with(name, len, "Error") && stack->len >= len &&
                             memcmp(stack->p, name, len) == 0 &&
                             (stack->len == len || stack->p[len] == ':' || stack->p[len] == '\n'));
    if (!matches) return;
    char fallback_buf[256];
    const char *fallback = "Error";
    if (!ctor) {
        /* /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/ or /^([a-z_A-Z0-9-]*Error)$/ */
        size_t i = 0, found = 0;
        const char *s = stack->p;
        if (stack->len && s[0] >= 'A' && s[0] <= 'Z') {
            i = 1;
            while (i < stack->len && (strchr("abcdefghijklmnopqrstuvwxyz_ ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789[]()-", s[i]) && s[i]))
                i++;
            if (i >= 2 && i < stack->len && (s[i] == ':' || (stack->len - i >= 7 && memcmp(s + i, "\n    at", 7) == 0)))
                found = i;
        }
        if (!found) {
            i = 0;
            while (i < stack->len && (strchr("abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", s[i]) && s[i])) i++;
            if (i == stack->len && ends_with(s, i, "Error")) found = i;
        }
        if (found >= sizeof fallback_buf) found = 0;
        memcpy(fallback_buf, s, found);
        fallback_buf[found] = 0;
        len = found;
        fallback = found ? fallback_buf : "Error";
    }
    RtBuf prefix = {0};
    rt_get_prefix(&prefix, ctor, tag, fallback, "");
    prefix.p[--prefix.len] = 0;
    if (strcmp(name, prefix.p) != 0) {
        RtBuf res = {0};
        if (strstr(prefix.p, name)) {
            if (len == 0) {
                rt_buf_put(&res, prefix.p, prefix.len);
                rt_buf_puts(&res, ": ");
                rt_buf_put(&res, stack->p, stack->len);
            } else {
                rt_buf_put(&res, prefix.p, prefix.len);
                rt_buf_put(&res, stack->p + len, stack->len - len);
            }
        } else {
            rt_buf_printf(&res, "%s [%s]", prefix.p, name);
            rt_buf_put(&res, stack->p + len, stack->len - len);
        }
        rt_buf_free(stack);
        *stack = res;
    }
    rt_buf_free(&prefix);
}

typedef struct Line {
    const char *p;
    size_t n;
} Line;

static Line *split_lines(const char *s, size_t n, size_t *count) {
    size_t cap = 8, k = 0;
    Line *l = malloc(cap * sizeof(Line));
    if (!l) abort();
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\n') {
            if (k == cap) {
                cap *= 2;
                l = realloc(l, cap * sizeof(Line));
                if (!l) abort();
            }
            l[k].p = s + start;
            l[k].n = i - start;
            k++;
            start = i + 1;
        }
    }
    *count = k;
    return l;
}

static bool line_eq(Line a, Line b) { return a.n == b.n && memcmp(a.p, b.p, a.n) == 0; }

/* identicalSequenceRange */
static void identical_range(const Line *a, size_t na, const Line *b, size_t nb, size_t *len_out, size_t *off_out) {
    *len_out = *off_out = 0;
    for (size_t i = 0; i + 3 < na; i++) {
        size_t pos = nb;
        for (size_t j = 0; j < nb; j++)
            if (line_eq(b[j], a[i])) {
                pos = j;
                break;
            }
        if (pos == nb) continue;
        size_t rest = nb - pos;
        if (rest > 3) {
            size_t len = 1, max_len = na - i < rest ? na - i : rest;
            while (max_len > len && line_eq(a[i + len], b[pos + len])) len++;
            if (len > 3) {
                *len_out = len;
                *off_out = i;
                return;
            }
        }
    }
}

/* getStackFrames: the frame lines, with those shared with err.cause's stack folded. */
static Status put_frames(InspectCtx *c, Value *errh, const char *frames, size_t n, RtBuf *out) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *cause = vm_handle(iso, V_UNDEF);
    size_t nl;
    Line *lines = split_lines(frames, n, &nl);
    size_t skip_at = 0, skipped = 0;
    RtBuf cause_stack = {0}, msg = {0};
    if (obj_get(iso, *errh, ATOM(iso, cause), cause) != MJS_OK) {
        (void)vm_take_exception(iso); /* a throwing 'cause' getter is ignored */
        *cause = V_UNDEF;
    }
    if (!v_is_nullish(*cause) && rt_is_error(iso, *cause)) {
        if (get_stack_string(c, cause, &cause_stack) != MJS_OK) {
            rt_buf_free(&cause_stack);
            free(lines);
            vm_scope_close(iso, sc);
            return MJS_EXC;
        }
        const char *at = find_from(cause_stack.p, cause_stack.len, 0, "\n    at", 7);
        if (at) {
            size_t ncl;
            size_t off = (size_t)(at - cause_stack.p) + 1;
            Line *cl = split_lines(cause_stack.p + off, cause_stack.len - off, &ncl);
            size_t len, offset;
            identical_range(lines, nl, cl, ncl, &len, &offset);
            if (len > 0) {
                skipped = len - 2;
                skip_at = offset + 1;
                RtBuf m = {0};
                rt_buf_printf(&m, "    ... %zu lines matching cause stack trace ...", skipped);
                rt_stylize(c, &msg, m.p, m.len, ST_UNDEFINED);
                rt_buf_free(&m);
            }
            free(cl);
        }
    }
    bool first = true;
    for (size_t i = 0; i < nl; i++) {
        if (msg.p && i == skip_at) {
            if (!first) rt_buf_putc(out, '\n');
            rt_buf_put(out, msg.p, msg.len);
            first = false;
            i += skipped;
            if (i >= nl) break;
        }
        if (!first) rt_buf_putc(out, '\n');
        rt_buf_put(out, lines[i].p, lines[i].n);
        first = false;
    }
    if (msg.p && skip_at >= nl) {
        if (!first) rt_buf_putc(out, '\n');
        rt_buf_put(out, msg.p, msg.len);
    }
    rt_buf_free(&msg);
    rt_buf_free(&cause_stack);
    free(lines);
    vm_scope_close(iso, sc);
    return MJS_OK;
}

Status rt_fmt_error(InspectCtx *c, Value *errh, const char *ctor, const char *tag, Value *keysh, RtBuf *out) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *t = vm_handle(iso, V_UNDEF);
    RtBuf name = {0}, stack = {0}, msg = {0};
    Status st;
    if ((st = obj_get(iso, *errh, ATOM(iso, name), t)) != MJS_OK) goto done;
    bool name_is_string = true;
    if (v_is_nullish(*t)) {
        rt_buf_puts(&name, "Error");
    } else {
        name_is_string = v_is_string(*t);
        if (!name_is_string && (st = vm_to_string(iso, *t, t)) != MJS_OK) goto done;
        rt_buf_put_jsstr(iso, &name, *t);
        if (!name.p) rt_buf_puts(&name, "");
    }
    if ((st = get_stack_string(c, errh, &stack)) != MJS_OK) goto done;
    if ((st = adjust_keys(c, errh, keysh, &stack)) != MJS_OK) goto done;
    if (name_is_string) improve_stack(&stack, ctor, name.p, tag);

    /* Skip the message when looking for the first frame (node's `|| -1` quirk kept). */
    if ((st = obj_get(iso, *errh, ATOM(iso, message), t)) != MJS_OK) goto done;
    long pos = -1;
    if (vm_to_boolean(*t)) {
        if (!v_is_string(*t) && (st = vm_to_string(iso, *t, t)) != MJS_OK) goto done;
        rt_buf_put_jsstr(iso, &msg, *t);
        const char *m = find_from(stack.p, stack.len, 0, msg.p ? msg.p : "", msg.len);
        long idx = m ? (long)(m - stack.p) : -1;
        pos = idx ? idx : -1;
        if (pos != -1) pos += (long)msg.len;
    }
    const char *at = find_from(stack.p, stack.len, pos < 0 ? 0 : (size_t)pos, "\n    at", 7);
    RtBuf res = {0};
    if (!at) {
        rt_buf_putc(&res, '[');
        rt_buf_put(&res, stack.p, stack.len);
        rt_buf_putc(&res, ']');
    } else {
        size_t start = (size_t)(at - stack.p);
        rt_buf_put(&res, stack.p, start);
        rt_buf_putc(&res, '\n');
        if ((st = put_frames(c, errh, stack.p + start + 1, stack.len - start - 1, &res)) != MJS_OK) {
            rt_buf_free(&res);
            goto done;
        }
    }
    if (c->indentation_lvl != 0) {
        for (size_t i = 0; i < res.len; i++) {
            rt_buf_putc(out, res.p[i]);
            if (res.p[i] == '\n') rt_buf_spaces(out, c->indentation_lvl);
        }
    } else {
        rt_buf_put(out, res.p, res.len);
    }
    rt_buf_free(&res);
done:
    rt_buf_free(&name);
    rt_buf_free(&stack);
    rt_buf_free(&msg);
    vm_scope_close(iso, sc);
    return st;
}
