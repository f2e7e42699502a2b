/* test_lexer.c: Criterion tests for the re2c lexer alone (suite "lexer"): token kinds,
 * numbers, string and template escapes, identifiers, positions in UTF-16 columns, the
 * newline flag used by ASI, regex rescans and malformed input. Each test gets a fresh arena.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "lexer/lexer.h"

static Arena *arena;

static void setup(void) { arena = arena_new(); }
static void teardown(void) { arena_free(arena); }

TestSuite(lexer, .init = setup, .fini = teardown);

typedef struct Lexed {
    Lexer lx;
    char *buf;
} Lexed;

/* The lexer needs a NUL after the text; copy into the arena with one. */
static void lx_open(Lexed *l, const char *src, size_t len) {
    l->buf = arena_alloc(arena, len + 1);
    memcpy(l->buf, src, len);
    l->buf[len] = 0;
    lex_init(&l->lx, l->buf, len, arena);
}

/* Lex src fully; token types into types[] (EOF excluded). Returns the count, or -1 on error. */
static int lex_all(const char *src, int *types, int max) {
    Lexed l;
    lx_open(&l, src, strlen(src));
    Token t;
    int n = 0;
    for (;;) {
        int type = lex_next(&l.lx, &t);
        if (type == TK_EOF) break;
        if (type == TK_ILLEGAL) {
            n = -1;
            break;
        }
        if (n < max) types[n] = type;
        n++;
    }
    lex_free(&l.lx);
    return n;
}

static Token lex_one(const char *src, Lexed *l) {
    lx_open(l, src, strlen(src));
    Token t;
    lex_next(&l->lx, &t);
    return t;
}

static void expect_types(const char *src, const int *want, int n) {
    int got[256];
    int count = lex_all(src, got, 256);
    cr_assert_eq(count, n, "token count for %s: got %d want %d", src, count, n);
    for (int i = 0; i < n; i++) cr_assert_eq(got[i], want[i], "token %d of %s", i, src);
}

/* ------------------------------------------------------------------ punctuators, keywords */

Test(lexer, punctuators) {
    const int want[] = {
        TK_LBRACE, TK_RBRACE, TK_LP, TK_RP, TK_LBRACKET, TK_RBRACKET, TK_SEMI, TK_COMMA, TK_LT,
        TK_GT, TK_LE, TK_GE, TK_EQ, TK_NE, TK_SEQ, TK_SNE, TK_PLUS, TK_MINUS, TK_STAR, TK_PERCENT,
        TK_STARSTAR, TK_INC, TK_DEC, TK_SHL, TK_SAR, TK_SHR, TK_BITAND, TK_BITOR, TK_BITXOR,
        TK_BANG, TK_TILDE, TK_AND, TK_OR, TK_NULLISH, TK_QUESTION, TK_COLON, TK_ASSIGN,
        TK_ARROW, TK_ELLIPSIS, TK_DOT, TK_SLASH};
    expect_types("{ } ( ) [ ] ; , < > <= >= == != === !== + - * % ** ++ -- << >> >>> & | ^ ! ~ "
                 "&& || ?? ? : = => ... . /",
                 want, sizeof want / sizeof want[0]);
}

Test(lexer, longest_match_without_spaces) {
    const int want[] = {TK_ASSIGNOP, TK_SEQ, TK_INC, TK_PLUS, TK_ELLIPSIS, TK_DOT, TK_SHR};
    expect_types(">>>====+++....>>>", want, sizeof want / sizeof want[0]);
}

Test(lexer, compound_assignment_ops) {
    static const struct { const char *src; OpKind op; } cases[] = {
        {"+=", OP_ADD},     {"-=", OP_SUB},   {"*=", OP_MUL},    {"/=", OP_DIV},
        {"%=", OP_MOD},     {"**=", OP_EXP},  {"<<=", OP_SHL},   {">>=", OP_SAR},
        {">>>=", OP_SHR},   {"&=", OP_BITAND}, {"|=", OP_BITOR}, {"^=", OP_BITXOR}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Lexed l;
        Token t = lex_one(cases[i].src, &l);
        cr_assert_eq(t.type, TK_ASSIGNOP, "%s", cases[i].src);
        cr_assert_eq(t.op, cases[i].op, "%s", cases[i].src);
        cr_assert_eq(t.end - t.start, strlen(cases[i].src));
    }
}

Test(lexer, keywords_and_identifiers) {
    const int want[] = {TK_IF, TK_IDENT, TK_IN, TK_INSTANCEOF, TK_IDENT, TK_LET, TK_IDENT,
                        TK_FUNCTION, TK_IDENT, TK_NULL, TK_TRUE, TK_FALSE, TK_THIS, TK_TYPEOF,
                        TK_IDENT, TK_IDENT, TK_IDENT, TK_ENUM};
    expect_types("if iff in instanceof interface let letter function functions null true false "
                 "this typeof of get yield enum",
                 want, sizeof want / sizeof want[0]);
}

Test(lexer, identifier_value_is_a_copy) {
    Lexed l;
    Token t = lex_one("  $foo_1 ", &l);
    cr_assert_eq(t.type, TK_IDENT);
    cr_assert_str_eq(t.v.ident.name, "$foo_1");
    cr_assert_eq(t.v.ident.len, 6);
    cr_assert_neq((const void *)t.v.ident.name, (const void *)(l.buf + 2));
}

Test(lexer, unicode_identifiers) {
    Lexed l;
    Token t = lex_one("ñandú = 1", &l);
    cr_assert_eq(t.type, TK_IDENT);
    cr_assert_str_eq(t.v.ident.name, "ñandú");
    t = lex_one("\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82", &l); /* привет */
    cr_assert_eq(t.type, TK_IDENT);
    cr_assert_eq(t.v.ident.len, 12);
    t = lex_one("a\xe2\x80\x8d" "b", &l); /* ZWJ is ID_Continue */
    cr_assert_eq(t.type, TK_IDENT);
    cr_assert_eq(t.v.ident.len, 5);
}

Test(lexer, escaped_identifiers) {
    Lexed l;
    Token t = lex_one("\\u0061b\\u{63}", &l);
    cr_assert_eq(t.type, TK_IDENT);
    cr_assert_str_eq(t.v.ident.name, "abc");
    cr_assert(t.flags & TF_ESCAPED);
    t = lex_one("\\u00f1", &l);
    cr_assert_eq(t.type, TK_IDENT);
    cr_assert_str_eq(t.v.ident.name, "ñ");
}

Test(lexer, bad_identifier_escapes) {
    Lexed l;
    Token t = lex_one("a\\u0020", &l);
    cr_assert_eq(t.type, TK_ILLEGAL);
    cr_assert_str_eq(l.lx.error, "Invalid or unexpected token");
    /* an escaped keyword lexes as a flagged identifier; the parser decides by position */
    t = lex_one("\\u0069f", &l);
    cr_assert_eq(t.type, TK_IDENT);
    cr_assert(t.flags & TF_ESCAPED_KEYWORD);
    t = lex_one("\\x41", &l);
    cr_assert_eq(t.type, TK_ILLEGAL);
    t = lex_one("\\u{110000}", &l);
    cr_assert_eq(t.type, TK_ILLEGAL);
}

Test(lexer, keyword_lookup) {
    cr_assert_eq(lex_keyword("while", 5), TK_WHILE);
    cr_assert_eq(lex_keyword("debugger", 8), TK_DEBUGGER);
    cr_assert_eq(lex_keyword("whiles", 6), TK_IDENT);
    cr_assert_eq(lex_keyword("of", 2), TK_IDENT);
}

/* ------------------------------------------------------------------ numbers */

struct num_case {
    char src[40];
    double value;
    unsigned flags;
};

ParameterizedTestParameters(lexer, numbers) {
    static struct num_case cases[] = {
        {"0", 0, 0},
        {"123", 123, 0},
        {"1.5", 1.5, 0},
        {".5", 0.5, 0},
        {"5.", 5, 0},
        {"1e3", 1000, 0},
        {"1E-3", 0.001, 0},
        {"2.5e+2", 250, 0},
        {"0x1F", 31, 0},
        {"0XfF", 255, 0},
        {"0o17", 15, 0},
        {"0B101", 5, 0},
        {"017", 15, TF_LEGACY_OCTAL},
        {"08", 8, TF_LEADING_ZERO},
        {"09.5", 9.5, TF_LEADING_ZERO},
        {"1.7976931348623157e308", 1.7976931348623157e308, 0},
        {"9007199254740993", 9007199254740992.0, 0},
        {"123456789012345678901234567890", 1.2345678901234568e29, 0},
        {"0x20000000000001", 9007199254740992.0, 0},
        {"1e400", INFINITY, 0},
        {"4.9e-324", 4.9e-324, 0},
    };
    return cr_make_param_array(struct num_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct num_case *c, lexer, numbers) {
    Lexed l;
    Token t = lex_one(c->src, &l);
    cr_assert_eq(t.type, TK_NUMBER, "%s", c->src);
    cr_assert_eq(t.v.num, c->value, "%s: got %.17g", c->src, t.v.num);
    cr_assert_eq(t.flags & (TF_LEGACY_OCTAL | TF_LEADING_ZERO), c->flags, "%s", c->src);
    cr_assert_eq(t.end, strlen(c->src));
}

struct bad_case {
    char src[40];
    char message[80];
    int col;
};

ParameterizedTestParameters(lexer, bad_tokens) {
    static struct bad_case cases[] = {
        {"3in", "Invalid or unexpected token", 1},
        {"1.toString", "Invalid or unexpected token", 1},
        {"0x", "Invalid or unexpected token", 1},
        {"0b12", "Invalid or unexpected token", 1},
        {"0o8", "Invalid or unexpected token", 1},
        {"1e", "Invalid or unexpected token", 1},
        {"1_000", "Invalid or unexpected token", 1},
        {"  @", "Invalid or unexpected token", 3},
        {"#x", "Invalid or unexpected token", 1},
        {"'abc", "Invalid or unexpected token", 1},
        {"\"ab\ncd\"", "Invalid or unexpected token", 1},
        {"'ab\\", "Invalid or unexpected token", 1},
        {"/* never closed", "Invalid or unexpected token", 1},
        {"'\\x4g'", "Invalid hexadecimal escape sequence", 2},
        {"'\\u12'", "Invalid Unicode escape sequence", 2},
        {"'\\u{}'", "Invalid Unicode escape sequence", 2},
        {"'\\u{110000}'", "Undefined Unicode code-point", 2},
        {"`abc", "Unexpected end of input", 5},
        {"`\\01`", "Octal escape sequences are not allowed in template strings.", 3},
        {"`\\8`", "\\8 and \\9 are not allowed in template strings.", 2},
        {"`\\x`", "Invalid hexadecimal escape sequence", 2},
    };
    return cr_make_param_array(struct bad_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_case *c, lexer, bad_tokens) {
    Lexed l;
    Token t = lex_one(c->src, &l);
    cr_assert_eq(t.type, TK_ILLEGAL, "%s gave %d", c->src, t.type);
    cr_assert_str_eq(l.lx.error, c->message, "%s", c->src);
    int line, col;
    lex_offset_pos(l.buf, strlen(c->src), l.lx.error_pos, &line, &col);
    cr_assert_eq(col, c->col, "%s: error column %d", c->src, col);
}

/* ------------------------------------------------------------------ strings */

struct str_case {
    char src[48];
    uint16_t want[16];
    int len;
    unsigned flags;
};

ParameterizedTestParameters(lexer, strings) {
    static struct str_case cases[] = {
        {"'abc'", {'a', 'b', 'c'}, 3, 0},
        {"\"it's\"", {'i', 't', '\'', 's'}, 4, 0},
        {"'\\n\\t\\b\\f\\v\\r'", {10, 9, 8, 12, 11, 13}, 6, 0},
        {"'\\0'", {0}, 1, 0},
        {"'\\x41\\u0042\\u{43}'", {'A', 'B', 'C'}, 3, 0},
        {"'\\u{1F600}'", {0xD83D, 0xDE00}, 2, 0},
        {"'\\uD800'", {0xD800}, 1, 0},
        {"'\\'\\\"\\\\'", {'\'', '"', '\\'}, 3, 0},
        {"'\\q\\$'", {'q', '$'}, 2, 0},
        {"'a\\\nb'", {'a', 'b'}, 2, 0},
        {"'a\\\r\nb'", {'a', 'b'}, 2, 0},
        {"'a\\\xe2\x80\xa8" "b'", {'a', 'b'}, 2, 0},
        {"'\\101\\7'", {'A', 7}, 2, TF_OCTAL_ESCAPE},
        {"'\\08'", {0, '8'}, 2, TF_OCTAL_ESCAPE},
        {"'\\400'", {32, '0'}, 2, TF_OCTAL_ESCAPE},
        {"'\\8'", {'8'}, 1, TF_ESCAPE_89},
        {"'\xc3\xa9'", {0xE9}, 1, 0},
        {"'\xf0\x9f\x98\x80'", {0xD83D, 0xDE00}, 2, 0},
        {"'\xe2\x80\xa8'", {0x2028}, 1, 0},
        {"'\xff'", {0xFFFD}, 1, 0},
        {"'\xe2\x82'", {0xFFFD, 0xFFFD}, 2, 0},
        {"''", {0}, 0, 0},
    };
    return cr_make_param_array(struct str_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct str_case *c, lexer, strings) {
    Lexed l;
    Token t = lex_one(c->src, &l);
    cr_assert_eq(t.type, TK_STRING, "%s: type %d (%s)", c->src, t.type,
                 t.type == TK_ILLEGAL ? l.lx.error : "");
    cr_assert_eq(t.v.str.len, (uint32_t)c->len, "%s: len %u", c->src, t.v.str.len);
    for (int i = 0; i < c->len; i++)
        cr_assert_eq(t.v.str.chars[i], c->want[i], "%s: unit %d is %04x", c->src, i,
                     t.v.str.chars[i]);
    cr_assert_eq(t.flags & (TF_OCTAL_ESCAPE | TF_ESCAPE_89), c->flags, "%s", c->src);
    cr_assert_eq(t.end, strlen(c->src));
}

Test(lexer, nul_inside_string_is_a_character) {
    Lexed l;
    lx_open(&l, "'a\0b'", 5);
    Token t;
    cr_assert_eq(lex_next(&l.lx, &t), TK_STRING);
    cr_assert_eq(t.v.str.len, 3);
    cr_assert_eq(t.v.str.chars[1], 0);
    cr_assert_eq(lex_next(&l.lx, &t), TK_EOF);
}

Test(lexer, nul_outside_string_is_illegal) {
    Lexed l;
    lx_open(&l, "a \0 b", 5);
    Token t;
    cr_assert_eq(lex_next(&l.lx, &t), TK_IDENT);
    cr_assert_eq(lex_next(&l.lx, &t), TK_ILLEGAL);
    cr_assert_eq(l.lx.error_pos, 2);
}

Test(lexer, use_strict_spelling_is_flagged) {
    Lexed l;
    Token t = lex_one("'use strict'", &l);
    cr_assert(t.flags & TF_RAW_USE_STRICT);
    t = lex_one("\"use strict\"", &l);
    cr_assert(t.flags & TF_RAW_USE_STRICT);
    t = lex_one("'use\\x20strict'", &l);
    cr_assert_not(t.flags & TF_RAW_USE_STRICT);
}

/* ------------------------------------------------------------------ positions, newlines */

Test(lexer, positions_lines_and_columns) {
    Lexed l;
    const char *src = "a\n  bb\r\n\tc /* x\n y */ d\r\ne\xe2\x80\xa8" "f";
    lx_open(&l, src, strlen(src));
    static const struct { int line, col; bool nl; } want[] = {
        {1, 1, false}, {2, 3, true}, {3, 2, true}, {4, 7, true}, {5, 1, true}, {6, 1, true}};
    Token t;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        cr_assert_eq(lex_next(&l.lx, &t), TK_IDENT);
        cr_assert_eq(t.line, want[i].line, "token %zu line %d", i, t.line);
        cr_assert_eq(t.col, want[i].col, "token %zu col %d", i, t.col);
        cr_assert_eq((t.flags & TF_NL_BEFORE) != 0, want[i].nl, "token %zu newline flag", i);
    }
    cr_assert_eq(lex_next(&l.lx, &t), TK_EOF);
}

Test(lexer, columns_count_utf16_units) {
    Lexed l;
    /* é is one UTF-16 unit (two bytes); the emoji is two units (four bytes). */
    const char *src = "'\xc3\xa9' x '\xf0\x9f\x98\x80' y";
    lx_open(&l, src, strlen(src));
    Token t;
    lex_next(&l.lx, &t);
    lex_next(&l.lx, &t);
    cr_assert_eq(t.col, 5);
    lex_next(&l.lx, &t);
    cr_assert_eq(t.col, 7);
    lex_next(&l.lx, &t);
    cr_assert_eq(t.col, 12);
    cr_assert_eq(t.start, 14);
}

Test(lexer, line_comment_sets_newline_flag) {
    Lexed l;
    const char *src = "a // comment\nb /* no newline */ c /*\n*/ d";
    lx_open(&l, src, strlen(src));
    Token t;
    lex_next(&l.lx, &t);
    lex_next(&l.lx, &t);
    cr_assert(t.flags & TF_NL_BEFORE);
    lex_next(&l.lx, &t);
    cr_assert_not(t.flags & TF_NL_BEFORE);
    lex_next(&l.lx, &t);
    cr_assert(t.flags & TF_NL_BEFORE);
    cr_assert_eq(t.line, 3);
}

Test(lexer, multiline_string_keeps_start_position) {
    Lexed l;
    const char *src = "x = 'a\\\nb' + y";
    lx_open(&l, src, strlen(src));
    Token t;
    for (int i = 0; i < 3; i++) lex_next(&l.lx, &t);
    cr_assert_eq(t.type, TK_STRING);
    cr_assert_eq(t.line, 1);
    cr_assert_eq(t.col, 5);
    cr_assert_not(t.flags & TF_NL_BEFORE); /* a newline inside a token is no ASI break */
    lex_next(&l.lx, &t);
    cr_assert_not(t.flags & TF_NL_BEFORE);
    lex_next(&l.lx, &t);
    cr_assert_eq(t.line, 2);
    cr_assert_eq(t.col, 6);
}

Test(lexer, hashbang_is_skipped) {
    int types[4];
    cr_assert_eq(lex_all("#!/usr/bin/env node\nx", types, 4), 1);
    cr_assert_eq(types[0], TK_IDENT);
}

Test(lexer, unicode_whitespace) {
    int types[4];
    cr_assert_eq(lex_all("a\xc2\xa0\xe2\x80\x83\xef\xbb\xbf" "b", types, 4), 2);
}

Test(lexer, offset_to_position) {
    const char *src = "ab\ncd\r\nef\xe2\x80\xa9" "g";
    int line, col;
    lex_offset_pos(src, strlen(src), 4, &line, &col);
    cr_assert(line == 2 && col == 2);
    lex_offset_pos(src, strlen(src), 7, &line, &col);
    cr_assert(line == 3 && col == 1);
    lex_offset_pos(src, strlen(src), 12, &line, &col);
    cr_assert(line == 4 && col == 1);
}

/* ------------------------------------------------------------------ regular expressions */

struct re_case {
    char src[40];
    char pattern[32];
    char flags[8];
};

ParameterizedTestParameters(lexer, regexps) {
    static struct re_case cases[] = {
        {"/ab+c/gi", "ab+c", "gi"},
        {"/[/]/", "[/]", ""},
        {"/a\\/b/y", "a\\/b", "y"},
        {"/[\\]/]+/", "[\\]/]+", ""},
        {"/=/", "=", ""},
        {"/x/dgimsuy", "x", "dgimsuy"},
    };
    return cr_make_param_array(struct re_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct re_case *c, lexer, regexps) {
    Lexed l;
    Token t = lex_one(c->src, &l);
    cr_assert(t.type == TK_SLASH || t.type == TK_ASSIGNOP, "%s", c->src);
    cr_assert_eq(lex_rescan_regexp(&l.lx, &t), TK_REGEXP, "%s", c->src);
    cr_assert_str_eq(t.v.regexp.pattern, c->pattern);
    cr_assert_eq(t.v.regexp.pattern_len, strlen(c->pattern));
    cr_assert_str_eq(t.v.regexp.flags, c->flags);
    cr_assert_eq(t.end, strlen(c->src));
    cr_assert_eq(lex_next(&l.lx, &t), TK_EOF);
}

Test(lexer, regexp_errors) {
    static const struct { const char *src, *msg; } cases[] = {
        {"/abc", "Invalid regular expression: missing /"},
        {"/ab\nc/", "Invalid regular expression: missing /"},
        {"/[/", "Invalid regular expression: missing /"},
        {"/a\\", "Invalid regular expression: missing /"},
        {"/a/gg", "Invalid regular expression flags"},
        {"/a/q", "Invalid regular expression flags"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Lexed l;
        Token t = lex_one(cases[i].src, &l);
        cr_assert_eq(lex_rescan_regexp(&l.lx, &t), TK_ILLEGAL, "%s", cases[i].src);
        cr_assert_str_eq(l.lx.error, cases[i].msg, "%s", cases[i].src);
        cr_assert_eq(l.lx.error_pos, 0);
    }
}

Test(lexer, slash_is_divide_until_rescanned) {
    const int want[] = {TK_IDENT, TK_SLASH, TK_IDENT, TK_SLASH, TK_IDENT};
    expect_types("a / b / c", want, 5);
}

/* ------------------------------------------------------------------ templates */

static void expect_cooked(const Token *t, const char *ascii) {
    cr_assert_eq(t->v.str.len, strlen(ascii), "cooked length %u for \"%s\"", t->v.str.len, ascii);
    for (size_t i = 0; i < strlen(ascii); i++) cr_assert_eq(t->v.str.chars[i], (uint16_t)ascii[i]);
}

Test(lexer, template_without_substitutions) {
    Lexed l;
    Token t = lex_one("`a\\tb`", &l);
    cr_assert_eq(t.type, TK_TEMPLATE);
    expect_cooked(&t, "a\tb");
}

Test(lexer, template_parts) {
    Lexed l;
    const char *src = "`a${x}b${ {c: 1} }c`";
    lx_open(&l, src, strlen(src));
    Token t;
    cr_assert_eq(lex_next(&l.lx, &t), TK_TEMPLATE_HEAD);
    expect_cooked(&t, "a");
    cr_assert_eq(lex_next(&l.lx, &t), TK_IDENT);
    cr_assert_eq(lex_next(&l.lx, &t), TK_TEMPLATE_MIDDLE);
    expect_cooked(&t, "b");
    cr_assert_eq(lex_next(&l.lx, &t), TK_LBRACE); /* an object inside the substitution */
    cr_assert_eq(lex_next(&l.lx, &t), TK_IDENT);
    cr_assert_eq(lex_next(&l.lx, &t), TK_COLON);
    cr_assert_eq(lex_next(&l.lx, &t), TK_NUMBER);
    cr_assert_eq(lex_next(&l.lx, &t), TK_RBRACE);
    cr_assert_eq(lex_next(&l.lx, &t), TK_TEMPLATE_TAIL);
    expect_cooked(&t, "c");
    cr_assert_eq(lex_next(&l.lx, &t), TK_EOF);
}

Test(lexer, nested_templates) {
    const int want[] = {TK_TEMPLATE_HEAD, TK_TEMPLATE_HEAD, TK_IDENT, TK_TEMPLATE_TAIL,
                        TK_TEMPLATE_TAIL};
    expect_types("`a${`b${c}`}`", want, 5);
}

Test(lexer, template_cooks_newlines_and_counts_lines) {
    Lexed l;
    lx_open(&l, "`a\r\nb\rc`\nx", 10);
    Token t;
    cr_assert_eq(lex_next(&l.lx, &t), TK_TEMPLATE);
    expect_cooked(&t, "a\nb\nc");
    cr_assert_not(t.flags & TF_NL_BEFORE);
    cr_assert_eq(lex_next(&l.lx, &t), TK_IDENT);
    cr_assert_eq(t.line, 4);
    cr_assert(t.flags & TF_NL_BEFORE);
}

Test(lexer, template_dollar_without_brace) {
    Lexed l;
    Token t = lex_one("`$a \\${b} $`", &l);
    cr_assert_eq(t.type, TK_TEMPLATE);
    expect_cooked(&t, "$a ${b} $");
}

/* ------------------------------------------------------------------ garbage */

Test(lexer, random_bytes_never_crash) {
    unsigned long long s = 0x9E3779B97F4A7C15ull;
    char buf[256];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = 0, len = (size_t)(s % sizeof buf);
        for (; n < len; n++) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            /* Bias towards characters that open tokens. */
            static const char interesting[] = "'\"`/\\*{}$\n\r0x.e+-uU[]";
            buf[n] = (s & 3) ? interesting[(s >> 8) % (sizeof interesting - 1)] : (char)(s >> 16);
        }
        Lexed l;
        lx_open(&l, buf, len);
        Token t;
        int guard = 0;
        for (;;) {
            int type = lex_next(&l.lx, &t);
            if (type == TK_EOF || type == TK_ILLEGAL) break;
            cr_assert(t.end <= len && t.start <= t.end);
            if (type == TK_SLASH) {
                if (lex_rescan_regexp(&l.lx, &t) == TK_ILLEGAL) break;
            }
            cr_assert(++guard < 1000);
        }
        lex_free(&l.lx);
    }
}

Test(lexer, truncated_utf8_everywhere) {
    static const char *const cases[] = {"\xe2", "a\xe2", "'\xe2", "`\xe2", "/*\xe2", "//\xf0\x9f",
                                        "\xf0\x9f\x98", "x\xc3", "'\\\xe2'", "\\u{"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int types[8];
        lex_all(cases[i], types, 8); /* must return, whatever it decides */
    }
}
