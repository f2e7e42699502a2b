/* test_typed.c: ArrayBuffer backing stores (off-heap accounting, finalization, external
 * memory pressure, allocation failure), the element codecs, and integer-indexed access
 * through the object API. Suite typed_stress repeats the JS-level cases with a GC at every
 * allocation and the heap verified. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "vm/vm.h"

#include "runtime/host_int.h"
#include "test_isolate.h"

TestSuite(typed, .init = setup, .fini = teardown);
TestSuite(typed_stress, .init = setup_stress, .fini = teardown, .timeout = 300);

static size_t external(void) {
    GcStats s;
    gc_stats(iso->heap, &s);
    return s.external;
}

/* Run src as a script; the result as a C string (caller frees), or "!Name: message". */
static char *eval(const char *src) {
    Value r = V_UNDEF, s = V_UNDEF;
    if (vm_run_script(iso, src, strlen(src), "test.js", &r) != MJS_OK) {
        Value e = vm_take_exception(iso);
        Value *he = vm_handle(iso, e);
        Value msg = V_UNDEF;
        if (obj_get(iso, *he, ATOM(iso, message), &msg) != MJS_OK) return strdup("!?");
        char *m = str_to_utf8(iso, msg, NULL);
        char *out = malloc(strlen(m) + 2);
        sprintf(out, "!%s", m);
        free(m);
        return out;
    }
    if (vm_to_string(iso, r, &s) != MJS_OK) return strdup("!toString");
    return str_to_utf8(iso, s, NULL);
}

static void expect(const char *src, const char *want) {
    char *got = eval(src);
    cr_expect(eq(str, got, (char *)want), "%s", src);
    free(got);
}

Test(typed, buffer_bytes_are_external_and_freed_by_gc) {
    size_t ext0 = external(), ab0 = iso->array_buffer_bytes;
    size_t mark = vm_scope_open(iso);
    Value buf;
    cr_assert(eq(int, vm_array_buffer_new(iso, 3 << 20, V_UNDEF, &buf), MJS_OK));
    vm_handle(iso, buf);
    cr_expect(eq(sz, external() - ext0, (size_t)3 << 20));
    cr_expect(eq(sz, iso->array_buffer_bytes - ab0, (size_t)3 << 20));
    cr_expect(eq(sz, vm_array_buffer_length(buf), (size_t)3 << 20));
    cr_expect(eq(u8, vm_array_buffer_data(buf)[(3 << 20) - 1], 0)); /* zeroed */
    gc_collect(iso->heap, GC_FULL, "test");
    cr_expect(eq(sz, external() - ext0, (size_t)3 << 20), "a rooted buffer survives");
    vm_scope_close(iso, mark);
    gc_collect(iso->heap, GC_SCAVENGE, "test");
    gc_collect(iso->heap, GC_FULL, "test");
    cr_expect(eq(sz, external(), ext0));
    cr_expect(eq(sz, iso->array_buffer_bytes, ab0));
}

Test(typed, store_moves_with_the_buffer) {
    size_t mark = vm_scope_open(iso);
    Value buf;
    cr_assert(eq(int, vm_array_buffer_new(iso, 16, V_UNDEF, &buf), MJS_OK));
    Value *h = vm_handle(iso, buf);
    vm_array_buffer_data(*h)[5] = 42;
    for (int i = 0; i < 3; i++) gc_collect(iso->heap, i == 1 ? GC_FULL_COMPACT : GC_SCAVENGE, "test");
    cr_expect(eq(u8, vm_array_buffer_data(*h)[5], 42));
    vm_scope_close(iso, mark);
}

Test(typed, allocation_failure_is_a_range_error) {
    Value buf;
    cr_assert(eq(int, vm_array_buffer_new(iso, 1e15, V_UNDEF, &buf), MJS_EXC));
    Value e = vm_take_exception(iso);
    Value *he = vm_handle(iso, e);
    Value msg;
    cr_assert(eq(int, obj_get(iso, *he, ATOM(iso, message), &msg), MJS_OK));
    char *m = str_to_utf8(iso, msg, NULL);
    cr_expect(eq(str, m, "Array buffer allocation failed"));
    free(m);
    expect("try { new ArrayBuffer(1e15) } catch (e) { e.name + ': ' + e.message }",
           "RangeError: Array buffer allocation failed");
    expect("try { new ArrayBuffer(-1) } catch (e) { e.name + ': ' + e.message }",
           "RangeError: Invalid array buffer length");
}

Test(typed, external_pressure_runs_full_gcs) {
    GcStats s0, s1;
    gc_stats(iso->heap, &s0);
    /* 40 x 8 MB dead buffers: past the 64 MB soft limit several times over. */
    expect("for (var i = 0; i < 40; i++) new ArrayBuffer(8 * 1024 * 1024); 'ok'", "ok");
    gc_stats(iso->heap, &s1);
    cr_expect(gt(u32, s1.full_gcs, s0.full_gcs + 2));
    cr_expect(lt(sz, iso->array_buffer_bytes, (size_t)80 << 20));
}

Test(typed, codecs_wrap_clamp_and_round) {
    uint8_t b[8];
    vm_typed_store(TK_INT8, b, 200);
    cr_expect(eq(dbl, vm_typed_load(TK_INT8, b), -56));
    vm_typed_store(TK_UINT8, b, -1);
    cr_expect(eq(dbl, vm_typed_load(TK_UINT8, b), 255));
    vm_typed_store(TK_UINT8C, b, 2.5);
    cr_expect(eq(dbl, vm_typed_load(TK_UINT8C, b), 2));
    vm_typed_store(TK_UINT8C, b, 3.5);
    cr_expect(eq(dbl, vm_typed_load(TK_UINT8C, b), 4));
    vm_typed_store(TK_UINT8C, b, 1000);
    cr_expect(eq(dbl, vm_typed_load(TK_UINT8C, b), 255));
    vm_typed_store(TK_UINT8C, b, NAN);
    cr_expect(eq(dbl, vm_typed_load(TK_UINT8C, b), 0));
    vm_typed_store(TK_INT16, b, 32768);
    cr_expect(eq(dbl, vm_typed_load(TK_INT16, b), -32768));
    vm_typed_store(TK_UINT32, b, -1);
    cr_expect(eq(dbl, vm_typed_load(TK_UINT32, b), 4294967295.0));
    vm_typed_store(TK_INT32, b, 4294967296.0 + 7);
    cr_expect(eq(dbl, vm_typed_load(TK_INT32, b), 7));
    vm_typed_store(TK_INT32, b, INFINITY);
    cr_expect(eq(dbl, vm_typed_load(TK_INT32, b), 0));
    vm_typed_store(TK_FLOAT32, b, 0.1);
    cr_expect(eq(dbl, vm_typed_load(TK_FLOAT32, b), (double)0.1f));
    vm_typed_store(TK_FLOAT64, b, -0.0);
    cr_expect(signbit(vm_typed_load(TK_FLOAT64, b)));
}

static void js_cases(void) {
    expect("var u = new Uint8Array([1, 2, 300]); u[0] + ',' + u[2] + ',' + u[3] + ',' + u[-1]",
           "1,44,undefined,undefined");
    expect("var u = new Int8Array(2); u[5] = 1; u['1.5'] = 2; u[1] = '-129'; Object.keys(u).join() + '|' + u[1]",
           "0,1|127");
    expect("Uint8Array.prototype[3] = 9; var r = new Uint8Array(2)[3]; delete Uint8Array.prototype[3]; String(r)",
           "undefined");
    expect("var f = new Float32Array([1.5, NaN]); JSON.stringify(f) + (2 in f) + ('-0' in f)",
           "{\"0\":1.5,\"1\":null}falsefalse");
    expect("var d = new DataView(new ArrayBuffer(4)); d.setUint16(1, 0xabcd); d.getUint16(1, true).toString(16)",
           "cdab");
    expect("try { new DataView(new ArrayBuffer(4)).getInt32(1) } catch (e) { e.message }",
           "Offset is outside the bounds of the DataView");
    expect("var a = new Int16Array([5, -3, 10, 0]); a.sort().join() + '|' + a.subarray(1, 3).map(function (x) { return x * 2; }).join()",
           "-3,0,5,10|0,10");
    expect("var b = new ArrayBuffer(8); new Int32Array(b, 4)[0] = -1; Array.prototype.join.call(new Uint8Array(b.slice(3)))",
           "0,255,255,255,255");
    expect("var s = 0; for (var x of Uint8Array.from(new Set([3, 4]), function (v) { return v * 10; })) s += x; s", "70");
}

Test(typed, integer_indexed_access) { js_cases(); }
Test(typed_stress, integer_indexed_access) { js_cases(); }

Test(typed, detached_buffers_have_no_bytes) {
    expect("var b = new ArrayBuffer(1 << 20); var u = new Uint8Array(b, 4); var d = new DataView(b); u[0] = 7; u[0]", "7");
    size_t ext = external();
    Value b;
    Value key = atom_from_cstr(iso, "b");
    cr_assert(eq(int, obj_get(iso, ROOT(iso, R_GLOBAL), key, &b), MJS_OK));
    vm_array_buffer_detach(iso, b);
    cr_expect(eq(sz, ext - external(), (size_t)1 << 20));
    expect("[b.byteLength, u.length, u.byteLength, u.byteOffset, u[0], Object.keys(u).length].join()", "0,0,0,0,,0");
    expect("try { u.fill(1) } catch (e) { e.name }", "TypeError");
    expect("try { d.getInt8(0) } catch (e) { e.name }", "TypeError");
    expect("try { new Uint8Array(b) } catch (e) { e.name }", "TypeError");
    expect("try { b.slice(0) } catch (e) { e.name }", "TypeError");
    /* detaching from user code in the middle of a method must not touch freed memory */
    rt_install_host262(iso);
    expect("var c = new ArrayBuffer(16); var v = new Uint8Array(c); var w = {valueOf: function () { "
           "$262.detachArrayBuffer(c); return 0; }}; try { v.copyWithin(0, w) } catch (e) { e.name }",
           "TypeError");
    expect("c = new ArrayBuffer(16); v = new Uint8Array(c); v.slice(w).length + ',' + v.length", "!Cannot perform this operation on a detached ArrayBuffer");
    expect("c = new ArrayBuffer(16); v = new Uint8Array(c); v.fill(1, w); 'no'", "!Cannot perform this operation on a detached ArrayBuffer");
    expect("c = new ArrayBuffer(16); v = new Uint8Array(c); v.sort(function (a, b) { $262.detachArrayBuffer(c); return a - b; }).length", "0");
    expect("c = new ArrayBuffer(16); v = new Uint8Array(c); v.map(function (x, i) { if (i == 1) $262.detachArrayBuffer(c); return 1; }).join()",
           "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1");
    expect("c = new ArrayBuffer(8); v = new Uint8Array(c); var s = ''; v.forEach(function (x, i) { if (i == 0) $262.detachArrayBuffer(c); s += x; }); s",
           "0undefinedundefinedundefinedundefinedundefinedundefinedundefined");
    expect("c = new ArrayBuffer(8); v = new Uint8Array(c); v.indexOf(0, w)", "-1");
}
