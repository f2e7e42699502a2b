/* lexer.h: the re2c JavaScript tokenizer over a NUL-terminated in-memory UTF-8 buffer.
 * Tokens carry 1-based line and UTF-16 column; decoded values (strings, names, regexps) live
 * in the parse arena. Context-dependent choices (regex or divide) are left to the parser's
 * token pump, which can re-read a `/` token with lex_rescan_regexp.
 */
#ifndef MJS_LEXER_H
#define MJS_LEXER_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/ast.h"

/* Lemon numbers real tokens from 1; 0 is end of input. */
#define TK_EOF 0

/* Token.flags */
#define TF_NL_BEFORE 0x0001      /* a line terminator precedes the token (ASI) */
#define TF_LEGACY_OCTAL 0x0002   /* number 017: an error in strict code */
#define TF_LEADING_ZERO 0x0004   /* number 08/09.5: an error in strict code */
#define TF_OCTAL_ESCAPE 0x0008   /* string has \1..\7 or \0N: an error in strict code */
#define TF_ESCAPE_89 0x0010      /* string has \8 or \9: an error in strict code */
#define TF_ESCAPED 0x0020        /* identifier spelled with \u escapes */
#define TF_STRICT 0x0040         /* set by the parser on the `}` closing a strict function body */
#define TF_USE_STRICT 0x0080     /* ... whose own prologue holds "use strict" */
#define TF_RAW_USE_STRICT 0x0100 /* string token spelled exactly 'use strict' or "use strict" */
#define TF_ESCAPED_KEYWORD 0x0200 /* identifier spelled with escapes whose text is a keyword */

typedef struct Token {
    int type;            /* TK_* from grammar.h */
    int line, col;       /* 1-based; col in UTF-16 units */
    uint32_t start, end; /* byte offsets [start, end) of the token text */
    uint16_t flags;      /* TF_* */
    uint8_t op;          /* OpKind of a TK_ASSIGNOP (compound assignment) */
    uint32_t aux;        /* byte offset of the first legacy octal or \8 escape in a string */
    union {
        double num;                                       /* TK_NUMBER */
        struct { const uint16_t *chars; uint32_t len; } str; /* TK_STRING, template parts */
        struct { const char *name; uint32_t len; } ident;  /* TK_IDENT: NUL-terminated copy */
        struct { const char *pattern; uint32_t pattern_len; const char *flags; } regexp;
    } v;
} Token;

typedef struct Lexer {
    const unsigned char *buf; /* buf[len] == '\0' */
    uint32_t len;
    const unsigned char *cur;
    Arena *arena;
    int line;
    uint32_t line_start;      /* offset of the first byte of the current line */
    uint32_t col_pos;         /* column cache: col_val is the column at offset col_pos */
    int col_val;
    bool nl_before;
    bool ascii;               /* no byte >= 0x80: a column is a byte offset on its line */
    uint8_t *braces;          /* open `{` (0) and template `${` (1), innermost last */
    uint32_t nbraces, braces_cap;
    const char *error;        /* message of the last TK_ILLEGAL */
    uint32_t error_pos;       /* byte offset the error points at */
    bool error_at_end;        /* the error is "Unexpected end of input" */
    locale_t c_locale;        /* for strtod_l, created on the first fractional literal */
} Lexer;

/* buf must stay alive and NUL-terminated at buf[len] while lexing. */
void lex_init(Lexer *lx, const char *buf, size_t len, Arena *arena);

/* Release what lex_init and lexing acquired outside the arena. */
void lex_free(Lexer *lx);

/* Next token into *t; returns t->type. TK_ILLEGAL sets lx->error and lx->error_pos. */
int lex_next(Lexer *lx, Token *t);

/* Re-read *t (a TK_SLASH or `/=` TK_ASSIGNOP just returned) as a regular expression literal.
 * Returns TK_REGEXP or TK_ILLEGAL. Only valid before any later token was read. */
int lex_rescan_regexp(Lexer *lx, Token *t);

/* 1-based line and UTF-16 column of a byte offset (linear scan; for error reporting). */
void lex_offset_pos(const char *buf, size_t len, uint32_t off, int *line, int *col);

/* Keyword token for a decoded identifier name, or TK_IDENT. */
int lex_keyword(const char *name, uint32_t len);

#endif
