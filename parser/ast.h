/* ast.h: the syntax tree the Lemon parser builds and the bytecode compiler reads.
 * Nodes live in a per-parse arena (never the GC heap) and are freed together.
 * Positions are 1-based line and column (columns in UTF-16 units, as V8 reports them).
 */
#ifndef MJS_AST_H
#define MJS_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Arena Arena;
typedef struct Node Node;

/* A singly linked list of nodes (through Node.next), kept in source order. */
typedef struct NodeList {
    Node *head, *tail;
    int count;
} NodeList;

typedef enum NodeKind {
    /* expressions */
    N_NUMBER,     /* num */
    N_STRING,     /* str */
    N_TEMPLATE,   /* tmpl: quasis (N_STRING, cooked) and exprs; quasis.count == exprs.count + 1 */
    N_REGEXP,     /* regexp */
    N_IDENT,      /* ident */
    N_THIS,
    N_NULL,
    N_TRUE,
    N_FALSE,
    N_ARRAY,      /* list: elements; N_HOLE for elisions, N_SPREAD allowed */
    N_HOLE,
    N_OBJECT,     /* list: N_PROPERTY nodes */
    N_PROPERTY,   /* prop */
    N_FUNCTION,   /* func (expressions, declarations, arrows, methods, getters, setters) */
    N_UNARY,      /* unary: op in  - + ! ~ typeof void delete */
    N_UPDATE,     /* unary: op OP_INC/OP_DEC, prefix flag */
    N_BINARY,     /* binary: arithmetic, comparison, bitwise, in, instanceof */
    N_LOGICAL,    /* binary: OP_AND, OP_OR, OP_NULLISH */
    N_ASSIGN,     /* binary: op OP_ASSIGN or the compound operator (OP_ADD for +=, ...) */
    N_COND,       /* cond */
    N_CALL,       /* call */
    N_NEW,        /* call (args may be empty for `new F`) */
    N_MEMBER,     /* member: obj.name; position is the name's */
    N_INDEX,      /* index: obj[expr] */
    N_SEQUENCE,   /* list */
    N_SPREAD,     /* unary.expr: ...expr in calls and array literals */
    N_CLASS,      /* class_: declaration or expression */
    N_SUPER,      /* `super` as the object of N_MEMBER/N_INDEX, or the callee of N_CALL */
    N_NEW_TARGET, /* new.target */
    N_YIELD,      /* unary.expr (or NULL); unary.prefix: yield* (delegation) */
    N_AWAIT,      /* unary.expr */
    /* statements */
    N_VAR,        /* var: kind and N_DECLARATOR list */
    N_DECLARATOR, /* decl: name (N_IDENT), init or NULL */
    N_EXPR_STMT,  /* unary.expr */
    N_BLOCK,      /* list */
    N_EMPTY,
    N_IF,         /* if_ */
    N_FOR,        /* for_ (init: N_VAR or expression or NULL) */
    N_FOR_IN,     /* for_in: left is N_VAR (one declarator) or an assignment target */
    N_FOR_OF,     /* for_in */
    N_WHILE,      /* while_ */
    N_DO_WHILE,   /* while_ */
    N_CONTINUE,   /* jump: label or NULL */
    N_BREAK,      /* jump */
    N_RETURN,     /* unary.expr or NULL */
    N_WITH,       /* with */
    N_SWITCH,     /* switch_ */
    N_CASE,       /* case_: test NULL for default */
    N_LABELED,    /* labeled */
    N_THROW,      /* unary.expr */
    N_TRY,        /* try_ */
    N_DEBUGGER,
    N_PROGRAM     /* program */
} NodeKind;

typedef enum OpKind {
    OP_NONE,
    /* unary */
    OP_NEG, OP_PLUS, OP_NOT, OP_BITNOT, OP_TYPEOF, OP_VOID, OP_DELETE,
    OP_INC, OP_DEC,
    /* binary */
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_EXP,
    OP_SHL, OP_SAR, OP_SHR, OP_BITAND, OP_BITOR, OP_BITXOR,
    OP_EQ, OP_NE, OP_SEQ, OP_SNE, OP_LT, OP_GT, OP_LE, OP_GE,
    OP_IN, OP_INSTANCEOF,
    /* logical */
    OP_AND, OP_OR, OP_NULLISH,
    /* assignment (plain; compound assignments use the binary operator) */
    OP_ASSIGN
} OpKind;

typedef enum VarKind { VAR_VAR, VAR_LET, VAR_CONST } VarKind;
typedef enum PropKind { PROP_INIT, PROP_GET, PROP_SET } PropKind;

/* Function flags */
#define FN_ARROW 0x01      /* => */
#define FN_DECL 0x02       /* function declaration (hoisted) */
#define FN_EXPR_BODY 0x04  /* arrow with expression body: body is empty, expr_body set */
#define FN_STRICT 0x08     /* "use strict" directive in its body (or inherited) */
#define FN_METHOD 0x10     /* object-literal method, getter or setter: no prototype */
#define FN_HAS_REST 0x20   /* last parameter is ...rest */
#define FN_GETTER 0x40
#define FN_SETTER 0x80
#define FN_CLASS_CTOR 0x100 /* a class constructor: [[Call]] throws, body is strict */
#define FN_DERIVED 0x200    /* ... of a class with `extends`: `this` is bound by super() */
#define FN_STATIC 0x400     /* static class method or the static-field initializer */
#define FN_FIELD_INIT 0x800 /* synthesized: runs a class's field initializers on `this` */
#define FN_IN_CLASS 0x1000  /* a class element (method, accessor, field initializer) */
#define FN_GENERATOR 0x2000 /* function* (yield is a keyword in its body) */
#define FN_ASYNC 0x4000     /* async function/arrow/method (await is a keyword in its body) */

/* Where line/col point (what V8 reports for errors and stack frames): binary, logical,
 * assignment, update, unary and conditional nodes at their operator (`?`); N_MEMBER at the
 * property name; N_INDEX at `[`; N_CALL at its callee's position; N_NEW at `new`; functions at
 * `function`, the arrow's first token, or a method's name (`get`/`set` for accessors);
 * literals and identifiers at their token; statements at their keyword; N_EXPR_STMT,
 * N_SEQUENCE and N_DECLARATOR at their first part; N_LABELED at the label; N_PROGRAM at 1:1. */
struct Node {
    NodeKind kind;
    int line, col;
    Node *next; /* sibling in a NodeList */
    void *aux;  /* for the compiler's use (scope info); the parser leaves it NULL */
    union {
        double num;
        struct { const uint16_t *chars; uint32_t len; } str; /* UTF-16, cooked */
        struct { const char *name; uint32_t len; } ident;    /* UTF-8, escapes decoded */
        struct { const char *pattern; uint32_t pattern_len; const char *flags; } regexp;
        struct {
            NodeList quasis, exprs;
            NodeList raws; /* tagged templates: N_STRING raw text of each quasi */
            bool tagged;
        } tmpl;
        NodeList list;
        struct {
            Node *key;   /* N_IDENT (plain name), N_STRING, N_NUMBER, or any expression if computed */
            Node *value; /* for PROP_GET/SET and methods: an N_FUNCTION */
            PropKind kind;
            bool computed, shorthand;
            bool is_static, is_field; /* class elements */
        } prop;
        struct {
            Node *name;      /* N_IDENT or NULL */
            NodeList params; /* N_IDENT or N_DECLARATOR (name = default) for defaults */
            NodeList body;   /* statements */
            Node *expr_body; /* FN_EXPR_BODY arrows */
            int flags;       /* FN_* */
            uint32_t src_start, src_end; /* byte offsets of the source text (toString) */
        } func;
        struct { OpKind op; Node *expr; bool prefix; } unary;
        struct { OpKind op; Node *left, *right; } binary;
        struct { Node *test, *then, *otherwise; } cond;
        struct { Node *callee; NodeList args; } call;
        struct { Node *obj; const char *name; uint32_t len; } member;
        struct { Node *obj, *index; } index;
        struct { VarKind kind; NodeList decls; } var;
        struct { Node *name, *init; } decl;
        struct { Node *test, *then, *otherwise; } if_;
        struct { Node *init, *test, *update, *body; } for_;
        struct { Node *left, *right, *body; } for_in;
        struct { Node *test, *body; } while_;
        struct { const char *label; uint32_t len; int label_line, label_col; } jump;
        struct { Node *obj, *body; } with;
        struct { Node *disc; NodeList cases; } switch_;
        struct { Node *test; NodeList body; } case_;
        struct { const char *label; uint32_t len; Node *body; } labeled;
        struct { Node *block, *param, *handler, *finalizer; } try_; /* param N_IDENT or NULL */
        struct { NodeList body; bool strict; } program;
        struct {
            Node *name;       /* N_IDENT or NULL */
            Node *heritage;   /* the `extends` expression or NULL */
            NodeList members; /* N_PROPERTY methods/accessors (value N_FUNCTION), constructor excluded */
            Node *ctor;       /* N_FUNCTION with FN_CLASS_CTOR (synthesized when absent) */
            Node *inst_init;  /* FN_FIELD_INIT function for instance fields, or NULL */
            Node *static_init;/* FN_FIELD_INIT | FN_STATIC function for static fields, or NULL */
            bool is_decl;
        } class_;
    } u;
    /* Front-end extras (additive): byte offset where the node's source text starts, including
     * an opening parenthesis; NF_* flags; and for expressions the height of the expression
     * tree below (function literals count 1). The parser rejects expressions higher than
     * PARSE_MAX_EXPR_DEPTH, so recursive consumers have a bound. */
    uint32_t start;
    uint16_t nflags;
    uint16_t depth;
};

#define NF_PAREN 0x01  /* expression was written in parentheses */
#define NF_PAREN2 0x02 /* ... in more than one pair: ((x)) */
#define NF_PATTERN 0x04 /* N_ARRAY/N_OBJECT used as a destructuring pattern */
#define NF_COVER_INIT 0x08 /* N_PROPERTY `{a = 1}`: valid only in a pattern */
#define NF_OPTIONAL 0x10   /* N_MEMBER/N_INDEX/N_CALL reached through `?.` */

/* Calls fn for every identifier a binding target (identifier or pattern) binds. */
void ast_bound_names(const Node *target, void (*fn)(const Node *id, void *ud), void *ud);

typedef struct ParseError {
    int line, col;          /* 1-based position of the offending token */
    char message[256];      /* V8's wording, e.g. "Unexpected token ';'" */
} ParseError;

/* Arena: bump allocation in malloc'd blocks, all freed at once. */
Arena *arena_new(void);
void *arena_alloc(Arena *a, size_t bytes); /* zeroed, 8-byte aligned */
void arena_free(Arena *a);

/* Parse UTF-8 source as a program (script or function body). Returns the N_PROGRAM node, or
 * NULL with *err filled. Nesting deeper than PARSE_MAX_DEPTH is a SyntaxError, never a crash.
 * function_body: allow `return` at top level (CommonJS module wrapper). */
#define PARSE_MAX_DEPTH 1000
#define PARSE_MAX_EXPR_DEPTH (8 * PARSE_MAX_DEPTH)
Node *parse_program(Arena *arena, const char *src, size_t len, bool function_body, ParseError *err);

#endif
