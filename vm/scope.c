/* scope.c: the resolver. One pass over the AST before code generation: builds the scopes,
 * hoists var and function declarations, binds every identifier reference to its Var
 * (Node.aux; NULL means global) and marks variables captured by inner functions, which then
 * live in their scope's context instead of a register.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler_int.h"

_Noreturn void compile_error(Compiler *c, const Node *at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err.message, sizeof c->err.message, fmt, ap);
    va_end(ap);
    c->err.line = at ? at->line : 1;
    c->err.col = at ? at->col : 1;
    /* the functions being generated own malloc'd buffers the jump would leak */
    for (FnState *fs = c->active; fs; fs = fs->parent) {
        free(fs->ins);
        free(fs->pos);
        fs->ins = NULL;
        fs->pos = NULL;
    }
    longjmp(c->fail, 1);
}

bool ident_is(const Node *n, const char *s) {
    size_t len = strlen(s);
    return n && n->kind == N_IDENT && n->u.ident.len == len && memcmp(n->u.ident.name, s, len) == 0;
}

static Scope *scope_new(Compiler *c, Scope *parent, FnInfo *fn, bool is_fn) {
    Scope *s = arena_alloc(c->arena, sizeof *s);
    s->parent = parent;
    s->fn = fn;
    s->is_fn_scope = is_fn;
    return s;
}

static Var *scope_find_local(Scope *s, const char *name, uint32_t len) {
    for (int i = s->nvars - 1; i >= 0; i--) {
        Var *v = s->vars[i];
        if (v->len == len && memcmp(v->name, name, len) == 0) return v;
    }
    return NULL;
}

Var *scope_lookup(Scope *s, const char *name, uint32_t len) {
    for (; s; s = s->parent) {
        Var *v = scope_find_local(s, name, len);
        if (v) return v;
    }
    return NULL;
}

static Var *declare(Compiler *c, Scope *s, const char *name, uint32_t len, VarKindC kind, const Node *at) {
    Var *v = scope_find_local(s, name, len);
    if (v) {
        bool lexical_clash = kind == VK_LET || kind == VK_CONST || v->kind == VK_LET || v->kind == VK_CONST;
        if (lexical_clash && !(kind == VK_VAR && v->kind == VK_PARAM))
            compile_error(c, at, "Identifier '%.*s' has already been declared", (int)len, name);
        if (kind == VK_FUNC && (v->kind == VK_VAR || v->kind == VK_FUNC)) v->kind = VK_FUNC;
        return v;
    }
    if (s->nvars == s->cap) {
        int cap = s->cap ? s->cap * 2 : 8;
        Var **nv = arena_alloc(c->arena, sizeof(Var *) * cap);
        if (s->nvars) memcpy(nv, s->vars, sizeof(Var *) * s->nvars);
        s->vars = nv;
        s->cap = cap;
    }
    v = arena_alloc(c->arena, sizeof *v);
    v->name = name;
    v->len = len;
    v->kind = kind;
    v->scope = s;
    v->reg = -1;
    v->slot = -1;
    v->mapped = -1;
    s->vars[s->nvars++] = v;
    return v;
}

/* ---------------------------------------------------------------- hoisting */

static void hoist_var_decls(Compiler *c, FnInfo *fi, Node *n, bool top);

/* Declaring every name a target binds (identifier or destructuring pattern). */
typedef struct DeclCtx {
    Compiler *c;
    Scope *s;
    VarKindC kind;
} DeclCtx;

static Var *declare(Compiler *c, Scope *s, const char *name, uint32_t len, VarKindC kind, const Node *at);

static void declare_one(const Node *id, void *ud) {
    DeclCtx *d = ud;
    declare(d->c, d->s, id->u.ident.name, id->u.ident.len, d->kind, id);
}

static void declare_target(Compiler *c, Scope *s, const Node *target, VarKindC kind) {
    ast_bound_names(target, declare_one, &(DeclCtx){c, s, kind});
}

static void hoist_list(Compiler *c, FnInfo *fi, NodeList *l, bool top) {
    for (Node *s = l->head; s; s = s->next) hoist_var_decls(c, fi, s, top);
}

/* `var` declarations anywhere in the body (not in nested functions) belong to the function
 * scope; so do function declarations (sloppy-mode block functions included). */
static void hoist_var_decls(Compiler *c, FnInfo *fi, Node *n, bool top) {
    if (!n) return;
    switch (n->kind) {
    case N_VAR:
        if (n->u.var.kind == VAR_VAR)
            for (Node *d = n->u.var.decls.head; d; d = d->next) declare_target(c, fi->scope, d->u.decl.name, VK_VAR);
        break;
    case N_FUNCTION:
        if (n->u.func.flags & FN_DECL) {
            Node *id = n->u.func.name;
            Var *v = declare(c, fi->scope, id->u.ident.name, id->u.ident.len, VK_FUNC, n);
            if (top) v->decl = n; /* instantiated at function entry; block functions at block entry */
        }
        break;
    case N_BLOCK: hoist_list(c, fi, &n->u.list, false); break;
    case N_IF:
        hoist_var_decls(c, fi, n->u.if_.then, false);
        hoist_var_decls(c, fi, n->u.if_.otherwise, false);
        break;
    case N_FOR:
        hoist_var_decls(c, fi, n->u.for_.init, false);
        hoist_var_decls(c, fi, n->u.for_.body, false);
        break;
    case N_FOR_IN:
    case N_FOR_OF:
        hoist_var_decls(c, fi, n->u.for_in.left, false);
        hoist_var_decls(c, fi, n->u.for_in.body, false);
        break;
    case N_WHILE:
    case N_DO_WHILE: hoist_var_decls(c, fi, n->u.while_.body, false); break;
    case N_WITH: hoist_var_decls(c, fi, n->u.with.body, false); break;
    case N_SWITCH:
        for (Node *cs = n->u.switch_.cases.head; cs; cs = cs->next) hoist_list(c, fi, &cs->u.case_.body, false);
        break;
    case N_LABELED: hoist_var_decls(c, fi, n->u.labeled.body, top); break;
    case N_TRY:
        hoist_var_decls(c, fi, n->u.try_.block, false);
        hoist_var_decls(c, fi, n->u.try_.handler, false);
        hoist_var_decls(c, fi, n->u.try_.finalizer, false);
        break;
    default: break;
    }
}

/* let/const of a statement list belong to the enclosing block scope. */
static void declare_lexical(Compiler *c, Scope *s, NodeList *l) {
    for (Node *n = l->head; n; n = n->next) {
        if (n->kind == N_CLASS && n->u.class_.is_decl) {
            Node *id = n->u.class_.name;
            declare(c, s, id->u.ident.name, id->u.ident.len, VK_LET, id);
            continue;
        }
        if (n->kind != N_VAR || n->u.var.kind == VAR_VAR) continue;
        VarKindC k = n->u.var.kind == VAR_LET ? VK_LET : VK_CONST;
        for (Node *d = n->u.var.decls.head; d; d = d->next) declare_target(c, s, d->u.decl.name, k);
    }
}

/* ---------------------------------------------------------------- references */

typedef struct Resolver {
    Compiler *c;
    FnInfo *fi;
    Scope *scope;
} Resolver;

static void res_expr(Resolver *r, Node *n);
static void res_stmt(Resolver *r, Node *n);
static FnInfo *res_function(Compiler *c, FnInfo *parent, Scope *outer, Node *fn);

static FnInfo *nearest_non_arrow(FnInfo *fi) {
    while (fi->is_arrow && fi->parent) fi = fi->parent;
    return fi;
}

static void mark_use(Resolver *r, Var *v) {
    if (v->scope->fn != r->fi) v->captured = true;
}

static void res_ident(Resolver *r, Node *n) {
    Var *v = scope_lookup(r->scope, n->u.ident.name, n->u.ident.len);
    if (!v && ident_is(n, "arguments")) {
        FnInfo *owner = nearest_non_arrow(r->fi);
        if (!owner->is_program || r->c->mode == COMPILE_MODULE) {
            if (!owner->args_var) {
                owner->args_var = declare(r->c, owner->scope, "arguments", 9, VK_ARGUMENTS, n);
                owner->uses_arguments = true;
            }
            v = owner->args_var;
        }
    }
    if (v) mark_use(r, v);
    n->aux = v;
}

static void res_list(Resolver *r, NodeList *l, bool stmts) {
    for (Node *n = l->head; n; n = n->next) stmts ? res_stmt(r, n) : res_expr(r, n);
}

/* A hidden binding of the nearest enclosing class ("*ctor", "*proto", "*init"), used by an
 * inner function: it becomes captured like any variable. */
static Var *use_hidden(Resolver *r, const char *name) {
    Var *v = scope_lookup(r->scope, name, (uint32_t)strlen(name));
    if (v) mark_use(r, v);
    return v;
}

static void use_this(Resolver *r, FnInfo *owner) {
    owner->uses_this = true;
    if (owner->this_var) mark_use(r, owner->this_var);
}

static void res_class(Resolver *r, Node *n) {
    Compiler *c = r->c;
    Scope *saved = r->scope;
    Node *name = n->u.class_.name;
    if (n->u.class_.is_decl) res_ident(r, name); /* the outer binding */
    Scope *cs = scope_new(c, r->scope, r->fi, false);
    r->scope = cs;
    n->aux = cs;
    if (name) declare(c, cs, name->u.ident.name, name->u.ident.len, VK_CONST, name);
    declare(c, cs, "*ctor", 5, VK_CONST, n);
    declare(c, cs, "*proto", 6, VK_CONST, n);
    if (n->u.class_.inst_init) declare(c, cs, "*init", 5, VK_CONST, n)->decl = n;
    res_expr(r, n->u.class_.heritage);
    n->u.class_.ctor->aux = res_function(c, r->fi, cs, n->u.class_.ctor);
    for (Node *p = n->u.class_.members.head; p; p = p->next) {
        if (p->u.prop.computed) res_expr(r, p->u.prop.key);
        p->u.prop.value->aux = res_function(c, r->fi, cs, p->u.prop.value);
    }
    if (n->u.class_.inst_init) n->u.class_.inst_init->aux = res_function(c, r->fi, cs, n->u.class_.inst_init);
    if (n->u.class_.static_init) n->u.class_.static_init->aux = res_function(c, r->fi, cs, n->u.class_.static_init);
    r->scope = saved;
}

static int owner_flags(FnInfo *owner) {
    return owner->node->kind == N_FUNCTION ? owner->node->u.func.flags : 0;
}

static void res_super_call(Resolver *r, Node *n) {
    FnInfo *owner = nearest_non_arrow(r->fi);
    if ((owner_flags(owner) & (FN_CLASS_CTOR | FN_DERIVED)) != (FN_CLASS_CTOR | FN_DERIVED))
        compile_error(r->c, n, "'super' keyword unexpected here");
    Var *ctor = use_hidden(r, "*ctor");
    n->u.call.callee->aux = ctor;
    /* only this class's own field initializer, never an enclosing class's */
    Var *init = ctor ? scope_find_local(ctor->scope, "*init", 5) : NULL;
    if (init) mark_use(r, init);
    n->aux = init;
    use_this(r, owner);
    res_list(r, &n->u.call.args, false);
}

static void res_expr(Resolver *r, Node *n) {
    if (!n) return;
    switch (n->kind) {
    case N_IDENT: res_ident(r, n); break;
    case N_CLASS: res_class(r, n); break;
    case N_NEW_TARGET: break;
    case N_YIELD:
    case N_AWAIT: res_expr(r, n->u.unary.expr); break;
    case N_SUPER: {
        FnInfo *owner = nearest_non_arrow(r->fi);
        int fl = owner_flags(owner);
        if (!(fl & (FN_CLASS_CTOR | FN_METHOD))) compile_error(r->c, n, "'super' keyword unexpected here");
        n->aux = use_hidden(r, (fl & FN_STATIC) ? "*ctor" : "*proto");
        use_this(r, owner);
        break;
    }
    case N_THIS: {
        FnInfo *owner = nearest_non_arrow(r->fi);
        owner->uses_this = true;
        n->aux = owner->this_var;
        if (owner->this_var) mark_use(r, owner->this_var);
        break;
    }
    case N_TEMPLATE: res_list(r, &n->u.tmpl.exprs, false); break;
    case N_ARRAY:
    case N_SEQUENCE: res_list(r, &n->u.list, false); break;
    case N_OBJECT: {
        /* methods' home object for super.x: a hidden "*proto" binding holding the object */
        bool methods = false;
        for (Node *p = n->u.list.head; p; p = p->next)
            methods |= p->kind == N_PROPERTY && p->u.prop.value && p->u.prop.value->kind == N_FUNCTION &&
                       (p->u.prop.value->u.func.flags & FN_METHOD);
        Scope *saved = r->scope;
        if (methods) {
            r->scope = scope_new(r->c, r->scope, r->fi, false);
            declare(r->c, r->scope, "*proto", 6, VK_CONST, n);
            n->aux = r->scope;
        }
        res_list(r, &n->u.list, false);
        r->scope = saved;
        break;
    }
    case N_PROPERTY:
        if (n->u.prop.computed) res_expr(r, n->u.prop.key);
        res_expr(r, n->u.prop.value);
        break;
    case N_FUNCTION: n->aux = res_function(r->c, r->fi, r->scope, n); break;
    case N_UNARY:
    case N_UPDATE:
    case N_SPREAD: res_expr(r, n->u.unary.expr); break;
    case N_BINARY:
    case N_LOGICAL:
    case N_ASSIGN:
        res_expr(r, n->u.binary.left);
        res_expr(r, n->u.binary.right);
        break;
    case N_COND:
        res_expr(r, n->u.cond.test);
        res_expr(r, n->u.cond.then);
        res_expr(r, n->u.cond.otherwise);
        break;
    case N_CALL:
    case N_NEW:
        if (n->u.call.callee->kind == N_SUPER && n->kind == N_CALL) {
            res_super_call(r, n);
            break;
        }
        res_expr(r, n->u.call.callee);
        res_list(r, &n->u.call.args, false);
        break;
    case N_MEMBER: res_expr(r, n->u.member.obj); break;
    case N_INDEX:
        res_expr(r, n->u.index.obj);
        res_expr(r, n->u.index.index);
        break;
    default: break;
    }
}

static Scope *push_block(Resolver *r) {
    Scope *s = scope_new(r->c, r->scope, r->fi, false);
    r->scope = s;
    return s;
}

static void res_stmt(Resolver *r, Node *n) {
    if (!n) return;
    Scope *saved = r->scope;
    switch (n->kind) {
    case N_VAR:
        for (Node *d = n->u.var.decls.head; d; d = d->next) {
            res_expr(r, d->u.decl.init);
            res_expr(r, d->u.decl.name);
        }
        break;
    case N_EXPR_STMT:
    case N_RETURN:
    case N_THROW: res_expr(r, n->u.unary.expr); break;
    case N_BLOCK:
        n->aux = push_block(r);
        declare_lexical(r->c, r->scope, &n->u.list);
        res_list(r, &n->u.list, true);
        break;
    case N_IF:
        res_expr(r, n->u.if_.test);
        res_stmt(r, n->u.if_.then);
        res_stmt(r, n->u.if_.otherwise);
        break;
    case N_FOR:
        if (n->u.for_.init && n->u.for_.init->kind == N_VAR && n->u.for_.init->u.var.kind != VAR_VAR) {
            n->aux = push_block(r);
            NodeList one = {n->u.for_.init, n->u.for_.init, 1};
            Node *next = n->u.for_.init->next;
            n->u.for_.init->next = NULL;
            declare_lexical(r->c, r->scope, &one);
            n->u.for_.init->next = next;
        }
        if (n->u.for_.init && n->u.for_.init->kind == N_VAR) res_stmt(r, n->u.for_.init);
        else res_expr(r, n->u.for_.init);
        res_expr(r, n->u.for_.test);
        res_expr(r, n->u.for_.update);
        res_stmt(r, n->u.for_.body);
        break;
    case N_FOR_IN:
    case N_FOR_OF: {
        Node *left = n->u.for_in.left;
        res_expr(r, n->u.for_in.right);
        if (left->kind == N_VAR) {
            if (left->u.var.kind != VAR_VAR) {
                n->aux = push_block(r);
                NodeList one = {left, left, 1};
                declare_lexical(r->c, r->scope, &one);
            }
            res_stmt(r, left);
        } else {
            res_expr(r, left);
        }
        res_stmt(r, n->u.for_in.body);
        break;
    }
    case N_WHILE:
    case N_DO_WHILE:
        res_expr(r, n->u.while_.test);
        res_stmt(r, n->u.while_.body);
        break;
    case N_WITH:
        res_expr(r, n->u.with.obj);
        res_stmt(r, n->u.with.body);
        break;
    case N_SWITCH:
        res_expr(r, n->u.switch_.disc);
        n->aux = push_block(r);
        for (Node *cs = n->u.switch_.cases.head; cs; cs = cs->next) declare_lexical(r->c, r->scope, &cs->u.case_.body);
        for (Node *cs = n->u.switch_.cases.head; cs; cs = cs->next) {
            res_expr(r, cs->u.case_.test);
            res_list(r, &cs->u.case_.body, true);
        }
        break;
    case N_LABELED: res_stmt(r, n->u.labeled.body); break;
    case N_TRY:
        res_stmt(r, n->u.try_.block);
        if (n->u.try_.handler) {
            Scope *cs = push_block(r);
            n->u.try_.handler->aux = NULL;
            if (n->u.try_.param) {
                declare_target(r->c, cs, n->u.try_.param, VK_CATCH);
                res_expr(r, n->u.try_.param);
            }
            n->aux = cs;
            res_stmt(r, n->u.try_.handler);
            r->scope = saved;
        }
        res_stmt(r, n->u.try_.finalizer);
        break;
    case N_FUNCTION: n->aux = res_function(r->c, r->fi, r->scope, n); break;
    case N_CLASS: res_class(r, n); break;
    default: break;
    }
    r->scope = saved;
}

/* ---------------------------------------------------------------- functions */

static FnInfo *res_function(Compiler *c, FnInfo *parent, Scope *outer, Node *fn) {
    FnInfo *fi = arena_alloc(c->arena, sizeof *fi);
    fi->parent = parent;
    fi->node = fn;
    fi->scope = scope_new(c, outer, fi, true);
    Resolver r = {c, fi, fi->scope};
    NodeList *body;
    if (fn->kind == N_PROGRAM) {
        fi->is_program = true;
        fi->strict = fn->u.program.strict;
        body = &fn->u.program.body;
        fi->this_var = declare(c, fi->scope, "this", 4, VK_THIS, fn);
        fi->this_var->reg = 1;
        if (c->mode == COMPILE_MODULE) {
            static const char *const params[] = {"exports", "require", "module", "__filename", "__dirname"};
            for (int i = 0; i < 5; i++) {
                Var *v = declare(c, fi->scope, params[i], (uint32_t)strlen(params[i]), VK_PARAM, fn);
                v->reg = 2 + i;
            }
            fi->nparams = 5;
        }
    } else {
        int flags = fn->u.func.flags;
        fi->is_arrow = flags & FN_ARROW;
        fi->strict = flags & FN_STRICT;
        fi->has_rest = flags & FN_HAS_REST;
        body = &fn->u.func.body;
        if (!fi->is_arrow) {
            fi->this_var = declare(c, fi->scope, "this", 4, VK_THIS, fn);
            fi->this_var->reg = 1;
        }
        int i = 0;
        for (Node *p = fn->u.func.params.head; p; p = p->next, i++) {
            Node *id = p->kind == N_DECLARATOR ? p->u.decl.name : p;
            if (id->kind != N_IDENT) {
                /* a destructured parameter: its slot is a hidden parameter (Node.aux of the
                 * declarator), the names it binds are function-scope variables */
                char *hidden = arena_alloc(c->arena, 16);
                int len = snprintf(hidden, 16, "*p%d", i);
                Var *v = declare(c, fi->scope, hidden, (uint32_t)len, VK_PARAM, id);
                v->reg = 2 + i;
                p->aux = v;
                declare_target(c, fi->scope, id, VK_VAR);
                continue;
            }
            Var *v = declare(c, fi->scope, id->u.ident.name, id->u.ident.len, VK_PARAM, id);
            v->reg = 2 + i;
        }
        fi->nparams = i - (fi->has_rest ? 1 : 0);
        /* A named function expression sees its own name (unless a parameter or var shadows it). */
        Node *name = fn->u.func.name;
        if (name && !(flags & FN_DECL) && !scope_find_local(fi->scope, name->u.ident.name, name->u.ident.len)) {
            fi->callee_var = declare(c, fi->scope, name->u.ident.name, name->u.ident.len, VK_CALLEE, name);
            fi->callee_var->reg = 0;
        }
    }
    hoist_list(c, fi, body, true);
    declare_lexical(c, fi->scope, body);
    /* A generator keeps its generator object in a register (the frame is saved with it). */
    if (fn->kind == N_FUNCTION && (fn->u.func.flags & (FN_GENERATOR | FN_ASYNC)))
        fi->gen_var = declare(c, fi->scope, "*gen", 4, VK_VAR, fn);
    /* A base class constructor runs the instance-field initializer on entry. */
    if (fn->kind == N_FUNCTION && (fn->u.func.flags & (FN_CLASS_CTOR | FN_DERIVED)) == FN_CLASS_CTOR) {
        Var *init = scope_find_local(outer, "*init", 5);
        if (init) {
            init->captured = true;
            fi->init_var = init;
            fi->uses_this = true;
        }
    }
    if (fn->kind == N_FUNCTION) {
        /* default values see the parameters */
        for (Node *p = fn->u.func.params.head; p; p = p->next) {
            if (p->kind == N_DECLARATOR) res_expr(&r, p->u.decl.init);
            if (p->kind == N_DECLARATOR) res_expr(&r, p->u.decl.name);
            else res_ident(&r, p);
        }
        if (fn->u.func.flags & FN_EXPR_BODY) res_expr(&r, fn->u.func.expr_body);
    }
    res_list(&r, body, true);
    /* Script top level: var and function declarations are global properties. */
    if (fi->is_program && c->mode == COMPILE_SCRIPT) {
        for (int i = 0; i < fi->scope->nvars; i++) {
            Var *v = fi->scope->vars[i];
            if (v->kind == VK_VAR || v->kind == VK_FUNC) v->global = true;
        }
    }
    return fi;
}

/* Locations, decided when code generation enters the scope (all captures are known by
 * then): captured variables get a slot in the scope's context; the others a register.
 * Parameters, this, the callee and arguments keep their entry registers as well (copied
 * into the context at entry when captured). */
void scope_assign_locations(Scope *s, int *next_reg) {
    for (int i = 0; i < s->nvars; i++) {
        Var *v = s->vars[i];
        if (v->global || v->slot >= 0) continue;
        if (v->captured) {
            v->slot = s->ctx_slots++;
            s->has_ctx = true;
        }
        if (v->reg < 0 && !v->captured) v->reg = (*next_reg)++;
    }
}

void scope_resolve_program(Compiler *c, Node *program, FnInfo **out) {
    *out = res_function(c, NULL, NULL, program);
}
