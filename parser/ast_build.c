/* ast_build.c: node constructors called from the grammar actions, with the early errors
 * that need a node's shape (assignment targets, arrow parameters, `??` mixing, ...).
 * Every node is zeroed arena memory; helpers never return NULL, even after an error.
 */
#include <string.h>

#include "grammar.h"
#include "parser/parser_int.h"

Node *parse_node(ParseCtx *c, NodeKind kind, int line, int col, uint32_t start) {
    Node *n = arena_alloc(c->arena, sizeof(Node));
    n->kind = kind;
    n->line = line;
    n->col = col;
    n->start = start;
    n->depth = 1;
    if (kind != N_ASSIGN && kind != N_SEQUENCE) c->last_node = n;
    return n;
}

/* Expression height: 1 + the highest child. Capped so that consumers recursing over an
 * expression (compiler, printers) stay within a bounded stack, whatever the source. */
static void deepen(ParseCtx *c, Node *n, const Node *child) {
    unsigned d = child ? child->depth + 1u : 1u;
    if (d <= n->depth) return;
    if (d > PARSE_MAX_EXPR_DEPTH) {
        parse_error_at(c, n->line, n->col, "Maximum nesting depth exceeded");
        d = PARSE_MAX_EXPR_DEPTH;
    }
    n->depth = (uint16_t)d;
}

static void deepen_list(ParseCtx *c, Node *n, const NodeList *l) {
    for (const Node *x = l->head; x; x = x->next) deepen(c, n, x);
}

Node *parse_node_tok(ParseCtx *c, NodeKind kind, const Token *t) {
    return parse_node(c, kind, t->line, t->col, t->start);
}

void parse_list_push(NodeList *l, Node *n) {
    n->next = NULL;
    if (l->tail) l->tail->next = n;
    else l->head = n;
    l->tail = n;
    l->count++;
}

NodeList parse_list1(Node *n) {
    NodeList l = {0};
    parse_list_push(&l, n);
    return l;
}

static bool name_is(const char *name, uint32_t len, const char *s) {
    return len == strlen(s) && memcmp(name, s, len) == 0;
}

static bool is_eval_or_arguments(const Node *n) {
    return n->kind == N_IDENT && (name_is(n->u.ident.name, n->u.ident.len, "eval") ||
                                  name_is(n->u.ident.name, n->u.ident.len, "arguments"));
}

/* Identifier, member or index expression (parenthesised or not): what may be assigned.
 * Not an optional chain. */
static bool is_simple_target(const Node *n) {
    if (n->kind == N_MEMBER || n->kind == N_INDEX || n->kind == N_CALL) {
        for (const Node *x = n; x && !(x->nflags & NF_PAREN && x != n);) {
            if (x->nflags & NF_OPTIONAL) return false;
            x = x->kind == N_MEMBER ? x->u.member.obj : x->kind == N_INDEX ? x->u.index.obj
                : x->kind == N_CALL ? x->u.call.callee : NULL;
        }
    }
    return n->kind == N_IDENT || n->kind == N_MEMBER || n->kind == N_INDEX;
}

Node *parse_optional(ParseCtx *c, Node *link) {
    link->nflags |= NF_OPTIONAL;
    return link;
}

static void check_strict_binding(ParseCtx *c, const Node *id, bool strict) {
    if (!strict) return;
    if (is_eval_or_arguments(id))
        parse_error_at(c, id->line, id->col, "Unexpected eval or arguments in strict mode");
    else if (parse_is_strict_reserved(id->u.ident.name, id->u.ident.len))
        parse_error_at(c, id->line, id->col, "Unexpected strict mode reserved word");
}

/* ------------------------------------------------------------------ literals */

Node *parse_ident(ParseCtx *c, const Token *t) {
    Node *n = parse_node_tok(c, N_IDENT, t);
    n->u.ident.name = t->v.ident.name;
    n->u.ident.len = t->v.ident.len;
    return n;
}

static Node *string_node(ParseCtx *c, const Token *t) {
    Node *n = parse_node_tok(c, N_STRING, t);
    n->u.str.chars = t->v.str.chars;
    n->u.str.len = t->v.str.len;
    return n;
}

Node *parse_literal(ParseCtx *c, const Token *t) {
    Node *n;
    switch (t->type) {
    case TK_THIS: return parse_node_tok(c, N_THIS, t);
    case TK_NULL: return parse_node_tok(c, N_NULL, t);
    case TK_TRUE: return parse_node_tok(c, N_TRUE, t);
    case TK_FALSE: return parse_node_tok(c, N_FALSE, t);
    case TK_NUMBER:
        n = parse_node_tok(c, N_NUMBER, t);
        n->u.num = t->v.num;
        return n;
    case TK_REGEXP:
        n = parse_node_tok(c, N_REGEXP, t);
        n->u.regexp.pattern = t->v.regexp.pattern;
        n->u.regexp.pattern_len = t->v.regexp.pattern_len;
        n->u.regexp.flags = t->v.regexp.flags;
        return n;
    case TK_TEMPLATE: /* no substitutions: one quasi, no expressions */
        n = parse_node_tok(c, N_TEMPLATE, t);
        parse_list_push(&n->u.tmpl.quasis, string_node(c, t));
        return n;
    default: /* TK_STRING and template chunks */
        return string_node(c, t);
    }
}

Node *parse_template(ParseCtx *c, const Token *head, TmplParts *parts, const Token *tail) {
    Node *n = parse_node_tok(c, N_TEMPLATE, head);
    Node *h = string_node(c, head);
    parse_list_push(&n->u.tmpl.quasis, h);
    for (Node *q = parts->quasis.head, *next; q; q = next) {
        next = q->next;
        parse_list_push(&n->u.tmpl.quasis, q);
    }
    parse_list_push(&n->u.tmpl.quasis, string_node(c, tail));
    n->u.tmpl.exprs = parts->exprs;
    deepen_list(c, n, &n->u.tmpl.exprs);
    return n;
}

Node *parse_paren(ParseCtx *c, const Token *lp, Node *e) {
    e->nflags |= (e->nflags & NF_PAREN) ? NF_PAREN2 : NF_PAREN;
    e->start = lp->start;
    return e;
}

void parse_holes(ParseCtx *c, NodeList *l, int n, const Token *at) {
    for (int i = 0; i < n; i++) {
        Node *h = at ? parse_node_tok(c, N_HOLE, at) : parse_node(c, N_HOLE, 0, 0, 0);
        parse_list_push(l, h);
    }
}

Node *parse_array(ParseCtx *c, const Token *lb, NodeList *elems, int trailing_holes) {
    Node *n = parse_node_tok(c, N_ARRAY, lb);
    n->u.list = *elems;
    parse_holes(c, &n->u.list, trailing_holes, lb);
    deepen_list(c, n, &n->u.list);
    return n;
}

Node *parse_spread(ParseCtx *c, const Token *t, Node *e) {
    Node *n = parse_node_tok(c, N_SPREAD, t);
    n->u.unary.expr = e;
    deepen(c, n, e);
    return n;
}

/* ------------------------------------------------------------------ object literals */

static bool key_is_proto(const Node *k) {
    static const char proto[] = "__proto__";
    if (k->kind == N_IDENT) return name_is(k->u.ident.name, k->u.ident.len, proto);
    if (k->kind != N_STRING || k->u.str.len != 9) return false;
    for (int i = 0; i < 9; i++)
        if (k->u.str.chars[i] != (uint16_t)proto[i]) return false;
    return true;
}

Node *parse_object(ParseCtx *c, const Token *lb, NodeList *props) {
    Node *n = parse_node_tok(c, N_OBJECT, lb);
    n->u.list = *props;
    deepen_list(c, n, props);
    bool seen_proto = false;
    for (Node *p = props->head; p; p = p->next) {
        if (p->kind != N_PROPERTY || p->u.prop.kind != PROP_INIT || p->u.prop.computed || p->u.prop.shorthand ||
            (p->u.prop.value->kind == N_FUNCTION && (p->u.prop.value->u.func.flags & FN_METHOD)))
            continue;
        if (!key_is_proto(p->u.prop.key)) continue;
        if (seen_proto) {
            parse_error_at(c, p->line, p->col,
                           "Duplicate __proto__ fields are not allowed in object literals");
            break;
        }
        seen_proto = true;
    }
    return n;
}

PropKey parse_prop_key(ParseCtx *c, const Token *t, Node *computed) {
    PropKey k = {.line = t->line, .col = t->col, .start = t->start};
    if (computed) {
        k.key = computed;
        k.computed = true;
    } else if (t->type == TK_STRING || t->type == TK_NUMBER) {
        k.key = parse_literal(c, t);
    } else {
        k.key = parse_ident(c, t); /* IDENT or a keyword used as a name */
    }
    return k;
}

Node *parse_prop(ParseCtx *c, PropKey *k, Node *value, PropKind kind, bool shorthand) {
    Node *n = parse_node(c, N_PROPERTY, k->line, k->col, k->start);
    n->u.prop.key = k->key;
    n->u.prop.value = value;
    n->u.prop.kind = kind;
    n->u.prop.computed = k->computed;
    n->u.prop.shorthand = shorthand;
    deepen(c, n, k->key);
    deepen(c, n, value);
    return n;
}

/* ------------------------------------------------------------------ operators */

Node *parse_unary(ParseCtx *c, OpKind op, Node *e, const Token *t) {
    if (op == OP_DELETE && e->kind == N_IDENT && parse_strict(c))
        parse_error_at(c, e->line, e->col, "Delete of an unqualified identifier in strict mode.");
    Node *n = parse_node_tok(c, N_UNARY, t);
    n->u.unary.op = op;
    n->u.unary.expr = e;
    n->u.unary.prefix = true;
    deepen(c, n, e);
    return n;
}

Node *parse_update(ParseCtx *c, OpKind op, Node *e, bool prefix, const Token *t) {
    if (!is_simple_target(e))
        parse_error_node(c, e, prefix ? "Invalid left-hand side expression in prefix operation"
                                      : "Invalid left-hand side expression in postfix operation");
    else if (is_eval_or_arguments(e) && parse_strict(c))
        parse_error_at(c, e->line, e->col, "Unexpected eval or arguments in strict mode");
    Node *n = parse_node(c, N_UPDATE, t->line, t->col, prefix ? t->start : e->start);
    n->u.unary.op = op;
    n->u.unary.expr = e;
    n->u.unary.prefix = prefix;
    deepen(c, n, e);
    return n;
}

Node *parse_binary(ParseCtx *c, OpKind op, Node *l, Node *r, const Token *t) {
    if (op == OP_EXP && l->kind == N_UNARY && !(l->nflags & NF_PAREN))
        parse_error_node(c, l, "Unary operator used immediately before exponentiation "
                               "expression. Parenthesis must be used to disambiguate operator "
                               "precedence");
    Node *n = parse_node(c, N_BINARY, t->line, t->col, l->start);
    n->u.binary.op = op;
    n->u.binary.left = l;
    n->u.binary.right = r;
    deepen(c, n, l);
    deepen(c, n, r);
    return n;
}

static bool is_bare_logical(const Node *n, OpKind a, OpKind b) {
    return n->kind == N_LOGICAL && !(n->nflags & NF_PAREN) &&
           (n->u.binary.op == a || n->u.binary.op == b);
}

Node *parse_logical(ParseCtx *c, OpKind op, Node *l, Node *r, const Token *t) {
    /* `??` may not mix with && or || without parentheses. `??` shares ||'s precedence, so
     * the offending operator is this one or the tighter && on the right. */
    if (op == OP_NULLISH) {
        if (is_bare_logical(l, OP_AND, OP_OR))
            parse_error_at(c, t->line, t->col, "Unexpected token '?\?'");
        else if (is_bare_logical(r, OP_AND, OP_OR))
            parse_error_at(c, r->line, r->col, "Unexpected token '%s'",
                           r->u.binary.op == OP_AND ? "&&" : "||");
    } else if (is_bare_logical(l, OP_NULLISH, OP_NULLISH) ||
               is_bare_logical(r, OP_NULLISH, OP_NULLISH)) {
        parse_error_at(c, t->line, t->col, "Unexpected token '%s'", op == OP_AND ? "&&" : "||");
    }
    Node *n = parse_node(c, N_LOGICAL, t->line, t->col, l->start);
    n->u.binary.op = op;
    n->u.binary.left = l;
    n->u.binary.right = r;
    deepen(c, n, l);
    deepen(c, n, r);
    return n;
}

AssignLhs parse_assign_lhs(ParseCtx *c, Node *target, const Token *op) {
    if ((target->kind == N_ARRAY || target->kind == N_OBJECT) && !(target->nflags & NF_PAREN) &&
        op->type == TK_ASSIGN)
        parse_to_pattern(c, target, false);
    else if (!is_simple_target(target))
        parse_error_node(c, target, "Invalid left-hand side in assignment");
    else if (is_eval_or_arguments(target) && parse_strict(c))
        parse_error_at(c, target->line, target->col, "Unexpected eval or arguments in strict mode");
    AssignLhs a = {.target = target, .op = *op};
    return a;
}

Node *parse_assign(ParseCtx *c, AssignLhs *lhs, Node *r) {
    const Token *t = &lhs->op;
    Node *n = parse_node(c, N_ASSIGN, t->line, t->col, lhs->target->start);
    n->u.binary.op = t->type == TK_ASSIGN ? OP_ASSIGN : (OpKind)t->op;
    n->u.binary.left = lhs->target;
    n->u.binary.right = r;
    deepen(c, n, lhs->target);
    deepen(c, n, r);
    return n;
}

Node *parse_cond(ParseCtx *c, Node *test, Node *a, Node *b, const Token *q) {
    Node *n = parse_node(c, N_COND, q->line, q->col, test->start);
    n->u.cond.test = test;
    n->u.cond.then = a;
    n->u.cond.otherwise = b;
    deepen(c, n, test);
    deepen(c, n, a);
    deepen(c, n, b);
    return n;
}

Node *parse_sequence(ParseCtx *c, Node *l, Node *r) {
    if (l->kind == N_SEQUENCE && !(l->nflags & NF_PAREN)) {
        parse_list_push(&l->u.list, r);
        deepen(c, l, r);
        return l;
    }
    Node *n = parse_node(c, N_SEQUENCE, l->line, l->col, l->start);
    parse_list_push(&n->u.list, l);
    parse_list_push(&n->u.list, r);
    deepen(c, n, l);
    deepen(c, n, r);
    return n;
}

Node *parse_member(ParseCtx *c, Node *obj, const Token *name) {
    Node *n = parse_node(c, N_MEMBER, name->line, name->col, obj->start);
    n->u.member.obj = obj;
    n->u.member.name = name->v.ident.name;
    n->u.member.len = name->v.ident.len;
    deepen(c, n, obj);
    return n;
}

Node *parse_index(ParseCtx *c, Node *obj, Node *index, const Token *lb) {
    Node *n = parse_node(c, N_INDEX, lb->line, lb->col, obj->start);
    n->u.index.obj = obj;
    n->u.index.index = index;
    deepen(c, n, obj);
    deepen(c, n, index);
    return n;
}

Node *parse_call(ParseCtx *c, Node *callee, NodeList *args) {
    Node *n = parse_node(c, N_CALL, callee->line, callee->col, callee->start);
    n->u.call.callee = callee;
    n->u.call.args = *args;
    deepen(c, n, callee);
    deepen_list(c, n, args);
    return n;
}

Node *parse_new(ParseCtx *c, const Token *t, Node *callee, NodeList *args) {
    Node *n = parse_node_tok(c, N_NEW, t);
    n->u.call.callee = callee;
    if (args) n->u.call.args = *args;
    deepen(c, n, callee);
    if (args) deepen_list(c, n, args);
    return n;
}

/* The raw text of the template chunk whose opening delimiter (` or }) is at src[at]: up to
 * the closing ` or ${, CR and CRLF read as LF, as UTF-16. */
static Node *raw_chunk(ParseCtx *c, const Node *q) {
    const unsigned char *s = (const unsigned char *)c->src;
    uint32_t i = q->start + 1, end = i;
    while (s[end] && s[end] != '`' && !(s[end] == '$' && s[end + 1] == '{'))
        end += s[end] == '\\' && s[end + 1] ? 2 : 1;
    uint16_t *out = arena_alloc(c->arena, sizeof(uint16_t) * (end - i + 1));
    uint32_t n = 0;
    while (i < end) {
        uint32_t cp = s[i], len = 1;
        if (cp >= 0xF0) cp &= 0x07, len = 4;
        else if (cp >= 0xE0) cp &= 0x0F, len = 3;
        else if (cp >= 0xC0) cp &= 0x1F, len = 2;
        for (uint32_t k = 1; k < len && i + k < end; k++) cp = cp << 6 | (s[i + k] & 0x3F);
        i += len;
        if (cp == '\r') {
            cp = '\n';
            if (i < end && s[i] == '\n') i++;
        }
        if (cp >= 0x10000) {
            out[n++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            out[n++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            out[n++] = (uint16_t)cp;
        }
    }
    Node *r = parse_node(c, N_STRING, q->line, q->col, q->start);
    r->u.str.chars = out;
    r->u.str.len = n;
    return r;
}

Node *parse_tagged_template(ParseCtx *c, Node *tag, Node *tmpl) {
    tmpl->u.tmpl.tagged = true;
    for (Node *q = tmpl->u.tmpl.quasis.head; q; q = q->next) parse_list_push(&tmpl->u.tmpl.raws, raw_chunk(c, q));
    NodeList args = parse_list1(tmpl);
    for (Node *e = tmpl->u.tmpl.exprs.head, *next; e; e = next) {
        next = e->next;
        parse_list_push(&args, e);
    }
    memset(&tmpl->u.tmpl.exprs, 0, sizeof tmpl->u.tmpl.exprs); /* now the call's arguments */
    return parse_call(c, tag, &args);
}

/* ------------------------------------------------------------------ functions */

ParamList parse_params(ParseCtx *c, NodeList *list, const Token *rest) {
    ParamList p = {.simple = true};
    if (list) p.list = *list;
    for (Node *n = p.list.head; n; n = n->next)
        if (n->kind != N_IDENT) p.simple = false;
    if (rest) {
        parse_list_push(&p.list, parse_ident(c, rest));
        p.flags |= FN_HAS_REST;
        p.simple = false;
    }
    return p;
}

Node *parse_param(ParseCtx *c, const Token *name, Node *init) {
    Node *id = parse_ident(c, name);
    if (!init) return id;
    Node *d = parse_node_tok(c, N_DECLARATOR, name);
    d->u.decl.name = id;
    d->u.decl.init = init;
    return d;
}

FnBody parse_fbody(ParseCtx *c, NodeList *items, const Token *rbrace) {
    FnBody b = {.body = *items, .end = rbrace->end, .flags = rbrace->flags};
    return b;
}

static const Node *param_name(const Node *p) {
    return p->kind == N_DECLARATOR ? p->u.decl.name : p;
}

typedef struct StrictCheck {
    ParseCtx *c;
    bool strict;
} StrictCheck;

static void check_bound(const Node *id, void *ud) {
    StrictCheck *sc = ud;
    check_strict_binding(sc->c, id, sc->strict);
}

/* Early errors shared by every function form, then the scope/label checks of its body. */
static void finish_function(ParseCtx *c, Node *fn, bool simple, bool own_use_strict) {
    bool strict = (fn->u.func.flags & FN_STRICT) != 0;
    if (own_use_strict && !simple) {
        for (Node *s = fn->u.func.body.head; s; s = s->next) {
            if (s->kind != N_EXPR_STMT || s->u.unary.expr->kind != N_STRING) break;
            const Node *str = s->u.unary.expr;
            static const char us[] = "use strict";
            bool match = str->u.str.len == 10;
            for (uint32_t i = 0; match && i < 10; i++) match = str->u.str.chars[i] == (uint16_t)us[i];
            if (match) {
                parse_error_at(c, str->line, str->col,
                               "Illegal 'use strict' directive in function with non-simple "
                               "parameter list");
                return;
            }
        }
    }
    if (own_use_strict && fn->u.func.name) check_strict_binding(c, fn->u.func.name, true);
    for (Node *p = fn->u.func.params.head; p; p = p->next)
        ast_bound_names(param_name(p), check_bound, &(StrictCheck){c, strict});
    /* Duplicate parameters are an error wherever sloppy-mode leniency does not apply. */
    bool dup_is_error = strict || !simple || (fn->u.func.flags & (FN_ARROW | FN_METHOD));
    parse_check_body(c, &fn->u.func.params, &fn->u.func.body, strict, dup_is_error);
}

Node *parse_function(ParseCtx *c, const Token *kw, const Token *name, ParamList *params,
                     FnBody *body, int flags) {
    Node *fn = parse_node_tok(c, N_FUNCTION, kw);
    if (name) {
        fn->u.func.name = parse_ident(c, name);
        if (parse_strict(c)) check_strict_binding(c, fn->u.func.name, true);
    }
    fn->u.func.params = params->list;
    fn->u.func.body = body->body;
    fn->u.func.flags = flags | params->flags | ((body->flags & TF_STRICT) ? FN_STRICT : 0);
    fn->u.func.src_start = kw->start;
    fn->u.func.src_end = body->end;
    finish_function(c, fn, params->simple, (body->flags & TF_USE_STRICT) != 0);
    return fn;
}

Node *parse_method(ParseCtx *c, const Token *first, PropKey *k, PropKind kind, const Token *lp,
                   ParamList *params, FnBody *body) {
    if (kind == PROP_GET && params->list.count != 0)
        parse_error_at(c, lp->line, lp->col, "Getter must not have any formal parameters.");
    if (kind == PROP_SET) {
        if (params->flags & FN_HAS_REST)
            parse_error_at(c, lp->line, lp->col,
                           "Setter function argument must not be a rest parameter");
        else if (params->list.count != 1)
            parse_error_at(c, lp->line, lp->col, "Setter must have exactly one formal parameter.");
    }
    int line = first ? first->line : k->line, col = first ? first->col : k->col;
    uint32_t start = first ? first->start : k->start;
    Node *fn = parse_node(c, N_FUNCTION, line, col, start);
    fn->u.func.params = params->list;
    fn->u.func.body = body->body;
    fn->u.func.flags = FN_METHOD | params->flags | ((body->flags & TF_STRICT) ? FN_STRICT : 0) |
                       (kind == PROP_GET ? FN_GETTER : 0) | (kind == PROP_SET ? FN_SETTER : 0);
    fn->u.func.src_start = start;
    fn->u.func.src_end = body->end;
    finish_function(c, fn, params->simple, (body->flags & TF_USE_STRICT) != 0);
    Node *p = parse_prop(c, k, fn, kind, false);
    if (first) {
        p->line = line;
        p->col = col;
        p->start = start;
    }
    return p;
}

/* Turn one element of a parenthesised cover expression into a parameter. */
static Node *cover_to_param(ParseCtx *c, Node *e) {
    if (e->kind == N_IDENT && !(e->nflags & NF_PAREN)) return e;
    if ((e->kind == N_ARRAY || e->kind == N_OBJECT) && !(e->nflags & NF_PAREN))
        return parse_pattern_param(c, e, NULL);
    if (e->kind == N_ASSIGN && e->u.binary.op == OP_ASSIGN && !(e->nflags & NF_PAREN) &&
        (e->u.binary.left->nflags & NF_PATTERN))
        return parse_pattern_param(c, e->u.binary.left, e->u.binary.right);
    if (e->kind == N_ASSIGN && e->u.binary.op == OP_ASSIGN && !(e->nflags & NF_PAREN) &&
        e->u.binary.left->kind == N_IDENT && !(e->u.binary.left->nflags & NF_PAREN)) {
        Node *id = e->u.binary.left;
        Node *d = parse_node(c, N_DECLARATOR, id->line, id->col, id->start);
        d->u.decl.name = id;
        d->u.decl.init = e->u.binary.right;
        return d;
    }
    parse_error_node(c, e, "Invalid destructuring assignment target");
    return e;
}

ArrowHead parse_arrow_head(ParseCtx *c, const Token *lp, Node *e, const Token *rest) {
    ArrowHead h = {.line = lp->line, .col = lp->col, .start = lp->start};
    if (e) {
        if (e->kind == N_SEQUENCE && !(e->nflags & NF_PAREN)) {
            for (Node *x = e->u.list.head, *next; x; x = next) {
                next = x->next;
                parse_list_push(&h.params, cover_to_param(c, x));
            }
        } else {
            parse_list_push(&h.params, cover_to_param(c, e));
        }
    }
    if (rest) {
        parse_list_push(&h.params, parse_ident(c, rest));
        h.flags |= FN_HAS_REST;
    }
    return h;
}

ArrowHead parse_arrow_ident(ParseCtx *c, const Token *id) {
    ArrowHead h = {.line = id->line, .col = id->col, .start = id->start};
    parse_list_push(&h.params, parse_ident(c, id));
    return h;
}

Node *parse_arrow(ParseCtx *c, ArrowHead *h, ArrowBody *b) {
    Node *fn = parse_node(c, N_FUNCTION, h->line, h->col, h->start);
    bool simple = !(h->flags & FN_HAS_REST);
    for (Node *p = h->params.head; p; p = p->next)
        if (p->kind != N_IDENT) simple = false;
    fn->u.func.params = h->params;
    fn->u.func.flags = FN_ARROW | h->flags;
    fn->u.func.src_start = h->start;
    bool own_use_strict = false;
    if (b->expr) {
        fn->u.func.flags |= FN_EXPR_BODY | (parse_strict(c) ? FN_STRICT : 0);
        fn->u.func.expr_body = b->expr;
        fn->u.func.src_end = c->last_end; /* the body's last token precedes the lookahead */
    } else {
        fn->u.func.body = b->body.body;
        fn->u.func.flags |= (b->body.flags & TF_STRICT) ? FN_STRICT : 0;
        fn->u.func.src_end = b->body.end;
        own_use_strict = (b->body.flags & TF_USE_STRICT) != 0;
    }
    finish_function(c, fn, simple, own_use_strict);
    return fn;
}

/* ------------------------------------------------------------------ async */

Node *parse_make_async(ParseCtx *c, Node *n) {
    Node *fn = n->kind == N_PROPERTY ? n->u.prop.value : n;
    if (fn->u.func.flags & (FN_GETTER | FN_SETTER))
        parse_error_node(c, n, "Unexpected token");
    fn->u.func.flags |= FN_ASYNC;
    return n;
}

Node *parse_await(ParseCtx *c, const Token *kw, Node *e) {
    Node *n = parse_node_tok(c, N_AWAIT, kw);
    n->u.unary.expr = e;
    deepen(c, n, e);
    return n;
}

Node *parse_async_arrow(ParseCtx *c, Node *call, ArrowBody *body) {
    Node *callee = call->u.call.callee;
    if (call->kind != N_CALL || (call->nflags & NF_PAREN) || callee->kind != N_IDENT ||
        (callee->nflags & NF_PAREN) || callee->u.ident.len != 5 || memcmp(callee->u.ident.name, "async", 5) != 0) {
        parse_error_node(c, call, "Malformed arrow function parameter list");
        return call;
    }
    ArrowHead h = {.line = callee->line, .col = callee->col, .start = callee->start};
    for (Node *a = call->u.call.args.head, *next; a; a = next) {
        next = a->next;
        if (a->kind == N_SPREAD) {
            if (next || a->u.unary.expr->kind != N_IDENT) parse_error_node(c, a, "Rest parameter must be last formal parameter");
            parse_list_push(&h.params, a->u.unary.expr);
            h.flags |= FN_HAS_REST;
            continue;
        }
        parse_list_push(&h.params, cover_to_param(c, a));
    }
    return parse_make_async(c, parse_arrow(c, &h, body));
}

Node *parse_async_arrow_ident(ParseCtx *c, const Token *async_kw, const Token *param, ArrowBody *body) {
    ArrowHead h = parse_arrow_ident(c, param);
    h.line = async_kw->line;
    h.col = async_kw->col;
    h.start = async_kw->start;
    return parse_make_async(c, parse_arrow(c, &h, body));
}

/* ------------------------------------------------------------------ statements */

Node *parse_declarator(ParseCtx *c, const Token *name, Node *init) {
    Node *d = parse_node_tok(c, N_DECLARATOR, name);
    d->u.decl.name = parse_ident(c, name);
    d->u.decl.init = init;
    check_strict_binding(c, d->u.decl.name, parse_strict(c));
    return d;
}

Node *parse_var(ParseCtx *c, const Token *kw, VarKind kind, NodeList *decls, bool for_in_head) {
    Node *n = parse_node_tok(c, N_VAR, kw);
    n->u.var.kind = kind;
    n->u.var.decls = *decls;
    if (kind == VAR_CONST && !for_in_head) {
        for (Node *d = decls->head; d; d = d->next)
            if (!d->u.decl.init) {
                parse_error_at(c, d->line, d->col, "Missing initializer in const declaration");
                break;
            }
    }
    return n;
}

Node *parse_for_decl(ParseCtx *c, const Token *kw, VarKind kind, const Token *name, Node *init) {
    NodeList l = parse_list1(parse_declarator(c, name, init));
    return parse_var(c, kw, kind, &l, true);
}

Node *parse_for_in(ParseCtx *c, NodeKind kind, const Token *t, Node *left, Node *right, Node *body) {
    if (left->kind == N_VAR) {
        Node *d = left->u.var.decls.head;
        if (d->u.decl.init) {
            if (kind == N_FOR_OF)
                parse_error_at(c, d->line, d->col,
                               "for-of loop variable declaration may not have an initializer.");
            else if (left->u.var.kind != VAR_VAR || parse_strict(c))
                parse_error_at(c, d->line, d->col,
                               "for-in loop variable declaration may not have an initializer.");
        }
    } else if ((left->kind == N_ARRAY || left->kind == N_OBJECT) && !(left->nflags & NF_PAREN)) {
        parse_to_pattern(c, left, false);
    } else if (!is_simple_target(left)) {
        parse_error_node(c, left, "Invalid left-hand side in for-loop");
    } else if (is_eval_or_arguments(left) && parse_strict(c)) {
        parse_error_at(c, left->line, left->col, "Unexpected eval or arguments in strict mode");
    }
    Node *n = parse_node_tok(c, kind, t);
    n->u.for_in.left = left;
    n->u.for_in.right = right;
    n->u.for_in.body = body;
    return n;
}

Node *parse_expr_stmt(ParseCtx *c, Node *e) {
    Node *n = parse_node(c, N_EXPR_STMT, e->line, e->col, e->start);
    n->u.unary.expr = e;
    return n;
}

Node *parse_jump(ParseCtx *c, NodeKind kind, const Token *t, const Token *label) {
    Node *n = parse_node_tok(c, kind, t);
    if (label) {
        n->u.jump.label = label->v.ident.name;
        n->u.jump.len = label->v.ident.len;
        n->u.jump.label_line = label->line;
        n->u.jump.label_col = label->col;
    }
    return n;
}

Node *parse_switch(ParseCtx *c, const Token *t, Node *disc, NodeList *cases) {
    Node *n = parse_node_tok(c, N_SWITCH, t);
    n->u.switch_.disc = disc;
    n->u.switch_.cases = *cases;
    bool seen_default = false;
    for (Node *k = cases->head; k; k = k->next) {
        if (k->u.case_.test) continue;
        if (seen_default) {
            parse_error_at(c, k->line, k->col, "More than one default clause in switch statement");
            break;
        }
        seen_default = true;
    }
    return n;
}

/* The catch clause travels to parse_try as a half-filled N_TRY. */
Node *parse_catch(ParseCtx *c, const Token *param, Node *block) {
    Node *n = parse_node(c, N_TRY, block->line, block->col, block->start);
    if (param) {
        n->u.try_.param = parse_ident(c, param);
        check_strict_binding(c, n->u.try_.param, parse_strict(c));
    }
    n->u.try_.handler = block;
    return n;
}

Node *parse_try(ParseCtx *c, const Token *t, Node *block, Node *catch_, Node *finalizer) {
    Node *n = catch_ ? catch_ : parse_node_tok(c, N_TRY, t);
    n->line = t->line;
    n->col = t->col;
    n->start = t->start;
    n->u.try_.block = block;
    n->u.try_.finalizer = finalizer;
    return n;
}

Node *parse_labeled(ParseCtx *c, const Token *label, Node *body) {
    Node *n = parse_node_tok(c, N_LABELED, label);
    n->u.labeled.label = label->v.ident.name;
    n->u.labeled.len = label->v.ident.len;
    n->u.labeled.body = body;
    return n;
}

Node *parse_block(ParseCtx *c, const Token *lb, NodeList *items) {
    Node *n = parse_node_tok(c, N_BLOCK, lb);
    n->u.list = *items;
    return n;
}

void parse_finish_program(ParseCtx *c, NodeList *items) {
    Node *n = parse_node(c, N_PROGRAM, 1, 1, 0);
    n->u.program.body = *items;
    n->u.program.strict = c->frames[0].strict;
    parse_check_body(c, NULL, &n->u.program.body, n->u.program.strict, false);
    c->program = n;
}
