/* codegen_expr.c: expressions. expr() computes a value into a given register; expr_any()
 * returns a register holding the value, which for a local variable is the variable's own
 * register (no copy) — callers copy it first when a later operand could assign that local.
 */
#include <math.h>
#include <string.h>

#include "compiler_int.h"
#include "regexp.h"

static unsigned binop_opcode(OpKind op) {
    switch (op) {
    case OP_ADD: return BC_ADD;
    case OP_SUB: return BC_SUB;
    case OP_MUL: return BC_MUL;
    case OP_DIV: return BC_DIV;
    case OP_MOD: return BC_MOD;
    case OP_EXP: return BC_EXP;
    case OP_SHL: return BC_SHL;
    case OP_SAR: return BC_SAR;
    case OP_SHR: return BC_SHR;
    case OP_BITAND: return BC_BAND;
    case OP_BITOR: return BC_BOR;
    case OP_BITXOR: return BC_BXOR;
    case OP_EQ: return BC_EQ;
    case OP_NE: return BC_NE;
    case OP_SEQ: return BC_SEQ;
    case OP_SNE: return BC_SNE;
    case OP_LT: return BC_LT;
    case OP_GT: return BC_GT;
    case OP_LE: return BC_LE;
    case OP_GE: return BC_GE;
    case OP_IN: return BC_IN;
    case OP_INSTANCEOF: return BC_INSTANCEOF;
    default: return BC_NOP;
    }
}

static bool is_reg_var(const Var *v) { return v && !v->global && !v->captured && v->reg >= 0 && v->mapped < 0; }

/* arguments[i] for a mapped parameter: the object and the index in two fresh registers. */
static int mapped_ref(FnState *fs, Var *v, int *idx) {
    Var *args = fs->info->args_var;
    int o = reg_alloc(fs);
    *idx = reg_alloc(fs);
    emit_abc(fs, BC_MOV, (unsigned)o, (unsigned)args->reg, 0);
    emit(fs, (Instr)BC_LOADI | (Instr)(unsigned)*idx << 8 | (Instr)(uint32_t)v->mapped << 32);
    return o;
}

/* Could evaluating n assign a register variable? (Then operands read before it must be
 * copied out of the variable's register.) Nested functions can't: they only see captured
 * variables, which live in contexts. */
bool writes_locals(Node *n) {
    if (!n) return false;
    switch (n->kind) {
    case N_ASSIGN:
        if (n->u.binary.left->kind == N_IDENT && is_reg_var(n->u.binary.left->aux)) return true;
        return writes_locals(n->u.binary.left) || writes_locals(n->u.binary.right);
    case N_UPDATE:
        if (n->u.unary.expr->kind == N_IDENT && is_reg_var(n->u.unary.expr->aux)) return true;
        return writes_locals(n->u.unary.expr);
    case N_FUNCTION:
    case N_IDENT:
    case N_NUMBER:
    case N_STRING:
    case N_THIS:
    case N_NULL:
    case N_TRUE:
    case N_FALSE: return false;
    case N_UNARY:
    case N_SPREAD: return writes_locals(n->u.unary.expr);
    case N_BINARY:
    case N_LOGICAL: return writes_locals(n->u.binary.left) || writes_locals(n->u.binary.right);
    case N_COND:
        return writes_locals(n->u.cond.test) || writes_locals(n->u.cond.then) || writes_locals(n->u.cond.otherwise);
    case N_CALL:
    case N_NEW:
        if (writes_locals(n->u.call.callee)) return true;
        for (Node *a = n->u.call.args.head; a; a = a->next)
            if (writes_locals(a)) return true;
        return false;
    case N_MEMBER: return writes_locals(n->u.member.obj);
    case N_INDEX: return writes_locals(n->u.index.obj) || writes_locals(n->u.index.index);
    case N_TEMPLATE:
        for (Node *a = n->u.tmpl.exprs.head; a; a = a->next)
            if (writes_locals(a)) return true;
        return false;
    case N_ARRAY:
    case N_SEQUENCE:
        for (Node *a = n->u.list.head; a; a = a->next)
            if (writes_locals(a)) return true;
        return false;
    case N_OBJECT:
        for (Node *p = n->u.list.head; p; p = p->next) {
            if (p->kind == N_SPREAD) {
                if (writes_locals(p->u.unary.expr)) return true;
                continue;
            }
            if ((p->u.prop.computed && writes_locals(p->u.prop.key)) || writes_locals(p->u.prop.value)) return true;
        }
        return false;
    default: return true;
    }
}

/* Number of contexts between the current scope and v's. */
int ctx_depth(FnState *fs, Var *v) {
    int depth = 0;
    for (Scope *s = fs->scope; s && s != v->scope; s = s->parent)
        if (s->has_ctx) depth++;
    return depth;
}

static bool needs_tdz_check(FnState *fs, Var *v) {
    if (v->kind != VK_LET && v->kind != VK_CONST) return false;
    return !v->initialized || v->scope->fn != fs->info;
}

static void emit_tdz_check(FnState *fs, Var *v, int reg) {
    if (needs_tdz_check(fs, v)) emit_abc(fs, BC_CHECKTDZ, (unsigned)reg, (unsigned)const_atom(fs, v->name, v->len), 0);
}

/* `with` bodies: a name is first looked up in the with objects, innermost first. */
static int with_probe(FnState *fs, Node *ident, int dst, int *end_jumps, int *nend) {
    int key = reg_alloc(fs);
    int found = reg_alloc(fs);
    emit_abc(fs, BC_LOADK, (unsigned)key, (unsigned)const_atom(fs, ident->u.ident.name, ident->u.ident.len), 0);
    for (int i = fs->with_depth - 1; i >= 0; i--) {
        int w = fs->with_regs[i];
        emit_abc(fs, BC_IN, (unsigned)found, (unsigned)key, (unsigned)w);
        int next = emit_jump(fs, BC_JFALSE, (unsigned)found, 0);
        if (dst >= 0) emit_abc(fs, BC_GETELEM, (unsigned)dst, (unsigned)w, (unsigned)key);
        else emit_abc(fs, BC_SETELEM, (unsigned)w, (unsigned)key, (unsigned)(-dst - 1));
        end_jumps[(*nend)++] = emit_jump(fs, BC_JMP, 0, 0);
        patch_here(fs, next);
    }
    return key;
}

void load_var(FnState *fs, Var *v, Node *at, int dst) {
    if (v && v->mapped >= 0 && v->scope->fn == fs->info) {
        int mark = fs->nregs, idx;
        int o = mapped_ref(fs, v, &idx);
        emit_abc(fs, BC_GETELEM, (unsigned)dst, (unsigned)o, (unsigned)idx);
        reg_free_to(fs, mark);
        return;
    }
    if (!v || v->global) {
        const char *name = v ? v->name : at->u.ident.name;
        uint32_t len = v ? v->len : at->u.ident.len;
        emit_abc(fs, BC_GETGLOBAL, (unsigned)dst, (unsigned)ic_new(fs, name, len), 0);
    } else if (v->captured) {
        emit_abc(fs, BC_GETCTX, (unsigned)dst, (unsigned)ctx_depth(fs, v), (unsigned)v->slot);
        emit_tdz_check(fs, v, dst);
    } else {
        if (dst != v->reg) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)v->reg, 0);
        emit_tdz_check(fs, v, dst);
    }
}

static void load_ident(FnState *fs, Node *n, int dst) {
    Var *v = n->aux;
    if (fs->with_depth > 0) {
        int mark = fs->nregs, ends[16], nend = 0;
        with_probe(fs, n, dst, ends, &nend);
        reg_free_to(fs, mark);
        if (!v && ident_is(n, "undefined")) emit_abc(fs, BC_LOADUNDEF, (unsigned)dst, 0, 0);
        else load_var(fs, v, n, dst);
        for (int i = 0; i < nend; i++) patch_here(fs, ends[i]);
        return;
    }
    if (!v && ident_is(n, "undefined")) {
        emit_abc(fs, BC_LOADUNDEF, (unsigned)dst, 0, 0);
        return;
    }
    load_var(fs, v, n, dst);
}

/* Store into a variable known by its Var (declarations, hoisted functions). */
void store_var(FnState *fs, Var *v, int src) {
    if (v->mapped >= 0 && v->scope->fn == fs->info) {
        int mark = fs->nregs, idx;
        int o = mapped_ref(fs, v, &idx);
        emit_abc(fs, BC_SETELEM, (unsigned)o, (unsigned)idx, (unsigned)src);
        reg_free_to(fs, mark);
        return;
    }
    if (v->global) emit_abc(fs, BC_SETGLOBAL, (unsigned)src, (unsigned)ic_new(fs, v->name, v->len), 0);
    else if (v->captured) emit_abc(fs, BC_SETCTX, (unsigned)src, (unsigned)ctx_depth(fs, v), (unsigned)v->slot);
    else if (src != v->reg) emit_abc(fs, BC_MOV, (unsigned)v->reg, (unsigned)src, 0);
    if (v->scope->fn == fs->info) v->initialized = true;
}

void assign_to_ident(FnState *fs, Node *ident, int src, bool is_decl_init) {
    Var *v = ident->aux;
    int ends[16], nend = 0, mark = fs->nregs;
    if (fs->with_depth > 0 && !is_decl_init) with_probe(fs, ident, -src - 1, ends, &nend);
    if (!v || v->global) {
        const char *name = v ? v->name : ident->u.ident.name;
        uint32_t len = v ? v->len : ident->u.ident.len;
        emit_abc(fs, BC_SETGLOBAL, (unsigned)src, (unsigned)ic_new(fs, name, len), fs->info->strict ? 1 : 0);
    } else {
        if (!is_decl_init && needs_tdz_check(fs, v)) {
            int t = reg_alloc(fs);
            load_var(fs, v, ident, t);
        }
        if (v->mapped >= 0 && v->scope->fn == fs->info) {
            store_var(fs, v, src);
        } else if (v->kind == VK_CALLEE && !is_decl_init) {
            /* a named function expression's own name is immutable: ignored unless strict */
            if (fs->info->strict)
                emit_abc(fs, BC_THROWERR, E_TYPE, (unsigned)const_atom(fs, "Assignment to constant variable.", 32), 0);
        } else if (v->kind == VK_CONST && !is_decl_init) {
            emit_abc(fs, BC_THROWERR, E_TYPE, (unsigned)const_atom(fs, "Assignment to constant variable.", 32), 0);
        } else if (v->captured) {
            emit_abc(fs, BC_SETCTX, (unsigned)src, (unsigned)ctx_depth(fs, v), (unsigned)v->slot);
        } else if (src != v->reg) {
            emit_abc(fs, BC_MOV, (unsigned)v->reg, (unsigned)src, 0);
        }
        if (is_decl_init && v->scope->fn == fs->info) v->initialized = true;
    }
    for (int i = 0; i < nend; i++) patch_here(fs, ends[i]);
    reg_free_to(fs, mark);
}

int expr_any(FnState *fs, Node *n) {
    if (n->kind == N_IDENT && fs->with_depth == 0) {
        Var *v = n->aux;
        if (is_reg_var(v) && !needs_tdz_check(fs, v)) return v->reg;
    }
    int t = reg_alloc(fs);
    expr(fs, n, t);
    return t;
}

/* expr_any for an operand evaluated before `later`: copied when `later` could clobber it. */
static int operand(FnState *fs, Node *n, Node *later) {
    int r = expr_any(fs, n);
    if (later && r == (n->kind == N_IDENT && is_reg_var(n->aux) ? ((Var *)n->aux)->reg : -1) && writes_locals(later)) {
        int t = reg_alloc(fs);
        emit_abc(fs, BC_MOV, (unsigned)t, (unsigned)r, 0);
        return t;
    }
    return r;
}

void expr_function(FnState *fs, Node *n, int dst, const char *name, uint32_t name_len) {
    Isolate *iso = fs->c->iso;
    Node *id = n->u.func.name;
    Value atom;
    if (id) atom = atom_intern(iso, str_from_utf8(iso, id->u.ident.name, id->u.ident.len));
    else if (name) atom = atom_intern(iso, str_from_utf8(iso, name, name_len));
    else atom = ATOM(iso, empty);
    Value tmpl = codegen_function(fs->c, fs, n->aux, atom);
    int k = const_value(fs, tmpl);
    set_pos(fs, n);
    emit_abc(fs, BC_CLOSURE, (unsigned)dst, (unsigned)k, 0);
}

/* A value for a named slot: anonymous functions take the slot's name (V8's name inference). */
void expr_named(FnState *fs, Node *n, int dst, const char *name, uint32_t len) {
    if (n->kind == N_FUNCTION && !n->u.func.name) expr_function(fs, n, dst, name, len);
    else if (n->kind == N_CLASS && !n->u.class_.name) class_expr(fs, n, dst, name, len);
    else expr(fs, n, dst);
}

static void load_number(FnState *fs, double d, int dst) {
    if (d >= -2147483648.0 && d <= 2147483647.0 && d == (double)(int32_t)d && !(d == 0 && signbit(d))) {
        emit(fs, (Instr)BC_LOADI | (Instr)(unsigned)dst << 8 | (Instr)(uint32_t)(int32_t)d << 32);
    } else {
        emit_abc(fs, BC_LOADK, (unsigned)dst, (unsigned)const_value(fs, v_double(d)), 0);
    }
}

/* ---------------------------------------------------------------- literals */

static void array_literal(FnState *fs, Node *n, int dst) {
    int mark = fs->nregs;
    bool started = false;
    Node *e = n->u.list.head;
    while (e) {
        if (e->kind == N_SPREAD) {
            if (!started) emit_abc(fs, BC_MKARRAY, (unsigned)dst, 0, 0);
            started = true;
            int r = expr_any(fs, e->u.unary.expr);
            set_pos(fs, e);
            emit_abc(fs, BC_APPENDSPREAD, (unsigned)dst, (unsigned)r, (unsigned)const_callee_text(fs, e->u.unary.expr));
            reg_free_to(fs, mark);
            e = e->next;
            continue;
        }
        int base = fs->nregs, count = 0;
        while (e && e->kind != N_SPREAD && count < 64) {
            int r = reg_alloc(fs);
            if (e->kind == N_HOLE) emit_abc(fs, BC_LOADHOLE, (unsigned)r, 0, 0);
            else expr(fs, e, r);
            count++;
            e = e->next;
        }
        emit_abc(fs, started ? BC_APPEND : BC_MKARRAY, (unsigned)dst, (unsigned)base, (unsigned)count);
        started = true;
        reg_free_to(fs, mark);
    }
    if (!started) emit_abc(fs, BC_MKARRAY, (unsigned)dst, 0, 0);
}

int prop_key_const(FnState *fs, Node *key, const char **name, uint32_t *len) {
    char buf[40];
    *name = NULL;
    *len = 0;
    if (key->kind == N_IDENT) {
        *name = key->u.ident.name;
        *len = key->u.ident.len;
        return const_atom(fs, *name, *len);
    }
    if (key->kind == N_STRING) return const_str16(fs, key->u.str.chars, key->u.str.len);
    /* numeric keys: their canonical string */
    int n = num_to_cstr(key->u.num, buf);
    return const_atom(fs, buf, (uint32_t)n);
}

static void object_literal(FnState *fs, Node *n, int dst) {
    Scope *home = n->aux; /* methods using super see the object as "*proto" */
    Var *hv = home ? scope_lookup(home, "*proto", 6) : NULL;
    if (hv && !hv->captured) home = NULL;
    if (home) enter_scope(fs, home);
    emit_abc(fs, BC_NEWOBJ, (unsigned)dst, (unsigned)(n->u.list.count > 0xffff ? 0xffff : n->u.list.count), 0);
    if (home) store_var(fs, hv, dst);
    for (Node *p = n->u.list.head; p; p = p->next) {
        int mark = fs->nregs;
        set_pos(fs, p);
        if (p->kind == N_SPREAD) { /* {...src} */
            int src = expr_any(fs, p->u.unary.expr);
            emit_abc(fs, BC_COPYPROPS, (unsigned)dst, (unsigned)src, 0);
            reg_free_to(fs, mark);
            continue;
        }
        if (p->nflags & NF_COVER_INIT) compile_error(fs->c, p, "Invalid shorthand property initializer");
        if (p->u.prop.computed || p->u.prop.kind != PROP_INIT) {
            int key;
            if (p->u.prop.computed) {
                key = reg_alloc(fs);
                expr(fs, p->u.prop.key, key);
            } else {
                const char *nm;
                uint32_t ln;
                key = reg_alloc(fs);
                emit_abc(fs, BC_LOADK, (unsigned)key, (unsigned)prop_key_const(fs, p->u.prop.key, &nm, &ln), 0);
            }
            int val = reg_alloc(fs);
            expr(fs, p->u.prop.value, val);
            unsigned op = p->u.prop.kind == PROP_GET ? BC_DEFGETTER : p->u.prop.kind == PROP_SET ? BC_DEFSETTER : BC_DEFELEM;
            if (op == BC_DEFELEM) emit_abc(fs, op, (unsigned)dst, (unsigned)key, (unsigned)val);
            else emit_abc(fs, op, (unsigned)dst, (unsigned)val, (unsigned)key);
        } else {
            const char *nm;
            uint32_t ln;
            Node *key = p->u.prop.key;
            if (!p->u.prop.shorthand && key->kind != N_NUMBER &&
                ((key->kind == N_IDENT && ident_is(key, "__proto__")) ||
                 (key->kind == N_STRING && key->u.str.len == 9 && key->u.str.chars[0] == '_' &&
                  key->u.str.chars[2] == 'p' && key->u.str.chars[8] == '_'))) {
                int val = expr_any(fs, p->u.prop.value);
                emit_abc(fs, BC_SETPROTO, (unsigned)dst, (unsigned)val, 0);
                reg_free_to(fs, mark);
                continue;
            }
            if (key->kind != N_IDENT) {
                /* string and number keys may be array indices: define through the key path */
                int kr = reg_alloc(fs);
                emit_abc(fs, BC_LOADK, (unsigned)kr, (unsigned)prop_key_const(fs, key, &nm, &ln), 0);
                int val = reg_alloc(fs);
                char buf[64];
                uint32_t bl = 0;
                if (key->kind == N_STRING) {
                    for (uint32_t i = 0; i < key->u.str.len && bl < sizeof buf; i++)
                        buf[bl++] = key->u.str.chars[i] < 128 ? (char)key->u.str.chars[i] : '?';
                    expr_named(fs, p->u.prop.value, val, buf, bl);
                } else {
                    expr(fs, p->u.prop.value, val);
                }
                emit_abc(fs, BC_DEFELEM, (unsigned)dst, (unsigned)kr, (unsigned)val);
                reg_free_to(fs, mark);
                continue;
            }
            int ic = ic_new(fs, key->u.ident.name, key->u.ident.len);
            int val = reg_alloc(fs);
            expr_named(fs, p->u.prop.value, val, key->u.ident.name, key->u.ident.len);
            emit_abc(fs, BC_DEFFIELD, (unsigned)dst, (unsigned)val, (unsigned)ic);
        }
        reg_free_to(fs, mark);
    }
    if (home) leave_scope(fs, home);
}

/* The template object of a tagged template: a frozen array of the cooked strings with a
 * frozen `raw` array. Made once at compile time, so each evaluation of the site sees the
 * same object, as the language requires. */
static Value string_array(FnState *fs, NodeList *l) {
    Isolate *iso = fs->c->iso;
    size_t sc = vm_scope_open(iso);
    Value *arr = vm_handle(iso, array_new(iso, 0));
    for (Node *q = l->head; q; q = q->next) {
        Value s = str_from_utf16(iso, q->u.str.chars, q->u.str.len);
        if (array_push(iso, *arr, s)) compile_error(fs->c, q, "out of memory");
    }
    Value r = *arr;
    vm_scope_close(iso, sc);
    return r;
}

static void tagged_template_object(FnState *fs, Node *n, int dst) {
    Isolate *iso = fs->c->iso;
    size_t sc = vm_scope_open(iso);
    Value *strings = vm_handle(iso, string_array(fs, &n->u.tmpl.quasis));
    Value *raw = vm_handle(iso, string_array(fs, &n->u.tmpl.raws));
    Value *key = vm_handle(iso, atom_from_cstr(iso, "raw")); /* allocates: before reading *strings */
    if (obj_freeze(iso, *raw, false) || obj_define(iso, *strings, *key, *raw, 0) ||
        obj_freeze(iso, *strings, false))
        compile_error(fs->c, n, "out of memory");
    int k = const_value(fs, *strings);
    vm_scope_close(iso, sc);
    emit_abc(fs, BC_LOADK, (unsigned)dst, (unsigned)k, 0);
}

/* yield v: suspend with v, resume with the value sent. yield* it: yield each value of the
 * iterable in turn (values sent to the outer generator are not forwarded). */
static void yield_expr(FnState *fs, Node *n, int dst) {
    Var *g = fs->info->gen_var;
    if (!g) compile_error(fs->c, n, n->kind == N_AWAIT ? "await is only valid in async functions" : "Unexpected identifier 'yield'");
    int mark = fs->nregs;
    int v = reg_alloc(fs);
    if (n->u.unary.prefix) {
        int it = reg_alloc(fs);
        expr(fs, n->u.unary.expr, v);
        set_pos(fs, n);
        emit_abc(fs, BC_ITER, (unsigned)it, (unsigned)v, (unsigned)const_callee_text(fs, n->u.unary.expr));
        int loop = fs->count;
        int done = emit_jump(fs, BC_ITERNEXT, (unsigned)v, (unsigned)it);
        emit_abc(fs, BC_YIELD, (unsigned)v, (unsigned)g->reg, 0);
        patch_to(fs, emit_jump(fs, BC_JMP, 0, 0), loop);
        patch_here(fs, done);
        emit_abc(fs, BC_LOADUNDEF, (unsigned)v, 0, 0);
    } else {
        if (n->u.unary.expr) expr(fs, n->u.unary.expr, v);
        else emit_abc(fs, BC_LOADUNDEF, (unsigned)v, 0, 0);
        set_pos(fs, n);
        emit_abc(fs, BC_YIELD, (unsigned)v, (unsigned)g->reg, 0);
    }
    if (dst >= 0 && dst != v) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)v, 0);
    reg_free_to(fs, mark);
}

static void template_literal(FnState *fs, Node *n, int dst) {
    if (n->u.tmpl.tagged) {
        tagged_template_object(fs, n, dst);
        return;
    }
    int mark = fs->nregs;
    int acc = reg_alloc(fs);
    Node *q = n->u.tmpl.quasis.head;
    emit_abc(fs, BC_LOADK, (unsigned)acc, (unsigned)const_str16(fs, q->u.str.chars, q->u.str.len), 0);
    int t = reg_alloc(fs);
    for (Node *e = n->u.tmpl.exprs.head; e; e = e->next) {
        q = q->next;
        expr(fs, e, t);
        emit_abc(fs, BC_TOSTRING, (unsigned)t, (unsigned)t, 0);
        emit_abc(fs, BC_ADD, (unsigned)acc, (unsigned)acc, (unsigned)t);
        if (q && q->u.str.len) {
            emit_abc(fs, BC_LOADK, (unsigned)t, (unsigned)const_str16(fs, q->u.str.chars, q->u.str.len), 0);
            emit_abc(fs, BC_ADD, (unsigned)acc, (unsigned)acc, (unsigned)t);
        }
    }
    emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)acc, 0);
    reg_free_to(fs, mark);
}

/* ---------------------------------------------------------------- calls */

/* V8's CallPrinter in small: the text of a callee for "x.y is not a function". */
static void print_callee(const Node *n, char *buf, size_t cap, size_t *len) {
    char num[40];
#define PUT(s, l)                                                                                  \
    do {                                                                                           \
        size_t l_ = (l);                                                                           \
        if (*len + l_ < cap) {                                                                     \
            memcpy(buf + *len, (s), l_);                                                           \
            *len += l_;                                                                            \
        }                                                                                          \
    } while (0)
    switch (n->kind) {
    case N_IDENT: PUT(n->u.ident.name, n->u.ident.len); break;
    case N_THIS: PUT("this", 4); break;
    case N_NULL: PUT("null", 4); break;
    case N_TRUE: PUT("true", 4); break;
    case N_FALSE: PUT("false", 5); break;
    case N_NUMBER: {
        int k = num_to_cstr(n->u.num, num);
        PUT(num, (size_t)k);
        break;
    }
    case N_STRING:
        PUT("\"", 1);
        for (uint32_t i = 0; i < n->u.str.len; i++) {
            char ch = n->u.str.chars[i] < 128 ? (char)n->u.str.chars[i] : '?';
            PUT(&ch, 1);
        }
        PUT("\"", 1);
        break;
    case N_MEMBER:
        print_callee(n->u.member.obj, buf, cap, len);
        PUT(".", 1);
        PUT(n->u.member.name, n->u.member.len);
        break;
    case N_INDEX: {
        Node *k = n->u.index.index;
        print_callee(n->u.index.obj, buf, cap, len);
        if (k->kind == N_STRING) {
            PUT(".", 1);
            for (uint32_t i = 0; i < k->u.str.len; i++) {
                char ch = k->u.str.chars[i] < 128 ? (char)k->u.str.chars[i] : '?';
                PUT(&ch, 1);
            }
        } else {
            PUT("[", 1);
            if (k->kind == N_NUMBER || k->kind == N_IDENT) print_callee(k, buf, cap, len);
            else PUT("...", 3);
            PUT("]", 1);
        }
        break;
    }
    case N_CALL:
        print_callee(n->u.call.callee, buf, cap, len);
        PUT("(...)", 5);
        break;
    default: PUT("(intermediate value)", 20); break;
    }
#undef PUT
}

int const_callee_text(FnState *fs, const Node *n) {
    char buf[200];
    size_t len = 0;
    print_callee(n, buf, sizeof buf, &len);
    return const_atom(fs, buf, (uint32_t)len);
}

static bool has_spread(NodeList *args) {
    for (Node *a = args->head; a; a = a->next)
        if (a->kind == N_SPREAD) return true;
    return false;
}

static void chain_object(FnState *fs, Node *obj, int dst);
static void opt_exit(FnState *fs, int reg);

static void call_expr(FnState *fs, Node *n, int dst) {
    Node *callee = n->u.call.callee;
    bool is_new = n->kind == N_NEW;
    bool spread = has_spread(&n->u.call.args);
    int argc = spread ? 1 : n->u.call.args.count;
    int mark = fs->nregs;
    if (!is_new && callee->kind == N_SUPER) {
        super_call(fs, n, dst);
        return;
    }
    int base = reg_alloc_n(fs, 2 + argc);
    if (!is_new && codegen_is_super_ref(callee)) {
        super_get(fs, callee, base);
        load_this(fs, NULL, base + 1);
    } else if (!is_new && callee->kind == N_MEMBER) {
        chain_object(fs, callee->u.member.obj, base + 1);
        if (callee->nflags & NF_OPTIONAL) opt_exit(fs, base + 1);
        set_pos(fs, callee);
        emit_abc(fs, BC_GETFIELD, (unsigned)base, (unsigned)base + 1,
                 (unsigned)ic_new(fs, callee->u.member.name, callee->u.member.len));
    } else if (!is_new && callee->kind == N_INDEX) {
        chain_object(fs, callee->u.index.obj, base + 1);
        if (callee->nflags & NF_OPTIONAL) opt_exit(fs, base + 1);
        int k = expr_any(fs, callee->u.index.index);
        set_pos(fs, callee);
        emit_abc(fs, BC_GETELEM, (unsigned)base, (unsigned)base + 1, (unsigned)k);
    } else if (!is_new && callee->kind == N_IDENT && fs->with_depth > 0) {
        /* inside `with`, a call of a name found on the object gets the object as this */
        int ends[16], nend = 0, m2 = fs->nregs;
        int key = reg_alloc(fs), found = reg_alloc(fs);
        emit_abc(fs, BC_LOADK, (unsigned)key, (unsigned)const_atom(fs, callee->u.ident.name, callee->u.ident.len), 0);
        for (int i = fs->with_depth - 1; i >= 0; i--) {
            int w = fs->with_regs[i];
            emit_abc(fs, BC_IN, (unsigned)found, (unsigned)key, (unsigned)w);
            int next = emit_jump(fs, BC_JFALSE, (unsigned)found, 0);
            emit_abc(fs, BC_GETELEM, (unsigned)base, (unsigned)w, (unsigned)key);
            emit_abc(fs, BC_MOV, (unsigned)base + 1, (unsigned)w, 0);
            ends[nend++] = emit_jump(fs, BC_JMP, 0, 0);
            patch_here(fs, next);
        }
        reg_free_to(fs, m2);
        int saved = fs->with_depth;
        fs->with_depth = 0;
        load_ident(fs, callee, base);
        fs->with_depth = saved;
        emit_abc(fs, BC_LOADUNDEF, (unsigned)base + 1, 0, 0);
        for (int i = 0; i < nend; i++) patch_here(fs, ends[i]);
    } else {
        chain_object(fs, callee, base);
        emit_abc(fs, BC_LOADUNDEF, (unsigned)base + 1, 0, 0);
    }
    if (n->nflags & NF_OPTIONAL) opt_exit(fs, base); /* f?.() */
    if (spread) {
        Node fake;
        memset(&fake, 0, sizeof fake);
        fake.kind = N_ARRAY;
        fake.u.list = n->u.call.args;
        array_literal(fs, &fake, base + 2);
    } else {
        int i = 0;
        for (Node *a = n->u.call.args.head; a; a = a->next, i++) expr(fs, a, base + 2 + i);
    }
    set_pos(fs, n);
    unsigned op = is_new ? (spread ? BC_NEWSPREAD : BC_NEW) : (spread ? BC_CALLSPREAD : BC_CALL);
    emit_abc(fs, op, (unsigned)base, (unsigned)argc, (unsigned)const_callee_text(fs, callee));
    if (dst != base) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)base, 0);
    reg_free_to(fs, mark);
}

/* ---------------------------------------------------------------- assignment targets */

typedef struct Ref {
    int kind; /* 0 ident, 1 field, 2 elem, 3 super, 4 ident inside `with` (resolved once) */
    Node *ident; /* kind 0: the identifier; kind 1: the member expression */
    int obj, key, ic;
} Ref;

static Ref ref_prepare(FnState *fs, Node *target, Node *later) {
    Ref r = {0};
    switch (target->kind) {
    case N_IDENT:
        r.kind = 0;
        r.ident = target;
        if (fs->with_depth > 0) {
            /* x op= v inside `with`: find the object holding x once; the read and the
             * write use it even if the read's getter deletes x */
            r.kind = 4;
            r.key = reg_alloc(fs);
            r.obj = reg_alloc(fs);
            r.ic = reg_alloc(fs); /* flag: found in a with object */
            emit_abc(fs, BC_LOADK, (unsigned)r.key, (unsigned)const_atom(fs, target->u.ident.name, target->u.ident.len), 0);
            emit_abc(fs, BC_LOADFALSE, (unsigned)r.ic, 0, 0);
            int ends[16], nend = 0;
            for (int i = fs->with_depth - 1; i >= 0; i--) {
                int w = fs->with_regs[i];
                emit_abc(fs, BC_IN, (unsigned)r.ic, (unsigned)r.key, (unsigned)w);
                int next = emit_jump(fs, BC_JFALSE, (unsigned)r.ic, 0);
                emit_abc(fs, BC_MOV, (unsigned)r.obj, (unsigned)w, 0);
                ends[nend++] = emit_jump(fs, BC_JMP, 0, 0);
                patch_here(fs, next);
            }
            for (int i = 0; i < nend; i++) patch_here(fs, ends[i]);
        }
        break;
    case N_MEMBER:
        if (target->u.member.obj->kind == N_SUPER) {
            r.kind = 3;
            r.obj = super_ref_prepare(fs, target, &r.key);
            break;
        }
        r.kind = 1;
        r.ident = target;
        r.obj = operand(fs, target->u.member.obj, later);
        r.ic = ic_new(fs, target->u.member.name, target->u.member.len);
        break;
    case N_INDEX: {
        if (target->u.index.obj->kind == N_SUPER) {
            r.kind = 3;
            r.obj = super_ref_prepare(fs, target, &r.key);
            break;
        }
        r.kind = 2;
        r.obj = expr_any(fs, target->u.index.obj);
        if (writes_locals(target->u.index.index) || (later && writes_locals(later))) {
            int t = reg_alloc(fs);
            emit_abc(fs, BC_MOV, (unsigned)t, (unsigned)r.obj, 0);
            r.obj = t;
        }
        r.key = operand(fs, target->u.index.index, later);
        break;
    }
    default: compile_error(fs->c, target, "Invalid left-hand side in assignment");
    }
    return r;
}

static void with_ref_access(FnState *fs, Ref *r, int reg, bool put);

static void ref_get(FnState *fs, Ref *r, int dst) {
    if (r->kind == 4) {
        with_ref_access(fs, r, dst, false);
        return;
    }
    if (r->kind == 2) { /* the key is converted once, for the read and the write */
        int k = reg_alloc(fs);
        emit_abc(fs, BC_TOKEY, (unsigned)k, (unsigned)r->key, 0);
        r->key = k;
    }
    if (r->kind == 0) load_ident(fs, r->ident, dst);
    else if (r->kind == 1) /* its own IC: a read-only property may be read, never written, by an IC hit */
        emit_abc(fs, BC_GETFIELD, (unsigned)dst, (unsigned)r->obj,
                 (unsigned)ic_new(fs, r->ident->u.member.name, r->ident->u.member.len));
    else if (r->kind == 2) emit_abc(fs, BC_GETELEM, (unsigned)dst, (unsigned)r->obj, (unsigned)r->key);
    else {
        emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)r->obj + 1, 0);
        emit_abc(fs, BC_GETSUPER, (unsigned)dst, (unsigned)r->obj, (unsigned)r->key);
    }
}

/* kind 4: the with object's property, else the variable (no second `with` lookup). */
static void with_ref_access(FnState *fs, Ref *r, int reg, bool put) {
    int jvar = emit_jump(fs, BC_JFALSE, (unsigned)r->ic, 0);
    if (put) emit_abc(fs, BC_SETELEM, (unsigned)r->obj, (unsigned)r->key, (unsigned)reg);
    else emit_abc(fs, BC_GETELEM, (unsigned)reg, (unsigned)r->obj, (unsigned)r->key);
    int jend = emit_jump(fs, BC_JMP, 0, 0);
    patch_here(fs, jvar);
    int saved = fs->with_depth;
    fs->with_depth = 0;
    if (put) assign_to_ident(fs, r->ident, reg, false);
    else load_ident(fs, r->ident, reg);
    fs->with_depth = saved;
    patch_here(fs, jend);
}

static void ref_put(FnState *fs, Ref *r, int src) {
    if (r->kind == 4) with_ref_access(fs, r, src, true);
    else if (r->kind == 0) assign_to_ident(fs, r->ident, src, false);
    else if (r->kind == 1) emit_abc(fs, BC_SETFIELD, (unsigned)r->obj, (unsigned)src, (unsigned)r->ic);
    else if (r->kind == 2) emit_abc(fs, BC_SETELEM, (unsigned)r->obj, (unsigned)r->key, (unsigned)src);
    else emit_abc(fs, BC_SETSUPER, (unsigned)r->obj, (unsigned)r->key, (unsigned)src);
}

/* Safe to compute the right-hand side straight into the variable's register? Only when the
 * expression writes its destination last. */
static bool writes_dst_last(Node *n) {
    switch (n->kind) {
    case N_BINARY:
    case N_CALL:
    case N_NEW:
    case N_MEMBER:
    case N_INDEX:
    case N_NUMBER:
    case N_STRING:
    case N_NULL:
    case N_TRUE:
    case N_FALSE:
    case N_THIS:
    case N_IDENT:
    case N_FUNCTION: return true;
    case N_UNARY: return n->u.unary.op != OP_DELETE;
    default: return false;
    }
}

static void assign_expr(FnState *fs, Node *n, int dst) {
    Node *target = n->u.binary.left, *value = n->u.binary.right;
    OpKind op = n->u.binary.op;
    int mark = fs->nregs;
    if (target->nflags & NF_PATTERN) {
        int t = reg_alloc(fs);
        expr(fs, value, t);
        bind_target(fs, target, t, false);
        if (dst >= 0) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)t, 0);
        reg_free_to(fs, mark);
        return;
    }
    if (op == OP_AND || op == OP_OR || op == OP_NULLISH) {
        /* a &&= b, a ||= b, a ??= b: assign only when the test says so */
        Ref r = ref_prepare(fs, target, value);
        int t = reg_alloc(fs);
        ref_get(fs, &r, t);
        int jskip;
        if (op == OP_NULLISH) {
            int jeval = emit_jump(fs, BC_JNULLISH, (unsigned)t, 0);
            jskip = emit_jump(fs, BC_JMP, 0, 0);
            patch_here(fs, jeval);
        } else {
            jskip = emit_jump(fs, op == OP_AND ? BC_JFALSE : BC_JTRUE, (unsigned)t, 0);
        }
        if (target->kind == N_IDENT) expr_named(fs, value, t, target->u.ident.name, target->u.ident.len);
        else expr(fs, value, t);
        set_pos(fs, n);
        ref_put(fs, &r, t);
        patch_here(fs, jskip);
        if (dst >= 0 && dst != t) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)t, 0);
        reg_free_to(fs, mark);
        return;
    }
    if (op == OP_ASSIGN && target->kind == N_IDENT) {
        Var *v = target->aux;
        if (is_reg_var(v) && v->kind != VK_CONST && v->kind != VK_CALLEE && !needs_tdz_check(fs, v) && fs->with_depth == 0 &&
            writes_dst_last(value)) {
            expr_named(fs, value, v->reg, target->u.ident.name, target->u.ident.len);
            if (dst >= 0 && dst != v->reg) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)v->reg, 0);
            return;
        }
        int t = dst >= 0 ? dst : reg_alloc(fs);
        expr_named(fs, value, t, target->u.ident.name, target->u.ident.len);
        assign_to_ident(fs, target, t, false);
        reg_free_to(fs, mark);
        return;
    }
    if (op != OP_ASSIGN && target->kind == N_IDENT && fs->with_depth == 0) {
        /* x op= e on a register variable: one instruction, in place */
        Var *v = target->aux;
        if (is_reg_var(v) && v->kind != VK_CONST && v->kind != VK_CALLEE && !needs_tdz_check(fs, v) && !writes_locals(value)) {
            int rhs = expr_any(fs, value);
            set_pos(fs, n);
            emit_abc(fs, binop_opcode(op), (unsigned)v->reg, (unsigned)v->reg, (unsigned)rhs);
            if (dst >= 0 && dst != v->reg) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)v->reg, 0);
            reg_free_to(fs, mark);
            return;
        }
    }
    Ref r = ref_prepare(fs, target, value);
    int t = reg_alloc(fs);
    if (op == OP_ASSIGN) {
        if (target->kind == N_MEMBER) expr_named(fs, value, t, target->u.member.name, target->u.member.len);
        else expr(fs, value, t);
    } else {
        ref_get(fs, &r, t);
        int rhs = expr_any(fs, value);
        set_pos(fs, n);
        emit_abc(fs, binop_opcode(op), (unsigned)t, (unsigned)t, (unsigned)rhs);
    }
    set_pos(fs, n);
    ref_put(fs, &r, t);
    if (dst >= 0 && dst != t) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)t, 0);
    reg_free_to(fs, mark);
}

static void update_expr(FnState *fs, Node *n, int dst) {
    Node *target = n->u.unary.expr;
    unsigned op = n->u.unary.op == OP_INC ? BC_INC : BC_DEC;
    int mark = fs->nregs;
    if (target->kind == N_IDENT) {
        Var *v = target->aux;
        if (is_reg_var(v) && v->kind != VK_CONST && v->kind != VK_CALLEE && !needs_tdz_check(fs, v) && fs->with_depth == 0) {
            if (!n->u.unary.prefix && dst >= 0) emit_abc(fs, BC_PLUS, (unsigned)dst, (unsigned)v->reg, 0);
            emit_abc(fs, op, (unsigned)v->reg, (unsigned)v->reg, 0);
            if (n->u.unary.prefix && dst >= 0) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)v->reg, 0);
            return;
        }
    }
    Ref r = ref_prepare(fs, target, NULL);
    int old = reg_alloc(fs), nv = reg_alloc(fs);
    set_pos(fs, n);
    ref_get(fs, &r, old);
    emit_abc(fs, BC_PLUS, (unsigned)old, (unsigned)old, 0);
    emit_abc(fs, op, (unsigned)nv, (unsigned)old, 0);
    ref_put(fs, &r, nv);
    if (dst >= 0) emit_abc(fs, BC_MOV, (unsigned)dst, (unsigned)(n->u.unary.prefix ? nv : old), 0);
    reg_free_to(fs, mark);
}

static void unary_expr(FnState *fs, Node *n, int dst) {
    Node *e = n->u.unary.expr;
    int mark = fs->nregs;
    switch (n->u.unary.op) {
    case OP_TYPEOF:
        if (e->kind == N_IDENT && (!e->aux || ((Var *)e->aux)->global) && fs->with_depth == 0 &&
            !ident_is(e, "undefined")) {
            Var *v = e->aux;
            const char *nm = v ? v->name : e->u.ident.name;
            uint32_t ln = v ? v->len : e->u.ident.len;
            emit_abc(fs, BC_TYPEOFGLOBAL, (unsigned)dst, (unsigned)ic_new(fs, nm, ln), 0);
            return;
        }
        emit_abc(fs, BC_TYPEOF, (unsigned)dst, (unsigned)expr_any(fs, e), 0);
        break;
    case OP_VOID:
        expr_any(fs, e);
        emit_abc(fs, BC_LOADUNDEF, (unsigned)dst, 0, 0);
        break;
    case OP_DELETE:
        if (e->kind == N_MEMBER) {
            int o = expr_any(fs, e->u.member.obj);
            set_pos(fs, e);
            emit_abc(fs, BC_DELFIELD, (unsigned)dst, (unsigned)o, (unsigned)const_atom(fs, e->u.member.name, e->u.member.len));
        } else if (e->kind == N_INDEX) {
            int o = expr_any(fs, e->u.index.obj);
            int k = operand(fs, e->u.index.index, NULL);
            set_pos(fs, e);
            emit_abc(fs, BC_DELELEM, (unsigned)dst, (unsigned)o, (unsigned)k);
        } else if (e->kind == N_IDENT) {
            Var *v = e->aux;
            if (!v || v->global) {
                /* sloppy `delete x`: a configurable global property goes away */
                int g = reg_alloc(fs);
                emit_abc(fs, BC_LOADGLOBALOBJ, (unsigned)g, 0, 0);
                emit_abc(fs, BC_DELFIELD, (unsigned)dst, (unsigned)g, (unsigned)const_atom(fs, e->u.ident.name, e->u.ident.len));
            } else {
                emit_abc(fs, BC_LOADFALSE, (unsigned)dst, 0, 0);
            }
        } else {
            expr_any(fs, e);
            emit_abc(fs, BC_LOADTRUE, (unsigned)dst, 0, 0);
        }
        break;
    default: {
        int r = expr_any(fs, e);
        unsigned op = n->u.unary.op == OP_NEG ? BC_NEG : n->u.unary.op == OP_PLUS ? BC_PLUS
                    : n->u.unary.op == OP_NOT ? BC_NOT : BC_BNOT;
        set_pos(fs, n);
        emit_abc(fs, op, (unsigned)dst, (unsigned)r, 0);
    }
    }
    reg_free_to(fs, mark);
}

static void logical_expr(FnState *fs, Node *n, int dst) {
    OpKind op = n->u.binary.op;
    expr(fs, n->u.binary.left, dst);
    unsigned jop = op == OP_AND ? BC_JFALSE : op == OP_OR ? BC_JTRUE : BC_JNULLISH;
    int j;
    if (op == OP_NULLISH) {
        int skip = emit_jump(fs, BC_JNULLISH, (unsigned)dst, 0);
        j = emit_jump(fs, BC_JMP, 0, 0);
        patch_here(fs, skip);
    } else {
        j = emit_jump(fs, jop, (unsigned)dst, 0);
    }
    expr(fs, n->u.binary.right, dst);
    patch_here(fs, j);
}

/* ---------------------------------------------------------------- optional chains */

/* a?.b.c(): when a `?.` link's object is null or undefined, the whole chain (up to a
 * parenthesised part) is undefined. The outermost link owns the chain: the links below jump
 * to its end. */
typedef struct OptChain {
    int *jumps;
    int count, cap;
} OptChain;

static const Node *chain_next(const Node *n) {
    switch (n->kind) {
    case N_MEMBER: return n->u.member.obj;
    case N_INDEX: return n->u.index.obj;
    case N_CALL: return n->u.call.callee;
    default: return NULL;
    }
}

static bool chain_is_optional(const Node *n) {
    for (; n; n = chain_next(n)) {
        if (n->nflags & NF_OPTIONAL) return true;
        const Node *next = chain_next(n);
        if (next && (next->nflags & NF_PAREN)) return false;
    }
    return false;
}

static void opt_exit(FnState *fs, int reg) {
    OptChain *oc = fs->opt;
    if (!oc) return;
    if (oc->count == oc->cap) {
        int cap = oc->cap ? oc->cap * 2 : 8;
        int *nj = arena_alloc(fs->c->arena, sizeof(int) * (size_t)cap);
        if (oc->count) memcpy(nj, oc->jumps, sizeof(int) * (size_t)oc->count);
        oc->jumps = nj;
        oc->cap = cap;
    }
    oc->jumps[oc->count++] = emit_jump(fs, BC_JNULLISH, (unsigned)reg, 0);
}

/* The object of a chain link: compiled as part of the same chain. */
static void chain_object(FnState *fs, Node *obj, int dst) {
    fs->opt_continue = !(obj->nflags & NF_PAREN);
    expr(fs, obj, dst);
    fs->opt_continue = false;
}

static int chain_operand(FnState *fs, Node *obj, Node *later) {
    fs->opt_continue = !(obj->nflags & NF_PAREN);
    int r = later ? operand(fs, obj, later) : expr_any(fs, obj);
    fs->opt_continue = false;
    return r;
}

static void expr_inner(FnState *fs, Node *n, int dst);

void expr(FnState *fs, Node *n, int dst) {
    OptChain *saved = fs->opt;
    if (!fs->opt_continue) fs->opt = NULL; /* a new expression: not part of an outer chain */
    fs->opt_continue = false;
    bool link = n->kind == N_MEMBER || n->kind == N_INDEX || n->kind == N_CALL;
    OptChain own = {0};
    bool owner = link && !fs->opt && chain_is_optional(n);
    if (owner) fs->opt = &own;
    else if (!link) fs->opt = NULL;
    expr_inner(fs, n, dst);
    if (owner) {
        int jend = emit_jump(fs, BC_JMP, 0, 0);
        for (int i = 0; i < own.count; i++) patch_here(fs, own.jumps[i]);
        emit_abc(fs, BC_LOADUNDEF, (unsigned)dst, 0, 0);
        patch_here(fs, jend);
    }
    fs->opt = saved;
}

static void expr_inner(FnState *fs, Node *n, int dst) {
    int mark = fs->nregs;
    switch (n->kind) {
    case N_NUMBER: load_number(fs, n->u.num, dst); break;
    case N_STRING: emit_abc(fs, BC_LOADK, (unsigned)dst, (unsigned)const_str16(fs, n->u.str.chars, n->u.str.len), 0); break;
    case N_TEMPLATE: template_literal(fs, n, dst); break;
    case N_REGEXP: {
        /* an invalid pattern is an early SyntaxError, as in V8 */
        const char *why = vm_regexp_check_literal(n->u.regexp.pattern, n->u.regexp.pattern_len, n->u.regexp.flags);
        if (why)
            compile_error(fs->c, n, "Invalid regular expression: /%.*s/%s: %s", (int)n->u.regexp.pattern_len,
                          n->u.regexp.pattern, n->u.regexp.flags ? n->u.regexp.flags : "", why);
        set_pos(fs, n);
        emit_abc(fs, BC_REGEXP, (unsigned)dst, (unsigned)const_atom(fs, n->u.regexp.pattern, n->u.regexp.pattern_len),
                 (unsigned)const_atom(fs, n->u.regexp.flags ? n->u.regexp.flags : "",
                                      n->u.regexp.flags ? (uint32_t)strlen(n->u.regexp.flags) : 0));
        break;
    }
    case N_IDENT: set_pos(fs, n); load_ident(fs, n, dst); break;
    case N_THIS: load_this(fs, n, dst); break;
    case N_CLASS: class_expr(fs, n, dst, NULL, 0); break;
    case N_NEW_TARGET: emit_abc(fs, BC_NEWTARGET, (unsigned)dst, 0, 0); break;
    case N_YIELD:
    case N_AWAIT: yield_expr(fs, n, dst); break;
    case N_NULL: emit_abc(fs, BC_LOADNULL, (unsigned)dst, 0, 0); break;
    case N_TRUE: emit_abc(fs, BC_LOADTRUE, (unsigned)dst, 0, 0); break;
    case N_FALSE: emit_abc(fs, BC_LOADFALSE, (unsigned)dst, 0, 0); break;
    case N_ARRAY: array_literal(fs, n, dst); break;
    case N_OBJECT: object_literal(fs, n, dst); break;
    case N_FUNCTION: expr_function(fs, n, dst, NULL, 0); break;
    case N_UNARY: unary_expr(fs, n, dst); break;
    case N_UPDATE: update_expr(fs, n, dst); break;
    case N_BINARY: {
        int l = operand(fs, n->u.binary.left, n->u.binary.right);
        int r = expr_any(fs, n->u.binary.right);
        set_pos(fs, n);
        emit_abc(fs, binop_opcode(n->u.binary.op), (unsigned)dst, (unsigned)l, (unsigned)r);
        break;
    }
    case N_LOGICAL: logical_expr(fs, n, dst); break;
    case N_ASSIGN: assign_expr(fs, n, dst); break;
    case N_COND: {
        int c = expr_any(fs, n->u.cond.test);
        int jf = emit_jump(fs, BC_JFALSE, (unsigned)c, 0);
        reg_free_to(fs, mark);
        expr(fs, n->u.cond.then, dst);
        int je = emit_jump(fs, BC_JMP, 0, 0);
        patch_here(fs, jf);
        expr(fs, n->u.cond.otherwise, dst);
        patch_here(fs, je);
        break;
    }
    case N_CALL:
    case N_NEW: call_expr(fs, n, dst); break;
    case N_MEMBER: {
        if (n->u.member.obj->kind == N_SUPER) {
            super_get(fs, n, dst);
            break;
        }
        int o = chain_operand(fs, n->u.member.obj, NULL);
        if (n->nflags & NF_OPTIONAL) opt_exit(fs, o);
        set_pos(fs, n);
        emit_abc(fs, BC_GETFIELD, (unsigned)dst, (unsigned)o, (unsigned)ic_new(fs, n->u.member.name, n->u.member.len));
        break;
    }
    case N_INDEX: {
        if (n->u.index.obj->kind == N_SUPER) {
            super_get(fs, n, dst);
            break;
        }
        int o = chain_operand(fs, n->u.index.obj, n->u.index.index);
        if (n->nflags & NF_OPTIONAL) opt_exit(fs, o);
        int k = expr_any(fs, n->u.index.index);
        set_pos(fs, n);
        emit_abc(fs, BC_GETELEM, (unsigned)dst, (unsigned)o, (unsigned)k);
        break;
    }
    case N_SEQUENCE:
        for (Node *e = n->u.list.head; e; e = e->next) {
            if (e->next) {
                int m2 = fs->nregs;
                expr_any(fs, e);
                reg_free_to(fs, m2);
            } else {
                expr(fs, e, dst);
            }
        }
        break;
    default: compile_error(fs->c, n, "Unexpected token");
    }
    reg_free_to(fs, mark);
}

/* An expression whose value is not needed (expression statements, for-loop updates). */
void expr_effect(FnState *fs, Node *n) {
    int mark = fs->nregs;
    if (n->kind == N_ASSIGN) assign_expr(fs, n, -1);
    else if (n->kind == N_UPDATE) update_expr(fs, n, -1);
    else expr_any(fs, n);
    reg_free_to(fs, mark);
}
