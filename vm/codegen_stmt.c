/* codegen_stmt.c: statements and control flow. A control stack (Ctl) records what a
 * break, continue or return must undo on its way out: contexts to pop, try handlers to
 * drop, and finally blocks to run (exits are routed through the finally block and resumed
 * by a dispatch on a "completion kind" register at its end).
 */
#include <string.h>

#include "compiler_int.h"

enum { COMPLETION_NORMAL = 0, COMPLETION_THROW = 1, COMPLETION_RETURN = 2, COMPLETION_EXIT0 = 3 };

static Ctl *ctl_push(FnState *fs, CtlKind kind) {
    Ctl *c = arena_alloc(fs->c->arena, sizeof *c);
    c->kind = kind;
    c->outer = fs->ctl;
    c->continue_target = -1;
    fs->ctl = c;
    return c;
}

static void patch_add(FnState *fs, Patch *p, int at) {
    if (p->count == p->cap) {
        int cap = p->cap ? p->cap * 2 : 4;
        int *n = arena_alloc(fs->c->arena, sizeof(int) * (size_t)cap);
        if (p->count) memcpy(n, p->at, sizeof(int) * (size_t)p->count);
        p->at = n;
        p->cap = cap;
    }
    p->at[p->count++] = at;
}

static void patch_all(FnState *fs, Patch *p, int target) {
    for (int i = 0; i < p->count; i++) patch_to(fs, p->at[i], target);
}

void enter_scope(FnState *fs, Scope *s) {
    if (!s) return;
    scope_assign_locations(s, &fs->nregs);
    if (fs->nregs > fs->maxregs) fs->maxregs = fs->nregs;
    fs->scope = s;
    Ctl *c = ctl_push(fs, CTL_SCOPE);
    c->has_ctx = s->has_ctx;
    if (s->has_ctx) emit_abc(fs, BC_PUSHCTX, (unsigned)s->ctx_slots, 0, 0);
    for (int i = 0; i < s->nvars; i++) {
        Var *v = s->vars[i];
        if ((v->kind == VK_LET || v->kind == VK_CONST) && !v->captured) emit_abc(fs, BC_LOADHOLE, (unsigned)v->reg, 0, 0);
    }
}

void leave_scope(FnState *fs, Scope *s) {
    if (!s) return;
    if (s->has_ctx) emit_abc(fs, BC_POPCTX, 0, 0, 0);
    fs->scope = s->parent;
    fs->ctl = fs->ctl->outer;
}

/* ---------------------------------------------------------------- exits */

static bool ctl_has_label(const Ctl *c, const char *label, uint32_t len) {
    for (int i = 0; i < c->nlabels; i++)
        if (c->label_lens[i] == len && memcmp(c->labels[i], label, len) == 0) return true;
    return false;
}

static void emit_return_from(FnState *fs, Ctl *from, int reg);

/* Leave every control level from `from` out to `target` (exclusive), then jump to the
 * target's break or continue point. A finally block on the way takes over the rest. */
static void emit_exit(FnState *fs, Ctl *from, Ctl *target, bool is_continue) {
    for (Ctl *c = from; c != target; c = c->outer) {
        if (c->kind == CTL_SCOPE && c->has_ctx) emit_abc(fs, BC_POPCTX, 0, 0, 0);
        else if (c->kind == CTL_TRY) emit_abc(fs, BC_ENDTRY, 0, 0, 0);
        else if (c->kind == CTL_FINALLY) {
            emit_abc(fs, BC_ENDTRY, 0, 0, 0);
            int k = COMPLETION_EXIT0 + c->nexits;
            Ctl **nt = arena_alloc(fs->c->arena, sizeof(Ctl *) * (size_t)(c->nexits + 1));
            bool *nc = arena_alloc(fs->c->arena, sizeof(bool) * (size_t)(c->nexits + 1));
            if (c->nexits) {
                memcpy(nt, c->exit_targets, sizeof(Ctl *) * (size_t)c->nexits);
                memcpy(nc, c->exit_is_continue, sizeof(bool) * (size_t)c->nexits);
            }
            nt[c->nexits] = target;
            nc[c->nexits] = is_continue;
            c->exit_targets = nt;
            c->exit_is_continue = nc;
            c->nexits++;
            emit(fs, (Instr)BC_LOADI | (Instr)(unsigned)c->kind_reg << 8 | (Instr)(uint32_t)k << 32);
            patch_add(fs, &c->to_finally, emit_jump(fs, BC_JMP, 0, 0));
            return;
        }
    }
    if (is_continue) {
        if (target->continue_target >= 0) patch_to(fs, emit_jump(fs, BC_JMP, 0, 0), target->continue_target);
        else patch_add(fs, &target->continues, emit_jump(fs, BC_JMP, 0, 0));
    } else {
        patch_add(fs, &target->breaks, emit_jump(fs, BC_JMP, 0, 0));
    }
}

static void emit_return_from(FnState *fs, Ctl *from, int reg) {
    for (Ctl *c = from; c; c = c->outer) {
        if (c->kind == CTL_FINALLY) {
            emit_abc(fs, BC_ENDTRY, 0, 0, 0);
            if (reg != c->val_reg) emit_abc(fs, BC_MOV, (unsigned)c->val_reg, (unsigned)reg, 0);
            emit(fs, (Instr)BC_LOADI | (Instr)(unsigned)c->kind_reg << 8 | (Instr)(uint32_t)COMPLETION_RETURN << 32);
            patch_add(fs, &c->to_finally, emit_jump(fs, BC_JMP, 0, 0));
            c->continue_target = -2; /* marks: a return was routed here */
            return;
        }
    }
    derived_return_prep(fs);
    emit_abc(fs, BC_RET, (unsigned)reg, 0, 0);
}

static void jump_stmt(FnState *fs, Node *n) {
    bool is_continue = n->kind == N_CONTINUE;
    const char *label = n->u.jump.label;
    uint32_t len = n->u.jump.len;
    for (Ctl *c = fs->ctl; c; c = c->outer) {
        bool match;
        if (label) match = ctl_has_label(c, label, len) && (!is_continue || c->kind == CTL_LOOP);
        else match = c->kind == CTL_LOOP || (!is_continue && c->kind == CTL_SWITCH);
        if (match) {
            emit_exit(fs, fs->ctl, c, is_continue);
            return;
        }
    }
    compile_error(fs->c, n, label ? "Undefined label '%.*s'" : "Illegal %s statement", label ? (int)len : 0,
                  label ? label : (is_continue ? "continue" : "break"));
}

/* ---------------------------------------------------------------- declarations */

static void var_stmt(FnState *fs, Node *n) {
    for (Node *d = n->u.var.decls.head; d; d = d->next) {
        Node *id = d->u.decl.name, *init = d->u.decl.init;
        Var *v = id->aux;
        set_pos(fs, d);
        int mark = fs->nregs;
        if (id->kind != N_IDENT) {
            int t = reg_alloc(fs);
            expr(fs, init, t);
            bind_target(fs, id, t, n->u.var.kind != VAR_VAR);
        } else if (!init) {
            if (n->u.var.kind == VAR_VAR) continue;
            int t = reg_alloc(fs);
            emit_abc(fs, BC_LOADUNDEF, (unsigned)t, 0, 0);
            assign_to_ident(fs, id, t, true);
        } else if (v && !v->global && !v->captured && v->reg >= 0 && fs->with_depth == 0) {
            int t = writes_locals(init) ? reg_alloc(fs) : v->reg;
            expr_named(fs, init, t, id->u.ident.name, id->u.ident.len);
            assign_to_ident(fs, id, t, true);
        } else {
            int t = reg_alloc(fs);
            expr_named(fs, init, t, id->u.ident.name, id->u.ident.len);
            assign_to_ident(fs, id, t, n->u.var.kind != VAR_VAR);
        }
        reg_free_to(fs, mark);
    }
}

/* Function declarations nested in blocks are instantiated when the block is entered. */
static void block_functions(FnState *fs, NodeList *l) {
    for (Node *s = l->head; s; s = s->next) {
        if (s->kind != N_FUNCTION || !(s->u.func.flags & FN_DECL)) continue;
        Node *id = s->u.func.name;
        Var *v = scope_lookup(fs->scope, id->u.ident.name, id->u.ident.len);
        if (!v || v->decl == s) continue;
        int mark = fs->nregs;
        int t = reg_alloc(fs);
        expr_function(fs, s, t, NULL, 0);
        store_var(fs, v, t);
        reg_free_to(fs, mark);
    }
}

void stmt_list(FnState *fs, NodeList *l) {
    for (Node *s = l->head; s; s = s->next) stmt(fs, s);
}

/* ---------------------------------------------------------------- loops */

static Ctl *loop_begin(FnState *fs, Node *labels_from) {
    Ctl *c = ctl_push(fs, CTL_LOOP);
    for (Node *l = labels_from; l && c->nlabels < 4; l = l->next) {
        c->labels[c->nlabels] = l->u.labeled.label;
        c->label_lens[c->nlabels++] = l->u.labeled.len;
    }
    return c;
}

static void loop_end(FnState *fs, Ctl *c, int continue_at) {
    patch_all(fs, &c->continues, continue_at);
    patch_all(fs, &c->breaks, fs->count);
    fs->ctl = c->outer;
}

static void cond_false_jump(FnState *fs, Node *test, int *jump) {
    int mark = fs->nregs;
    if (test->kind == N_BINARY && test->u.binary.op == OP_LT) {
        int l = expr_any(fs, test->u.binary.left);
        if (writes_locals(test->u.binary.right)) {
            int t = reg_alloc(fs);
            emit_abc(fs, BC_MOV, (unsigned)t, (unsigned)l, 0);
            l = t;
        }
        int r = expr_any(fs, test->u.binary.right);
        set_pos(fs, test);
        *jump = emit_jump(fs, BC_JGE, (unsigned)l, (unsigned)r);
    } else {
        int r = expr_any(fs, test);
        *jump = emit_jump(fs, BC_JFALSE, (unsigned)r, 0);
    }
    reg_free_to(fs, mark);
}

static void while_stmt(FnState *fs, Node *n, Node *labels) {
    Ctl *c = loop_begin(fs, labels);
    int top = fs->count;
    c->continue_target = top;
    int jf;
    cond_false_jump(fs, n->u.while_.test, &jf);
    stmt(fs, n->u.while_.body);
    patch_to(fs, emit_jump(fs, BC_JMP, 0, 0), top);
    patch_here(fs, jf);
    loop_end(fs, c, top);
}

static void do_while_stmt(FnState *fs, Node *n, Node *labels) {
    Ctl *c = loop_begin(fs, labels);
    int top = fs->count;
    stmt(fs, n->u.while_.body);
    int cont = fs->count;
    int mark = fs->nregs;
    int r = expr_any(fs, n->u.while_.test);
    patch_to(fs, emit_jump(fs, BC_JTRUE, (unsigned)r, 0), top);
    reg_free_to(fs, mark);
    loop_end(fs, c, cont);
}

static void for_stmt(FnState *fs, Node *n, Node *labels) {
    Scope *s = n->aux;
    enter_scope(fs, s);
    if (n->u.for_.init) {
        if (n->u.for_.init->kind == N_VAR) stmt(fs, n->u.for_.init);
        else expr_effect(fs, n->u.for_.init);
    }
    Ctl *c = loop_begin(fs, labels);
    int top = fs->count, jf = -1;
    if (n->u.for_.test) cond_false_jump(fs, n->u.for_.test, &jf);
    stmt(fs, n->u.for_.body);
    int cont = fs->count;
    /* each iteration gets fresh copies of captured let bindings */
    if (s && s->has_ctx) emit_abc(fs, BC_CLONECTX, 0, 0, 0);
    if (n->u.for_.update) expr_effect(fs, n->u.for_.update);
    patch_to(fs, emit_jump(fs, BC_JMP, 0, 0), top);
    if (jf >= 0) patch_here(fs, jf);
    loop_end(fs, c, cont);
    leave_scope(fs, s);
}

static void for_in_of_stmt(FnState *fs, Node *n, Node *labels) {
    bool of = n->kind == N_FOR_OF;
    int mark = fs->nregs;
    int it = reg_alloc(fs), item = reg_alloc(fs);
    int obj = expr_any(fs, n->u.for_in.right);
    set_pos(fs, n->u.for_in.right);
    emit_abc(fs, of ? BC_ITER : BC_FORIN, (unsigned)it, (unsigned)obj,
             of ? (unsigned)const_callee_text(fs, n->u.for_in.right) : 0);
    Ctl *c = loop_begin(fs, labels);
    int top = fs->count;
    int jdone = emit_jump(fs, of ? BC_ITERNEXT : BC_FORINNEXT, (unsigned)item, (unsigned)it);
    Scope *s = n->aux;
    enter_scope(fs, s);
    Node *left = n->u.for_in.left;
    if (left->kind == N_VAR) {
        Node *id = left->u.var.decls.head->u.decl.name;
        bind_target(fs, id, item, left->u.var.kind != VAR_VAR);
    } else if (left->nflags & NF_PATTERN) {
        bind_target(fs, left, item, false);
    } else if (left->kind == N_IDENT) {
        assign_to_ident(fs, left, item, false);
    } else if (left->kind == N_MEMBER) {
        int o = expr_any(fs, left->u.member.obj);
        emit_abc(fs, BC_SETFIELD, (unsigned)o, (unsigned)item, (unsigned)ic_new(fs, left->u.member.name, left->u.member.len));
    } else if (left->kind == N_INDEX) {
        int o = expr_any(fs, left->u.index.obj);
        int k = expr_any(fs, left->u.index.index);
        emit_abc(fs, BC_SETELEM, (unsigned)o, (unsigned)k, (unsigned)item);
    } else {
        compile_error(fs->c, left, "Invalid left-hand side in for-%s loop", of ? "of" : "in");
    }
    stmt(fs, n->u.for_in.body);
    leave_scope(fs, s);
    int cont = fs->count;
    patch_to(fs, emit_jump(fs, BC_JMP, 0, 0), top);
    patch_here(fs, jdone);
    loop_end(fs, c, cont);
    reg_free_to(fs, mark);
}

/* ---------------------------------------------------------------- switch, try */

static void switch_stmt(FnState *fs, Node *n, Node *labels) {
    int mark = fs->nregs;
    int d = reg_alloc(fs);
    expr(fs, n->u.switch_.disc, d);
    Scope *s = n->aux;
    enter_scope(fs, s);
    Ctl *c = ctl_push(fs, CTL_SWITCH);
    for (Node *l = labels; l && c->nlabels < 4; l = l->next) {
        c->labels[c->nlabels] = l->u.labeled.label;
        c->label_lens[c->nlabels++] = l->u.labeled.len;
    }
    int ncases = n->u.switch_.cases.count;
    int *jumps = arena_alloc(fs->c->arena, sizeof(int) * (size_t)(ncases + 1));
    int i = 0, default_idx = -1;
    for (Node *cs = n->u.switch_.cases.head; cs; cs = cs->next, i++) {
        if (!cs->u.case_.test) {
            default_idx = i;
            continue;
        }
        int m2 = fs->nregs;
        int t = reg_alloc(fs);
        expr(fs, cs->u.case_.test, t);
        emit_abc(fs, BC_SEQ, (unsigned)t, (unsigned)d, (unsigned)t);
        jumps[i] = emit_jump(fs, BC_JTRUE, (unsigned)t, 0);
        reg_free_to(fs, m2);
    }
    int jdefault = emit_jump(fs, BC_JMP, 0, 0);
    i = 0;
    for (Node *cs = n->u.switch_.cases.head; cs; cs = cs->next, i++) {
        if (i == default_idx) patch_here(fs, jdefault);
        else patch_here(fs, jumps[i]);
        block_functions(fs, &cs->u.case_.body);
        stmt_list(fs, &cs->u.case_.body);
    }
    if (default_idx < 0) patch_here(fs, jdefault);
    patch_all(fs, &c->breaks, fs->count);
    fs->ctl = c->outer;
    leave_scope(fs, s);
    reg_free_to(fs, mark);
}

static void catch_part(FnState *fs, Node *n, int exc) {
    Scope *s = n->aux;
    enter_scope(fs, s);
    if (n->u.try_.param) bind_target(fs, n->u.try_.param, exc, true);
    stmt(fs, n->u.try_.handler);
    leave_scope(fs, s);
}

static void try_catch(FnState *fs, Node *n) {
    int mark = fs->nregs;
    int exc = reg_alloc(fs);
    int jtry = emit_jump(fs, BC_TRY, (unsigned)exc, 0);
    ctl_push(fs, CTL_TRY);
    stmt(fs, n->u.try_.block);
    fs->ctl = fs->ctl->outer;
    emit_abc(fs, BC_ENDTRY, 0, 0, 0);
    int jend = emit_jump(fs, BC_JMP, 0, 0);
    patch_here(fs, jtry);
    catch_part(fs, n, exc);
    patch_here(fs, jend);
    reg_free_to(fs, mark);
}

static void try_finally(FnState *fs, Node *n) {
    int mark = fs->nregs;
    int kind = reg_alloc(fs), val = reg_alloc(fs);
    int jtry = emit_jump(fs, BC_TRY, (unsigned)val, 0);
    Ctl *f = ctl_push(fs, CTL_FINALLY);
    f->kind_reg = kind;
    f->val_reg = val;
    if (n->u.try_.handler) try_catch(fs, n);
    else stmt(fs, n->u.try_.block);
    fs->ctl = f->outer;
    emit_abc(fs, BC_ENDTRY, 0, 0, 0);
    emit(fs, (Instr)BC_LOADI | (Instr)(unsigned)kind << 8 | (Instr)(uint32_t)COMPLETION_NORMAL << 32);
    int jfin = emit_jump(fs, BC_JMP, 0, 0);
    patch_here(fs, jtry);
    emit(fs, (Instr)BC_LOADI | (Instr)(unsigned)kind << 8 | (Instr)(uint32_t)COMPLETION_THROW << 32);
    patch_here(fs, jfin);
    patch_all(fs, &f->to_finally, fs->count);
    {
        /* a finally block that completes normally keeps the try's completion value */
        int saved_completion = fs->completion_reg;
        fs->completion_reg = -1;
        stmt(fs, n->u.try_.finalizer);
        fs->completion_reg = saved_completion;
    }
    /* dispatch on how the protected part ended */
    int t = reg_alloc(fs);
    emit(fs, (Instr)BC_LOADI | (Instr)(unsigned)t << 8 | (Instr)(uint32_t)COMPLETION_THROW << 32);
    emit_abc(fs, BC_SEQ, (unsigned)t, (unsigned)kind, (unsigned)t);
    int jnext = emit_jump(fs, BC_JFALSE, (unsigned)t, 0);
    emit_abc(fs, BC_THROW, (unsigned)val, 0, 0);
    patch_here(fs, jnext);
    if (f->continue_target == -2) {
        emit(fs, (Instr)BC_LOADI | (Instr)(unsigned)t << 8 | (Instr)(uint32_t)COMPLETION_RETURN << 32);
        emit_abc(fs, BC_SEQ, (unsigned)t, (unsigned)kind, (unsigned)t);
        jnext = emit_jump(fs, BC_JFALSE, (unsigned)t, 0);
        emit_return_from(fs, fs->ctl, val);
        patch_here(fs, jnext);
    }
    for (int k = 0; k < f->nexits; k++) {
        emit(fs, (Instr)BC_LOADI | (Instr)(unsigned)t << 8 | (Instr)(uint32_t)(COMPLETION_EXIT0 + k) << 32);
        emit_abc(fs, BC_SEQ, (unsigned)t, (unsigned)kind, (unsigned)t);
        jnext = emit_jump(fs, BC_JFALSE, (unsigned)t, 0);
        emit_exit(fs, fs->ctl, f->exit_targets[k], f->exit_is_continue[k]);
        patch_here(fs, jnext);
    }
    reg_free_to(fs, mark);
}

/* ---------------------------------------------------------------- statements */

static void labeled_stmt(FnState *fs, Node *n) {
    Node *first = n;
    Node *body = n;
    /* collect a chain of labels: a: b: for (...) */
    Node *chain = NULL, *tail = NULL;
    while (body->kind == N_LABELED) {
        Node *copy = arena_alloc(fs->c->arena, sizeof *copy);
        *copy = *body;
        copy->next = NULL;
        if (tail) tail->next = copy;
        else chain = copy;
        tail = copy;
        body = body->u.labeled.body;
    }
    (void)first;
    switch (body->kind) {
    case N_WHILE: while_stmt(fs, body, chain); return;
    case N_DO_WHILE: do_while_stmt(fs, body, chain); return;
    case N_FOR: for_stmt(fs, body, chain); return;
    case N_FOR_IN:
    case N_FOR_OF: for_in_of_stmt(fs, body, chain); return;
    case N_SWITCH: switch_stmt(fs, body, chain); return;
    default: break;
    }
    Ctl *c = ctl_push(fs, CTL_LABEL);
    for (Node *l = chain; l && c->nlabels < 4; l = l->next) {
        c->labels[c->nlabels] = l->u.labeled.label;
        c->label_lens[c->nlabels++] = l->u.labeled.len;
    }
    stmt(fs, body);
    patch_all(fs, &c->breaks, fs->count);
    fs->ctl = c->outer;
}

/* Statements whose completion is UpdateEmpty(..., undefined): in eval and script code they
 * reset the completion value before running. */
static bool resets_completion(NodeKind k) {
    switch (k) {
    case N_IF: case N_WHILE: case N_DO_WHILE: case N_FOR: case N_FOR_IN: case N_FOR_OF:
    case N_SWITCH: case N_TRY: case N_WITH:
        return true;
    default:
        return false;
    }
}

void stmt(FnState *fs, Node *n) {
    if (!n) return;
    int mark = fs->nregs;
    set_pos(fs, n);
    if (fs->completion_reg >= 0 && resets_completion(n->kind))
        emit_abc(fs, BC_LOADUNDEF, (unsigned)fs->completion_reg, 0, 0);
    switch (n->kind) {
    case N_VAR: var_stmt(fs, n); break;
    case N_EXPR_STMT:
        if (fs->completion_reg >= 0) expr(fs, n->u.unary.expr, fs->completion_reg);
        else expr_effect(fs, n->u.unary.expr);
        break;
    case N_BLOCK: {
        Scope *s = n->aux;
        enter_scope(fs, s);
        block_functions(fs, &n->u.list);
        stmt_list(fs, &n->u.list);
        leave_scope(fs, s);
        break;
    }
    case N_EMPTY:
    case N_DEBUGGER:
    case N_FUNCTION: break;
    case N_CLASS: class_decl(fs, n); break;
    case N_IF: {
        int jf;
        cond_false_jump(fs, n->u.if_.test, &jf);
        stmt(fs, n->u.if_.then);
        if (n->u.if_.otherwise) {
            int je = emit_jump(fs, BC_JMP, 0, 0);
            patch_here(fs, jf);
            stmt(fs, n->u.if_.otherwise);
            patch_here(fs, je);
        } else {
            patch_here(fs, jf);
        }
        break;
    }
    case N_WHILE: while_stmt(fs, n, NULL); break;
    case N_DO_WHILE: do_while_stmt(fs, n, NULL); break;
    case N_FOR: for_stmt(fs, n, NULL); break;
    case N_FOR_IN:
    case N_FOR_OF: for_in_of_stmt(fs, n, NULL); break;
    case N_CONTINUE:
    case N_BREAK: jump_stmt(fs, n); break;
    case N_RETURN: {
        int r;
        if (n->u.unary.expr) r = expr_any(fs, n->u.unary.expr);
        else {
            r = reg_alloc(fs);
            emit_abc(fs, BC_LOADUNDEF, (unsigned)r, 0, 0);
        }
        set_pos(fs, n);
        emit_return_from(fs, fs->ctl, r);
        break;
    }
    case N_THROW: {
        int r = expr_any(fs, n->u.unary.expr);
        set_pos(fs, n);
        emit_abc(fs, BC_THROW, (unsigned)r, 0, 0);
        break;
    }
    case N_TRY:
        if (n->u.try_.finalizer) try_finally(fs, n);
        else try_catch(fs, n);
        break;
    case N_SWITCH: switch_stmt(fs, n, NULL); break;
    case N_LABELED: labeled_stmt(fs, n); break;
    case N_WITH: {
        if (fs->with_depth >= 16) compile_error(fs->c, n, "with statements nested too deeply");
        int w = reg_alloc(fs);
        expr(fs, n->u.with.obj, w);
        fs->with_regs[fs->with_depth++] = w;
        stmt(fs, n->u.with.body);
        fs->with_depth--;
        break;
    }
    default: compile_error(fs->c, n, "Unexpected token");
    }
    reg_free_to(fs, mark);
}
