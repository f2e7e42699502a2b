/* inspect.c: util.inspect's entry point and value walk (node v20 formatValue / formatRaw):
 * custom inspectors, circular references, the type dispatch choosing base, braces and entry
 * formatter, depth limits and the output budget. GC: every JS value needed after a call that
 * may allocate or run JS is held in a handle; `seen` holds handles of enclosing scopes.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"

#define MAX_NESTING 1000 /* formatRaw levels before node-style "Maximum call stack" text */

enum { F_NONE, F_ARRAY, F_SET, F_MAP, F_ITER, F_PROMISE, F_WEAK, F_TYPED, F_BUFFER };

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
    int iter_kind = 0;
    bool ctor_null = false, pushed = false;

    if ((st = rt_constructor_name(c, vh, rt, &ctor_buf, &ctor_null)) != MJS_OK) goto done;
    const char *ctor = ctor_null ? NULL : (ctor_buf.p ? ctor_buf.p : "");
    if ((st = rt_to_string_tag(c, vh, &tag)) != MJS_OK) goto done;
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
            if ((st = rt_non_index_keys(c, vh, keys)) != MJS_OK) goto done;
            rt_buf_putc(&brace0, '[');
            brace1 = "]";
            if (array_length(*vh) == 0 && key_count(keys) == 0) {
                rt_buf_put(out, brace0.p, brace0.len);
                rt_buf_putc(out, ']');
                goto done;
            }
            extras = K_ARRAY_EXTRAS_TYPE;
            formatter = F_ARRAY;
        } else if (type == T_TYPED_ARRAY) {
            char sz[32];
            snprintf(sz, sizeof sz, "(%zu)", vm_typed_length(*vh));
            rt_get_prefix(&brace0, ctor, tag.p, "", sz);
            *keys = rt_insp_keys(c, *vh);
            if ((st = rt_drop_index_keys(c, keys)) != MJS_OK) goto done;
            rt_buf_putc(&brace0, '[');
            brace1 = "]";
            if (vm_typed_length(*vh) == 0 && key_count(keys) == 0) {
                rt_buf_put(out, brace0.p, brace0.len);
                rt_buf_putc(out, ']');
                goto done;
            }
            extras = K_ARRAY_EXTRAS_TYPE;
            formatter = F_TYPED;
        } else if (rt_collection_iterator_kind(*vh, &iter_kind)) {
            /* getIteratorBraces: "[Map Iterator] {", entries as "[Map Entries] {" */
            const char *family = iter_kind <= ITER_MAP_ENTRIES ? "Map" : "Set";
            bool pairs = iter_kind == ITER_MAP_ENTRIES || iter_kind == ITER_SET_ENTRIES;
            RtBuf want = {0};
            rt_buf_printf(&want, "%s Iterator", family);
            rt_buf_putc(&brace0, '[');
            if (strcmp(tag.p, want.p) != 0 && tag.len) rt_buf_printf(&brace0, "%s] [", tag.p);
            rt_buf_printf(&brace0, "%s %s] {", family, pairs ? "Entries" : "Iterator");
            rt_buf_free(&want);
            *keys = rt_insp_keys(c, *vh);
            formatter = F_ITER;
        } else if (type == T_SET_OBJ || type == T_MAP_OBJ) {
            bool is_map = type == T_MAP_OBJ;
            if ((st = rt_collection_size(iso, vh, &size)) != MJS_OK) goto done;
            char sz[40];
            snprintf(sz, sizeof sz, "(%.0f)", size);
            rt_get_prefix(&brace0, ctor, tag.p, is_map ? "Map" : "Set", sz);
            *keys = rt_insp_keys(c, *vh);
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
        *keys = rt_insp_keys(c, *vh);
        rt_buf_putc(&brace0, '{');
        if (v_is_callable(*vh)) {
            if ((st = rt_function_base(c, vh, ctor, tag.p, &base)) != MJS_OK) goto done;
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
        } else if (type == T_ARRAY_BUFFER || type == T_DATA_VIEW) {
            brace0.len = 0;
            rt_get_prefix(&brace0, ctor, tag.p, type == T_DATA_VIEW ? "DataView" : "ArrayBuffer", "");
            rt_buf_putc(&brace0, '{');
            if ((st = rt_view_keys(c, vh, keys)) != MJS_OK) goto done;
            if (type == T_ARRAY_BUFFER) formatter = F_BUFFER;
        } else if (type == T_REGEXP) {
            RtBuf prefix = {0};
            if ((st = rt_regexp_base(c, vh, &base)) != MJS_OK) goto done;
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
            rt_put_iso_date(&base, v_num(*obj_internal(*vh, 0)));
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
        } else if (type == T_PROMISE) {
            brace0.len = 0;
            rt_get_prefix(&brace0, ctor, tag.p, "Promise", "");
            rt_buf_putc(&brace0, '{');
            formatter = F_PROMISE;
        } else if (rt_is_boxed_primitive(*vh)) {
            if (type == T_STRING_OBJ && (st = rt_drop_index_keys(c, keys)) != MJS_OK) goto done;
            rt_boxed_base(c, vh, key_count(keys), ctor, tag.p, &base);
            if (key_count(keys) == 0) {
                rt_buf_put(out, base.p, base.len);
                goto done;
            }
        } else if (type == T_WEAKMAP_OBJ || type == T_WEAKSET_OBJ) {
            brace0.len = 0; /* formatWeakCollection: the entries are never listed */
            rt_get_prefix(&brace0, ctor, tag.p, type == T_WEAKMAP_OBJ ? "WeakMap" : "WeakSet", "");
            rt_buf_putc(&brace0, '{');
            formatter = F_WEAK;
        } else {
            brace0.len = 0;
            rt_ctx_style(&brace0, *vh, ctor, tag.p);
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
        rt_ctx_style(&name, *vh, ctor, tag.p);
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
        rt_ctx_style(&name, *vh, ctor, tag.p);
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
    if (formatter == F_ARRAY) st = rt_fmt_array(c, vh, rt, &output);
    else if (formatter == F_SET || formatter == F_MAP) st = rt_fmt_collection(c, vh, rt, formatter == F_MAP, size, &output);
    else if (formatter == F_ITER) st = rt_fmt_iterator(c, vh, rt, iter_kind, &output);
    else if (formatter == F_PROMISE) st = rt_fmt_promise(c, vh, rt, &output);
    else if (formatter == F_WEAK) {
        RtBuf e = {0};
        rt_stylize(c, &e, "<items unknown>", 15, ST_SPECIAL);
        rt_list_push(&output, &e);
    }
    else if (formatter == F_TYPED) st = rt_fmt_typed_array(c, vh, rt, &output);
    else if (formatter == F_BUFFER) rt_fmt_array_buffer(c, vh, &output);
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
        rt_fmt_primitive(c, v, out, true);
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
