/* builtins_typedarray_proto.c: the %TypedArray%.prototype methods. `this` stays in argv[-1]
 * (a VM stack slot), so it is re-read after every call that may run JS or allocate; element
 * values are plain numbers (NaN-boxed, never heap objects), so C locals may hold them.
 * Species constructors are not consulted: results have the receiver's kind. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "typed_int.h"

#define THIS argv[-1]
#define ARG(i) (argc > (i) ? argv[i] : V_UNDEF)
#define CHECK_THIS()                                                                           \
    do {                                                                                       \
        if (rt_ta_check(iso, THIS)) return MJS_EXC;                                            \
    } while (0)

static double len_of(Value ta) { return (double)vm_typed_length(ta); }

/* ---------------------------------------------------------------- callback iteration */

enum { CB_FOR_EACH, CB_SOME, CB_EVERY, CB_FIND, CB_FIND_INDEX, CB_FIND_LAST, CB_FIND_LAST_INDEX };

static Status callback_loop(Isolate *iso, Value *argv, int argc, int mode, Value *ret) {
    CHECK_THIS();
    if (!v_is_callable(ARG(0))) return rt_throw_not_function(iso, ARG(0), false);
    double len = len_of(THIS);
    bool backwards = mode == CB_FIND_LAST || mode == CB_FIND_LAST_INDEX;
    for (double n = 0; n < len; n++) {
        double i = backwards ? len - 1 - n : n;
        Value v = vm_typed_get(THIS, (size_t)i), r;
        Value args[3] = {v, v_number(i), THIS};
        if (vm_call(iso, argv[0], ARG(1), 3, args, &r)) return MJS_EXC;
        bool t = vm_to_boolean(r);
        if (mode == CB_SOME && t) return *ret = V_TRUE, MJS_OK;
        if (mode == CB_EVERY && !t) return *ret = V_FALSE, MJS_OK;
        if ((mode == CB_FIND || mode == CB_FIND_LAST) && t) return *ret = v, MJS_OK;
        if ((mode == CB_FIND_INDEX || mode == CB_FIND_LAST_INDEX) && t)
            return *ret = v_number(i), MJS_OK;
    }
    switch (mode) {
    case CB_SOME: *ret = V_FALSE; break;
    case CB_EVERY: *ret = V_TRUE; break;
    case CB_FIND_INDEX:
    case CB_FIND_LAST_INDEX: *ret = v_int(-1); break;
    default: *ret = V_UNDEF; break;
    }
    return MJS_OK;
}

#define CB_METHOD(fn, mode)                                                                    \
    static Status fn(Isolate *iso, Value *argv, int argc, Value *ret) {                        \
        return callback_loop(iso, argv, argc, mode, ret);                                      \
    }
CB_METHOD(ta_for_each, CB_FOR_EACH)
CB_METHOD(ta_some, CB_SOME)
CB_METHOD(ta_every, CB_EVERY)
CB_METHOD(ta_find, CB_FIND)
CB_METHOD(ta_find_index, CB_FIND_INDEX)
CB_METHOD(ta_find_last, CB_FIND_LAST)
CB_METHOD(ta_find_last_index, CB_FIND_LAST_INDEX)

static Status ta_map(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    if (!v_is_callable(ARG(0))) return rt_throw_not_function(iso, ARG(0), false);
    size_t mark = vm_scope_open(iso);
    Value *out = vm_handle(iso, V_UNDEF);
    double len = len_of(THIS);
    Status st = rt_ta_create(iso, vm_typed_kind(THIS), len, out);
    for (double i = 0; i < len && st == MJS_OK; i++) {
        Value args[3] = {vm_typed_get(THIS, (size_t)i), v_number(i), THIS}, r;
        double d;
        st = vm_call(iso, argv[0], ARG(1), 3, args, &r);
        if (st == MJS_OK) st = vm_to_number(iso, r, &d);
        if (st == MJS_OK) vm_typed_set(*out, (size_t)i, d);
    }
    if (st == MJS_OK) *ret = *out;
    vm_scope_close(iso, mark);
    return st;
}

static Status ta_filter(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    if (!v_is_callable(ARG(0))) return rt_throw_not_function(iso, ARG(0), false);
    size_t len = vm_typed_length(THIS), kept = 0;
    double *vals = malloc((len ? len : 1) * sizeof(double));
    if (!vals) abort();
    for (size_t i = 0; i < len; i++) {
        Value v = vm_typed_get(THIS, i), r;
        Value args[3] = {v, v_number((double)i), THIS};
        if (vm_call(iso, argv[0], ARG(1), 3, args, &r)) {
            free(vals);
            return MJS_EXC;
        }
        if (vm_to_boolean(r)) vals[kept++] = v_is_number(v) ? v_num(v) : NAN; /* detached: undefined */
    }
    Value out;
    Status st = rt_ta_create(iso, vm_typed_kind(THIS), (double)kept, &out);
    if (st == MJS_OK) {
        for (size_t i = 0; i < kept; i++) vm_typed_set(out, i, vals[i]);
        *ret = out;
    }
    free(vals);
    return st;
}

static Status reduce(Isolate *iso, Value *argv, int argc, bool right, Value *ret) {
    CHECK_THIS();
    if (!v_is_callable(ARG(0))) return rt_throw_not_function(iso, ARG(0), false);
    double len = len_of(THIS), n = 0;
    size_t mark = vm_scope_open(iso);
    Value *acc = vm_handle(iso, ARG(1));
    if (argc < 2) {
        if (len == 0) {
            vm_scope_close(iso, mark);
            return vm_throw_error(iso, E_TYPE, "Reduce of empty array with no initial value");
        }
        *acc = vm_typed_get(THIS, right ? (size_t)len - 1 : 0);
        n = 1;
    }
    Status st = MJS_OK;
    for (; n < len && st == MJS_OK; n++) {
        double i = right ? len - 1 - n : n;
        Value args[4] = {*acc, vm_typed_get(THIS, (size_t)i), v_number(i), THIS};
        st = vm_call(iso, argv[0], V_UNDEF, 4, args, acc);
    }
    if (st == MJS_OK) *ret = *acc;
    vm_scope_close(iso, mark);
    return st;
}

static Status ta_reduce(Isolate *iso, Value *argv, int argc, Value *ret) {
    return reduce(iso, argv, argc, false, ret);
}

static Status ta_reduce_right(Isolate *iso, Value *argv, int argc, Value *ret) {
    return reduce(iso, argv, argc, true, ret);
}

/* ---------------------------------------------------------------- searching */

enum { S_INDEX_OF, S_LAST_INDEX_OF, S_INCLUDES };

static Status search(Isolate *iso, Value *argv, int argc, int mode, Value *ret) {
    CHECK_THIS();
    double len = len_of(THIS), from;
    *ret = mode == S_INCLUDES ? V_FALSE : v_int(-1);
    if (len == 0) return MJS_OK;
    if (mode == S_LAST_INDEX_OF) {
        from = len - 1;
        if (argc > 1 && vm_to_integer(iso, argv[1], &from)) return MJS_EXC;
        from = from < 0 ? len + from : fmin(from, len - 1);
    } else {
        from = 0;
        if (vm_to_integer(iso, ARG(1), &from)) return MJS_EXC;
        if (from < 0) from = fmax(len + from, 0);
    }
    Value target = ARG(0);
    if (mode == S_INCLUDES && v_is_undef(target) && len_of(THIS) < len) return *ret = V_TRUE, MJS_OK;
    len = fmin(len, len_of(THIS)); /* fromIndex's valueOf may have detached the buffer */
    if (mode == S_LAST_INDEX_OF) from = fmin(from, len - 1);
    if (!v_is_number(target)) return MJS_OK;
    double t = v_num(target);
    bool nan = mode == S_INCLUDES && t != t;
    if (mode == S_LAST_INDEX_OF) {
        for (double i = from; i >= 0; i--)
            if (v_num(vm_typed_get(THIS, (size_t)i)) == t) return *ret = v_number(i), MJS_OK;
        return MJS_OK;
    }
    for (double i = from; i < len; i++) {
        double d = v_num(vm_typed_get(THIS, (size_t)i));
        if (d == t || (nan && d != d))
            return *ret = mode == S_INCLUDES ? V_TRUE : v_number(i), MJS_OK;
    }
    return MJS_OK;
}

static Status ta_index_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    return search(iso, argv, argc, S_INDEX_OF, ret);
}
static Status ta_last_index_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    return search(iso, argv, argc, S_LAST_INDEX_OF, ret);
}
static Status ta_includes(Isolate *iso, Value *argv, int argc, Value *ret) {
    return search(iso, argv, argc, S_INCLUDES, ret);
}

static Status ta_at(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    double i = 0, len = len_of(THIS);
    if (vm_to_integer(iso, ARG(0), &i)) return MJS_EXC;
    if (i < 0) i += len;
    *ret = i < 0 || i >= len ? V_UNDEF : vm_typed_get(THIS, (size_t)i);
    return MJS_OK;
}

/* ---------------------------------------------------------------- join */

static Status ta_join(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    size_t len = vm_typed_length(THIS); /* before ToString(sep), which may detach */
    Value sep = ATOM(iso, empty);
    char *sep_utf8;
    if (v_is_undef(ARG(0))) {
        sep_utf8 = strdup(",");
    } else {
        if (vm_to_string(iso, argv[0], &sep)) return MJS_EXC;
        sep_utf8 = str_to_utf8(iso, sep, NULL);
    }
    if (!sep_utf8) abort();
    size_t sep_len = strlen(sep_utf8), n = 0, cap = 64;
    char *out = malloc(cap);
    if (!out) abort();
    for (size_t i = 0; i < len; i++) {
        char num[40];
        Value v = vm_typed_get(THIS, i);
        int k = v_is_number(v) ? num_to_cstr(v_num(v), num) : 0; /* detached: "" */
        if (n + (size_t)k + sep_len + 1 > cap) {
            cap = 2 * cap + (size_t)k + sep_len;
            out = realloc(out, cap);
            if (!out) abort();
        }
        if (i) {
            memcpy(out + n, sep_utf8, sep_len);
            n += sep_len;
        }
        memcpy(out + n, num, (size_t)k);
        n += (size_t)k;
    }
    *ret = str_from_utf8(iso, out, n);
    free(out);
    free(sep_utf8);
    return MJS_OK;
}

/* ---------------------------------------------------------------- in-place edits */

static Status ta_fill(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    double d, len = len_of(THIS), start, end;
    if (vm_to_number(iso, ARG(0), &d) || rt_relative_index(iso, ARG(1), len, 0, &start) ||
        rt_relative_index(iso, ARG(2), len, len, &end) || rt_ta_attached(iso, THIS))
        return MJS_EXC;
    for (double i = start; i < end; i++) vm_typed_set(THIS, (size_t)i, d);
    *ret = THIS;
    return MJS_OK;
}

static Status ta_reverse(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    size_t len = vm_typed_length(THIS), size = vm_typed_size[vm_typed_kind(THIS)];
    uint8_t *p = vm_typed_data(THIS), tmp[8];
    for (size_t i = 0, j = len ? len - 1 : 0; i < j; i++, j--) {
        memcpy(tmp, p + i * size, size);
        memcpy(p + i * size, p + j * size, size);
        memcpy(p + j * size, tmp, size);
    }
    *ret = THIS;
    return MJS_OK;
}

static Status ta_copy_within(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    double len = len_of(THIS), to, from, final;
    if (rt_relative_index(iso, ARG(0), len, 0, &to) || rt_relative_index(iso, ARG(1), len, 0, &from) ||
        rt_relative_index(iso, ARG(2), len, len, &final) || rt_ta_attached(iso, THIS))
        return MJS_EXC;
    double count = fmin(fmin(final - from, len - to), len_of(THIS) - fmax(from, to));
    if (count > 0) {
        size_t size = vm_typed_size[vm_typed_kind(THIS)];
        uint8_t *p = vm_typed_data(THIS);
        memmove(p + (size_t)to * size, p + (size_t)from * size, (size_t)count * size);
    }
    *ret = THIS;
    return MJS_OK;
}

/* set(source, offset): from a typed array (overlap-safe through a copy) or an array-like. */
static Status ta_set(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    double off = 0;
    if (vm_to_integer(iso, ARG(1), &off)) return MJS_EXC;
    if (off < 0) return vm_throw_error(iso, E_RANGE, "offset is out of bounds");
    if (rt_ta_attached(iso, THIS)) return MJS_EXC;
    double len = len_of(THIS);
    *ret = V_UNDEF;
    if (v_is_typed_array(ARG(0))) {
        if (rt_ta_attached(iso, argv[0])) return MJS_EXC;
        size_t n = vm_typed_length(argv[0]);
        if ((double)n + off > len) return vm_throw_error(iso, E_RANGE, "offset is out of bounds");
        double *vals = malloc((n ? n : 1) * sizeof(double));
        if (!vals) abort();
        for (size_t i = 0; i < n; i++) vals[i] = v_num(vm_typed_get(argv[0], i));
        for (size_t i = 0; i < n; i++) vm_typed_set(THIS, (size_t)off + i, vals[i]);
        free(vals);
        return MJS_OK;
    }
    size_t mark = vm_scope_open(iso);
    Value *src = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    double n = 0;
    Status st = vm_to_object(iso, ARG(0), src);
    if (st == MJS_OK) st = obj_get(iso, *src, ATOM(iso, length), v);
    if (st == MJS_OK) st = vm_to_integer(iso, *v, &n);
    if (st == MJS_OK && n + off > len) st = vm_throw_error(iso, E_RANGE, "offset is out of bounds");
    for (double i = 0; i < n && st == MJS_OK; i++) {
        double d;
        st = vm_to_key(iso, v_number(i), v);
        if (st == MJS_OK) st = obj_get(iso, *src, *v, v);
        if (st == MJS_OK) st = vm_to_number(iso, *v, &d);
        if (st == MJS_OK) vm_typed_set(THIS, (size_t)(off + i), d);
    }
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- new arrays */

static Status ta_subarray(Isolate *iso, Value *argv, int argc, Value *ret) {
    /* Only the type is checked first: a detached buffer fails later, after begin/end. */
    if (!v_is_typed_array(THIS)) return rt_ta_check(iso, THIS);
    double len = len_of(THIS), begin, end;
    if (rt_relative_index(iso, ARG(0), len, 0, &begin) || rt_relative_index(iso, ARG(1), len, len, &end) ||
        rt_ta_attached(iso, THIS))
        return MJS_EXC;
    TypedKind k = vm_typed_kind(THIS);
    size_t off = vm_typed_offset(THIS) + (size_t)begin * vm_typed_size[k];
    *ret = vm_typed_array_new(iso, k, *obj_internal(THIS, 0), off, (size_t)fmax(end - begin, 0), V_UNDEF);
    return MJS_OK;
}

static Status ta_slice(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    double len = len_of(THIS), start, end;
    if (rt_relative_index(iso, ARG(0), len, 0, &start) || rt_relative_index(iso, ARG(1), len, len, &end))
        return MJS_EXC;
    double n = fmax(end - start, 0);
    Value out;
    TypedKind k = vm_typed_kind(THIS);
    if (rt_ta_create(iso, k, n, &out)) return MJS_EXC;
    if (n > 0 && rt_ta_attached(iso, THIS)) return MJS_EXC;
    n = fmin(n, fmax(len_of(THIS) - start, 0));
    if (n > 0)
        memcpy(vm_typed_data(out), vm_typed_data(THIS) + (size_t)start * vm_typed_size[k],
               (size_t)n * vm_typed_size[k]);
    *ret = out;
    return MJS_OK;
}

/* ---------------------------------------------------------------- sort */

/* Default order: numeric, -0 before +0, NaN last. */
static int default_cmp(double a, double b) {
    if (a != a) return b != b ? 0 : 1;
    if (b != b) return -1;
    if (a < b) return -1;
    if (a > b) return 1;
    if (a == 0 && b == 0) return signbit(a) && !signbit(b) ? -1 : (!signbit(a) && signbit(b));
    return 0;
}

typedef struct SortCtx {
    Isolate *iso;
    Value *fn; /* comparator (a VM stack slot) or NULL */
    Status st;
} SortCtx;

static int compare(SortCtx *c, double a, double b) {
    if (!c->fn) return default_cmp(a, b);
    if (c->st != MJS_OK) return 0;
    Value args[2] = {v_number(a), v_number(b)}, r;
    double d = 0;
    c->st = vm_call(c->iso, *c->fn, V_UNDEF, 2, args, &r);
    if (c->st == MJS_OK) c->st = vm_to_number(c->iso, r, &d);
    return d < 0 ? -1 : d > 0;
}

/* Bottom-up merge sort: stable, no recursion, comparator calls may run any JS. */
static void merge_sort(SortCtx *c, double *a, size_t n) {
    double *tmp = malloc((n ? n : 1) * sizeof(double));
    if (!tmp) abort();
    for (size_t w = 1; w < n && c->st == MJS_OK; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = compare(c, a[j], a[i]) < 0 ? a[j++] : a[i++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof(double));
    }
    free(tmp);
}

/* Sort *hta in place; *hfn is a comparator or undefined (both rooted by the caller). */
static Status sort_in_place(Isolate *iso, Value *hta, Value *hfn) {
    size_t n = vm_typed_length(*hta);
    double *vals = malloc((n ? n : 1) * sizeof(double));
    if (!vals) abort();
    for (size_t i = 0; i < n; i++) vals[i] = v_num(vm_typed_get(*hta, i));
    SortCtx c = {iso, v_is_undef(*hfn) ? NULL : hfn, MJS_OK};
    merge_sort(&c, vals, n);
    if (c.st == MJS_OK)
        for (size_t i = 0; i < n; i++) vm_typed_set(*hta, i, vals[i]);
    free(vals);
    return c.st;
}

static Status ta_sort(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_undef(ARG(0)) && !v_is_callable(ARG(0)))
        return vm_throw_error(iso, E_TYPE, "The comparison function must be either a function or undefined");
    CHECK_THIS();
    size_t mark = vm_scope_open(iso);
    Status st = sort_in_place(iso, &argv[-1], vm_handle(iso, ARG(0)));
    if (st == MJS_OK) *ret = THIS;
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- copying (ES2023) */

static Status copy_of(Isolate *iso, Value ta, Value *out) {
    size_t n = vm_typed_length(ta);
    TypedKind k = vm_typed_kind(ta);
    if (rt_ta_create(iso, k, (double)n, out)) return MJS_EXC;
    return MJS_OK;
}

static Status ta_to_reversed(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    Value out;
    if (copy_of(iso, THIS, &out)) return MJS_EXC;
    size_t n = vm_typed_length(THIS);
    for (size_t i = 0; i < n; i++) vm_typed_set(out, i, v_num(vm_typed_get(THIS, n - 1 - i)));
    *ret = out;
    return MJS_OK;
}

static Status ta_to_sorted(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_undef(ARG(0)) && !v_is_callable(ARG(0)))
        return vm_throw_error(iso, E_TYPE, "The comparison function must be either a function or undefined");
    CHECK_THIS();
    size_t mark = vm_scope_open(iso);
    Value *out = vm_handle(iso, V_UNDEF);
    Status st = copy_of(iso, THIS, out);
    if (st == MJS_OK) {
        size_t n = vm_typed_length(THIS);
        if (n) memcpy(vm_typed_data(*out), vm_typed_data(THIS), n * vm_typed_size[vm_typed_kind(THIS)]);
        st = sort_in_place(iso, out, vm_handle(iso, ARG(0)));
    }
    if (st == MJS_OK) *ret = *out;
    vm_scope_close(iso, mark);
    return st;
}

static Status ta_with(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    double len = len_of(THIS), i = 0, d;
    if (vm_to_integer(iso, ARG(0), &i)) return MJS_EXC;
    if (i < 0) i += len;
    if (vm_to_number(iso, ARG(1), &d)) return MJS_EXC;
    if (i < 0 || i >= len_of(THIS)) return vm_throw_error(iso, E_RANGE, "Invalid typed array index");
    Value out;
    if (copy_of(iso, THIS, &out)) return MJS_EXC;
    size_t n = vm_typed_length(THIS);
    memcpy(vm_typed_data(out), vm_typed_data(THIS), n * vm_typed_size[vm_typed_kind(THIS)]);
    vm_typed_set(out, (size_t)i, d);
    *ret = out;
    return MJS_OK;
}

/* ---------------------------------------------------------------- iterators */

static Status ta_keys(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    *ret = vm_iterator_new(iso, THIS, ITER_ARRAY_KEYS);
    return MJS_OK;
}

static Status ta_values(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    *ret = vm_iterator_new(iso, THIS, ITER_ARRAY_VALUES);
    return MJS_OK;
}

static Status ta_entries(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    *ret = vm_iterator_new(iso, THIS, ITER_ARRAY_ENTRIES);
    return MJS_OK;
}

static Status ta_to_locale_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    CHECK_THIS();
    return ta_join(iso, argv, 0, ret);
}

/* ---------------------------------------------------------------- installation */

void rt_install_typed_array_methods(Isolate *iso, Value proto) {
    static const struct {
        const char *name;
        NativeFn fn;
        int length;
    } methods[] = {
        {"entries", ta_entries, 0},       {"keys", ta_keys, 0},
        {"values", ta_values, 0},         {"at", ta_at, 1},
        {"copyWithin", ta_copy_within, 2}, {"every", ta_every, 1},
        {"fill", ta_fill, 1},             {"filter", ta_filter, 1},
        {"find", ta_find, 1},             {"findIndex", ta_find_index, 1},
        {"findLast", ta_find_last, 1},    {"findLastIndex", ta_find_last_index, 1},
        {"forEach", ta_for_each, 1},      {"includes", ta_includes, 1},
        {"indexOf", ta_index_of, 1},      {"join", ta_join, 1},
        {"lastIndexOf", ta_last_index_of, 1}, {"map", ta_map, 1},
        {"reverse", ta_reverse, 0},       {"reduce", ta_reduce, 1},
        {"reduceRight", ta_reduce_right, 1}, {"set", ta_set, 1},
        {"slice", ta_slice, 2},           {"some", ta_some, 1},
        {"sort", ta_sort, 1},             {"subarray", ta_subarray, 2},
        {"toLocaleString", ta_to_locale_string, 0}, {"toReversed", ta_to_reversed, 0},
        {"toSorted", ta_to_sorted, 1},    {"with", ta_with, 2},
    };
    size_t mark = vm_scope_open(iso);
    Value *hp = vm_handle(iso, proto), *values = vm_handle(iso, V_UNDEF);
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        Value f = vm_def_native(iso, *hp, methods[i].name, methods[i].fn, methods[i].length);
        if (methods[i].fn == ta_values) *values = f;
    }
    /* [Symbol.iterator] is the same function as values; toString is Array.prototype's. */
    if (obj_define(iso, *hp, ROOT(iso, R_SYMBOL_ITERATOR), *values, P_HIDDEN)) (void)vm_take_exception(iso);
    Value *to_string = vm_handle(iso, V_UNDEF);
    Value key = atom_from_cstr(iso, "toString");
    if (obj_get(iso, ROOT(iso, R_ARRAY_PROTO), key, to_string) == MJS_OK && v_is_callable(*to_string)) {
        key = atom_from_cstr(iso, "toString");
        if (obj_define(iso, *hp, key, *to_string, P_HIDDEN)) (void)vm_take_exception(iso);
    }
    if (iso->has_exception) (void)vm_take_exception(iso);
    vm_scope_close(iso, mark);
}
