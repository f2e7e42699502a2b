/* parse.c: parse_program and the token pump between the lexer and Lemon. The pump settles
 * context with parse_lemon_can_shift (a dry run of the parser): ASI, regex vs divide, which
 * `{`, keywords as names, of/get/set, directive prologues and strict mode, nesting caps.
 * Invariant: Lemon only ever sees classified tokens, and nothing after the first error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "parser/parser_int.h"

bool parse_strict(const ParseCtx *c) { return c->frames[c->nframes - 1].strict; }

bool parse_can_shift(ParseCtx *c, int type) { return parse_lemon_can_shift(c->lemon, type); }

bool parse_is_strict_reserved(const char *name, uint32_t len) {
    /* Called for every identifier in strict code: reject on length and first letter. */
    switch (len) {
    case 5: return memcmp(name, "yield", 5) == 0;
    case 6: return memcmp(name, "public", 6) == 0 || memcmp(name, "static", 6) == 0;
    case 7: return memcmp(name, "package", 7) == 0 || memcmp(name, "private", 7) == 0;
    case 9: return memcmp(name, "interface", 9) == 0 || memcmp(name, "protected", 9) == 0;
    case 10: return memcmp(name, "implements", 10) == 0;
    default: return false;
    }
}

static bool is_keyword(int type) {
    switch (type) {
    case TK_BREAK: case TK_CASE: case TK_CATCH: case TK_CLASS: case TK_CONST: case TK_CONTINUE:
    case TK_DEBUGGER: case TK_DEFAULT: case TK_DELETE: case TK_DO: case TK_ELSE: case TK_ENUM:
    case TK_EXPORT: case TK_EXTENDS: case TK_FALSE: case TK_FINALLY: case TK_FOR:
    case TK_FUNCTION: case TK_IF: case TK_IMPORT: case TK_IN: case TK_INSTANCEOF: case TK_LET:
    case TK_NEW: case TK_NULL: case TK_RETURN: case TK_SUPER: case TK_SWITCH: case TK_THIS:
    case TK_THROW: case TK_TRUE: case TK_TRY: case TK_TYPEOF: case TK_VAR: case TK_VOID:
    case TK_WHILE: case TK_WITH:
        return true;
    default:
        return false;
    }
}

/* s is a 2- or 3-letter literal. */
static bool ident_is(const Token *t, const char *s, uint32_t n) {
    return t->v.ident.len == n && memcmp(t->v.ident.name, s, n) == 0;
}

/* ------------------------------------------------------------------ token source */

static void report_lex_error(ParseCtx *c, const Token *t) {
    if (c->lx.error_at_end) {
        int line, col;
        lex_offset_pos(c->src, c->len, c->len, &line, &col);
        parse_error_at(c, line, col, "%s", c->lx.error);
    } else {
        parse_error_offset(c, c->lx.error_pos, "%s", c->lx.error);
    }
}

static void next_raw(ParseCtx *c, Token *t) {
    if (c->has_peek) {
        *t = c->peek;
        c->has_peek = false;
        return;
    }
    lex_next(&c->lx, t);
}

static const Token *peek(ParseCtx *c) {
    if (!c->has_peek) {
        lex_next(&c->lx, &c->peek);
        c->has_peek = true;
    }
    return &c->peek;
}

/* Give a keyword used as a property name its spelling as an identifier name. */
static int as_name(ParseCtx *c, Token *t) {
    uint32_t n = t->end - t->start;
    char *s = arena_alloc(c->arena, n + 1);
    memcpy(s, c->src + t->start, n);
    t->v.ident.name = s;
    t->v.ident.len = n;
    return TK_KWNAME;
}

/* ------------------------------------------------------------------ classification */

static int top_bracket(const ParseCtx *c) { return c->nbrackets ? c->brackets[c->nbrackets - 1] : -1; }

/* The token type to feed for *t in the current parser state, or -1 after an error. */
static int classify(ParseCtx *c, Token *t) {
    int type = t->type;
    if (is_keyword(type)) {
        /* Any reserved word may be a property name: after `.`, and as an object key. */
        if (c->prev_type == TK_DOT) return as_name(c, t);
        if ((c->prev_type == TK_OBJ_LBRACE || c->prev_type == TK_COMMA ||
             c->prev_type == TK_GET || c->prev_type == TK_SET) &&
            !parse_can_shift(c, type) && parse_can_shift(c, TK_KWNAME)) {
            /* `{if}` is no shorthand property: leave the keyword to be reported. */
            int next = peek(c)->type;
            if (next != TK_COMMA && next != TK_RBRACE) return as_name(c, t);
        }
        /* ... and a class element's name. */
        if (top_bracket(c) == BK_CLASS && !parse_can_shift(c, type) && parse_can_shift(c, TK_KWNAME))
            return as_name(c, t);
        if (type == TK_IN) return top_bracket(c) == BK_FOR_PAREN ? TK_IN_FOR : TK_IN;
        if (type == TK_CLASS && parse_can_shift(c, TK_CLASS_DECL)) return TK_CLASS_DECL;
        if (type == TK_LET && (c->prev_type == TK_CLASS || c->prev_type == TK_CLASS_DECL)) {
            parse_error_at(c, t->line, t->col, "Unexpected strict mode reserved word"); /* class names are strict */
            return -1;
        }
        if (type == TK_CLASS && parse_can_shift(c, TK_IF)) {
            /* a statement position where a declaration may not stand: `if (x) class C {}` */
            parse_error_unexpected(c, type, t);
            return -1;
        }
        if (type != TK_FUNCTION) return type;
    }
    switch (type) {
    case TK_IDENT:
        if (t->flags & TF_ESCAPED_KEYWORD) {
            /* allowed only as a property name: after `.`, or as an object key */
            bool name_pos = c->prev_type == TK_DOT;
            if (!name_pos && (c->prev_type == TK_OBJ_LBRACE || c->prev_type == TK_COMMA ||
                              c->prev_type == TK_GET || c->prev_type == TK_SET)) {
                int next = peek(c)->type;
                name_pos = next == TK_COLON || next == TK_LP;
            }
            if (!name_pos) {
                parse_error_offset(c, t->start, "Keyword must not contain escaped characters");
                return -1;
            }
            return type;
        }
        if (t->flags & TF_ESCAPED) return type;
        if (t->v.ident.len == 5 && memcmp(t->v.ident.name, "await", 5) == 0 && c->prev_type != TK_DOT &&
            (c->frames[c->nframes - 1].async ||
             (c->async_expr_depth && c->nbrackets + 1 >= c->async_expr_depth)) &&
            parse_can_shift(c, TK_AWAIT))
            return TK_AWAIT;
        if (t->v.ident.len == 5 && memcmp(t->v.ident.name, "async", 5) == 0 && c->prev_type != TK_DOT) {
            const Token *n = peek(c);
            bool key_pos = c->prev_type == TK_OBJ_LBRACE || c->prev_type == TK_COMMA || top_bracket(c) == BK_CLASS;
            if (!(n->flags & TF_NL_BEFORE) && parse_can_shift(c, TK_ASYNC) &&
                (n->type == TK_FUNCTION || n->type == TK_IDENT ||
                 (key_pos && (n->type == TK_STRING || n->type == TK_NUMBER || n->type == TK_LBRACKET ||
                              is_keyword(n->type)))))
                return TK_ASYNC;
        }
        if (t->v.ident.len == 5 && memcmp(t->v.ident.name, "yield", 5) == 0 &&
            c->frames[c->nframes - 1].generator && c->prev_type != TK_DOT && parse_can_shift(c, TK_YIELD)) {
            /* an operand follows only on the same line and if something can start one */
            const Token *n = peek(c);
            bool bare = (n->flags & TF_NL_BEFORE) || n->type == TK_RP || n->type == TK_RBRACKET ||
                        n->type == TK_RBRACE || n->type == TK_COMMA || n->type == TK_SEMI ||
                        n->type == TK_COLON || n->type == TK_EOF || n->type == TK_IN ||
                        n->type == TK_QUESTION;
            return bare ? TK_YIELD : TK_YIELD_EXPR;
        }
        if (ident_is(t, "of", 2)) {
            if (!parse_can_shift(c, TK_IDENT) && parse_can_shift(c, TK_OF)) return TK_OF;
        } else if ((ident_is(t, "get", 3) || ident_is(t, "set", 3)) &&
                   (c->prev_type == TK_OBJ_LBRACE || c->prev_type == TK_COMMA ||
                    top_bracket(c) == BK_CLASS) &&
                   parse_can_shift(c, TK_GET)) {
            /* `get x() {}` only when a property name follows; else `get` is the name. */
            int next = peek(c)->type;
            if (next == TK_IDENT || next == TK_STRING || next == TK_NUMBER ||
                next == TK_LBRACKET || is_keyword(next))
                return ident_is(t, "get", 3) ? TK_GET : TK_SET;
        } else if (t->v.ident.len == 6 && memcmp(t->v.ident.name, "static", 6) == 0 &&
                   top_bracket(c) == BK_CLASS && parse_can_shift(c, TK_STATIC)) {
            /* `static` starts a static element unless it is the element's own name */
            int next = peek(c)->type;
            if (next != TK_LP && next != TK_ASSIGN && next != TK_SEMI && next != TK_RBRACE)
                return TK_STATIC;
        }
        return type;
    case TK_SLASH:
    case TK_ASSIGNOP:
        if (type == TK_ASSIGNOP && t->op != OP_DIV) return type;
        if (parse_can_shift(c, type)) return type;
        if (lex_rescan_regexp(&c->lx, t) == TK_ILLEGAL) {
            report_lex_error(c, t);
            return -1;
        }
        return TK_REGEXP;
    case TK_LBRACE:
        if (parse_can_shift(c, TK_FBODY_LBRACE)) return TK_FBODY_LBRACE;
        if (parse_can_shift(c, TK_LBRACE)) return TK_LBRACE;
        if (parse_can_shift(c, TK_OBJ_LBRACE)) return TK_OBJ_LBRACE;
        if (parse_can_shift(c, TK_CLASS_LBRACE)) return TK_CLASS_LBRACE;
        return TK_LBRACE;
    case TK_FUNCTION:
        return parse_can_shift(c, TK_FUNCTION_DECL) ? TK_FUNCTION_DECL : TK_FUNCTION;
    case TK_SEMI:
        if (parse_can_shift(c, TK_SEMI)) return TK_SEMI;
        return parse_can_shift(c, TK_EMPTY_SEMI) ? TK_EMPTY_SEMI : TK_SEMI;
    default:
        return type;
    }
}

/* ------------------------------------------------------------------ feeding */

static bool push_bracket(ParseCtx *c, int kind, const Token *t) {
    if (c->nbrackets >= PARSE_MAX_DEPTH) {
        parse_error_at(c, t->line, t->col, "Maximum nesting depth exceeded");
        return false;
    }
    c->brackets[c->nbrackets++] = (uint8_t)kind;
    return true;
}

/* Directive prologue: strings followed by `;` at the start of a body. */
static void track_prologue(ParseCtx *c, int type, const Token *t) {
    FnFrame *f = &c->frames[c->nframes - 1];
    switch (f->prologue) {
    case PRO_EXPECT:
        if (type == TK_STRING) {
            f->prologue = PRO_AFTER_STRING;
            f->pending_strict = (t->flags & TF_RAW_USE_STRICT) != 0;
        } else {
            f->prologue = PRO_DONE;
        }
        break;
    case PRO_AFTER_STRING:
        if (type == TK_SEMI) {
            if (f->pending_strict) f->strict = f->use_strict = true;
            f->prologue = PRO_EXPECT;
        } else {
            f->prologue = PRO_DONE;
        }
        break;
    default:
        break;
    }
}

/* Checks that depend on strict mode or context, made just before a token is fed. */
static bool precheck(ParseCtx *c, int type, Token *t) {
    bool strict = parse_strict(c);
    switch (type) {
    case TK_IDENT:
        if (strict && parse_is_strict_reserved(t->v.ident.name, t->v.ident.len) &&
            c->prev_type != TK_DOT) {
            /* A property name may be any word, but `{public}` is a reference too. */
            bool name = parse_can_shift(c, TK_KWNAME);
            if (name && (c->prev_type == TK_OBJ_LBRACE || c->prev_type == TK_COMMA)) {
                int next = peek(c)->type;
                name = next != TK_COMMA && next != TK_RBRACE;
            }
            if (!name) {
                parse_error_at(c, t->line, t->col, "Unexpected strict mode reserved word");
                return false;
            }
        }
        break;
    case TK_NUMBER:
        if (strict && (t->flags & TF_LEGACY_OCTAL)) {
            parse_error_at(c, t->line, t->col, "Octal literals are not allowed in strict mode.");
            return false;
        }
        if (strict && (t->flags & TF_LEADING_ZERO)) {
            parse_error_at(c, t->line, t->col,
                           "Decimals with leading zeros are not allowed in strict mode.");
            return false;
        }
        break;
    case TK_STRING:
        if (strict && (t->flags & (TF_OCTAL_ESCAPE | TF_ESCAPE_89))) {
            bool is89 = c->src[t->aux] == '\\';
            parse_error_offset(c, t->aux, "%s",
                               is89 ? "\\8 and \\9 are not allowed in strict mode."
                                    : "Octal escape sequences are not allowed in strict mode.");
            return false;
        }
        break;
    case TK_WITH:
        if (strict) {
            parse_error_at(c, t->line, t->col, "Strict mode code may not include a with statement");
            return false;
        }
        break;
    case TK_RETURN:
        if (c->nframes == 1 && !c->function_body) {
            parse_error_at(c, t->line, t->col, "Illegal return statement");
            return false;
        }
        break;
    case TK_RBRACE:
        if (top_bracket(c) == BK_FBODY) {
            const FnFrame *f = &c->frames[c->nframes - 1];
            t->flags |= (f->strict ? TF_STRICT : 0) | (f->use_strict ? TF_USE_STRICT : 0);
        }
        break;
    default:
        break;
    }
    return true;
}

/* Feed one classified token and keep the bracket, frame and prologue state in step. */
static bool feed(ParseCtx *c, int type, Token *t, bool synthetic) {
    bool async_rp = false; /* this is the `)` of `async (...)` and `=>` follows */
    if (!precheck(c, type, t)) return false;
    switch (type) {
    case TK_LP:
        if (!push_bracket(c, c->for_pending ? BK_FOR_PAREN : BK_PAREN, t)) return false;
        /* `async (` may begin an async arrow's parameters */
        c->async_parens[c->nbrackets - 1] = c->prev_type == TK_IDENT && c->prev_end - c->prev_start == 5 &&
                                            memcmp(c->src + c->prev_start, "async", 5) == 0;
        break;
    case TK_LBRACKET:
        if (!push_bracket(c, BK_BRACKET, t)) return false;
        break;
    case TK_LBRACE:
    case TK_OBJ_LBRACE:
        if (!push_bracket(c, BK_BRACE, t)) return false;
        break;
    case TK_FBODY_LBRACE:
        if (!push_bracket(c, BK_FBODY, t)) return false;
        break;
    case TK_CLASS_LBRACE:
        if (!push_bracket(c, BK_CLASS, t)) return false;
        break;
    case TK_TEMPLATE_HEAD:
        if (!push_bracket(c, BK_TEMPLATE, t)) return false;
        break;
    default:
        break;
    }
    t->type = type;
    parse_lemon(c->lemon, type, *t, c);
    if (c->failed) return false;
    if (parse_lemon_depth(c->lemon) > PARSE_MAX_STACK) {
        parse_error_at(c, t->line, t->col, "Maximum nesting depth exceeded");
        return false;
    }

    track_prologue(c, type, t);
    c->for_pending = false;
    switch (type) {
    case TK_FOR:
        c->for_pending = true;
        break;
    case TK_FBODY_LBRACE: {
        bool strict = parse_strict(c); /* inherited from the enclosing code */
        c->frames[c->nframes++] = (FnFrame){.strict = strict, .prologue = PRO_EXPECT, .generator = c->gen_pending,
                                            .async = c->async_pending};
        c->gen_pending = false;
        c->async_pending = false;
        break;
    }
    case TK_ASYNC:
        c->async_pending = true;
        break;
    case TK_ARROW:
        if (c->async_arrow_next || c->prev2_type == TK_ASYNC) {
            /* an async arrow: a block body is an async frame; an expression body is
             * tracked by bracket depth */
            if (peek(c)->type == TK_LBRACE) c->async_pending = true;
            else c->async_expr_depth = c->nbrackets + 1;
        }
        break;
    case TK_STAR:
        /* `function*`, and `*name(` where an object or class element starts */
        if (c->prev_type == TK_FUNCTION || c->prev_type == TK_FUNCTION_DECL || c->prev_type == TK_OBJ_LBRACE ||
            (c->prev_type == TK_COMMA && top_bracket(c) == BK_BRACE) ||
            (top_bracket(c) == BK_CLASS && (c->prev_type == TK_CLASS_LBRACE || c->prev_type == TK_RBRACE ||
                                            c->prev_type == TK_SEMI || c->prev_type == TK_EMPTY_SEMI ||
                                            c->prev_type == TK_STATIC)))
            c->gen_pending = true;
        break;
    case TK_CLASS_LBRACE: /* all parts of a class are strict code */
        c->frames[c->nframes++] = (FnFrame){.strict = true, .prologue = PRO_DONE};
        break;
    case TK_RP:
    case TK_RBRACKET:
    case TK_TEMPLATE_TAIL:
        if (c->nbrackets) c->nbrackets--;
        if (type == TK_RP && c->async_parens[c->nbrackets]) {
            c->async_parens[c->nbrackets] = false;
            async_rp = peek(c)->type == TK_ARROW;
        }
        break;
    case TK_RBRACE:
        if (top_bracket(c) == BK_FBODY || top_bracket(c) == BK_CLASS) c->nframes--;
        if (c->nbrackets) c->nbrackets--;
        break;
    case TK_SEMI:
    case TK_IN_FOR:
    case TK_OF:
        if (top_bracket(c) == BK_FOR_PAREN) c->brackets[c->nbrackets - 1] = BK_FOR_PAREN_DONE;
        break;
    default:
        break;
    }
    c->async_arrow_next = async_rp;
    if (c->async_expr_depth && (c->nbrackets + 1 < c->async_expr_depth ||
                                ((type == TK_SEMI || type == TK_COMMA) && c->nbrackets + 1 == c->async_expr_depth)))
        c->async_expr_depth = 0;
    c->prev2_type = c->prev_type;
    c->prev_type = type;
    c->prev_start = t->start;
    c->prev_end = t->end;
    if (!synthetic) {
        c->prev_line = t->line;
        c->prev_col = t->col;
        c->last_end = t->end;
    }
    return true;
}

static bool feed_semi(ParseCtx *c, const Token *at) {
    Token s = *at;
    s.type = TK_SEMI;
    s.end = s.start;
    s.flags = 0;
    return feed(c, TK_SEMI, &s, true);
}

/* Automatic semicolon insertion may apply before t: after a line break, before `}` or at the
 * end of input; never inside a for header. */
static bool asi_candidate(const ParseCtx *c, const Token *t) {
    int b = top_bracket(c);
    if (b == BK_FOR_PAREN || b == BK_FOR_PAREN_DONE) return false;
    return (t->flags & TF_NL_BEFORE) || t->type == TK_RBRACE || t->type == TK_EOF;
}

static bool process(ParseCtx *c, Token *t) {
    if (t->flags & TF_NL_BEFORE) {
        /* Restricted productions: no line break after return/break/continue/throw, before
         * postfix ++/--, or before =>. */
        switch (c->prev_type) {
        case TK_RETURN:
        case TK_BREAK:
        case TK_CONTINUE:
            /* A `;` on the next line still ends the statement itself. */
            if (t->type != TK_SEMI && !feed_semi(c, t)) return false;
            break;
        case TK_THROW:
            parse_error_at(c, c->prev_line, c->prev_col, "Illegal newline after throw");
            return false;
        default:
            break;
        }
        if (t->type == TK_ARROW) {
            parse_error_unexpected(c, TK_ARROW, t);
            return false;
        }
        if (t->type == TK_INC || t->type == TK_DEC) {
            if (parse_can_shift(c, TK_SEMI)) {
                if (!feed_semi(c, t)) return false;
            } else if (!parse_can_shift(c, TK_IDENT)) {
                parse_error_unexpected(c, t->type, t);
                return false;
            }
        }
    }
    int type = classify(c, t);
    if (type < 0) return false;
    if (asi_candidate(c, t) && !parse_can_shift(c, type) && parse_can_shift(c, TK_SEMI)) {
        if (!feed_semi(c, t)) return false;
        type = classify(c, t);
        if (type < 0) return false;
    }
    return feed(c, type, t, false);
}

Node *parse_program(Arena *arena, const char *src, size_t len, bool function_body,
                    ParseError *err) {
    memset(err, 0, sizeof *err);
    if (len > UINT32_MAX / 2) {
        err->line = err->col = 1;
        snprintf(err->message, sizeof err->message, "Source is too large");
        return NULL;
    }
    ParseCtx *c = calloc(1, sizeof *c);
    char *copy = malloc(len + 1);
    void *lemon = parse_lemonAlloc(malloc);
    if (!c || !copy || !lemon) {
        free(c);
        free(copy);
        if (lemon) parse_lemonFree(lemon, free);
        err->line = err->col = 1;
        snprintf(err->message, sizeof err->message, "Out of memory");
        return NULL;
    }
    memcpy(copy, src, len);
    copy[len] = 0; /* the re2c sentinel */
    c->arena = arena;
    c->src = copy;
    c->len = (uint32_t)len;
    c->err = err;
    c->function_body = function_body;
    c->lemon = lemon;
    c->frames[0] = (FnFrame){.prologue = PRO_EXPECT};
    c->nframes = 1;
    c->prev_type = c->prev2_type = -1;
    c->prev_line = c->prev_col = 1;
    lex_init(&c->lx, copy, len, arena);

    for (;;) {
        Token t;
        next_raw(c, &t);
        if (t.type == TK_ILLEGAL) {
            report_lex_error(c, &t);
            break;
        }
        if (!process(c, &t) || t.type == TK_EOF) break;
    }

    Node *result = c->failed ? NULL : c->program;
    if (!c->failed && !result) {
        err->line = err->col = 1;
        snprintf(err->message, sizeof err->message, "Unexpected end of input");
    }
    lex_free(&c->lx);
    parse_lemonFree(lemon, free);
    free(copy);
    free(c);
    return result;
}
