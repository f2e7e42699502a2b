/* ast_class.c: class declarations and expressions. A class becomes one N_CLASS node: its
 * constructor (written or synthesized, as the spec's default constructors), its methods and
 * accessors in order, and its fields gathered into two synthesized initializer methods (one
 * run on each new instance, one run once on the class), so the compiler only deals with
 * functions. Early errors about class elements are reported here.
 */
#include <string.h>

#include "grammar.h"
#include "parser/parser_int.h"

static bool key_is(const Node *p, const char *s) {
    if (p->u.prop.computed) return false;
    const Node *k = p->u.prop.key;
    size_t n = strlen(s);
    if (k->kind == N_IDENT) return k->u.ident.len == n && memcmp(k->u.ident.name, s, n) == 0;
    if (k->kind != N_STRING || k->u.str.len != n) return false;
    for (size_t i = 0; i < n; i++)
        if (k->u.str.chars[i] != (uint16_t)s[i]) return false;
    return true;
}

static Node *ident_node(ParseCtx *c, const Node *at, const char *name) {
    Node *id = parse_node(c, N_IDENT, at->line, at->col, at->start);
    id->u.ident.name = name;
    id->u.ident.len = (uint32_t)strlen(name);
    return id;
}

static Node *function_node(ParseCtx *c, const Node *at, int flags) {
    Node *fn = parse_node(c, N_FUNCTION, at->line, at->col, at->start);
    fn->u.func.flags = flags | FN_STRICT;
    fn->u.func.src_start = at->start;
    fn->u.func.src_end = at->start;
    return fn;
}

/* constructor(...args) { super(...args); } for derived classes, constructor() {} otherwise. */
static Node *default_ctor(ParseCtx *c, const Node *cls, bool derived) {
    Node *fn = function_node(c, cls, 0);
    if (!derived) return fn;
    fn->u.func.flags |= FN_HAS_REST;
    parse_list_push(&fn->u.func.params, ident_node(c, cls, "args"));
    Node *spread = parse_node(c, N_SPREAD, cls->line, cls->col, cls->start);
    spread->u.unary.expr = ident_node(c, cls, "args");
    Node *call = parse_node(c, N_CALL, cls->line, cls->col, cls->start);
    call->u.call.callee = parse_node(c, N_SUPER, cls->line, cls->col, cls->start);
    parse_list_push(&call->u.call.args, spread);
    Node *st = parse_node(c, N_EXPR_STMT, cls->line, cls->col, cls->start);
    st->u.unary.expr = call;
    parse_list_push(&fn->u.func.body, st);
    return fn;
}

/* this.key = init, for one field (define semantics approximated by assignment). */
static Node *field_store(ParseCtx *c, Node *field) {
    Node *key = field->u.prop.key;
    Node *self = parse_node(c, N_THIS, field->line, field->col, field->start);
    Node *target;
    if (!field->u.prop.computed && key->kind == N_IDENT) {
        target = parse_node(c, N_MEMBER, key->line, key->col, key->start);
        target->u.member.obj = self;
        target->u.member.name = key->u.ident.name;
        target->u.member.len = key->u.ident.len;
    } else {
        target = parse_node(c, N_INDEX, key->line, key->col, key->start);
        target->u.index.obj = self;
        target->u.index.index = key;
    }
    Node *value = field->u.prop.value;
    if (!value) {
        value = parse_node(c, N_UNARY, field->line, field->col, field->start);
        value->u.unary.op = OP_VOID;
        value->u.unary.expr = parse_node(c, N_NUMBER, field->line, field->col, field->start);
        value->u.unary.prefix = true;
    }
    Node *assign = parse_node(c, N_ASSIGN, field->line, field->col, field->start);
    assign->u.binary.op = OP_ASSIGN;
    assign->u.binary.left = target;
    assign->u.binary.right = value;
    Node *st = parse_node(c, N_EXPR_STMT, field->line, field->col, field->start);
    st->u.unary.expr = assign;
    return st;
}

static Node *field_initializer(ParseCtx *c, const Node *cls, NodeList *fields, bool is_static) {
    if (!fields->count) return NULL;
    Node *fn = function_node(c, cls, FN_METHOD | FN_FIELD_INIT | FN_IN_CLASS | (is_static ? FN_STATIC : 0));
    for (Node *f = fields->head, *next; f; f = next) {
        next = f->next;
        parse_list_push(&fn->u.func.body, field_store(c, f));
    }
    return fn;
}

Node *parse_class(ParseCtx *c, const Token *kw, const Token *name, ClassTail *tail, bool is_decl) {
    Node *n = parse_node_tok(c, N_CLASS, kw);
    n->u.class_.is_decl = is_decl;
    n->u.class_.heritage = tail->heritage;
    if (name) {
        Node *id = parse_ident(c, name);
        n->u.class_.name = id;
        if (parse_is_strict_reserved(id->u.ident.name, id->u.ident.len) ||
            (id->u.ident.len == 3 && memcmp(id->u.ident.name, "let", 3) == 0))
            parse_error_at(c, id->line, id->col, "Unexpected strict mode reserved word");
        else if ((id->u.ident.len == 4 && memcmp(id->u.ident.name, "eval", 4) == 0) ||
                 (id->u.ident.len == 9 && memcmp(id->u.ident.name, "arguments", 9) == 0))
            parse_error_at(c, id->line, id->col, "Unexpected eval or arguments in strict mode");
    }
    Node *ctor = NULL;
    NodeList inst_fields = {0}, static_fields = {0};
    for (Node *p = tail->members.head, *next; p; p = next) {
        next = p->next;
        bool is_static = p->u.prop.is_static;
        if (is_static && key_is(p, "prototype")) {
            parse_error_at(c, p->line, p->col, "Classes may not have a static property named 'prototype'");
            continue;
        }
        if (p->u.prop.is_field) {
            if (key_is(p, "constructor"))
                parse_error_at(c, p->line, p->col, "Classes may not have a field named 'constructor'");
            parse_list_push(is_static ? &static_fields : &inst_fields, p);
            continue;
        }
        if (!is_static && key_is(p, "constructor")) {
            if (p->u.prop.kind != PROP_INIT)
                parse_error_at(c, p->line, p->col, "Class constructor may not be an accessor");
            else if (ctor)
                parse_error_at(c, p->line, p->col, "A class may only have one constructor");
            else if (p->u.prop.value->u.func.flags & FN_GENERATOR)
                parse_error_at(c, p->line, p->col, "Class constructor may not be a generator");
            ctor = p->u.prop.value;
            continue;
        }
        p->u.prop.value->u.func.flags |= FN_IN_CLASS | (is_static ? FN_STATIC : 0);
        parse_list_push(&n->u.class_.members, p);
    }
    if (!ctor) ctor = default_ctor(c, n, tail->heritage != NULL);
    ctor->u.func.flags = (ctor->u.func.flags & ~FN_METHOD) | FN_CLASS_CTOR | FN_STRICT |
                         (tail->heritage ? FN_DERIVED : 0);
    /* Function.prototype.toString of a class is the class's whole text. */
    ctor->u.func.src_start = kw->start;
    ctor->u.func.src_end = tail->end;
    n->u.class_.ctor = ctor;
    n->u.class_.inst_init = field_initializer(c, n, &inst_fields, false);
    n->u.class_.static_init = field_initializer(c, n, &static_fields, true);
    return n;
}

Node *parse_class_field(ParseCtx *c, PropKey *k, Node *init) {
    Node *p = parse_prop(c, k, init, PROP_INIT, false);
    p->u.prop.is_field = true;
    return p;
}

Node *parse_super(ParseCtx *c, const Token *t) { return parse_node_tok(c, N_SUPER, t); }

Node *parse_yield(ParseCtx *c, const Token *kw, Node *e, bool delegate) {
    Node *n = parse_node_tok(c, N_YIELD, kw);
    n->u.unary.expr = e;
    n->u.unary.prefix = delegate;
    if (e) n->depth = (uint16_t)(e->depth + 1);
    return n;
}

Node *parse_generator_method(ParseCtx *c, Node *prop) {
    prop->u.prop.value->u.func.flags |= FN_GENERATOR;
    if (key_is(prop, "constructor") && !prop->u.prop.is_static)
        parse_error_at(c, prop->line, prop->col, "Class constructor may not be a generator");
    return prop;
}

Node *parse_new_target(ParseCtx *c, const Token *kw, const Token *name) {
    if (!(name->v.ident.len == 6 && memcmp(name->v.ident.name, "target", 6) == 0))
        parse_error_at(c, name->line, name->col, "Unexpected identifier '%.*s'", (int)name->v.ident.len,
                       name->v.ident.name);
    return parse_node_tok(c, N_NEW_TARGET, kw);
}
