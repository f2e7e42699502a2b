/* test_vm_inspect.c: util.inspect / console.log formatting (runtime/inspect*.c, format.c)
 * on values built through the C API, so it does not depend on the compiler. Expected strings
 * come from node v20. Every test also runs in suite rt_inspect_stress (a GC at every
 * allocation plus heap verification) to catch unrooted values in the inspector.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/host_int.h"
#include "runtime/module_int.h"
#include "vm/vm.h"

#include "test_isolate.h"

TestSuite(rt_inspect, .init = setup, .fini = teardown);
TestSuite(rt_inspect_stress, .init = setup_stress, .fini = teardown, .timeout = 120);

#define BOTH(name)                                                                             \
    static void body_##name(void);                                                             \
    Test(rt_inspect, name) { body_##name(); }                                                  \
    Test(rt_inspect_stress, name) { body_##name(); }                                           \
    static void body_##name(void)

/* ---------------------------------------------------------------- helpers */

static Value *H(Value v) { return vm_handle(iso, v); }
static Value *S(const char *s) { return H(str_from_cstr(iso, s)); }

static void set(Value *obj, const char *k, Value v) {
    Value *hv = H(v);
    Value key = atom_from_cstr(iso, k);
    cr_assert(obj_define(iso, *obj, key, *hv, P_DEFAULT) == MJS_OK);
}
static void push(Value *arr, Value v) {
    Value *hv = H(v);
    cr_assert(array_push(iso, *arr, *hv) == MJS_OK);
}
static Value *arr_of_ints(int n, int mul) {
    Value *a = H(array_new(iso, 0));
    for (int i = 0; i < n; i++) push(a, v_int(i * mul));
    return a;
}

static bool inspect_is(Value v, const char *expect) {
    Value *hv = H(v);
    Value out;
    cr_assert(rt_inspect(iso, *hv, true, &out) == MJS_OK);
    char *u = str_to_utf8(iso, out, NULL);
    bool ok = strcmp(u, expect) == 0;
    if (!ok) fprintf(stderr, "got:\n%s\nwant:\n%s\n", u, expect);
    free(u);
    return ok;
}

static bool format_is(int argc, Value *argv, const char *expect) {
    Value out;
    cr_assert(rt_format_log_args(iso, argc, argv, &out) == MJS_OK);
    char *u = str_to_utf8(iso, out, NULL);
    bool ok = strcmp(u, expect) == 0;
    if (!ok) fprintf(stderr, "got:\n%s\nwant:\n%s\n", u, expect);
    free(u);
    return ok;
}

/* ---------------------------------------------------------------- primitives */

BOTH(primitives) {
    cr_assert(inspect_is(v_int(42), "42"));
    cr_assert(inspect_is(v_double(-0.0), "-0"));
    cr_assert(inspect_is(v_double(NAN), "NaN"));
    cr_assert(inspect_is(v_double(1e21), "1e+21"));
    cr_assert(inspect_is(V_UNDEF, "undefined"));
    cr_assert(inspect_is(V_NULL, "null"));
    cr_assert(inspect_is(V_TRUE, "true"));
    cr_assert(inspect_is(*S("raw string"), "raw string")); /* top level: raw */
}

BOTH(string_quotes) {
    Value *a = H(array_new(iso, 0));
    push(a, *S("it's"));
    push(a, *S("say \"hi\""));
    push(a, *S("both ' and \""));
    push(a, *S("new\nline\\"));
    push(a, *S("\x01\x7f"));
    cr_assert(inspect_is(*a, "[ \"it's\", 'say \"hi\"', `both ' and \"`, 'new\\nline\\\\', '\\x01\\x7F' ]"));
}

/* ---------------------------------------------------------------- arrays */

BOTH(arrays_short_and_empty) {
    cr_assert(inspect_is(*H(array_new(iso, 0)), "[]"));
    cr_assert(inspect_is(*arr_of_ints(3, 1), "[ 0, 1, 2 ]"));
    cr_assert(inspect_is(*H(array_new(iso, 5)), "[ <5 empty items> ]"));
    Value *h = H(array_new(iso, 4));
    Value key = key_from_index(iso, 1);
    cr_assert(obj_set(iso, *h, key, v_int(7), true) == MJS_OK);
    cr_assert(inspect_is(*h, "[ <1 empty item>, 7, <2 empty items> ]"));
}

BOTH(arrays_grouped) {
    cr_assert(inspect_is(*arr_of_ints(30, 1), "[\n"
                                              "   0,  1,  2,  3,  4,  5,  6,  7,  8,\n"
                                              "   9, 10, 11, 12, 13, 14, 15, 16, 17,\n"
                                              "  18, 19, 20, 21, 22, 23, 24, 25, 26,\n"
                                              "  27, 28, 29\n"
                                              "]"));
    cr_assert(inspect_is(*arr_of_ints(7, 1), "[\n  0, 1, 2, 3,\n  4, 5, 6\n]"));
}

BOTH(arrays_more_items) {
    Value *a = arr_of_ints(102, 1);
    Value out;
    cr_assert(rt_inspect(iso, *a, true, &out) == MJS_OK);
    char *u = str_to_utf8(iso, out, NULL);
    cr_assert(strstr(u, "96, 97, 98, 99,\n  ... 2 more items\n]") != NULL, "%s", u);
    free(u);
}

BOTH(array_extra_keys) {
    Value *a = arr_of_ints(2, 1);
    set(a, "prop", *S("x"));
    cr_assert(inspect_is(*a, "[ 0, 1, prop: 'x' ]"));
}

/* ---------------------------------------------------------------- objects */

BOTH(objects) {
    cr_assert(inspect_is(*H(obj_new(iso)), "{}"));
    Value *o = H(obj_new(iso));
    set(o, "a", v_int(1));
    set(o, "b", *S("two"));
    set(o, "needs-quote", V_NULL);
    cr_assert(inspect_is(*o, "{ a: 1, b: 'two', 'needs-quote': null }"));
}

BOTH(nesting_depth) {
    Value *l4 = H(obj_new(iso));
    set(l4, "l4", *S("deep"));
    Value *l3 = H(obj_new(iso));
    set(l3, "l3", *l4);
    Value *l2 = H(obj_new(iso));
    set(l2, "l2", *l3);
    Value *l1 = H(obj_new(iso));
    set(l1, "l1", *l2);
    cr_assert(inspect_is(*l1, "{ l1: { l2: { l3: [Object] } } }"));
}

BOTH(line_breaking) {
    Value *o = H(obj_new(iso));
    set(o, "alpha", *S("aaaaaaaaaa"));
    set(o, "beta", *S("bbbbbbbbbb"));
    set(o, "gamma", *S("cccccccccc"));
    set(o, "delta", *S("dddd"));
    cr_assert(inspect_is(*o, "{\n  alpha: 'aaaaaaaaaa',\n  beta: 'bbbbbbbbbb',\n  gamma: 'cccccccccc',\n"
                             "  delta: 'dddd'\n}"));
}

BOTH(circular) {
    Value *o = H(obj_new(iso));
    set(o, "name", *S("a"));
    set(o, "self", *o);
    cr_assert(inspect_is(*o, "<ref *1> { name: 'a', self: [Circular *1] }"));
}

BOTH(null_prototype) {
    Value *o = H(obj_new_with_proto(iso, V_NULL));
    cr_assert(inspect_is(*o, "[Object: null prototype] {}"));
    set(o, "a", v_int(1));
    cr_assert(inspect_is(*o, "[Object: null prototype] { a: 1 }"));
}

BOTH(accessors) {
    Value *o = H(obj_new(iso));
    Value *g = H(vm_new_native(iso, "g", NULL, 0));
    Value key = atom_from_cstr(iso, "g");
    cr_assert(obj_define_accessor(iso, *o, key, *g, V_UNDEF, P_DEFAULT) == MJS_OK);
    key = atom_from_cstr(iso, "gs");
    cr_assert(obj_define_accessor(iso, *o, key, *g, *g, P_DEFAULT) == MJS_OK);
    cr_assert(inspect_is(*o, "{ g: [Getter], gs: [Getter/Setter] }"));
}

/* ---------------------------------------------------------------- functions, errors */

static Status nop(Isolate *i, Value *argv, int argc, Value *ret) {
    *ret = V_UNDEF;
    return MJS_OK;
}

BOTH(functions) {
    Value *f = H(vm_new_native(iso, "named", nop, 0));
    cr_assert(inspect_is(*f, "[Function: named]"));
    Value *anon = H(vm_new_native(iso, "", nop, 0));
    cr_assert(inspect_is(*anon, "[Function (anonymous)]"));
    set(f, "prop", v_int(1));
    cr_assert(inspect_is(*f, "[Function: named] { prop: 1 }"));
}

BOTH(errors_with_props) {
    Value *e = H(vm_make_error(iso, E_TYPE, *S("bad")));
    Value *stack = S("TypeError: bad\n    at f (x.js:1:1)");
    Value key = ATOM(iso, stack);
    cr_assert(obj_define(iso, *e, key, *stack, P_HIDDEN) == MJS_OK);
    cr_assert(inspect_is(*e, "TypeError: bad\n    at f (x.js:1:1)"));
    set(e, "code", *S("E_X"));
    cr_assert(inspect_is(*e, "TypeError: bad\n    at f (x.js:1:1) {\n  code: 'E_X'\n}"));
    Value *no_frames = S("TypeError: bad");
    key = ATOM(iso, stack);
    cr_assert(obj_define(iso, *e, key, *no_frames, P_HIDDEN) == MJS_OK);
    cr_assert(inspect_is(*e, "[TypeError: bad] { code: 'E_X' }"));
}

/* ---------------------------------------------------------------- format */

/* Copies the values into consecutive handles: the argv layout rt_format_log_args reads. */
static Value *argv_of(int n, Value **vals) {
    Value *first = H(*vals[0]);
    for (int i = 1; i < n; i++) H(*vals[i]);
    return first;
}

BOTH(format_directives) {
    Value *a[] = {S("%s is %d years"), S("Ada"), H(v_int(36))};
    cr_assert(format_is(3, argv_of(3, a), "Ada is 36 years"));
    Value *b[] = {S("100%% sure"), S("x")};
    cr_assert(format_is(2, argv_of(2, b), "100% sure x"));
    Value *c[] = {S("%s and %s"), S("one")};
    cr_assert(format_is(2, argv_of(2, c), "one and %s"));
    Value *d[] = {H(v_int(5)), S("%s")};
    cr_assert(format_is(2, argv_of(2, d), "5 %s"));
    Value *e[] = {S("%i|%f|%d"), S("42.9px"), S("3.5abc"), S("12")};
    cr_assert(format_is(4, argv_of(4, e), "42|3.5|12"));
}


/* ---------------------------------------------------------------- collections, custom */

static Value *construct_global(const char *name) {
    Value *ctor = H(V_UNDEF);
    cr_assert(rt_get_named(iso, &ROOT(iso, R_GLOBAL), name, ctor) == MJS_OK);
    Value *obj = H(V_UNDEF);
    cr_assert(vm_construct(iso, *ctor, 0, NULL, obj) == MJS_OK);
    return obj;
}
static void call2(Value *obj, const char *method, Value *a, Value *b) {
    Value key = atom_from_cstr(iso, method); /* before reading the handles: it may allocate */
    Value r, args[2];
    args[0] = *a;
    args[1] = b ? *b : V_UNDEF;
    cr_assert(vm_invoke(iso, *obj, key, b ? 2 : 1, args, &r) == MJS_OK);
}

BOTH(map_and_set) {
    Value *m = construct_global("Map");
    cr_assert(inspect_is(*m, "Map(0) {}"));
    Value *inner = H(obj_new(iso));
    set(inner, "c", v_int(2));
    call2(m, "set", S("a"), H(v_int(1)));
    call2(m, "set", S("b"), inner);
    cr_assert(inspect_is(*m, "Map(2) { 'a' => 1, 'b' => { c: 2 } }"));
    Value *st = construct_global("Set");
    call2(st, "add", H(v_int(1)), NULL);
    call2(st, "add", arr_of_ints(2, 1), NULL);
    cr_assert(inspect_is(*st, "Set(2) { 1, [ 0, 1 ] }"));
    Value *o = H(obj_new(iso));
    set(o, "m", *m);
    set(o, "s", *st);
    cr_assert(inspect_is(*o, "{ m: Map(2) { 'a' => 1, 'b' => { c: 2 } }, s: Set(2) { 1, [ 0, 1 ] } }"));
}

static Status custom_inspector(Isolate *i, Value *argv, int argc, Value *ret) {
    *ret = str_from_cstr(i, "<custom>");
    return MJS_OK;
}

BOTH(custom_inspect) {
    Value *o = H(obj_new(iso));
    Value *fn = H(vm_new_native(iso, "inspect", custom_inspector, 2));
    Value sym = rt_pget(rt_state(iso)->sym_custom);
    cr_assert(v_is_symbol(sym));
    cr_assert(obj_define(iso, *o, sym, *fn, P_HIDDEN) == MJS_OK);
    Value *outer = H(obj_new(iso));
    set(outer, "x", *o);
    cr_assert(inspect_is(*outer, "{ x: <custom> }"));
}

BOTH(format_json) {
    Value *o = H(obj_new(iso));
    set(o, "a", *arr_of_ints(2, 1));
    Value *a[] = {S("%j"), o};
    cr_assert(format_is(2, argv_of(2, a), "{\"a\":[0,1]}"));
    set(o, "self", *o);
    Value *b[] = {S("%j"), o};
    cr_assert(format_is(2, argv_of(2, b), "[Circular]"));
}

/* ---------------------------------------------------------------- paths (module_resolve.c) */

Test(rt_inspect, path_resolve) {
    char *p = rt_path_resolve("/a/b", "../c/./d//e/..");
    cr_assert(eq(str, p, "/a/c/d"));
    free(p);
    p = rt_path_resolve("/a", "/x/../../y");
    cr_assert(eq(str, p, "/y"));
    free(p);
    p = rt_path_dirname("/a/b.js");
    cr_assert(eq(str, p, "/a"));
    free(p);
    int n;
    char **v = rt_node_module_paths("/a/node_modules/b", &n);
    cr_assert(eq(int, n, 3));
    cr_assert(eq(str, v[0], "/a/node_modules/b/node_modules"));
    cr_assert(eq(str, v[1], "/a/node_modules"));
    cr_assert(eq(str, v[2], "/node_modules"));
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}
