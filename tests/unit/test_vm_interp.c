/* test_vm_interp.c: the compiler and interpreter seen from C: scripts run on a fresh isolate
 * and the tests inspect the values, contexts and errors they leave behind. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../vm/bytecode.h"
#include "../../vm/interp_int.h"
#include "../../vm/vm_int.h"

#include "test_isolate.h"

/* Run a script; returns its completion value (asserting no exception). */
static Value run(const char *src) {
    Value r = V_UNDEF;
    Status st = vm_run_script(iso, src, strlen(src), "test.js", &r);
    if (st != MJS_OK) {
        Value e = vm_take_exception(iso);
        Value s;
        char *txt = NULL;
        if (vm_to_string(iso, e, &s) == MJS_OK) txt = str_to_utf8(iso, s, NULL);
        cr_assert_fail("script threw: %s\n%s", txt ? txt : "?", src);
    }
    return r;
}

/* Run a script expected to throw; returns the exception's String(). */
static char *run_throws(const char *src) {
    Value r;
    Status st = vm_run_script(iso, src, strlen(src), "test.js", &r);
    cr_assert_eq(st, MJS_EXC, "expected an exception from: %s", src);
    Value e = vm_take_exception(iso);
    Value s;
    cr_assert_eq(vm_to_string(iso, e, &s), MJS_OK);
    return str_to_utf8(iso, s, NULL);
}

static char *run_str(const char *src) {
    Value v = run(src);
    Value s;
    cr_assert_eq(vm_to_string(iso, v, &s), MJS_OK);
    return str_to_utf8(iso, s, NULL);
}

#define ASSERT_STR(src, expect)                                                                    \
    do {                                                                                           \
        char *got_ = run_str(src);                                                                 \
        cr_assert_str_eq(got_, expect, "%s", src);                                                 \
        free(got_);                                                                                \
    } while (0)

TestSuite(interp, .init = setup, .fini = teardown);

Test(interp, arithmetic_and_precedence) {
    ASSERT_STR("1 + 2 * 3 - 4 / 2", "5");
    ASSERT_STR("0.1 + 0.2", "0.30000000000000004");
    ASSERT_STR("2147483647 + 1", "2147483648");
    ASSERT_STR("-2147483648 - 1", "-2147483649");
    ASSERT_STR("7 % -3", "1");
    ASSERT_STR("1 / (-6 % 3)", "-Infinity");
    ASSERT_STR("(-1 >>> 0) + ',' + (1 << 31) + ',' + (-8 >> 1)", "4294967295,-2147483648,-4");
    ASSERT_STR("2 ** 10", "1024");
    ASSERT_STR("'3' * '4'", "12");
    ASSERT_STR("'3' + 4", "34");
}

Test(interp, closures_counters) {
    ASSERT_STR("function mk(){ var n = 0; return function(){ return ++n; }; }"
               "var a = mk(), b = mk(); a(); a(); b(); a() + ',' + b()",
               "3,2");
}

/* V8's rule: closures created in one scope share one context, so a closure that never uses a
 * big object still keeps it alive when a sibling closure captures it. */
Test(interp, closures_share_one_context) {
    run("var big = null;"
        "function mk(){ var bigThing = {tag: 'big'}; var other = 1;"
        "  function usesBig(){ return bigThing; }"
        "  return function small(){ return other; }; }"
        "var f = mk();");
    Value f;
    cr_assert_eq(obj_get(iso, ROOT(iso, R_GLOBAL), atom_from_cstr(iso, "f"), &f), MJS_OK);
    cr_assert(v_is_callable(f));
    Value ctx = v_jsobj(f)->slots[FN_INT_CONTEXT];
    cr_assert(v_is_ptr(ctx) && v_type(ctx) == T_CONTEXT, "a capturing closure has a heap context");
    Context *c = v_ptr(ctx);
    cr_assert_eq(c->length, 2, "both captured variables live in the shared context");
    bool found_big = false;
    for (uint64_t i = 0; i < c->length; i++) {
        Value v = c->slots[i];
        if (v_is_object(v)) {
            Value tag;
            cr_assert_eq(obj_get(iso, v, atom_from_cstr(iso, "tag"), &tag), MJS_OK);
            found_big = v_is_string(tag);
        }
    }
    cr_assert(found_big, "the unused closure's capture is reachable from the returned closure");
}

Test(interp, uncaptured_locals_need_no_context) {
    run("function plain(a){ var x = a + 1; return function(){ return 1; }; } var g = plain(1);");
    Value g;
    cr_assert_eq(obj_get(iso, ROOT(iso, R_GLOBAL), atom_from_cstr(iso, "g"), &g), MJS_OK);
    Value ctx = v_jsobj(g)->slots[FN_INT_CONTEXT];
    cr_assert(!(v_is_ptr(ctx) && v_type(ctx) == T_CONTEXT), "nothing captured: no context allocated");
}

Test(interp, let_per_iteration_bindings) {
    ASSERT_STR("var fs = []; for (let i = 0; i < 3; i++) fs.push(function(){ return i; });"
               "fs[0]() + ',' + fs[1]() + ',' + fs[2]()",
               "0,1,2");
    ASSERT_STR("var gs = []; for (var j = 0; j < 3; j++) gs.push(function(){ return j; });"
               "gs[0]() + ',' + gs[2]()",
               "3,3");
}

Test(interp, tdz_and_const) {
    char *e = run_throws("{ x; let x = 1; }");
    cr_assert_str_eq(e, "ReferenceError: Cannot access 'x' before initialization");
    free(e);
    e = run_throws("const c = 1; c = 2;");
    cr_assert_str_eq(e, "TypeError: Assignment to constant variable.");
    free(e);
}

Test(interp, globals_and_delete) {
    ASSERT_STR("function f(){ leaked = 42; } f(); typeof leaked + ':' + leaked", "number:42");
    ASSERT_STR("foo2 = 1; var r = delete globalThis.foo2; r + ':' + typeof foo2", "true:undefined");
    char *e = run_throws("nope + 1");
    cr_assert_str_eq(e, "ReferenceError: nope is not defined");
    free(e);
    ASSERT_STR("typeof undeclaredThing", "undefined");
}

Test(interp, exceptions_and_finally_order) {
    ASSERT_STR("var log = [];"
               "function f(){ try { log.push('t'); return 'r'; } finally { log.push('f'); } }"
               "var v = f(); log.join('') + v",
               "tfr");
    ASSERT_STR("var out = '';"
               "for (var i = 0; i < 3; i++) { try { if (i == 1) continue; out += i; } finally { out += 'f'; } }"
               "out",
               "0ff2f");
    ASSERT_STR("var s = ''; try { try { throw new Error('in'); } finally { s += 'F'; } } catch (e) { s += e.message; } s",
               "Fin");
    ASSERT_STR("var k = ''; outer: for (var a = 0; a < 3; a++) { for (var b = 0; b < 3; b++) {"
               " if (b == 1) continue outer; if (a == 2) break outer; k += a + '' + b; } } k",
               "0010");
}

Test(interp, deep_recursion_is_a_range_error) {
    ASSERT_STR("function r(n){ return r(n + 1) + 1; }"
               "var msg; try { r(0); } catch (e) { msg = e.name + ': ' + e.message; } msg",
               "RangeError: Maximum call stack size exceeded");
}

Test(interp, method_calls_and_this) {
    ASSERT_STR("function P(x, y){ this.x = x; this.y = y; }"
               "P.prototype.sum = function(){ return this.x + this.y; };"
               "var p = new P(3, 4); p.sum() + ',' + (p instanceof P)",
               "7,true");
    ASSERT_STR("var o = { v: 5, get(){ return this.v; } }; var g = o.get; o.get() + ',' + typeof g.call({v: 1})",
               "5,number");
    ASSERT_STR("var obj = { n: 1, f(){ return () => this.n; } }; obj.f()()", "1");
}

Test(interp, arguments_rest_defaults_spread) {
    ASSERT_STR("function f(a, b = a * 2, ...rest){ return [a, b, rest.length, arguments.length].join(); } f(1)",
               "1,2,0,1");
    ASSERT_STR("function g(){ return Array.prototype.slice.call(arguments).join('-'); } g(...[1, 2], 3)", "1-2-3");
    ASSERT_STR("var arr = [1, ...[2, 3], 4]; arr.length + ':' + arr[2]", "4:3");
}

Test(interp, for_in_order_and_for_of) {
    ASSERT_STR("var o = {b: 1, a: 2, 2: 'x', 1: 'y'}; var ks = []; for (var k in o) ks.push(k); ks.join()",
               "1,2,b,a");
    ASSERT_STR("var s = 0; for (var v of [1, 2, 3]) s += v; var t = ''; for (var c of 'ab') t += c; s + t", "6ab");
}

Test(interp, switch_and_templates) {
    ASSERT_STR("function f(x){ switch (x) { case 1: return 'one'; case 2: case 3: return 'few'; default: return 'many'; } }"
               "f(1) + f(3) + f(9)",
               "onefewmany");
    ASSERT_STR("var n = 3; `n=${n} twice=${n * 2}!`", "n=3 twice=6!");
}

Test(interp, not_a_function_messages) {
    char *e = run_throws("var o = {}; o.missing();");
    cr_assert_str_eq(e, "TypeError: o.missing is not a function");
    free(e);
    e = run_throws("var u; u.x;");
    cr_assert_str_eq(e, "TypeError: Cannot read properties of undefined (reading 'x')");
    free(e);
    e = run_throws("var x = 1; new x();");
    cr_assert_str_eq(e, "TypeError: x is not a constructor");
    free(e);
}

Test(interp, syntax_errors_are_errors_not_crashes) {
    char *e = run_throws("var x = ;");
    cr_assert(strncmp(e, "SyntaxError", 11) == 0, "%s", e);
    free(e);
    /* very deep nesting must not overflow the C stack */
    size_t n = 200000;
    char *src = malloc(n * 2 + 2);
    for (size_t i = 0; i < n; i++) src[i] = '(';
    src[n] = '1';
    for (size_t i = 0; i < n; i++) src[n + 1 + i] = ')';
    src[2 * n + 1] = 0;
    e = run_throws(src);
    cr_assert(strstr(e, "Error") != NULL, "%s", e);
    free(e);
    free(src);
}

TestSuite(interp_stress, .init = setup_stress, .fini = teardown);

/* Every allocation collects (alternating scavenges and compacting full GCs) and the heap is
 * verified after each: the interpreter's roots and write barriers must be exact. */
Test(interp_stress, closures_objects_strings_under_gc) {
    ASSERT_STR("function mk(i){ var o = {i: i, s: 'v' + i}; return function(){ return o.s + o.i; }; }"
               "var fs = []; for (var i = 0; i < 40; i++) fs.push(mk(i));"
               "var acc = ''; for (var j = 0; j < fs.length; j += 13) acc += fs[j]() + ';'; acc",
               "v00;v1313;v2626;v3939;");
    ASSERT_STR("var a = []; for (var k = 0; k < 30; k++) a.push([k, {k: k}]); a[29][1].k + \"\" + a.length", "2930");
}
