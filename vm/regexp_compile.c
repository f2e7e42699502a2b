/* regexp_compile.c: pattern text (UTF-16) -> regex program (regexp_int.h), ES2018 syntax plus
 * Annex B for non-unicode patterns, with V8's error messages. One recursive-descent pass emits
 * code directly; a pre-pass counts groups and collects names (for \10 and forward \k<n>).
 * Nesting depth is capped, so C recursion is bounded whatever the pattern.
 */
#include <stdlib.h>
#include <string.h>

#include "regexp.h"
#include "regexp_int.h"

#define MAX_DEPTH 400
#define MAX_CODE_WORDS (1u << 24)

typedef struct Name {
    uint16_t *s; /* NULL: unnamed group */
    uint32_t len;
} Name;

typedef struct Ranges {
    uint32_t *r; /* pairs */
    size_t n, cap;
} Ranges;

typedef struct Parser {
    const uint16_t *p;
    uint32_t len, i;
    bool u, icase, multiline, dotall, backward, has_names;
    int32_t *code;
    size_t n, cap;
    int ncaps;      /* groups opened so far, group 0 included */
    int total_caps; /* from the pre-pass */
    int nregs;      /* loop registers */
    Name *names;    /* index 1..total_caps-1 */
    const char *err;
    int depth;
} Parser;

/* ---------------------------------------------------------------- code buffer */

static void grow(Parser *ps, size_t extra) {
    if (ps->n + extra <= ps->cap) return;
    size_t cap = ps->cap ? ps->cap * 2 : 64;
    while (cap < ps->n + extra) cap *= 2;
    int32_t *c = realloc(ps->code, cap * sizeof *c);
    if (!c) abort();
    ps->code = c;
    ps->cap = cap;
}

static void emit1(Parser *ps, int32_t a) {
    grow(ps, 1);
    ps->code[ps->n++] = a;
}
static void emit2(Parser *ps, int32_t a, int32_t b) { emit1(ps, a); emit1(ps, b); }
static void emit3(Parser *ps, int32_t a, int32_t b, int32_t c) { emit2(ps, a, b); emit1(ps, c); }

/* Insert k words at `at` (the words are returned for filling). */
static int32_t *insert(Parser *ps, size_t at, size_t k) {
    grow(ps, k);
    memmove(ps->code + at + k, ps->code + at, (ps->n - at) * sizeof(int32_t));
    ps->n += k;
    return ps->code + at;
}

static bool fail(Parser *ps, const char *msg) {
    if (!ps->err) ps->err = msg;
    return false;
}

/* ---------------------------------------------------------------- characters */

static bool more(const Parser *ps) { return ps->i < ps->len; }
static uint32_t peek(const Parser *ps) { return ps->i < ps->len ? ps->p[ps->i] : 0xFFFFFFFFu; }
static uint32_t peek_at(const Parser *ps, uint32_t k) {
    return ps->i + k < ps->len ? ps->p[ps->i + k] : 0xFFFFFFFFu;
}
static bool eat(Parser *ps, uint32_t c) {
    if (peek(ps) != c) return false;
    ps->i++;
    return true;
}

static bool is_lead(uint32_t c) { return c >= 0xD800 && c <= 0xDBFF; }
static bool is_trail(uint32_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

/* Next pattern character; in unicode mode a surrogate pair is one code point. */
static uint32_t next_char(Parser *ps) {
    uint32_t c = ps->p[ps->i++];
    if (ps->u && is_lead(c) && more(ps) && is_trail(peek(ps)))
        c = 0x10000 + ((c - 0xD800) << 10) + (ps->p[ps->i++] - 0xDC00);
    return c;
}

static int hexval(uint32_t c) {
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
    return -1;
}
static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool is_syntax_char(uint32_t c) {
    return c < 128 && strchr("^$\\.*+?()[]{}|", (int)c) && c != 0;
}

/* n hex digits at i (not consumed on failure). */
static bool hex_n(Parser *ps, int n, uint32_t *out) {
    uint32_t v = 0;
    for (int k = 0; k < n; k++) {
        int h = hexval(peek_at(ps, (uint32_t)k));
        if (h < 0) return false;
        v = v * 16 + (uint32_t)h;
    }
    ps->i += (uint32_t)n;
    *out = v;
    return true;
}

/* After "\u": XXXX, a surrogate pair \uXXXX\uXXXX (unicode) or {X...} (unicode). */
static bool unicode_escape(Parser *ps, uint32_t *out) {
    if (ps->u && peek(ps) == '{') {
        uint32_t save = ps->i++;
        uint32_t v = 0;
        int digits = 0;
        while (hexval(peek(ps)) >= 0) {
            v = v * 16 + (uint32_t)hexval(peek(ps));
            if (v > 0x10FFFF) break;
            ps->i++;
            digits++;
        }
        if (digits == 0 || v > 0x10FFFF || !eat(ps, '}')) {
            ps->i = save;
            return false;
        }
        *out = v;
        return true;
    }
    uint32_t v;
    if (!hex_n(ps, 4, &v)) return false;
    if (ps->u && is_lead(v) && peek(ps) == '\\' && peek_at(ps, 1) == 'u') {
        uint32_t save = ps->i;
        uint32_t w;
        ps->i += 2;
        if (hex_n(ps, 4, &w) && is_trail(w)) v = 0x10000 + ((v - 0xD800) << 10) + (w - 0xDC00);
        else ps->i = save;
    }
    *out = v;
    return true;
}

/* ---------------------------------------------------------------- group names */

static bool id_start(uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_' || c >= 0x80;
}
static bool id_part(uint32_t c) { return id_start(c) || is_digit(c) || c == 0x200C || c == 0x200D; }

/* GroupName after '<': identifier then '>'; malloc'd UTF-16 in *out. */
static bool parse_name(Parser *ps, uint16_t **out, uint32_t *outlen) {
    uint16_t *buf = malloc(((size_t)ps->len + 2) * sizeof *buf);
    if (!buf) abort();
    uint32_t n = 0;
    for (;;) {
        if (!more(ps)) goto bad;
        uint32_t c = ps->p[ps->i];
        if (c == '>') {
            ps->i++;
            break;
        }
        if (c == '\\') {
            ps->i++;
            if (!eat(ps, 'u')) goto bad;
            bool was_u = ps->u;
            ps->u = true; /* \u{...} and escaped pairs are allowed in names in every mode */
            bool ok = unicode_escape(ps, &c);
            ps->u = was_u;
            if (!ok) goto bad;
        } else {
            ps->i++;
            if (is_lead(c) && more(ps) && is_trail(peek(ps)))
                c = 0x10000 + ((c - 0xD800) << 10) + (ps->p[ps->i++] - 0xDC00);
        }
        if (n == 0 ? !id_start(c) : !id_part(c)) goto bad;
        if (c > 0xFFFF) {
            buf[n++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
            buf[n++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            buf[n++] = (uint16_t)c;
        }
    }
    if (n == 0) goto bad;
    *out = buf;
    *outlen = n;
    return true;
bad:
    free(buf);
    return false;
}

static int find_name(const Parser *ps, const uint16_t *s, uint32_t len) {
    for (int g = 1; g < ps->total_caps; g++)
        if (ps->names[g].s && ps->names[g].len == len && !memcmp(ps->names[g].s, s, len * 2))
            return g;
    return -1;
}

/* Pre-pass: count capture groups and read their names. */
static bool prescan(Parser *ps) {
    int count = 1;
    bool in_class = false;
    size_t cap = 16;
    ps->names = calloc(cap, sizeof(Name));
    if (!ps->names) abort();
    for (uint32_t i = 0; i < ps->len; i++) {
        uint32_t c = ps->p[i];
        if (c == '\\') {
            i++;
        } else if (c == '[') {
            in_class = true;
        } else if (c == ']') {
            in_class = false;
        } else if (c == '(' && !in_class) {
            bool named = i + 2 < ps->len && ps->p[i + 1] == '?' && ps->p[i + 2] == '<' &&
                         i + 3 < ps->len && ps->p[i + 3] != '=' && ps->p[i + 3] != '!';
            if (i + 1 < ps->len && ps->p[i + 1] == '?' && !named) continue;
            if ((size_t)count >= cap) {
                ps->names = realloc(ps->names, cap * 2 * sizeof(Name));
                if (!ps->names) abort();
                memset(ps->names + cap, 0, cap * sizeof(Name));
                cap *= 2;
            }
            if (named) {
                uint32_t save = ps->i;
                ps->i = i + 3;
                uint16_t *s;
                uint32_t n;
                if (parse_name(ps, &s, &n)) {
                    ps->names[count].s = s;
                    ps->names[count].len = n;
                    ps->has_names = true;
                    i = ps->i - 1;
                }
                ps->i = save;
            }
            count++;
        }
    }
    ps->total_caps = count;
    for (int g = 1; g < count; g++)
        for (int h = 1; h < g; h++)
            if (ps->names[g].s && ps->names[h].s && ps->names[g].len == ps->names[h].len &&
                !memcmp(ps->names[g].s, ps->names[h].s, ps->names[g].len * 2))
                return fail(ps, "Duplicate capture group name");
    return true;
}

/* ---------------------------------------------------------------- character classes */

static void range_add(Ranges *r, uint32_t lo, uint32_t hi) {
    if (r->n + 2 > r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->r = realloc(r->r, r->cap * sizeof(uint32_t));
        if (!r->r) abort();
    }
    r->r[r->n++] = lo;
    r->r[r->n++] = hi;
}

static int cmp_range(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void range_normalize(Ranges *r) {
    if (r->n == 0) return;
    qsort(r->r, r->n / 2, 2 * sizeof(uint32_t), cmp_range);
    size_t w = 0;
    for (size_t i = 0; i < r->n; i += 2) {
        if (w > 0 && r->r[i] <= r->r[w - 1] + 1) {
            if (r->r[i + 1] > r->r[w - 1]) r->r[w - 1] = r->r[i + 1];
        } else {
            r->r[w++] = r->r[i];
            r->r[w++] = r->r[i + 1];
        }
    }
    r->n = w;
}

static const uint32_t digit_ranges[] = {'0', '9'};
static const uint32_t space_ranges[] = {9, 13, 32, 32, 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A,
                                        0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000,
                                        0xFEFF, 0xFEFF};
static const uint32_t word_ranges[] = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};

/* Add \d \s \w (or their complements) to r. */
static void add_class_escape(Parser *ps, Ranges *r, uint32_t kind) {
    const uint32_t *src;
    size_t n;
    Ranges tmp = {0};
    uint32_t lower = kind | 0x20;
    if (lower == 'd') src = digit_ranges, n = 2;
    else if (lower == 's') src = space_ranges, n = sizeof space_ranges / sizeof space_ranges[0];
    else src = word_ranges, n = 8;
    for (size_t i = 0; i < n; i += 2) range_add(&tmp, src[i], src[i + 1]);
    if (lower == 'w' && ps->u && ps->icase) {
        range_add(&tmp, 0x17F, 0x17F);
        range_add(&tmp, 0x212A, 0x212A);
        range_normalize(&tmp);
    }
    if (kind == lower) {
        for (size_t i = 0; i < tmp.n; i += 2) range_add(r, tmp.r[i], tmp.r[i + 1]);
    } else {
        uint32_t from = 0, max = 0x10FFFF;
        for (size_t i = 0; i < tmp.n; i += 2) {
            if (tmp.r[i] > from) range_add(r, from, tmp.r[i] - 1);
            from = tmp.r[i + 1] + 1;
        }
        if (from <= max) range_add(r, from, max);
    }
    free(tmp.r);
}

static void emit_class(Parser *ps, Ranges *r, bool invert) {
    range_normalize(r);
    grow(ps, 3 + r->n);
    emit3(ps, RE_CLASS | (ps->backward ? RE_BACK : 0), invert, (int32_t)(r->n / 2));
    for (size_t i = 0; i < r->n; i++) emit1(ps, (int32_t)r->r[i]);
}

static void emit_char(Parser *ps, uint32_t c) {
    int32_t back = ps->backward ? RE_BACK : 0;
    if (ps->icase) {
        uint32_t v[8];
        if (re_case_variants(c, ps->u, v) > 1) {
            emit2(ps, RE_CHAR_I | back, (int32_t)re_canon(c, ps->u));
            return;
        }
    }
    emit2(ps, RE_CHAR | back, (int32_t)c);
}

/* A character escape (after '\\') that is not a class escape, backreference or assertion.
 * in_class: ClassEscape rules (\b is backspace, \- allowed in unicode mode, \c_ and \c1). */
static bool char_escape(Parser *ps, bool in_class, uint32_t *out) {
    if (!more(ps)) return fail(ps, "\\ at end of pattern");
    uint32_t c = ps->p[ps->i];
    switch (c) {
    case 'f': ps->i++; *out = '\f'; return true;
    case 'n': ps->i++; *out = '\n'; return true;
    case 'r': ps->i++; *out = '\r'; return true;
    case 't': ps->i++; *out = '\t'; return true;
    case 'v': ps->i++; *out = '\v'; return true;
    case 'c': {
        uint32_t d = peek_at(ps, 1);
        if ((d | 0x20) >= 'a' && (d | 0x20) <= 'z') {
            ps->i += 2;
            *out = d % 32;
            return true;
        }
        if (!ps->u && in_class && (is_digit(d) || d == '_')) {
            ps->i += 2;
            *out = d % 32;
            return true;
        }
        if (ps->u) return fail(ps, "Invalid Unicode escape");
        *out = '\\'; /* Annex B: the backslash stands for itself, 'c' is read next */
        return true;
    }
    case '0':
        if (!is_digit(peek_at(ps, 1))) {
            ps->i++;
            *out = 0;
            return true;
        }
        if (ps->u) return fail(ps, in_class ? "Invalid class escape" : "Invalid decimal escape");
        /* legacy octal */
        __attribute__((fallthrough));
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (ps->u) return fail(ps, in_class ? "Invalid class escape" : "Invalid escape");
        {
            uint32_t v = 0;
            int k = 0;
            while (k < 3 && peek(ps) >= '0' && peek(ps) <= '7' && v * 8 + (peek(ps) - '0') <= 0377) {
                v = v * 8 + (peek(ps) - '0');
                ps->i++;
                k++;
            }
            *out = v;
            return true;
        }
    case 'x': {
        ps->i++;
        uint32_t v;
        if (hex_n(ps, 2, &v)) {
            *out = v;
            return true;
        }
        if (ps->u) return fail(ps, "Invalid escape");
        *out = 'x';
        return true;
    }
    case 'u': {
        ps->i++;
        uint32_t v;
        if (unicode_escape(ps, &v)) {
            *out = v;
            return true;
        }
        if (ps->u) return fail(ps, "Invalid Unicode escape");
        *out = 'u';
        return true;
    }
    default:
        if (ps->u) {
            if (is_syntax_char(c) || c == '/' || (in_class && c == '-')) {
                ps->i++;
                *out = c;
                return true;
            }
            return fail(ps, in_class ? "Invalid class escape" : "Invalid escape");
        }
        *out = next_char(ps);
        return true;
    }
}

/* One ClassAtom: *is_set when it was a class escape (\d ...) added to r. */
static bool class_atom(Parser *ps, Ranges *r, uint32_t *c, bool *is_set) {
    *is_set = false;
    if (!more(ps)) return fail(ps, "Unterminated character class");
    if (ps->p[ps->i] != '\\') {
        *c = next_char(ps);
        return true;
    }
    ps->i++;
    uint32_t e = peek(ps);
    if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
        ps->i++;
        add_class_escape(ps, r, e);
        *is_set = true;
        return true;
    }
    if ((e == 'p' || e == 'P') && ps->u) return fail(ps, "Invalid property name in character class");
    if (e == 'b') {
        ps->i++;
        *c = 8;
        return true;
    }
    if (e == '-' && ps->u) {
        ps->i++;
        *c = '-';
        return true;
    }
    if (!ps->u && (e == '8' || e == '9')) {
        ps->i++;
        *c = e;
        return true;
    }
    if (ps->u && e == 'k') return fail(ps, "Invalid class escape");
    if (e == 'c' && !ps->u) {
        uint32_t d = peek_at(ps, 1);
        if (!((d | 0x20) >= 'a' && (d | 0x20) <= 'z') && !is_digit(d) && d != '_') {
            *c = '\\';
            return true;
        }
    }
    return char_escape(ps, true, c);
}

static bool parse_class(Parser *ps) {
    bool invert = eat(ps, '^');
    Ranges r = {0};
    for (;;) {
        if (!more(ps)) {
            free(r.r);
            return fail(ps, "Unterminated character class");
        }
        if (eat(ps, ']')) break;
        uint32_t a, b;
        bool aset, bset;
        if (!class_atom(ps, &r, &a, &aset)) goto bad;
        if (peek(ps) == '-' && peek_at(ps, 1) != ']' && peek_at(ps, 1) != 0xFFFFFFFFu) {
            ps->i++;
            if (!class_atom(ps, &r, &b, &bset)) goto bad;
            if (aset || bset) {
                if (ps->u) {
                    free(r.r);
                    return fail(ps, "Invalid character class");
                }
                if (!aset) range_add(&r, a, a);
                if (!bset) range_add(&r, b, b);
                range_add(&r, '-', '-');
                continue;
            }
            if (a > b) {
                free(r.r);
                return fail(ps, "Range out of order in character class");
            }
            range_add(&r, a, b);
            continue;
        }
        if (!aset) range_add(&r, a, a);
    }
    emit_class(ps, &r, invert);
    free(r.r);
    return true;
bad:
    free(r.r);
    return false;
}

/* ---------------------------------------------------------------- quantifiers */

/* {n}, {n,}, {n,m} at i (after '{'); false (nothing consumed) if not one. */
static bool parse_braces(Parser *ps, int32_t *min, int32_t *max) {
    uint32_t save = ps->i;
    ps->i++;
    if (!is_digit(peek(ps))) goto no;
    double a = 0, b;
    while (is_digit(peek(ps))) a = a * 10 + (ps->p[ps->i++] - '0');
    b = a;
    if (eat(ps, ',')) {
        if (is_digit(peek(ps))) {
            b = 0;
            while (is_digit(peek(ps))) b = b * 10 + (ps->p[ps->i++] - '0');
        } else {
            b = -1;
        }
    }
    if (!eat(ps, '}')) goto no;
    if (b >= 0 && b < a) {
        ps->err = "numbers out of order in {} quantifier";
        return false;
    }
    *min = a > 2147483647.0 ? 2147483647 : (int32_t)a;
    *max = b < 0 ? -1 : b > 2147483647.0 ? 2147483647 : (int32_t)b;
    return true;
no:
    ps->i = save;
    return false;
}

/* Is the code in [a, n) one single-unit character op (for RE_SIMPLE)? */
static bool single_char_op(const Parser *ps, size_t a) {
    if (ps->u || ps->backward || a >= ps->n) return false;
    int32_t op = ps->code[a];
    size_t len;
    switch (op) {
    case RE_CHAR: case RE_CHAR_I: len = 2; break;
    case RE_ANY: case RE_ANY_ALL: len = 1; break;
    case RE_CLASS: len = 3 + 2 * (size_t)ps->code[a + 2]; break;
    default: return false;
    }
    return a + len == ps->n;
}

static void apply_quantifier(Parser *ps, size_t a, int cap_lo, int32_t min, int32_t max, bool greedy) {
    if (max == 0) {
        ps->n = a; /* x{0}: matches empty; its groups stay undefined */
        return;
    }
    if (min == 1 && max == 1) return;
    if (single_char_op(ps, a)) {
        int32_t *w = insert(ps, a, 4);
        w[0] = RE_SIMPLE;
        w[1] = min;
        w[2] = max;
        w[3] = greedy;
        return;
    }
    int32_t rc = 2 * ps->total_caps + ps->nregs++;
    int32_t rp = 2 * ps->total_caps + ps->nregs++;
    bool reset = cap_lo < ps->ncaps;
    size_t pre = 2 + 7 + 2 + (reset ? 3 : 0);
    int32_t *w = insert(ps, a, pre);
    w[0] = RE_LOOP_INIT;
    w[1] = rc;
    int32_t *loop = w + 2;
    loop[0] = RE_LOOP;
    loop[1] = rc;
    loop[2] = rp;
    loop[3] = min;
    loop[4] = max;
    loop[5] = greedy;
    w[9] = RE_SAVE;
    w[10] = rp;
    if (reset) {
        w[11] = RE_RESET;
        w[12] = 2 * cap_lo;
        w[13] = 2 * ps->ncaps;
    }
    size_t loop_at = a + 2;
    size_t next_at = ps->n;
    emit1(ps, RE_LOOP_NEXT);
    emit3(ps, rc, rp, min);
    emit1(ps, (int32_t)((int64_t)loop_at - (int64_t)next_at));
    ps->code[loop_at + 6] = (int32_t)(ps->n - loop_at);
}

/* ---------------------------------------------------------------- terms */

static bool parse_disjunction(Parser *ps);

static void emit_save(Parser *ps, int reg) { emit2(ps, RE_SAVE, reg); }

static bool parse_group(Parser *ps, size_t *atom_start, bool *quantifiable) {
    /* '(' already consumed */
    if (++ps->depth > MAX_DEPTH) return fail(ps, "Regular expression too large");
    bool ok;
    if (eat(ps, '?')) {
        uint32_t c = peek(ps);
        if (c == ':') {
            ps->i++;
            ok = parse_disjunction(ps);
        } else if (c == '=' || c == '!' ||
                   (c == '<' && (peek_at(ps, 1) == '=' || peek_at(ps, 1) == '!'))) {
            bool behind = c == '<';
            if (behind) ps->i++;
            bool neg = ps->p[ps->i++] == '!';
            int kind = behind ? (neg ? RE_LOOK_NOT_BEHIND : RE_LOOK_BEHIND)
                              : (neg ? RE_LOOK_NOT_AHEAD : RE_LOOK_AHEAD);
            size_t at = ps->n;
            emit3(ps, RE_LOOK, kind, 0);
            bool was = ps->backward;
            ps->backward = behind;
            int cap_lo = ps->ncaps;
            ok = parse_disjunction(ps);
            ps->backward = was;
            emit1(ps, RE_LOOK_END);
            ps->code[at + 2] = (int32_t)(ps->n - at);
            /* Annex B: lookaheads may take a quantifier outside unicode mode. */
            *quantifiable = !behind && !ps->u;
            /* a negative lookaround's groups never keep values */
            (void)cap_lo;
        } else if (c == '<') {
            ps->i++;
            uint16_t *s;
            uint32_t n;
            if (!parse_name(ps, &s, &n)) return fail(ps, "Invalid capture group name");
            free(s);
            int g = ps->ncaps++;
            emit_save(ps, ps->backward ? 2 * g + 1 : 2 * g);
            ok = parse_disjunction(ps);
            emit_save(ps, ps->backward ? 2 * g : 2 * g + 1);
        } else {
            return fail(ps, "Invalid group");
        }
    } else {
        int g = ps->ncaps++;
        emit_save(ps, ps->backward ? 2 * g + 1 : 2 * g);
        ok = parse_disjunction(ps);
        emit_save(ps, ps->backward ? 2 * g : 2 * g + 1);
    }
    if (!ok) return false;
    if (!eat(ps, ')')) return fail(ps, "Unterminated group");
    ps->depth--;
    (void)atom_start;
    return true;
}

/* After '\\' outside a class: an atom escape. */
static bool atom_escape(Parser *ps) {
    if (!more(ps)) return fail(ps, "\\ at end of pattern");
    uint32_t e = ps->p[ps->i];
    int32_t back = ps->backward ? RE_BACK : 0;
    if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
        ps->i++;
        Ranges r = {0};
        add_class_escape(ps, &r, e);
        emit_class(ps, &r, false);
        free(r.r);
        return true;
    }
    if ((e == 'p' || e == 'P') && ps->u) return fail(ps, "Invalid property name");
    if (e >= '1' && e <= '9') {
        uint32_t save = ps->i;
        double v = 0;
        while (is_digit(peek(ps))) v = v * 10 + (ps->p[ps->i++] - '0');
        if (v < ps->total_caps) {
            emit2(ps, RE_BACKREF | back, (int32_t)v);
            return true;
        }
        if (ps->u) return fail(ps, "Invalid escape");
        ps->i = save;
        if (e >= '8') {
            ps->i++;
            emit_char(ps, e);
            return true;
        }
    }
    if (e == 'k' && (ps->u || ps->has_names)) {
        ps->i++;
        uint16_t *s;
        uint32_t n;
        if (!eat(ps, '<') || !parse_name(ps, &s, &n)) return fail(ps, "Invalid named reference");
        int g = find_name(ps, s, n);
        free(s);
        if (g < 0) return fail(ps, "Invalid named capture referenced");
        emit2(ps, RE_BACKREF | back, g);
        return true;
    }
    uint32_t c;
    if (!char_escape(ps, false, &c)) return false;
    emit_char(ps, c);
    return true;
}

static bool parse_term(Parser *ps) {
    size_t a = ps->n;
    int cap_lo = ps->ncaps;
    uint32_t c = peek(ps);
    bool quantifiable = true;
    int32_t back = ps->backward ? RE_BACK : 0;
    switch (c) {
    case '^':
        ps->i++;
        emit2(ps, RE_BOL, ps->multiline);
        quantifiable = false;
        break;
    case '$':
        ps->i++;
        emit2(ps, RE_EOL, ps->multiline);
        quantifiable = false;
        break;
    case '\\':
        if (peek_at(ps, 1) == 'b' || peek_at(ps, 1) == 'B') {
            ps->i += 2;
            emit1(ps, ps->p[ps->i - 1] == 'b' ? RE_WORDB : RE_NWORDB);
            quantifiable = false;
            break;
        }
        ps->i++;
        if (!atom_escape(ps)) return false;
        break;
    case '(':
        ps->i++;
        if (!parse_group(ps, &a, &quantifiable)) return false;
        if (!quantifiable && (peek(ps) == '*' || peek(ps) == '+' || peek(ps) == '?' ||
                              (peek(ps) == '{' && ps->u)))
            return fail(ps, "Invalid quantifier");
        if (!quantifiable && peek(ps) == '{') {
            int32_t mn, mx;
            uint32_t save = ps->i;
            if (parse_braces(ps, &mn, &mx)) return fail(ps, "Invalid quantifier");
            if (ps->err) return false;
            ps->i = save;
        }
        if (!quantifiable) return true;
        break;
    case '.':
        ps->i++;
        emit1(ps, (ps->dotall ? RE_ANY_ALL : RE_ANY) | back);
        break;
    case '[':
        ps->i++;
        if (!parse_class(ps)) return false;
        break;
    case '*': case '+': case '?':
        return fail(ps, "Nothing to repeat");
    case '{': {
        if (ps->u) return fail(ps, "Nothing to repeat");
        int32_t mn, mx;
        if (parse_braces(ps, &mn, &mx)) return fail(ps, "Nothing to repeat");
        if (ps->err) return false;
        ps->i++;
        emit_char(ps, '{');
        break;
    }
    case '}': case ']':
        if (ps->u) return fail(ps, "Lone quantifier brackets");
        ps->i++;
        emit_char(ps, c);
        break;
    default:
        emit_char(ps, next_char(ps));
        break;
    }
    /* quantifier */
    c = peek(ps);
    int32_t min, max;
    if (c == '*') min = 0, max = -1, ps->i++;
    else if (c == '+') min = 1, max = -1, ps->i++;
    else if (c == '?') min = 0, max = 1, ps->i++;
    else if (c == '{') {
        if (!parse_braces(ps, &min, &max)) {
            if (ps->err) return false;
            if (ps->u) return fail(ps, "Incomplete quantifier");
            return true;
        }
    } else {
        return true;
    }
    if (!quantifiable) return fail(ps, "Nothing to repeat");
    bool greedy = !eat(ps, '?');
    apply_quantifier(ps, a, cap_lo, min, max, greedy);
    c = peek(ps);
    if (c == '*' || c == '+' || c == '?') return fail(ps, "Nothing to repeat");
    if (c == '{') {
        int32_t mn, mx;
        uint32_t save = ps->i;
        if (parse_braces(ps, &mn, &mx)) return fail(ps, "Nothing to repeat");
        if (ps->err) return false;
        ps->i = save;
    }
    return true;
}

/* Reverse the order of the terms starting at offs[0..k) (each ends where the next starts,
 * the last at ps->n): lookbehind matches its terms right to left. */
static void reverse_terms(Parser *ps, const size_t *offs, size_t k) {
    if (k < 2) return;
    size_t base = offs[0], total = ps->n - base;
    int32_t *tmp = malloc(total * sizeof *tmp);
    if (!tmp) abort();
    size_t w = 0;
    for (size_t t = k; t-- > 0;) {
        size_t s = offs[t], e = t + 1 < k ? offs[t + 1] : ps->n;
        memcpy(tmp + w, ps->code + s, (e - s) * sizeof *tmp);
        w += e - s;
    }
    memcpy(ps->code + base, tmp, total * sizeof *tmp);
    free(tmp);
}

static bool parse_alternative(Parser *ps) {
    size_t *offs = NULL, k = 0, cap = 0;
    bool ok = true;
    while (more(ps) && peek(ps) != '|' && peek(ps) != ')') {
        if (ps->backward) {
            if (k == cap) {
                cap = cap ? cap * 2 : 8;
                offs = realloc(offs, cap * sizeof *offs);
                if (!offs) abort();
            }
            offs[k++] = ps->n;
        }
        if (!parse_term(ps)) {
            ok = false;
            break;
        }
        if (ps->n > MAX_CODE_WORDS) {
            ok = fail(ps, "Regular expression too large");
            break;
        }
    }
    if (ok && ps->backward) reverse_terms(ps, offs, k);
    free(offs);
    return ok;
}

static bool parse_disjunction(Parser *ps) {
    size_t start = ps->n;
    if (!parse_alternative(ps)) return false;
    if (peek(ps) != '|') return true;
    size_t *jumps = NULL, nj = 0, cap = 0;
    while (eat(ps, '|')) {
        int32_t *w = insert(ps, start, 2);
        w[0] = RE_SPLIT;
        if (nj == cap) {
            cap = cap ? cap * 2 : 8;
            jumps = realloc(jumps, cap * sizeof *jumps);
            if (!jumps) abort();
        }
        for (size_t j = 0; j < nj; j++)
            if (jumps[j] >= start) jumps[j] += 2;
        jumps[nj++] = ps->n;
        emit2(ps, RE_JUMP, 0);
        ps->code[start + 1] = (int32_t)(ps->n - start);
        start = ps->n;
        if (!parse_alternative(ps)) {
            free(jumps);
            return false;
        }
    }
    for (size_t j = 0; j < nj; j++) ps->code[jumps[j] + 1] = (int32_t)(ps->n - jumps[j]);
    free(jumps);
    return true;
}

/* ---------------------------------------------------------------- entry points */

int re_parse_flags(const uint16_t *s, uint32_t n) {
    int flags = 0;
    for (uint32_t i = 0; i < n; i++) {
        const char *k = s[i] < 128 ? strchr("gimsuydv", s[i]) : NULL;
        if (!k || !s[i]) return -1;
        int bit = 1 << (k - "gimsuydv");
        if (flags & bit) return -1;
        flags |= bit;
    }
    if ((flags & RE_FLAG_UNICODE) && (flags & RE_FLAG_UNICODE_SETS)) return -1;
    return flags;
}

int32_t *re_compile(const uint16_t *pat, uint32_t len, int flags, uint32_t *nwords, const char **err) {
    Parser ps = {0};
    ps.p = pat;
    ps.len = len;
    ps.u = flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS);
    ps.icase = flags & RE_FLAG_IGNORECASE;
    ps.multiline = flags & RE_FLAG_MULTILINE;
    ps.dotall = flags & RE_FLAG_DOTALL;
    ps.ncaps = 1;
    int32_t *prog = NULL;
    for (int k = 0; k < RE_H_SIZE; k++) emit1(&ps, 0);
    if (prescan(&ps)) {
        emit_save(&ps, 0);
        if (parse_disjunction(&ps) && more(&ps)) fail(&ps, "Unmatched ')'");
    }
    if (!ps.err) {
        emit_save(&ps, 1);
        emit1(&ps, RE_MATCH);
        size_t names_at = ps.n;
        for (int g = 1; g < ps.total_caps; g++) {
            Name *nm = &ps.names[g];
            emit1(&ps, nm->s ? (int32_t)nm->len : -1);
            for (uint32_t k = 0; nm->s && k < nm->len; k++) emit1(&ps, nm->s[k]);
        }
        int32_t *c = ps.code;
        c[RE_H_NCAPS] = ps.total_caps;
        c[RE_H_NREGS] = 2 * ps.total_caps + ps.nregs;
        c[RE_H_FLAGS] = flags;
        c[RE_H_CODE] = RE_H_SIZE;
        c[RE_H_NAMES] = (int32_t)names_at;
        c[RE_H_FIRST] = c[RE_H_SIZE + 2] == RE_CHAR ? c[RE_H_SIZE + 3] : -1;
        prog = ps.code;
        *nwords = (uint32_t)ps.n;
        ps.code = NULL;
    }
    *err = ps.err;
    free(ps.code);
    for (int g = 0; g < ps.total_caps && ps.names; g++) free(ps.names[g].s);
    free(ps.names);
    return prog;
}

int re_capture_count(const int32_t *prog) { return prog[RE_H_NCAPS]; }
int re_program_flags(const int32_t *prog) { return prog[RE_H_FLAGS]; }

const int32_t *re_group_name(const int32_t *prog, int i, uint32_t *len) {
    const int32_t *w = prog + prog[RE_H_NAMES];
    for (int g = 1; g < i; g++) w += 1 + (w[0] > 0 ? w[0] : 0);
    if (w[0] < 0) return NULL;
    *len = (uint32_t)w[0];
    return w + 1;
}
