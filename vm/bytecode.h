/* bytecode.h: the register bytecode, compiled templates and their code.
 * One 64-bit word per instruction: op:8 | A:16 | B:16 | C:16 | (spare 8), or for jumps
 * op:8 | A:16 | B:16 | J:24 (signed, relative to the next instruction). Registers are frame
 * slots: R0 = callee, R1 = this, R2.. = parameters, then locals and temporaries.
 * 16-bit operands mean no "wide" variants: a function may use 65535 registers/constants/ICs.
 */
#ifndef MJS_BYTECODE_H
#define MJS_BYTECODE_H

#include "vm.h"

typedef uint64_t Instr;

#define INS_OP(i) ((unsigned)((i) & 0xff))
#define INS_A(i) ((unsigned)(((i) >> 8) & 0xffff))
#define INS_B(i) ((unsigned)(((i) >> 24) & 0xffff))
#define INS_C(i) ((unsigned)(((i) >> 40) & 0xffff))
#define INS_J(i) ((int32_t)((int64_t)(i) >> 40))
#define INS_SBX(i) ((int32_t)((i) >> 32)) /* LOADI: 32-bit immediate in the high half */

static inline Instr ins_abc(unsigned op, unsigned a, unsigned b, unsigned c) {
    return (Instr)op | (Instr)a << 8 | (Instr)b << 24 | (Instr)c << 40;
}
static inline Instr ins_abj(unsigned op, unsigned a, unsigned b, int32_t j) {
    return (Instr)op | (Instr)a << 8 | (Instr)b << 24 | (Instr)(uint64_t)(int64_t)j << 40;
}

/* X(name, operands and effect) */
#define MJS_OPCODES(X)                                                                          \
    X(NOP, "")                                                                                  \
    X(MOV, "R[A] = R[B]")                                                                       \
    X(LOADK, "R[A] = K[B]")                                                                     \
    X(LOADI, "R[A] = int32 immediate in the high 32 bits")                                      \
    X(LOADUNDEF, "R[A] = undefined")                                                            \
    X(LOADNULL, "R[A] = null")                                                                  \
    X(LOADTRUE, "R[A] = true")                                                                  \
    X(LOADFALSE, "R[A] = false")                                                                \
    X(LOADHOLE, "R[A] = hole (uninitialised let/const; array elision)")                         \
    X(CHECKTDZ, "if R[A] is the hole: ReferenceError about name K[B]")                          \
    X(GETCTX, "R[A] = context at depth B, slot C")                                              \
    X(SETCTX, "context at depth B, slot C = R[A]")                                              \
    X(PUSHCTX, "frame context = new context of A slots whose parent is the current one")        \
    X(POPCTX, "frame context = its parent")                                                     \
    X(CLONECTX, "frame context = a copy of it (per-iteration let bindings)")                    \
    X(GETGLOBAL, "R[A] = global named by IC B; ReferenceError if absent")                       \
    X(TYPEOFGLOBAL, "R[A] = typeof global named by IC B (no ReferenceError)")                   \
    X(SETGLOBAL, "global named by IC B = R[A]; C=1: strict (ReferenceError if absent)")         \
    X(DEFGLOBAL, "define global var named K[B] (C=1: value R[A], function declaration)")        \
    X(GETFIELD, "R[A] = R[B].key of IC C")                                                      \
    X(SETFIELD, "R[A].key of IC C = R[B]")                                                      \
    X(GETELEM, "R[A] = R[B][R[C]]")                                                             \
    X(SETELEM, "R[A][R[B]] = R[C]")                                                             \
    X(DELFIELD, "R[A] = delete R[B][K[C]]")                                                     \
    X(DELELEM, "R[A] = delete R[B][R[C]]")                                                      \
    X(DEFFIELD, "define own data property R[A][K[C]] = R[B] (object literals)")                 \
    X(DEFELEM, "define own data property R[A][R[B]] = R[C]")                                    \
    X(DEFGETTER, "define getter R[B] for key R[C] on R[A]")                                     \
    X(DEFSETTER, "define setter R[B] for key R[C] on R[A]")                                     \
    X(SETPROTO, "R[A].__proto__ = R[B] in a literal (objects and null only)")                   \
    X(NEWOBJ, "R[A] = {} with room for B properties")                                           \
    X(MKARRAY, "R[A] = [R[B] .. R[B+C-1]] (holes stay holes)")                                  \
    X(APPEND, "push R[B] .. R[B+C-1] onto array R[A]")                                          \
    X(APPENDSPREAD, "push every item of iterable R[B] onto array R[A]")                         \
    X(CLOSURE, "R[A] = closure of template K[B] over the frame context")                        \
    X(ADD, "R[A] = R[B] + R[C]")                                                                \
    X(SUB, "R[A] = R[B] - R[C]")                                                                \
    X(MUL, "R[A] = R[B] * R[C]")                                                                \
    X(DIV, "R[A] = R[B] / R[C]")                                                                \
    X(MOD, "R[A] = R[B] % R[C]")                                                                \
    X(EXP, "R[A] = R[B] ** R[C]")                                                               \
    X(SHL, "R[A] = R[B] << R[C]")                                                               \
    X(SAR, "R[A] = R[B] >> R[C]")                                                               \
    X(SHR, "R[A] = R[B] >>> R[C]")                                                              \
    X(BAND, "R[A] = R[B] & R[C]")                                                               \
    X(BOR, "R[A] = R[B] | R[C]")                                                                \
    X(BXOR, "R[A] = R[B] ^ R[C]")                                                               \
    X(EQ, "R[A] = R[B] == R[C]")                                                                \
    X(NE, "R[A] = R[B] != R[C]")                                                                \
    X(SEQ, "R[A] = R[B] === R[C]")                                                              \
    X(SNE, "R[A] = R[B] !== R[C]")                                                              \
    X(LT, "R[A] = R[B] < R[C]")                                                                 \
    X(LE, "R[A] = R[B] <= R[C]")                                                                \
    X(GT, "R[A] = R[B] > R[C]")                                                                 \
    X(GE, "R[A] = R[B] >= R[C]")                                                                \
    X(IN, "R[A] = R[B] in R[C]")                                                                \
    X(INSTANCEOF, "R[A] = R[B] instanceof R[C]")                                                \
    X(NEG, "R[A] = -R[B]")                                                                      \
    X(PLUS, "R[A] = +R[B] (ToNumber)")                                                          \
    X(NOT, "R[A] = !R[B]")                                                                      \
    X(BNOT, "R[A] = ~R[B]")                                                                     \
    X(TYPEOF, "R[A] = typeof R[B]")                                                             \
    X(INC, "R[A] = ToNumber(R[B]) + 1")                                                         \
    X(DEC, "R[A] = ToNumber(R[B]) - 1")                                                         \
    X(TOSTRING, "R[A] = ToString(R[B]) (template literals)")                                    \
    X(JMP, "pc += J")                                                                           \
    X(JTRUE, "if R[A] is truthy: pc += J")                                                      \
    X(JFALSE, "if R[A] is falsy: pc += J")                                                      \
    X(JNULLISH, "if R[A] is null or undefined: pc += J")                                        \
    X(JNOTUNDEF, "if R[A] is not undefined: pc += J")                                           \
    X(JLT, "if R[A] < R[B]: pc += J")                                                           \
    X(JGE, "if !(R[A] < R[B]): pc += J")                                                        \
    X(CALL, "R[A] = R[A](this = R[A+1], args R[A+2] .. R[A+1+B])")                              \
    X(CALLSPREAD, "R[A] = R[A](this = R[A+1], ...array R[A+2])")                                \
    X(NEW, "R[A] = new R[A](args R[A+2] .. R[A+1+B])")                                          \
    X(NEWSPREAD, "R[A] = new R[A](...array R[A+2])")                                            \
    X(RET, "return R[A]")                                                                       \
    X(RETUNDEF, "return undefined")                                                             \
    X(THROW, "throw R[A]")                                                                      \
    X(THROWERR, "throw a new error of kind A with message K[B]")                                \
    X(TRY, "push a handler: on exception jump to pc + J with it in R[A]")                       \
    X(ENDTRY, "pop the innermost handler")                                                      \
    X(LOADGLOBALOBJ, "R[A] = the global object")                                                \
    X(REGEXP, "R[A] = new RegExp(K[B], K[C])")                                                  \
    X(FORIN, "R[A] = for-in key iterator over R[B]")                                            \
    X(FORINNEXT, "R[A] = next key of iterator R[B], or pc += J when done")                      \
    X(ITER, "R[A] = iterator over R[B] (for-of)")                                               \
    X(ITERNEXT, "R[A] = next value of iterator R[B], or pc += J when done")                     \
    X(ITERCLOSE, "call R[A].return() if present (early exit from for-of)")                      \
    X(CLASS, "R[A] = class constructor F, R[B] = heritage or hole: link F and make R[A+1] = F.prototype") \
    X(DEFMETHOD, "define non-enumerable method R[A][R[C]] = R[B] (class bodies)")                \
    X(DEFCGETTER, "define non-enumerable getter R[B] for key R[C] on R[A]")                    \
    X(DEFCSETTER, "define non-enumerable setter R[B] for key R[C] on R[A]")                    \
    X(GETSUPER, "R[A] = super[R[C]] with home object R[B] and receiver R[A]")                  \
    X(SETSUPER, "super[R[B]] = R[C] with home object R[A] and receiver R[A+1]")                \
    X(SUPERCALL, "R[A] = super(args R[A+2] .. R[A+1+B]) with class R[A]; C=1: ...array R[A+2]") \
    X(CHECKTHIS, "if R[A] is the hole: ReferenceError (super() not called yet)")               \
    X(THISINIT, "if R[A] is not the hole: ReferenceError (super() called twice)")              \
    X(NEWTARGET, "R[A] = new.target of the frame")                                             \
    X(TOKEY, "R[A] = ToPropertyKey(R[B]) (a key read and written once: a[k] += v)")          \
    X(COPYPROPS, "copy own enumerable properties of R[B] onto R[A], except keys in array R[C] (C=0: none)") \
    X(GENSTART, "R[A] = a new generator suspended here (the next instruction returns it)")     \
    X(YIELD, "suspend generator R[B], yielding R[A]; on resume R[A] = the value sent")         \
    X(DEBUGGER, "no-op")

typedef enum Opcode {
#define MJS_OP_ENUM(name, doc) BC_##name,
    MJS_OPCODES(MJS_OP_ENUM)
#undef MJS_OP_ENUM
        BC__COUNT
} Opcode;

/* Code flags */
#define CODE_STRICT 0x01
#define CODE_ARROW 0x02        /* lexical this; not a constructor */
#define CODE_METHOD 0x04       /* no prototype, not a constructor */
#define CODE_USES_ARGS 0x08    /* entry puts the arguments object in R[2 + nparams + has_rest] */
#define CODE_HAS_REST 0x80     /* entry puts the rest array in R[2 + nparams] */
#define CODE_SLOPPY_THIS 0x100 /* entry coerces this: nullish -> global, primitive -> object */
#define CODE_SCRIPT 0x10       /* top level of a classic script */
#define CODE_MODULE 0x20       /* CommonJS wrapper body */
#define CODE_NAMED_EXPR 0x40   /* named function expression: its name is bound inside */
#define CODE_CLASS 0x200       /* class constructor: [[Call]] throws a TypeError */
#define CODE_DERIVED 0x400     /* ... of a derived class: no receiver until super() */
#define CODE_GENERATOR 0x800   /* function*: a call returns a generator, not a constructor */
#define CODE_ASYNC 0x1000      /* async: runs as a generator driven by promises; a call returns a promise */

/* Source position of one instruction. */
typedef struct SrcPos {
    uint32_t line, col;
} SrcPos;

/* Malloc'd, never moves: the interpreter keeps raw pointers into it. */
typedef struct Code {
    Instr *ins;
    SrcPos *pos;          /* one per instruction */
    Value *consts;        /* GC-visible through the template */
    PropCache *ics;       /* GC-visible through the template; ic key in ic_keys */
    Value *ic_keys;       /* the atom each IC site accesses */
    uint32_t ins_count, const_count, ic_count;
    uint16_t nparams;     /* declared parameters (before a rest parameter) */
    uint16_t length;      /* fn.length: params before the first default or rest */
    uint16_t frame_size;  /* registers including R0, R1 */
    uint16_t flags;       /* CODE_* */
    uint32_t src_start, src_end; /* function text in the script source */
    uint32_t line, col;   /* function position */
    uint32_t this_props;  /* distinct `this.x = ...` names: in-object slots for `new F` */
    struct Code *prev, *next; /* every live Code, so consts and ICs are scanned as roots */
} Code;

typedef struct FuncTemplate {
    Map *map;
    Value name;     /* atom ("" for anonymous) */
    Value filename; /* string */
    Value source;   /* the whole script source string (for toString) */
    Code *code;     /* not a Value: visited by hand */
    Value unused;
} FuncTemplate;

static inline FuncTemplate *v_template(Value v) { return (FuncTemplate *)v_ptr(v); }

#endif
