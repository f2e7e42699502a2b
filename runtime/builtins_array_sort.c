/* builtins_array_sort.c: Array.prototype.sort/join/toLocaleString and toSorted/toReversed/
 * toSpliced/with. sort is stable: V8's run + binary insertion below 64 elements, merge sort
 * above, over a malloc'd permutation (indices do not move in a GC). join builds its result
 * once; R_JOIN_STACK (arrays being joined) makes cycles join as "". */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins_array_int.h"

/* Longest string the heap allows (V8's String::kMaxLength on 64-bit). */
#define MAX_STRING_LENGTH ((1u << 29) - 24)
#define INSERTION_RUN 8

/* Grow the FixedArray in *h to n slots (contents kept, new slots holes). */
static void grow_fixed(Isolate *iso, Value *h, size_t n) {
    Value g = fixed_new(iso, n);
    FixedArray *src = v_fixed(*h), *dst = v_fixed(g);
    memcpy(dst->items, src->items, sizeof(Value) * src->length);
    gc_write_barrier_range(iso->heap, dst, (GcWord *)dst->items, src->length);
    *h = g;
}

/* ---------------------------------------------------------------- sort */

typedef struct SortCtx {
    Isolate *iso;
    Value *items;     /* FixedArray: the values being sorted */
    Value *keys;      /* FixedArray of flat strings for the default order, or NULL */
    Value *cmp;       /* comparator or V_UNDEF */
    Value *tmp;
    uint64_t *ikeys;  /* default order over int32s only: int_sort_key of each item, or NULL */
} SortCtx;

static uint32_t decimal_digits(uint32_t x) {
    uint32_t n = 1;
    while (x >= 10) {
        x /= 10;
        n++;
    }
    return n;
}

/* A number whose order is that of the decimal string of a (the default sort order) without
 * making the string: '-' sorts before digits, so the sign comes first; then the digits
 * scaled to ten places (a proper prefix ties here) and the digit count (shorter first). */
static uint64_t int_sort_key(int32_t a) {
    static const uint64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                     100000000, 1000000000, 10000000000ull};
    uint32_t x = a < 0 ? 0u - (uint32_t)a : (uint32_t)a;
    uint32_t d = decimal_digits(x);
    uint64_t scaled = (uint64_t)x * pow10[10 - d]; /* < 10^10 < 2^34 */
    return ((uint64_t)(a >= 0) << 40) | (scaled << 4) | d;
}

static Status sort_compare(SortCtx *c, uint32_t a, uint32_t b, int *out) {
    if (c->ikeys) {
        *out = c->ikeys[a] < c->ikeys[b] ? -1 : c->ikeys[a] > c->ikeys[b];
        return MJS_OK;
    }
    if (c->keys) {
        *out = str_compare(c->iso, v_fixed(*c->keys)->items[a], v_fixed(*c->keys)->items[b]);
        return MJS_OK;
    }
    Value args[2] = {v_fixed(*c->items)->items[a], v_fixed(*c->items)->items[b]};
    if (vm_call(c->iso, *c->cmp, V_UNDEF, 2, args, c->tmp)) return MJS_EXC;
    double d;
    if (vm_to_number(c->iso, *c->tmp, &d)) return MJS_EXC;
    *out = d < 0 ? -1 : d > 0 ? 1 : 0; /* NaN counts as equal */
    return MJS_OK;
}

/* Small arrays are sorted exactly as V8's TimSort does below its minimum run length (64):
 * find the leading run (reversing a strictly descending one), then binary insertion. Same
 * comparator calls in the same order, so comparators that log or count behave alike. */
#define V8_MIN_MERGE 64

static Status small_sort(SortCtx *c, uint32_t *a, uint32_t n) {
    int r;
    uint32_t run = 2;
    if (sort_compare(c, a[1], a[0], &r)) return MJS_EXC;
    bool descending = r < 0;
    for (uint32_t i = 2; i < n; i++, run++) {
        int o;
        if (sort_compare(c, a[i], a[i - 1], &o)) return MJS_EXC;
        if (descending ? o >= 0 : o < 0) break;
    }
    if (descending)
        for (uint32_t lo = 0, hi = run - 1; lo < hi; lo++, hi--) {
            uint32_t t = a[lo];
            a[lo] = a[hi];
            a[hi] = t;
        }
    for (uint32_t start = run; start < n; start++) {
        uint32_t pivot = a[start], left = 0, right = start;
        while (left < right) {
            uint32_t mid = left + ((right - left) >> 1);
            if (sort_compare(c, pivot, a[mid], &r)) return MJS_EXC;
            if (r < 0) right = mid;
            else left = mid + 1;
        }
        memmove(&a[left + 1], &a[left], sizeof(uint32_t) * (start - left));
        a[left] = pivot;
    }
    return MJS_OK;
}

/* Stable merge sort of perm[0..n): insertion-sorted runs, then bottom-up merges. */
static Status merge_sort(SortCtx *c, uint32_t *perm, uint32_t n) {
    if (n < 2) return MJS_OK;
    if (n < V8_MIN_MERGE) return small_sort(c, perm, n);
    uint32_t *buf = malloc(sizeof(uint32_t) * (n ? n : 1));
    if (!buf) abort();
    uint32_t *a = perm, *b = buf;
    int r;
    for (uint32_t lo = 0; lo < n; lo += INSERTION_RUN) {
        uint32_t hi = lo + INSERTION_RUN < n ? lo + INSERTION_RUN : n;
        for (uint32_t i = lo + 1; i < hi; i++) {
            uint32_t x = a[i], j = i;
            while (j > lo) {
                if (sort_compare(c, a[j - 1], x, &r)) goto fail;
                if (r <= 0) break;
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
    }
    for (uint32_t width = INSERTION_RUN; width < n; width *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * width) {
            uint32_t mid = lo + width < n ? lo + width : n;
            uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            uint32_t i = lo, j = mid, k = lo;
            if (mid < hi) {
                /* Already in order: one comparison instead of a merge. */
                if (sort_compare(c, a[mid - 1], a[mid], &r)) goto fail;
                if (r <= 0) i = j = hi;
            }
            if (i == hi) {
                memcpy(&b[lo], &a[lo], sizeof(uint32_t) * (hi - lo));
                continue;
            }
            while (i < mid && j < hi) {
                if (sort_compare(c, a[i], a[j], &r)) goto fail;
                b[k++] = r <= 0 ? a[i++] : a[j++];
            }
            while (i < mid) b[k++] = a[i++];
            while (j < hi) b[k++] = a[j++];
        }
        uint32_t *t = a;
        a = b;
        b = t;
    }
    if (a != perm) memcpy(perm, a, sizeof(uint32_t) * n);
    free(a == perm ? b : a);
    return MJS_OK;
fail:
    free(buf);
    return MJS_EXC;
}

/* SortIndexedProperties + write-back on *o (rooted): values sorted, then undefineds, then
 * holes (deleted). */
static Status sort_object(Isolate *iso, Value *o, Value *cmp) {
    size_t mark = vm_scope_open(iso);
    Value *items = vm_handle(iso, V_UNDEF), *keys = vm_handle(iso, V_UNDEF);
    Value *v = vm_handle(iso, V_UNDEF), *tmp = vm_handle(iso, V_UNDEF);
    uint32_t *perm = NULL;
    uint64_t *ikeys = NULL;
    double len;
    TRY(arr_length_of(iso, *o, &len));
    if (len > 4294967295.0) {
        vm_throw_error(iso, E_RANGE, "Invalid array length");
        goto fail;
    }
    /* Collect the present values; undefineds are only counted. */
    uint32_t cap = (uint32_t)len, n = 0, nundef = 0;
    if (arr_is_dense(*o) && arr_capacity(*o) < cap) cap = arr_capacity(*o);
    *items = fixed_new(iso, cap);
    bool all_ints = true;
    for (double k = 0; k < len; k++) {
        Value e = arr_fast_elem(*o, k);
        if (e == V_HOLE) {
            if (arr_is_dense(*o) && k >= arr_capacity(*o)) break;
            bool has;
            TRY(arr_has(iso, *o, k, &has));
            if (!has) continue;
            TRY(arr_get(iso, *o, k, v));
            e = *v;
        }
        if (e == V_UNDEF) {
            nundef++;
            continue;
        }
        if (n == v_fixed(*items)->length) {
            *v = e;
            grow_fixed(iso, items, 2 * (size_t)n + 8);
            e = *v;
        }
        FixedArray *it = v_fixed(*items);
        vm_store(iso, it, &it->items[n++], e);
        all_ints = all_ints && v_is_int(e);
    }
    SortCtx c = {iso, items, NULL, cmp, tmp, NULL};
    if (v_is_undef(*cmp)) {
        if (all_ints) {
            c.ikeys = ikeys = malloc(sizeof(uint64_t) * (n ? n : 1));
            if (!ikeys) abort();
            for (uint32_t i = 0; i < n; i++)
                ikeys[i] = int_sort_key(v_int_val(v_fixed(*items)->items[i]));
        } else {
            /* Default order: by ToString, each computed once. */
            *keys = fixed_new(iso, n);
            for (uint32_t i = 0; i < n; i++) {
                TRY(vm_to_string(iso, v_fixed(*items)->items[i], tmp));
                *tmp = str_flatten(iso, *tmp);
                FixedArray *ks = v_fixed(*keys);
                vm_store(iso, ks, &ks->items[i], *tmp);
            }
            c.keys = keys;
        }
    }
    perm = malloc(sizeof(uint32_t) * (n ? n : 1));
    if (!perm) abort();
    for (uint32_t i = 0; i < n; i++) perm[i] = i;
    TRY(merge_sort(&c, perm, n));
    for (uint32_t i = 0; i < n; i++) TRY(arr_set(iso, *o, i, v_fixed(*items)->items[perm[i]]));
    for (uint32_t i = 0; i < nundef; i++) TRY(arr_set(iso, *o, (double)n + i, V_UNDEF));
    for (double k = (double)n + nundef; k < len; k++) {
        if (arr_is_dense(*o) && k >= arr_capacity(*o)) break; /* the rest are holes already */
        TRY(arr_delete(iso, *o, k));
    }
    free(perm);
    free(ikeys);
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    free(perm);
    free(ikeys);
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status check_comparator(Isolate *iso, Value cmp) {
    if (cmp == V_UNDEF || v_is_callable(cmp)) return MJS_OK;
    return vm_throw_error(iso, E_TYPE,
                          "The comparison function must be either a function or undefined");
}

Status rt_array_sort(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_comparator(iso, argv[0])) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF);
    TRY(arr_this(iso, argv, "sort", o));
    TRY(sort_object(iso, o, &argv[0]));
    *ret = *o;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* A fresh array with the first len elements of *o (holes read as undefined). */
static Status copy_to_array(Isolate *iso, Value *o, double len, Value *out) {
    if (len > 4294967295.0) return vm_throw_error(iso, E_RANGE, "Invalid array length");
    size_t mark = vm_scope_open(iso);
    Value *a = vm_handle(iso, array_new(iso, (uint32_t)len)), *v = vm_handle(iso, V_UNDEF);
    for (double k = 0; k < len; k++) {
        TRY(arr_get(iso, *o, k, v));
        TRY(arr_create(iso, *a, k, *v));
    }
    *out = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

Status rt_array_to_sorted(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (check_comparator(iso, argv[0])) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    double len;
    TRY(arr_this(iso, argv, "toSorted", o));
    TRY(arr_length_of(iso, *o, &len));
    TRY(copy_to_array(iso, o, len, a));
    TRY(sort_object(iso, a, &argv[0]));
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

Status rt_array_to_reversed(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    Value *v = vm_handle(iso, V_UNDEF);
    double len;
    TRY(arr_this(iso, argv, "toReversed", o));
    TRY(arr_length_of(iso, *o, &len));
    if (len > 4294967295.0) {
        vm_throw_error(iso, E_RANGE, "Invalid array length");
        goto fail;
    }
    *a = array_new(iso, (uint32_t)len);
    for (double k = 0; k < len; k++) {
        TRY(arr_get(iso, *o, len - 1 - k, v));
        TRY(arr_create(iso, *a, k, *v));
    }
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

Status rt_array_to_spliced(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    Value *v = vm_handle(iso, V_UNDEF);
    double len, start, skip;
    TRY(arr_this(iso, argv, "toSpliced", o));
    TRY(arr_length_of(iso, *o, &len));
    TRY(arr_splice_counts(iso, argv, argc, len, &start, &skip));
    int items = argc > 2 ? argc - 2 : 0;
    double new_len = len + items - skip;
    if (new_len > MAX_SAFE_INT) {
        vm_throw_error(iso, E_TYPE, "Invalid array length");
        goto fail;
    }
    if (new_len > 4294967295.0) {
        vm_throw_error(iso, E_RANGE, "Invalid array length");
        goto fail;
    }
    *a = array_new(iso, (uint32_t)new_len);
    double i = 0;
    for (double k = 0; k < start; k++, i++) {
        TRY(arr_get(iso, *o, k, v));
        TRY(arr_create(iso, *a, i, *v));
    }
    for (int j = 0; j < items; j++, i++) TRY(arr_create(iso, *a, i, argv[2 + j]));
    for (double k = start + skip; k < len; k++, i++) {
        TRY(arr_get(iso, *o, k, v));
        TRY(arr_create(iso, *a, i, *v));
    }
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

Status rt_array_with(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    Value *v = vm_handle(iso, V_UNDEF);
    double len, rel;
    TRY(arr_this(iso, argv, "with", o));
    TRY(arr_length_of(iso, *o, &len));
    TRY(vm_to_integer(iso, argv[0], &rel));
    double actual = rel >= 0 ? rel : len + rel;
    if (actual >= len || actual < 0) {
        char buf[32];
        num_to_cstr(rel, buf);
        vm_throw_error(iso, E_RANGE, "Invalid index : %s", buf);
        goto fail;
    }
    if (len > 4294967295.0) {
        vm_throw_error(iso, E_RANGE, "Invalid array length");
        goto fail;
    }
    *a = array_new(iso, (uint32_t)len);
    for (double k = 0; k < len; k++) {
        if (k == actual) *v = argv[1];
        else TRY(arr_get(iso, *o, k, v));
        TRY(arr_create(iso, *a, k, *v));
    }
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- join */

/* Is o being joined further up the stack? Otherwise push it (*depth: where to pop to). */
static bool join_enter(Isolate *iso, Value *o, uint32_t *depth) {
    if (!v_is_array(ROOT(iso, R_JOIN_STACK))) ROOT(iso, R_JOIN_STACK) = array_new(iso, 0);
    Value stack = ROOT(iso, R_JOIN_STACK);
    uint32_t n = array_length(stack);
    for (uint32_t i = 0; i < n; i++)
        if (array_get_own(stack, i) == *o) return false;
    *depth = n;
    /* Pushing onto the private stack array cannot fail. */
    (void)!array_push(iso, ROOT(iso, R_JOIN_STACK), *o);
    return true;
}

static void join_leave(Isolate *iso, uint32_t depth) {
    (void)!array_set_length(iso, ROOT(iso, R_JOIN_STACK), depth);
}

static void copy_units(const JSString *s, uint8_t *b8, uint16_t *b16, size_t at) {
    bool two = s->map->flags & MAP_STR_TWO_BYTE;
    if (b16) {
        if (two) memcpy(b16 + at, s->u.utf16, 2 * (size_t)s->length);
        else
            for (uint32_t i = 0; i < s->length; i++) b16[at + i] = s->u.latin1[i];
    } else {
        memcpy(b8 + at, s->u.latin1, s->length);
    }
}

/* Join the (index, flat string) parts with the flat separator into one string. */
static Value join_build(Isolate *iso, Value parts, uint32_t nparts, Value sep, double len,
                        size_t total, bool two_byte) {
    uint8_t *b8 = NULL;
    uint16_t *b16 = NULL;
    if (two_byte) b16 = malloc(2 * (total ? total : 1));
    else b8 = malloc(total ? total : 1);
    if (!b8 && !b16) abort();
    const JSString *ss = v_str(sep);
    size_t at = 0;
    double prev = 0; /* index of the previous part: separators go between indices */
    for (uint32_t p = 0; p <= nparts; p++) {
        double idx = p < nparts ? v_num(v_fixed(parts)->items[2 * p]) : len - 1;
        for (double s = prev; s < idx && ss->length; s++) {
            copy_units(ss, b8, b16, at);
            at += ss->length;
        }
        if (p == nparts) break;
        const JSString *part = v_str(v_fixed(parts)->items[2 * p + 1]);
        copy_units(part, b8, b16, at);
        at += part->length;
        prev = idx;
    }
    Value r = two_byte ? str_from_utf16(iso, b16, total) : str_from_latin1(iso, b8, total);
    free(b8);
    free(b16);
    return r;
}

static Status join_common(Isolate *iso, Value *argv, bool locale, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *sep = vm_handle(iso, V_UNDEF);
    Value *v = vm_handle(iso, V_UNDEF), *parts = vm_handle(iso, V_UNDEF);
    uint32_t depth = 0;
    bool entered = false;
    double len;
    TRY(arr_this(iso, argv, locale ? "toLocaleString" : "join", o));
    TRY(arr_length_of(iso, *o, &len));
    if (locale || argv[0] == V_UNDEF) *sep = str_from_cstr(iso, ",");
    else TRY(vm_to_string(iso, argv[0], sep));
    *sep = str_flatten(iso, *sep);
    if (!join_enter(iso, o, &depth)) {
        *ret = ATOM(iso, empty);
        vm_scope_close(iso, mark);
        return MJS_OK;
    }
    entered = true;
    /* parts: [index, flat string] pairs of the non-empty elements. */
    *parts = fixed_new(iso, 16);
    uint32_t nparts = 0;
    size_t total = len > 1 ? (size_t)(len - 1) * str_length(*sep) : 0;
    bool two_byte = str_is_two_byte(*sep) && str_length(*sep) > 0;
    if (len > 1 && (len - 1) * str_length(*sep) > MAX_STRING_LENGTH) goto too_long;
    Value tostr = atom_from_cstr(iso, "toLocaleString");
    Value *tostr_key = vm_handle(iso, tostr);
    for (double k = 0; k < len; k++) {
        Value e = arr_fast_elem(*o, k);
        if (e == V_HOLE) {
            if (arr_is_dense(*o) && k >= arr_capacity(*o)) break; /* only holes remain */
            TRY(arr_get(iso, *o, k, v));
            e = *v;
        }
        if (v_is_nullish(e)) continue;
        if (locale) {
            TRY(vm_invoke(iso, e, *tostr_key, 0, NULL, v));
            TRY(vm_to_string(iso, *v, v));
        } else if (v_is_string(e)) {
            *v = e;
        } else {
            TRY(vm_to_string(iso, e, v));
        }
        if (str_length(*v) == 0) continue;
        *v = str_flatten(iso, *v);
        total += str_length(*v);
        if (total > MAX_STRING_LENGTH) goto too_long;
        if (str_is_two_byte(*v)) two_byte = true;
        if (2 * (size_t)nparts + 2 > v_fixed(*parts)->length)
            grow_fixed(iso, parts, 2 * v_fixed(*parts)->length);
        FixedArray *pa = v_fixed(*parts);
        pa->items[2 * nparts] = v_number(k);
        vm_store(iso, pa, &pa->items[2 * nparts + 1], *v);
        nparts++;
    }
    join_leave(iso, depth);
    if (nparts == 1 && total == str_length(v_fixed(*parts)->items[1]))
        *ret = v_fixed(*parts)->items[1];
    else
        *ret = join_build(iso, *parts, nparts, *sep, len, total, two_byte);
    vm_scope_close(iso, mark);
    return MJS_OK;
too_long:
    vm_throw_error(iso, E_RANGE, "Invalid string length");
fail:
    if (entered) join_leave(iso, depth);
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

Status rt_array_join(Isolate *iso, Value *argv, int argc, Value *ret) {
    return join_common(iso, argv, false, ret);
}

Status rt_array_to_locale_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    return join_common(iso, argv, true, ret);
}
