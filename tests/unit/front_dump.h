/* front_dump.h: S-expression printer for ASTs, shared by the front-end unit tests.
 * Header-only (static functions) so test_front links nothing extra. The output is compact and
 * stable: tests compare it with expected strings, e.g. "(expr (= x (+ 1 2)))".
 */
#ifndef MJS_FRONT_DUMP_H
#define MJS_FRONT_DUMP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/ast.h"

typedef struct DumpBuf {
    char *p;
    size_t len, cap;
} DumpBuf;

static void db_printf(DumpBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void db_printf(DumpBuf *b, const char *fmt, ...) {
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) return;
        if (b->p && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        b->cap = (b->cap + (size_t)n + 64) * 2;
        b->p = realloc(b->p, b->cap);
    }
}

static void db_node(DumpBuf *b, const Node *n);

static void db_list(DumpBuf *b, const NodeList *l) {
    for (const Node *n = l->head; n; n = n->next) {
        db_printf(b, " ");
        db_node(b, n);
    }
}

static void db_opt(DumpBuf *b, const Node *n) {
    db_printf(b, " ");
    if (n) db_node(b, n);
    else db_printf(b, "-");
}

static const char *db_op(OpKind op) {
    static const char *const names[] = {
        [OP_NONE] = "?op", [OP_NEG] = "-", [OP_PLUS] = "+", [OP_NOT] = "!", [OP_BITNOT] = "~",
        [OP_TYPEOF] = "typeof", [OP_VOID] = "void", [OP_DELETE] = "delete", [OP_INC] = "++",
        [OP_DEC] = "--", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/",
        [OP_MOD] = "%", [OP_EXP] = "**", [OP_SHL] = "<<", [OP_SAR] = ">>", [OP_SHR] = ">>>",
        [OP_BITAND] = "&", [OP_BITOR] = "|", [OP_BITXOR] = "^", [OP_EQ] = "==", [OP_NE] = "!=",
        [OP_SEQ] = "===", [OP_SNE] = "!==", [OP_LT] = "<", [OP_GT] = ">", [OP_LE] = "<=",
        [OP_GE] = ">=", [OP_IN] = "in", [OP_INSTANCEOF] = "instanceof", [OP_AND] = "&&",
        [OP_OR] = "||", [OP_NULLISH] = "??", [OP_ASSIGN] = "="};
    return op <= OP_ASSIGN ? names[op] : "?op";
}

static void db_str(DumpBuf *b, const uint16_t *s, uint32_t len) {
    db_printf(b, "\"");
    for (uint32_t i = 0; i < len; i++) {
        uint16_t ch = s[i];
        if (ch == '"' || ch == '\\') db_printf(b, "\\%c", ch);
        else if (ch >= 0x20 && ch < 0x7F) db_printf(b, "%c", ch);
        else if (ch == '\n') db_printf(b, "\\n");
        else db_printf(b, "\\u%04X", ch);
    }
    db_printf(b, "\"");
}

static void db_fn(DumpBuf *b, const Node *n) {
    int f = n->u.func.flags;
    db_printf(b, "(fn ");
    if (n->u.func.name) db_node(b, n->u.func.name);
    else db_printf(b, "-");
    static const struct { int bit; const char *name; } flags[] = {
        {FN_ARROW, "arrow"},   {FN_DECL, "decl"},       {FN_EXPR_BODY, "expr"},
        {FN_STRICT, "strict"}, {FN_METHOD, "method"},   {FN_HAS_REST, "rest"},
        {FN_GETTER, "getter"}, {FN_SETTER, "setter"}};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (f & flags[i].bit) db_printf(b, " %s", flags[i].name);
    db_printf(b, " (");
    for (const Node *p = n->u.func.params.head; p; p = p->next) {
        db_node(b, p);
        if (p->next) db_printf(b, " ");
    }
    db_printf(b, ")");
    if (f & FN_EXPR_BODY) db_opt(b, n->u.func.expr_body);
    else db_list(b, &n->u.func.body);
    db_printf(b, ")");
}

static void db_node(DumpBuf *b, const Node *n) {
    switch (n->kind) {
    case N_NUMBER: db_printf(b, "%.17g", n->u.num); break;
    case N_STRING: db_str(b, n->u.str.chars, n->u.str.len); break;
    case N_TEMPLATE: {
        if (n->u.tmpl.tagged) {
            db_printf(b, "(tagged");
            db_list(b, &n->u.tmpl.quasis);
            db_printf(b, " raw");
            db_list(b, &n->u.tmpl.raws);
            db_printf(b, ")");
            break;
        }
        db_printf(b, "(tmpl");
        const Node *q = n->u.tmpl.quasis.head, *e = n->u.tmpl.exprs.head;
        for (; q; q = q->next) {
            db_printf(b, " ");
            db_node(b, q);
            if (e) {
                db_printf(b, " ");
                db_node(b, e);
                e = e->next;
            }
        }
        db_printf(b, ")");
        break;
    }
    case N_REGEXP:
        db_printf(b, "/%.*s/%s", (int)n->u.regexp.pattern_len, n->u.regexp.pattern, n->u.regexp.flags);
        break;
    case N_IDENT: db_printf(b, "%.*s", (int)n->u.ident.len, n->u.ident.name); break;
    case N_THIS: db_printf(b, "this"); break;
    case N_NULL: db_printf(b, "null"); break;
    case N_TRUE: db_printf(b, "true"); break;
    case N_FALSE: db_printf(b, "false"); break;
    case N_ARRAY: db_printf(b, "(array"); db_list(b, &n->u.list); db_printf(b, ")"); break;
    case N_HOLE: db_printf(b, "hole"); break;
    case N_OBJECT: db_printf(b, "(object"); db_list(b, &n->u.list); db_printf(b, ")"); break;
    case N_PROPERTY:
        db_printf(b, "(%s%s ", n->u.prop.kind == PROP_GET ? "get" : n->u.prop.kind == PROP_SET ? "set" : "prop",
                  n->u.prop.shorthand ? "*" : "");
        if (n->u.prop.computed) db_printf(b, "[");
        db_node(b, n->u.prop.key);
        if (n->u.prop.computed) db_printf(b, "]");
        db_opt(b, n->u.prop.value);
        db_printf(b, ")");
        break;
    case N_FUNCTION: db_fn(b, n); break;
    case N_SUPER: db_printf(b, "super"); break;
    case N_NEW_TARGET: db_printf(b, "new.target"); break;
    case N_CLASS:
        db_printf(b, "(class");
        db_opt(b, n->u.class_.name);
        db_opt(b, n->u.class_.heritage);
        for (const Node *p = n->u.class_.members.head; p; p = p->next) {
            db_printf(b, "%s", p->u.prop.is_static ? " static" : "");
            db_printf(b, " ");
            db_node(b, p);
        }
        if (n->u.class_.inst_init) db_printf(b, " fields:%d", n->u.class_.inst_init->u.func.body.count);
        if (n->u.class_.static_init) db_printf(b, " static-fields:%d", n->u.class_.static_init->u.func.body.count);
        db_printf(b, ")");
        break;
    case N_UNARY: db_printf(b, "(%s", db_op(n->u.unary.op)); db_opt(b, n->u.unary.expr); db_printf(b, ")"); break;
    case N_UPDATE:
        db_printf(b, "(%s%s", n->u.unary.prefix ? "pre" : "post", db_op(n->u.unary.op));
        db_opt(b, n->u.unary.expr);
        db_printf(b, ")");
        break;
    case N_BINARY:
    case N_LOGICAL:
        db_printf(b, "(%s", db_op(n->u.binary.op));
        db_opt(b, n->u.binary.left);
        db_opt(b, n->u.binary.right);
        db_printf(b, ")");
        break;
    case N_ASSIGN:
        db_printf(b, "(%s%s", n->u.binary.op == OP_ASSIGN ? "" : db_op(n->u.binary.op), "=");
        db_opt(b, n->u.binary.left);
        db_opt(b, n->u.binary.right);
        db_printf(b, ")");
        break;
    case N_COND:
        db_printf(b, "(?");
        db_opt(b, n->u.cond.test);
        db_opt(b, n->u.cond.then);
        db_opt(b, n->u.cond.otherwise);
        db_printf(b, ")");
        break;
    case N_CALL:
    case N_NEW:
        db_printf(b, "(%s", n->kind == N_CALL ? "call" : "new");
        db_opt(b, n->u.call.callee);
        db_list(b, &n->u.call.args);
        db_printf(b, ")");
        break;
    case N_MEMBER:
        db_printf(b, "(.");
        db_opt(b, n->u.member.obj);
        db_printf(b, " %.*s)", (int)n->u.member.len, n->u.member.name);
        break;
    case N_INDEX:
        db_printf(b, "([]");
        db_opt(b, n->u.index.obj);
        db_opt(b, n->u.index.index);
        db_printf(b, ")");
        break;
    case N_SEQUENCE: db_printf(b, "(,"); db_list(b, &n->u.list); db_printf(b, ")"); break;
    case N_SPREAD: db_printf(b, "(..."); db_opt(b, n->u.unary.expr); db_printf(b, ")"); break;
    case N_VAR:
        db_printf(b, "(%s", n->u.var.kind == VAR_VAR ? "var" : n->u.var.kind == VAR_LET ? "let" : "const");
        db_list(b, &n->u.var.decls);
        db_printf(b, ")");
        break;
    case N_DECLARATOR:
        if (!n->u.decl.init) {
            db_node(b, n->u.decl.name);
        } else {
            db_printf(b, "(");
            db_node(b, n->u.decl.name);
            db_opt(b, n->u.decl.init);
            db_printf(b, ")");
        }
        break;
    case N_EXPR_STMT: db_printf(b, "(expr"); db_opt(b, n->u.unary.expr); db_printf(b, ")"); break;
    case N_BLOCK: db_printf(b, "(block"); db_list(b, &n->u.list); db_printf(b, ")"); break;
    case N_EMPTY: db_printf(b, "empty"); break;
    case N_IF:
        db_printf(b, "(if");
        db_opt(b, n->u.if_.test);
        db_opt(b, n->u.if_.then);
        if (n->u.if_.otherwise) db_opt(b, n->u.if_.otherwise);
        db_printf(b, ")");
        break;
    case N_FOR:
        db_printf(b, "(for");
        db_opt(b, n->u.for_.init);
        db_opt(b, n->u.for_.test);
        db_opt(b, n->u.for_.update);
        db_opt(b, n->u.for_.body);
        db_printf(b, ")");
        break;
    case N_FOR_IN:
    case N_FOR_OF:
        db_printf(b, "(%s", n->kind == N_FOR_IN ? "for-in" : "for-of");
        db_opt(b, n->u.for_in.left);
        db_opt(b, n->u.for_in.right);
        db_opt(b, n->u.for_in.body);
        db_printf(b, ")");
        break;
    case N_WHILE: db_printf(b, "(while"); db_opt(b, n->u.while_.test); db_opt(b, n->u.while_.body); db_printf(b, ")"); break;
    case N_DO_WHILE: db_printf(b, "(do"); db_opt(b, n->u.while_.body); db_opt(b, n->u.while_.test); db_printf(b, ")"); break;
    case N_CONTINUE:
    case N_BREAK:
        db_printf(b, "(%s", n->kind == N_BREAK ? "break" : "continue");
        if (n->u.jump.label) db_printf(b, " %.*s", (int)n->u.jump.len, n->u.jump.label);
        db_printf(b, ")");
        break;
    case N_RETURN:
        db_printf(b, "(return");
        if (n->u.unary.expr) db_opt(b, n->u.unary.expr);
        db_printf(b, ")");
        break;
    case N_WITH: db_printf(b, "(with"); db_opt(b, n->u.with.obj); db_opt(b, n->u.with.body); db_printf(b, ")"); break;
    case N_SWITCH: db_printf(b, "(switch"); db_opt(b, n->u.switch_.disc); db_list(b, &n->u.switch_.cases); db_printf(b, ")"); break;
    case N_CASE:
        if (n->u.case_.test) {
            db_printf(b, "(case");
            db_opt(b, n->u.case_.test);
        } else {
            db_printf(b, "(default");
        }
        db_list(b, &n->u.case_.body);
        db_printf(b, ")");
        break;
    case N_LABELED: db_printf(b, "(label %.*s", (int)n->u.labeled.len, n->u.labeled.label); db_opt(b, n->u.labeled.body); db_printf(b, ")"); break;
    case N_THROW: db_printf(b, "(throw"); db_opt(b, n->u.unary.expr); db_printf(b, ")"); break;
    case N_TRY:
        db_printf(b, "(try");
        db_opt(b, n->u.try_.block);
        if (n->u.try_.handler) {
            db_printf(b, " (catch");
            db_opt(b, n->u.try_.param);
            db_opt(b, n->u.try_.handler);
            db_printf(b, ")");
        }
        if (n->u.try_.finalizer) {
            db_printf(b, " (finally");
            db_opt(b, n->u.try_.finalizer);
            db_printf(b, ")");
        }
        db_printf(b, ")");
        break;
    case N_DEBUGGER: db_printf(b, "debugger"); break;
    case N_PROGRAM:
        db_printf(b, "%s", n->u.program.strict ? "strict" : "");
        for (const Node *s = n->u.program.body.head; s; s = s->next) {
            if (s != n->u.program.body.head || n->u.program.strict) db_printf(b, " ");
            db_node(b, s);
        }
        break;
    default: db_printf(b, "?%d", (int)n->kind); break;
    }
}

/* Parse src and return a malloc'd dump of the program, or "ERR line:col message". */
static char *front_parse_dump(const char *src, size_t len, bool function_body) {
    Arena *a = arena_new();
    ParseError err;
    Node *prog = parse_program(a, src, len, function_body, &err);
    DumpBuf b = {0};
    if (prog) db_node(&b, prog);
    else db_printf(&b, "ERR %d:%d %s", err.line, err.col, err.message);
    if (!b.p) db_printf(&b, "%s", "");
    arena_free(a);
    return b.p;
}

#endif
