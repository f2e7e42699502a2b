/* codegen_class.c: classes, super and derived-constructor `this`.
 * A class scope holds the class's inner name and three hidden bindings the resolver hands
 * to the functions that need them: "*ctor" (the constructor: super() and static methods'
 * home object), "*proto" (the prototype: instance methods' home object) and "*init" (the
 * instance-field initializer, called by the constructor once `this` exists).
 */
#include <string.h>

#include "compiler_int.h"

static Var *hidden(Scope *cs, const char *name) { return scope_lookup(cs, name, (uint32_t)strlen(name)); }

static bool is_super_ref(const Node *n) {
    return (n->kind == N_MEMBER && n->u.member.obj->kind == N_SUPER) ||
           (n->kind == N_INDEX && n->u.index.obj->kind == N_SUPER);
}

static FnInfo *this_owner(FnState *fs) {
    FnInfo *fi = fs->info;
    while (fi->is_arrow && fi->parent) fi = fi->parent;
    return fi;
}

static bool is_derived_ctor(const FnInfo *fi) {
    return fi->node->kind == N_FUNCTION && (fi->node->u.func.flags & FN_DERIVED);
}

void load_this(FnState *fs, Node *this_node, int dst) {
    FnInfo *owner = this_owner(fs);
    Var *tv = this_node ? this_node->aux : owner->this_var;
    if (!tv) {
        emit_abc(fs, BC_LOADUNDEF, (unsigned)dst, 0, 0);
        return;
    }
    load_var(fs, tv, this_node, dst);
    if (is_derived_ctor(owner)) emit_abc(fs, BC_CHECKTHIS, (unsigned)dst, 0, 0);
}

void derived_return_prep(FnState *fs) {
    FnInfo *fi = fs->info;
    if (!is_derived_ctor(fi) || fi->is_arrow) return;
    Var *tv = fi->this_var;
    if (tv->captured) emit_abc(fs, BC_GETCTX, 1, (unsigned)ctx_depth(fs, tv), (unsigned)tv->slot);
}

/* Key of a super reference into a register. */
static int super_key(FnState *fs, Node *target) {
    int k = reg_alloc(fs);
    if (target->kind == N_MEMBER)
        emit_abc(fs, BC_LOADK, (unsigned)k, (unsigned)const_atom(fs, target->u.member.name, target->u.member.len), 0);
    else
        expr(fs, target->u.index.index, k);
    return k;
}

void super_get(FnState *fs, Node *target, int dst) {
    int mark = fs->nregs;
    Node *sup = target->kind == N_MEMBER ? target->u.member.obj : target->u.index.obj;
    int home = reg_alloc(fs);
    load_var(fs, sup->aux, sup, home);
    int k = super_key(fs, target);
    load_this(fs, NULL, dst);
    set_pos(fs, target);
    emit_abc(fs, BC_GETSUPER, (unsigned)dst, (unsigned)home, (unsigned)k);
    reg_free_to(fs, mark);
}

/* super.x = value (and compound forms through get/put): home in base, this in base + 1. */
int super_ref_prepare(FnState *fs, Node *target, int *key) {
    Node *sup = target->kind == N_MEMBER ? target->u.member.obj : target->u.index.obj;
    int base = reg_alloc_n(fs, 2);
    load_var(fs, sup->aux, sup, base);
    load_this(fs, NULL, base + 1);
    *key = super_key(fs, target);
    return base;
}

static void call_with_this(FnState *fs, int fn_reg, int this_reg) {
    int b = reg_alloc_n(fs, 2);
    emit_abc(fs, BC_MOV, (unsigned)b, (unsigned)fn_reg, 0);
    emit_abc(fs, BC_MOV, (unsigned)b + 1, (unsigned)this_reg, 0);
    emit_abc(fs, BC_CALL, (unsigned)b, 0, (unsigned)const_atom(fs, "(intermediate value)", 20));
}

void super_call(FnState *fs, Node *n, int dst) {
    int mark = fs->nregs;
    NodeList *args = &n->u.call.args;
    bool spread = false;
    for (Node *a = args->head; a; a = a->next) spread |= a->kind == N_SPREAD;
    int argc = spread ? 1 : args->count;
    int base = reg_alloc_n(fs, 2 + argc);
    Node *sup = n->u.call.callee;
    load_var(fs, sup->aux, sup, base);
    if (spread) {
        Node fake;
        memset(&fake, 0, sizeof fake);
        fake.kind = N_ARRAY;
        fake.u.list = *args;
        expr(fs, &fake, base + 2);
    } else {
        int i = 0;
        for (Node *a = args->head; a; a = a->next, i++) expr(fs, a, base + 2 + i);
    }
    set_pos(fs, n);
    emit_abc(fs, BC_SUPERCALL, (unsigned)base, (unsigned)argc, spread ? 1 : 0);
    /* bind this (once) */
    Var *tv = this_owner(fs)->this_var;
    int t = reg_alloc(fs);
    load_var(fs, tv, NULL, t);
    emit_abc(fs, BC_THISINIT, (unsigned)t, 0, 0);
    store_var(fs, tv, base);
    if (n->aux) {
        int f = reg_alloc(fs);
        load_var(fs, n->aux, NULL, f);
        call_with_this(fs, f, base);
    }
    if (dst >= 0 && dst != base) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)base, 0);
    reg_free_to(fs, mark);
}

/* The instance-field initializer at a base constructor's entry. */
void class_ctor_prologue(FnState *fs) {
    FnInfo *fi = fs->info;
    if (!fi->init_var) return;
    int mark = fs->nregs;
    int f = reg_alloc(fs);
    load_var(fs, fi->init_var, NULL, f);
    call_with_this(fs, f, 1);
    reg_free_to(fs, mark);
}

static int member_key(FnState *fs, Node *p, const char **name, uint32_t *len) {
    int k = reg_alloc(fs);
    *name = NULL;
    *len = 0;
    Node *key = p->u.prop.key;
    if (p->u.prop.computed) {
        expr(fs, key, k);
        return k;
    }
    int c = prop_key_const(fs, key, name, len);
    emit_abc(fs, BC_LOADK, (unsigned)k, (unsigned)c, 0);
    return k;
}

void class_expr(FnState *fs, Node *n, int dst, const char *name, uint32_t name_len) {
    Scope *cs = n->aux;
    int mark = fs->nregs;
    enter_scope(fs, cs);
    int f = reg_alloc_n(fs, 2), h = reg_alloc(fs);
    Node *id = n->u.class_.name;
    if (id) {
        name = id->u.ident.name;
        name_len = id->u.ident.len;
    }
    if (n->u.class_.heritage) expr(fs, n->u.class_.heritage, h);
    else emit_abc(fs, BC_LOADHOLE, (unsigned)h, 0, 0);
    expr_function(fs, n->u.class_.ctor, f, name ? name : "", name ? name_len : 0);
    set_pos(fs, n);
    emit_abc(fs, BC_CLASS, (unsigned)f, (unsigned)h, 0);
    store_var(fs, hidden(cs, "*ctor"), f);
    store_var(fs, hidden(cs, "*proto"), f + 1);
    for (Node *p = n->u.class_.members.head; p; p = p->next) {
        int m2 = fs->nregs;
        const char *mname;
        uint32_t mlen;
        int k = member_key(fs, p, &mname, &mlen);
        int v = reg_alloc(fs);
        expr_function(fs, p->u.prop.value, v, mname, mlen);
        unsigned op = p->u.prop.kind == PROP_GET ? BC_DEFCGETTER : p->u.prop.kind == PROP_SET ? BC_DEFCSETTER : BC_DEFMETHOD;
        set_pos(fs, p);
        emit_abc(fs, op, (unsigned)(p->u.prop.is_static ? f : f + 1), (unsigned)v, (unsigned)k);
        reg_free_to(fs, m2);
    }
    if (n->u.class_.inst_init) {
        int r = reg_alloc(fs);
        expr_function(fs, n->u.class_.inst_init, r, "<instance_members_initializer>", 29);
        store_var(fs, hidden(cs, "*init"), r);
    }
    if (id) store_var(fs, scope_lookup(cs, id->u.ident.name, id->u.ident.len), f);
    if (n->u.class_.static_init) {
        int r = reg_alloc(fs);
        expr_function(fs, n->u.class_.static_init, r, "<static_initializer>", 20);
        call_with_this(fs, r, f);
    }
    if (dst >= 0) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)f, 0);
    leave_scope(fs, cs);
    reg_free_to(fs, mark);
}

void class_decl(FnState *fs, Node *n) {
    int mark = fs->nregs;
    int t = reg_alloc(fs);
    class_expr(fs, n, t, NULL, 0);
    assign_to_ident(fs, n->u.class_.name, t, true);
    reg_free_to(fs, mark);
}

bool codegen_is_super_ref(const Node *n) { return is_super_ref(n); }
