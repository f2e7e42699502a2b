/* ast_pattern.c: destructuring. Array and object literals are parsed as expressions and
 * turned into patterns where the grammar finds them used as targets (a cover grammar, as the
 * spec does it): in declarations, parameters, catch clauses, for-in/of heads and on the left
 * of `=`. A pattern keeps its literal's shape, flagged NF_PATTERN:
 *   array:  N_HOLE | target | N_ASSIGN(target, default) | N_SPREAD(target) (last)
 *   object: N_PROPERTY(key, target | N_ASSIGN(target, default)) | N_SPREAD(target) (last)
 * where a target is an identifier, a nested pattern, or (assignments only) a member.
 */
#include <string.h>

#include "grammar.h"
#include "parser/parser_int.h"

static void convert(ParseCtx *c, Node *n, bool binding);

static void invalid(ParseCtx *c, const Node *n) {
    parse_error_node(c, n, "Invalid destructuring assignment target");
}

/* One target, optionally with a default (`x = 1`). */
static void convert_element(ParseCtx *c, Node *e, bool binding) {
    if (e->kind == N_ASSIGN && e->u.binary.op == OP_ASSIGN && !(e->nflags & NF_PAREN))
        convert(c, e->u.binary.left, binding);
    else
        convert(c, e, binding);
}

static void convert(ParseCtx *c, Node *n, bool binding) {
    if (c->failed) return;
    switch (n->kind) {
    case N_IDENT: {
        uint32_t len = n->u.ident.len;
        const char *name = n->u.ident.name;
        if (parse_strict(c) && ((len == 4 && memcmp(name, "eval", 4) == 0) ||
                                (len == 9 && memcmp(name, "arguments", 9) == 0)))
            parse_error_at(c, n->line, n->col, "Unexpected eval or arguments in strict mode");
        return;
    }
    case N_MEMBER:
    case N_INDEX:
        if (binding) parse_error_node(c, n, "Illegal property in declaration context");
        return;
    case N_ARRAY:
        if (n->nflags & NF_PAREN) {
            invalid(c, n);
            return;
        }
        n->nflags |= NF_PATTERN;
        for (Node *e = n->u.list.head; e; e = e->next) {
            if (e->kind == N_HOLE) continue;
            if (e->kind == N_SPREAD) {
                if (e->next) parse_error_node(c, e, "Rest element must be last element");
                convert(c, e->u.unary.expr, binding);
                continue;
            }
            convert_element(c, e, binding);
        }
        return;
    case N_OBJECT:
        if (n->nflags & NF_PAREN) {
            invalid(c, n);
            return;
        }
        n->nflags |= NF_PATTERN;
        for (Node *p = n->u.list.head; p; p = p->next) {
            if (p->kind == N_SPREAD) {
                if (p->next) parse_error_node(c, p, "Rest element must be last element");
                convert(c, p->u.unary.expr, binding);
                continue;
            }
            if (p->u.prop.kind != PROP_INIT ||
                (p->u.prop.value->kind == N_FUNCTION && (p->u.prop.value->u.func.flags & FN_METHOD))) {
                invalid(c, p);
                continue;
            }
            p->nflags &= (uint16_t)~NF_COVER_INIT;
            convert_element(c, p->u.prop.value, binding);
        }
        return;
    default:
        invalid(c, n);
    }
}

Node *parse_to_pattern(ParseCtx *c, Node *n, bool binding) {
    convert(c, n, binding);
    return n;
}

Node *parse_pattern_declarator(ParseCtx *c, Node *pattern, Node *init) {
    Node *d = parse_node(c, N_DECLARATOR, pattern->line, pattern->col, pattern->start);
    d->u.decl.name = parse_to_pattern(c, pattern, true);
    d->u.decl.init = init;
    if (!init) parse_error_node(c, pattern, "Missing initializer in destructuring declaration");
    return d;
}

Node *parse_for_decl_pattern(ParseCtx *c, const Token *kw, VarKind kind, Node *pattern) {
    Node *d = parse_node(c, N_DECLARATOR, pattern->line, pattern->col, pattern->start);
    d->u.decl.name = parse_to_pattern(c, pattern, true);
    NodeList l = parse_list1(d);
    return parse_var(c, kw, kind, &l, true);
}

Node *parse_pattern_param(ParseCtx *c, Node *pattern, Node *init) {
    Node *d = parse_node(c, N_DECLARATOR, pattern->line, pattern->col, pattern->start);
    d->u.decl.name = parse_to_pattern(c, pattern, true);
    d->u.decl.init = init;
    return d;
}

Node *parse_catch_pattern(ParseCtx *c, Node *pattern, Node *block) {
    Node *n = parse_node(c, N_TRY, block->line, block->col, block->start);
    n->u.try_.param = parse_to_pattern(c, pattern, true);
    n->u.try_.handler = block;
    return n;
}

Node *parse_cover_init(ParseCtx *c, const Token *name, const Token *eq, Node *init) {
    Node *id = parse_ident(c, name);
    Node *a = parse_node_tok(c, N_ASSIGN, eq);
    a->u.binary.op = OP_ASSIGN;
    a->u.binary.left = id;
    a->u.binary.right = init;
    a->depth = (uint16_t)(init->depth + 1);
    PropKey k = parse_prop_key(c, name, NULL);
    Node *p = parse_prop(c, &k, a, PROP_INIT, true);
    p->nflags |= NF_COVER_INIT;
    return p;
}

void ast_bound_names(const Node *t, void (*fn)(const Node *id, void *ud), void *ud) {
    switch (t->kind) {
    case N_IDENT: fn(t, ud); break;
    case N_ASSIGN: ast_bound_names(t->u.binary.left, fn, ud); break;
    case N_SPREAD: ast_bound_names(t->u.unary.expr, fn, ud); break;
    case N_PROPERTY: ast_bound_names(t->u.prop.value, fn, ud); break;
    case N_ARRAY:
    case N_OBJECT:
        for (const Node *e = t->u.list.head; e; e = e->next)
            if (e->kind != N_HOLE) ast_bound_names(e, fn, ud);
        break;
    default: break;
    }
}
