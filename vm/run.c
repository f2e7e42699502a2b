/* run.c: source text to running code: parse, resolve, generate, then call the top-level
 * function as a classic script (global this, var -> global property) or return it as the
 * CommonJS wrapper function(exports, require, module, __filename, __dirname).
 */
#include <stdlib.h>
#include <string.h>

#include "compiler_int.h"
#include "vm_int.h"

Status vm_throw_syntax_error(Isolate *iso, Value filename, Value source, int line, int col, const char *msg);

static Value source_bytes(Isolate *iso, const char *src, size_t len) {
    Value b = bytes_new(iso, len);
    memcpy(((Bytes *)v_ptr(b))->data, src, len);
    return b;
}

Status vm_compile(Isolate *iso, const char *src, size_t len, const char *filename, CompileMode mode, Value *tmpl_out) {
    size_t mark = vm_scope_open(iso);
    Value *hfile = vm_handle(iso, str_from_cstr(iso, filename));
    Value *hsrc = vm_handle(iso, source_bytes(iso, src, len));
    Arena *arena = arena_new();
    ParseError perr;
    memset(&perr, 0, sizeof perr);
    Node *prog = parse_program(arena, src, len, mode != COMPILE_SCRIPT, &perr);
    if (!prog) {
        arena_free(arena);
        vm_throw_syntax_error(iso, *hfile, *hsrc, perr.line, perr.col, perr.message);
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    Compiler *c = calloc(1, sizeof *c);
    if (!c) abort();
    c->iso = iso;
    c->arena = arena;
    c->src = src;
    c->src_len = len;
    c->filename = filename;
    c->filename_h = hfile;
    c->source_h = hsrc;
    c->mode = mode;
    size_t inner = vm_scope_open(iso);
    if (setjmp(c->fail)) {
        vm_scope_close(iso, inner);
        vm_throw_syntax_error(iso, *hfile, *hsrc, c->err.line, c->err.col, c->err.message);
        arena_free(arena);
        free(c);
        vm_scope_close(iso, mark);
        return MJS_EXC;
    }
    FnInfo *fi;
    scope_resolve_program(c, prog, &fi);
    Value tmpl = codegen_function(c, NULL, fi, ATOM(iso, empty));
    vm_scope_close(iso, inner);
    arena_free(arena);
    free(c);
    *tmpl_out = tmpl;
    vm_scope_close(iso, mark);
    return MJS_OK;
}

Status vm_run_script(Isolate *iso, const char *src, size_t len, const char *filename, Value *result) {
    Value tmpl;
    if (vm_compile(iso, src, len, filename, COMPILE_SCRIPT, &tmpl)) return MJS_EXC;
    Value fn = vm_closure_new(iso, tmpl, V_HOLE);
    return vm_call(iso, fn, ROOT(iso, R_GLOBAL), 0, NULL, result);
}

Status vm_compile_module(Isolate *iso, const char *src, size_t len, const char *filename, Value *fn) {
    Value tmpl;
    if (vm_compile(iso, src, len, filename, COMPILE_MODULE, &tmpl)) return MJS_EXC;
    *fn = vm_closure_new(iso, tmpl, V_HOLE);
    return MJS_OK;
}
