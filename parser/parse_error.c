/* parse_error.c: SyntaxError messages in V8's wording and the positions they point at.
 * The first error of a parse wins; later calls are ignored, so grammar actions may keep
 * building nodes after reporting.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "grammar.h"
#include "parser/parser_int.h"

void parse_error_at(ParseCtx *c, int line, int col, const char *fmt, ...) {
    if (c->failed) return;
    c->failed = true;
    c->err->line = line;
    c->err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err->message, sizeof c->err->message, fmt, ap);
    va_end(ap);
}

void parse_error_offset(ParseCtx *c, uint32_t off, const char *fmt, ...) {
    if (c->failed) return;
    int line, col;
    lex_offset_pos(c->src, c->len, off, &line, &col);
    char msg[sizeof c->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    parse_error_at(c, line, col, "%s", msg);
}

void parse_error_node(ParseCtx *c, const Node *n, const char *msg) {
    parse_error_offset(c, n->start, "%s", msg);
}

const char *parse_token_text(ParseCtx *c, const Token *t, char *buf, size_t size) {
    size_t n = t->end > t->start ? t->end - t->start : 0;
    if (n >= size) n = size - 1;
    memcpy(buf, c->src + t->start, n);
    buf[n] = 0;
    return buf;
}

void parse_error_unexpected(ParseCtx *c, int type, const Token *t) {
    if (c->failed) return;
    /* A call's argument list that does not continue with `,` or `)`. */
    if (type != TK_RP && type != TK_COMMA && parse_lemon_can_shift(c->lemon, TK_ARGS_PROBE)) {
        parse_error_at(c, c->prev_line, c->prev_col, "missing ) after argument list");
        return;
    }
    /* A complete expression inside `${` followed by something other than `}`. */
    if (c->nbrackets && c->brackets[c->nbrackets - 1] == BK_TEMPLATE &&
        parse_lemon_can_shift(c->lemon, TK_TEMPLATE_MIDDLE)) {
        parse_error_at(c, c->prev_line, c->prev_col, "Missing } in template expression");
        return;
    }
    /* `let` where only a single statement may stand (if/while/label bodies). */
    if (type == TK_LET && parse_lemon_can_shift(c->lemon, TK_EMPTY_SEMI)) {
        parse_error_at(c, t->line, t->col,
                       "Lexical declaration cannot appear in a single-statement context");
        return;
    }
    if (type == TK_LP && c->prev_type == TK_FUNCTION_DECL) {
        parse_error_at(c, c->prev_line, c->prev_col, "Function statements require a function name");
        return;
    }
    /* `=>` after something that is no parameter list; V8 points at that expression. */
    if (type == TK_ARROW && !(t->flags & TF_NL_BEFORE)) {
        const Node *n = c->last_node;
        parse_error_at(c, n ? n->line : t->line, n ? n->col : t->col,
                       "Malformed arrow function parameter list");
        return;
    }
    /* `()` is only valid before `=>`. */
    if (c->prev_type == TK_RP && c->prev2_type == TK_LP && type != TK_ARROW &&
        parse_lemon_can_shift(c->lemon, TK_ARROW)) {
        parse_error_at(c, c->prev_line, c->prev_col, "Unexpected token ')'");
        return;
    }
    char text[128];
    switch (type) {
    case TK_EOF:
        parse_error_at(c, t->line, t->col, "Unexpected end of input");
        return;
    case TK_NUMBER:
        parse_error_at(c, t->line, t->col, "Unexpected number");
        return;
    case TK_STRING:
        parse_error_at(c, t->line, t->col, "Unexpected string");
        return;
    case TK_TEMPLATE:
    case TK_TEMPLATE_HEAD:
    case TK_TEMPLATE_MIDDLE:
    case TK_TEMPLATE_TAIL:
        parse_error_at(c, t->line, t->col, "Unexpected template string");
        return;
    case TK_REGEXP:
        parse_error_at(c, t->line, t->col, "Unexpected regular expression");
        return;
    case TK_IDENT:
    case TK_OF:
    case TK_GET:
    case TK_SET:
        if (parse_strict(c) && parse_is_strict_reserved(t->v.ident.name, t->v.ident.len))
            parse_error_at(c, t->line, t->col, "Unexpected strict mode reserved word");
        else
            parse_error_at(c, t->line, t->col, "Unexpected identifier '%.*s'",
                           (int)(t->v.ident.len > 100 ? 100 : t->v.ident.len), t->v.ident.name);
        return;
    case TK_ENUM:
        parse_error_at(c, t->line, t->col, "Unexpected reserved word");
        return;
    case TK_LET:
        /* `let` is always a keyword here; in strict code V8 words it as a reserved word. */
        if (parse_strict(c)) {
            parse_error_at(c, t->line, t->col, "Unexpected strict mode reserved word");
            return;
        }
        break;
    default:
        break;
    }
    parse_error_at(c, t->line, t->col, "Unexpected token '%s'",
                   parse_token_text(c, t, text, sizeof text));
}
