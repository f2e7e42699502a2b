/* generator.c: generator objects and %GeneratorPrototype% (next, return, throw).
 * A generator (T_GENERATOR) owns a copy of its function's frame: the registers, the resume
 * pc, the context and the try handlers. Resuming copies them back onto the VM stack as an
 * entry frame (interp.c: vm_generator_resume); YIELD copies them out again and leaves.
 */
#include <stdlib.h>

#include "../runtime/runtime.h"
#include "interp_int.h"
#include "vm_int.h"

/* {value, done}: an iterator result. */
static Status iter_result(Isolate *iso, Value value, bool done, Value *out) {
    size_t mark = vm_scope_open(iso);
    Value *hv = vm_handle(iso, value);
    Value *o = vm_handle(iso, obj_new_sized(iso, 2));
    Status st = obj_define(iso, *o, ATOM(iso, value), *hv, P_DEFAULT);
    if (st == MJS_OK) st = obj_define(iso, *o, ATOM(iso, done), done ? V_TRUE : V_FALSE, P_DEFAULT);
    *out = *o;
    vm_scope_close(iso, mark);
    return st;
}

static Status gen_step(Isolate *iso, Value *argv, int argc, Value *ret, int mode, const char *name) {
    Value self = argv[-1];
    if (!v_is_ptr(self) || v_type(self) != T_GENERATOR)
        return vm_throw_error(iso, E_TYPE, "%s method called on incompatible receiver", name);
    Value value;
    bool done;
    if (vm_generator_resume(iso, self, argc > 0 ? argv[0] : V_UNDEF, mode, &value, &done)) return MJS_EXC;
    return iter_result(iso, value, done, ret);
}

static Status gen_next(Isolate *iso, Value *argv, int argc, Value *ret) {
    return gen_step(iso, argv, argc, ret, GEN_NEXT, "next");
}
static Status gen_return(Isolate *iso, Value *argv, int argc, Value *ret) {
    return gen_step(iso, argv, argc, ret, GEN_RETURN, "return");
}
static Status gen_throw(Isolate *iso, Value *argv, int argc, Value *ret) {
    return gen_step(iso, argv, argc, ret, GEN_THROW, "throw");
}

void vm_generator_init(Isolate *iso) {
    if (v_is_object(ROOT(iso, R_GENERATOR_PROTO))) return;
    vm_iterator_init(iso);
    size_t mark = vm_scope_open(iso);
    Value *proto = vm_handle(iso, obj_new_with_proto(iso, ROOT(iso, R_ITERATOR_PROTO)));
    static const struct { const char *name; NativeFn fn; } methods[] = {
        {"next", gen_next}, {"return", gen_return}, {"throw", gen_throw}};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        Value *f = vm_handle(iso, vm_new_native(iso, methods[i].name, methods[i].fn, 1));
        Value *key = vm_handle(iso, atom_from_cstr(iso, methods[i].name)); /* before reading *proto */
        if (obj_define(iso, *proto, *key, *f, P_HIDDEN)) abort();
    }
    Value *tag = vm_handle(iso, str_from_cstr(iso, "Generator"));
    rt_symbol_root(iso, R_SYMBOL_TO_STRING_TAG, "Symbol.toStringTag");
    if (obj_define(iso, *proto, ROOT(iso, R_SYMBOL_TO_STRING_TAG), *tag, P_CONFIGURABLE)) abort();
    ROOT(iso, R_GENERATOR_PROTO) = *proto;
    vm_scope_close(iso, mark);
}

/* A new generator for a call of fn: its prototype is fn.prototype when that is an object. */
Value vm_generator_new(Isolate *iso, Value fn) {
    size_t mark = vm_scope_open(iso);
    Value *hf = vm_handle(iso, fn), *proto = vm_handle(iso, V_UNDEF);
    vm_generator_init(iso);
    if (obj_get(iso, *hf, ATOM(iso, prototype), proto)) {
        (void)vm_take_exception(iso);
        *proto = V_UNDEF;
    }
    if (!v_is_object(*proto)) *proto = ROOT(iso, R_GENERATOR_PROTO);
    /* the initial-map slot is free in generator functions (they are not constructors) */
    Value im = v_jsobj(*hf)->slots[FN_INT_INITIAL_MAP];
    if (!v_is_ptr(im) || ((Map *)v_ptr(im))->proto != *proto) {
        Map *m = map_new_root(iso, T_GENERATOR, *proto, GEN_INTERNAL, 0);
        JSObject *f = v_jsobj(*hf);
        vm_store(iso, f, &f->slots[FN_INT_INITIAL_MAP], v_from_ptr(m));
        im = v_from_ptr(m);
    }
    Value g = obj_new_from_map(iso, (Map *)v_ptr(im));
    JSObject *o = v_jsobj(g);
    o->slots[GEN_STATE] = v_int(GEN_START);
    o->slots[GEN_REGS] = V_HOLE;
    o->slots[GEN_PC] = v_int(0);
    o->slots[GEN_CTX] = V_UNDEF;
    o->slots[GEN_HANDLERS] = V_HOLE;
    o->slots[GEN_PROMISE] = V_UNDEF; /* async functions: the promise the body settles */
    vm_scope_close(iso, mark);
    return g;
}
