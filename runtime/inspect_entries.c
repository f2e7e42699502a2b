/* inspect_entries.c: util.inspect's entry formatters (node v20 formatPrimitive,
 * formatArray with holes, formatSet, formatMap, map/set iterators, formatProperty): each
 * produces one RtBuf per entry for inspect_layout.c to lay out.
 * GC: the container is read through its handle after every call that may allocate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"

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

void rt_fmt_primitive(InspectCtx *c, Value v, RtBuf *out, bool color) {
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

/* ---------------------------------------------------------------- formatters */

Status rt_fmt_array(InspectCtx *c, Value *vh, int rt, RtList *output) {
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
        if (remaining > 0) rt_remaining_text(output, remaining);
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
        rt_remaining_text(output, remaining);
    }
    return MJS_OK;
}

Status rt_collection_size(Isolate *iso, Value *vh, double *size) {
    Value t;
    if (rt_get_named(iso, vh, "size", &t) != MJS_OK) return MJS_EXC;
    *size = v_is_number(t) ? v_num(t) : 0;
    return MJS_OK;
}

/* formatSet / formatMap: walk the collection with the iteration protocol. */
Status rt_fmt_collection(InspectCtx *c, Value *vh, int rt, bool is_map, double size, RtList *output) {
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
    if (remaining > 0) rt_remaining_text(output, remaining);
done:
    c->indentation_lvl -= 2;
    vm_scope_close(iso, sc);
    return st;
}

/* A Map or Set iterator (vm.h: T_ITERATOR, internal [target, v_int(pos), v_int(kind)]). */
bool rt_collection_iterator_kind(Value v, int *kind) {
    if (v_type(v) != T_ITERATOR || v_jsobj(v)->map->internal_count < 3) return false;
    Value k = *obj_internal(v, 2);
    if (!v_is_int(k)) return false;
    *kind = v_int_val(k);
    return *kind >= ITER_MAP_KEYS && *kind <= ITER_SET_ENTRIES;
}

/* formatIterator: node previews the entries without advancing the iterator; we walk a fresh
 * iterator over the same target from the same position. */
Status rt_fmt_iterator(InspectCtx *c, Value *vh, int rt, int kind, RtList *output) {
    Isolate *iso = c->iso;
    bool pairs = kind == ITER_MAP_ENTRIES || kind == ITER_SET_ENTRIES;
    size_t sc = vm_scope_open(iso);
    Value *it = vm_handle(iso, V_UNDEF), *item = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    double count = 0, max = c->o.max_array_length < 0 ? 0 : c->o.max_array_length;
    if (v_is_undef(*obj_internal(*vh, 0))) goto done; /* exhausted */
    *it = vm_iterator_new(iso, *obj_internal(*vh, 0), kind);
    vm_store(iso, v_ptr(*it), obj_internal(*it, 1), *obj_internal(*vh, 1));
    c->indentation_lvl += 2;
    for (;;) {
        bool finished;
        if ((st = vm_iterator_step(iso, *it, &finished, item)) != MJS_OK || finished) break;
        if (count++ >= max) continue; /* counted for "... more items" */
        RtBuf e = {0};
        if (pairs) {
            RtList pair = {0};
            RtBuf k = {0}, val = {0}, empty = {0};
            if ((st = obj_get(iso, *item, v_int(1), v)) == MJS_OK && (st = obj_get(iso, *item, v_int(0), item)) == MJS_OK &&
                (st = rt_fmt_value(c, *item, rt, &k)) == MJS_OK && (st = rt_fmt_value(c, *v, rt, &val)) == MJS_OK) {
                rt_list_push(&pair, &k);
                rt_list_push(&pair, &val);
                rt_buf_puts(&empty, "");
                rt_reduce_to_single_string(c, &pair, &empty, "[", "]", K_ARRAY_EXTRAS_TYPE, rt, NULL, &e);
            }
            rt_buf_free(&k);
            rt_buf_free(&val);
            rt_buf_free(&empty);
            rt_list_free(&pair);
        } else {
            st = rt_fmt_value(c, *item, rt, &e);
        }
        if (st != MJS_OK) {
            rt_buf_free(&e);
            break;
        }
        rt_list_push(output, &e);
    }
    c->indentation_lvl -= 2;
    if (st == MJS_OK && count > max) rt_remaining_text(output, count - max);
done:
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
                    rt_put_str_utf8(iso, &str, *msg);
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
                    rt_fmt_primitive(c, *res, &str, true);
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

Status rt_fmt_promise(InspectCtx *c, Value *vh, int rt, RtList *output) {
    RtBuf b = {0};
    int state = rt_promise_state(*vh);
    if (state == RT_PROMISE_PENDING) {
        rt_stylize_cstr(c, &b, "<pending>", ST_SPECIAL);
        rt_list_push(output, &b);
        return MJS_OK;
    }
    if (state == RT_PROMISE_REJECTED) {
        rt_stylize_cstr(c, &b, "<rejected>", ST_SPECIAL);
        rt_buf_putc(&b, ' ');
    }
    c->indentation_lvl += 2;
    Status st = rt_fmt_value(c, rt_promise_result(*vh), rt, &b);
    c->indentation_lvl -= 2;
    if (st == MJS_OK) rt_list_push(output, &b);
    else rt_buf_free(&b);
    return st;
}
