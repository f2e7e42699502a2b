/* function.c: compiled templates (T_TEMPLATE) and the function objects made from them:
 * closures, arguments objects, Function.prototype.toString text.
 * A template owns its malloc'd Code; every live Code is on the interpreter's list, whose
 * constants and IC entries are GC roots (they are not heap slots a barrier could record).
 */
#include <stdlib.h>
#include <string.h>

#include "interp_int.h"
#include "vm_int.h"

Value vm_template_new(Isolate *iso, Code *code, Value name, Value filename, Value source) {
    size_t mark = vm_scope_open(iso);
    Value *hn = vm_handle(iso, name), *hf = vm_handle(iso, filename), *hs = vm_handle(iso, source);
    FuncTemplate *t = gc_alloc_old(iso->heap, sizeof(FuncTemplate));
    t->map = (Map *)v_ptr(ROOT(iso, R_MAP_TEMPLATE));
    t->code = code;
    t->unused = V_UNDEF;
    vm_store(iso, t, &t->name, *hn);
    vm_store(iso, t, &t->filename, *hf);
    vm_store(iso, t, &t->source, *hs);
    gc_register_finalizer(iso->heap, t);
    vm_scope_close(iso, mark);
    return v_from_ptr(t);
}

/* Make the code's constants and ICs visible to the collector. */
void vm_code_register(Isolate *iso, Code *code) {
    VmState *vm = iso->vm;
    code->prev = NULL;
    code->next = vm->codes;
    if (vm->codes) vm->codes->prev = code;
    vm->codes = code;
}

size_t vm_template_size(const void *obj) {
    (void)obj;
    return sizeof(FuncTemplate);
}

void vm_template_visit(void *obj, GcVisitor *v) {
    FuncTemplate *t = obj;
    gc_visit_slot(v, (GcWord *)&t->name);
    gc_visit_slot(v, (GcWord *)&t->filename);
    gc_visit_slot(v, (GcWord *)&t->source);
    gc_visit_slot(v, (GcWord *)&t->unused);
}

static void code_free(Code *c) {
    free(c->ins);
    free(c->pos);
    free(c->consts);
    free(c->ics);
    free(c->ic_keys);
    free(c);
}

static void vm_code_unlink(Isolate *iso, Code *c) {
    VmState *vm = iso->vm;
    if (c->prev) c->prev->next = c->next;
    else if (vm && vm->codes == c) vm->codes = c->next;
    if (c->next) c->next->prev = c->prev;
    code_free(c);
}

void vm_template_finalize(Isolate *iso, void *obj) {
    FuncTemplate *t = obj;
    if (t->code) vm_code_unlink(iso, t->code);
    t->code = NULL;
}

/* Free every remaining Code (isolate teardown). */
void vm_codes_free_all(Isolate *iso) {
    VmState *vm = iso->vm;
    while (vm && vm->codes) {
        Code *c = vm->codes;
        vm->codes = c->next;
        code_free(c);
    }
}

Value vm_closure_new(Isolate *iso, Value tmpl, Value ctx) {
    size_t mark = vm_scope_open(iso);
    Value *ht = vm_handle(iso, tmpl), *hc = vm_handle(iso, ctx);
    Code *code = v_template(tmpl)->code;
    Map *map = (Map *)v_ptr(ROOT(iso, (code->flags & (CODE_ARROW | CODE_METHOD)) ? R_MAP_ARROW : R_MAP_FUNCTION));
    JSObject *f = gc_alloc(iso->heap, map->instance_size);
    f->map = map;
    f->props = V_HOLE;
    f->elements = V_HOLE;
    Value *in = &f->slots[map->internal_count];
    bool young = gc_in_new_space(iso->heap, f);
    f->slots[FN_INT_TEMPLATE] = *ht;
    f->slots[FN_INT_CONTEXT] = *hc;
    f->slots[FN_INT_INITIAL_MAP] = V_HOLE;
    in[FN_SLOT_LENGTH] = v_int(code->length);
    in[FN_SLOT_NAME] = v_template(*ht)->name;
    if (map->inobject_cap > FN_SLOT_PROTOTYPE && !(code->flags & (CODE_ARROW | CODE_METHOD)))
        in[FN_SLOT_PROTOTYPE] = V_HOLE; /* made on first use */
    if (!young) gc_write_barrier_range(iso->heap, f, (GcWord *)f->slots, map->internal_count + map->inobject_cap);
    vm_scope_close(iso, mark);
    return v_from_ptr(f);
}

Value vm_arguments_new(Isolate *iso, Value *args, uint32_t argc, Value callee, bool strict) {
    size_t mark = vm_scope_open(iso);
    Value *hcallee = vm_handle(iso, callee);
    Value *obj = vm_handle(iso, obj_new_from_map(iso, (Map *)v_ptr(ROOT(iso, R_MAP_ARGUMENTS))));
    if (argc) {
        Value el = fixed_new(iso, argc);
        FixedArray *f = v_fixed(el);
        memcpy(f->items, args, sizeof(Value) * argc);
        gc_write_barrier_range(iso->heap, f, (GcWord *)f->items, argc);
        vm_store(iso, v_ptr(*obj), &v_jsobj(*obj)->elements, el);
    }
    if (obj_define(iso, *obj, ATOM(iso, length), v_int((int32_t)argc), P_HIDDEN)) {}
    if (!strict && obj_define(iso, *obj, ATOM(iso, callee), *hcallee, P_HIDDEN)) {}
    /* strict: callee is an accessor that throws (%ThrowTypeError%) */
    Value tte = ROOT(iso, R_THROW_TYPE_ERROR);
    if (strict && v_is_object(tte) && obj_define_accessor(iso, *obj, ATOM(iso, callee), tte, tte, 0)) {}
    Value r = *obj;
    vm_scope_close(iso, mark);
    return r;
}

Value vm_function_source(Isolate *iso, Value fn) {
    if (v_is_ptr(fn) && v_type(fn) == T_FUNCTION) {
        FuncTemplate *t = v_template(v_jsobj(fn)->slots[FN_INT_TEMPLATE]);
        Code *c = t->code;
        if (v_is_ptr(t->source) && c && c->src_end > c->src_start) {
            Bytes *b = v_ptr(t->source);
            if (c->src_end <= b->length) {
                /* copy out first: the allocation below may move the source bytes */
                size_t n = c->src_end - c->src_start;
                char *text = malloc(n ? n : 1);
                if (!text) abort();
                memcpy(text, b->data + c->src_start, n);
                Value r = str_from_utf8(iso, text, n);
                free(text);
                return r;
            }
        }
    }
    size_t mark = vm_scope_open(iso);
    Value name = v_is_callable(fn) ? vm_function_name(iso, fn) : ATOM(iso, empty);
    char *s = v_is_string(name) ? str_to_utf8(iso, name, NULL) : NULL;
    size_t n = (s ? strlen(s) : 0) + 48;
    char *buf = malloc(n);
    if (!buf) abort();
    snprintf(buf, n, "function %s() { [native code] }", s ? s : "");
    Value r = str_from_cstr(iso, buf);
    free(buf);
    free(s);
    vm_scope_close(iso, mark);
    return r;
}
