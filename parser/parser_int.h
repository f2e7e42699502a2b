/* parser_int.h: state shared by the Lemon grammar actions, the token pump and the checks.
 * One ParseCtx lives for one parse_program call; every node it makes is in ctx->arena, and
 * the first error recorded wins (later ones are ignored so actions can carry on safely).
 */
#ifndef MJS_PARSER_INT_H
#define MJS_PARSER_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "lexer/lexer.h"
#include "parser/ast.h"

/* Lemon parser stack entries allowed: unbracketed nesting (a=a=..., !!!...x, else-if chains)
 * grows the stack without bracket depth, and consumers recurse over what we accept. */
#define PARSE_MAX_STACK (16 * PARSE_MAX_DEPTH)

/* Bracket kinds on the pump's bracket stack. */
enum {
    BK_PAREN,
    BK_FOR_PAREN,      /* `for (` before its first `;`, `in` or `of`: `in` means for-in here */
    BK_FOR_PAREN_DONE, /* rest of a for header: still no ASI inside */
    BK_BRACKET,
    BK_BRACE,
    BK_FBODY,          /* function body brace: owns a FnFrame */
    BK_TEMPLATE,       /* `${` ... `}` */
    BK_CLASS           /* class body brace: owns a strict FnFrame */
};

/* Directive-prologue tracking per function body (and the program). */
enum { PRO_DONE, PRO_EXPECT, PRO_AFTER_STRING };

typedef struct FnFrame {
    bool strict;         /* inherited or from its own directive */
    bool use_strict;     /* its own prologue had "use strict" */
    uint8_t prologue;    /* PRO_* */
    bool pending_strict; /* the directive string just fed is 'use strict' */
    bool generator;      /* a generator's body: `yield` is an operator */
    bool async;          /* an async function's body: `await` is an operator */
} FnFrame;

/* Nonterminal payloads (Lemon minor types). */
typedef struct ParamList {
    NodeList list;
    int flags;   /* FN_HAS_REST */
    bool simple; /* no defaults, no rest */
} ParamList;

typedef struct FnBody {
    NodeList body;
    uint32_t end;   /* byte offset after the closing brace */
    uint16_t flags; /* TF_STRICT / TF_USE_STRICT of the closing brace */
} FnBody;

typedef struct TmplParts {
    NodeList quasis; /* middle chunks only */
    NodeList exprs;
} TmplParts;

typedef struct PropKey {
    Node *key;
    bool computed;
    int line, col;
    uint32_t start;
} PropKey;

typedef struct ArrowHead {
    NodeList params;
    int flags;
    int line, col;
    uint32_t start;
} ArrowHead;

typedef struct ArrowBody {
    Node *expr;   /* expression body, or NULL */
    FnBody body;
} ArrowBody;

typedef struct AssignLhs {
    Node *target;
    Token op; /* `=` (TK_ASSIGN) or a compound TK_ASSIGNOP */
} AssignLhs;

typedef struct ClassTail {
    Node *heritage;   /* or NULL */
    NodeList members; /* N_PROPERTY elements in source order */
    uint32_t end;     /* byte offset after the closing brace */
} ClassTail;
typedef struct ScopeTable ScopeTable;

typedef struct ParseCtx {
    Arena *arena;
    const char *src; /* NUL-terminated copy of the source */
    uint32_t len;
    ParseError *err;
    bool failed;
    bool function_body;
    Lexer lx;
    void *lemon;
    Node *program;
    Node *last_node; /* last node built, assignments and sequences aside: the operand a stray
                      * `=>` followed, as reductions stop short of `=` and `,` */

    /* token pump */
    Token peek;
    bool has_peek;
    int prev_type;      /* type of the last token fed (synthetic ones included) */
    int prev2_type;     /* ... and of the one before it */
    int prev_line, prev_col; /* position of the last real token fed */
    uint32_t last_end;  /* end offset of the last real token fed: expression ends for arrows */
    bool for_pending;   /* FOR fed: the next `(` opens a for header */
    bool gen_pending;   /* `function*` or `*name(` seen: the next body is a generator's */
    bool async_pending; /* `async` seen: the next function body (or arrow body) is async */
    bool async_parens[PARSE_MAX_DEPTH + 2]; /* bracket i is the `(` of `async (...)` */
    bool async_arrow_next;  /* the `)` of `async (...)` was just fed */
    int async_expr_depth;   /* inside an async arrow's expression body at this bracket depth (0: no) */
    uint32_t prev_start, prev_end; /* source span of the last token fed */
    uint8_t brackets[PARSE_MAX_DEPTH + 2];
    int nbrackets;
    FnFrame frames[PARSE_MAX_DEPTH + 2];
    int nframes;

    ScopeTable *scopes;
} ParseCtx;

/* ---- errors (parse_error.c) */
void parse_error_at(ParseCtx *c, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void parse_error_offset(ParseCtx *c, uint32_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void parse_error_node(ParseCtx *c, const Node *n, const char *msg);
/* "Unexpected token ..." wording for a token the grammar rejected. */
void parse_error_unexpected(ParseCtx *c, int type, const Token *t);
const char *parse_token_text(ParseCtx *c, const Token *t, char *buf, size_t size);

/* ---- pump queries for actions (parse.c) */
bool parse_strict(const ParseCtx *c);
bool parse_can_shift(ParseCtx *c, int type);
bool parse_is_strict_reserved(const char *name, uint32_t len);

/* ---- AST construction (ast_build.c) */

Node *parse_node(ParseCtx *c, NodeKind kind, int line, int col, uint32_t start);
Node *parse_node_tok(ParseCtx *c, NodeKind kind, const Token *t);
void parse_list_push(NodeList *l, Node *n);
NodeList parse_list1(Node *n);

Node *parse_ident(ParseCtx *c, const Token *t);
Node *parse_literal(ParseCtx *c, const Token *t); /* NUMBER, STRING, REGEXP, TEMPLATE, this... */
Node *parse_template(ParseCtx *c, const Token *head, TmplParts *parts, const Token *tail);
Node *parse_paren(ParseCtx *c, const Token *lp, Node *e);
Node *parse_array(ParseCtx *c, const Token *lb, NodeList *elems, int trailing_holes);
void parse_holes(ParseCtx *c, NodeList *l, int n, const Token *at);
Node *parse_spread(ParseCtx *c, const Token *t, Node *e);
Node *parse_object(ParseCtx *c, const Token *lb, NodeList *props);
PropKey parse_prop_key(ParseCtx *c, const Token *t, Node *computed);
Node *parse_prop(ParseCtx *c, PropKey *k, Node *value, PropKind kind, bool shorthand);
Node *parse_method(ParseCtx *c, const Token *first, PropKey *k, PropKind kind, const Token *lp,
                   ParamList *params, FnBody *body);

Node *parse_unary(ParseCtx *c, OpKind op, Node *e, const Token *t);
Node *parse_update(ParseCtx *c, OpKind op, Node *e, bool prefix, const Token *t);
Node *parse_binary(ParseCtx *c, OpKind op, Node *l, Node *r, const Token *t);
Node *parse_logical(ParseCtx *c, OpKind op, Node *l, Node *r, const Token *t);
AssignLhs parse_assign_lhs(ParseCtx *c, Node *target, const Token *op);
Node *parse_assign(ParseCtx *c, AssignLhs *lhs, Node *r);
Node *parse_cond(ParseCtx *c, Node *test, Node *a, Node *b, const Token *q);
Node *parse_sequence(ParseCtx *c, Node *l, Node *r);
Node *parse_member(ParseCtx *c, Node *obj, const Token *name);
Node *parse_index(ParseCtx *c, Node *obj, Node *index, const Token *lb);
Node *parse_call(ParseCtx *c, Node *callee, NodeList *args);
Node *parse_new(ParseCtx *c, const Token *t, Node *callee, NodeList *args);
Node *parse_tagged_template(ParseCtx *c, Node *tag, Node *tmpl);

ParamList parse_params(ParseCtx *c, NodeList *list, const Token *rest);
Node *parse_param(ParseCtx *c, const Token *name, Node *init);
FnBody parse_fbody(ParseCtx *c, NodeList *items, const Token *rbrace);
Node *parse_function(ParseCtx *c, const Token *kw, const Token *name, ParamList *params,
                     FnBody *body, int flags);
ArrowHead parse_arrow_head(ParseCtx *c, const Token *lp, Node *e, const Token *rest);
ArrowHead parse_arrow_ident(ParseCtx *c, const Token *id);
Node *parse_arrow(ParseCtx *c, ArrowHead *h, ArrowBody *b);

/* for_in_head: the single binding of for-in/of, where const needs no initializer. */
Node *parse_var(ParseCtx *c, const Token *kw, VarKind kind, NodeList *decls, bool for_in_head);
Node *parse_declarator(ParseCtx *c, const Token *name, Node *init);
Node *parse_for_decl(ParseCtx *c, const Token *kw, VarKind kind, const Token *name, Node *init);
Node *parse_for_in(ParseCtx *c, NodeKind kind, const Token *t, Node *left, Node *right, Node *body);
Node *parse_expr_stmt(ParseCtx *c, Node *e);
/* ---- classes (ast_class.c) */
Node *parse_class(ParseCtx *c, const Token *kw, const Token *name, ClassTail *tail, bool is_decl);
/* A field `key = init;` (init may be NULL). */
Node *parse_class_field(ParseCtx *c, PropKey *k, Node *init);
Node *parse_super(ParseCtx *c, const Token *t);
Node *parse_new_target(ParseCtx *c, const Token *kw, const Token *name);
Node *parse_yield(ParseCtx *c, const Token *kw, Node *e, bool delegate);
/* ---- destructuring (ast_pattern.c) */
Node *parse_to_pattern(ParseCtx *c, Node *n, bool binding);
Node *parse_pattern_declarator(ParseCtx *c, Node *pattern, Node *init);
Node *parse_for_decl_pattern(ParseCtx *c, const Token *kw, VarKind kind, Node *pattern);
Node *parse_pattern_param(ParseCtx *c, Node *pattern, Node *init);
Node *parse_catch_pattern(ParseCtx *c, Node *pattern, Node *block);
Node *parse_cover_init(ParseCtx *c, const Token *name, const Token *eq, Node *init);
Node *parse_optional(ParseCtx *c, Node *link);
Node *parse_await(ParseCtx *c, const Token *kw, Node *e);
/* async (a, b) => body: the call `async(a, b)` read as an arrow head. */
Node *parse_async_arrow(ParseCtx *c, Node *call, ArrowBody *body);
Node *parse_async_arrow_ident(ParseCtx *c, const Token *async_kw, const Token *param, ArrowBody *body);
/* mark a function (or a method property's function) async */
Node *parse_make_async(ParseCtx *c, Node *fn_or_prop);
/* Mark a method's function (value of a property node) as a generator. */
Node *parse_generator_method(ParseCtx *c, Node *prop);
Node *parse_jump(ParseCtx *c, NodeKind kind, const Token *t, const Token *label);
Node *parse_switch(ParseCtx *c, const Token *t, Node *disc, NodeList *cases);
Node *parse_try(ParseCtx *c, const Token *t, Node *block, Node *catch_, Node *finalizer);
Node *parse_catch(ParseCtx *c, const Token *param, Node *block);
Node *parse_labeled(ParseCtx *c, const Token *label, Node *body);
Node *parse_block(ParseCtx *c, const Token *lb, NodeList *items);
void parse_finish_program(ParseCtx *c, NodeList *items);

/* ---- early errors over a finished function or program body (scope_check.c):
 * redeclarations, labels, break/continue targets. Nested functions were checked already. */
void parse_check_body(ParseCtx *c, const NodeList *params, const NodeList *body, bool strict,
                      bool dup_params_error);

/* ---- Lemon entry points (grammar.c; grammar.h holds only token numbers) */
void *parse_lemonAlloc(void *(*malloc_fn)(size_t));
void parse_lemonFree(void *p, void (*free_fn)(void *));
void parse_lemon(void *p, int type, Token tok, ParseCtx *c);
bool parse_lemon_can_shift(void *p, int type);
int parse_lemon_depth(void *p);

#endif
