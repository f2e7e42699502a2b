/* codegen.c: per-function code generation state: instruction buffer, registers, constants,
 * IC sites, the function prologue, and the template the result is packaged into.
 * Constants and IC keys are collected in JS arrays held by handles, so they survive the
 * collections that compiling nested functions (and interning) can trigger.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler_int.h"

void vm_disassemble(const Code *code, FILE *out);

static void *grow(void *p, int *cap, size_t elem, int need) {
    if (need <= *cap) return p;
    int ncap = *cap ? *cap * 2 : 64;
    while (ncap < need) ncap *= 2;
    void *np = realloc(p, elem * (size_t)ncap);
    if (!np) abort();
    *cap = ncap;
    return np;
}

int emit(FnState *fs, Instr i) {
    int cap = fs->cap;
    fs->ins = grow(fs->ins, &cap, sizeof(Instr), fs->count + 1);
    cap = fs->cap;
    fs->pos = grow(fs->pos, &cap, sizeof(SrcPos), fs->count + 1);
    fs->cap = cap;
    fs->ins[fs->count] = i;
    fs->pos[fs->count] = (SrcPos){fs->line, fs->col};
    return fs->count++;
}

int emit_abc(FnState *fs, unsigned op, unsigned a, unsigned b, unsigned c) {
    return emit(fs, ins_abc(op, a, b, c));
}

/* A forward jump to be patched; returns its index. */
int emit_jump(FnState *fs, unsigned op, unsigned a, unsigned b) { return emit(fs, ins_abj(op, a, b, 0)); }

void patch_to(FnState *fs, int at, int target) {
    Instr i = fs->ins[at];
    int32_t off = target - (at + 1);
    if (off < -(1 << 23) || off >= (1 << 23)) compile_error(fs->c, NULL, "function too large");
    fs->ins[at] = ins_abj(INS_OP(i), INS_A(i), INS_B(i), off);
}

void patch_here(FnState *fs, int at) { patch_to(fs, at, fs->count); }

void set_pos(FnState *fs, const Node *n) {
    if (!n) return;
    fs->line = (uint32_t)n->line;
    fs->col = (uint32_t)n->col;
}

int reg_alloc(FnState *fs) {
    int r = fs->nregs++;
    if (fs->nregs > 65000) compile_error(fs->c, NULL, "too many registers in one function");
    if (fs->nregs > fs->maxregs) fs->maxregs = fs->nregs;
    return r;
}

int reg_alloc_n(FnState *fs, int n) {
    int r = fs->nregs;
    for (int i = 0; i < n; i++) reg_alloc(fs);
    return r;
}

void reg_free_to(FnState *fs, int mark) { fs->nregs = mark; }

static int push_const(FnState *fs, Value *arr_h, int *count, Value v) {
    Isolate *iso = fs->c->iso;
    if (array_push(iso, *arr_h, v) != MJS_OK) compile_error(fs->c, NULL, "out of memory");
    if (*count >= 65535) compile_error(fs->c, NULL, "too many constants in one function");
    return (*count)++;
}

int const_value(FnState *fs, Value v) { return push_const(fs, fs->consts_h, &fs->nconsts, v); }

static Value atom_utf8(Isolate *iso, const char *s, uint32_t len) {
    return atom_intern(iso, str_from_utf8(iso, s, len));
}

int const_atom(FnState *fs, const char *s, uint32_t len) {
    return const_value(fs, atom_utf8(fs->c->iso, s, len));
}

int const_str16(FnState *fs, const uint16_t *s, uint32_t len) {
    Isolate *iso = fs->c->iso;
    return const_value(fs, atom_intern(iso, str_from_utf16(iso, s, len)));
}

int ic_new(FnState *fs, const char *s, uint32_t len) {
    Isolate *iso = fs->c->iso;
    return push_const(fs, fs->ickeys_h, &fs->nics, atom_utf8(iso, s, len));
}

/* ---------------------------------------------------------------- prologue */

static void store_entry_copy(FnState *fs, Var *v) {
    if (v && v->captured && v->reg >= 0) emit_abc(fs, BC_SETCTX, (unsigned)v->reg, 0, (unsigned)v->slot);
}

static void prologue(FnState *fs) {
    FnInfo *fi = fs->info;
    Scope *s = fi->scope;
    int first_local = 2 + fi->nparams + (fi->has_rest ? 1 : 0);
    if (fi->args_var) fi->args_var->reg = first_local++;
    fs->nregs = first_local;
    fs->maxregs = first_local;
    scope_assign_locations(s, &fs->nregs);
    if (fs->nregs > fs->maxregs) fs->maxregs = fs->nregs;
    /* Sloppy functions that use `arguments` alias their parameters to it: a parameter is
     * read and written as arguments[i] (kept simple: only for plain parameter lists with
     * nothing captured). */
    if (!fi->strict && fi->uses_arguments && !fi->has_rest && fi->args_var && !fi->args_var->captured &&
        fi->node->kind == N_FUNCTION) {
        bool simple = true;
        for (Node *p = fi->node->u.func.params.head; p; p = p->next)
            if (p->kind != N_IDENT || (p->aux && ((Var *)p->aux)->captured)) simple = false;
        for (int i = 0; simple && i < s->nvars; i++)
            if (s->vars[i]->kind == VK_PARAM && s->vars[i]->captured) simple = false;
        for (int i = 0; simple && i < s->nvars; i++)
            if (s->vars[i]->kind == VK_PARAM) s->vars[i]->mapped = s->vars[i]->reg - 2;
    }
    if (s->has_ctx) emit_abc(fs, BC_PUSHCTX, (unsigned)s->ctx_slots, 0, 0);
    /* Values that arrive in registers move into the context when captured. */
    for (int i = 0; i < s->nvars; i++) {
        Var *v = s->vars[i];
        if (v->kind == VK_PARAM || v->kind == VK_THIS || v->kind == VK_CALLEE || v->kind == VK_ARGUMENTS)
            store_entry_copy(fs, v);
    }
    int mark = fs->nregs;
    for (int i = 0; i < s->nvars; i++) {
        Var *v = s->vars[i];
        if (v->global) {
            if (v->kind == VK_VAR) emit_abc(fs, BC_DEFGLOBAL, 0, (unsigned)const_atom(fs, v->name, v->len), 0);
            continue;
        }
        if ((v->kind == VK_VAR || v->kind == VK_FUNC) && v->captured) {
            int t = reg_alloc(fs);
            emit_abc(fs, BC_LOADUNDEF, (unsigned)t, 0, 0);
            emit_abc(fs, BC_SETCTX, (unsigned)t, 0, (unsigned)v->slot);
            reg_free_to(fs, mark);
        } else if ((v->kind == VK_LET || v->kind == VK_CONST) && !v->captured) {
            emit_abc(fs, BC_LOADHOLE, (unsigned)v->reg, 0, 0);
        }
    }
    /* default parameter values */
    if (fi->node->kind == N_FUNCTION) {
        for (Node *p = fi->node->u.func.params.head; p; p = p->next) {
            if (p->kind != N_DECLARATOR) continue;
            Node *id = p->u.decl.name;
            bool pattern = id->kind != N_IDENT;
            Var *v = pattern ? p->aux : id->aux;
            set_pos(fs, p);
            if (p->u.decl.init) {
                int skip = emit_jump(fs, BC_JNOTUNDEF, (unsigned)v->reg, 0);
                int t = reg_alloc(fs);
                if (pattern) expr(fs, p->u.decl.init, t);
                else expr_named(fs, p->u.decl.init, t, id->u.ident.name, id->u.ident.len);
                emit_abc(fs, BC_MOV, (unsigned)v->reg, (unsigned)t, 0);
                reg_free_to(fs, mark);
                patch_here(fs, skip);
                store_entry_copy(fs, v);
            }
            if (pattern) {
                bind_target(fs, id, v->reg, true);
                reg_free_to(fs, mark);
            }
        }
    }
    /* hoisted function declarations */
    for (int i = 0; i < s->nvars; i++) {
        Var *v = s->vars[i];
        if (v->kind != VK_FUNC || !v->decl) continue;
        Node *fn = v->decl;
        set_pos(fs, fn);
        int t = reg_alloc(fs);
        expr_function(fs, fn, t, v->name, v->len);
        if (v->global)
            emit_abc(fs, BC_DEFGLOBAL, (unsigned)t, (unsigned)const_atom(fs, v->name, v->len), 1);
        else
            store_var(fs, v, t);
        reg_free_to(fs, mark);
    }
}

/* ---------------------------------------------------------------- whole functions */

/* Count the distinct names assigned as `this.name = ...` in a body (arrows included, other
 * functions not): `new F` then allocates exactly that many in-object slots, as V8's slack
 * tracking ends up doing. */
typedef struct ThisNames {
    const char *names[64];
    uint32_t lens[64];
    int count;
} ThisNames;

static void count_this(Node *n, ThisNames *t);

static void count_this_list(NodeList *l, ThisNames *t) {
    for (Node *n = l->head; n; n = n->next) count_this(n, t);
}

static void count_this(Node *n, ThisNames *t) {
    if (!n || t->count >= 64) return;
    switch (n->kind) {
    case N_ASSIGN: {
        Node *l = n->u.binary.left;
        if (l->kind == N_MEMBER && l->u.member.obj->kind == N_THIS) {
            bool seen = false;
            for (int i = 0; i < t->count && !seen; i++)
                seen = t->lens[i] == l->u.member.len && memcmp(t->names[i], l->u.member.name, l->u.member.len) == 0;
            if (!seen) {
                t->names[t->count] = l->u.member.name;
                t->lens[t->count++] = l->u.member.len;
            }
        }
        count_this(n->u.binary.right, t);
        break;
    }
    case N_FUNCTION:
        if (n->u.func.flags & FN_ARROW) {
            count_this_list(&n->u.func.body, t);
            count_this(n->u.func.expr_body, t);
        }
        break;
    case N_EXPR_STMT:
    case N_RETURN:
    case N_THROW: count_this(n->u.unary.expr, t); break;
    case N_SEQUENCE:
    case N_BLOCK: count_this_list(&n->u.list, t); break;
    case N_IF:
        count_this(n->u.if_.then, t);
        count_this(n->u.if_.otherwise, t);
        break;
    case N_FOR: count_this(n->u.for_.body, t); break;
    case N_FOR_IN:
    case N_FOR_OF: count_this(n->u.for_in.body, t); break;
    case N_WHILE:
    case N_DO_WHILE: count_this(n->u.while_.body, t); break;
    case N_TRY:
        count_this(n->u.try_.block, t);
        count_this(n->u.try_.handler, t);
        count_this(n->u.try_.finalizer, t);
        break;
    case N_LABELED: count_this(n->u.labeled.body, t); break;
    case N_SWITCH:
        for (Node *c = n->u.switch_.cases.head; c; c = c->next) count_this_list(&c->u.case_.body, t);
        break;
    case N_LOGICAL:
    case N_COND:
    default: break;
    }
}

static Code *finish_code(FnState *fs) {
    FnInfo *fi = fs->info;
    Code *code = calloc(1, sizeof *code);
    if (!code) abort();
    code->ins = fs->ins;
    code->pos = fs->pos;
    code->ins_count = (uint32_t)fs->count;
    fs->ins = NULL;
    fs->pos = NULL;
    code->nparams = (uint16_t)fi->nparams;
    code->frame_size = (uint16_t)(fs->maxregs < 2 ? 2 : fs->maxregs);
    uint16_t flags = 0;
    if (fi->strict) flags |= CODE_STRICT;
    if (fi->is_arrow) flags |= CODE_ARROW;
    if (fi->uses_arguments) flags |= CODE_USES_ARGS;
    if (fi->has_rest) flags |= CODE_HAS_REST;
    if (fi->is_program) flags |= fs->c->mode == COMPILE_SCRIPT ? CODE_SCRIPT : CODE_MODULE;
    if (!fi->strict && !fi->is_arrow && fi->uses_this) flags |= CODE_SLOPPY_THIS;
    Node *n = fi->node;
    if (n->kind == N_FUNCTION) {
        if (n->u.func.flags & FN_METHOD) flags |= CODE_METHOD;
        if (n->u.func.flags & FN_CLASS_CTOR) flags |= CODE_CLASS;
        if (n->u.func.flags & FN_DERIVED) flags |= CODE_DERIVED;
        if (n->u.func.flags & FN_GENERATOR) flags |= CODE_GENERATOR;
        if (n->u.func.flags & FN_ASYNC) flags |= CODE_ASYNC;
        int len = 0;
        for (Node *p = n->u.func.params.head; p && p->kind == N_IDENT; p = p->next) len++;
        if (fi->has_rest && len > fi->nparams) len = fi->nparams;
        code->length = (uint16_t)len;
        ThisNames tn;
        tn.count = 0;
        count_this_list(&n->u.func.body, &tn);
        code->this_props = (uint32_t)tn.count;
        code->src_start = n->u.func.src_start;
        code->src_end = n->u.func.src_end;
    } else {
        code->src_start = 0;
        code->src_end = (uint32_t)fs->c->src_len;
    }
    code->flags = flags;
    code->line = (uint32_t)n->line;
    code->col = (uint32_t)n->col;
    return code;
}

Value codegen_function(Compiler *c, FnState *parent, FnInfo *info, Value name) {
    Isolate *iso = c->iso;
    size_t mark = vm_scope_open(iso);
    FnState fs;
    memset(&fs, 0, sizeof fs);
    fs.c = c;
    fs.parent = parent;
    fs.info = info;
    fs.scope = info->scope;
    fs.completion_reg = -1;
    Value *name_h = vm_handle(iso, name); /* before anything allocates */
    fs.consts_h = vm_handle(iso, array_new(iso, 0));
    fs.ickeys_h = vm_handle(iso, array_new(iso, 0));
    set_pos(&fs, info->node);
    c->active = &fs;
    prologue(&fs);
    Node *n = info->node;
    if (n->kind == N_PROGRAM) {
        if (c->mode == COMPILE_SCRIPT) {
            fs.completion_reg = reg_alloc(&fs);
            emit_abc(&fs, BC_LOADUNDEF, (unsigned)fs.completion_reg, 0, 0);
        }
        stmt_list(&fs, &n->u.program.body);
        if (fs.completion_reg >= 0) emit_abc(&fs, BC_RET, (unsigned)fs.completion_reg, 0, 0);
        else emit_abc(&fs, BC_RETUNDEF, 0, 0, 0);
    } else if (n->u.func.flags & FN_EXPR_BODY) {
        if (info->gen_var) { /* async arrows */
            emit_abc(&fs, BC_GENSTART, (unsigned)info->gen_var->reg, 0, 0);
            emit_abc(&fs, BC_RET, (unsigned)info->gen_var->reg, 0, 0);
        }
        int r = expr_any(&fs, n->u.func.expr_body);
        emit_abc(&fs, BC_RET, (unsigned)r, 0, 0);
    } else {
        if (info->gen_var) {
            /* parameters are bound at the call; the body waits for the first next() */
            emit_abc(&fs, BC_GENSTART, (unsigned)info->gen_var->reg, 0, 0);
            emit_abc(&fs, BC_RET, (unsigned)info->gen_var->reg, 0, 0);
        }
        class_ctor_prologue(&fs);
        stmt_list(&fs, &n->u.func.body);
        derived_return_prep(&fs);
        emit_abc(&fs, BC_RETUNDEF, 0, 0, 0);
    }
    c->active = parent;
    Code *code = finish_code(&fs);
    Value tmpl = vm_template_new(iso, code, *name_h, *c->filename_h, *c->source_h);
    /* No allocation from here on: copy the rooted constants into the code. */
    Value consts = *fs.consts_h, keys = *fs.ickeys_h;
    code->consts = malloc(sizeof(Value) * (size_t)(fs.nconsts ? fs.nconsts : 1));
    code->ic_keys = malloc(sizeof(Value) * (size_t)(fs.nics ? fs.nics : 1));
    code->ics = calloc((size_t)(fs.nics ? fs.nics : 1), sizeof(PropCache));
    if (!code->consts || !code->ic_keys || !code->ics) abort();
    for (int i = 0; i < fs.nconsts; i++) code->consts[i] = array_get_own(consts, (uint32_t)i);
    for (int i = 0; i < fs.nics; i++) code->ic_keys[i] = array_get_own(keys, (uint32_t)i);
    code->const_count = (uint32_t)fs.nconsts;
    code->ic_count = (uint32_t)fs.nics;
    vm_code_register(iso, code);
    if (getenv("MJS_PRINT_BYTECODE")) vm_disassemble(code, stderr);
    vm_scope_close(iso, mark);
    return tmpl;
}
