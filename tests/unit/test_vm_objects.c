/* test_vm_objects.c: the object model through the C API: strings, atoms, maps and
 * transitions, dictionary mode, key order, accessors, integrity levels, arrays, conversions,
 * equality and inline-cache filling. Every test runs twice: normally and in suite
 * vm_objects_stress with a GC at every allocation plus heap verification.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>

#include "vm/vm.h"
#include "vm/vm_int.h"

static Isolate *iso;
static bool stress;
static void intern_test_names(void);

static void setup(void) {
    MjsOptions o = {0};
    iso = vm_isolate_new(&o);
    stress = false;
    vm_scope_open(iso); /* handles live until the isolate goes */
    intern_test_names();
}
static void setup_stress(void) {
    MjsOptions o = {0};
    o.gc.gc_interval = 1;
    o.gc.verify_heap = true;
    iso = vm_isolate_new(&o);
    stress = true;
    vm_scope_open(iso);
    intern_test_names();
}
/* Names the tests pass as A("...") next to a dereferenced handle: interned up front, so A()
 * cannot allocate (and move the handle's object) in the middle of an argument list. */
static void intern_test_names(void) {
    static const char *const names[] = {"inherited", "a", "b", "-1", "05", "1.5", "2147483648", "3000000000", "5", "@sym",
                                        "F", "G", "_v", "answer", "ax", "c", "foo", "k", "m",
                                        "nope", "p", "ro", "x", "y", "z", ","};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) vm_handle(iso, atom_from_cstr(iso, names[i]));
}
static void teardown(void) { vm_isolate_free(iso); }

TestSuite(vm_objects, .init = setup, .fini = teardown);
TestSuite(vm_objects_stress, .init = setup_stress, .fini = teardown, .timeout = 120);

/* Each body runs in both suites. */
#define BOTH(name)                                                                             \
    static void body_##name(void);                                                             \
    Test(vm_objects, name) { body_##name(); }                                                  \
    Test(vm_objects_stress, name) { body_##name(); }                                           \
    static void body_##name(void)

/* ---------------------------------------------------------------- helpers */

static bool is_false(bool b) { return !b; }
static bool is_true(bool b) { return b; }
static Value *H(Value v) { return vm_handle(iso, v); }
static Value A(const char *s) { return atom_from_cstr(iso, s); }
static Value S(const char *s) { return str_from_cstr(iso, s); }

static Value getk(Value obj, Value key) {
    Value out = V_UNDEF;
    cr_assert(obj_get(iso, obj, key, &out) == MJS_OK);
    return out;
}
static Value get(Value obj, const char *k) {
    Value *h = H(obj);
    Value key = A(k);
    return getk(*h, key);
}
static void set(Value obj, const char *k, Value v) {
    Value *h = H(obj), *hv = H(v);
    Value key = A(k);
    cr_assert(obj_set(iso, *h, key, *hv, true) == MJS_OK);
}
static void define(Value obj, const char *k, Value v, int attrs) {
    Value *h = H(obj), *hv = H(v);
    Value key = A(k);
    cr_assert(obj_define(iso, *h, key, *hv, attrs) == MJS_OK);
}
static bool str_is(Value s, const char *expect) {
    if (!v_is_string(s)) return false;
    char *u = str_to_utf8(iso, s, NULL);
    bool ok = strcmp(u, expect) == 0;
    if (!ok) fprintf(stderr, "got '%s', want '%s'\n", u, expect);
    free(u);
    return ok;
}
/* The message of the pending exception (taken). */
static bool exc_is(const char *expect) {
    cr_assert(iso->has_exception);
    Value e = vm_take_exception(iso);
    Value m = get(e, "message");
    return str_is(m, expect);
}
static Map *map_of(Value o) { return v_jsobj(o)->map; }
static Value keys_joined(Value obj, int flags) {
    Value *arr = H(obj_own_keys(iso, obj, flags));
    Value *acc = H(ATOM(iso, empty));
    for (uint32_t i = 0; i < array_length(*arr); i++) {
        Value k = array_get_own(*arr, i);
        if (v_is_symbol(k)) k = A("@sym");
        Value *hk = H(k);
        Value sep = A(",");
        if (i) *acc = str_concat(iso, *acc, sep);
        *acc = str_concat(iso, *acc, *hk);
    }
    return *acc;
}

static Status native_42(Isolate *i, Value *argv, int argc, Value *ret) {
    *ret = v_int(42);
    return MJS_OK;
}
static Status native_get_x_of_this(Isolate *i, Value *argv, int argc, Value *ret) {
    return obj_get(i, argv[-1], atom_from_cstr(i, "x"), ret);
}
static Status native_store_v(Isolate *i, Value *argv, int argc, Value *ret) {
    Value key = atom_from_cstr(i, "_v");
    *ret = V_UNDEF;
    return obj_define(i, argv[-1], key, argv[0], P_DEFAULT);
}
static Status native_valueof_5(Isolate *i, Value *argv, int argc, Value *ret) {
    *ret = v_int(5);
    return MJS_OK;
}

/* ---------------------------------------------------------------- strings */

BOTH(string_concat_and_cons) {
    Value *a = H(S("hello ")), *b = H(S("world"));
    Value *ab = H(str_concat(iso, *a, *b));
    cr_assert(eq(int, v_type(*ab), T_STRING)); /* 11 < 13: copied */
    cr_assert(str_is(*ab, "hello world"));
    Value *bang = H(S("!!"));
    Value *c = H(str_concat(iso, *ab, *bang));
    cr_assert(eq(int, v_type(*c), T_CONS_STRING));
    cr_assert(eq(u32, str_length(*c), 13));
    Value f = str_flatten(iso, *c);
    cr_assert(eq(int, v_type(f), T_STRING));
    cr_assert(str_is(f, "hello world!!"));
    /* flattened in place: the cons now reads as cons(flat, "") */
    cr_assert(eq(u64, v_str(*c)->u.cons.left, f));
    cr_assert(eq(u32, str_length(v_str(*c)->u.cons.right), 0));
    cr_assert(eq(u64, str_flatten(iso, *c), f));
}

BOTH(string_million_appends_are_linear) {
    uint32_t n = stress ? 3000 : 1000000;
    Value *s = H(ATOM(iso, empty));
    Value *x = H(S("x"));
    for (uint32_t i = 0; i < n; i++) *s = str_concat(iso, *s, *x);
    cr_assert(eq(u32, str_length(*s), n));
    Value f = str_flatten(iso, *s);
    cr_assert(eq(u32, str_length(f), n));
    for (uint32_t i = 0; i < n; i += 997) cr_assert(eq(u16, str_char(f, i), 'x'));
    /* prepending builds a right-deep tree */
    Value *p = H(ATOM(iso, empty));
    for (uint32_t i = 0; i < n; i++) *p = str_concat(iso, i % 2 ? *x : A("y"), *p);
    f = str_flatten(iso, *p);
    cr_assert(eq(u16, str_char(f, 0), n % 2 ? 'y' : 'x'));
    cr_assert(eq(u16, str_char(f, n - 1), 'y'));
}

BOTH(string_two_byte_and_utf8) {
    Value *s1 = H(S("h\xc3\xa9llo")); /* é < 256: one byte */
    cr_assert(is_false(str_is_two_byte(*s1)));
    cr_assert(eq(u32, str_length(*s1), 5));
    Value *s2 = H(S("price \xe2\x82\xac" "5")); /* € */
    cr_assert(str_is_two_byte(*s2));
    cr_assert(eq(u32, str_length(*s2), 8));
    cr_assert(eq(u16, str_char(*s2, 6), 0x20ac));
    cr_assert(str_is(*s2, "price \xe2\x82\xac" "5"));
    Value *emoji = H(S("\xf0\x9f\x98\x80"));
    cr_assert(eq(u32, str_length(*emoji), 2));
    cr_assert(str_is(*emoji, "\xf0\x9f\x98\x80"));
    /* mixed concat keeps the wide chars; substring narrows when it can */
    Value *more = H(S(" and more text"));
    Value *long2 = H(str_concat(iso, *s2, *more));
    Value flat = str_flatten(iso, *long2);
    cr_assert(str_is_two_byte(flat));
    Value sub = str_substring(iso, flat, 9, 13);
    cr_assert(is_false(str_is_two_byte(sub)));
    cr_assert(str_is(sub, "and "));
    uint16_t lone[] = {'a', 0xd800, 'b'};
    Value l = str_from_utf16(iso, lone, 3);
    cr_assert(str_is(l, "a\xef\xbf\xbd" "b"));
    Value *abc = H(S("abc")), *abd = H(S("abd"));
    cr_assert(str_compare(iso, *abc, *abd) < 0);
    Value *ab2 = H(S("ab")), *a1 = H(S("a"));
    cr_assert(str_compare(iso, *ab2, *a1) > 0);
}

BOTH(atoms_are_unique_and_hashes_agree) {
    Value *a = H(A("property"));
    cr_assert(v_is_atom(*a));
    Value *prop = H(S("prop")), *erty = H(S("erty"));
    Value *built = H(str_concat(iso, *prop, *erty));
    cr_assert(is_false(v_is_atom(*built)));
    cr_assert(str_equals(iso, *a, *built));
    cr_assert(eq(u32, str_hash(iso, *a), str_hash(iso, *built)));
    Value *p1 = H(S("a fairly long ")), *p2 = H(S("atom name"));
    Value *longer = H(str_concat(iso, *p1, *p2));
    cr_assert(eq(int, v_type(*longer), T_CONS_STRING));
    Value i1 = atom_intern(iso, *longer);
    Value *hi1 = H(i1);
    cr_assert(eq(u64, *hi1, A("a fairly long atom name")));
    cr_assert(eq(u64, atom_intern(iso, *built), *a));
    cr_assert(eq(u64, ATOM(iso, length), A("length")));
    /* single characters are cached */
    cr_assert(eq(u64, str_substring(iso, *a, 0, 1), A("p")));
}

BOTH(numbers_and_strings) {
    cr_assert(str_is(str_from_int(iso, -123), "-123"));
    cr_assert(str_is(str_from_int(iso, 0), "0"));
    cr_assert(str_is(str_from_int(iso, INT32_MIN), "-2147483648"));
    const double ds[] = {1.5, 1e21, 1e-7, 123456789012.0, 0.1 + 0.2, -1e-300, 9007199254740992.0, 5e-324, -0.0};
    const char *ss[] = {"1.5", "1e+21", "1e-7", "123456789012", "0.30000000000000004", "-1e-300",
                        "9007199254740992", "5e-324", "0"};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) cr_assert(str_is(str_from_double(iso, ds[i]), ss[i]));
    cr_assert(str_is(str_from_double(iso, NAN), "NaN"));
    cr_assert(str_is(str_from_double(iso, -INFINITY), "-Infinity"));
    static const struct { const char *s; double d; } tn[] = {
        {" 12 ", 12}, {"0x1F", 31}, {"", 0}, {"1e3", 1000}, {"Infinity", INFINITY},
        {"-Infinity", -INFINITY}, {"0b101", 5}, {"0o17", 15}, {".5", 0.5}, {"5.", 5},
        {"+.5", 0.5}, {"\xc2\xa0 42 \n", 42}, {"0X1f", 31}, {"+Infinity", INFINITY}, {"00012", 12},
    };
    for (size_t i = 0; i < sizeof tn / sizeof tn[0]; i++) {
        double d = str_to_number(iso, S(tn[i].s));
        cr_assert(d == tn[i].d, "'%s' -> %g", tn[i].s, d);
    }
    const char *nans[] = {"abc", "1_000", "-0x10", "1e", "infinity", "12abc", "-", "."};
    for (size_t i = 0; i < sizeof nans / sizeof nans[0]; i++) cr_assert(isnan(str_to_number(iso, S(nans[i]))), "%s", nans[i]);
    cr_assert(signbit(str_to_number(iso, S("-0"))));
    cr_assert(eq(i64, str_array_index(iso, S("0")), 0));
    cr_assert(eq(i64, str_array_index(iso, S("05")), -1));
    cr_assert(eq(i64, str_array_index(iso, S("4294967294")), 4294967294ll));
    cr_assert(eq(i64, str_array_index(iso, S("4294967295")), -1));
}

BOTH(keys_are_canonical) {
    Value k;
    cr_assert(vm_to_key(iso, S("5"), &k) == MJS_OK && k == v_int(5));
    cr_assert(vm_to_key(iso, v_double(5.0), &k) == MJS_OK && k == v_int(5));
    cr_assert(vm_to_key(iso, v_double(-0.0), &k) == MJS_OK && k == v_int(0));
    cr_assert(vm_to_key(iso, S("05"), &k) == MJS_OK && k == A("05"));
    cr_assert(vm_to_key(iso, v_int(-1), &k) == MJS_OK && k == A("-1"));
    cr_assert(vm_to_key(iso, v_double(1.5), &k) == MJS_OK && k == A("1.5"));
    cr_assert(vm_to_key(iso, S("2147483648"), &k) == MJS_OK && k == A("2147483648"));
    cr_assert(vm_to_key(iso, V_NULL, &k) == MJS_OK && k == A("null"));
    /* "5" and 5 name the same property */
    Value *o = H(obj_new(iso));
    Value *five = H(S("5"));
    cr_assert(obj_set(iso, *o, *five, v_int(1), true) == MJS_OK);
    cr_assert(eq(u64, getk(*o, v_int(5)), v_int(1)));
    cr_assert(eq(u64, getk(*o, A("5")), v_int(1)));
}

/* ---------------------------------------------------------------- shapes */

static Value make_xy(int x, int y) {
    Value *o = H(obj_new(iso));
    set(*o, "x", v_int(x));
    set(*o, "y", v_int(y));
    return *o;
}

BOTH(same_construction_same_map) {
    Value *a = H(make_xy(1, 2)), *b = H(make_xy(3, 4));
    cr_assert(eq(ptr, map_of(*a), map_of(*b)));
    cr_assert(eq(u32, map_of(*a)->prop_count, 2));
    Value *c = H(obj_new(iso));
    set(*c, "y", v_int(1));
    set(*c, "x", v_int(2));
    cr_assert(map_of(*c) != map_of(*a));
    /* transition tree: {x,y}'s parent is {x}, whose parent is the root {} */
    Map *m = map_of(*a);
    Map *px = v_ptr(m->parent);
    cr_assert(eq(u64, m->key, A("y")));
    cr_assert(eq(u64, px->key, A("x")));
    cr_assert(eq(ptr, v_ptr(px->parent), v_ptr(ROOT(iso, R_MAP_OBJECT))));
    cr_assert(eq(u64, get(*b, "x"), v_int(3)));
    cr_assert(eq(u64, get(*b, "y"), v_int(4)));
    /* {x, y}: header (3 words) + 4 in-object slots */
    cr_assert(eq(sz, vm_object_size(v_ptr(*a)), 56));
    Map *tight = map_new_root(iso, T_OBJECT, ROOT(iso, R_OBJECT_PROTO), 0, 2);
    cr_assert(eq(u32, tight->instance_size, 40));
}

BOTH(in_object_then_out_of_object) {
    Value *o = H(obj_new(iso));
    const char *names[] = {"a", "b", "c", "d", "e", "f", "g"};
    for (int i = 0; i < 4; i++) set(*o, names[i], v_int(i));
    cr_assert(eq(u64, v_jsobj(*o)->props, V_HOLE));
    for (int i = 4; i < 7; i++) set(*o, names[i], v_int(i));
    cr_assert(v_is_ptr(v_jsobj(*o)->props));
    cr_assert(v_fixed(v_jsobj(*o)->props)->length >= 3);
    for (int i = 0; i < 7; i++) cr_assert(eq(u64, get(*o, names[i]), v_int(i)));
    cr_assert(eq(u64, *obj_slot_ptr(*o, 5), v_int(5)));
    cr_assert(is_false((map_of(*o)->flags & MAP_DICTIONARY)));
}

BOTH(delete_last_rolls_back_other_goes_dictionary) {
    Value *o = H(make_xy(1, 2));
    Value *ref = H(obj_new(iso));
    set(*ref, "x", v_int(9));
    bool deleted;
    cr_assert(obj_delete(iso, *o, A("y"), true, &deleted) == MJS_OK && deleted);
    cr_assert(eq(ptr, map_of(*o), map_of(*ref)));
    cr_assert(eq(u64, get(*o, "y"), V_UNDEF));
    set(*o, "y", v_int(3)); /* back on the shared transition */
    Value *o2 = H(make_xy(5, 6));
    cr_assert(eq(ptr, map_of(*o), map_of(*o2)));
    cr_assert(obj_delete(iso, *o, A("x"), true, &deleted) == MJS_OK && deleted);
    cr_assert(is_true(map_of(*o)->flags & MAP_DICTIONARY));
    cr_assert(eq(u64, get(*o, "x"), V_UNDEF));
    cr_assert(eq(u64, get(*o, "y"), v_int(3)));
    set(*o, "z", v_int(7));
    cr_assert(str_is(keys_joined(*o, 0), "y,z"));
    cr_assert(eq(u64, get(*o2, "x"), v_int(5))); /* the other object is untouched */
}

BOTH(many_properties_go_dictionary) {
    Value *o = H(obj_new(iso));
    int n = stress ? 300 : 5000;
    char buf[32];
    for (int i = 0; i < n; i++) {
        snprintf(buf, sizeof buf, "key%d", i);
        set(*o, buf, v_int(i));
        if (i == 4 + 127) cr_assert(is_false((map_of(*o)->flags & MAP_DICTIONARY)));
    }
    cr_assert(is_true(map_of(*o)->flags & MAP_DICTIONARY));
    for (int i = 0; i < n; i += 7) {
        snprintf(buf, sizeof buf, "key%d", i);
        cr_assert(eq(u64, get(*o, buf), v_int(i)));
    }
    Value *keys = H(obj_own_keys(iso, *o, 0));
    cr_assert(eq(u32, array_length(*keys), (uint32_t)n));
    cr_assert(str_is(array_get_own(*keys, 0), "key0"));
    cr_assert(str_is(array_get_own(*keys, (uint32_t)n - 1), stress ? "key299" : "key4999"));
}

BOTH(prototypes_share_root_maps_and_bump_epoch) {
    Value *p = H(obj_new(iso));
    set(*p, "greet", v_int(1));
    Value *a = H(obj_new_with_proto(iso, *p)), *b = H(obj_new_with_proto(iso, *p));
    cr_assert(eq(ptr, map_of(*a), map_of(*b)));
    cr_assert(eq(u64, map_of(*a)->proto, *p));
    cr_assert(is_true(map_of(*p)->flags & MAP_IS_PROTOTYPE));
    cr_assert(eq(u64, get(*a, "greet"), v_int(1)));
    uint32_t epoch = iso->proto_epoch;
    set(*p, "other", v_int(2));
    cr_assert(iso->proto_epoch != epoch);
    cr_assert(eq(u64, get(*b, "other"), v_int(2)));
    Value *n = H(obj_new_with_proto(iso, V_NULL));
    cr_assert(eq(u64, obj_get_proto(*n), V_NULL));
    cr_assert(eq(u64, get(*n, "toString"), V_UNDEF));
    /* setPrototypeOf: cycles are refused */
    cr_assert(obj_set_proto(iso, *p, *a) == MJS_EXC);
    cr_assert(exc_is("Cyclic __proto__ value"));
    cr_assert(obj_set_proto(iso, *n, *p) == MJS_OK);
    cr_assert(eq(u64, get(*n, "greet"), v_int(1)));
    /* __proto__ accessor on Object.prototype */
    Value *o = H(make_xy(1, 2));
    cr_assert(eq(u64, get(*o, "__proto__"), ROOT(iso, R_OBJECT_PROTO)));
    set(*o, "__proto__", *p);
    cr_assert(eq(u64, get(*o, "greet"), v_int(1)));
    cr_assert(eq(u64, get(*o, "x"), v_int(1)));
}

/* ---------------------------------------------------------------- keys, accessors */

BOTH(own_key_order) {
    Value *o = H(obj_new(iso));
    set(*o, "b", v_int(1));
    set(*o, "a", v_int(2));
    cr_assert(obj_set(iso, *o, v_int(2), v_int(3), true) == MJS_OK);
    Value *ten = H(S("10"));
    cr_assert(obj_set(iso, *o, *ten, v_int(4), true) == MJS_OK);
    cr_assert(obj_set(iso, *o, v_int(1), v_int(5), true) == MJS_OK);
    Value *sym = H(vm_symbol_new(iso, S("s")));
    cr_assert(obj_set(iso, *o, *sym, v_int(6), true) == MJS_OK);
    define(*o, "hidden", v_int(7), P_HIDDEN);
    cr_assert(str_is(keys_joined(*o, 0), "1,2,10,b,a,hidden"));
    cr_assert(str_is(keys_joined(*o, KEYS_ENUMERABLE_ONLY), "1,2,10,b,a"));
    cr_assert(str_is(keys_joined(*o, KEYS_INCLUDE_SYMBOLS), "1,2,10,b,a,hidden,@sym"));
    cr_assert(eq(u64, getk(*o, *sym), v_int(6)));
    Value *arr = H(array_new(iso, 0));
    cr_assert(array_push(iso, *arr, v_int(1)) == MJS_OK);
    cr_assert(array_push(iso, *arr, v_int(2)) == MJS_OK);
    cr_assert(str_is(keys_joined(*arr, 0), "0,1,length"));
    cr_assert(str_is(keys_joined(*arr, KEYS_ENUMERABLE_ONLY), "0,1"));
}

BOTH(getters_and_setters) {
    Value *o = H(make_xy(10, 20));
    Value *g = H(vm_new_native(iso, "getX", native_get_x_of_this, 0));
    Value *s = H(vm_new_native(iso, "setV", native_store_v, 1));
    cr_assert(obj_define_accessor(iso, *o, A("ax"), *g, *s, P_DEFAULT) == MJS_OK);
    cr_assert(is_true(map_of(*o)->flags & MAP_HAS_GETTERS));
    cr_assert(eq(u64, get(*o, "ax"), v_int(10)));
    set(*o, "ax", v_int(99));
    cr_assert(eq(u64, get(*o, "_v"), v_int(99)));
    /* inherited accessor: the receiver is the derived object */
    Value *d = H(obj_new_with_proto(iso, *o));
    set(*d, "x", v_int(77));
    cr_assert(eq(u64, get(*d, "ax"), v_int(77)));
    set(*d, "ax", v_int(5));
    cr_assert(eq(u64, get(*d, "_v"), v_int(5)));
    cr_assert(obj_has_own(iso, *d, A("_v")));
    /* getter only: sloppy ignores, strict throws */
    Value *g42 = H(vm_new_native(iso, "g42", native_42, 0));
    cr_assert(obj_define_accessor(iso, *o, A("ro"), *g42, V_UNDEF, P_DEFAULT) == MJS_OK);
    cr_assert(obj_set(iso, *o, A("ro"), v_int(1), false) == MJS_OK);
    cr_assert(obj_set(iso, *o, A("ro"), v_int(1), true) == MJS_EXC);
    cr_assert(exc_is("Cannot set property ro of #<Object> which has only a getter"));
    /* `get x` then `set x` merge into one pair */
    cr_assert(obj_define_accessor(iso, *o, A("ro"), V_UNDEF, *s, P_DEFAULT) == MJS_OK);
    cr_assert(eq(u64, get(*o, "ro"), v_int(42)));
    PropDesc pd;
    cr_assert(obj_get_own(iso, *o, A("ro"), &pd));
    cr_assert(is_true(pd.attrs & P_ACCESSOR));
    cr_assert(v_is_callable(pd.getter) && v_is_callable(pd.setter));
}

BOTH(define_property_and_freeze) {
    Value *o = H(make_xy(1, 2));
    PropDesc d = {v_int(5), V_UNDEF, V_UNDEF, 0};
    cr_assert(obj_define_desc(iso, *o, A("c"), &d, PD_VALUE) == MJS_OK);
    PropDesc got;
    cr_assert(obj_get_own(iso, *o, A("c"), &got));
    cr_assert(eq(int, got.attrs, 0));
    cr_assert(obj_set(iso, *o, A("c"), v_int(6), false) == MJS_OK);
    cr_assert(eq(u64, get(*o, "c"), v_int(5)));
    cr_assert(obj_set(iso, *o, A("c"), v_int(6), true) == MJS_EXC);
    cr_assert(exc_is("Cannot assign to read only property 'c' of object '#<Object>'"));
    d.value = v_int(7);
    cr_assert(obj_define_desc(iso, *o, A("c"), &d, PD_VALUE) == MJS_EXC);
    cr_assert(exc_is("Cannot redefine property: c"));
    d.value = v_int(5);
    cr_assert(obj_define_desc(iso, *o, A("c"), &d, PD_VALUE) == MJS_OK); /* same value: fine */
    /* making x non-enumerable keeps the value */
    PropDesc ne = {V_UNDEF, V_UNDEF, V_UNDEF, 0};
    cr_assert(obj_define_desc(iso, *o, A("x"), &ne, PD_ENUMERABLE) == MJS_OK);
    cr_assert(eq(u64, get(*o, "x"), v_int(1)));
    cr_assert(str_is(keys_joined(*o, KEYS_ENUMERABLE_ONLY), "y"));
    bool del;
    cr_assert(obj_delete(iso, *o, A("c"), false, &del) == MJS_OK && !del);
    cr_assert(obj_delete(iso, *o, A("c"), true, &del) == MJS_EXC);
    cr_assert(exc_is("Cannot delete property 'c' of #<Object>"));

    Value *f = H(make_xy(1, 2));
    cr_assert(obj_set(iso, *f, v_int(0), v_int(9), true) == MJS_OK);
    cr_assert(is_false(obj_is_frozen(iso, *f, false)));
    cr_assert(obj_freeze(iso, *f, false) == MJS_OK);
    cr_assert(obj_is_frozen(iso, *f, false));
    cr_assert(obj_is_frozen(iso, *f, true));
    cr_assert(is_false(obj_is_extensible(*f)));
    cr_assert(obj_set(iso, *f, A("x"), v_int(5), true) == MJS_EXC);
    vm_take_exception(iso);
    cr_assert(obj_set(iso, *f, v_int(0), v_int(5), true) == MJS_EXC);
    vm_take_exception(iso);
    cr_assert(obj_set(iso, *f, A("z"), v_int(5), true) == MJS_EXC);
    cr_assert(exc_is("Cannot add property z, object is not extensible"));
    cr_assert(obj_set(iso, *f, A("z"), v_int(5), false) == MJS_OK);
    cr_assert(eq(u64, get(*f, "x"), v_int(1)));
    cr_assert(eq(u64, getk(*f, v_int(0)), v_int(9)));
    cr_assert(eq(u64, get(*f, "z"), V_UNDEF));

    Value *s = H(make_xy(1, 2));
    cr_assert(obj_freeze(iso, *s, true) == MJS_OK);
    cr_assert(obj_is_frozen(iso, *s, true) && !obj_is_frozen(iso, *s, false));
    set(*s, "x", v_int(3));
    cr_assert(eq(u64, get(*s, "x"), v_int(3)));
    cr_assert(obj_delete(iso, *s, A("x"), false, &del) == MJS_OK && !del);

    Value *a = H(array_from(iso, (Value[]){v_int(1), v_int(2)}, 2));
    cr_assert(obj_freeze(iso, *a, false) == MJS_OK);
    cr_assert(obj_is_frozen(iso, *a, false));
    cr_assert(array_push(iso, *a, v_int(3)) == MJS_EXC);
    vm_take_exception(iso);
    cr_assert(obj_set(iso, *a, A("length"), v_int(0), true) == MJS_EXC);
    vm_take_exception(iso);
    cr_assert(eq(u32, array_length(*a), 2));
}

/* ---------------------------------------------------------------- arrays */

BOTH(arrays_holes_length_sparse) {
    Value *a = H(array_new(iso, 5));
    cr_assert(eq(u32, array_length(*a), 5));
    cr_assert(eq(u64, array_get_own(*a, 2), V_HOLE));
    cr_assert(eq(u64, getk(*a, v_int(2)), V_UNDEF));
    cr_assert(is_false(obj_has_own(iso, *a, v_int(2))));
    cr_assert(obj_set(iso, *a, v_int(10), v_int(1), true) == MJS_OK);
    cr_assert(eq(u32, array_length(*a), 11));
    cr_assert(eq(u64, get(*a, "length"), v_int(11)));
    set(*a, "length", v_int(3));
    cr_assert(eq(u32, array_length(*a), 3));
    cr_assert(eq(u64, getk(*a, v_int(10)), V_UNDEF));
    set(*a, "length", v_int(100));
    cr_assert(eq(u32, array_length(*a), 100));
    cr_assert(obj_set(iso, *a, A("length"), v_int(-1), true) == MJS_EXC);
    cr_assert(exc_is("Invalid array length"));
    cr_assert(obj_set(iso, *a, A("length"), v_double(1.5), true) == MJS_EXC);
    vm_take_exception(iso);
    /* a far store goes sparse */
    Value *s = H(array_new(iso, 0));
    cr_assert(obj_set(iso, *s, v_int(1000000), v_int(7), true) == MJS_OK);
    cr_assert(is_true(map_of(*s)->flags & MAP_SPARSE_ELEMENTS));
    cr_assert(eq(u32, array_length(*s), 1000001));
    cr_assert(obj_set(iso, *s, v_int(5), v_int(8), true) == MJS_OK);
    cr_assert(obj_set(iso, *s, v_int(70), v_int(9), true) == MJS_OK);
    cr_assert(str_is(keys_joined(*s, 0), "5,70,1000000,length"));
    cr_assert(eq(u64, getk(*s, v_int(1000000)), v_int(7)));
    set(*s, "length", v_int(6));
    cr_assert(str_is(keys_joined(*s, KEYS_ENUMERABLE_ONLY), "5"));
    /* push, big index keys */
    Value *p = H(array_new(iso, 0));
    for (int i = 0; i < 100; i++) cr_assert(array_push(iso, *p, v_int(i)) == MJS_OK);
    cr_assert(eq(u32, array_length(*p), 100));
    cr_assert(eq(u64, array_get_own(*p, 99), v_int(99)));
    cr_assert(obj_set(iso, *p, A("3000000000"), v_int(1), true) == MJS_OK);
    cr_assert(eq(u64, get(*p, "length"), v_double(3000000001.0)));
    /* elements on a plain object, and deleting leaves a hole */
    Value *o = H(obj_new(iso));
    cr_assert(obj_set(iso, *o, v_int(1), v_int(2), true) == MJS_OK);
    bool del;
    cr_assert(obj_delete(iso, *p, v_int(50), true, &del) == MJS_OK && del);
    cr_assert(eq(u64, array_get_own(*p, 50), V_HOLE));
    cr_assert(eq(u32, array_length(*p), 3000000001u));
}

Test(vm_objects, new_array_20m_is_dense_in_lo_space) {
    GcStats before, after;
    gc_stats(iso->heap, &before);
    Value *a = H(array_new(iso, 20 * 1024 * 1024));
    gc_stats(iso->heap, &after);
    Value el = v_jsobj(*a)->elements;
    cr_assert(is_false((map_of(*a)->flags & MAP_SPARSE_ELEMENTS)));
    cr_assert(eq(u64, v_fixed(el)->length, 20971520));
    cr_assert(eq(int, gc_space_of(iso->heap, v_ptr(el)), GC_LO_SPACE));
    size_t grew = after.space_used[GC_LO_SPACE] - before.space_used[GC_LO_SPACE];
    cr_assert(grew >= 160u * 1024 * 1024 && grew < 161u * 1024 * 1024, "grew %zu", grew);
    cr_assert(obj_set(iso, *a, v_int(20971519), v_int(0), true) == MJS_OK);
    Value *huge = H(array_new(iso, 100u * 1024 * 1024));
    cr_assert(is_true(map_of(*huge)->flags & MAP_SPARSE_ELEMENTS));
}

/* ---------------------------------------------------------------- functions */

BOTH(lazy_function_prototype) {
    Value *fn = H(obj_new_from_map(iso, v_ptr(ROOT(iso, R_MAP_FUNCTION))));
    *obj_slot_ptr(*fn, FN_SLOT_LENGTH) = v_int(0);
    *obj_slot_ptr(*fn, FN_SLOT_NAME) = A("F");
    cr_assert(eq(u64, *obj_slot_ptr(*fn, FN_SLOT_PROTOTYPE), V_HOLE));
    cr_assert(str_is(vm_typeof(iso, *fn), "function"));
    cr_assert(str_is(keys_joined(*fn, 0), "length,name,prototype"));
    bool has;
    cr_assert(obj_has(iso, *fn, A("prototype"), &has) == MJS_OK && has);
    Value *proto = H(get(*fn, "prototype"));
    cr_assert(v_is_object(*proto));
    cr_assert(eq(u64, get(*fn, "prototype"), *proto));
    cr_assert(eq(u64, get(*proto, "constructor"), *fn));
    cr_assert(str_is(keys_joined(*proto, 0), "constructor"));
    cr_assert(str_is(keys_joined(*proto, KEYS_ENUMERABLE_ONLY), ""));
    Value *inst = H(obj_new_with_proto(iso, *proto));
    bool is;
    cr_assert(vm_instance_of(iso, *inst, *fn, &is) == MJS_OK && is);
    cr_assert(vm_instance_of(iso, *fn, *fn, &is) == MJS_OK && !is);
    cr_assert(vm_instance_of(iso, *inst, *inst, &is) == MJS_EXC);
    cr_assert(exc_is("Right-hand side of 'instanceof' is not callable"));
    /* name/length are non-writable */
    cr_assert(obj_set(iso, *fn, A("name"), A("G"), false) == MJS_OK);
    cr_assert(str_is(vm_function_name(iso, *fn), "F"));
    /* natives */
    Value *nat = H(vm_new_native(iso, "answer", native_42, 2));
    cr_assert(str_is(vm_function_name(iso, *nat), "answer"));
    cr_assert(eq(u64, get(*nat, "length"), v_int(2)));
    cr_assert(eq(u64, obj_get_proto(*nat), ROOT(iso, R_FUNCTION_PROTO)));
    Value *holder = H(obj_new(iso));
    vm_def_native(iso, *holder, "answer", native_42, 0);
    Value r;
    cr_assert(vm_invoke(iso, *holder, A("answer"), 0, NULL, &r) == MJS_OK && r == v_int(42));
    cr_assert(vm_invoke(iso, *holder, A("nope"), 0, NULL, &r) == MJS_EXC);
    vm_take_exception(iso);
    cr_assert(str_is(keys_joined(*holder, KEYS_ENUMERABLE_ONLY), ""));
}

BOTH(isolate_roots) {
    Value *g = H(ROOT(iso, R_GLOBAL));
    cr_assert(eq(u64, get(*g, "globalThis"), *g));
    cr_assert(eq(u64, get(*g, "global"), *g));
    cr_assert(str_is(vm_typeof(iso, ROOT(iso, R_FUNCTION_PROTO)), "function"));
    cr_assert(eq(u64, obj_get_proto(ROOT(iso, R_FUNCTION_PROTO)), ROOT(iso, R_OBJECT_PROTO)));
    cr_assert(eq(u64, obj_get_proto(ROOT(iso, R_OBJECT_PROTO)), V_NULL));
    cr_assert(eq(u64, obj_get_proto(ROOT(iso, R_TYPE_ERROR_PROTO)), ROOT(iso, R_ERROR_PROTO)));
    cr_assert(eq(u64, obj_get_proto(ROOT(iso, R_ERROR_PROTO)), ROOT(iso, R_OBJECT_PROTO)));
    cr_assert(v_is_symbol(ROOT(iso, R_SYMBOL_ITERATOR)));
    cr_assert(str_is(((Symbol *)v_ptr(ROOT(iso, R_SYMBOL_ITERATOR)))->description, "Symbol.iterator"));
    Value *arr = H(array_new(iso, 0));
    cr_assert(eq(u64, obj_get_proto(*arr), ROOT(iso, R_ARRAY_PROTO)));
    Map *fm = v_ptr(ROOT(iso, R_MAP_FUNCTION));
    cr_assert(eq(u32, fm->prop_count, 3));
    cr_assert(eq(int, fm->internal_count, FN_INTERNAL_COUNT));
    Value *e = H(vm_make_error(iso, E_RANGE, S("boom")));
    cr_assert(eq(u64, obj_get_proto(*e), ROOT(iso, R_RANGE_ERROR_PROTO)));
    cr_assert(eq(int, v_type(*e), T_ERROR));
}

/* ---------------------------------------------------------------- errors on primitives */

BOTH(primitive_access) {
    Value out;
    cr_assert(obj_get(iso, V_UNDEF, A("x"), &out) == MJS_EXC);
    cr_assert(exc_is("Cannot read properties of undefined (reading 'x')"));
    cr_assert(obj_get(iso, V_NULL, v_int(0), &out) == MJS_EXC);
    cr_assert(exc_is("Cannot read properties of null (reading '0')"));
    cr_assert(obj_set(iso, V_UNDEF, A("y"), v_int(1), false) == MJS_EXC);
    cr_assert(exc_is("Cannot set properties of undefined (setting 'y')"));
    Value *s = H(S("h\xc3\xa9llo"));
    cr_assert(eq(u64, getk(*s, ATOM(iso, length)), v_int(5)));
    cr_assert(str_is(getk(*s, v_int(1)), "\xc3\xa9"));
    cr_assert(eq(u64, getk(*s, v_int(9)), V_UNDEF));
    set(ROOT(iso, R_STRING_PROTO), "shout", v_int(3));
    cr_assert(eq(u64, get(*s, "shout"), v_int(3)));
    cr_assert(eq(u64, get(v_int(4), "x"), V_UNDEF));
    cr_assert(obj_set(iso, *s, v_int(0), A("x"), true) == MJS_EXC);
    cr_assert(exc_is("Cannot assign to read only property '0' of string 'h\xc3\xa9llo'"));
    cr_assert(obj_set(iso, *s, A("foo"), A("x"), true) == MJS_EXC);
    cr_assert(exc_is("Cannot create property 'foo' on string 'h\xc3\xa9llo'"));
    /* String wrapper objects expose indices and length */
    Value *w;
    Value tmp;
    cr_assert(vm_to_object(iso, *s, &tmp) == MJS_OK);
    w = H(tmp);
    cr_assert(eq(int, v_type(*w), T_STRING_OBJ));
    cr_assert(str_is(keys_joined(*w, 0), "0,1,2,3,4,length"));
    cr_assert(str_is(getk(*w, v_int(4)), "o"));
    cr_assert(eq(u64, get(*w, "shout"), v_int(3)));
    bool has;
    cr_assert(obj_has(iso, *w, v_int(2), &has) == MJS_OK && has);
    cr_assert(obj_has(iso, *s, v_int(2), &has) == MJS_EXC);
    vm_take_exception(iso);
}

/* ---------------------------------------------------------------- conversions */

static Value table_value(int i) {
    switch (i) {
    case 0: return V_UNDEF;
    case 1: return V_NULL;
    case 2: return V_TRUE;
    case 3: return V_FALSE;
    case 4: return v_int(0);
    case 5: return v_double(-0.0);
    case 6: return v_int(1);
    case 7: return v_double(1.5);
    case 8: return v_double(NAN);
    case 9: return v_double(INFINITY);
    case 10: return S("");
    case 11: return S("0");
    case 12: return S("1");
    case 13: return S(" 12 ");
    case 14: return S("abc");
    case 15: return S("0x10");
    case 16: return S("1e3");
    default: return S("-0");
    }
}
#define NVALS 18

BOTH(conversion_table_matches_node) {
    static const char *strs[NVALS] = {"undefined", "null", "true", "false", "0", "0", "1", "1.5", "NaN",
                                      "Infinity", "", "0", "1", " 12 ", "abc", "0x10", "1e3", "-0"};
    static const double nums[NVALS] = {NAN, 0, 1, 0, 0, 0, 1, 1.5, NAN, INFINITY, 0, 0, 1, 12, NAN, 16, 1000, -0.0};
    static const bool bools[NVALS] = {0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1};
    static const char *types[NVALS] = {"undefined", "object", "boolean", "boolean", "number", "number",
                                       "number", "number", "number", "number", "string", "string",
                                       "string", "string", "string", "string", "string", "string"};
    for (int i = 0; i < NVALS; i++) {
        Value *v = H(table_value(i));
        Value s;
        cr_assert(vm_to_string(iso, *v, &s) == MJS_OK);
        cr_assert(str_is(s, strs[i]), "ToString #%d", i);
        double d;
        cr_assert(vm_to_number(iso, *v, &d) == MJS_OK);
        cr_assert(is_true((isnan(d) && isnan(nums[i])) || d == nums[i]), "ToNumber #%d: %g", i, d);
        cr_assert(eq(int, vm_to_boolean(*v), bools[i]), "ToBoolean #%d", i);
        cr_assert(str_is(vm_typeof(iso, *v), types[i]));
    }
}

BOTH(equality_tables_match_node) {
    static const char *loose[NVALS] = {
        "110000000000000000", "110000000000000000", "001000100000100000", "000111000011000001",
        "000111000011000001", "000111000011000001", "001000100000100000", "000000010000000000",
        "000000000000000000", "000000000100000000", "000111000010000000", "000111000001000000",
        "001000100000100000", "000000000000010000", "000000000000001000", "000000000000000100",
        "000000000000000010", "000111000000000001"};
    static const char *strict[NVALS] = {
        "100000000000000000", "010000000000000000", "001000000000000000", "000100000000000000",
        "000011000000000000", "000011000000000000", "000000100000000000", "000000010000000000",
        "000000000000000000", "000000000100000000", "000000000010000000", "000000000001000000",
        "000000000000100000", "000000000000010000", "000000000000001000", "000000000000000100",
        "000000000000000010", "000000000000000001"};
    Value *vals[NVALS], *other[NVALS];
    for (int i = 0; i < NVALS; i++) vals[i] = H(table_value(i));
    for (int i = 0; i < NVALS; i++) other[i] = H(table_value(i)); /* distinct string objects */
    for (int i = 0; i < NVALS; i++) {
        for (int j = 0; j < NVALS; j++) {
            bool le;
            cr_assert(vm_loose_equals(iso, *vals[i], *other[j], &le) == MJS_OK);
            cr_assert(eq(int, le, loose[i][j] == '1'), "%d == %d", i, j);
            cr_assert(eq(int, vm_strict_equals(iso, *vals[i], *other[j]), strict[i][j] == '1'), "%d === %d", i, j);
            bool sv = vm_same_value(iso, *vals[i], *other[j]);
            bool sv_expect = i == j; /* Object.is: identity for this table */
            cr_assert(eq(int, sv, sv_expect), "Object.is(%d, %d)", i, j);
        }
    }
    cr_assert(vm_same_value_zero(iso, v_int(0), v_double(-0.0)));
    cr_assert(vm_same_value_zero(iso, v_double(NAN), v_double(NAN)));
    /* objects: identity, and valueOf for == */
    Value *o = H(obj_new(iso));
    vm_def_native(iso, *o, "valueOf", native_valueof_5, 0);
    bool le;
    cr_assert(vm_loose_equals(iso, *o, v_int(5), &le) == MJS_OK && le);
    Value *s5 = H(S("5"));
    cr_assert(vm_loose_equals(iso, *s5, *o, &le) == MJS_OK && le);
    cr_assert(is_false(vm_strict_equals(iso, *o, v_int(5))));
    Value *o2 = H(obj_new(iso));
    cr_assert(vm_loose_equals(iso, *o, *o2, &le) == MJS_OK && !le);
    cr_assert(vm_loose_equals(iso, *o, *o, &le) == MJS_OK && le);
}

BOTH(add_and_int_conversions) {
    Value r;
    cr_assert(vm_add(iso, v_int(1), v_int(2), &r) == MJS_OK && r == v_int(3));
    cr_assert(vm_add(iso, v_int(INT32_MAX), v_int(1), &r) == MJS_OK && v_num(r) == 2147483648.0);
    cr_assert(vm_add(iso, v_double(0.5), v_double(0.5), &r) == MJS_OK && r == v_int(1));
    cr_assert(vm_add(iso, v_int(1), S("2"), &r) == MJS_OK && str_is(r, "12"));
    cr_assert(vm_add(iso, S("a"), V_NULL, &r) == MJS_OK && str_is(r, "anull"));
    cr_assert(vm_add(iso, V_TRUE, v_int(1), &r) == MJS_OK && r == v_int(2));
    cr_assert(vm_add(iso, V_UNDEF, v_int(1), &r) == MJS_OK && isnan(v_num(r)));
    Value *o = H(obj_new(iso));
    vm_def_native(iso, *o, "valueOf", native_valueof_5, 0);
    cr_assert(vm_add(iso, *o, v_int(1), &r) == MJS_OK && r == v_int(6));
    Value *sx = H(S("x"));
    cr_assert(vm_add(iso, *o, *sx, &r) == MJS_OK && str_is(r, "5x"));
    Value *bare = H(obj_new_with_proto(iso, V_NULL));
    cr_assert(vm_add(iso, *bare, v_int(1), &r) == MJS_EXC);
    cr_assert(exc_is("Cannot convert object to primitive value"));
    int32_t i32;
    uint32_t u32;
    cr_assert(vm_to_int32(iso, v_double(4294967296.0 + 5), &i32) == MJS_OK && i32 == 5);
    cr_assert(vm_to_int32(iso, v_double(2147483648.0), &i32) == MJS_OK && i32 == INT32_MIN);
    cr_assert(vm_to_int32(iso, v_double(-1.9), &i32) == MJS_OK && i32 == -1);
    cr_assert(vm_to_uint32(iso, v_int(-1), &u32) == MJS_OK && u32 == 4294967295u);
    cr_assert(vm_to_int32(iso, v_double(NAN), &i32) == MJS_OK && i32 == 0);
    double d;
    cr_assert(vm_to_integer(iso, v_double(-2.7), &d) == MJS_OK && d == -2);
    cr_assert(vm_to_integer(iso, v_double(-0.2), &d) == MJS_OK && d == 0 && !signbit(d));
    Value *sym = H(vm_symbol_new(iso, S("q")));
    cr_assert(vm_to_number(iso, *sym, &d) == MJS_EXC);
    cr_assert(exc_is("Cannot convert a Symbol value to a number"));
    cr_assert(vm_to_object(iso, V_NULL, &r) == MJS_EXC);
    cr_assert(exc_is("Cannot convert undefined or null to object"));
    cr_assert(vm_to_object(iso, v_int(3), &r) == MJS_OK && v_type(r) == T_NUMBER_OBJ);
    cr_assert(eq(u64, obj_get_proto(r), ROOT(iso, R_NUMBER_PROTO)));
}

/* ---------------------------------------------------------------- inline caches */

BOTH(ic_fill) {
    Value *o = H(make_xy(1, 2));
    PropCache ic = {0};
    Value out;
    cr_assert(obj_get_cached(iso, *o, A("y"), &out, &ic) == MJS_OK && out == v_int(2));
    cr_assert(eq(int, ic.kind, IC_OWN));
    cr_assert(eq(ptr, ic.map, map_of(*o)));
    cr_assert(eq(u64, *obj_slot_ptr(*o, ic.slot), v_int(2)));
    /* prototype hit */
    Value *p = H(obj_new(iso));
    set(*p, "m", v_int(8));
    Value *c = H(obj_new_with_proto(iso, *p));
    PropCache pic = {0};
    cr_assert(obj_get_cached(iso, *c, A("m"), &out, &pic) == MJS_OK && out == v_int(8));
    cr_assert(eq(int, pic.kind, IC_PROTO));
    cr_assert(eq(u64, pic.holder, *p));
    cr_assert(eq(u32, pic.epoch, iso->proto_epoch));
    cr_assert(eq(u64, *obj_slot_ptr(pic.holder, pic.slot), v_int(8)));
    /* store to an existing property, then an add through a transition */
    PropCache sic = {0};
    cr_assert(obj_set_cached(iso, *o, A("x"), v_int(5), true, &sic) == MJS_OK);
    cr_assert(eq(int, sic.kind, IC_OWN));
    Value *n = H(make_xy(1, 2));
    Map *before = map_of(*n);
    PropCache aic = {0};
    cr_assert(obj_set_cached(iso, *n, A("z"), v_int(3), true, &aic) == MJS_OK);
    cr_assert(eq(int, aic.kind, IC_ADD));
    cr_assert(eq(ptr, aic.map, before));
    cr_assert(eq(ptr, aic.new_map, map_of(*n)));
    cr_assert(eq(u64, *obj_slot_ptr(*n, aic.slot), v_int(3)));
    /* not cacheable: dictionary receivers and accessors */
    Value *d = H(make_xy(1, 2));
    bool del;
    cr_assert(obj_delete(iso, *d, A("x"), true, &del) == MJS_OK);
    PropCache dic = {0};
    cr_assert(obj_get_cached(iso, *d, A("y"), &out, &dic) == MJS_OK && out == v_int(2));
    cr_assert(eq(int, dic.kind, IC_NONE));
    /* megamorphic: stops filling after many misses */
    PropCache mic = {0};
    for (int i = 0; i < 20; i++) {
        Value *q = H(obj_new(iso));
        char name[16];
        snprintf(name, sizeof name, "p%d", i);
        set(*q, name, v_int(i));
        set(*q, "k", v_int(i));
        cr_assert(obj_get_cached(iso, *q, A("k"), &out, &mic) == MJS_OK && out == v_int(i));
    }
    cr_assert(eq(int, mic.kind, IC_NONE));
}

/* ---------------------------------------------------------------- weak atom table */

static int atoms_with_content(const char *s) {
    int n = 0;
    for (uint32_t i = 0; i < iso->atom_cap; i++) {
        Value a = iso->atom_table[i];
        if (v_is_ptr(a) && str_length(a) == strlen(s)) {
            char *u = str_to_utf8(iso, a, NULL);
            n += strcmp(u, s) == 0;
            free(u);
        }
    }
    return n;
}

BOTH(atom_table_is_weak) {
    Value *kept = H(S("kept atom 123"));
    *kept = atom_intern(iso, *kept);
    Value dropped = S("dropped atom 456");
    atom_intern(iso, dropped);
    cr_assert(eq(int, atoms_with_content("dropped atom 456"), 1));
    gc_collect(iso->heap, GC_FULL, "test");
    cr_assert(eq(int, atoms_with_content("dropped atom 456"), 0));
    cr_assert(eq(int, atoms_with_content("kept atom 123"), 1));
    cr_assert(eq(u64, atom_from_cstr(iso, "kept atom 123"), *kept));
    /* names still used as keys stay interned */
    Value *o = H(obj_new(iso));
    Value *k = H(atom_intern(iso, S("a key name")));
    cr_assert(obj_set(iso, *o, *k, v_int(1), true) == MJS_OK);
    *k = V_UNDEF;
    gc_collect(iso->heap, GC_FULL, "test");
    cr_assert(eq(int, atoms_with_content("a key name"), 1));
    Value again = atom_from_cstr(iso, "a key name");
    cr_assert(eq(u64, getk(*o, again), v_int(1)));
    /* many short-lived atoms do not grow the table without bound */
    char buf[32];
    for (int i = 0; i < (stress ? 500 : 100000); i++) {
        snprintf(buf, sizeof buf, "tmp%d", i);
        atom_from_cstr(iso, buf);
        if (i % 1000 == 999) gc_collect(iso->heap, GC_FULL, "test");
    }
    gc_collect(iso->heap, GC_FULL, "test");
    cr_assert(iso->atom_cap <= 8192 || stress, "cap %u", iso->atom_cap);
}

BOTH(map_new_root_roots_its_proto) {
    Value *p = H(obj_new(iso));
    set(*p, "inherited", v_int(11));
    Map *m = map_new_root(iso, T_OBJECT, *p, 0, 2);
    Value *o = H(obj_new_from_map(iso, m));
    cr_assert(eq(u64, obj_get_proto(*o), *p));
    cr_assert(eq(u64, get(*o, "inherited"), v_int(11)));
    cr_assert(eq(sz, vm_object_size(v_ptr(*o)), 40));
    set(*o, "a", v_int(1));
    set(*o, "b", v_int(2));
    set(*o, "c", v_int(3)); /* third property goes out of object */
    cr_assert(eq(u64, get(*o, "c"), v_int(3)));
    Value *lit = H(obj_new_sized(iso, 2));
    cr_assert(eq(sz, vm_object_size(v_ptr(*lit)), 40));
    Map *other = map_of(obj_new_sized(iso, 2));
    cr_assert(eq(ptr, map_of(*lit), other));
}
