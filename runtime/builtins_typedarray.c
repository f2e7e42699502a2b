/* builtins_typedarray.c: %TypedArray% and the nine concrete constructors (from a length, an
 * array-like, an iterable, another typed array, or a buffer with offset and length),
 * TypedArray.from/of and the accessor getters. Element access itself is integer-indexed
 * in vm/typed.c; the prototype methods are in builtins_typedarray_proto.c.
 * R_TYPED_PROTOS holds the concrete prototypes (0..8) then constructors (9..17). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "typed_int.h"

#define MAX_TYPED_LENGTH 4294967296.0 /* V8's limit on 64-bit hosts: 2^32 elements */

static void must(Status s) {
    if (s != MJS_OK) {
        fprintf(stderr, "minijs: installing typed array built-ins failed\n");
        abort();
    }
}

Status rt_ta_check(Isolate *iso, Value v) {
    if (!v_is_typed_array(v)) return vm_throw_error(iso, E_TYPE, "this is not a typed array.");
    return rt_ta_attached(iso, v);
}

Status rt_ta_attached(Isolate *iso, Value v) {
    if (!vm_view_detached(v)) return MJS_OK;
    return vm_throw_error(iso, E_TYPE, "Cannot perform this operation on a detached ArrayBuffer");
}

static Status invalid_length(Isolate *iso, double n) {
    char buf[40];
    num_to_cstr(n, buf);
    return vm_throw_error(iso, E_RANGE, "Invalid typed array length: %s", buf);
}

Status rt_ta_create(Isolate *iso, TypedKind k, double n, Value *out) {
    if (n > MAX_TYPED_LENGTH) return invalid_length(iso, n);
    Value buf;
    if (vm_array_buffer_new(iso, n * vm_typed_size[k], V_UNDEF, &buf)) return MJS_EXC;
    *out = vm_typed_array_new(iso, k, buf, 0, (size_t)n, V_UNDEF);
    return MJS_OK;
}

/* new TA(buffer, byteOffset, length) */
static Status from_buffer(Isolate *iso, TypedKind k, Value *argv, int argc, Value *ret) {
    int size = vm_typed_size[k];
    double off, len;
    if (rt_to_index(iso, argc > 1 ? argv[1] : V_UNDEF, "Start offset %s is outside the bounds of the buffer", &off))
        return MJS_EXC;
    if (fmod(off, size) != 0)
        return vm_throw_error(iso, E_RANGE, "start offset of %s should be a multiple of %d",
                              vm_typed_name[k], size);
    bool has_len = argc > 2 && !v_is_undef(argv[2]);
    if (has_len && rt_to_index(iso, argv[2], "Invalid typed array length: %s", &len)) return MJS_EXC;
    if (vm_array_buffer_detached(argv[0]))
        return vm_throw_error(iso, E_TYPE, "Cannot perform Construct on a detached ArrayBuffer");
    double buf_len = (double)vm_array_buffer_length(argv[0]);
    if (!has_len) {
        if (fmod(buf_len, size) != 0)
            return vm_throw_error(iso, E_RANGE, "byte length of %s should be a multiple of %d",
                                  vm_typed_name[k], size);
        if (off > buf_len)
            return vm_throw_error(iso, E_RANGE, "Start offset %.0f is outside the bounds of the buffer", off);
        len = (buf_len - off) / size;
    } else if (off + len * size > buf_len) {
        return invalid_length(iso, len);
    }
    *ret = vm_typed_array_new(iso, k, argv[0], (size_t)off, (size_t)len, V_UNDEF);
    return MJS_OK;
}

/* TypedArrayCreate(C, len): a built-in constructor makes it directly; any other constructor
 * is called with new and must return a typed array at least len long. */
static Status create_from_ctor(Isolate *iso, Value *hctor, double len, Value *out) {
    FixedArray *a = v_fixed(ROOT(iso, R_TYPED_PROTOS));
    for (int i = 0; i < TK__COUNT; i++)
        if (a->items[TK__COUNT + i] == *hctor) return rt_ta_create(iso, (TypedKind)i, len, out);
    if (*hctor == ROOT(iso, R_TYPED_ARRAY_CTOR))
        return vm_throw_error(iso, E_TYPE, "Abstract class TypedArray not directly constructable");
    Value arg = v_number(len);
    if (vm_construct(iso, *hctor, 1, &arg, out)) return MJS_EXC;
    if (!v_is_typed_array(*out)) return vm_throw_error(iso, E_TYPE, "this is not a typed array.");
    if (rt_ta_attached(iso, *out)) return MJS_EXC;
    if ((double)vm_typed_length(*out) < len)
        return vm_throw_error(iso, E_TYPE, "Derived TypedArray constructor created an array which was too small");
    return MJS_OK;
}

/* Fill *hta (kind k, created here with the right length) from the values in *hsrc: a JS
 * array of collected iterator values or an array-like object; map (if callable) first. */
static Status fill_from(Isolate *iso, Value *hctor, Value *hsrc, double len, Value *hmap,
                        Value *hthis_arg, Value *hta) {
    if (create_from_ctor(iso, hctor, len, hta)) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *hv = vm_handle(iso, V_UNDEF), *hkey = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    for (double i = 0; i < len && st == MJS_OK; i++) {
        *hkey = v_number(i);
        st = vm_to_key(iso, *hkey, hkey);
        if (st == MJS_OK) st = obj_get(iso, *hsrc, *hkey, hv);
        if (st == MJS_OK && hmap && v_is_callable(*hmap)) {
            Value args[2] = {*hv, v_number(i)};
            st = vm_call(iso, *hmap, hthis_arg ? *hthis_arg : V_UNDEF, 2, args, hv);
        }
        double d;
        if (st == MJS_OK) st = vm_to_number(iso, *hv, &d);
        if (st == MJS_OK) vm_typed_set(*hta, (size_t)i, d);
    }
    vm_scope_close(iso, mark);
    return st;
}

/* An object source: its iterator's values collected into a JS array, or (no iterator) the
 * object itself as an array-like. *hsrc and *len are set. */
static Status collect(Isolate *iso, Value obj, Value *hsrc, double *len) {
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *fn = vm_handle(iso, V_UNDEF);
    Status st = obj_get(iso, *ho, ROOT(iso, R_SYMBOL_ITERATOR), fn);
    if (st == MJS_OK && !v_is_nullish(*fn)) {
        if (!v_is_callable(*fn)) {
            st = rt_throw_not_function(iso, *fn, false);
        } else {
            Value *it = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
            *hsrc = array_new(iso, 0);
            st = vm_call(iso, *fn, *ho, 0, NULL, it);
            if (st == MJS_OK && !v_is_object(*it))
                st = vm_throw_error(iso, E_TYPE, "Result of the Symbol.iterator method is not an object");
            for (bool done = false; st == MJS_OK;) {
                st = vm_iterator_step(iso, *it, &done, v);
                if (st != MJS_OK || done) break;
                st = array_push(iso, *hsrc, *v);
            }
            if (st == MJS_OK) *len = array_length(*hsrc);
        }
    } else if (st == MJS_OK) {
        *hsrc = *ho;
        st = obj_get(iso, *ho, ATOM(iso, length), fn);
        double l = 0;
        if (st == MJS_OK) st = vm_to_integer(iso, *fn, &l);
        *len = l < 0 ? 0 : fmin(l, 9007199254740991.0);
    }
    vm_scope_close(iso, mark);
    return st;
}

static Status construct(Isolate *iso, TypedKind k, Value *argv, int argc, Value *ret) {
    if (argv[-1] != V_HOLE)
        return vm_throw_error(iso, E_TYPE, "Constructor %s requires 'new'", vm_typed_name[k]);
    Value a0 = argc > 0 ? argv[0] : V_UNDEF;
    if (!v_is_object(a0)) {
        double n;
        if (rt_to_index(iso, a0, "Invalid typed array length: %s", &n)) return MJS_EXC;
        return rt_ta_create(iso, k, n, ret);
    }
    if (v_type(a0) == T_ARRAY_BUFFER) return from_buffer(iso, k, argv, argc, ret);
    if (v_is_typed_array(a0) && rt_ta_attached(iso, a0)) return MJS_EXC;
    size_t mark = vm_scope_open(iso);
    Value *hta = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    if (v_is_typed_array(a0)) {
        size_t n = vm_typed_length(a0);
        st = rt_ta_create(iso, k, (double)n, hta);
        if (st == MJS_OK) {
            Value src = argv[0];
            TypedKind sk = vm_typed_kind(src);
            if (sk == k && n) memcpy(vm_typed_data(*hta), vm_typed_data(src), n * vm_typed_size[k]);
            else
                for (size_t i = 0; i < n; i++) vm_typed_set(*hta, i, v_num(vm_typed_get(src, i)));
        }
    } else {
        Value *hsrc = vm_handle(iso, V_UNDEF);
        double len = 0;
        st = collect(iso, argv[0], hsrc, &len);
        Value *hctor = vm_handle(iso, v_fixed(ROOT(iso, R_TYPED_PROTOS))->items[TK__COUNT + k]);
        if (st == MJS_OK) st = fill_from(iso, hctor, hsrc, len, NULL, NULL, hta);
    }
    if (st == MJS_OK) *ret = *hta;
    vm_scope_close(iso, mark);
    return st;
}

#define CTOR(kind, fn)                                                                         \
    static Status fn(Isolate *iso, Value *argv, int argc, Value *ret) {                        \
        return construct(iso, kind, argv, argc, ret);                                          \
    }
CTOR(TK_INT8, ctor_int8)
CTOR(TK_UINT8, ctor_uint8)
CTOR(TK_UINT8C, ctor_uint8c)
CTOR(TK_INT16, ctor_int16)
CTOR(TK_UINT16, ctor_uint16)
CTOR(TK_INT32, ctor_int32)
CTOR(TK_UINT32, ctor_uint32)
CTOR(TK_FLOAT32, ctor_float32)
CTOR(TK_FLOAT64, ctor_float64)
static const NativeFn ctors[TK__COUNT] = {ctor_int8,  ctor_uint8,  ctor_uint8c,
                                          ctor_int16, ctor_uint16, ctor_int32,
                                          ctor_uint32, ctor_float32, ctor_float64};

static Status abstract_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    return vm_throw_error(iso, E_TYPE, "Abstract class TypedArray not directly constructable");
}

/* ---------------------------------------------------------------- from, of */

static Status not_ctor(Isolate *iso, Value c) {
    char *s = rt_describe(iso, c, false);
    vm_throw_error(iso, E_TYPE, "%s is not a constructor", s);
    free(s);
    return MJS_EXC;
}

static Status ta_from(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_callable(argv[-1])) return not_ctor(iso, argv[-1]);
    if (argc > 1 && !v_is_undef(argv[1]) && !v_is_callable(argv[1]))
        return rt_throw_not_function(iso, argv[1], false);
    Value src = argc > 0 ? argv[0] : V_UNDEF;
    if (v_is_nullish(src))
        return vm_throw_error(iso, E_TYPE, "%s is not iterable (cannot read property Symbol(Symbol.iterator))",
                              v_is_null(src) ? "object null" : "undefined");
    size_t mark = vm_scope_open(iso);
    Value *hsrc = vm_handle(iso, V_UNDEF), *hta = vm_handle(iso, V_UNDEF);
    Value *hobj = vm_handle(iso, V_UNDEF);
    double len = 0;
    Status st = vm_to_object(iso, src, hobj);
    if (st == MJS_OK) st = collect(iso, *hobj, hsrc, &len);
    if (st == MJS_OK)
        st = fill_from(iso, &argv[-1], hsrc, len, argc > 1 ? &argv[1] : NULL, argc > 2 ? &argv[2] : NULL, hta);
    if (st == MJS_OK) *ret = *hta;
    vm_scope_close(iso, mark);
    return st;
}

static Status ta_of(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (!v_is_callable(argv[-1])) return not_ctor(iso, argv[-1]);
    size_t mark = vm_scope_open(iso);
    Value *hta = vm_handle(iso, V_UNDEF);
    Status st = create_from_ctor(iso, &argv[-1], argc, hta);
    for (int i = 0; i < argc && st == MJS_OK; i++) {
        double d;
        st = vm_to_number(iso, argv[i], &d);
        if (st == MJS_OK) vm_typed_set(*hta, (size_t)i, d);
    }
    if (st == MJS_OK) *ret = *hta;
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- getters */

static Status ta_getter(Isolate *iso, Value this_, const char *name, Value *ret) {
    if (!v_is_typed_array(this_)) {
        char *s = rt_describe(iso, this_, false);
        vm_throw_error(iso, E_TYPE, "Method get TypedArray.prototype.%s called on incompatible receiver %s",
                       name, s);
        free(s);
        return MJS_EXC;
    }
    return MJS_OK;
}

static Status get_buffer(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (ta_getter(iso, argv[-1], "buffer", ret)) return MJS_EXC;
    *ret = *obj_internal(argv[-1], 0);
    return MJS_OK;
}

static Status get_byte_length(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (ta_getter(iso, argv[-1], "byteLength", ret)) return MJS_EXC;
    *ret = v_number((double)vm_typed_length(argv[-1]) * vm_typed_size[vm_typed_kind(argv[-1])]);
    return MJS_OK;
}

static Status get_byte_offset(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (ta_getter(iso, argv[-1], "byteOffset", ret)) return MJS_EXC;
    *ret = vm_view_detached(argv[-1]) ? v_int(0) : v_number((double)vm_typed_offset(argv[-1]));
    return MJS_OK;
}

static Status get_length(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (ta_getter(iso, argv[-1], "length", ret)) return MJS_EXC;
    *ret = v_number((double)vm_typed_length(argv[-1]));
    return MJS_OK;
}

static Status get_tag(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = v_is_typed_array(argv[-1]) ? atom_from_cstr(iso, vm_typed_name[vm_typed_kind(argv[-1])])
                                      : V_UNDEF;
    return MJS_OK;
}

/* ---------------------------------------------------------------- installation */

void rt_install_typed_arrays(Isolate *iso) {
    size_t mark = vm_scope_open(iso);
    ROOT(iso, R_TYPED_ARRAY_PROTO) = obj_new(iso);
    Value *base_proto = vm_handle(iso, ROOT(iso, R_TYPED_ARRAY_PROTO));
    Value *base = vm_handle(iso, vm_new_native(iso, "TypedArray", abstract_ctor, 0));
    ROOT(iso, R_TYPED_ARRAY_CTOR) = *base;
    must(obj_define(iso, *base, ATOM(iso, prototype), *base_proto, 0));
    must(obj_define(iso, *base_proto, ATOM(iso, constructor), *base, P_HIDDEN));
    vm_def_native(iso, *base, "from", ta_from, 1);
    vm_def_native(iso, *base, "of", ta_of, 0);
    rt_def_species(iso, *base);
    rt_def_getter(iso, *base_proto, "buffer", get_buffer);
    rt_def_getter(iso, *base_proto, "byteLength", get_byte_length);
    rt_def_getter(iso, *base_proto, "byteOffset", get_byte_offset);
    rt_def_getter(iso, *base_proto, "length", get_length);
    rt_def_getter(iso, *base_proto, "@@toStringTag", get_tag);
    rt_install_typed_array_methods(iso, *base_proto);

    ROOT(iso, R_TYPED_PROTOS) = fixed_new(iso, 2 * TK__COUNT);
    Value *proto = vm_handle(iso, V_UNDEF), *ctor = vm_handle(iso, V_UNDEF);
    for (int k = 0; k < TK__COUNT; k++) {
        *proto = obj_new_with_proto(iso, *base_proto);
        vm_store(iso, v_fixed(ROOT(iso, R_TYPED_PROTOS)), &v_fixed(ROOT(iso, R_TYPED_PROTOS))->items[k], *proto);
        *ctor = vm_new_native(iso, vm_typed_name[k], ctors[k], 3);
        vm_store(iso, v_fixed(ROOT(iso, R_TYPED_PROTOS)),
                 &v_fixed(ROOT(iso, R_TYPED_PROTOS))->items[TK__COUNT + k], *ctor);
        must(obj_set_proto(iso, *ctor, *base));
        must(obj_define(iso, *ctor, ATOM(iso, prototype), *proto, 0));
        must(obj_define(iso, *proto, ATOM(iso, constructor), *ctor, P_HIDDEN));
        vm_def_value(iso, *ctor, "BYTES_PER_ELEMENT", v_int(vm_typed_size[k]), 0);
        vm_def_value(iso, *proto, "BYTES_PER_ELEMENT", v_int(vm_typed_size[k]), 0);
        vm_def_value(iso, ROOT(iso, R_GLOBAL), vm_typed_name[k], *ctor, P_HIDDEN);
    }
    vm_scope_close(iso, mark);
}
