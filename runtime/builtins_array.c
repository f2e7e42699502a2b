/* builtins_array.c: the Array constructor (isArray, of, from) and most of Array.prototype: the
 * spec's generic algorithms over any array-like, with fast paths for dense arrays (a hole, a
 * getter or sparse storage takes the generic path). Element pointers are re-read after every
 * call that may allocate; bulk moves are one memmove plus a range write barrier. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins_array_int.h"

/* ---------------------------------------------------------------- element helpers */

bool arr_is_dense(Value o) {
    return v_is_array(o) && !(v_jsobj(o)->map->flags & MAP_SPARSE_ELEMENTS);
}

uint32_t arr_capacity(Value o) {
    Value el = v_jsobj(o)->elements;
    return el == V_HOLE ? 0 : (uint32_t)v_fixed(el)->length;
}

/* Own plain data element i of an array, or V_HOLE (hole, getter, or not an array). */
Value arr_fast_elem(Value o, double i) {
    if (!v_is_array(o) || !(i >= 0 && i <= INT32_MAX)) return V_HOLE;
    Value v = array_get_own(o, (uint32_t)i);
    if (v_is_ptr(v) && v_type(v) == T_ACCESSOR_PAIR) return V_HOLE;
    return v;
}

Status arr_index_key(Isolate *iso, double i, Value *key) {
    if (i >= 0 && i <= INT32_MAX) {
        *key = v_int((int32_t)i);
        return MJS_OK;
    }
    return vm_to_key(iso, v_number(i), key);
}

Status arr_length_of(Isolate *iso, Value o, double *len) {
    if (v_is_array(o)) {
        *len = array_length(o);
        return MJS_OK;
    }
    size_t mark = vm_scope_open(iso);
    Value *lv = vm_handle(iso, V_UNDEF);
    Status st = obj_get(iso, o, ATOM(iso, length), lv);
    if (st == MJS_OK) st = vm_to_integer(iso, *lv, len);
    vm_scope_close(iso, mark);
    if (st) return st;
    if (*len < 0) *len = 0;
    if (*len > MAX_SAFE_INT) *len = MAX_SAFE_INT;
    return MJS_OK;
}

Status arr_get(Isolate *iso, Value o, double i, Value *out) {
    Value v = arr_fast_elem(o, i);
    if (v != V_HOLE) {
        *out = v;
        return MJS_OK;
    }
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, o), *key = vm_handle(iso, V_UNDEF);
    Status st = arr_index_key(iso, i, key);
    if (st == MJS_OK) st = obj_get(iso, *ho, *key, out);
    vm_scope_close(iso, mark);
    return st;
}

Status arr_has(Isolate *iso, Value o, double i, bool *out) {
    if (arr_fast_elem(o, i) != V_HOLE) {
        *out = true;
        return MJS_OK;
    }
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, o), *key = vm_handle(iso, V_UNDEF);
    Status st = arr_index_key(iso, i, key);
    if (st == MJS_OK) st = obj_has(iso, *ho, *key, out);
    vm_scope_close(iso, mark);
    return st;
}

/* Set(O, i, v, true). An existing dense element is a writable data property: store it. */
Status arr_set(Isolate *iso, Value o, double i, Value v) {
    if (arr_is_dense(o) && i >= 0 && i < arr_capacity(o) && i < array_length(o)) {
        FixedArray *el = v_fixed(v_jsobj(o)->elements);
        if (el->items[(uint32_t)i] != V_HOLE) {
            vm_store(iso, el, &el->items[(uint32_t)i], v);
            return MJS_OK;
        }
    }
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, o), *hv = vm_handle(iso, v), *key = vm_handle(iso, V_UNDEF);
    Status st = arr_index_key(iso, i, key);
    if (st == MJS_OK) st = obj_set(iso, *ho, *key, *hv, true);
    vm_scope_close(iso, mark);
    return st;
}

/* CreateDataPropertyOrThrow on an array this file made (fresh, extensible, dense so far). */
Status arr_create(Isolate *iso, Value a, double i, Value v) {
    if (arr_is_dense(a) && i >= 0 && i <= INT32_MAX) {
        double len = array_length(a);
        if (i < arr_capacity(a) && i < len) {
            FixedArray *el = v_fixed(v_jsobj(a)->elements);
            vm_store(iso, el, &el->items[(uint32_t)i], v);
            return MJS_OK;
        }
        if (i == len) return array_push(iso, a, v);
    }
    size_t mark = vm_scope_open(iso);
    Value *ha = vm_handle(iso, a), *hv = vm_handle(iso, v), *key = vm_handle(iso, V_UNDEF);
    Status st = arr_index_key(iso, i, key);
    if (st == MJS_OK) st = obj_define(iso, *ha, *key, *hv, P_DEFAULT);
    vm_scope_close(iso, mark);
    return st;
}

Status arr_delete(Isolate *iso, Value o, double i) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, o), *key = vm_handle(iso, V_UNDEF);
    bool deleted;
    Status st = arr_index_key(iso, i, key);
    if (st == MJS_OK) st = obj_delete(iso, *ho, *key, true, &deleted);
    vm_scope_close(iso, mark);
    return st;
}

Status arr_set_length(Isolate *iso, Value o, double len) {
    if (v_is_array(o)) return array_set_length(iso, o, len);
    return obj_set(iso, o, ATOM(iso, length), v_number(len), true);
}

/* A dense array whose elements may be moved in place: extensible, writable length. */
bool arr_movable(Isolate *iso, Value o) {
    if (!arr_is_dense(o) || !obj_is_extensible(o)) return false;
    PropDesc pd;
    return obj_get_own(iso, o, ATOM(iso, length), &pd) && (pd.attrs & P_WRITABLE);
}

/* memmove of count elements inside a movable array's storage (both ranges < capacity). */
void arr_move(Isolate *iso, Value o, uint32_t to, uint32_t from, uint32_t count) {
    FixedArray *el = v_fixed(v_jsobj(o)->elements);
    memmove(&el->items[to], &el->items[from], sizeof(Value) * count);
    gc_write_barrier_range(iso->heap, el, (GcWord *)&el->items[to], count);
}

Status arr_this(Isolate *iso, Value *argv, const char *method, Value *out) {
    if (v_is_nullish(argv[-1]))
        return vm_throw_error(iso, E_TYPE, "Array.prototype.%s called on null or undefined",
                              method);
    return vm_to_object(iso, argv[-1], out);
}

/* ToIntegerOrInfinity(v) made relative to len (negative counts from the end), in [0, len]. */
Status arr_rel_index(Isolate *iso, Value v, double len, double dflt, double *out) {
    if (v == V_UNDEF) {
        *out = dflt;
        return MJS_OK;
    }
    double r;
    if (vm_to_integer(iso, v, &r)) return MJS_EXC;
    if (r < 0) r = r + len < 0 ? 0 : r + len;
    else if (r > len) r = len;
    *out = r;
    return MJS_OK;
}

/* ---------------------------------------------------------------- constructor and statics */

static Status array_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argc == 1 && v_is_number(argv[0])) {
        double d = v_num(argv[0]);
        if (!(d >= 0 && d <= 4294967295.0 && d == floor(d)))
            return vm_throw_error(iso, E_RANGE, "Invalid array length");
        *ret = array_new(iso, (uint32_t)d);
        return MJS_OK;
    }
    *ret = array_from(iso, argv, (uint32_t)argc);
    return MJS_OK;
}

static Status array_is_array(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = v_bool(v_is_array(argv[0]));
    return MJS_OK;
}

static Status array_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = array_from(iso, argv, (uint32_t)argc);
    return MJS_OK;
}

static Status array_from_m(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value mapfn = argc > 1 ? argv[1] : V_UNDEF;
    if (mapfn != V_UNDEF && !v_is_callable(mapfn)) return rt_throw_not_function(iso, mapfn, false);
    if (v_is_nullish(argv[0])) {
        char *s = rt_describe(iso, argv[0], true);
        vm_throw_error(iso, E_TYPE,
                       "%s is not iterable (cannot read property Symbol(Symbol.iterator))", s);
        free(s);
        return MJS_EXC;
    }
    size_t mark = vm_scope_open(iso);
    Value *m = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    Value *v = vm_handle(iso, V_UNDEF), *src = vm_handle(iso, V_UNDEF);
    Value *fn = vm_handle(iso, mapfn), *this_arg = vm_handle(iso, argc > 2 ? argv[2] : V_UNDEF);
    TRY(obj_get(iso, argv[0], ROOT(iso, R_SYMBOL_ITERATOR), m));
    double k = 0;
    if (!v_is_nullish(*m)) {
        if (!v_is_callable(*m)) {
            vm_throw_error(iso, E_TYPE,
                           "%%Array%%.from requires that the property of the first argument, "
                           "items[Symbol.iterator], when exists, be a function");
            goto fail;
        }
        TRY(vm_call(iso, *m, argv[0], 0, NULL, src));
        if (!v_is_object(*src)) {
            vm_throw_error(iso, E_TYPE, "Result of the Symbol.iterator method is not an object");
            goto fail;
        }
        *a = array_new(iso, 0);
        for (;; k++) {
            bool done;
            TRY(vm_iterator_step(iso, *src, &done, v));
            if (done) break;
            if (*fn != V_UNDEF) {
                Value args[2] = {*v, v_number(k)};
                if (vm_call(iso, *fn, *this_arg, 2, args, v)) goto close;
            }
            if (arr_create(iso, *a, k, *v)) goto close;
        }
    } else {
        TRY(vm_to_object(iso, argv[0], src));
        double len;
        TRY(arr_length_of(iso, *src, &len));
        if (len > 4294967295.0) {
            vm_throw_error(iso, E_RANGE, "Invalid array length");
            goto fail;
        }
        *a = array_new(iso, (uint32_t)len);
        for (; k < len; k++) {
            TRY(arr_get(iso, *src, k, v));
            if (*fn != V_UNDEF) {
                Value args[2] = {*v, v_number(k)};
                TRY(vm_call(iso, *fn, *this_arg, 2, args, v));
            }
            TRY(arr_create(iso, *a, k, *v));
        }
    }
    TRY(arr_set_length(iso, *a, k));
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
close:
    (void)!vm_iterator_close(iso, *src);
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- mutators */

/* An array still on the root array map: plain data elements, writable length, extensible. */
static bool is_plain_array(Isolate *iso, Value o) {
    return v_is_array(o) && v_from_ptr(v_jsobj(o)->map) == ROOT(iso, R_MAP_ARRAY);
}

static Status array_push_m(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (is_plain_array(iso, argv[-1])) { /* the hot path: no handles, no checks needed */
        for (int i = 0; i < argc; i++)
            if (array_push(iso, argv[-1], argv[i])) return MJS_EXC;
        *ret = v_number(array_length(argv[-1]));
        return MJS_OK;
    }
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF);
    TRY(arr_this(iso, argv, "push", o));
    if (v_is_array(*o) && argc > 0 && obj_is_extensible(*o)) {
        /* array_push does not check a read-only length (Object.defineProperty(a, "length",
         * {writable: false})): do it here, once per call. */
        PropDesc pd;
        if (obj_get_own(iso, *o, ATOM(iso, length), &pd) && !(pd.attrs & P_WRITABLE)) {
            vm_throw_error(iso, E_TYPE, "Cannot assign to read only property 'length' of object "
                                        "'[object Array]'");
            goto fail;
        }
    }
    if (v_is_array(*o)) {
        for (int i = 0; i < argc; i++) TRY(array_push(iso, *o, argv[i]));
        *ret = v_number(array_length(*o));
    } else {
        double len;
        TRY(arr_length_of(iso, *o, &len));
        if (len + argc > MAX_SAFE_INT) {
            vm_throw_error(iso, E_TYPE,
                           "Pushing %d elements on an array-like of length %.0f is disallowed, as "
                           "the total surpasses 2**53-1",
                           argc, len);
            goto fail;
        }
        for (int i = 0; i < argc; i++) TRY(arr_set(iso, *o, len + i, argv[i]));
        TRY(arr_set_length(iso, *o, len + argc));
        *ret = v_number(len + argc);
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_pop(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    double len;
    TRY(arr_this(iso, argv, "pop", o));
    TRY(arr_length_of(iso, *o, &len));
    if (len > 0) {
        TRY(arr_get(iso, *o, len - 1, v));
        /* Dense elements are always deletable, and the length update removes the last one;
         * others (frozen, sparse, array-likes) go through DeletePropertyOrThrow. */
        if (!arr_is_dense(*o)) TRY(arr_delete(iso, *o, len - 1));
        len--;
    }
    TRY(arr_set_length(iso, *o, len));
    *ret = *v;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* Move element from -> to (Set, or Delete when from is absent), as the spec's shifting
 * loops do. */
static Status move_elem(Isolate *iso, Value *o, double from, double to, Value *tmp) {
    bool has;
    if (arr_has(iso, *o, from, &has)) return MJS_EXC;
    if (has) {
        if (arr_get(iso, *o, from, tmp)) return MJS_EXC;
        return arr_set(iso, *o, to, *tmp);
    }
    return arr_delete(iso, *o, to);
}

static Status array_shift(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *first = vm_handle(iso, V_UNDEF);
    Value *tmp = vm_handle(iso, V_UNDEF);
    double len;
    TRY(arr_this(iso, argv, "shift", o));
    TRY(arr_length_of(iso, *o, &len));
    if (len == 0) {
        TRY(arr_set_length(iso, *o, 0));
        *ret = V_UNDEF;
        goto done;
    }
    TRY(arr_get(iso, *o, 0, first));
    if (arr_movable(iso, *o)) {
        uint32_t n = arr_capacity(*o) < len ? arr_capacity(*o) : (uint32_t)len;
        if (n > 0) {
            arr_move(iso, *o, 0, 1, n - 1);
            v_fixed(v_jsobj(*o)->elements)->items[n - 1] = V_HOLE;
        }
    } else {
        for (double k = 1; k < len; k++) TRY(move_elem(iso, o, k, k - 1, tmp));
        TRY(arr_delete(iso, *o, len - 1));
    }
    TRY(arr_set_length(iso, *o, len - 1));
    *ret = *first;
done:
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* Grow a movable array to new_len with undefined (amortised growth by push); true if it is
 * still movable with room for new_len elements. */
static Status grow_dense(Isolate *iso, Value *o, double new_len, bool *ok) {
    *ok = false;
    if (new_len > INT32_MAX) return MJS_OK;
    while (array_length(*o) < new_len)
        if (array_push(iso, *o, V_UNDEF)) return MJS_EXC;
    *ok = arr_movable(iso, *o) && arr_capacity(*o) >= new_len;
    return MJS_OK;
}

static Status array_unshift(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *tmp = vm_handle(iso, V_UNDEF);
    double len;
    TRY(arr_this(iso, argv, "unshift", o));
    TRY(arr_length_of(iso, *o, &len));
    if (argc > 0) {
        if (len + argc > MAX_SAFE_INT) {
            vm_throw_error(iso, E_TYPE, "Invalid array length");
            goto fail;
        }
        bool fast = false;
        if (arr_movable(iso, *o) && len <= arr_capacity(*o)) TRY(grow_dense(iso, o, len + argc, &fast));
        if (fast) {
            arr_move(iso, *o, (uint32_t)argc, 0, (uint32_t)len);
            for (int j = 0; j < argc; j++) {
                FixedArray *el = v_fixed(v_jsobj(*o)->elements);
                vm_store(iso, el, &el->items[j], argv[j]);
            }
        } else {
            for (double k = len; k > 0; k--) TRY(move_elem(iso, o, k - 1, k + argc - 1, tmp));
            for (int j = 0; j < argc; j++) TRY(arr_set(iso, *o, j, argv[j]));
        }
    }
    TRY(arr_set_length(iso, *o, len + argc));
    *ret = v_number(len + argc);
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_slice(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    Value *v = vm_handle(iso, V_UNDEF);
    double len, k, final;
    TRY(arr_this(iso, argv, "slice", o));
    TRY(arr_length_of(iso, *o, &len));
    TRY(arr_rel_index(iso, argv[0], len, 0, &k));
    TRY(arr_rel_index(iso, argv[1], len, len, &final));
    double count = final > k ? final - k : 0;
    if (count > 4294967295.0) {
        vm_throw_error(iso, E_RANGE, "Invalid array length");
        goto fail;
    }
    *a = array_new(iso, (uint32_t)count);
    for (double n = 0; k < final; k++, n++) {
        Value e = arr_fast_elem(*o, k);
        if (e == V_HOLE) {
            bool has;
            TRY(arr_has(iso, *o, k, &has));
            if (!has) continue;
            TRY(arr_get(iso, *o, k, v));
            e = *v;
        }
        TRY(arr_create(iso, *a, n, e));
    }
    TRY(arr_set_length(iso, *a, count));
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* The common part of splice and toSpliced's argument handling. */
Status arr_splice_counts(Isolate *iso, Value *argv, int argc, double len, double *start,
                            double *del) {
    if (arr_rel_index(iso, argv[0], len, 0, start)) return MJS_EXC;
    if (argc == 0) {
        *del = 0;
    } else if (argc == 1) {
        *del = len - *start;
    } else {
        double dc;
        if (vm_to_integer(iso, argv[1], &dc)) return MJS_EXC;
        *del = dc < 0 ? 0 : dc > len - *start ? len - *start : dc;
    }
    return MJS_OK;
}

static Status array_splice(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    Value *tmp = vm_handle(iso, V_UNDEF);
    double len, start, del;
    TRY(arr_this(iso, argv, "splice", o));
    TRY(arr_length_of(iso, *o, &len));
    TRY(arr_splice_counts(iso, argv, argc, len, &start, &del));
    int items = argc > 2 ? argc - 2 : 0;
    double new_len = len - del + items;
    if (new_len > MAX_SAFE_INT) {
        vm_throw_error(iso, E_TYPE, "Invalid array length");
        goto fail;
    }
    *a = array_new(iso, (uint32_t)del);
    for (double k = 0; k < del; k++) {
        bool has;
        TRY(arr_has(iso, *o, start + k, &has));
        if (!has) continue;
        TRY(arr_get(iso, *o, start + k, tmp));
        TRY(arr_create(iso, *a, k, *tmp));
    }
    TRY(arr_set_length(iso, *a, del));

    bool fast = arr_movable(iso, *o) && len <= arr_capacity(*o);
    if (fast && new_len > len) TRY(grow_dense(iso, o, new_len, &fast));
    if (fast) {
        uint32_t s = (uint32_t)start, d = (uint32_t)del, tail = (uint32_t)(len - start - del);
        arr_move(iso, *o, s + (uint32_t)items, s + d, tail);
        /* Slots past the new end are cut by the length update below. */
    } else if (items < del) {
        for (double k = start; k < len - del; k++)
            TRY(move_elem(iso, o, k + del, k + items, tmp));
        if (!v_is_array(*o))
            for (double k = len; k > new_len; k--) TRY(arr_delete(iso, *o, k - 1));
    } else if (items > del) {
        for (double k = len - del; k > start; k--)
            TRY(move_elem(iso, o, k + del - 1, k + items - 1, tmp));
    }
    for (int i = 0; i < items; i++) TRY(arr_set(iso, *o, start + i, argv[2 + i]));
    if (fast && new_len < len) {
        /* Shrinking a dense array: clear the vacated slots before cutting the length. */
        FixedArray *el = v_fixed(v_jsobj(*o)->elements);
        for (uint32_t k = (uint32_t)new_len; k < (uint32_t)len; k++) el->items[k] = V_HOLE;
    }
    TRY(arr_set_length(iso, *o, new_len));
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_reverse(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *lv = vm_handle(iso, V_UNDEF);
    Value *uv = vm_handle(iso, V_UNDEF);
    double len;
    TRY(arr_this(iso, argv, "reverse", o));
    TRY(arr_length_of(iso, *o, &len));
    if (len == 0) {
        /* nothing to move (and an empty array may have no element store at all) */
    } else if (arr_movable(iso, *o) && len <= arr_capacity(*o)) {
        FixedArray *el = v_fixed(v_jsobj(*o)->elements);
        for (uint32_t lo = 0, hi = (uint32_t)len; lo + 1 < hi; lo++, hi--) {
            Value t = el->items[lo];
            el->items[lo] = el->items[hi - 1];
            el->items[hi - 1] = t;
        }
        gc_write_barrier_range(iso->heap, el, (GcWord *)el->items, (size_t)len);
    } else {
        double mid = floor(len / 2);
        for (double lower = 0; lower < mid; lower++) {
            double upper = len - lower - 1;
            bool lo_has, up_has;
            TRY(arr_has(iso, *o, lower, &lo_has));
            if (lo_has) TRY(arr_get(iso, *o, lower, lv));
            TRY(arr_has(iso, *o, upper, &up_has));
            if (up_has) TRY(arr_get(iso, *o, upper, uv));
            if (up_has) TRY(arr_set(iso, *o, lower, *uv));
            else if (lo_has) TRY(arr_delete(iso, *o, lower));
            if (lo_has) TRY(arr_set(iso, *o, upper, *lv));
            else if (up_has) TRY(arr_delete(iso, *o, upper));
        }
    }
    *ret = *o;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_fill(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF);
    double len, k, final;
    TRY(arr_this(iso, argv, "fill", o));
    TRY(arr_length_of(iso, *o, &len));
    TRY(arr_rel_index(iso, argc > 1 ? argv[1] : V_UNDEF, len, 0, &k));
    TRY(arr_rel_index(iso, argc > 2 ? argv[2] : V_UNDEF, len, len, &final));
    for (; k < final; k++) TRY(arr_set(iso, *o, k, argv[0]));
    *ret = *o;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_copy_within(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *tmp = vm_handle(iso, V_UNDEF);
    double len, to, from, final;
    TRY(arr_this(iso, argv, "copyWithin", o));
    TRY(arr_length_of(iso, *o, &len));
    TRY(arr_rel_index(iso, argv[0], len, 0, &to));
    TRY(arr_rel_index(iso, argv[1], len, 0, &from));
    TRY(arr_rel_index(iso, argc > 2 ? argv[2] : V_UNDEF, len, len, &final));
    double count = fmin(final - from, len - to);
    if (count > 0) {
        double dir = 1;
        if (from < to && to < from + count) {
            dir = -1;
            from += count - 1;
            to += count - 1;
        }
        for (; count > 0; count--, from += dir, to += dir) TRY(move_elem(iso, o, from, to, tmp));
    }
    *ret = *o;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- searching */

static Status array_index_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    double len, k = 0;
    TRY(arr_this(iso, argv, "indexOf", o));
    TRY(arr_length_of(iso, *o, &len));
    *ret = v_int(-1);
    if (len == 0) goto done;
    if (argc > 1) {
        TRY(vm_to_integer(iso, argv[1], &k));
        if (k < 0) k = k + len < 0 ? 0 : k + len;
    }
    if (arr_is_dense(*o) && !v_is_string(argv[0])) {
        /* Strict equality without allocation: numbers by value, the rest by identity. Holes
         * (V_HOLE) never match. */
        FixedArray *el = v_jsobj(*o)->elements == V_HOLE ? NULL : v_fixed(v_jsobj(*o)->elements);
        double end = el ? fmin(len, (double)el->length) : 0;
        Value s = argv[0];
        for (; k < end; k++) {
            Value e = el->items[(uint32_t)k];
            if (v_is_number(s) ? v_is_number(e) && v_num(e) == v_num(s) : e == s) {
                *ret = v_number(k);
                break;
            }
        }
        goto done;
    }
    for (; k < len; k++) {
        Value e = arr_fast_elem(*o, k);
        if (e == V_HOLE) {
            if (v_is_array(*o) && arr_is_dense(*o) && k >= arr_capacity(*o)) break;
            bool has;
            TRY(arr_has(iso, *o, k, &has));
            if (!has) continue;
            TRY(arr_get(iso, *o, k, v));
            e = *v;
        }
        if (vm_strict_equals(iso, e, argv[0])) {
            *ret = v_number(k);
            break;
        }
    }
done:
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_last_index_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    double len, k;
    TRY(arr_this(iso, argv, "lastIndexOf", o));
    TRY(arr_length_of(iso, *o, &len));
    *ret = v_int(-1);
    if (len == 0) goto done;
    k = len - 1;
    if (argc > 1) {
        double n;
        TRY(vm_to_integer(iso, argv[1], &n));
        k = n >= 0 ? fmin(n, len - 1) : len + n;
    }
    for (; k >= 0; k--) {
        Value e = arr_fast_elem(*o, k);
        if (e == V_HOLE) {
            bool has;
            TRY(arr_has(iso, *o, k, &has));
            if (!has) continue;
            TRY(arr_get(iso, *o, k, v));
            e = *v;
        }
        if (vm_strict_equals(iso, e, argv[0])) {
            *ret = v_number(k);
            break;
        }
    }
done:
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_includes(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    double len, k = 0;
    TRY(arr_this(iso, argv, "includes", o));
    TRY(arr_length_of(iso, *o, &len));
    *ret = V_FALSE;
    if (len == 0) goto done;
    if (argc > 1) {
        TRY(vm_to_integer(iso, argv[1], &k));
        if (k < 0) k = k + len < 0 ? 0 : k + len;
    }
    if (arr_is_dense(*o) && !v_is_string(argv[0]) && argv[0] != V_UNDEF) {
        /* SameValueZero without allocation: numbers by value (NaN matches NaN), the rest by
         * identity. Holes read as undefined, which is not searched for here. */
        FixedArray *el = v_jsobj(*o)->elements == V_HOLE ? NULL : v_fixed(v_jsobj(*o)->elements);
        double end = el ? fmin(len, (double)el->length) : 0;
        Value s = argv[0];
        bool nan = v_is_number(s) && v_num(s) != v_num(s);
        for (; k < end; k++) {
            Value e = el->items[(uint32_t)k];
            bool hit = !v_is_number(s) ? e == s
                       : v_is_number(e) && (nan ? v_num(e) != v_num(e) : v_num(e) == v_num(s));
            if (hit) {
                *ret = V_TRUE;
                break;
            }
        }
        goto done;
    }
    for (; k < len; k++) {
        Value e = arr_fast_elem(*o, k);
        if (e == V_HOLE) {
            TRY(arr_get(iso, *o, k, v));
            e = *v;
        }
        if (vm_same_value_zero(iso, e, argv[0])) {
            *ret = V_TRUE;
            break;
        }
    }
done:
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* find, findIndex, findLast, findLastIndex: holes read as undefined. */
static Status find_common(Isolate *iso, Value *argv, int argc, const char *name, bool last,
                          bool index, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    Value *r = vm_handle(iso, V_UNDEF);
    double len;
    TRY(arr_this(iso, argv, name, o));
    TRY(arr_length_of(iso, *o, &len));
    if (!v_is_callable(argv[0])) {
        rt_throw_not_function(iso, argv[0], false);
        goto fail;
    }
    *ret = index ? v_int(-1) : V_UNDEF;
    for (double i = 0; i < len; i++) {
        double k = last ? len - 1 - i : i;
        TRY(arr_get(iso, *o, k, v));
        Value args[3] = {*v, v_number(k), *o};
        TRY(vm_call(iso, argv[0], argc > 1 ? argv[1] : V_UNDEF, 3, args, r));
        if (vm_to_boolean(*r)) {
            *ret = index ? v_number(k) : *v;
            break;
        }
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_find(Isolate *iso, Value *argv, int argc, Value *ret) {
    return find_common(iso, argv, argc, "find", false, false, ret);
}
static Status array_find_index(Isolate *iso, Value *argv, int argc, Value *ret) {
    return find_common(iso, argv, argc, "findIndex", false, true, ret);
}
static Status array_find_last(Isolate *iso, Value *argv, int argc, Value *ret) {
    return find_common(iso, argv, argc, "findLast", true, false, ret);
}
static Status array_find_last_index(Isolate *iso, Value *argv, int argc, Value *ret) {
    return find_common(iso, argv, argc, "findLastIndex", true, true, ret);
}

static Status array_at(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF);
    double len, k;
    TRY(arr_this(iso, argv, "at", o));
    TRY(arr_length_of(iso, *o, &len));
    TRY(vm_to_integer(iso, argv[0], &k));
    if (k < 0) k += len;
    if (k < 0 || k >= len) *ret = V_UNDEF;
    else TRY(arr_get(iso, *o, k, ret));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- iteration with callbacks */

enum { IT_FOREACH, IT_MAP, IT_FILTER, IT_SOME, IT_EVERY };

static Status iterate(Isolate *iso, Value *argv, int argc, const char *name, int mode,
                      Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    Value *r = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    double len;
    TRY(arr_this(iso, argv, name, o));
    TRY(arr_length_of(iso, *o, &len));
    if (!v_is_callable(argv[0])) {
        rt_throw_not_function(iso, argv[0], false);
        goto fail;
    }
    if (mode == IT_MAP) {
        if (len > 4294967295.0) {
            vm_throw_error(iso, E_RANGE, "Invalid array length");
            goto fail;
        }
        *a = array_new(iso, (uint32_t)len);
    } else if (mode == IT_FILTER) {
        *a = array_new(iso, 0);
    }
    Value result = mode == IT_SOME ? V_FALSE : mode == IT_EVERY ? V_TRUE : V_UNDEF;
    for (double k = 0; k < len; k++) {
        Value e = arr_fast_elem(*o, k);
        if (e == V_HOLE) {
            bool has;
            TRY(arr_has(iso, *o, k, &has));
            if (!has) continue;
            TRY(arr_get(iso, *o, k, v));
            e = *v;
        } else {
            *v = e;
        }
        Value args[3] = {e, v_number(k), *o};
        TRY(vm_call(iso, argv[0], argc > 1 ? argv[1] : V_UNDEF, 3, args, r));
        if (mode == IT_MAP) {
            TRY(arr_create(iso, *a, k, *r));
        } else if (mode == IT_FILTER) {
            if (vm_to_boolean(*r)) TRY(array_push(iso, *a, *v));
        } else if (mode == IT_SOME) {
            if (vm_to_boolean(*r)) {
                result = V_TRUE;
                break;
            }
        } else if (mode == IT_EVERY) {
            if (!vm_to_boolean(*r)) {
                result = V_FALSE;
                break;
            }
        }
    }
    *ret = (mode == IT_MAP || mode == IT_FILTER) ? *a : result;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_for_each(Isolate *iso, Value *argv, int argc, Value *ret) {
    return iterate(iso, argv, argc, "forEach", IT_FOREACH, ret);
}
static Status array_map(Isolate *iso, Value *argv, int argc, Value *ret) {
    return iterate(iso, argv, argc, "map", IT_MAP, ret);
}
static Status array_filter(Isolate *iso, Value *argv, int argc, Value *ret) {
    return iterate(iso, argv, argc, "filter", IT_FILTER, ret);
}
static Status array_some(Isolate *iso, Value *argv, int argc, Value *ret) {
    return iterate(iso, argv, argc, "some", IT_SOME, ret);
}
static Status array_every(Isolate *iso, Value *argv, int argc, Value *ret) {
    return iterate(iso, argv, argc, "every", IT_EVERY, ret);
}

static Status reduce_common(Isolate *iso, Value *argv, int argc, bool right, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    Value *acc = vm_handle(iso, V_UNDEF);
    double len;
    TRY(arr_this(iso, argv, right ? "reduceRight" : "reduce", o));
    TRY(arr_length_of(iso, *o, &len));
    if (!v_is_callable(argv[0])) {
        rt_throw_not_function(iso, argv[0], false);
        goto fail;
    }
    double i = 0;
    bool has;
    if (argc >= 2) {
        *acc = argv[1];
    } else {
        for (has = false; i < len && !has; i++) {
            TRY(arr_has(iso, *o, right ? len - 1 - i : i, &has));
            if (has) TRY(arr_get(iso, *o, right ? len - 1 - i : i, acc));
        }
        if (!has) {
            vm_throw_error(iso, E_TYPE, "Reduce of empty array with no initial value");
            goto fail;
        }
    }
    for (; i < len; i++) {
        double k = right ? len - 1 - i : i;
        TRY(arr_has(iso, *o, k, &has));
        if (!has) continue;
        TRY(arr_get(iso, *o, k, v));
        Value args[4] = {*acc, *v, v_number(k), *o};
        TRY(vm_call(iso, argv[0], V_UNDEF, 4, args, acc));
    }
    *ret = *acc;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_reduce(Isolate *iso, Value *argv, int argc, Value *ret) {
    return reduce_common(iso, argv, argc, false, ret);
}
static Status array_reduce_right(Isolate *iso, Value *argv, int argc, Value *ret) {
    return reduce_common(iso, argv, argc, true, ret);
}

/* ---------------------------------------------------------------- concat, flat */

static Status array_concat(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    Value *e = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    TRY(arr_this(iso, argv, "concat", o));
    *a = array_new(iso, 0);
    double n = 0;
    for (int i = -1; i < argc; i++) {
        *e = i < 0 ? *o : argv[i];
        if (!v_is_array(*e)) {
            TRY(arr_create(iso, *a, n, *e));
            n++;
            continue;
        }
        double len = array_length(*e);
        if (n + len > MAX_SAFE_INT) {
            vm_throw_error(iso, E_TYPE, "Invalid array length");
            goto fail;
        }
        for (double k = 0; k < len; k++) {
            Value x = arr_fast_elem(*e, k);
            if (x == V_HOLE) {
                if (arr_is_dense(*e) && k >= arr_capacity(*e)) break; /* only holes remain */
                bool has;
                TRY(arr_has(iso, *e, k, &has));
                if (!has) continue;
                TRY(arr_get(iso, *e, k, v));
                x = *v;
            }
            TRY(arr_create(iso, *a, n + k, x));
        }
        n += len;
    }
    TRY(arr_set_length(iso, *a, n));
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* FlattenIntoArray; depth of C recursion bounded like V8's stack. */
static Status flatten_into(Isolate *iso, Value *target, Value *src, double src_len, double *index,
                           double depth, Value *mapper, Value *this_arg, int nest) {
    if (nest > FLAT_MAX_NEST)
        return vm_throw_error(iso, E_RANGE, "Maximum call stack size exceeded");
    size_t mark = vm_scope_open(iso);
    Value *el = vm_handle(iso, V_UNDEF);
    for (double k = 0; k < src_len; k++) {
        bool has;
        TRY(arr_has(iso, *src, k, &has));
        if (!has) continue;
        TRY(arr_get(iso, *src, k, el));
        if (mapper) {
            Value args[3] = {*el, v_number(k), *src};
            TRY(vm_call(iso, *mapper, *this_arg, 3, args, el));
        }
        if (depth > 0 && v_is_array(*el)) {
            TRY(flatten_into(iso, target, el, array_length(*el), index, depth - 1, NULL, NULL,
                             nest + 1));
        } else {
            if (*index >= MAX_SAFE_INT) {
                vm_throw_error(iso, E_TYPE, "Invalid array length");
                goto fail;
            }
            TRY(arr_create(iso, *target, *index, *el));
            (*index)++;
        }
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_flat(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    double len, depth = 1, index = 0;
    TRY(arr_this(iso, argv, "flat", o));
    TRY(arr_length_of(iso, *o, &len));
    if (argc > 0 && argv[0] != V_UNDEF) {
        TRY(vm_to_integer(iso, argv[0], &depth));
        if (depth < 0) depth = 0;
    }
    *a = array_new(iso, 0);
    TRY(flatten_into(iso, a, o, len, &index, depth, NULL, NULL, 0));
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status array_flat_map(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *a = vm_handle(iso, V_UNDEF);
    double len, index = 0;
    TRY(arr_this(iso, argv, "flatMap", o));
    TRY(arr_length_of(iso, *o, &len));
    if (!v_is_callable(argv[0])) {
        vm_throw_error(iso, E_TYPE, "flatMap mapper function is not callable");
        goto fail;
    }
    *a = array_new(iso, 0);
    Value *this_arg = vm_handle(iso, argc > 1 ? argv[1] : V_UNDEF);
    TRY(flatten_into(iso, a, o, len, &index, 1, &argv[0], this_arg, 0));
    *ret = *a;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- iterators, toString */

static Status make_iter(Isolate *iso, Value *argv, const char *name, int kind, Value *ret) {
    Value o;
    if (arr_this(iso, argv, name, &o)) return MJS_EXC;
    *ret = vm_iterator_new(iso, o, kind);
    return MJS_OK;
}

static Status array_keys(Isolate *iso, Value *argv, int argc, Value *ret) {
    return make_iter(iso, argv, "keys", ITER_ARRAY_KEYS, ret);
}
static Status array_values(Isolate *iso, Value *argv, int argc, Value *ret) {
    return make_iter(iso, argv, "values", ITER_ARRAY_VALUES, ret);
}
static Status array_entries(Isolate *iso, Value *argv, int argc, Value *ret) {
    return make_iter(iso, argv, "entries", ITER_ARRAY_ENTRIES, ret);
}

static Status array_to_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t mark = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *f = vm_handle(iso, V_UNDEF);
    TRY(vm_to_object(iso, argv[-1], o));
    Value join = atom_from_cstr(iso, "join");
    TRY(obj_get(iso, *o, join, f));
    if (!v_is_callable(*f)) TRY(obj_get(iso, ROOT(iso, R_OBJECT_PROTO), ATOM(iso, toString), f));
    TRY(vm_call(iso, *f, *o, 0, NULL, ret));
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* ---------------------------------------------------------------- installation */

void rt_install_array(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    vm_iterator_init(iso);
    Value *ctor = vm_handle(iso, rt_install_ctor(iso, "Array", array_ctor, 1, R_ARRAY_PROTO));
    vm_def_native(iso, *ctor, "isArray", array_is_array, 1);
    vm_def_native(iso, *ctor, "from", array_from_m, 1);
    vm_def_native(iso, *ctor, "of", array_of, 0);

    Value *proto = vm_handle(iso, ROOT(iso, R_ARRAY_PROTO));
    if (!v_is_array(*proto)) vm_def_value(iso, *proto, "length", v_int(0), P_WRITABLE);
    static const struct {
        const char *name;
        NativeFn fn;
        int length;
    } methods[] = {
        {"at", array_at, 1},
        {"concat", array_concat, 1},
        {"copyWithin", array_copy_within, 2},
        {"fill", array_fill, 1},
        {"find", array_find, 1},
        {"findIndex", array_find_index, 1},
        {"findLast", array_find_last, 1},
        {"findLastIndex", array_find_last_index, 1},
        {"lastIndexOf", array_last_index_of, 1},
        {"pop", array_pop, 0},
        {"push", array_push_m, 1},
        {"reverse", array_reverse, 0},
        {"shift", array_shift, 0},
        {"unshift", array_unshift, 1},
        {"slice", array_slice, 2},
        {"sort", rt_array_sort, 1},
        {"splice", array_splice, 2},
        {"includes", array_includes, 1},
        {"indexOf", array_index_of, 1},
        {"join", rt_array_join, 1},
        {"keys", array_keys, 0},
        {"entries", array_entries, 0},
        {"values", array_values, 0},
        {"forEach", array_for_each, 1},
        {"filter", array_filter, 1},
        {"flat", array_flat, 0},
        {"flatMap", array_flat_map, 1},
        {"map", array_map, 1},
        {"every", array_every, 1},
        {"some", array_some, 1},
        {"reduce", array_reduce, 1},
        {"reduceRight", array_reduce_right, 1},
        {"toLocaleString", rt_array_to_locale_string, 0},
        {"toString", array_to_string, 0},
        {"toReversed", rt_array_to_reversed, 0},
        {"toSorted", rt_array_to_sorted, 1},
        {"toSpliced", rt_array_to_spliced, 2},
        {"with", rt_array_with, 2},
    };
    Value *values = vm_handle(iso, V_UNDEF);
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        Value f = vm_def_native(iso, *proto, methods[i].name, methods[i].fn, methods[i].length);
        if (methods[i].fn == array_values) *values = f;
    }
    if (obj_define(iso, *proto, ROOT(iso, R_SYMBOL_ITERATOR), *values, P_HIDDEN)) {
        fprintf(stderr, "minijs: installing Array built-ins failed\n");
        abort();
    }
    vm_scope_close(iso, mark);
}
