/* regexp_exec.c: the backtracking matcher. No C recursion: choice points and a trail of
 * register writes live on one malloc'd stack (capped: past RE_STACK_MAX entries the match
 * reports -1 and the caller throws). Reads one-byte or two-byte string content directly and
 * never allocates on the JS heap, so the program and subject pointers stay valid.
 */
#include <stdlib.h>
#include <string.h>

#include "regexp.h"
#include "regexp_int.h"

#define RE_STACK_MAX (1u << 23)

enum { BT_CHOICE, BT_UNDO, BT_LOOK, BT_GREEDY, BT_LAZY };

typedef struct Bt {
    int32_t kind, pc, pos, a, b;
} Bt;

typedef struct Matcher {
    const int32_t *code;
    const uint8_t *s8;
    const uint16_t *s16;
    int32_t len;
    bool u, icase;
    int32_t *regs;
    Bt *st;
    size_t sp, cap;
    bool overflow;
} Matcher;

static inline uint32_t unit(const Matcher *m, int32_t i) { return m->s8 ? m->s8[i] : m->s16[i]; }

static bool push(Matcher *m, int32_t kind, int32_t pc, int32_t pos, int32_t a, int32_t b) {
    if (m->sp == m->cap) {
        if (m->cap >= RE_STACK_MAX) {
            m->overflow = true;
            return false;
        }
        size_t cap = m->cap ? m->cap * 2 : 256;
        Bt *s = realloc(m->st, cap * sizeof *s);
        if (!s) abort();
        m->st = s;
        m->cap = cap;
    }
    m->st[m->sp++] = (Bt){kind, pc, pos, a, b};
    return true;
}

static inline bool set_reg(Matcher *m, int32_t r, int32_t v) {
    if (m->regs[r] == v) return true;
    if (!push(m, BT_UNDO, 0, 0, r, m->regs[r])) return false;
    m->regs[r] = v;
    return true;
}

/* Read the character at pos going forward (*np = position after) or backward. */
static inline int32_t read_fwd(const Matcher *m, int32_t pos, int32_t *np) {
    if (pos >= m->len) return -1;
    uint32_t c = unit(m, pos);
    *np = pos + 1;
    if (m->u && c >= 0xD800 && c <= 0xDBFF && pos + 1 < m->len) {
        uint32_t d = unit(m, pos + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) {
            *np = pos + 2;
            return (int32_t)(0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00));
        }
    }
    return (int32_t)c;
}
static inline int32_t read_back(const Matcher *m, int32_t pos, int32_t *np) {
    if (pos <= 0) return -1;
    uint32_t c = unit(m, pos - 1);
    *np = pos - 1;
    if (m->u && c >= 0xDC00 && c <= 0xDFFF && pos - 2 >= 0) {
        uint32_t d = unit(m, pos - 2);
        if (d >= 0xD800 && d <= 0xDBFF) {
            *np = pos - 2;
            return (int32_t)(0x10000 + ((d - 0xD800) << 10) + (c - 0xDC00));
        }
    }
    return (int32_t)c;
}

static bool is_line_term(uint32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

static bool in_ranges(const int32_t *r, int32_t n, uint32_t c) {
    int32_t lo = 0, hi = n - 1;
    while (lo <= hi) {
        int32_t mid = (lo + hi) / 2;
        if (c < (uint32_t)r[2 * mid]) hi = mid - 1;
        else if (c > (uint32_t)r[2 * mid + 1]) lo = mid + 1;
        else return true;
    }
    return false;
}

static bool class_match(const Matcher *m, const int32_t *ins, uint32_t c) {
    bool in = in_ranges(ins + 3, ins[2], c);
    if (!in && m->icase) {
        uint32_t v[8];
        int n = re_case_variants(c, m->u, v);
        for (int i = 0; i < n && !in; i++) in = in_ranges(ins + 3, ins[2], v[i]);
    }
    return in != (ins[1] != 0);
}

static inline uint32_t canon(const Matcher *m, uint32_t c) {
    if (c < 128 && !m->u) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    return re_canon(c, m->u);
}

/* A single-character op at ins matching at pos (forward or backward): new position or -1. */
static int32_t char_step(const Matcher *m, const int32_t *ins, int32_t pos) {
    bool back = ins[0] & RE_BACK;
    int32_t np;
    int32_t c = back ? read_back(m, pos, &np) : read_fwd(m, pos, &np);
    if (c < 0) return -1;
    switch (ins[0] & RE_OP_MASK) {
    case RE_CHAR: return c == ins[1] ? np : -1;
    case RE_CHAR_I: return c == ins[1] || canon(m, (uint32_t)c) == (uint32_t)ins[1] ? np : -1;
    case RE_ANY: return is_line_term((uint32_t)c) ? -1 : np;
    case RE_ANY_ALL: return np;
    case RE_CLASS: return class_match(m, ins, (uint32_t)c) ? np : -1;
    }
    return -1;
}

static int32_t op_size(const int32_t *ins) {
    switch (ins[0] & RE_OP_MASK) {
    case RE_CHAR: case RE_CHAR_I: return 2;
    case RE_ANY: case RE_ANY_ALL: return 1;
    case RE_CLASS: return 3 + 2 * ins[2];
    }
    return 1;
}

static bool is_word(const Matcher *m, int32_t i) {
    if (i < 0 || i >= m->len) return false;
    uint32_t c = unit(m, i);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
        return true;
    return m->u && m->icase && (c == 0x17F || c == 0x212A);
}

static bool backref(Matcher *m, int32_t g, bool back, int32_t *pos) {
    int32_t s = m->regs[2 * g], e = m->regs[2 * g + 1];
    if (s < 0 || e < 0) return true;
    int32_t n = e - s, p = *pos;
    int32_t from = back ? p - n : p;
    if (from < 0 || from + n > m->len) return false;
    for (int32_t k = 0; k < n; k++) {
        uint32_t a = unit(m, s + k), b = unit(m, from + k);
        if (a != b && !(m->icase && canon(m, a) == canon(m, b))) return false;
    }
    *pos = back ? p - n : p + n;
    return true;
}

/* Try a match starting at pos; 1 matched (regs hold captures), 0 failed, -1 overflow. */
static int run(Matcher *m, int32_t start_pc, int32_t pos) {
    const int32_t *code = m->code;
    int32_t pc = start_pc;
    m->sp = 0;
    for (;;) {
        const int32_t *ins = code + pc;
        int32_t op = ins[0] & RE_OP_MASK;
        switch (op) {
        case RE_CHAR: case RE_CHAR_I: case RE_ANY: case RE_ANY_ALL: case RE_CLASS: {
            int32_t np = char_step(m, ins, pos);
            if (np < 0) goto fail;
            pos = np;
            pc += op_size(ins);
            continue;
        }
        case RE_BOL:
            if (pos == 0 || (ins[1] && is_line_term(unit(m, pos - 1)))) {
                pc += 2;
                continue;
            }
            goto fail;
        case RE_EOL:
            if (pos == m->len || (ins[1] && is_line_term(unit(m, pos)))) {
                pc += 2;
                continue;
            }
            goto fail;
        case RE_WORDB: case RE_NWORDB: {
            bool b = is_word(m, pos - 1) != is_word(m, pos);
            if (b != (op == RE_WORDB)) goto fail;
            pc += 1;
            continue;
        }
        case RE_SPLIT:
            if (!push(m, BT_CHOICE, pc + ins[1], pos, 0, 0)) return -1;
            pc += 2;
            continue;
        case RE_SPLIT_LAZY:
            if (!push(m, BT_CHOICE, pc + 2, pos, 0, 0)) return -1;
            pc += ins[1];
            continue;
        case RE_JUMP:
            pc += ins[1];
            continue;
        case RE_SAVE:
            if (!set_reg(m, ins[1], pos)) return -1;
            pc += 2;
            continue;
        case RE_RESET:
            for (int32_t r = ins[1]; r < ins[2]; r++)
                if (!set_reg(m, r, -1)) return -1;
            pc += 3;
            continue;
        case RE_BACKREF:
            if (!backref(m, ins[1], ins[0] & RE_BACK, &pos)) goto fail;
            pc += 2;
            continue;
        case RE_LOOK:
            if (!push(m, BT_LOOK, pc + ins[2], pos, ins[1], 0)) return -1;
            pc += 3;
            continue;
        case RE_LOOK_END: {
            size_t mk = m->sp;
            while (mk > 0 && m->st[mk - 1].kind != BT_LOOK) mk--;
            mk--; /* the marker */
            Bt mark = m->st[mk];
            if (mark.a == RE_LOOK_AHEAD || mark.a == RE_LOOK_BEHIND) {
                /* success: drop the body's choice points, keep its register writes */
                size_t w = mk;
                for (size_t r = mk + 1; r < m->sp; r++)
                    if (m->st[r].kind == BT_UNDO) m->st[w++] = m->st[r];
                m->sp = w;
                pos = mark.pos;
                pc = mark.pc;
                continue;
            }
            /* the negative body matched: undo it, then fail */
            while (m->sp > mk + 1) {
                Bt *e = &m->st[--m->sp];
                if (e->kind == BT_UNDO) m->regs[e->a] = e->b;
            }
            m->sp = mk;
            goto fail;
        }
        case RE_LOOP_INIT:
            if (!set_reg(m, ins[1], 0)) return -1;
            pc += 2;
            continue;
        case RE_LOOP: {
            int32_t count = m->regs[ins[1]], min = ins[3], max = ins[4];
            if (count < min) {
                pc += 7;
            } else if (max >= 0 && count >= max) {
                pc += ins[6];
            } else if (ins[5]) {
                if (!push(m, BT_CHOICE, pc + ins[6], pos, 0, 0)) return -1;
                pc += 7;
            } else {
                if (!push(m, BT_CHOICE, pc + 7, pos, 0, 0)) return -1;
                pc += ins[6];
            }
            continue;
        }
        case RE_LOOP_NEXT: {
            int32_t count = m->regs[ins[1]];
            if (count >= ins[3] && pos == m->regs[ins[2]]) goto fail; /* empty iteration */
            if (!set_reg(m, ins[1], count + 1)) return -1;
            pc += ins[4];
            continue;
        }
        case RE_SIMPLE: {
            int32_t min = ins[1], max = ins[2];
            const int32_t *atom = ins + 4;
            int32_t cont = pc + 4 + op_size(atom);
            int32_t count = 0, p = pos, np;
            if (ins[3]) {
                while ((max < 0 || count < max) && (np = char_step(m, atom, p)) >= 0) {
                    p = np;
                    count++;
                }
                if (count < min) goto fail;
                if (count > min && !push(m, BT_GREEDY, cont, p, pos + min, 0)) return -1;
            } else {
                while (count < min) {
                    if ((np = char_step(m, atom, p)) < 0) goto fail;
                    p = np;
                    count++;
                }
                if ((max < 0 || count < max) && !push(m, BT_LAZY, pc + 4, p, count, max)) return -1;
            }
            pos = p;
            pc = cont;
            continue;
        }
        case RE_MATCH:
            return 1;
        default:
            return 0;
        }
    fail:
        for (;;) {
            if (m->sp == 0) return 0;
            Bt e = m->st[--m->sp];
            switch (e.kind) {
            case BT_UNDO:
                m->regs[e.a] = e.b;
                continue;
            case BT_CHOICE:
                pc = e.pc;
                pos = e.pos;
                break;
            case BT_LOOK:
                if (e.a == RE_LOOK_AHEAD || e.a == RE_LOOK_BEHIND) continue;
                pc = e.pc; /* the negative body failed: the assertion holds */
                pos = e.pos;
                break;
            case BT_GREEDY:
                if (e.pos - 1 < e.a) continue;
                pos = e.pos - 1;
                pc = e.pc;
                if (pos > e.a) m->st[m->sp++].pos = pos; /* entry still there: reuse it */
                break;
            case BT_LAZY: {
                const int32_t *atom = code + e.pc;
                int32_t np = char_step(m, atom, e.pos);
                if (np < 0) continue;
                int32_t count = e.a + 1;
                if (e.b < 0 || count < e.b) {
                    m->st[m->sp].pos = np;
                    m->st[m->sp].a = count;
                    m->sp++;
                }
                pos = np;
                pc = e.pc + op_size(atom);
                break;
            }
            }
            break;
        }
    }
}

int re_exec(const int32_t *prog, const uint8_t *s8, const uint16_t *s16, uint32_t len,
            uint32_t start, int32_t *caps) {
    int flags = prog[RE_H_FLAGS];
    return re_exec_mode(prog, s8, s16, len, start, caps, (flags & RE_FLAG_STICKY) ? RE_EXEC_STICKY : RE_EXEC_SEARCH);
}

int re_exec_mode(const int32_t *prog, const uint8_t *s8, const uint16_t *s16, uint32_t len,
                 uint32_t start, int32_t *caps, int mode) {
    Matcher m = {0};
    m.code = prog;
    m.s8 = s8;
    m.s16 = s8 ? NULL : s16;
    m.len = (int32_t)len;
    int flags = prog[RE_H_FLAGS];
    m.u = flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS);
    m.icase = flags & RE_FLAG_IGNORECASE;
    bool sticky = mode == RE_EXEC_STICKY;
    int32_t nregs = prog[RE_H_NREGS], ncaps = prog[RE_H_NCAPS];
    m.regs = malloc((size_t)nregs * sizeof(int32_t));
    if (!m.regs) abort();
    int32_t first = prog[RE_H_FIRST];
    if (first > 0xFFFF || (m.u && first >= 0xD800 && first <= 0xDFFF)) first = -1; /* pairs */
    int result = 0;
    for (int32_t pos = (int32_t)start; pos <= m.len; pos++) {
        if (!sticky && first >= 0) {
            while (pos < m.len && unit(&m, pos) != (uint32_t)first) pos++;
            if (pos >= m.len) break;
        }
        for (int32_t r = 0; r < nregs; r++) m.regs[r] = -1;
        result = run(&m, prog[RE_H_CODE], pos);
        if (result != 0 || sticky) break;
        /* unicode: do not start inside a surrogate pair */
        if (m.u && pos + 1 < m.len && unit(&m, pos) >= 0xD800 && unit(&m, pos) <= 0xDBFF &&
            unit(&m, pos + 1) >= 0xDC00 && unit(&m, pos + 1) <= 0xDFFF)
            pos++;
    }
    if (m.overflow) result = -1;
    if (result == 1) memcpy(caps, m.regs, 2 * (size_t)ncaps * sizeof(int32_t));
    free(m.regs);
    free(m.st);
    return result;
}
