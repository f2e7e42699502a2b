/* host262.c: the `$262` object test262's INTERPRETING.md asks hosts to provide, installed
 * for --script runs only: global, gc(), detachArrayBuffer(buffer) and evalScript(source). */
#include <stdlib.h>
#include <string.h>

#include "host_int.h"

static Status h_gc(Isolate *iso, Value *argv, int argc, Value *ret) {
    gc_collect(iso->heap, GC_FULL, "testing");
    *ret = V_UNDEF;
    return MJS_OK;
}

static Status h_detach(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value b = argc > 0 ? argv[0] : V_UNDEF;
    if (!v_is_object(b) || v_type(b) != T_ARRAY_BUFFER)
        return vm_throw_error(iso, E_TYPE, "detachArrayBuffer: not an ArrayBuffer");
    vm_array_buffer_detach(iso, b);
    *ret = V_NULL;
    return MJS_OK;
}

static Status h_eval_script(Isolate *iso, Value *argv, int argc, Value *ret) {
    Value s;
    if (vm_to_string(iso, argc > 0 ? argv[0] : V_UNDEF, &s)) return MJS_EXC;
    size_t len;
    char *src = str_to_utf8(iso, s, &len);
    Status st = vm_run_script(iso, src, len, "evalScript", ret);
    free(src);
    return st;
}

void rt_install_host262(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *o = vm_handle(iso, obj_new(iso));
    vm_def_value(iso, *o, "global", ROOT(iso, R_GLOBAL), P_HIDDEN);
    vm_def_native(iso, *o, "gc", h_gc, 0);
    vm_def_native(iso, *o, "detachArrayBuffer", h_detach, 1);
    vm_def_native(iso, *o, "evalScript", h_eval_script, 1);
    vm_def_value(iso, ROOT(iso, R_GLOBAL), "$262", *o, P_HIDDEN);
    vm_scope_close(iso, sc);
}
