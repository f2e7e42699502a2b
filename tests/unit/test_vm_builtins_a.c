/* test_vm_builtins_a.c: the group-A built-ins driven through the C API, apart from the
 * compiler; expected strings were printed by node v20. Every test also runs in suite
 * builtins_a_stress (a GC at every allocation, heap verified) to catch unrooted values. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "vm/vm.h"

#include "test_isolate.h"

TestSuite(builtins_a, .init = setup, .fini = teardown);
TestSuite(builtins_a_stress, .init = setup_stress, .fini = teardown, .timeout = 120);

#define BOTH(name)                                                                             \
    static void body_##name(void);                                                             \
    Test(builtins_a, name) { body_##name(); }                                                  \
    Test(builtins_a_stress, name) { body_##name(); }                                           \
    static void body_##name(void)

/* ---------------------------------------------------------------- helpers */

static Value *H(Value v) { return vm_handle(iso, v); }
static Value *S(const char *s) { return H(str_from_cstr(iso, s)); }

/* obj[name] */
static Value *get(Value *obj, const char *name) {
    Value key = atom_from_cstr(iso, name);
    Value *out = H(V_UNDEF);
    cr_assert(obj_get(iso, *obj, key, out) == MJS_OK);
    return out;
}
static Value *global(const char *name) { return get(&ROOT(iso, R_GLOBAL), name); }

/* Root a C array of arguments before anything allocates; args() rebuilds it afterwards. */
#define MAX_ARGS 8
typedef struct Args {
    Value *h[MAX_ARGS];
    Value v[MAX_ARGS];
    int n;
} Args;
static void args_root(Args *a, int argc, const Value *argv) {
    cr_assert(argc <= MAX_ARGS);
    a->n = argc;
    for (int i = 0; i < argc; i++) a->h[i] = H(argv[i]);
}
static Value *args_fresh(Args *a) {
    for (int i = 0; i < a->n; i++) a->v[i] = *a->h[i];
    return a->v;
}

/* obj.name(args...), which must not throw. */
static Value *call(Value *obj, const char *name, int argc, Value *argv) {
    Args a;
    args_root(&a, argc, argv);
    Value *fn = get(obj, name);
    Value *out = H(V_UNDEF);
    if (vm_call(iso, *fn, *obj, argc, args_fresh(&a), out) != MJS_OK) {
        Value e = vm_take_exception(iso);
        Value *he = H(e), *s = H(V_UNDEF);
        cr_assert(vm_to_string(iso, *he, s) == MJS_OK);
        cr_fail("%s threw %s", name, str_to_utf8(iso, *s, NULL));
    }
    return out;
}
/* obj.name(args...) must throw; the message of what it threw. */
static char *call_throws(Value *obj, const char *name, int argc, Value *argv) {
    Args a;
    args_root(&a, argc, argv);
    Value *fn = get(obj, name);
    Value *out = H(V_UNDEF);
    cr_assert(vm_call(iso, *fn, *obj, argc, args_fresh(&a), out) == MJS_EXC);
    Value *e = H(vm_take_exception(iso)), *s = H(V_UNDEF);
    cr_assert(vm_to_string(iso, *e, s) == MJS_OK);
    return str_to_utf8(iso, *s, NULL);
}

static Value *parse(const char *json) {
    Value *s = S(json);
    return call(global("JSON"), "parse", 1, s);
}
static char *stringify(Value *v) {
    Value *r = call(global("JSON"), "stringify", 1, v);
    cr_assert(v_is_string(*r));
    return str_to_utf8(iso, *r, NULL);
}
static char *utf8(Value *v) {
    cr_assert(v_is_string(*v));
    return str_to_utf8(iso, *v, NULL);
}

#define EXPECT_STR(got, want)                                                                  \
    do {                                                                                       \
        char *g_ = (got);                                                                      \
        cr_assert(eq(str, g_, (char *)(want)));                                                \
        free(g_);                                                                              \
    } while (0)

/* ---------------------------------------------------------------- JSON */

BOTH(json_round_trip) {
    Value *v = parse("{\"b\":[3,1,2,{\"x\":null,\"y\":\"\\u00e9\\n\"}],\"a\":true,\"n\":-0.5e-3,"
                     "\"s\":\"\\ud83d\\ude00\",\"2\":2,\"1\":1}");
    EXPECT_STR(stringify(v), "{\"1\":1,\"2\":2,\"b\":[3,1,2,{\"x\":null,\"y\":\"é\\n\"}],\"a\":true,"
                             "\"n\":-0.0005,\"s\":\"😀\"}");
    Value args[3] = {*v, V_NULL, v_int(2)};
    Value *pretty = call(global("JSON"), "stringify", 3, args);
    EXPECT_STR(utf8(pretty), "{\n  \"1\": 1,\n  \"2\": 2,\n  \"b\": [\n    3,\n    1,\n    2,\n    {\n"
                             "      \"x\": null,\n      \"y\": \"é\\n\"\n    }\n  ],\n  \"a\": true,\n"
                             "  \"n\": -0.0005,\n  \"s\": \"😀\"\n}");
}

BOTH(json_errors) {
    Value *bad = S("{\"a\":1,}");
    EXPECT_STR(call_throws(global("JSON"), "parse", 1, bad),
               "SyntaxError: Expected double-quoted property name in JSON at position 7");
    Value *cyc = parse("{\"a\":{}}");
    Value *inner = get(cyc, "a");
    Value key = atom_from_cstr(iso, "back");
    cr_assert(obj_define(iso, *inner, key, *cyc, P_DEFAULT) == MJS_OK);
    EXPECT_STR(call_throws(global("JSON"), "stringify", 1, cyc),
               "TypeError: Converting circular structure to JSON\n"
               "    --> starting at object with constructor 'Object'\n"
               "    |     property 'a' -> object with constructor 'Object'\n"
               "    --- property 'back' closes the circle");
}

/* Deep nesting: parse is iterative; stringify stops with a RangeError like V8. Not under
 * stress: thousands of nested arrays times a full GC per allocation takes minutes. */
Test(builtins_a, json_deep) {
    size_t n = 20000;
    char *s = malloc(2 * n + 1);
    memset(s, '[', n);
    memset(s + n, ']', n);
    s[2 * n] = 0;
    Value *v = parse(s);
    free(s);
    cr_assert(v_is_array(*v));
    EXPECT_STR(call_throws(global("JSON"), "stringify", 1, v),
               "RangeError: Maximum call stack size exceeded");
}

/* ---------------------------------------------------------------- Array */

BOTH(array_sort_default) {
    Value *a = parse("[10,1,\"b\",null,2,\"a\",[3],true]");
    call(a, "sort", 0, NULL);
    EXPECT_STR(stringify(a), "[1,10,2,[3],\"a\",\"b\",null,true]");
    Value *big = H(array_new(iso, 0));
    for (int i = 0; i < 500; i++) cr_assert(array_push(iso, *big, v_int((i * 7919) % 503)) == MJS_OK);
    call(big, "sort", 0, NULL);
    cr_assert(eq(i32, v_int_val(array_get_own(*big, 0)), 0));
    cr_assert(eq(i32, v_int_val(array_get_own(*big, 1)), 1));
    cr_assert(eq(i32, v_int_val(array_get_own(*big, 2)), 10));
}

BOTH(array_callbacks) {
    Value *a = parse("[5,0,\"\",null,\"x\",false]");
    Value *fn = global("Boolean");
    EXPECT_STR(stringify(call(a, "filter", 1, fn)), "[5,\"x\"]");
    Value *b = parse("[[1],2,[[3]]]");
    Value *isarr = get(global("Array"), "isArray");
    EXPECT_STR(stringify(call(b, "map", 1, isarr)), "[true,false,true]");
}

BOTH(array_mutators) {
    Value *a = parse("[1,2,3,4,5]");
    Value args[2] = {v_int(1), v_int(4)};
    Value *s = call(a, "slice", 2, args);
    Value *more = parse("[6,[7]]");
    Value cargs[2] = {*more, v_int(8)};
    Value *c = call(s, "concat", 2, cargs);
    call(c, "reverse", 0, NULL);
    EXPECT_STR(stringify(c), "[8,[7],6,4,3,2]");
    Value *b = parse("[1,2,3,4,5,6]");
    Value *x = S("x"), *y = S("y"), *z = S("z");
    Value sargs[5] = {v_int(1), v_int(2), *x, *y, *z};
    Value *removed = call(b, "splice", 5, sargs);
    EXPECT_STR(stringify(removed), "[2,3]");
    EXPECT_STR(stringify(b), "[1,\"x\",\"y\",\"z\",4,5,6]");
    Value *first = call(b, "shift", 0, NULL);
    cr_assert(eq(i32, v_int_val(*first), 1));
    Value uargs[2] = {v_int(7), v_int(8)};
    call(b, "unshift", 2, uargs);
    EXPECT_STR(stringify(b), "[7,8,\"x\",\"y\",\"z\",4,5,6]");
}

BOTH(array_misc) {
    Value *a = parse("[1,[2,[3,[4]]]]");
    Value inf = v_double(1.0 / 0.0);
    Value *flat = call(a, "flat", 1, &inf);
    EXPECT_STR(stringify(flat), "[1,2,3,4]");
    Value *b = parse("[1,2,3]");
    Value *sep = S("-");
    EXPECT_STR(utf8(call(b, "join", 1, sep)), "1-2-3");
    Value three = v_int(3);
    cr_assert(eq(i32, v_int_val(*call(b, "indexOf", 1, &three)), 2));
    /* A cyclic array joins its inner occurrence as "". */
    cr_assert(array_push(iso, *b, *b) == MJS_OK);
    EXPECT_STR(utf8(call(b, "join", 0, NULL)), "1,2,3,");
}

/* ---------------------------------------------------------------- Map, Set, iterators */

BOTH(map_set_basics) {
    Value *entries = parse("[[1,\"one\"],[\"k\",2],[1,\"uno\"]]");
    Value *m = H(V_UNDEF);
    cr_assert(vm_construct(iso, *global("Map"), 1, entries, m) == MJS_OK);
    cr_assert(eq(i32, v_int_val(*get(m, "size")), 2));
    Value one = v_int(1);
    EXPECT_STR(utf8(call(m, "get", 1, &one)), "uno");
    /* Many object and string keys, deleted again: growth, shrinking, identity hashes. */
    Value *keys = H(array_new(iso, 0));
    for (int i = 0; i < 300; i++) {
        Value *k = H(i % 2 ? obj_new(iso) : str_from_int(iso, i * 13));
        cr_assert(array_push(iso, *keys, *k) == MJS_OK);
        Value kv[2] = {*k, v_int(i)};
        call(m, "set", 2, kv);
    }
    for (int i = 0; i < 300; i++) {
        Value k = array_get_own(*keys, (uint32_t)i);
        Value *got = call(m, "get", 1, &k);
        cr_assert(eq(i32, v_int_val(*got), i));
    }
    for (int i = 0; i < 290; i++) {
        Value k = array_get_own(*keys, (uint32_t)i);
        cr_assert(call(m, "delete", 1, &k)[0] == V_TRUE);
    }
    cr_assert(eq(i32, v_int_val(*get(m, "size")), 12));
    Value *s = H(V_UNDEF);
    cr_assert(vm_construct(iso, *global("Set"), 1, keys, s) == MJS_OK);
    cr_assert(eq(i32, v_int_val(*get(s, "size")), 300));
}

BOTH(map_iteration_survives_changes) {
    Value *entries = parse("[[1,1],[2,2],[3,3]]");
    Value *m = H(V_UNDEF);
    cr_assert(vm_construct(iso, *global("Map"), 1, entries, m) == MJS_OK);
    Value *it = H(V_UNDEF), *item = H(V_UNDEF);
    cr_assert(vm_get_iterator(iso, *m, it) == MJS_OK);
    bool done;
    cr_assert(vm_iterator_step(iso, *it, &done, item) == MJS_OK && !done);
    EXPECT_STR(stringify(item), "[1,1]");
    /* Delete the next entry, add more (forcing a rehash), then keep iterating. */
    Value two = v_int(2);
    call(m, "delete", 1, &two);
    for (int i = 10; i < 40; i++) {
        Value kv[2] = {v_int(i), v_int(i)};
        call(m, "set", 2, kv);
    }
    cr_assert(vm_iterator_step(iso, *it, &done, item) == MJS_OK && !done);
    EXPECT_STR(stringify(item), "[3,3]");
    cr_assert(vm_iterator_step(iso, *it, &done, item) == MJS_OK && !done);
    EXPECT_STR(stringify(item), "[10,10]");
    call(m, "clear", 0, NULL);
    cr_assert(vm_iterator_step(iso, *it, &done, item) == MJS_OK && done);
}

BOTH(string_iterator) {
    Value *s = S("a\xF0\x9F\x98\x80" "b");
    Value *it = H(V_UNDEF), *item = H(V_UNDEF);
    cr_assert(vm_get_iterator(iso, *s, it) == MJS_OK);
    int n = 0;
    for (;;) {
        bool done = false;
        cr_assert(vm_iterator_step(iso, *it, &done, item) == MJS_OK);
        if (done) break;
        n++;
    }
    cr_assert(eq(int, n, 3));
}

/* ---------------------------------------------------------------- Object, Error, Symbol */

BOTH(object_statics) {
    Value *o = parse("{\"a\":1,\"b\":[2]}");
    EXPECT_STR(stringify(call(global("Object"), "entries", 1, o)), "[[\"a\",1],[\"b\",[2]]]");
    Value *pairs = parse("[[\"x\",1],[\"y\",2]]");
    EXPECT_STR(stringify(call(global("Object"), "fromEntries", 1, pairs)), "{\"x\":1,\"y\":2}");
    Value *target = parse("{\"a\":0}");
    Value args[3] = {*target, *o, V_NULL};
    call(global("Object"), "assign", 3, args);
    EXPECT_STR(stringify(target), "{\"a\":1,\"b\":[2]}");
    Value *frozen = call(global("Object"), "freeze", 1, target);
    cr_assert(call(global("Object"), "isFrozen", 1, frozen)[0] == V_TRUE);
}

BOTH(errors_and_symbols) {
    Value *msg = S("bad");
    Value *e = H(V_UNDEF);
    cr_assert(vm_construct(iso, *global("TypeError"), 1, msg, e) == MJS_OK);
    EXPECT_STR(utf8(call(e, "toString", 0, NULL)), "TypeError: bad");
    Value *re = H(V_UNDEF);
    cr_assert(vm_call(iso, *global("RangeError"), V_UNDEF, 0, NULL, re) == MJS_OK);
    EXPECT_STR(utf8(call(re, "toString", 0, NULL)), "RangeError");
    Value *q = S("q"), *sym = H(V_UNDEF);
    cr_assert(vm_call(iso, *global("Symbol"), V_UNDEF, 1, q, sym) == MJS_OK);
    EXPECT_STR(utf8(call(sym, "toString", 0, NULL)), "Symbol(q)");
}

BOTH(function_bind_apply) {
    Value *of = get(global("Array"), "of");
    Value bargs[3] = {V_NULL, v_int(1), v_int(2)};
    Value *bound = call(of, "bind", 3, bargs);
    EXPECT_STR(utf8(get(bound, "name")), "bound of");
    Value three = v_int(3);
    Value *r = H(V_UNDEF);
    cr_assert(vm_call(iso, *bound, V_UNDEF, 1, &three, r) == MJS_OK);
    EXPECT_STR(stringify(r), "[1,2,3]");
    Value *list = parse("[4,5,6]");
    Value aargs[2] = {V_NULL, *list};
    EXPECT_STR(stringify(call(of, "apply", 2, aargs)), "[4,5,6]");
}
