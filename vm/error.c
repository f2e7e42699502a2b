/* error.c: throwing, error objects with V8-style stacks, and the uncaught-exception and
 * out-of-memory reports. Stack text is built in a malloc'd buffer straight from the frame
 * records, so the OOM report (which must not allocate on the heap) shares the code.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp_int.h"
#include "vm_int.h"

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) abort();
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void buf_str(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }

/* Append a flat string's text as UTF-8 without allocating on the heap. */
static void buf_jsstr(Buf *b, Value s) {
    if (!v_is_ptr(s) || v_type(s) != T_STRING) return;
    uint32_t n = str_length(s);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = str_char(s, i);
        char u[4];
        if (c < 0x80) {
            u[0] = (char)c;
            buf_put(b, u, 1);
        } else if (c < 0x800) {
            u[0] = (char)(0xc0 | c >> 6);
            u[1] = (char)(0x80 | (c & 0x3f));
            buf_put(b, u, 2);
        } else {
            u[0] = (char)(0xe0 | c >> 12);
            u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
            u[2] = (char)(0x80 | (c & 0x3f));
            buf_put(b, u, 3);
        }
    }
}

/* ---------------------------------------------------------------- stack text */

/* The name of the constructor of a receiver, found without running getters. */
static Value receiver_type_name(Isolate *iso, Value recv) {
    Value o = recv;
    for (int depth = 0; v_is_object(o) && depth < 64; depth++) {
        PropDesc d;
        if (obj_get_own(iso, o, ATOM(iso, constructor), &d) && !(d.attrs & P_ACCESSOR) && v_is_callable(d.value)) {
            Value n = vm_function_name(iso, d.value);
            return v_is_string(n) ? n : V_UNDEF;
        }
        o = obj_get_proto(o);
    }
    return V_UNDEF;
}

static bool is_empty_str(Value s) { return !v_is_string(s) || str_length(s) == 0; }

static void frame_line(Isolate *iso, Buf *b, Frame *f) {
    Value callee = f->base[0];
    Value recv = f->base[1];
    Value name = v_is_callable(callee) ? vm_function_name(iso, callee) : V_UNDEF;
    bool has_name = !is_empty_str(name);
    buf_str(b, "    at ");
    bool located = false;
    if (f->is_construct) {
        buf_str(b, "new ");
        if (has_name) buf_jsstr(b, name);
        else buf_str(b, "<anonymous>");
        located = true;
    } else if (v_is_object(recv) && recv != ROOT(iso, R_GLOBAL)) {
        Value tn = receiver_type_name(iso, recv);
        if (!is_empty_str(tn)) {
            buf_jsstr(b, tn);
            buf_str(b, ".");
        }
        if (has_name) buf_jsstr(b, name);
        else buf_str(b, "<anonymous>");
        located = true;
    } else if (has_name) {
        buf_jsstr(b, name);
        located = true;
    }
    if (located) buf_str(b, " (");
    if (f->code) {
        FuncTemplate *t = v_template(v_jsobj(callee)->slots[FN_INT_TEMPLATE]);
        SrcPos p = vm_frame_pos(f);
        char num[48];
        buf_jsstr(b, t->filename);
        snprintf(num, sizeof num, ":%u:%u", p.line, p.col);
        buf_str(b, num);
    } else {
        buf_str(b, "<anonymous>");
    }
    if (located) buf_str(b, ")");
}

static void stack_lines(Isolate *iso, Buf *b, int skip, int limit) {
    VmState *vm = iso->vm;
    int printed = 0;
    for (int i = (int)vm->frame_count - 1; i >= 0 && printed < limit; i--) {
        if (skip > 0) {
            skip--;
            continue;
        }
        if (printed) buf_str(b, "\n");
        frame_line(iso, b, &vm->frames[i]);
        printed++;
    }
}

Value vm_capture_stack(Isolate *iso, int skip) {
    Buf b = {0};
    stack_lines(iso, &b, skip, 10);
    Value s = str_from_utf8(iso, b.p ? b.p : "", b.len);
    free(b.p);
    return s;
}

void vm_print_js_stack(Isolate *iso, FILE *out) {
    if (!iso->vm) return;
    Buf b = {0};
    stack_lines(iso, &b, 0, 20);
    if (b.len) fprintf(out, "%s\n", b.p);
    free(b.p);
}

/* ---------------------------------------------------------------- throwing */

/* Remember where the exception was thrown (the innermost bytecode frame). */
static void note_throw_position(Isolate *iso) {
    VmState *vm = iso->vm;
    vm->throw_pos_valid = false;
    for (int i = (int)vm->frame_count - 1; i >= 0; i--) {
        Frame *f = &vm->frames[i];
        if (!f->code) continue;
        FuncTemplate *t = v_template(v_jsobj(f->base[0])->slots[FN_INT_TEMPLATE]);
        SrcPos p = vm_frame_pos(f);
        vm->throw_filename = t->filename;
        vm->throw_source = t->source;
        vm->throw_line = p.line;
        vm->throw_col = p.col;
        vm->throw_pos_valid = true;
        return;
    }
}

Status vm_throw(Isolate *iso, Value exc) {
    iso->has_exception = true;
    iso->exception = exc;
    if (iso->vm) note_throw_position(iso);
    return MJS_EXC;
}

Value vm_take_exception(Isolate *iso) {
    Value e = iso->exception;
    iso->has_exception = false;
    iso->exception = V_UNDEF;
    return e;
}

static const RootIndex error_protos[] = {
    [E_ERROR] = R_ERROR_PROTO,         [E_TYPE] = R_TYPE_ERROR_PROTO,
    [E_RANGE] = R_RANGE_ERROR_PROTO,   [E_REFERENCE] = R_REFERENCE_ERROR_PROTO,
    [E_SYNTAX] = R_SYNTAX_ERROR_PROTO, [E_EVAL] = R_EVAL_ERROR_PROTO,
    [E_URI] = R_URI_ERROR_PROTO,
};
static const char *const error_names[] = {
    [E_ERROR] = "Error",        [E_TYPE] = "TypeError",     [E_RANGE] = "RangeError", [E_REFERENCE] = "ReferenceError",
    [E_SYNTAX] = "SyntaxError", [E_EVAL] = "EvalError",     [E_URI] = "URIError",
};

Value vm_make_error(Isolate *iso, ErrorKind kind, Value message) {
    size_t mark = vm_scope_open(iso);
    Value *hm = vm_handle(iso, message);
    Value *err = vm_handle(iso, obj_new_from_map(iso, (Map *)v_ptr(ROOT(iso, R_MAP_ERROR))));
    if (obj_set_proto(iso, *err, ROOT(iso, error_protos[kind]))) vm_take_exception(iso);
    Buf b = {0};
    buf_str(&b, error_names[kind]);
    if (!v_is_undef(*hm)) {
        if (obj_define(iso, *err, ATOM(iso, message), *hm, P_HIDDEN)) vm_take_exception(iso);
        if (v_is_string(*hm) && str_length(*hm)) {
            char *m = str_to_utf8(iso, *hm, NULL);
            buf_str(&b, ": ");
            buf_str(&b, m);
            free(m);
        }
    }
    buf_str(&b, "\n");
    stack_lines(iso, &b, 0, 10);
    if (b.len && b.p[b.len - 1] == '\n') b.p[--b.len] = 0;
    Value stack = str_from_utf8(iso, b.p, b.len);
    free(b.p);
    if (obj_define(iso, *err, ATOM(iso, stack), stack, P_HIDDEN)) vm_take_exception(iso);
    Value r = *err;
    vm_scope_close(iso, mark);
    return r;
}

Status vm_throw_error(Isolate *iso, ErrorKind kind, const char *fmt, ...) {
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    char *msg = small;
    if (n >= (int)sizeof small) {
        msg = malloc((size_t)n + 1);
        if (!msg) abort();
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    Value m = str_from_utf8(iso, msg, strlen(msg));
    if (msg != small) free(msg);
    return vm_throw(iso, vm_make_error(iso, kind, m));
}

/* ---------------------------------------------------------------- uncaught */

/* "file:line", the source line and a caret under the column, as node prints them. */
static void print_throw_site(Isolate *iso, FILE *out) {
    VmState *vm = iso->vm;
    if (!vm || !vm->throw_pos_valid || !v_is_string(vm->throw_filename)) return;
    char *file = str_to_utf8(iso, vm->throw_filename, NULL);
    fprintf(out, "%s:%u\n", file, vm->throw_line);
    free(file);
    if (v_is_ptr(vm->throw_source) && v_type(vm->throw_source) == T_BYTES) {
        Bytes *src = v_ptr(vm->throw_source);
        const char *p = (const char *)src->data, *end = p + src->length;
        for (uint32_t line = 1; line < vm->throw_line && p < end; p++)
            if (*p == '\n') line++;
        const char *e = p;
        while (e < end && *e != '\n' && *e != '\r') e++;
        fprintf(out, "%.*s\n", (int)(e - p), p);
        for (uint32_t i = 1; i < vm->throw_col; i++) fputc(p + i - 1 < e && p[i - 1] == '\t' ? '\t' : ' ', out);
        fprintf(out, "^\n\n");
    }
}

void vm_report_exception(Isolate *iso, Value exc) {
    size_t mark = vm_scope_open(iso);
    Value *h = vm_handle(iso, exc);
    fflush(stdout);
    print_throw_site(iso, stderr);
    Value text = V_UNDEF;
    if (v_is_object(*h)) {
        Value st;
        if (obj_get(iso, *h, ATOM(iso, stack), &st) == MJS_OK && v_is_string(st)) text = st;
        else vm_take_exception(iso);
    }
    if (!v_is_string(text)) {
        Value s;
        if (vm_to_string(iso, *h, &s) == MJS_OK) text = s;
        else vm_take_exception(iso);
    }
    if (v_is_string(text)) {
        char *s = str_to_utf8(iso, text, NULL);
        fprintf(stderr, "%s\n", s);
        free(s);
    } else {
        fprintf(stderr, "Uncaught exception\n");
    }
    fflush(stderr);
    vm_scope_close(iso, mark);
}

/* A SyntaxError from the compiler: the position comes from the parser. */
Status vm_throw_syntax_error(Isolate *iso, Value filename, Value source, int line, int col, const char *msg) {
    size_t mark = vm_scope_open(iso);
    Value *hf = vm_handle(iso, filename), *hs = vm_handle(iso, source);
    vm_throw_error(iso, E_SYNTAX, "%s", msg);
    VmState *vm = iso->vm;
    vm->throw_filename = *hf;
    vm->throw_source = *hs;
    vm->throw_line = (uint32_t)line;
    vm->throw_col = (uint32_t)col;
    vm->throw_pos_valid = true;
    vm_scope_close(iso, mark);
    return MJS_EXC;
}
