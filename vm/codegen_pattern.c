/* codegen_pattern.c: destructuring (see parser/ast_pattern.c for the pattern shapes).
 * Array patterns step the iterator protocol one element at a time, so `[a, b] = gen()`
 * takes two values from an endless generator; object patterns read properties by key.
 */
#include "compiler_int.h"

/* Store register src into a target: identifier, member expression or nested pattern.
 * decl: the initialization of a declared binding (let/const/parameter), not an assignment. */
void bind_target(FnState *fs, Node *t, int src, bool decl) {
    int mark = fs->nregs;
    set_pos(fs, t);
    switch (t->kind) {
    case N_IDENT: assign_to_ident(fs, t, src, decl); break;
    case N_MEMBER: {
        int o = expr_any(fs, t->u.member.obj);
        emit_abc(fs, BC_SETFIELD, (unsigned)o, (unsigned)src, (unsigned)ic_new(fs, t->u.member.name, t->u.member.len));
        break;
    }
    case N_INDEX: {
        int o = reg_alloc(fs);
        expr(fs, t->u.index.obj, o);
        int k = expr_any(fs, t->u.index.index);
        emit_abc(fs, BC_SETELEM, (unsigned)o, (unsigned)k, (unsigned)src);
        break;
    }
    case N_ARRAY: bind_array_pattern(fs, t, src, decl); break;
    case N_OBJECT: bind_object_pattern(fs, t, src, decl); break;
    default: compile_error(fs->c, t, "Invalid destructuring assignment target");
    }
    reg_free_to(fs, mark);
}

/* An element: a target, or `target = default` (the default replaces undefined). */
static void bind_element(FnState *fs, Node *e, int v, bool decl) {
    if (e->kind == N_ASSIGN) {
        Node *target = e->u.binary.left;
        int skip = emit_jump(fs, BC_JNOTUNDEF, (unsigned)v, 0);
        if (target->kind == N_IDENT) expr_named(fs, e->u.binary.right, v, target->u.ident.name, target->u.ident.len);
        else expr(fs, e->u.binary.right, v);
        patch_here(fs, skip);
        e = target;
    }
    bind_target(fs, e, v, decl);
}

void bind_array_pattern(FnState *fs, Node *p, int src, bool decl) {
    int mark = fs->nregs;
    int it = reg_alloc(fs), done = reg_alloc(fs), v = reg_alloc(fs);
    set_pos(fs, p);
    emit_abc(fs, BC_ITER, (unsigned)it, (unsigned)src, (unsigned)const_atom(fs, "(intermediate value)", 20));
    emit_abc(fs, BC_LOADFALSE, (unsigned)done, 0, 0);
    bool rest = false;
    for (Node *e = p->u.list.head; e; e = e->next) {
        if (e->kind == N_SPREAD) {
            rest = true;
            int arr = reg_alloc(fs);
            emit_abc(fs, BC_MKARRAY, (unsigned)arr, 0, 0);
            int jskip = emit_jump(fs, BC_JTRUE, (unsigned)done, 0);
            int loop = fs->count;
            int jend = emit_jump(fs, BC_ITERNEXT, (unsigned)v, (unsigned)it);
            emit_abc(fs, BC_APPEND, (unsigned)arr, (unsigned)v, 1);
            patch_to(fs, emit_jump(fs, BC_JMP, 0, 0), loop);
            patch_here(fs, jend);
            patch_here(fs, jskip);
            bind_target(fs, e->u.unary.expr, arr, decl);
            continue;
        }
        emit_abc(fs, BC_LOADUNDEF, (unsigned)v, 0, 0);
        int jskip = emit_jump(fs, BC_JTRUE, (unsigned)done, 0);
        int jdone = emit_jump(fs, BC_ITERNEXT, (unsigned)v, (unsigned)it);
        int jover = emit_jump(fs, BC_JMP, 0, 0);
        patch_here(fs, jdone);
        emit_abc(fs, BC_LOADTRUE, (unsigned)done, 0, 0);
        patch_here(fs, jskip);
        patch_here(fs, jover);
        if (e->kind != N_HOLE) bind_element(fs, e, v, decl);
    }
    if (!rest) {
        /* an iterator we stopped early is closed */
        int jskip = emit_jump(fs, BC_JTRUE, (unsigned)done, 0);
        emit_abc(fs, BC_ITERCLOSE, (unsigned)it, 0, 0);
        patch_here(fs, jskip);
    }
    reg_free_to(fs, mark);
}

void bind_object_pattern(FnState *fs, Node *p, int src, bool decl) {
    int mark = fs->nregs;
    set_pos(fs, p);
    /* RequireObjectCoercible */
    int jok = emit_jump(fs, BC_JNULLISH, (unsigned)src, 0);
    int jover = emit_jump(fs, BC_JMP, 0, 0);
    patch_here(fs, jok);
    emit_abc(fs, BC_THROWERR, E_TYPE,
             (unsigned)const_atom(fs, "Cannot destructure a value that is null or undefined.", 53), 0);
    patch_here(fs, jover);
    bool has_rest = p->u.list.tail && p->u.list.tail->kind == N_SPREAD;
    int keys = -1;
    if (has_rest) {
        keys = reg_alloc(fs);
        emit_abc(fs, BC_MKARRAY, (unsigned)keys, 0, 0);
    }
    for (Node *e = p->u.list.head; e; e = e->next) {
        int m2 = fs->nregs;
        if (e->kind == N_SPREAD) {
            int obj = reg_alloc(fs);
            emit_abc(fs, BC_NEWOBJ, (unsigned)obj, 0, 0);
            emit_abc(fs, BC_COPYPROPS, (unsigned)obj, (unsigned)src, (unsigned)keys);
            bind_target(fs, e->u.unary.expr, obj, decl);
            reg_free_to(fs, m2);
            continue;
        }
        Node *key = e->u.prop.key;
        int v = reg_alloc(fs);
        if (!e->u.prop.computed && key->kind == N_IDENT && !has_rest) {
            emit_abc(fs, BC_GETFIELD, (unsigned)v, (unsigned)src, (unsigned)ic_new(fs, key->u.ident.name, key->u.ident.len));
        } else {
            int k = reg_alloc(fs);
            if (e->u.prop.computed) {
                expr(fs, key, k);
            } else {
                const char *nm;
                uint32_t ln;
                emit_abc(fs, BC_LOADK, (unsigned)k, (unsigned)prop_key_const(fs, key, &nm, &ln), 0);
            }
            emit_abc(fs, BC_GETELEM, (unsigned)v, (unsigned)src, (unsigned)k);
            if (has_rest) emit_abc(fs, BC_APPEND, (unsigned)keys, (unsigned)k, 1);
        }
        bind_element(fs, e->u.prop.value, v, decl);
        reg_free_to(fs, m2);
    }
    reg_free_to(fs, mark);
}
