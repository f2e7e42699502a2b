/* regexp_int.h: the compiled form shared by regexp_compile.c and regexp_exec.c, and the case
 * tables of regexp_case.c. Internal to vm/.
 * A program is int32 words: a header (RE_H_*), the code, then the group-name table. Every
 * jump is relative to the start of its own instruction, so code segments can be moved
 * (quantifier prefixes are inserted in front of an atom, lookbehind terms are reversed).
 */
#ifndef MJS_REGEXP_INT_H
#define MJS_REGEXP_INT_H

#include <stdbool.h>
#include <stdint.h>

enum {
    RE_H_NCAPS,      /* capture groups including group 0 */
    RE_H_NREGS,      /* registers: 2 * ncaps captures, then loop counters/positions */
    RE_H_FLAGS,
    RE_H_CODE,       /* word offset of the code */
    RE_H_NAMES,      /* word offset of the names: per group 1..ncaps-1, len (-1) + units */
    RE_H_FIRST,      /* a code unit every match starts with, or -1 */
    RE_H_SIZE
};

/* Opcodes (word 0 of an instruction; RE_BACK marks a char-consuming op that reads leftwards,
 * inside lookbehind). Operands follow in the next words. */
enum {
    RE_CHAR,      /* c: one character equal to c */
    RE_CHAR_I,    /* c: one character whose canonical form is c */
    RE_ANY,       /* any character but a line terminator */
    RE_ANY_ALL,   /* any character (dotAll) */
    RE_CLASS,     /* invert, n, lo0, hi0, ...: sorted disjoint ranges */
    RE_BOL,       /* ^ */
    RE_EOL,       /* $ */
    RE_WORDB,     /* \b */
    RE_NWORDB,    /* \B */
    RE_SPLIT,     /* off: try the next instruction, on failure pc + off */
    RE_SPLIT_LAZY,/* off: try pc + off, on failure the next instruction */
    RE_JUMP,      /* off */
    RE_SAVE,      /* reg: regs[reg] = pos */
    RE_RESET,     /* lo, hi: regs[lo..hi) = -1 */
    RE_BACKREF,   /* group */
    RE_LOOK,      /* kind (RE_LOOK_*), off: body follows, pc + off is after its RE_LOOK_END */
    RE_LOOK_END,
    RE_LOOP_INIT, /* rc: regs[rc] = 0 */
    RE_LOOP,      /* rc, rp, min, max (-1 = none), greedy, off_exit: body follows */
    RE_LOOP_NEXT, /* rc, rp, min, off_back: end of a loop body */
    RE_SIMPLE,    /* min, max, greedy, then one single-unit char op: a fast x* / x+ / x{n,m} */
    RE_MATCH,
    RE_OP_MASK = 0xff,
    RE_BACK = 0x100
};
enum { RE_LOOK_AHEAD, RE_LOOK_NOT_AHEAD, RE_LOOK_BEHIND, RE_LOOK_NOT_BEHIND };

/* Canonicalize (ES2018 22.2.2.7.3): non-unicode: simple uppercase unless it maps non-ASCII to
 * ASCII; unicode: simple case folding. */
uint32_t re_canon(uint32_t c, bool unicode);
/* All characters with the same canonical form as c (c included); returns the count (<= 8). */
int re_case_variants(uint32_t c, bool unicode, uint32_t *out);

#endif
