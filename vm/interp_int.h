/* interp_int.h: interpreter state shared by interp.c, function.c, error.c and run.c.
 * One value stack (mmap-reserved, never moves) holds every frame's registers; frame
 * records live in a separate array. The GC sees [stack, sp) plus each frame's context and
 * each handler's context; nothing else the interpreter holds is a heap pointer.
 */
#ifndef MJS_INTERP_INT_H
#define MJS_INTERP_INT_H

#include "bytecode.h"

#define VM_STACK_SLOTS (1u << 20)  /* 8 MB of registers */
#define VM_MAX_FRAMES 11000        /* node allows ~11k trivial frames */
#define VM_MAX_HANDLERS 100000

typedef struct Frame {
    Value *base;        /* R0 = callee, R1 = this, R2.. parameters */
    Code *code;         /* NULL for a native frame */
    const Instr *pc;    /* saved pc (next instruction) while this frame is not running */
    Value ctx;          /* current context (GC-visible) */
    Value new_target;   /* new.target: the constructor `new` named, else undefined (GC-visible) */
    Value *saved_sp;    /* caller's sp, restored on return */
    uint32_t argc;
    uint16_t ret_reg;   /* caller's register for the result */
    uint8_t is_construct;
    uint8_t is_entry;   /* entered from C (vm_call): return to C when it returns */
} Frame;

typedef struct Handler {
    uint32_t frame;     /* index of the frame that installed it */
    uint32_t reg;       /* register receiving the exception */
    const Instr *catch_pc;
    Value ctx;          /* context to restore (GC-visible) */
} Handler;

typedef struct VmState {
    Value *stack, *stack_end;
    Value *sp;                  /* first unused slot: the GC scans [stack, sp) */
    Frame *frames;
    uint32_t frame_count;
    Handler *handlers;
    uint32_t handler_count;
    uintptr_t c_stack_limit;    /* lowest C stack address we allow */
    /* where the last exception was thrown, for the uncaught-exception report */
    Value throw_filename, throw_source;
    uint32_t throw_line, throw_col;
    bool throw_pos_valid;
    Code *codes; /* list of live Code (see Code.prev/next) */
    bool yielded;       /* the entry frame left by YIELD, not by returning */
    bool pending_throw; /* vm_interp_run starts by handling the pending exception */
} VmState;

/* Run frames until the entry frame returns (interp.c). */
Status vm_interp_run(Isolate *iso, Value *ret);
/* Position (1-based) of the instruction a frame is at. */
SrcPos vm_frame_pos(const Frame *f);
/* Closure creation (function.c). */
Value vm_closure_new(Isolate *iso, Value tmpl, Value ctx);
Value vm_arguments_new(Isolate *iso, Value *args, uint32_t argc, Value callee, bool strict);
/* Classes (class.c): link constructor F (R[f]) with its heritage (hole: none), defining
 * F.prototype; the new prototype object goes to *proto_out. */
Status vm_class_setup(Isolate *iso, Value *f, Value heritage, Value *proto_out) MJS_MUST_CHECK;
/* Define a class method (data) or accessor part, non-enumerable. */
Status vm_class_define(Isolate *iso, Value obj, Value keyv, Value fn, int kind) MJS_MUST_CHECK;
enum { CLASS_DEF_METHOD, CLASS_DEF_GETTER, CLASS_DEF_SETTER };
/* super[key] / super[key] = v: lookup starts at home's prototype, `this` is the receiver. */
Status vm_super_get(Isolate *iso, Value home, Value keyv, Value receiver, Value *out) MJS_MUST_CHECK;
Status vm_super_set(Isolate *iso, Value home, Value keyv, Value receiver, Value v) MJS_MUST_CHECK;
/* CopyDataProperties (spread.c): own enumerable properties of source onto target, except
 * the keys listed in the array excl (or none when excl is not an array). */
Status vm_copy_data_properties(Isolate *iso, Value target, Value source, Value excl) MJS_MUST_CHECK;
/* Generators (generator.c; resume in interp.c). */
enum { GEN_STATE = 0, GEN_REGS = 1, GEN_PC = 2, GEN_CTX = 3, GEN_HANDLERS = 4, GEN_PROMISE = 5, GEN_INTERNAL = 6 };
enum { GEN_START, GEN_SUSPENDED, GEN_RUNNING, GEN_DONE };
enum { GEN_NEXT, GEN_RETURN, GEN_THROW };
void vm_generator_init(Isolate *iso);
Value vm_generator_new(Isolate *iso, Value fn);
Status vm_generator_resume(Isolate *iso, Value gen, Value sent, int mode, Value *result, bool *done) MJS_MUST_CHECK;
/* Compile (compiler.c): returns a template for the program's top-level function. */
typedef enum CompileMode { COMPILE_SCRIPT, COMPILE_MODULE, COMPILE_FUNCTION_BODY } CompileMode;
Status vm_compile(Isolate *iso, const char *src, size_t len, const char *filename, CompileMode mode,
                  Value *tmpl_out) MJS_MUST_CHECK;
Value vm_template_new(Isolate *iso, Code *code, Value name, Value filename, Value source);
void vm_code_register(Isolate *iso, Code *code);

#endif
