/* interp.c: the bytecode interpreter. JS-to-JS calls stay in this one C loop (a frame
 * record per call, registers on the shared value stack); natives and vm_call from C
 * re-enter it under a C-stack check. Fast paths (int arithmetic, IC hits, dense elements)
 * are inline; everything that may allocate or throw first saves pc, then re-reads state.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/runtime.h"
#include "interp_int.h"
#include "regexp.h"
#include "vm_int.h"

#define VM(iso) ((iso)->vm)

/* ---------------------------------------------------------------- helpers (cold) */

static Value callee_text(Code *code, const Instr *pc) {
    unsigned c = INS_C(pc[-1]);
    return c < code->const_count ? code->consts[c] : V_UNDEF;
}

static Status throw_not_callable(Isolate *iso, Value text, bool construct) {
    char *s = v_is_string(text) ? str_to_utf8(iso, text, NULL) : NULL;
    Status st = vm_throw_error(iso, E_TYPE, "%s is not a %s", s ? s : "expression", construct ? "constructor" : "function");
    free(s);
    return st;
}

static Status compare_slow(Isolate *iso, Value a, Value b, bool left_first, int *out) {
    /* *out: 1 a<b, 0 not, -1 undefined (NaN) */
    Value pa, pb;
    size_t mark = vm_scope_open(iso);
    Value *hb = vm_handle(iso, b);
    if (left_first) {
        if (vm_to_primitive(iso, a, 1, &pa)) goto fail;
        Value *hpa = vm_handle(iso, pa);
        if (vm_to_primitive(iso, *hb, 1, &pb)) goto fail;
        pa = *hpa;
    } else {
        Value *ha = vm_handle(iso, a);
        if (vm_to_primitive(iso, *hb, 1, &pb)) goto fail;
        Value *hpb = vm_handle(iso, pb);
        if (vm_to_primitive(iso, *ha, 1, &pa)) goto fail;
        pb = *hpb;
    }
    if (v_is_string(pa) && v_is_string(pb)) {
        *out = str_compare(iso, pa, pb) < 0;
    } else {
        double x, y;
        Value *hpb = vm_handle(iso, pb);
        if (vm_to_number(iso, pa, &x)) goto fail;
        if (vm_to_number(iso, *hpb, &y)) goto fail;
        *out = (x != x || y != y) ? -1 : x < y;
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static double js_fmod(double a, double b) { return fmod(a, b); }

static Status arith_slow(Isolate *iso, unsigned op, Value a, Value b, Value *out) {
    if (op == BC_ADD) return vm_add(iso, a, b, out);
    double x, y;
    size_t mark = vm_scope_open(iso);
    Value *hb = vm_handle(iso, b);
    if (vm_to_number(iso, a, &x)) goto fail;
    if (vm_to_number(iso, *hb, &y)) goto fail;
    vm_scope_close(iso, mark);
    switch (op) {
    case BC_SUB: *out = v_number(x - y); break;
    case BC_MUL: *out = v_number(x * y); break;
    case BC_DIV: *out = v_number(x / y); break;
    case BC_MOD: *out = v_number(js_fmod(x, y)); break;
    case BC_EXP: *out = v_number((y != y || ((x == 1 || x == -1) && isinf(y))) ? NAN : pow(x, y)); break;
    case BC_SHL: *out = v_int((int32_t)((uint32_t)vm_double_to_int32(x) << ((uint32_t)vm_double_to_int32(y) & 31))); break;
    case BC_SAR: *out = v_int(vm_double_to_int32(x) >> ((uint32_t)vm_double_to_int32(y) & 31)); break;
    case BC_SHR: *out = v_number((double)((uint32_t)vm_double_to_int32(x) >> ((uint32_t)vm_double_to_int32(y) & 31))); break;
    case BC_BAND: *out = v_int(vm_double_to_int32(x) & vm_double_to_int32(y)); break;
    case BC_BOR: *out = v_int(vm_double_to_int32(x) | vm_double_to_int32(y)); break;
    case BC_BXOR: *out = v_int(vm_double_to_int32(x) ^ vm_double_to_int32(y)); break;
    default: *out = V_UNDEF;
    }
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Value context_new(Isolate *iso, uint32_t slots, Value parent) {
    size_t mark = vm_scope_open(iso);
    Value *hp = vm_handle(iso, parent);
    Context *c = gc_alloc(iso->heap, sizeof(Context) + sizeof(Value) * slots);
    c->map = (Map *)v_ptr(ROOT(iso, R_MAP_CONTEXT));
    c->length = slots;
    c->parent = *hp;
    if (!gc_in_new_space(iso->heap, c)) gc_write_barrier(iso->heap, c, (GcWord *)&c->parent, c->parent);
    vm_scope_close(iso, mark);
    return v_from_ptr(c);
}

static Value context_clone(Isolate *iso, Value ctx) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, ctx);
    Context *old = v_ptr(*h);
    Value nv = context_new(iso, (uint32_t)old->length, old->parent);
    old = v_ptr(*h);
    Context *c = v_ptr(nv);
    memcpy(c->slots, old->slots, sizeof(Value) * old->length);
    gc_write_barrier_range(iso->heap, c, (GcWord *)c->slots, old->length);
    vm_scope_close(iso, mark);
    return nv;
}

static Value ctx_at(Value ctx, unsigned depth) {
    while (depth--) ctx = ((Context *)v_ptr(ctx))->parent;
    return ctx;
}

/* for-in: a FixedArray [object, keys array, next index] */
static Status forin_new(Isolate *iso, Value obj_in, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *hobj = vm_handle(iso, obj_in);
    Value *it = vm_handle(iso, fixed_new(iso, 3));
    Value obj = *hobj;
    v_fixed(*it)->items[2] = v_int(0);
    if (v_is_nullish(obj)) {
        Value empty = array_new(iso, 0);
        vm_store(iso, v_ptr(*it), &v_fixed(*it)->items[1], empty);
        *out = *it;
        vm_scope_close(iso, mark);
        return MJS_OK;
    }
    Value o;
    if (vm_to_object(iso, obj, &o)) {
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    Value *ho = vm_handle(iso, o);
    vm_store(iso, v_ptr(*it), &v_fixed(*it)->items[0], *ho);
    /* own enumerable keys, then each prototype's keys not seen before */
    Value *keys = vm_handle(iso, array_new(iso, 0));
    Value *cur = vm_handle(iso, *ho);
    Value *seen = vm_handle(iso, V_UNDEF);
    bool first = true;
    while (v_is_object(*cur)) {
        *seen = obj_own_keys(iso, *cur, 0);
        uint32_t n = array_length(*seen);
        for (uint32_t i = 0; i < n; i++) {
            Value k = array_get_own(*seen, i);
            PropDesc d;
            Value key;
            if (vm_to_key(iso, k, &key)) goto fail;
            k = array_get_own(*seen, i);
            if (!obj_get_own(iso, *cur, key, &d) || !(d.attrs & P_ENUMERABLE)) continue;
            if (!first) {
                /* shadowed by something nearer? */
                bool dup = false;
                uint32_t kn = array_length(*keys);
                for (uint32_t j = 0; j < kn && !dup; j++) dup = str_equals(iso, array_get_own(*keys, j), k);
                if (dup) continue;
            }
            if (array_push(iso, *keys, array_get_own(*seen, i))) goto fail;
        }
        first = false;
        *cur = obj_get_proto(*cur);
    }
    vm_store(iso, v_ptr(*it), &v_fixed(*it)->items[1], *keys);
    *out = *it;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* Returns 1 with *key set, 0 when done. */
static Status forin_next(Isolate *iso, Value it, Value *key, int *more) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, it);
    for (;;) {
        FixedArray *f = v_fixed(*h);
        Value keys = f->items[1];
        int32_t i = v_int_val(f->items[2]);
        if ((uint32_t)i >= array_length(keys)) {
            *more = 0;
            break;
        }
        f->items[2] = v_int(i + 1);
        Value k = array_get_own(keys, (uint32_t)i);
        Value pk;
        bool has = true;
        Value *hk = vm_handle(iso, k);
        if (vm_to_key(iso, k, &pk)) goto fail;
        if (obj_has(iso, v_fixed(*h)->items[0], pk, &has)) goto fail;
        if (has) {
            *key = *hk;
            *more = 1;
            break;
        }
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* for-of: arrays iterate directly by index ([array, index, 0]); other values use the
 * iterator protocol ([iterator, 0, 1]). */
static Status iter_new(Isolate *iso, Value v, Value text_in, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *hv = vm_handle(iso, v);
    Value *htext = vm_handle(iso, text_in);
    Value *it = vm_handle(iso, fixed_new(iso, 3));
    v_fixed(*it)->items[1] = v_int(0);
    if (v_is_array(*hv) || (v_is_ptr(*hv) && v_type(*hv) == T_ARGUMENTS)) {
        /* arrays and arguments objects: by index (kind 0 reads the live length) */
        vm_store(iso, v_ptr(*it), &v_fixed(*it)->items[0], *hv);
        v_fixed(*it)->items[2] = v_int(v_is_array(*hv) ? 0 : 2);
    } else {
        Value iter;
        if (v_is_nullish(*hv)) {
            char *s = v_is_string(*htext) ? str_to_utf8(iso, *htext, NULL) : NULL;
            vm_throw_error(iso, E_TYPE, "%s is not iterable", s ? s : (v_is_null(*hv) ? "null" : "undefined"));
            free(s);
            goto fail;
        }
        if (vm_get_iterator(iso, *hv, &iter)) goto fail;
        vm_store(iso, v_ptr(*it), &v_fixed(*it)->items[0], iter);
        v_fixed(*it)->items[2] = v_int(1);
    }
    *out = *it;
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

static Status iter_next(Isolate *iso, Value it, Value *val, int *more) {
    FixedArray *f = v_fixed(it);
    if (f->items[2] == v_int(0) || f->items[2] == v_int(2)) {
        int32_t i = v_int_val(f->items[1]);
        uint32_t len;
        if (f->items[2] == v_int(0)) {
            len = array_length(f->items[0]);
        } else {
            Value l;
            double d;
            size_t mark = vm_scope_open(iso);
            Value *h = vm_handle(iso, it);
            if (obj_get(iso, f->items[0], ATOM(iso, length), &l) || vm_to_number(iso, l, &d)) {
                vm_scope_close(iso, mark);
                return MJS_EXC;
            }
            vm_scope_close(iso, mark);
            f = v_fixed(*h);
            len = d > 0 ? (d < 4294967295.0 ? (uint32_t)d : 4294967295u) : 0;
        }
        if ((uint32_t)i >= len) {
            *more = 0;
            return MJS_OK;
        }
        f->items[1] = v_int(i + 1);
        Value e = f->items[2] == v_int(0) ? array_get_own(f->items[0], (uint32_t)i) : V_HOLE;
        if (v_is_hole(e) || (v_is_ptr(e) && v_type(e) == T_ACCESSOR_PAIR)) {
            /* holes, accessors and non-dense storage read through [[Get]] */
            return obj_get(iso, f->items[0], v_int(i), val) ? MJS_EXC : ((*more = 1), MJS_OK);
        }
        *val = e;
        *more = 1;
        return MJS_OK;
    }
    bool done;
    if (vm_iterator_step(iso, f->items[0], &done, val)) return MJS_EXC;
    *more = !done;
    return MJS_OK;
}

static Status spread_into_array(Isolate *iso, Value arr, Value iterable, Value text) {
    size_t mark = vm_scope_open(iso);
    Value *ha = vm_handle(iso, arr);
    Value it;
    if (iter_new(iso, iterable, text, &it)) goto fail;
    Value *hit = vm_handle(iso, it);
    for (;;) {
        Value v;
        int more;
        if (iter_next(iso, *hit, &v, &more)) goto fail;
        if (!more) break;
        if (array_push(iso, *ha, v)) goto fail;
    }
    vm_scope_close(iso, mark);
    return MJS_OK;
fail:
    vm_scope_close(iso, mark);
    return MJS_EXC;
}

/* Global reads by name; key_slot points at the IC key (a GC root), re-read after calls. */
static Status get_global(Isolate *iso, const Value *key_slot, PropCache *ic, bool typeof_mode, Value *out) {
    bool found;
    if (obj_has(iso, ROOT(iso, R_GLOBAL), *key_slot, &found)) return MJS_EXC;
    if (!found) {
        if (typeof_mode) {
            *out = ATOM(iso, undefined);
            return MJS_OK;
        }
        char *s = str_to_utf8(iso, *key_slot, NULL);
        vm_throw_error(iso, E_REFERENCE, "%s is not defined", s);
        free(s);
        return MJS_EXC;
    }
    Value v;
    if (obj_get_cached(iso, ROOT(iso, R_GLOBAL), *key_slot, &v, ic)) return MJS_EXC;
    *out = typeof_mode ? vm_typeof(iso, v) : v;
    return MJS_OK;
}

static Status set_global(Isolate *iso, const Value *key_slot, Value v, PropCache *ic, bool strict) {
    if (strict) {
        bool found;
        size_t mark = vm_scope_open(iso);
        Value *hv = vm_handle(iso, v);
        if (obj_has(iso, ROOT(iso, R_GLOBAL), *key_slot, &found)) {
            vm_scope_close(iso, mark);
            return MJS_EXC;
        }
        v = *hv;
        vm_scope_close(iso, mark);
        if (!found) {
            char *s = str_to_utf8(iso, *key_slot, NULL);
            vm_throw_error(iso, E_REFERENCE, "%s is not defined", s);
            free(s);
            return MJS_EXC;
        }
    }
    return obj_set_cached(iso, ROOT(iso, R_GLOBAL), *key_slot, v, strict, ic);
}

static Status define_accessor_part(Isolate *iso, Value obj, Value keyv, Value fn, bool getter) {
    Value key;
    size_t mark = vm_scope_open(iso);
    Value *ho = vm_handle(iso, obj), *hf = vm_handle(iso, fn);
    if (vm_to_key(iso, keyv, &key)) {
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    Value *hk = vm_handle(iso, key);
    PropDesc d;
    Value g = V_UNDEF, s = V_UNDEF;
    if (obj_get_own(iso, *ho, *hk, &d) && (d.attrs & P_ACCESSOR)) {
        g = d.getter;
        s = d.setter;
    }
    if (getter) g = *hf;
    else s = *hf;
    Status st = obj_define_accessor(iso, *ho, *hk, g, s, P_ENUMERABLE | P_CONFIGURABLE);
    vm_scope_close(iso, mark);
    return st;
}

/* ---------------------------------------------------------------- frames and calls */

static Status stack_overflow(Isolate *iso) {
    return vm_throw_error(iso, E_RANGE, "Maximum call stack size exceeded");
}

/* Coerce `this` for sloppy functions: nullish -> global object, primitives -> wrappers. */
static Status coerce_this(Isolate *iso, Value *slot) {
    Value t = *slot;
    if (v_is_nullish(t)) *slot = ROOT(iso, R_GLOBAL);
    else if (!v_is_object(t)) {
        Value o;
        if (vm_to_object(iso, t, &o)) return MJS_EXC;
        *slot = o;
    }
    return MJS_OK;
}

/* Set up a bytecode frame for the call at base (callee, this, argc args already there).
 * On return the new frame is on top and its registers are initialised. */
static Status push_bytecode_frame(Isolate *iso, Value *base, uint32_t argc, bool construct, bool entry,
                                  uint16_t ret_reg) {
    VmState *vm = VM(iso);
    JSObject *fn = v_jsobj(base[0]);
    Code *code = v_template(fn->slots[FN_INT_TEMPLATE])->code;
    if (vm->frame_count >= VM_MAX_FRAMES || base + code->frame_size + argc + 8 > vm->stack_end)
        return stack_overflow(iso);
    Value *saved_sp = vm->sp;
    uint32_t nparams = code->nparams;
    vm->sp = base + 2 + argc;
    if (vm->sp < saved_sp) vm->sp = saved_sp;
    if (code->flags & (CODE_HAS_REST | CODE_USES_ARGS | CODE_SLOPPY_THIS | CODE_CLASS)) {
        if ((code->flags & CODE_CLASS) && !construct) {
            vm->sp = saved_sp;
            char *name = str_to_utf8(iso, v_template(fn->slots[FN_INT_TEMPLATE])->name, NULL);
            Status st = vm_throw_error(iso, E_TYPE, "Class constructor %s cannot be invoked without 'new'", name);
            free(name);
            return st;
        }
        /* these allocate: the arguments must be visible to the GC meanwhile */
        Value rest = V_UNDEF, args = V_UNDEF;
        size_t mark = vm_scope_open(iso);
        Value *hr = vm_handle(iso, V_UNDEF), *ha = vm_handle(iso, V_UNDEF);
        if (code->flags & CODE_HAS_REST) {
            uint32_t n = argc > nparams ? argc - nparams : 0;
            *hr = array_new(iso, n);
            for (uint32_t i = 0; i < n; i++) {
                FixedArray *el = v_fixed(v_jsobj(*hr)->elements);
                vm_store(iso, el, &el->items[i], base[2 + nparams + i]);
            }
        }
        if (code->flags & CODE_USES_ARGS)
            *ha = vm_arguments_new(iso, base + 2, argc, base[0], code->flags & CODE_STRICT);
        if ((code->flags & CODE_SLOPPY_THIS) && !construct && coerce_this(iso, &base[1])) {
            vm_scope_close(iso, mark);
            vm->sp = saved_sp;
            return MJS_EXC;
        }
        rest = *hr;
        args = *ha;
        vm_scope_close(iso, mark);
        for (uint32_t i = argc; i < nparams; i++) base[2 + i] = V_UNDEF;
        Value *p = base + 2 + nparams;
        if (code->flags & CODE_HAS_REST) *p++ = rest;
        if (code->flags & CODE_USES_ARGS) *p++ = args;
        for (Value *end = base + code->frame_size; p < end; p++) *p = V_UNDEF;
    } else {
        Value *p = base + 2 + (argc < nparams ? argc : nparams);
        for (Value *end = base + code->frame_size; p < end; p++) *p = V_UNDEF;
    }
    Frame *f = &vm->frames[vm->frame_count++];
    f->base = base;
    f->code = code;
    f->pc = code->ins;
    f->ctx = v_jsobj(base[0])->slots[FN_INT_CONTEXT]; /* re-read: the GC may have moved fn */
    f->saved_sp = saved_sp;
    f->argc = argc;
    f->ret_reg = ret_reg;
    f->is_construct = construct;
    f->is_entry = entry;
    f->new_target = construct ? base[0] : V_UNDEF;
    vm->sp = base + code->frame_size;
    if (vm->sp < saved_sp) vm->sp = saved_sp;
    return MJS_OK;
}

static Status call_native(Isolate *iso, Value *base, uint32_t argc, Value *ret) {
    VmState *vm = VM(iso);
    JSObject *fn = v_jsobj(base[0]);
    NativeEntry *e = &iso->natives[v_int_val(fn->slots[NATIVE_INT_INDEX])];
    uint32_t need = argc > (uint32_t)e->length ? argc : (uint32_t)e->length;
    if (vm->frame_count >= VM_MAX_FRAMES || base + 2 + need + 8 > vm->stack_end) return stack_overflow(iso);
    for (uint32_t i = argc; i < need; i++) base[2 + i] = V_UNDEF;
    char here;
    if ((uintptr_t)&here < vm->c_stack_limit) return stack_overflow(iso);
    Value *saved_sp = vm->sp;
    if (base + 2 + need > vm->sp) vm->sp = base + 2 + need;
    Frame *f = &vm->frames[vm->frame_count++];
    memset(f, 0, sizeof *f);
    f->base = base;
    f->ctx = V_UNDEF;
    f->saved_sp = saved_sp;
    f->argc = argc;
    f->is_construct = base[1] == V_HOLE;
    Value result = V_UNDEF;
    Status st = e->fn(iso, base + 2, (int)argc, &result);
    vm->frame_count--;
    vm->sp = saved_sp;
    if (st == MJS_OK) *ret = result;
    return st;
}

/* Replace a bound function at base[0] by its target, inserting the bound arguments.
 * Returns the new argc. */
static Status unwrap_bound(Isolate *iso, Value *base, uint32_t *argc, bool construct) {
    VmState *vm = VM(iso);
    while (v_is_ptr(base[0]) && v_type(base[0]) == T_BOUND_FUNCTION) {
        JSObject *b = v_jsobj(base[0]);
        Value args = b->slots[BOUND_INT_ARGS];
        uint32_t n = v_is_ptr(args) ? (uint32_t)v_fixed(args)->length : 0;
        if (base + 2 + *argc + n + 8 > vm->stack_end) return stack_overflow(iso);
        memmove(base + 2 + n, base + 2, sizeof(Value) * *argc);
        for (uint32_t i = 0; i < n; i++) base[2 + i] = v_fixed(args)->items[i];
        if (!construct) base[1] = b->slots[BOUND_INT_THIS];
        base[0] = b->slots[BOUND_INT_TARGET];
        *argc += n;
        if (base + 2 + *argc > vm->sp) vm->sp = base + 2 + *argc;
    }
    return MJS_OK;
}

bool vm_is_constructor(Isolate *iso, Value f) {
    if (!v_is_ptr(f)) return false;
    int t = v_type(f);
    if (t == T_FUNCTION) {
        Code *code = v_template(v_jsobj(f)->slots[FN_INT_TEMPLATE])->code;
        return !(code->flags & (CODE_ARROW | CODE_METHOD | CODE_GENERATOR | CODE_ASYNC));
    }
    if (t == T_BOUND_FUNCTION) return vm_is_constructor(iso, v_jsobj(f)->slots[BOUND_INT_TARGET]);
    return t == T_NATIVE_FUNCTION && obj_has_own(iso, f, ATOM(iso, prototype));
}

static bool is_derived(Value f) {
    return v_type(f) == T_FUNCTION && (v_template(v_jsobj(f)->slots[FN_INT_TEMPLATE])->code->flags & CODE_DERIVED);
}

/* `new F` (new.target nt, usually F itself): the receiver object, with nt.prototype (or
 * Object.prototype) as its prototype. */
static Status make_this(Isolate *iso, Value *base, Value nt) {
    size_t mark = vm_scope_open(iso);
    Value *hnt = vm_handle(iso, nt), *hp = vm_handle(iso, V_UNDEF);
    if (obj_get(iso, *hnt, ATOM(iso, prototype), hp)) {
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    if (!v_is_object(*hp)) *hp = ROOT(iso, R_OBJECT_PROTO);
    if (v_type(*hnt) != T_FUNCTION) {
        base[1] = obj_new_with_proto(iso, *hp);
        vm_scope_close(iso, mark);
        return MJS_OK;
    }
    /* new.target's initial map: in-object room for the properties the constructors assign
     * to this, valid while its prototype stays the same object. */
    Value im = v_jsobj(*hnt)->slots[FN_INT_INITIAL_MAP];
    if (!v_is_ptr(im) || ((Map *)v_ptr(im))->proto != *hp) {
        int cap = (int)v_template(v_jsobj(base[0])->slots[FN_INT_TEMPLATE])->code->this_props;
        if (*hnt != base[0]) cap += (int)v_template(v_jsobj(*hnt)->slots[FN_INT_TEMPLATE])->code->this_props;
        Map *m = map_new_root(iso, T_OBJECT, *hp, 0, cap ? cap : 4);
        JSObject *fn = v_jsobj(*hnt);
        vm_store(iso, fn, &fn->slots[FN_INT_INITIAL_MAP], v_from_ptr(m));
        im = v_from_ptr(m);
    }
    base[1] = obj_new_from_map(iso, (Map *)v_ptr(im));
    vm_scope_close(iso, mark);
    return MJS_OK;
}

/* Calls from C: copies callee/this/args to the top of the VM stack and runs. */
static Status call_from_c(Isolate *iso, Value fn, Value this_, int argc, const Value *argv, bool construct, Value *ret) {
    VmState *vm = VM(iso);
    char here;
    if ((uintptr_t)&here < vm->c_stack_limit) return stack_overflow(iso);
    Value *base = vm->sp;
    if (base + 2 + argc + 16 > vm->stack_end) return stack_overflow(iso);
    base[0] = fn;
    base[1] = construct ? V_HOLE : this_;
    for (int i = 0; i < argc; i++) base[2 + i] = argv[i];
    Value *saved_sp = vm->sp;
    vm->sp = base + 2 + argc;
    uint32_t n = (uint32_t)argc;
    Status st = MJS_OK;
    if (!v_is_callable(base[0]) || (construct && !vm_is_constructor(iso, base[0]))) {
        st = vm_throw_error(iso, E_TYPE, construct ? "%s is not a constructor" : "%s is not a function",
                            v_is_undef(base[0]) ? "undefined" : v_is_null(base[0]) ? "null" : "value");
        goto out;
    }
    if (unwrap_bound(iso, base, &n, construct)) {
        st = MJS_EXC;
        goto out;
    }
    if (v_type(base[0]) == T_NATIVE_FUNCTION) {
        st = call_native(iso, base, n, ret);
        goto out;
    }
    if (construct && !is_derived(base[0]) && make_this(iso, base, base[0])) {
        st = MJS_EXC;
        goto out;
    }
    if (push_bytecode_frame(iso, base, n, construct, true, 0)) {
        st = MJS_EXC;
        goto out;
    }
    st = vm_interp_run(iso, ret);
out:
    vm->sp = saved_sp;
    return st;
}

Status vm_call(Isolate *iso, Value fn, Value this_, int argc, const Value *argv, Value *ret) {
    return call_from_c(iso, fn, this_, argc, argv, false, ret);
}

Status vm_construct(Isolate *iso, Value fn, int argc, const Value *argv, Value *ret) {
    return call_from_c(iso, fn, V_UNDEF, argc, argv, true, ret);
}

/* f(...array): the array at base[2] becomes the arguments base[2..]. */
static Status spread_arguments(Isolate *iso, Value *base, uint32_t *argc) {
    VmState *vm = VM(iso);
    Value arr = base[2];
    uint32_t n = array_length(arr);
    if (base + 2 + n + 16 > vm->stack_end) return stack_overflow(iso);
    if (base + 2 + n > vm->sp) vm->sp = base + 2 + n;
    for (uint32_t i = 0; i < n; i++) {
        Value e = array_get_own(arr, i);
        base[2 + i] = v_is_hole(e) ? V_UNDEF : e;
    }
    *argc = n;
    return MJS_OK;
}

/* The frame whose new.target applies at frame i: arrows see their caller's (right for the
 * arrows a constructor calls, which is where super() and new.target appear in arrows). */
static uint32_t new_target_frame(VmState *vm, uint32_t i) {
    while (i > 0 && vm->frames[i].code && (vm->frames[i].code->flags & CODE_ARROW)) i--;
    return i;
}

/* ---------------------------------------------------------------- generators */

/* Copy the frame (registers, resume pc, context, its try handlers) into generator *genp. */
static Status generator_save(Isolate *iso, Value *genp, Frame *frame, const Instr *resume_pc, int state) {
    VmState *vm = VM(iso);
    Code *code = frame->code;
    uint32_t n = code->frame_size, fi = (uint32_t)(frame - vm->frames), nh = 0;
    for (uint32_t i = 0; i < vm->handler_count; i++) nh += vm->handlers[i].frame == fi;
    Value regs = v_jsobj(*genp)->slots[GEN_REGS];
    if (!v_is_ptr(regs) || v_fixed(regs)->length != n) {
        regs = fixed_new(iso, n);
        JSObject *g = v_jsobj(*genp);
        vm_store(iso, g, &g->slots[GEN_REGS], regs);
    }
    Value hs = V_HOLE;
    if (nh) {
        size_t mark = vm_scope_open(iso);
        Value *hr = vm_handle(iso, regs);
        hs = fixed_new(iso, 3 * nh);
        regs = *hr;
        vm_scope_close(iso, mark);
        FixedArray *ha = v_fixed(hs);
        uint32_t k = 0;
        for (uint32_t i = 0; i < vm->handler_count; i++) {
            Handler *h = &vm->handlers[i];
            if (h->frame != fi) continue;
            ha->items[k++] = v_int((int32_t)h->reg);
            ha->items[k++] = v_int((int32_t)(h->catch_pc - code->ins));
            vm_store(iso, ha, &ha->items[k++], h->ctx);
        }
    }
    FixedArray *fa = v_fixed(regs);
    memcpy(fa->items, frame->base, sizeof(Value) * n);
    gc_write_barrier_range(iso->heap, fa, (GcWord *)fa->items, n);
    JSObject *g = v_jsobj(*genp);
    g->slots[GEN_STATE] = v_int(state);
    g->slots[GEN_PC] = v_int((int32_t)(resume_pc - code->ins));
    vm_store(iso, g, &g->slots[GEN_CTX], frame->ctx);
    vm_store(iso, g, &g->slots[GEN_HANDLERS], hs);
    return MJS_OK;
}

static void generator_finish(JSObject *g) {
    g->slots[GEN_STATE] = v_int(GEN_DONE);
    g->slots[GEN_REGS] = V_HOLE; /* the frame is garbage now */
    g->slots[GEN_CTX] = V_UNDEF;
    g->slots[GEN_HANDLERS] = V_HOLE;
}

Status vm_generator_resume(Isolate *iso, Value gen, Value sent, int mode, Value *result, bool *done) {
    VmState *vm = VM(iso);
    JSObject *g = v_jsobj(gen);
    int state = v_int_val(g->slots[GEN_STATE]);
    *done = true;
    *result = V_UNDEF;
    if (state == GEN_RUNNING) return vm_throw_error(iso, E_TYPE, "Generator is already running");
    if (state == GEN_START && mode != GEN_NEXT) {
        generator_finish(g);
        state = GEN_DONE;
    }
    /* return() at a yield completes at once (finally blocks of the body are not run) */
    if (state == GEN_DONE || mode == GEN_RETURN) {
        generator_finish(g);
        if (mode == GEN_THROW) return vm_throw(iso, sent);
        if (mode == GEN_RETURN) *result = sent;
        return MJS_OK;
    }
    char here;
    if ((uintptr_t)&here < vm->c_stack_limit) return stack_overflow(iso);
    FixedArray *fa = v_fixed(g->slots[GEN_REGS]);
    uint32_t n = (uint32_t)fa->length;
    Value *base = vm->sp;
    if (vm->frame_count >= VM_MAX_FRAMES || base + n + 16 > vm->stack_end) return stack_overflow(iso);
    memcpy(base, fa->items, sizeof(Value) * n);
    Code *code = v_template(v_jsobj(base[0])->slots[FN_INT_TEMPLATE])->code;
    uint32_t pc_off = (uint32_t)v_int_val(g->slots[GEN_PC]);
    Frame *f = &vm->frames[vm->frame_count++];
    memset(f, 0, sizeof *f);
    f->base = base;
    f->code = code;
    f->pc = code->ins + pc_off;
    f->ctx = g->slots[GEN_CTX];
    f->saved_sp = vm->sp;
    f->is_entry = true;
    f->new_target = V_UNDEF;
    vm->sp = base + n;
    Value hs = g->slots[GEN_HANDLERS];
    if (v_is_ptr(hs)) {
        FixedArray *ha = v_fixed(hs);
        for (uint32_t i = 0; i + 2 < ha->length && vm->handler_count < VM_MAX_HANDLERS; i += 3) {
            Handler *h = &vm->handlers[vm->handler_count++];
            h->frame = vm->frame_count - 1;
            h->reg = (uint32_t)v_int_val(ha->items[i]);
            h->catch_pc = code->ins + v_int_val(ha->items[i + 1]);
            h->ctx = ha->items[i + 2];
        }
    }
    if (state == GEN_SUSPENDED && mode == GEN_NEXT) base[INS_A(code->ins[pc_off - 1])] = sent;
    g->slots[GEN_STATE] = v_int(GEN_RUNNING);
    size_t mark = vm_scope_open(iso);
    Value *hg = vm_handle(iso, gen);
    if (mode == GEN_THROW) {
        vm_throw(iso, sent);
        vm->pending_throw = true;
    }
    vm->yielded = false;
    Status st = vm_interp_run(iso, result);
    g = v_jsobj(*hg);
    vm_scope_close(iso, mark);
    if (st == MJS_OK && vm->yielded) {
        vm->yielded = false;
        g->slots[GEN_STATE] = v_int(GEN_SUSPENDED);
        *done = false;
    } else {
        generator_finish(g);
    }
    return st;
}

/* ---------------------------------------------------------------- the loop */

Status vm_interp_run(Isolate *iso, Value *ret) {
    VmState *vm = VM(iso);
    uint32_t entry_frame = vm->frame_count - 1;
    Frame *frame = &vm->frames[entry_frame];
    Code *code = frame->code;
    const Instr *pc = frame->pc;
    Value *R = frame->base;
    Value *K = code->consts;
    Instr ins;
    Value tmp;

    static const void *const dispatch[256] = {
#define MJS_OP_LABEL(name, doc) [BC_##name] = &&L_##name,
        MJS_OPCODES(MJS_OP_LABEL)
#undef MJS_OP_LABEL
    };

#define SAVE_PC() (frame->pc = pc)
#define NEXT()                                                                                     \
    do {                                                                                           \
        ins = *pc++;                                                                               \
        goto *dispatch[INS_OP(ins)];                                                               \
    } while (0)
#define A INS_A(ins)
#define B INS_B(ins)
#define C INS_C(ins)
#define RELOAD()                                                                                   \
    do {                                                                                           \
        frame = &vm->frames[vm->frame_count - 1];                                                  \
        code = frame->code;                                                                        \
        pc = frame->pc;                                                                            \
        R = frame->base;                                                                           \
        K = code->consts;                                                                          \
    } while (0)
#define CHECK(expr)                                                                                \
    do {                                                                                           \
        if (expr) goto exception;                                                                  \
    } while (0)

    if (vm->pending_throw) { /* a generator resumed by throw() */
        vm->pending_throw = false;
        goto exception;
    }
    NEXT();

L_NOP:
L_DEBUGGER:
    NEXT();
L_MOV:
    R[A] = R[B];
    NEXT();
L_LOADK:
    R[A] = K[B];
    NEXT();
L_LOADI:
    R[A] = v_int(INS_SBX(ins));
    NEXT();
L_LOADUNDEF:
    R[A] = V_UNDEF;
    NEXT();
L_LOADNULL:
    R[A] = V_NULL;
    NEXT();
L_LOADTRUE:
    R[A] = V_TRUE;
    NEXT();
L_LOADFALSE:
    R[A] = V_FALSE;
    NEXT();
L_LOADHOLE:
    R[A] = V_HOLE;
    NEXT();
L_CHECKTDZ:
    if (R[A] == V_HOLE) {
        SAVE_PC();
        char *s = str_to_utf8(iso, K[B], NULL);
        vm_throw_error(iso, E_REFERENCE, "Cannot access '%s' before initialization", s);
        free(s);
        goto exception;
    }
    NEXT();
L_GETCTX:
    R[A] = ((Context *)v_ptr(ctx_at(frame->ctx, B)))->slots[C];
    NEXT();
L_SETCTX: {
    Context *c = v_ptr(ctx_at(frame->ctx, B));
    vm_store(iso, c, &c->slots[C], R[A]);
    NEXT();
}
L_PUSHCTX:
    SAVE_PC();
    tmp = context_new(iso, A, frame->ctx);
    frame->ctx = tmp;
    NEXT();
L_POPCTX:
    frame->ctx = ((Context *)v_ptr(frame->ctx))->parent;
    NEXT();
L_CLONECTX:
    SAVE_PC();
    tmp = context_clone(iso, frame->ctx);
    frame->ctx = tmp;
    NEXT();
L_GETGLOBAL: {
    PropCache *ic = &code->ics[B];
    Value g = ROOT(iso, R_GLOBAL);
    if (v_obj(g)->map == ic->map && ic->kind == IC_OWN) {
        R[A] = *obj_slot_ptr(g, ic->slot);
        NEXT();
    }
    SAVE_PC();
    CHECK(get_global(iso, &code->ic_keys[B], ic, false, &tmp));
    R[A] = tmp;
    NEXT();
}
L_TYPEOFGLOBAL:
    SAVE_PC();
    CHECK(get_global(iso, &code->ic_keys[B], &code->ics[B], true, &tmp));
    R[A] = tmp;
    NEXT();
L_SETGLOBAL: {
    PropCache *ic = &code->ics[B];
    Value g = ROOT(iso, R_GLOBAL);
    if (v_obj(g)->map == ic->map && ic->kind == IC_OWN) {
        vm_store(iso, v_ptr(g), obj_slot_ptr(g, ic->slot), R[A]);
        NEXT();
    }
    SAVE_PC();
    CHECK(set_global(iso, &code->ic_keys[B], R[A], ic, C != 0));
    NEXT();
}
L_DEFGLOBAL: {
    SAVE_PC();
    Value g = ROOT(iso, R_GLOBAL);
    if (C) {
        PropDesc d;
        if (obj_get_own(iso, g, K[B], &d) && !(d.attrs & P_CONFIGURABLE)) {
            CHECK(obj_set(iso, ROOT(iso, R_GLOBAL), K[B], R[A], false));
        } else {
            CHECK(obj_define(iso, ROOT(iso, R_GLOBAL), K[B], R[A], P_WRITABLE | P_ENUMERABLE));
        }
    } else if (!obj_has_own(iso, g, K[B])) {
        CHECK(obj_define(iso, g, K[B], V_UNDEF, P_WRITABLE | P_ENUMERABLE));
    }
    NEXT();
}
L_GETFIELD: {
    Value o = R[B];
    PropCache *ic = &code->ics[C];
    if (v_is_ptr(o)) {
        Map *m = v_obj(o)->map;
        if (m == ic->map) {
            if (ic->kind == IC_OWN) {
                R[A] = *obj_slot_ptr(o, ic->slot);
                NEXT();
            }
            if (ic->kind == IC_PROTO && ic->epoch == iso->proto_epoch) {
                R[A] = *obj_slot_ptr(ic->holder, ic->slot);
                NEXT();
            }
        }
        if (code->ic_keys[C] == ATOM(iso, length)) {
            if (m->type == T_ARRAY) {
                R[A] = v_jsobj(o)->slots[0];
                NEXT();
            }
            if (m->type == T_STRING || m->type == T_CONS_STRING) {
                R[A] = v_int((int32_t)str_length(o));
                NEXT();
            }
        }
    }
    SAVE_PC();
    CHECK(obj_get_cached(iso, o, code->ic_keys[C], &tmp, ic));
    R[A] = tmp;
    NEXT();
}
L_SETFIELD: {
    Value o = R[A];
    PropCache *ic = &code->ics[C];
    if (v_is_ptr(o)) {
        JSObject *obj = v_jsobj(o);
        if (obj->map == ic->map) {
            if (ic->kind == IC_OWN) {
                vm_store(iso, obj, obj_slot_ptr(o, ic->slot), R[B]);
                NEXT();
            }
            if (ic->kind == IC_ADD && ic->epoch == iso->proto_epoch) {
                Map *nm = ic->new_map;
                uint32_t slot = ic->slot;
                if (slot < nm->inobject_cap ||
                    (v_is_ptr(obj->props) && slot - nm->inobject_cap < v_fixed(obj->props)->length)) {
                    obj->map = nm;
                    vm_store(iso, obj, obj_slot_ptr(o, slot), R[B]);
                    NEXT();
                }
            }
        }
    }
    SAVE_PC();
    CHECK(obj_set_cached(iso, o, code->ic_keys[C], R[B], code->flags & CODE_STRICT, ic));
    NEXT();
}
L_GETELEM: {
    Value o = R[B], k = R[C];
    if (v_is_int(k) && v_is_ptr(o)) {
        JSObject *obj = v_jsobj(o);
        int32_t i = v_int_val(k);
        if (obj->map->type == T_ARRAY && i >= 0 && !(obj->map->flags & MAP_SPARSE_ELEMENTS) &&
            v_is_ptr(obj->elements) && (uint64_t)i < v_fixed(obj->elements)->length) {
            Value e = v_fixed(obj->elements)->items[i];
            if (e != V_HOLE) {
                R[A] = e;
                NEXT();
            }
        } else if (obj->map->type == T_TYPED_ARRAY && i >= 0 && (size_t)i < vm_typed_length(o)) {
            R[A] = vm_typed_get(o, (size_t)i); /* a number: no allocation */
            NEXT();
        }
    }
    SAVE_PC();
    {
        Value key;
        CHECK(vm_to_key(iso, R[C], &key));
        CHECK(obj_get(iso, R[B], key, &tmp));
        R[A] = tmp;
    }
    NEXT();
}
L_SETELEM: {
    Value o = R[A], k = R[B];
    if (v_is_int(k) && v_is_ptr(o)) {
        JSObject *obj = v_jsobj(o);
        int32_t i = v_int_val(k);
        if (obj->map->type == T_ARRAY && i >= 0 && !(obj->map->flags & (MAP_SPARSE_ELEMENTS | MAP_NOT_EXTENSIBLE)) &&
            v_is_ptr(obj->elements)) {
            FixedArray *el = v_fixed(obj->elements);
            int32_t len = v_int_val(obj->slots[0]);
            /* holes inside length are written directly: no elements live on prototypes */
            if ((uint64_t)i < el->length && i <= len && v_is_int(obj->slots[0])) {
                vm_store(iso, el, &el->items[i], R[C]);
                if (i == len) obj->slots[0] = v_int(len + 1);
                NEXT();
            }
        } else if (obj->map->type == T_TYPED_ARRAY && i >= 0 && v_is_number(R[C]) &&
                   (size_t)i < vm_typed_length(o)) {
            vm_typed_set(o, (size_t)i, v_num(R[C]));
            NEXT();
        }
    }
    SAVE_PC();
    {
        Value key;
        CHECK(vm_to_key(iso, R[B], &key));
        CHECK(obj_set(iso, R[A], key, R[C], code->flags & CODE_STRICT));
    }
    NEXT();
}
L_DELFIELD: {
    bool deleted;
    SAVE_PC();
    CHECK(obj_delete(iso, R[B], K[C], code->flags & CODE_STRICT, &deleted));
    R[A] = v_bool(deleted);
    NEXT();
}
L_DELELEM: {
    bool deleted;
    Value key;
    SAVE_PC();
    CHECK(vm_to_key(iso, R[C], &key));
    CHECK(obj_delete(iso, R[B], key, code->flags & CODE_STRICT, &deleted));
    R[A] = v_bool(deleted);
    NEXT();
}
L_DEFFIELD: {
    Value o = R[A];
    PropCache *ic = &code->ics[C];
    JSObject *obj = v_jsobj(o);
    if (obj->map == ic->map && ic->kind == IC_ADD && ic->epoch == iso->proto_epoch) {
        Map *nm = ic->new_map;
        uint32_t slot = ic->slot;
        if (slot < nm->inobject_cap || (v_is_ptr(obj->props) && slot - nm->inobject_cap < v_fixed(obj->props)->length)) {
            obj->map = nm;
            vm_store(iso, obj, obj_slot_ptr(o, slot), R[B]);
            NEXT();
        }
    }
    SAVE_PC();
    CHECK(obj_set_cached(iso, o, code->ic_keys[C], R[B], false, ic));
    NEXT();
}
L_DEFELEM: {
    Value key;
    SAVE_PC();
    CHECK(vm_to_key(iso, R[B], &key));
    CHECK(obj_define(iso, R[A], key, R[C], P_DEFAULT));
    NEXT();
}
L_DEFGETTER:
    SAVE_PC();
    CHECK(define_accessor_part(iso, R[A], R[C], R[B], true));
    NEXT();
L_DEFSETTER:
    SAVE_PC();
    CHECK(define_accessor_part(iso, R[A], R[C], R[B], false));
    NEXT();
L_SETPROTO:
    if (v_is_object(R[B]) || v_is_null(R[B])) {
        SAVE_PC();
        CHECK(obj_set_proto(iso, R[A], R[B]));
    }
    NEXT();
L_NEWOBJ:
    SAVE_PC();
    tmp = obj_new_sized(iso, B);
    R[A] = tmp;
    NEXT();
L_MKARRAY: {
    SAVE_PC();
    uint32_t n = C;
    tmp = array_new(iso, n);
    if (n) {
        FixedArray *el = v_fixed(v_jsobj(tmp)->elements);
        memcpy(el->items, &R[B], sizeof(Value) * n);
        gc_write_barrier_range(iso->heap, el, (GcWord *)el->items, n);
    }
    R[A] = tmp;
    NEXT();
}
L_APPEND:
    SAVE_PC();
    for (unsigned i = 0; i < C; i++) CHECK(array_push(iso, R[A], R[B + i]));
    NEXT();
L_APPENDSPREAD:
    SAVE_PC();
    CHECK(spread_into_array(iso, R[A], R[B], C < code->const_count ? K[C] : V_UNDEF));
    NEXT();
L_CLOSURE:
    SAVE_PC();
    tmp = vm_closure_new(iso, K[B], frame->ctx);
    R[A] = tmp;
    NEXT();

#define ARITH(name, intexpr, dblexpr)                                                              \
    L_##name : {                                                                                   \
        Value a = R[B], b = R[C];                                                                  \
        if (v_is_int(a) && v_is_int(b)) {                                                          \
            int32_t x = v_int_val(a), y = v_int_val(b);                                            \
            (void)x;                                                                               \
            (void)y;                                                                               \
            intexpr;                                                                               \
        }                                                                                          \
        if (v_is_number(a) && v_is_number(b)) {                                                    \
            double x = v_num(a), y = v_num(b);                                                     \
            R[A] = v_number(dblexpr);                                                              \
            NEXT();                                                                                \
        }                                                                                          \
        SAVE_PC();                                                                                 \
        CHECK(arith_slow(iso, BC_##name, a, b, &tmp));                                             \
        R[A] = tmp;                                                                                \
        NEXT();                                                                                    \
    }

    ARITH(ADD, { int32_t r; if (!__builtin_add_overflow(x, y, &r)) { R[A] = v_int(r); NEXT(); } }, x + y)
    ARITH(SUB, { int32_t r; if (!__builtin_sub_overflow(x, y, &r)) { R[A] = v_int(r); NEXT(); } }, x - y)
    ARITH(MUL, { int32_t r; if (!__builtin_mul_overflow(x, y, &r) && (r != 0 || (x >= 0 && y >= 0))) { R[A] = v_int(r); NEXT(); } }, x * y)
    ARITH(DIV, { if (y != 0 && x % y == 0 && !(x == 0 && y < 0) && !(x == INT32_MIN && y == -1)) { R[A] = v_int(x / y); NEXT(); } }, x / y)
    ARITH(MOD, { if (y > 0 && x >= 0) { R[A] = v_int(x % y); NEXT(); } }, js_fmod(x, y))
    ARITH(EXP, {}, (y != y || ((x == 1 || x == -1) && isinf(y))) ? NAN : pow(x, y))
#undef ARITH

#define BITOP(name, expr)                                                                          \
    L_##name : {                                                                                   \
        Value a = R[B], b = R[C];                                                                  \
        if (v_is_int(a) && v_is_int(b)) {                                                          \
            int32_t x = v_int_val(a), y = v_int_val(b);                                            \
            expr;                                                                                  \
            NEXT();                                                                                \
        }                                                                                          \
        SAVE_PC();                                                                                 \
        CHECK(arith_slow(iso, BC_##name, a, b, &tmp));                                             \
        R[A] = tmp;                                                                                \
        NEXT();                                                                                    \
    }
    BITOP(SHL, R[A] = v_int((int32_t)((uint32_t)x << (y & 31))))
    BITOP(SAR, R[A] = v_int(x >> (y & 31)))
    BITOP(SHR, R[A] = v_number((double)((uint32_t)x >> (y & 31))))
    BITOP(BAND, R[A] = v_int(x & y))
    BITOP(BOR, R[A] = v_int(x | y))
    BITOP(BXOR, R[A] = v_int(x ^ y))
#undef BITOP

L_EQ:
L_NE: {
    Value a = R[B], b = R[C];
    bool eq;
    if (v_is_int(a) && v_is_int(b)) eq = a == b;
    else {
        SAVE_PC();
        CHECK(vm_loose_equals(iso, a, b, &eq));
    }
    R[A] = v_bool(INS_OP(ins) == BC_EQ ? eq : !eq);
    NEXT();
}
L_SEQ:
L_SNE: {
    Value a = R[B], b = R[C];
    bool eq;
    if (a == b) eq = !v_is_double(a) || v_double_val(a) == v_double_val(a);
    else if (v_is_number(a) && v_is_number(b)) eq = v_num(a) == v_num(b);
    else if (!v_is_ptr(a) || !v_is_ptr(b)) eq = false;
    else eq = vm_strict_equals(iso, a, b);
    R[A] = v_bool(INS_OP(ins) == BC_SEQ ? eq : !eq);
    NEXT();
}

#define COMPARE(name, intop, swap, neg)                                                            \
    L_##name : {                                                                                   \
        Value a = R[B], b = R[C];                                                                  \
        if (v_is_int(a) && v_is_int(b)) {                                                          \
            R[A] = v_bool(v_int_val(a) intop v_int_val(b));                                        \
            NEXT();                                                                                \
        }                                                                                          \
        if (v_is_number(a) && v_is_number(b)) {                                                    \
            R[A] = v_bool(v_num(a) intop v_num(b));                                                \
            NEXT();                                                                                \
        }                                                                                          \
        int r;                                                                                     \
        SAVE_PC();                                                                                 \
        CHECK(swap ? compare_slow(iso, b, a, false, &r) : compare_slow(iso, a, b, true, &r));      \
        R[A] = v_bool(neg ? r == 0 : r == 1);                                                      \
        NEXT();                                                                                    \
    }
    COMPARE(LT, <, 0, 0)
    COMPARE(GT, >, 1, 0)
    COMPARE(LE, <=, 1, 1)
    COMPARE(GE, >=, 0, 1)
#undef COMPARE

L_JLT:
L_JGE: {
    Value a = R[A], b = R[B];
    bool lt;
    if (v_is_int(a) && v_is_int(b)) lt = v_int_val(a) < v_int_val(b);
    else if (v_is_number(a) && v_is_number(b)) {
        double x = v_num(a), y = v_num(b);
        if (x != x || y != y) {
            /* NaN: both a < b and a >= b are false */
            if (INS_OP(ins) == BC_JGE) pc += INS_J(ins);
            NEXT();
        }
        lt = x < y;
    } else {
        int r;
        SAVE_PC();
        CHECK(compare_slow(iso, a, b, true, &r));
        if (r < 0) {
            if (INS_OP(ins) == BC_JGE) pc += INS_J(ins);
            NEXT();
        }
        lt = r == 1;
    }
    if (lt == (INS_OP(ins) == BC_JLT)) pc += INS_J(ins);
    NEXT();
}
L_IN: {
    Value key;
    bool has;
    if (!v_is_object(R[C])) {
        SAVE_PC();
        Value ks, ts;
        CHECK(vm_to_string(iso, R[B], &ks));
        char *k = str_to_utf8(iso, ks, NULL);
        if (vm_to_string(iso, R[C], &ts)) {
            free(k);
            goto exception;
        }
        char *t = str_to_utf8(iso, ts, NULL);
        vm_throw_error(iso, E_TYPE, "Cannot use 'in' operator to search for '%s' in %s", k, t);
        free(k);
        free(t);
        goto exception;
    }
    SAVE_PC();
    CHECK(vm_to_key(iso, R[B], &key));
    CHECK(obj_has(iso, R[C], key, &has));
    R[A] = v_bool(has);
    NEXT();
}
L_INSTANCEOF: {
    bool r;
    SAVE_PC();
    CHECK(vm_instance_of(iso, R[B], R[C], &r));
    R[A] = v_bool(r);
    NEXT();
}
L_NEG: {
    Value a = R[B];
    if (v_is_int(a) && v_int_val(a) != 0 && v_int_val(a) != INT32_MIN) R[A] = v_int(-v_int_val(a));
    else if (v_is_number(a)) R[A] = v_double(-v_num(a));
    else {
        double d;
        SAVE_PC();
        CHECK(vm_to_number(iso, a, &d));
        R[A] = v_number(-d);
    }
    NEXT();
}
L_PLUS:
    if (v_is_number(R[B])) R[A] = R[B];
    else {
        double d;
        SAVE_PC();
        CHECK(vm_to_number(iso, R[B], &d));
        R[A] = v_number(d);
    }
    NEXT();
L_NOT:
    R[A] = v_bool(!vm_to_boolean(R[B]));
    NEXT();
L_BNOT:
    if (v_is_int(R[B])) R[A] = v_int(~v_int_val(R[B]));
    else {
        double d;
        SAVE_PC();
        CHECK(vm_to_number(iso, R[B], &d));
        R[A] = v_int(~vm_double_to_int32(d));
    }
    NEXT();
L_TYPEOF:
    R[A] = vm_typeof(iso, R[B]);
    NEXT();
L_INC:
L_DEC: {
    Value a = R[B];
    int delta = INS_OP(ins) == BC_INC ? 1 : -1;
    int32_t r;
    if (v_is_int(a) && !__builtin_add_overflow(v_int_val(a), delta, &r)) R[A] = v_int(r);
    else if (v_is_number(a)) R[A] = v_number(v_num(a) + delta);
    else {
        double d;
        SAVE_PC();
        CHECK(vm_to_number(iso, a, &d));
        R[A] = v_number(d + delta);
    }
    NEXT();
}
L_TOSTRING:
    if (!v_is_string(R[B])) {
        SAVE_PC();
        CHECK(vm_to_string(iso, R[B], &tmp));
        R[A] = tmp;
    } else {
        R[A] = R[B];
    }
    NEXT();
L_JMP:
    pc += INS_J(ins);
    NEXT();
L_JTRUE:
    if (R[A] == V_TRUE || (R[A] != V_FALSE && vm_to_boolean(R[A]))) pc += INS_J(ins);
    NEXT();
L_JFALSE:
    if (R[A] == V_FALSE || (R[A] != V_TRUE && !vm_to_boolean(R[A]))) pc += INS_J(ins);
    NEXT();
L_JNULLISH:
    if (v_is_nullish(R[A])) pc += INS_J(ins);
    NEXT();
L_JNOTUNDEF:
    if (!v_is_undef(R[A])) pc += INS_J(ins);
    NEXT();

L_CALL:
L_CALLSPREAD:
L_NEW:
L_NEWSPREAD: {
    unsigned op = INS_OP(ins);
    bool construct = op == BC_NEW || op == BC_NEWSPREAD;
    Value *base = R + A;
    uint32_t argc = B;
    SAVE_PC();
    if (op == BC_CALLSPREAD || op == BC_NEWSPREAD) CHECK(spread_arguments(iso, base, &argc));
    if (base + 2 + argc > vm->sp) vm->sp = base + 2 + argc;
    Value f = base[0];
    if (!v_is_callable(f) || (construct && !vm_is_constructor(iso, f))) {
        throw_not_callable(iso, callee_text(code, pc), construct);
        goto exception;
    }
    if (construct) base[1] = V_HOLE;
    if (v_type(f) == T_BOUND_FUNCTION) {
        CHECK(unwrap_bound(iso, base, &argc, construct));
        f = base[0];
    }
    if (v_type(f) == T_NATIVE_FUNCTION) {
        Value *saved_sp = vm->sp;
        CHECK(call_native(iso, base, argc, &tmp));
        vm->sp = saved_sp;
        base[0] = tmp;
        for (Value *p = base + 1, *end = base + 2 + argc; p < end && p < saved_sp; p++) *p = V_UNDEF;
        NEXT();
    }
    if (construct && !is_derived(f)) CHECK(make_this(iso, base, f));
    CHECK(push_bytecode_frame(iso, base, argc, construct, false, (uint16_t)A));
    RELOAD();
    NEXT();
}
L_SUPERCALL: {
    /* super(...args): construct the class's parent with this frame's new.target */
    Value *base = R + A;
    uint32_t argc = B;
    uint32_t caller = new_target_frame(vm, vm->frame_count - 1);
    SAVE_PC();
    if (C) CHECK(spread_arguments(iso, base, &argc));
    if (base + 2 + argc > vm->sp) vm->sp = base + 2 + argc;
    base[0] = obj_get_proto(base[0]);
    if (!vm_is_constructor(iso, base[0])) {
        vm_throw_error(iso, E_TYPE, "Super constructor %s of anonymous class is not a constructor",
                       v_is_null(base[0]) ? "null" : "value");
        goto exception;
    }
    base[1] = V_HOLE;
    if (v_type(base[0]) == T_BOUND_FUNCTION) CHECK(unwrap_bound(iso, base, &argc, true));
    if (v_type(base[0]) == T_NATIVE_FUNCTION) {
        Value *saved_sp = vm->sp;
        CHECK(call_native(iso, base, argc, &tmp));
        vm->sp = saved_sp;
        base[0] = tmp;
        for (Value *p = base + 1, *end = base + 2 + argc; p < end && p < saved_sp; p++) *p = V_UNDEF;
        /* a built-in made the object: give it new.target's prototype (subclassing Error,
         * Array, Map...) */
        Value nt = vm->frames[caller].new_target;
        if (v_is_object(base[0]) && v_is_object(nt)) {
            Value proto;
            CHECK(obj_get(iso, nt, ATOM(iso, prototype), &proto));
            if (v_is_object(proto)) CHECK(obj_set_proto(iso, base[0], proto));
        }
        NEXT();
    }
    if (!is_derived(base[0])) CHECK(make_this(iso, base, vm->frames[caller].new_target));
    CHECK(push_bytecode_frame(iso, base, argc, true, false, (uint16_t)A));
    vm->frames[vm->frame_count - 1].new_target = vm->frames[caller].new_target;
    RELOAD();
    NEXT();
}
L_CHECKTHIS:
    if (v_is_hole(R[A])) {
        SAVE_PC();
        vm_throw_error(iso, E_REFERENCE,
                       "Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
        goto exception;
    }
    NEXT();
L_THISINIT:
    if (!v_is_hole(R[A])) {
        SAVE_PC();
        vm_throw_error(iso, E_REFERENCE, "Super constructor may only be called once");
        goto exception;
    }
    NEXT();
L_NEWTARGET:
    R[A] = vm->frames[new_target_frame(vm, vm->frame_count - 1)].new_target;
    NEXT();
L_TOKEY:
    SAVE_PC();
    CHECK(vm_to_key(iso, R[B], &tmp));
    R[A] = tmp;
    NEXT();
L_COPYPROPS:
    SAVE_PC();
    CHECK(vm_copy_data_properties(iso, R[A], R[B], C ? R[C] : V_UNDEF));
    NEXT();
L_GENSTART:
    SAVE_PC();
    tmp = vm_generator_new(iso, R[0]);
    R[A] = tmp;
    CHECK(generator_save(iso, &R[A], frame, pc + 1, GEN_START)); /* resume after the RET that follows */
    if (code->flags & CODE_ASYNC) {
        /* an async call runs its body now, up to the first await, and returns a promise */
        CHECK(rt_async_start(iso, R[A], &tmp));
        R[A] = tmp;
    }
    NEXT();
L_YIELD: {
    SAVE_PC();
    if (!frame->is_entry) { /* resumption always enters from C; anything else is a bug */
        vm_throw_error(iso, E_ERROR, "yield outside a resumed generator");
        goto exception;
    }
    CHECK(generator_save(iso, &R[B], frame, pc, GEN_SUSPENDED));
    /* leave like a return from the entry frame that generator resumption set up */
    Value result = R[A];
    uint32_t fi = vm->frame_count - 1;
    while (vm->handler_count && vm->handlers[vm->handler_count - 1].frame >= fi) vm->handler_count--;
    vm->sp = frame->saved_sp;
    vm->frame_count--;
    vm->yielded = true;
    *ret = result;
    return MJS_OK;
}
L_CLASS:
    SAVE_PC();
    CHECK(vm_class_setup(iso, &R[A], R[B], &tmp));
    R[A + 1] = tmp;
    NEXT();
L_DEFMETHOD:
    SAVE_PC();
    CHECK(vm_class_define(iso, R[A], R[C], R[B], CLASS_DEF_METHOD));
    NEXT();
L_DEFCGETTER:
    SAVE_PC();
    CHECK(vm_class_define(iso, R[A], R[C], R[B], CLASS_DEF_GETTER));
    NEXT();
L_DEFCSETTER:
    SAVE_PC();
    CHECK(vm_class_define(iso, R[A], R[C], R[B], CLASS_DEF_SETTER));
    NEXT();
L_GETSUPER:
    SAVE_PC();
    CHECK(vm_super_get(iso, R[B], R[C], R[A], &tmp));
    R[A] = tmp;
    NEXT();
L_SETSUPER:
    SAVE_PC();
    CHECK(vm_super_set(iso, R[A], R[B], R[A + 1], R[C]));
    NEXT();
L_RET:
L_RETUNDEF: {
    Value result = INS_OP(ins) == BC_RET ? R[A] : V_UNDEF;
    uint32_t fi = vm->frame_count - 1;
    while (vm->handler_count && vm->handlers[vm->handler_count - 1].frame >= fi) vm->handler_count--;
    if (frame->is_construct && !v_is_object(result)) {
        if (code->flags & CODE_DERIVED) {
            /* the compiler put the receiver in R1 before returning */
            SAVE_PC();
            if (!v_is_undef(result)) {
                vm_throw_error(iso, E_TYPE, "Derived constructors may only return object or undefined");
                goto exception;
            }
            if (v_is_hole(R[1])) {
                vm_throw_error(iso, E_REFERENCE,
                               "Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
                goto exception;
            }
        }
        result = R[1];
    }
    bool entry = frame->is_entry;
    uint16_t ret_reg = frame->ret_reg;
    vm->sp = frame->saved_sp;
    vm->frame_count--;
    if (entry) {
        *ret = result;
        return MJS_OK;
    }
    RELOAD();
    R[ret_reg] = result;
    vm->sp = R + code->frame_size;
    /* The callee's frame overlapped our temporaries: clear what it left there, so dead
     * locals and arguments are not kept alive by stale registers. */
    for (Value *p = R + ret_reg + 1; p < vm->sp; p++) *p = V_UNDEF;
    NEXT();
}
L_THROW:
    SAVE_PC();
    vm_throw(iso, R[A]);
    goto exception;
L_THROWERR: {
    SAVE_PC();
    char *s = str_to_utf8(iso, K[B], NULL);
    vm_throw_error(iso, (ErrorKind)A, "%s", s);
    free(s);
    goto exception;
}
L_TRY: {
    if (vm->handler_count >= VM_MAX_HANDLERS) {
        SAVE_PC();
        stack_overflow(iso);
        goto exception;
    }
    Handler *h = &vm->handlers[vm->handler_count++];
    h->frame = vm->frame_count - 1;
    h->reg = A;
    h->catch_pc = pc + INS_J(ins);
    h->ctx = frame->ctx;
    NEXT();
}
L_ENDTRY:
    vm->handler_count--;
    NEXT();
L_LOADGLOBALOBJ:
    R[A] = ROOT(iso, R_GLOBAL);
    NEXT();
L_REGEXP:
    SAVE_PC();
    CHECK(vm_regexp_new(iso, K[B], K[C], &tmp));
    R[A] = tmp;
    NEXT();
L_FORIN:
    SAVE_PC();
    CHECK(forin_new(iso, R[B], &tmp));
    R[A] = tmp;
    NEXT();
L_FORINNEXT: {
    int more;
    SAVE_PC();
    CHECK(forin_next(iso, R[B], &tmp, &more));
    if (!more) pc += INS_J(ins);
    else R[A] = tmp;
    NEXT();
}
L_ITER:
    SAVE_PC();
    CHECK(iter_new(iso, R[B], C < code->const_count ? K[C] : V_UNDEF, &tmp));
    R[A] = tmp;
    NEXT();
L_ITERNEXT: {
    int more;
    Value it = R[B];
    FixedArray *f = v_fixed(it);
    if (f->items[2] == v_int(0)) {
        Value arr = f->items[0];
        int32_t i = v_int_val(f->items[1]);
        JSObject *o = v_jsobj(arr);
        if (v_is_int(o->slots[0]) && i < v_int_val(o->slots[0]) && !(o->map->flags & MAP_SPARSE_ELEMENTS) &&
            v_is_ptr(o->elements) && (uint64_t)i < v_fixed(o->elements)->length &&
            v_fixed(o->elements)->items[i] != V_HOLE) {
            R[A] = v_fixed(o->elements)->items[i];
            f->items[1] = v_int(i + 1);
            NEXT();
        }
    }
    SAVE_PC();
    CHECK(iter_next(iso, it, &tmp, &more));
    if (!more) pc += INS_J(ins);
    else R[A] = tmp;
    NEXT();
}
L_ITERCLOSE:
    NEXT();

exception: {
    /* A pending exception: find the innermost handler of this run, unwinding frames. */
    if (vm->handler_count > 0) {
        Handler *h = &vm->handlers[vm->handler_count - 1];
        if (h->frame >= entry_frame) {
            bool crosses_entry = false;
            for (uint32_t i = h->frame + 1; i < vm->frame_count; i++)
                if (vm->frames[i].is_entry) crosses_entry = true;
            if (!crosses_entry) {
                vm->handler_count--;
                while (vm->frame_count - 1 > h->frame) {
                    vm->frame_count--;
                    vm->sp = vm->frames[vm->frame_count].saved_sp;
                }
                RELOAD();
                frame->ctx = h->ctx;
                pc = h->catch_pc;
                R[h->reg] = vm_take_exception(iso);
                vm->sp = R + code->frame_size;
                NEXT();
            }
        }
    }
    /* No handler here: unwind to (and including) our entry frame. */
    while (vm->frame_count > entry_frame) {
        vm->frame_count--;
        uint32_t fi = vm->frame_count;
        while (vm->handler_count && vm->handlers[vm->handler_count - 1].frame >= fi) vm->handler_count--;
        vm->sp = vm->frames[fi].saved_sp;
    }
    return MJS_EXC;
}
#undef A
#undef B
#undef C
}

/* ---------------------------------------------------------------- state */

void vm_interp_init(Isolate *iso) {
    VmState *vm = calloc(1, sizeof *vm);
    if (!vm) abort();
    vm->stack = calloc(VM_STACK_SLOTS, sizeof(Value));
    vm->frames = calloc(VM_MAX_FRAMES + 1, sizeof(Frame));
    vm->handlers = calloc(VM_MAX_HANDLERS, sizeof(Handler));
    if (!vm->stack || !vm->frames || !vm->handlers) abort();
    vm->stack_end = vm->stack + VM_STACK_SLOTS;
    vm->sp = vm->stack;
    vm->throw_filename = V_UNDEF;
    vm->throw_source = V_UNDEF;
    char here;
    /* leave room below for natives and the C library; the main thread has 8 MB */
    vm->c_stack_limit = (uintptr_t)&here - 6u * 1024 * 1024;
    iso->vm = vm;
}

void vm_interp_free(Isolate *iso) {
    VmState *vm = iso->vm;
    if (!vm) return;
    vm_codes_free_all(iso);
    free(vm->stack);
    free(vm->frames);
    free(vm->handlers);
    free(vm);
    iso->vm = NULL;
}

void vm_interp_visit_roots(Isolate *iso, GcVisitor *v) {
    VmState *vm = iso->vm;
    if (!vm) return;
    gc_visit_range(v, (GcWord *)vm->stack, (size_t)(vm->sp - vm->stack));
    for (uint32_t i = 0; i < vm->frame_count; i++) {
        gc_visit_slot(v, (GcWord *)&vm->frames[i].ctx);
        gc_visit_slot(v, (GcWord *)&vm->frames[i].new_target);
    }
    for (uint32_t i = 0; i < vm->handler_count; i++) gc_visit_slot(v, (GcWord *)&vm->handlers[i].ctx);
    gc_visit_slot(v, (GcWord *)&vm->throw_filename);
    gc_visit_slot(v, (GcWord *)&vm->throw_source);
    for (Code *c = vm->codes; c; c = c->next) {
        gc_visit_range(v, (GcWord *)c->consts, c->const_count);
        gc_visit_range(v, (GcWord *)c->ic_keys, c->ic_count);
        for (uint32_t i = 0; i < c->ic_count; i++) {
            PropCache *ic = &c->ics[i];
            gc_visit_slot(v, (GcWord *)&ic->map);
            gc_visit_slot(v, (GcWord *)&ic->holder);
            gc_visit_slot(v, (GcWord *)&ic->new_map);
        }
    }
}

SrcPos vm_frame_pos(const Frame *f) {
    if (!f->code || f->code->ins_count == 0) return (SrcPos){0, 0};
    const Instr *at = f->pc > f->code->ins ? f->pc - 1 : f->code->ins;
    return f->code->pos[at - f->code->ins];
}
