/* lexer.re: re2c scanner for JavaScript tokens, plus a second re2c block that decodes string
 * and template escapes to UTF-16. Invariant: the cursor never passes buf[len] (the NUL
 * sentinel); every malformed input yields TK_ILLEGAL with a V8-worded message, never a crash.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "lexer.h"

/*!include:re2c "unicode_categories.re" */

/*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:yyfill:enable = 0;

    id_start_cp = L | Nl | [$_];
    id_part_cp = id_start_cp | Mn | Mc | Nd | Pc | [\u200C\u200D];
    hex = [0-9a-fA-F];
    uesc = "\\u" hex{4} | "\\u{" hex+ "}";
    lt = "\n" | "\r\n" | "\r" | "\u2028" | "\u2029";
    ws = [\t\v\f \xA0\uFEFF] | Zs;
*/

static const char MSG_INVALID[] = "Invalid or unexpected token";

/* ------------------------------------------------------------------ small helpers */

static void *lx_alloc(Lexer *lx, size_t n) { return arena_alloc(lx->arena, n); }

/* Count UTF-16 units in [p, q): one per UTF-8 lead byte, two for 4-byte sequences. */
static int utf16_units(const unsigned char *p, const unsigned char *q) {
    int n = 0;
    /* ASCII runs (nearly all source text) eight bytes at a time. */
    while (q - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        if (w & 0x8080808080808080ull) break;
        n += 8;
        p += 8;
    }
    for (; p < q; p++) {
        unsigned char c = *p;
        n += (c & 0xC0) != 0x80;
        n += c >= 0xF0;
    }
    return n;
}

static bool is_ascii(const unsigned char *p, const unsigned char *q) {
    uint64_t acc = 0;
    for (; q - p >= 8; p += 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        acc |= w;
    }
    for (; p < q; p++) acc |= *p;
    return !(acc & 0x8080808080808080ull);
}

/* Column of p on the current line. The cache makes a run of tokens on one long line linear. */
static int column_at(Lexer *lx, const unsigned char *p) {
    uint32_t off = (uint32_t)(p - lx->buf);
    if (lx->ascii) return (int)(off - lx->line_start) + 1;
    if (lx->col_pos < lx->line_start || off < lx->col_pos) {
        lx->col_pos = lx->line_start;
        lx->col_val = 1;
    }
    lx->col_val += utf16_units(lx->buf + lx->col_pos, p);
    lx->col_pos = off;
    return lx->col_val;
}

static void new_line(Lexer *lx, const unsigned char *after) {
    lx->line++;
    lx->line_start = (uint32_t)(after - lx->buf);
    lx->col_pos = lx->line_start;
    lx->col_val = 1;
    lx->nl_before = true;
}

/* Length of a line terminator at p (LF, CR, CRLF, LS, PS), or 0. */
static int line_terminator_len(const unsigned char *p) {
    if (p[0] == '\n') return 1;
    if (p[0] == '\r') return p[1] == '\n' ? 2 : 1;
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) return 3;
    return 0;
}

/* Account for every line terminator inside [p, q). Inside a comment a line break counts for
 * ASI like any other; inside a string or template it is part of the token and does not. */
static void count_lines(Lexer *lx, const unsigned char *p, const unsigned char *q, bool comment) {
    bool nl_before = lx->nl_before;
    while (p < q) {
        int n = line_terminator_len(p);
        if (n) {
            p += n;
            new_line(lx, p);
        } else {
            p++;
        }
    }
    if (!comment) lx->nl_before = nl_before;
}

/* Decode one UTF-8 sequence at p (< end); invalid input decodes as U+FFFD of length 1. */
static uint32_t utf8_decode(const unsigned char *p, const unsigned char *end, int *len) {
    unsigned char c = p[0];
    uint32_t cp;
    int n;
    if (c < 0x80) { *len = 1; return c; }
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
    else { *len = 1; return 0xFFFD; }
    if (end - p < n) { *len = 1; return 0xFFFD; }
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) { *len = 1; return 0xFFFD; }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        *len = 1;
        return 0xFFFD;
    }
    *len = n;
    return cp;
}

static int utf8_encode(uint32_t cp, char *out) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int hexval(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int illegal(Lexer *lx, Token *t, const char *msg, const unsigned char *at) {
    lx->error = msg;
    lx->error_pos = (uint32_t)(at - lx->buf);
    lx->error_at_end = false;
    t->type = TK_ILLEGAL;
    return TK_ILLEGAL;
}

static int illegal_eof(Lexer *lx, Token *t) {
    illegal(lx, t, "Unexpected end of input", lx->buf + lx->len);
    lx->error_at_end = true;
    return TK_ILLEGAL;
}

/* ------------------------------------------------------------------ identifiers */

/* Is code point cp an ID_Start (or ID_Continue when part) character? Matched by re2c on its
 * UTF-8 encoding so escaped and literal identifier characters obey the same tables. */
static bool cp_is_id(uint32_t cp, bool part) {
    char buf[5];
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    buf[utf8_encode(cp, buf)] = 0;
    const unsigned char *YYCURSOR = (const unsigned char *)buf, *YYMARKER;
    (void)YYMARKER;
    if (part) {
        /*!re2c
            id_part_cp "\x00" { return true; }
            * { return false; }
        */
    }
    /*!re2c
        id_start_cp "\x00" { return true; }
        * { return false; }
    */
}

int lex_keyword(const char *name, uint32_t len) {
    const unsigned char *YYCURSOR = (const unsigned char *)name, *YYMARKER;
    (void)YYMARKER;
    (void)len;
    /*!re2c
        "break" "\x00" { return TK_BREAK; }
        "case" "\x00" { return TK_CASE; }
        "catch" "\x00" { return TK_CATCH; }
        "class" "\x00" { return TK_CLASS; }
        "const" "\x00" { return TK_CONST; }
        "continue" "\x00" { return TK_CONTINUE; }
        "debugger" "\x00" { return TK_DEBUGGER; }
        "default" "\x00" { return TK_DEFAULT; }
        "delete" "\x00" { return TK_DELETE; }
        "do" "\x00" { return TK_DO; }
        "else" "\x00" { return TK_ELSE; }
        "enum" "\x00" { return TK_ENUM; }
        "export" "\x00" { return TK_EXPORT; }
        "extends" "\x00" { return TK_EXTENDS; }
        "false" "\x00" { return TK_FALSE; }
        "finally" "\x00" { return TK_FINALLY; }
        "for" "\x00" { return TK_FOR; }
        "function" "\x00" { return TK_FUNCTION; }
        "if" "\x00" { return TK_IF; }
        "import" "\x00" { return TK_IMPORT; }
        "in" "\x00" { return TK_IN; }
        "instanceof" "\x00" { return TK_INSTANCEOF; }
        "let" "\x00" { return TK_LET; }
        "new" "\x00" { return TK_NEW; }
        "null" "\x00" { return TK_NULL; }
        "return" "\x00" { return TK_RETURN; }
        "super" "\x00" { return TK_SUPER; }
        "switch" "\x00" { return TK_SWITCH; }
        "this" "\x00" { return TK_THIS; }
        "throw" "\x00" { return TK_THROW; }
        "true" "\x00" { return TK_TRUE; }
        "try" "\x00" { return TK_TRY; }
        "typeof" "\x00" { return TK_TYPEOF; }
        "var" "\x00" { return TK_VAR; }
        "void" "\x00" { return TK_VOID; }
        "while" "\x00" { return TK_WHILE; }
        "with" "\x00" { return TK_WITH; }
        * { return TK_IDENT; }
    */
}

/* Copy the identifier [p, q) into the arena, decoding \u escapes. Returns TK_IDENT or a
 * keyword token, or TK_ILLEGAL for a bad escape or an escaped keyword. */
static int finish_ident(Lexer *lx, Token *t, const unsigned char *p, const unsigned char *q) {
    uint32_t n = (uint32_t)(q - p);
    char *out = lx_alloc(lx, n + 1);
    uint32_t len = 0;
    bool escaped = false;
    while (p < q) {
        if (*p != '\\') {
            out[len++] = (char)*p++;
            continue;
        }
        /* The scanner only accepted well-formed \uXXXX or \u{...} here. */
        const unsigned char *esc = p;
        uint32_t cp = 0;
        p += 2;
        if (*p == '{') {
            for (p++; *p != '}'; p++) {
                cp = cp * 16 + (uint32_t)hexval(*p);
                if (cp > 0x10FFFF) cp = 0x110000;
            }
            p++;
        } else {
            for (int i = 0; i < 4; i++) cp = cp * 16 + (uint32_t)hexval(*p++);
        }
        if (!cp_is_id(cp, len > 0)) return illegal(lx, t, MSG_INVALID, esc);
        len += (uint32_t)utf8_encode(cp, out + len);
        escaped = true;
    }
    out[len] = 0;
    t->v.ident.name = out;
    t->v.ident.len = len;
    if (escaped) {
        /* An escaped keyword is only a name (obj.bre\u0061k, {bre\u0061k: 1}): the parser,
         * which knows the position, reports it anywhere else. */
        t->flags |= TF_ESCAPED;
        if (lex_keyword(out, len) != TK_IDENT) t->flags |= TF_ESCAPED_KEYWORD;
    }
    return TK_IDENT;
}

/* ------------------------------------------------------------------ strings and templates */

typedef struct Decoder {
    uint16_t *out;
    uint32_t len;
    uint16_t flags;       /* TF_OCTAL_ESCAPE / TF_ESCAPE_89 */
    uint32_t first_bad;   /* offset of the first legacy escape (for strict-mode errors) */
    const char *error;
    uint32_t error_pos;
} Decoder;

static void emit_cp(Decoder *d, uint32_t cp) {
    if (cp >= 0x10000) {
        cp -= 0x10000;
        d->out[d->len++] = (uint16_t)(0xD800 + (cp >> 10));
        d->out[d->len++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    } else {
        d->out[d->len++] = (uint16_t)cp;
    }
}

static void legacy_escape(Decoder *d, uint16_t flag, const unsigned char *at,
                          const unsigned char *buf) {
    if (!(d->flags & (TF_OCTAL_ESCAPE | TF_ESCAPE_89))) d->first_bad = (uint32_t)(at - buf);
    d->flags |= flag;
}

/* Decode the body [p, end) of a string (template=false) or template chunk to UTF-16.
 * Each UTF-8 byte yields at most one UTF-16 unit, so out needs end - p units. Template
 * chunks normalise CR and CRLF to LF and reject legacy octal escapes. */
static bool decode_body(Decoder *d, const unsigned char *p, const unsigned char *end,
                        const unsigned char *buf, bool template) {
    const unsigned char *YYCURSOR, *YYMARKER, *tok;
    (void)YYMARKER;
    while (p < end) {
        if (*p < 0x80 && *p != '\\' && *p != '\r') {
            d->out[d->len++] = *p++;
            continue;
        }
        tok = YYCURSOR = p;
        /*!re2c
            "\\" lt { p = YYCURSOR; continue; }
            "\\n" { d->out[d->len++] = '\n'; p = YYCURSOR; continue; }
            "\\t" { d->out[d->len++] = '\t'; p = YYCURSOR; continue; }
            "\\r" { d->out[d->len++] = '\r'; p = YYCURSOR; continue; }
            "\\b" { d->out[d->len++] = '\b'; p = YYCURSOR; continue; }
            "\\f" { d->out[d->len++] = '\f'; p = YYCURSOR; continue; }
            "\\v" { d->out[d->len++] = '\v'; p = YYCURSOR; continue; }
            "\\x" hex{2} {
                d->out[d->len++] = (uint16_t)(hexval(tok[2]) * 16 + hexval(tok[3]));
                p = YYCURSOR;
                continue;
            }
            "\\x" {
                d->error = "Invalid hexadecimal escape sequence";
                d->error_pos = (uint32_t)(tok - buf);
                return false;
            }
            "\\u" hex{4} {
                uint32_t cp = 0;
                for (int i = 2; i < 6; i++) cp = cp * 16 + (uint32_t)hexval(tok[i]);
                d->out[d->len++] = (uint16_t)cp; /* lone surrogates are kept as they are */
                p = YYCURSOR;
                continue;
            }
            "\\u{" hex+ "}" {
                uint32_t cp = 0;
                for (const unsigned char *h = tok + 3; *h != '}'; h++) {
                    cp = cp * 16 + (uint32_t)hexval(*h);
                    if (cp > 0x10FFFF) {
                        d->error = "Undefined Unicode code-point";
                        d->error_pos = (uint32_t)(tok - buf);
                        return false;
                    }
                }
                emit_cp(d, cp);
                p = YYCURSOR;
                continue;
            }
            "\\u" {
                d->error = "Invalid Unicode escape sequence";
                d->error_pos = (uint32_t)(tok - buf);
                return false;
            }
            "\\" [0-7]{1,3} {
                /* \0 not followed by a digit is NUL; anything else is a legacy octal escape,
                 * at most three digits and at most \377. */
                const unsigned char *q = tok + 1;
                if (q[0] == '0' && YYCURSOR == q + 1 && !(*YYCURSOR >= '0' && *YYCURSOR <= '9')) {
                    d->out[d->len++] = 0;
                    p = YYCURSOR;
                    continue;
                }
                if (template) {
                    d->error = "Octal escape sequences are not allowed in template strings.";
                    d->error_pos = (uint32_t)(tok + 1 - buf);
                    return false;
                }
                uint32_t v = 0;
                const unsigned char *e = q;
                while (e < YYCURSOR && v * 8 + (uint32_t)(*e - '0') <= 0xFF) v = v * 8 + (uint32_t)(*e++ - '0');
                d->out[d->len++] = (uint16_t)v;
                legacy_escape(d, TF_OCTAL_ESCAPE, tok + 1, buf);
                p = e;
                continue;
            }
            "\\" [89] {
                if (template) {
                    d->error = "\\8 and \\9 are not allowed in template strings.";
                    d->error_pos = (uint32_t)(tok - buf);
                    return false;
                }
                d->out[d->len++] = tok[1];
                legacy_escape(d, TF_ESCAPE_89, tok, buf);
                p = YYCURSOR;
                continue;
            }
            "\r\n" | "\r" {
                /* Only templates contain raw CR (strings end at it); both cook to LF. */
                d->out[d->len++] = '\n';
                p = YYCURSOR;
                continue;
            }
            "\\" { p = tok + 1; goto escaped_char; }
            * { goto plain_char; }
        */
    escaped_char: {
            int n;
            uint32_t cp = utf8_decode(p, end, &n);
            emit_cp(d, cp);
            p += n;
            continue;
        }
    plain_char: {
            int n;
            uint32_t cp = utf8_decode(p, end, &n);
            emit_cp(d, cp);
            p += n;
            continue;
        }
    }
    return true;
}

/* A string literal starting at the quote at p. */
static int scan_string(Lexer *lx, Token *t, const unsigned char *p) {
    const unsigned char *end = lx->buf + lx->len;
    unsigned char q = *p;
    const unsigned char *s = p + 1, *e = s;
    bool plain = true;
    for (;;) {
        if (e >= end) return illegal(lx, t, MSG_INVALID, p);
        unsigned char c = *e;
        if (c == q) break;
        if (c == '\n' || c == '\r') return illegal(lx, t, MSG_INVALID, p);
        if (c == '\\') {
            plain = false;
            if (e + 1 >= end) return illegal(lx, t, MSG_INVALID, p);
            int n = line_terminator_len(e + 1);
            e += n ? 1 + n : 2;
            continue;
        }
        if (c >= 0x80) plain = false;
        e++;
    }
    lx->cur = e + 1;
    t->end = (uint32_t)(lx->cur - lx->buf);
    uint32_t n = (uint32_t)(e - s);
    uint16_t *out = lx_alloc(lx, (n ? n : 1) * sizeof(uint16_t));
    if (plain) {
        for (uint32_t i = 0; i < n; i++) out[i] = s[i];
        t->v.str.chars = out;
        t->v.str.len = n;
    } else {
        Decoder d = {.out = out};
        if (!decode_body(&d, s, e, lx->buf, false)) return illegal(lx, t, d.error, lx->buf + d.error_pos);
        t->v.str.chars = out;
        t->v.str.len = d.len;
        t->flags |= d.flags;
        t->aux = d.first_bad;
        count_lines(lx, s, e, false); /* line continuations */
    }
    if (n == 10 && memcmp(s, "use strict", 10) == 0) t->flags |= TF_RAW_USE_STRICT;
    return TK_STRING;
}

/* A template chunk whose body starts at p: after the opening backtick (head) or after the `}`
 * closing a substitution. Ends at a backtick or `${` (which opens a template brace). */
static int scan_template(Lexer *lx, Token *t, const unsigned char *p, bool head) {
    const unsigned char *end = lx->buf + lx->len, *e = p;
    int type;
    for (;;) {
        if (e >= end) return illegal_eof(lx, t);
        if (*e == '`') {
            type = head ? TK_TEMPLATE : TK_TEMPLATE_TAIL;
            lx->cur = e + 1;
            break;
        }
        if (*e == '$' && e[1] == '{') {
            type = head ? TK_TEMPLATE_HEAD : TK_TEMPLATE_MIDDLE;
            lx->cur = e + 2;
            break;
        }
        if (*e == '\\') {
            if (e + 1 >= end) return illegal_eof(lx, t);
            e += 2;
            continue;
        }
        e++;
    }
    t->end = (uint32_t)(lx->cur - lx->buf);
    uint32_t n = (uint32_t)(e - p);
    Decoder d = {.out = lx_alloc(lx, (n ? n : 1) * sizeof(uint16_t))};
    if (!decode_body(&d, p, e, lx->buf, true)) return illegal(lx, t, d.error, lx->buf + d.error_pos);
    t->v.str.chars = d.out;
    t->v.str.len = d.len;
    count_lines(lx, p, e, false);
    if (type == TK_TEMPLATE_HEAD || type == TK_TEMPLATE_MIDDLE) {
        if (lx->nbraces == lx->braces_cap) {
            uint32_t cap = lx->braces_cap ? lx->braces_cap * 2 : 64;
            uint8_t *nb = lx_alloc(lx, cap);
            if (lx->nbraces) memcpy(nb, lx->braces, lx->nbraces);
            lx->braces = nb;
            lx->braces_cap = cap;
        }
        lx->braces[lx->nbraces++] = 1;
    }
    return type;
}

/* ------------------------------------------------------------------ numbers */

static double parse_radix(const unsigned char *p, const unsigned char *q, int radix) {
    double v = 0;
    for (; p < q; p++) v = v * radix + hexval(*p);
    return v;
}

/* Decimal literal [p, q): exact integer fast path, otherwise strtod in the C locale. */
static double parse_decimal(Lexer *lx, const unsigned char *p, const unsigned char *q) {
    uint64_t v = 0;
    const unsigned char *s = p;
    while (s < q && *s >= '0' && *s <= '9' && s - p < 15) v = v * 10 + (uint64_t)(*s++ - '0');
    if (s == q) return (double)v;
    char small[64];
    size_t n = (size_t)(q - p);
    char *copy = n < sizeof small ? small : malloc(n + 1);
    if (!copy) return 0;
    memcpy(copy, p, n);
    copy[n] = 0;
    /* Numeric literals always use '.', whatever LC_NUMERIC the embedder set. */
    if (!lx->c_locale) lx->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    double d = lx->c_locale ? strtod_l(copy, NULL, lx->c_locale) : strtod(copy, NULL);
    if (copy != small) free(copy);
    return d;
}

static int number(Lexer *lx, Token *t, double v, uint16_t flags) {
    t->v.num = v;
    t->flags |= flags;
    return TK_NUMBER;
}

/* ------------------------------------------------------------------ comments */

/* Skip a block comment whose body starts at p; false if unterminated. */
static bool skip_block_comment(Lexer *lx, const unsigned char *p) {
    const unsigned char *end = lx->buf + lx->len;
    for (;;) {
        const unsigned char *star = memchr(p, '*', (size_t)(end - p));
        if (!star || star + 1 >= end) return false;
        if (star[1] == '/') {
            count_lines(lx, p, star, true);
            lx->cur = star + 2;
            return true;
        }
        p = star + 1;
    }
}

static void skip_line_comment(Lexer *lx, const unsigned char *p) {
    const unsigned char *end = lx->buf + lx->len;
    while (p < end && *p != '\n' && *p != '\r' &&
           !(p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)))
        p++;
    lx->cur = p;
}

/* ------------------------------------------------------------------ main scanner */

void lex_init(Lexer *lx, const char *buf, size_t len, Arena *arena) {
    memset(lx, 0, sizeof *lx);
    lx->buf = (const unsigned char *)buf;
    lx->len = (uint32_t)len;
    lx->cur = lx->buf;
    lx->arena = arena;
    lx->line = 1;
    lx->col_val = 1;
    /* Pure ASCII sources (the common case) get columns by subtraction. */
    lx->ascii = is_ascii(lx->buf, lx->buf + len);
    /* A hashbang line is a comment, as in node. */
    if (len >= 2 && buf[0] == '#' && buf[1] == '!') skip_line_comment(lx, lx->buf + 2);
}

static void position(Lexer *lx, Token *t, const unsigned char *tok) {
    t->line = lx->line;
    t->col = column_at(lx, tok);
}

static void push_brace(Lexer *lx) {
    if (lx->nbraces == lx->braces_cap) {
        uint32_t cap = lx->braces_cap ? lx->braces_cap * 2 : 64;
        uint8_t *nb = lx_alloc(lx, cap);
        if (lx->nbraces) memcpy(nb, lx->braces, lx->nbraces);
        lx->braces = nb;
        lx->braces_cap = cap;
    }
    lx->braces[lx->nbraces++] = 0;
}

static int op_token(Token *t, int type, OpKind op) {
    t->op = (uint8_t)op;
    return type;
}

static int scan(Lexer *lx, Token *t) {
    const unsigned char *YYMARKER, *tok;
    const unsigned char *const limit = lx->buf + lx->len;
    (void)YYMARKER;
loop:
    tok = lx->cur;
    t->start = (uint32_t)(tok - lx->buf);
    /*!re2c
        re2c:define:YYCURSOR = "lx->cur";
        re2c:define:YYLIMIT = "limit";
        re2c:eof = 0;

        ws+ { goto loop; }
        lt { new_line(lx, lx->cur); goto loop; }
        "//" { skip_line_comment(lx, lx->cur); goto loop; }
        "/*" {
            if (!skip_block_comment(lx, lx->cur)) {
                position(lx, t, tok);
                return illegal(lx, t, MSG_INVALID, tok);
            }
            goto loop;
        }
        $ { t->start = lx->len; return TK_EOF; }
        * { return illegal(lx, t, MSG_INVALID, tok); }

        "{" { push_brace(lx); return TK_LBRACE; }
        "}" {
            if (lx->nbraces && lx->braces[--lx->nbraces] == 1) {
                position(lx, t, tok);
                return scan_template(lx, t, lx->cur, false);
            }
            return TK_RBRACE;
        }
        "`" { position(lx, t, tok); return scan_template(lx, t, lx->cur, true); }
        ["'] { position(lx, t, tok); return scan_string(lx, t, tok); }

        "(" { return TK_LP; }
        ")" { return TK_RP; }
        "[" { return TK_LBRACKET; }
        "]" { return TK_RBRACKET; }
        ";" { return TK_SEMI; }
        "," { return TK_COMMA; }
        "." { return TK_DOT; }
        "..." { return TK_ELLIPSIS; }
        "=>" { return TK_ARROW; }
        "?" { return TK_QUESTION; }
        ":" { return TK_COLON; }
        "~" { return TK_TILDE; }
        "!" { return TK_BANG; }
        "<" { return TK_LT; }
        ">" { return TK_GT; }
        "<=" { return TK_LE; }
        ">=" { return TK_GE; }
        "==" { return TK_EQ; }
        "!=" { return TK_NE; }
        "===" { return TK_SEQ; }
        "!==" { return TK_SNE; }
        "+" { return TK_PLUS; }
        "-" { return TK_MINUS; }
        "*" { return TK_STAR; }
        "/" { return TK_SLASH; }
        "%" { return TK_PERCENT; }
        "**" { return TK_STARSTAR; }
        "++" { return TK_INC; }
        "--" { return TK_DEC; }
        "<<" { return TK_SHL; }
        ">>" { return TK_SAR; }
        ">>>" { return TK_SHR; }
        "&" { return TK_BITAND; }
        "|" { return TK_BITOR; }
        "^" { return TK_BITXOR; }
        "&&" { return TK_AND; }
        "||" { return TK_OR; }
        "??" { return TK_NULLISH; }
        "?." {
            /* `a?.5:b` is a conditional: `?.` before a digit is `?` then `.5` */
            if (*lx->cur >= '0' && *lx->cur <= '9') {
                lx->cur--;
                return TK_QUESTION;
            }
            return TK_QDOT;
        }
        "=" { return TK_ASSIGN; }
        "+=" { return op_token(t, TK_ASSIGNOP, OP_ADD); }
        "-=" { return op_token(t, TK_ASSIGNOP, OP_SUB); }
        "*=" { return op_token(t, TK_ASSIGNOP, OP_MUL); }
        "/=" { return op_token(t, TK_ASSIGNOP, OP_DIV); }
        "%=" { return op_token(t, TK_ASSIGNOP, OP_MOD); }
        "**=" { return op_token(t, TK_ASSIGNOP, OP_EXP); }
        "<<=" { return op_token(t, TK_ASSIGNOP, OP_SHL); }
        ">>=" { return op_token(t, TK_ASSIGNOP, OP_SAR); }
        ">>>=" { return op_token(t, TK_ASSIGNOP, OP_SHR); }
        "&=" { return op_token(t, TK_ASSIGNOP, OP_BITAND); }
        "&&=" { return op_token(t, TK_ASSIGNOP, OP_AND); }
        "||=" { return op_token(t, TK_ASSIGNOP, OP_OR); }
        "??=" { return op_token(t, TK_ASSIGNOP, OP_NULLISH); }
        "|=" { return op_token(t, TK_ASSIGNOP, OP_BITOR); }
        "^=" { return op_token(t, TK_ASSIGNOP, OP_BITXOR); }

        "break" { return TK_BREAK; }
        "case" { return TK_CASE; }
        "catch" { return TK_CATCH; }
        "class" { return TK_CLASS; }
        "const" { return TK_CONST; }
        "continue" { return TK_CONTINUE; }
        "debugger" { return TK_DEBUGGER; }
        "default" { return TK_DEFAULT; }
        "delete" { return TK_DELETE; }
        "do" { return TK_DO; }
        "else" { return TK_ELSE; }
        "enum" { return TK_ENUM; }
        "export" { return TK_EXPORT; }
        "extends" { return TK_EXTENDS; }
        "false" { return TK_FALSE; }
        "finally" { return TK_FINALLY; }
        "for" { return TK_FOR; }
        "function" { return TK_FUNCTION; }
        "if" { return TK_IF; }
        "import" { return TK_IMPORT; }
        "in" { return TK_IN; }
        "instanceof" { return TK_INSTANCEOF; }
        "let" { return TK_LET; }
        "new" { return TK_NEW; }
        "null" { return TK_NULL; }
        "return" { return TK_RETURN; }
        "super" { return TK_SUPER; }
        "switch" { return TK_SWITCH; }
        "this" { return TK_THIS; }
        "throw" { return TK_THROW; }
        "true" { return TK_TRUE; }
        "try" { return TK_TRY; }
        "typeof" { return TK_TYPEOF; }
        "var" { return TK_VAR; }
        "void" { return TK_VOID; }
        "while" { return TK_WHILE; }
        "with" { return TK_WITH; }

        id_start_cp id_part_cp* {
            uint32_t n = (uint32_t)(lx->cur - tok);
            char *s = lx_alloc(lx, n + 1);
            memcpy(s, tok, n);
            t->v.ident.name = s;
            t->v.ident.len = n;
            return TK_IDENT;
        }
        (id_start_cp | uesc) (id_part_cp | uesc)* { return finish_ident(lx, t, tok, lx->cur); }
        "\\" { return illegal(lx, t, MSG_INVALID, tok); }

        D = [0-9];
        dec_int = "0" | [1-9] D*;
        exp = [eE] [+-]? D+;
        dec_num = dec_int "." D* exp? | "." D+ exp? | dec_int exp?;
        legacy_dec = "0" D* [89] D* ("." D*)? exp?;
        legacy_oct = "0" [0-7]+;
        num_any = dec_num | legacy_dec | legacy_oct | "0" [xX] hex* | "0" [oO] [0-7]* | "0" [bB] [01]*;

        dec_num { return number(lx, t, parse_decimal(lx, tok, lx->cur), 0); }
        legacy_dec { return number(lx, t, parse_decimal(lx, tok, lx->cur), TF_LEADING_ZERO); }
        legacy_oct { return number(lx, t, parse_radix(tok + 1, lx->cur, 8), TF_LEGACY_OCTAL); }
        "0" [xX] hex+ {
            /* strtod rounds long hex literals correctly; short ones are exact anyway. */
            if (lx->cur - tok > 15) return number(lx, t, parse_decimal(lx, tok, lx->cur), 0);
            return number(lx, t, parse_radix(tok + 2, lx->cur, 16), 0);
        }
        "0" [oO] [0-7]+ { return number(lx, t, parse_radix(tok + 2, lx->cur, 8), 0); }
        "0" [bB] [01]+ { return number(lx, t, parse_radix(tok + 2, lx->cur, 2), 0); }
        /* A number glued to an identifier or digit (3in, 1.x, 0x, 0b2) is one bad token. */
        num_any ([0-9a-zA-Z$_\\] | id_start_cp) { return illegal(lx, t, MSG_INVALID, tok); }
        "0" [xXoObB] { return illegal(lx, t, MSG_INVALID, tok); }
    */
}

int lex_next(Lexer *lx, Token *t) {
    t->flags = 0;
    t->op = 0;
    t->aux = 0;
    t->line = 0;
    int type = scan(lx, t);
    /* Single-line tokens are positioned here; multi-line ones (strings with continuations,
     * templates) were positioned at their start before their body moved the line count. */
    if (!t->line) {
        t->line = lx->line;
        t->col = column_at(lx, lx->buf + t->start);
    }
    t->type = type;
    if (lx->nl_before) t->flags |= TF_NL_BEFORE;
    lx->nl_before = false;
    t->end = (uint32_t)(lx->cur - lx->buf);
    return type;
}

int lex_rescan_regexp(Lexer *lx, Token *t) {
    const unsigned char *start = lx->buf + t->start, *end = lx->buf + lx->len;
    const unsigned char *p = start + 1;
    bool in_class = false;
    t->type = TK_ILLEGAL;
    for (;;) {
        if (p >= end || line_terminator_len(p))
            return illegal(lx, t, "Invalid regular expression: missing /", start);
        unsigned char c = *p;
        if (c == '\\') {
            if (p + 1 >= end || line_terminator_len(p + 1))
                return illegal(lx, t, "Invalid regular expression: missing /", start);
            p += 2;
            continue;
        }
        if (c == '[') in_class = true;
        else if (c == ']') in_class = false;
        else if (c == '/' && !in_class) break;
        p++;
    }
    const unsigned char *body_end = p++;
    const unsigned char *flags = p;
    /* ASCII only: a non-ASCII character after the flags (Unicode white space) ends them */
    while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                       (*p >= '0' && *p <= '9') || *p == '$' || *p == '_' || *p == '\\'))
        p++;
    /* Flags: each of dgimsuyv at most once. */
    unsigned seen = 0;
    for (const unsigned char *f = flags; f < p; f++) {
        const char *k = memchr("dgimsuyv", *f, 8);
        unsigned bit = k ? 1u << (k - "dgimsuyv") : 0;
        if (!bit || (seen & bit)) return illegal(lx, t, "Invalid regular expression flags", start);
        seen |= bit;
    }
    uint32_t plen = (uint32_t)(body_end - start - 1), flen = (uint32_t)(p - flags);
    char *pat = lx_alloc(lx, plen + 1), *fl = lx_alloc(lx, flen + 1);
    memcpy(pat, start + 1, plen);
    memcpy(fl, flags, flen);
    t->v.regexp.pattern = pat;
    t->v.regexp.pattern_len = plen;
    t->v.regexp.flags = fl;
    lx->cur = p;
    t->end = (uint32_t)(p - lx->buf);
    t->type = TK_REGEXP;
    return TK_REGEXP;
}

void lex_offset_pos(const char *buf, size_t len, uint32_t off, int *line, int *col) {
    const unsigned char *p = (const unsigned char *)buf, *q = p + (off < len ? off : len);
    const unsigned char *ls = p;
    int ln = 1;
    while (p < q) {
        int n = line_terminator_len(p);
        if (n && p + n <= q) {
            p += n;
            ln++;
            ls = p;
        } else {
            p++;
        }
    }
    *line = ln;
    *col = 1 + utf16_units(ls, q);
}

void lex_free(Lexer *lx) {
    if (lx->c_locale) freelocale(lx->c_locale);
    lx->c_locale = (locale_t)0;
}
