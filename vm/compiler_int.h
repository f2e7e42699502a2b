/* compiler_int.h: shared state of the resolver (scope.c) and the code generator
 * (codegen*.c). The resolver decides where each variable lives: a register when no inner
 * function captures it, else a slot in its scope's heap Context (V8's rule: all closures made
 * in one scope share that context). The code generator then walks the AST once.
 */
#ifndef MJS_COMPILER_INT_H
#define MJS_COMPILER_INT_H

#include <setjmp.h>

#include "../parser/ast.h"
#include "interp_int.h"

typedef enum VarKindC {
    VK_VAR, VK_LET, VK_CONST, VK_PARAM, VK_FUNC, VK_CATCH, VK_THIS, VK_ARGUMENTS, VK_CALLEE
} VarKindC;

typedef struct Scope Scope;
typedef struct FnInfo FnInfo;

typedef struct Var {
    const char *name;
    uint32_t len;
    uint8_t kind;      /* VarKindC */
    bool captured;     /* referenced from an inner function: lives in a context slot */
    bool global;       /* top-level var/function of a classic script: a global property */
    bool initialized;  /* codegen: declaration already emitted (TDZ check elision) */
    int reg;           /* register when not captured */
    int slot;          /* context slot when captured */
    int mapped;        /* sloppy parameter aliased by arguments[mapped], else -1 */
    Scope *scope;
    Node *decl;        /* N_FUNCTION for hoisted function declarations */
} Var;

struct Scope {
    Scope *parent;
    FnInfo *fn;
    Var **vars;
    int nvars, cap;
    bool is_fn_scope;
    bool has_ctx;  /* some variable is captured: entering the scope pushes a context */
    int ctx_slots;
};

struct FnInfo {
    FnInfo *parent;
    Node *node;        /* N_FUNCTION or N_PROGRAM */
    Scope *scope;      /* function scope */
    bool is_arrow, strict, uses_arguments, uses_this, has_rest, is_program;
    Var *this_var, *args_var, *callee_var;
    Var *init_var;     /* base class constructors: the class's instance-field initializer */
    Var *gen_var;      /* generators: the register holding the generator object */
    int nparams;
    NodeList hoisted_fns; /* function declarations to instantiate at entry (via Node.aux) */
};

/* A pending jump (break/continue/return routed through finally blocks). */
typedef struct Patch {
    int *at;
    int count, cap;
} Patch;

typedef enum CtlKind { CTL_LOOP, CTL_SWITCH, CTL_LABEL, CTL_TRY, CTL_FINALLY, CTL_SCOPE, CTL_FORIN } CtlKind;

/* Control stack entry: what a break/continue/return must unwind on its way out. */
typedef struct Ctl {
    CtlKind kind;
    struct Ctl *outer;
    const char *labels[4]; /* loops and labelled statements */
    uint32_t label_lens[4];
    int nlabels;
    Patch breaks, continues;
    int continue_target; /* -1: patch later */
    /* CTL_FINALLY: routing of jumps through the finally block */
    int kind_reg, val_reg;
    int nexits;
    struct Ctl **exit_targets; /* per exit kind k >= 3: target ctl */
    bool *exit_is_continue;
    Patch to_finally;
    bool has_ctx; /* CTL_SCOPE: a context to pop */
} Ctl;

typedef struct Compiler Compiler;

typedef struct FnState {
    Compiler *c;
    struct FnState *parent;
    FnInfo *info;
    Scope *scope; /* current scope */
    Instr *ins;
    SrcPos *pos;
    int count, cap;
    Value *consts_h; /* handle: JS array of constants */
    Value *ickeys_h; /* handle: JS array of IC keys */
    int nconsts, nics;
    int nregs, maxregs;
    int completion_reg; /* scripts: the completion value, else -1 */
    struct OptChain *opt; /* the optional chain being compiled (its short-circuit jumps) */
    bool opt_continue;    /* the next expr() continues that chain (a link's object) */
    Ctl *ctl;
    int with_regs[16];
    int with_depth;
    uint32_t line, col;
    Value name; /* atom */
} FnState;

struct Compiler {
    Isolate *iso;
    Arena *arena;
    const char *src;
    size_t src_len;
    const char *filename;
    Value *filename_h, *source_h;
    CompileMode mode;
    jmp_buf fail;       /* compile errors: longjmp out (no handle scopes are crossed) */
    ParseError err;
    FnInfo *fns;        /* resolver output */
    struct FnState *active; /* innermost function being generated (its buffers are freed on errors) */
};

/* scope.c */
void scope_resolve_program(Compiler *c, Node *program, FnInfo **out);
void scope_assign_locations(Scope *s, int *next_reg);
Var *scope_lookup(Scope *s, const char *name, uint32_t len);
bool ident_is(const Node *n, const char *s);
_Noreturn void compile_error(Compiler *c, const Node *at, const char *fmt, ...);

/* codegen.c */
Value codegen_function(Compiler *c, FnState *parent, FnInfo *info, Value name);
int emit(FnState *fs, Instr i);
int emit_abc(FnState *fs, unsigned op, unsigned a, unsigned b, unsigned c);
int emit_jump(FnState *fs, unsigned op, unsigned a, unsigned b);
void patch_here(FnState *fs, int at);
void patch_to(FnState *fs, int at, int target);
int reg_alloc(FnState *fs);
int reg_alloc_n(FnState *fs, int n);
void reg_free_to(FnState *fs, int mark);
int const_atom(FnState *fs, const char *s, uint32_t len);
int const_str16(FnState *fs, const uint16_t *s, uint32_t len);
int const_value(FnState *fs, Value v);
int ic_new(FnState *fs, const char *s, uint32_t len);
void set_pos(FnState *fs, const Node *n);

/* codegen_stmt.c */
void enter_scope(FnState *fs, Scope *s);
void leave_scope(FnState *fs, Scope *s);

/* codegen_pattern.c */
void bind_target(FnState *fs, Node *target, int src, bool decl);
void bind_array_pattern(FnState *fs, Node *p, int src, bool decl);
void bind_object_pattern(FnState *fs, Node *p, int src, bool decl);

/* codegen_class.c */
void class_expr(FnState *fs, Node *n, int dst, const char *name, uint32_t name_len);
void class_decl(FnState *fs, Node *n);
/* super.x / super[x] (obj N_SUPER): value into dst; callers pass the receiver in dst. */
void super_get(FnState *fs, Node *target, int dst);
void super_call(FnState *fs, Node *n, int dst);
void load_this(FnState *fs, Node *this_node, int dst);
/* Derived constructors: put the receiver in R1 before a return. */
void derived_return_prep(FnState *fs);
int super_ref_prepare(FnState *fs, Node *target, int *key);
void class_ctor_prologue(FnState *fs);
bool codegen_is_super_ref(const Node *n);

/* codegen_expr.c */
void expr(FnState *fs, Node *n, int dst);
int expr_any(FnState *fs, Node *n);
void expr_effect(FnState *fs, Node *n);
int const_callee_text(FnState *fs, const Node *n);
void expr_function(FnState *fs, Node *n, int dst, const char *name, uint32_t name_len);
/* A value for a named slot: anonymous functions and classes take the slot's name. */
void expr_named(FnState *fs, Node *n, int dst, const char *name, uint32_t len);
void assign_to_ident(FnState *fs, Node *ident, int src, bool is_decl_init);
void load_var(FnState *fs, Var *v, Node *at, int dst);
void store_var(FnState *fs, Var *v, int src);
int ctx_depth(FnState *fs, Var *v);
bool writes_locals(Node *n);
int prop_key_const(FnState *fs, Node *key, const char **name, uint32_t *len);

/* codegen_stmt.c */
void stmt(FnState *fs, Node *n);
void stmt_list(FnState *fs, NodeList *l);
void enter_scope(FnState *fs, Scope *s);
void leave_scope(FnState *fs, Scope *s);

#endif
