/* scope_check.c: early errors needing a whole body: let/const/function redeclarations,
 * duplicate parameters, labels and break/continue targets. Walks statements only; nested
 * functions were checked when reduced, so each statement is visited once per parse, and the
 * recursion depth is bounded by the parser's stack cap (PARSE_MAX_STACK).
 */
#include <string.h>

#include "parser/parser_int.h"

enum { K_LEXICAL, K_FUNC_BLOCK, K_FUNC_TOP, K_PARAM, K_CATCH };

typedef struct Entry {
    const char *name;
    uint32_t len;
    uint32_t scope; /* 0 = empty slot */
    uint8_t kind;
    int line, col;
} Entry;

/* One open-addressing table for the whole parse, keyed by (scope id, name). Scope ids are
 * never reused, so nothing is ever removed. */
struct ScopeTable {
    Entry *slots;
    uint32_t cap, count;
    uint32_t next_id;
};

typedef struct Scope {
    uint32_t id;
    const struct Scope *parent;
    bool function; /* var declarations stop here */
} Scope;

typedef struct Label {
    const char *name;
    uint32_t len;
    bool loop;
    const struct Label *next;
} Label;

typedef struct Walk {
    ParseCtx *c;
    bool strict;
    const Label *labels;
    int loops, breakables;
} Walk;

static uint32_t hash(uint32_t scope, const char *name, uint32_t len) {
    uint32_t h = 2166136261u ^ scope * 0x9E3779B1u;
    for (uint32_t i = 0; i < len; i++) h = (h ^ (uint8_t)name[i]) * 16777619u;
    return h;
}

static ScopeTable *table(ParseCtx *c) {
    if (!c->scopes) {
        c->scopes = arena_alloc(c->arena, sizeof(ScopeTable));
        c->scopes->cap = 256;
        c->scopes->slots = arena_alloc(c->arena, 256 * sizeof(Entry));
        c->scopes->next_id = 1;
    }
    return c->scopes;
}

static Entry *find_slot(ScopeTable *t, uint32_t scope, const char *name, uint32_t len) {
    uint32_t i = hash(scope, name, len) & (t->cap - 1);
    for (;;) {
        Entry *e = &t->slots[i];
        if (!e->scope || (e->scope == scope && e->len == len && memcmp(e->name, name, len) == 0))
            return e;
        i = (i + 1) & (t->cap - 1);
    }
}

static void grow(ParseCtx *c, ScopeTable *t) {
    Entry *old = t->slots;
    uint32_t old_cap = t->cap;
    t->cap *= 2;
    t->slots = arena_alloc(c->arena, t->cap * sizeof(Entry));
    for (uint32_t i = 0; i < old_cap; i++)
        if (old[i].scope) *find_slot(t, old[i].scope, old[i].name, old[i].len) = old[i];
}

static Scope new_scope(ParseCtx *c, const Scope *parent, bool function) {
    Scope s = {.id = table(c)->next_id++, .parent = parent, .function = function};
    return s;
}

static bool before(int l1, int c1, int l2, int c2) { return l1 < l2 || (l1 == l2 && c1 < c2); }

/* `at` is the declaring node: the name, or the `function` keyword of a declaration. */
static void redeclared(Walk *w, const Entry *e, const Node *id, const Node *at) {
    /* Report at whichever declaration comes second in the source, as V8 does. */
    int line = at->line, col = at->col;
    if (before(line, col, e->line, e->col)) {
        line = e->line;
        col = e->col;
    }
    parse_error_at(w->c, line, col, "Identifier '%.*s' has already been declared", (int)id->u.ident.len,
                   id->u.ident.name);
}

/* Declare a lexically scoped name (or parameter / function) in scope s. */
static void declare(Walk *w, const Scope *s, const Node *id, const Node *at, int kind) {
    ScopeTable *t = table(w->c);
    if ((t->count + 1) * 2 > t->cap) grow(w->c, t);
    Entry *e = find_slot(t, s->id, id->u.ident.name, id->u.ident.len);
    if (!e->scope) {
        *e = (Entry){.name = id->u.ident.name, .len = id->u.ident.len, .scope = s->id,
                     .kind = (uint8_t)kind, .line = at->line, .col = at->col};
        t->count++;
        return;
    }
    int old = e->kind;
    if (old == K_FUNC_TOP && kind == K_FUNC_TOP) return;
    if (old == K_PARAM && kind == K_FUNC_TOP) return;
    if (old == K_FUNC_BLOCK && kind == K_FUNC_BLOCK && !w->strict) return; /* Annex B */
    if (old == K_CATCH && kind == K_FUNC_BLOCK) return;
    redeclared(w, e, id, at);
}

/* var x: clashes with a lexical declaration of x in any scope up to the function's. */
static void check_var(Walk *w, const Scope *s, const Node *id) {
    ScopeTable *t = table(w->c);
    for (; s; s = s->parent) {
        Entry *e = find_slot(t, s->id, id->u.ident.name, id->u.ident.len);
        if (e->scope && (e->kind == K_LEXICAL || e->kind == K_FUNC_BLOCK)) {
            redeclared(w, e, id, id);
            return;
        }
        if (s->function) return;
    }
}

static const Node *unlabel(const Node *s) {
    while (s && s->kind == N_LABELED) s = s->u.labeled.body;
    return s;
}

static bool is_fn_decl(const Node *s) {
    return s && s->kind == N_FUNCTION && (s->u.func.flags & FN_DECL);
}

static void declare_target(Walk *w, const Scope *s, const Node *target, int kind);

/* Lexical declarations of a statement list belong to its scope from the start of the list. */
static void predeclare(Walk *w, const Scope *s, const NodeList *list, bool top) {
    for (const Node *st = list->head; st && !w->c->failed; st = st->next) {
        const Node *u = unlabel(st);
        if (u->kind == N_VAR && u->u.var.kind != VAR_VAR) {
            for (const Node *d = u->u.var.decls.head; d; d = d->next)
                declare_target(w, s, d->u.decl.name, K_LEXICAL);
        } else if (u->kind == N_CLASS && u->u.class_.is_decl) {
            declare(w, s, u->u.class_.name, u->u.class_.name, K_LEXICAL);
        } else if (is_fn_decl(u)) {
            declare(w, s, u->u.func.name, u, top ? K_FUNC_TOP : K_FUNC_BLOCK);
        }
    }
}

static void walk_stmt(Walk *w, const Scope *s, const Node *st);

/* Each name a declaration target binds (an identifier or a destructuring pattern). */
typedef struct Binder {
    Walk *w;
    const Scope *s;
    int kind; /* K_*, or -1: a var (checked against lexical declarations) */
} Binder;

static void bind_one(const Node *id, void *ud) {
    Binder *b = ud;
    if (b->w->c->failed) return;
    if (b->kind < 0) check_var(b->w, b->s, id);
    else declare(b->w, b->s, id, id, b->kind);
}

static void declare_target(Walk *w, const Scope *s, const Node *target, int kind) {
    ast_bound_names(target, bind_one, &(Binder){w, s, kind});
}

static void walk_list(Walk *w, const Scope *s, const NodeList *list) {
    for (const Node *st = list->head; st && !w->c->failed; st = st->next) walk_stmt(w, s, st);
}

static void misplaced_function(Walk *w, const Node *fn) {
    parse_error_at(w->c, fn->line, fn->col, "%s",
                   w->strict ? "In strict mode code, functions can only be declared at top "
                               "level or inside a block."
                             : "In non-strict mode code, functions can only be declared at top "
                               "level, inside a block, or as the body of an if statement.");
}

/* Body of an if, loop or with: a function declaration may stand there alone only as the
 * unlabelled body of an if in sloppy code (Annex B). */
static void walk_sub(Walk *w, const Scope *s, const Node *body, bool is_if_body) {
    const Node *u = unlabel(body);
    if (is_fn_decl(u) && (w->strict || !is_if_body || u != body)) {
        misplaced_function(w, u);
        return;
    }
    walk_stmt(w, s, body);
}

static void walk_loop(Walk *w, const Scope *s, const Node *body) {
    w->loops++;
    w->breakables++;
    walk_sub(w, s, body, false);
    w->loops--;
    w->breakables--;
}

static void walk_var(Walk *w, const Scope *s, const Node *v) {
    if (v->u.var.kind == VAR_VAR) {
        for (const Node *d = v->u.var.decls.head; d && !w->c->failed; d = d->next)
            declare_target(w, s, d->u.decl.name, -1);
    } else {
        for (const Node *d = v->u.var.decls.head; d && !w->c->failed; d = d->next)
            declare_target(w, s, d->u.decl.name, K_LEXICAL);
    }
}

static const Label *find_label(const Walk *w, const char *name, uint32_t len) {
    for (const Label *l = w->labels; l; l = l->next)
        if (l->len == len && memcmp(l->name, name, len) == 0) return l;
    return NULL;
}

static void walk_jump(Walk *w, const Node *st) {
    bool is_break = st->kind == N_BREAK;
    if (st->u.jump.label) {
        const Label *l = find_label(w, st->u.jump.label, st->u.jump.len);
        if (!l)
            parse_error_at(w->c, st->u.jump.label_line, st->u.jump.label_col,
                           "Undefined label '%.*s'", (int)st->u.jump.len, st->u.jump.label);
        else if (!is_break && !l->loop)
            parse_error_at(w->c, st->u.jump.label_line, st->u.jump.label_col,
                           "Illegal continue statement: '%.*s' does not denote an iteration "
                           "statement",
                           (int)st->u.jump.len, st->u.jump.label);
    } else if (is_break && !w->breakables) {
        parse_error_at(w->c, st->line, st->col, "Illegal break statement");
    } else if (!is_break && !w->loops) {
        parse_error_at(w->c, st->line, st->col,
                       "Illegal continue statement: no surrounding iteration statement");
    }
}

static void walk_stmt(Walk *w, const Scope *s, const Node *st) {
    switch (st->kind) {
    case N_VAR:
        if (st->u.var.kind == VAR_VAR) walk_var(w, s, st);
        break; /* let/const were predeclared with their list */
    case N_BLOCK: {
        Scope b = new_scope(w->c, s, false);
        predeclare(w, &b, &st->u.list, false);
        walk_list(w, &b, &st->u.list);
        break;
    }
    case N_IF:
        walk_sub(w, s, st->u.if_.then, true);
        if (st->u.if_.otherwise) walk_sub(w, s, st->u.if_.otherwise, true);
        break;
    case N_FOR: {
        Scope f = new_scope(w->c, s, false);
        if (st->u.for_.init && st->u.for_.init->kind == N_VAR) walk_var(w, &f, st->u.for_.init);
        walk_loop(w, &f, st->u.for_.body);
        break;
    }
    case N_FOR_IN:
    case N_FOR_OF: {
        Scope f = new_scope(w->c, s, false);
        if (st->u.for_in.left->kind == N_VAR) walk_var(w, &f, st->u.for_in.left);
        walk_loop(w, &f, st->u.for_in.body);
        break;
    }
    case N_WHILE:
    case N_DO_WHILE:
        walk_loop(w, s, st->u.while_.body);
        break;
    case N_WITH:
        walk_sub(w, s, st->u.with.body, false);
        break;
    case N_SWITCH: {
        Scope b = new_scope(w->c, s, false);
        for (const Node *k = st->u.switch_.cases.head; k; k = k->next)
            predeclare(w, &b, &k->u.case_.body, false);
        w->breakables++;
        for (const Node *k = st->u.switch_.cases.head; k && !w->c->failed; k = k->next)
            walk_list(w, &b, &k->u.case_.body);
        w->breakables--;
        break;
    }
    case N_TRY:
        walk_stmt(w, s, st->u.try_.block);
        if (st->u.try_.handler) {
            /* The catch parameter and the handler block's own declarations share one scope,
             * so `catch (e) { let e; }` is a redeclaration while `var e` is allowed. */
            Scope h = new_scope(w->c, s, false);
            if (st->u.try_.param) declare_target(w, &h, st->u.try_.param, K_CATCH);
            predeclare(w, &h, &st->u.try_.handler->u.list, false);
            walk_list(w, &h, &st->u.try_.handler->u.list);
        }
        if (st->u.try_.finalizer) walk_stmt(w, s, st->u.try_.finalizer);
        break;
    case N_LABELED: {
        if (find_label(w, st->u.labeled.label, st->u.labeled.len)) {
            parse_error_at(w->c, st->line, st->col, "Label '%.*s' has already been declared",
                           (int)st->u.labeled.len, st->u.labeled.label);
            return;
        }
        const Node *body = unlabel(st->u.labeled.body);
        Label l = {.name = st->u.labeled.label, .len = st->u.labeled.len, .next = w->labels,
                   .loop = body->kind == N_FOR || body->kind == N_FOR_IN ||
                           body->kind == N_FOR_OF || body->kind == N_WHILE ||
                           body->kind == N_DO_WHILE};
        w->labels = &l;
        /* A labelled function declaration is sloppy-only; walk_sub already refused it when
         * the label itself stands where only a statement may. */
        const Node *inner = st->u.labeled.body;
        if (is_fn_decl(inner)) {
            if (w->strict) misplaced_function(w, inner);
        } else {
            walk_stmt(w, s, inner);
        }
        w->labels = l.next;
        break;
    }
    case N_BREAK:
    case N_CONTINUE:
        walk_jump(w, st);
        break;
    default:
        break;
    }
}

typedef struct ParamAdd {
    ParseCtx *c;
    const Scope *fs;
    bool dup_is_error;
} ParamAdd;

static void add_param(const Node *id, void *ud) {
    ParamAdd *pa = ud;
    ParseCtx *c = pa->c;
    ScopeTable *t = table(c);
    if (c->failed) return;
    if ((t->count + 1) * 2 > t->cap) grow(c, t);
    Entry *e = find_slot(t, pa->fs->id, id->u.ident.name, id->u.ident.len);
    if (e->scope) {
        if (pa->dup_is_error)
            parse_error_at(c, id->line, id->col, "Duplicate parameter name not allowed in this context");
        return;
    }
    *e = (Entry){.name = id->u.ident.name, .len = id->u.ident.len, .scope = pa->fs->id,
                 .kind = K_PARAM, .line = id->line, .col = id->col};
    t->count++;
}

void parse_check_body(ParseCtx *c, const NodeList *params, const NodeList *body, bool strict,
                      bool dup_params_error) {
    if (c->failed) return;
    Walk w = {.c = c, .strict = strict};
    Scope fs = new_scope(c, NULL, true);
    if (params) {
        ParamAdd pa = {c, &fs, dup_params_error};
        for (const Node *p = params->head; p && !c->failed; p = p->next)
            ast_bound_names(p->kind == N_DECLARATOR ? p->u.decl.name : p, add_param, &pa);
    }
    if (!body) return;
    predeclare(&w, &fs, body, true);
    walk_list(&w, &fs, body);
}
