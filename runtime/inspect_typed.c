/* inspect_typed.c: util.inspect's typed array and ArrayBuffer cases (node v20's
 * formatTypedArray and formatArrayBuffer): elements as numbers, buffers as hex bytes. */
#include <math.h>

#include "inspect_int.h"

Status rt_fmt_typed_array(InspectCtx *c, Value *vh, int rt, RtList *output) {
    double len = (double)vm_typed_length(*vh);
    double max = fmin(fmax(0, c->o.max_array_length), len);
    for (size_t i = 0; i < (size_t)max; i++) {
        RtBuf e = {0};
        rt_fmt_primitive(c, vm_typed_get(*vh, i), &e, true);
        rt_list_push(output, &e);
    }
    if (len > max) rt_remaining_text(output, len - max);
    if (!c->o.show_hidden) return MJS_OK;
    /* showHidden: the view's accessors; its buffer without contents (node passes
     * typedArray = true, which prints a plain buffer as { byteLength: n }). */
    static const char *const keys[] = {"BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"};
    Isolate *iso = c->iso;
    c->indentation_lvl += 2;
    Status st = MJS_OK;
    for (int i = 0; i < 5 && st == MJS_OK; i++) {
        size_t sc = vm_scope_open(iso);
        Value *v = vm_handle(iso, V_UNDEF);
        Value key = atom_from_cstr(iso, keys[i]);
        RtBuf e = {0};
        rt_buf_printf(&e, "[%s]: ", keys[i]);
        st = obj_get(iso, *vh, key, v);
        if (st == MJS_OK && i == 4 && v_is_object(*v) && v_type(*v) == T_ARRAY_BUFFER &&
            key_count(&(Value){rt_insp_keys(c, *v)}) == 0) {
            RtBuf n = {0};
            rt_fmt_primitive(c, v_number((double)vm_array_buffer_length(*v)), &n, true);
            rt_buf_printf(&e, "ArrayBuffer { byteLength: %s }", n.p);
            rt_buf_free(&n);
        } else if (st == MJS_OK) {
            st = rt_fmt_value(c, *v, rt, &e);
        }
        if (st == MJS_OK) rt_list_push(output, &e);
        else rt_buf_free(&e);
        vm_scope_close(iso, sc);
    }
    c->indentation_lvl -= 2;
    return st;
}

void rt_fmt_array_buffer(InspectCtx *c, Value *vh, RtList *output) {
    size_t len = vm_array_buffer_length(*vh);
    double max = fmin(fmax(0, c->o.max_array_length), (double)len);
    const uint8_t *p = vm_array_buffer_data(*vh);
    RtBuf e = {0};
    if (vm_array_buffer_detached(*vh)) {
        rt_stylize_cstr(c, &e, "(detached)", ST_SPECIAL);
        rt_list_push(output, &e);
        return;
    }
    rt_stylize_cstr(c, &e, "[Uint8Contents]", ST_SPECIAL);
    rt_buf_puts(&e, ": <");
    for (size_t i = 0; i < (size_t)max; i++) rt_buf_printf(&e, i ? " %02x" : "%02x", p[i]);
    if ((double)len > max)
        rt_buf_printf(&e, " ... %.0f more byte%s", (double)len - max, (double)len - max > 1 ? "s" : "");
    rt_buf_putc(&e, '>');
    rt_list_push(output, &e);
}

Status rt_view_keys(InspectCtx *c, Value *vh, Value *keysh) {
    Isolate *iso = c->iso;
    size_t sc = vm_scope_open(iso);
    Value *own = vm_handle(iso, rt_insp_keys(c, *vh));
    Value *out = vm_handle(iso, array_new(iso, 0));
    static const char *const ab[] = {"byteLength"};
    static const char *const dv[] = {"byteLength", "byteOffset", "buffer"};
    bool is_dv = v_type(*vh) == T_DATA_VIEW;
    Status st = MJS_OK;
    for (int i = 0; i < (is_dv ? 3 : 1) && st == MJS_OK; i++)
        st = array_push(iso, *out, atom_from_cstr(iso, is_dv ? dv[i] : ab[i]));
    for (uint32_t i = 0; i < key_count(own) && st == MJS_OK; i++)
        st = array_push(iso, *out, array_get_own(*own, i));
    if (st == MJS_OK) *keysh = *out;
    vm_scope_close(iso, sc);
    return st;
}
