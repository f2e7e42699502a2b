/* test_vm_builtins_b.c: the group-B built-ins (String, Number, Math, Date, global functions)
 * driven through the C API, apart from the compiler. Each case is receiver.method(args) with
 * the result expected as node v20 printed it (TZ=UTC). Suite builtins_b_stress runs every case
 * again with a GC at every allocation and the heap verified, to catch unrooted values.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "vm/vm.h"

#include "test_isolate.h"

__attribute__((constructor)) static void utc(void) { setenv("TZ", "UTC", 1); }

TestSuite(builtins_b, .init = setup, .fini = teardown);
TestSuite(builtins_b_stress, .init = setup_stress, .fini = teardown, .timeout = 300);

/* Cases: "s:text" a string, "n:number", "g:Name" a global ("g:globalThis" the global object),
 * "d:ms" new Date(ms), "tz:Zone" an options object {timeZone: Zone}, "u" undefined.
 * Expected: String(result), arrays as [a|b], a throw as "!Name: message"; NULL: no check. */
typedef struct Case {
    const char *recv, *method;
    const char *args[8];
    const char *expect;
} Case;

/* Generated from node (see the file comment). */
static const Case cases[] = {
    {"s:Hello, World", "charAt", {"n:1", NULL}, "e"},
    {"s:Hello, World", "charCodeAt", {"n:4", NULL}, "111"},
    {"s:Hello, World", "charCodeAt", {"n:99", NULL}, "NaN"},
    {"s:h\303\251llo \316\243", "codePointAt", {"n:6", NULL}, "931"},
    {"s:abc", "at", {"n:-1", NULL}, "c"},
    {"s:Hello, World", "indexOf", {"s:o", "n:5", NULL}, "8"},
    {"s:Hello, World", "lastIndexOf", {"s:o", NULL}, "8"},
    {"s:Hello, World", "includes", {"s:World", NULL}, "true"},
    {"s:Hello, World", "startsWith", {"s:World", "n:7", NULL}, "true"},
    {"s:Hello, World", "endsWith", {"s:Hello", "n:5", NULL}, "true"},
    {"s:Hello, World", "slice", {"n:-5", "n:-1", NULL}, "Worl"},
    {"s:Hello, World", "substring", {"n:5", "n:2", NULL}, "llo"},
    {"s:Hello, World", "substr", {"n:-5", "n:2", NULL}, "Wo"},
    {"s:abc \303\277 \302\265 \303\237 \317\211 \320\266", "toUpperCase", {NULL}, "ABC \305\270 \316\234 SS \316\251 \320\226"},
    {"s:ABC \303\204 \304\260 \316\221\316\243 \316\243", "toLowerCase", {NULL}, "abc \303\244 i\314\207 \316\261\317\202 \317\203"},
    {"s: \011\302\240x y\357\273\277\012", "trim", {NULL}, "x y"},
    {"s:  x  ", "trimStart", {NULL}, "x  "},
    {"s:  x  ", "trimEnd", {NULL}, "  x"},
    {"s:5", "padStart", {"n:3", "s:0", NULL}, "005"},
    {"s:abc", "padEnd", {"n:8", "s:12", NULL}, "abc12121"},
    {"s:ab", "repeat", {"n:3", NULL}, "ababab"},
    {"s:x", "repeat", {"n:-1", NULL}, "!RangeError: Invalid count value: -1"},
    {"s:x", "repeat", {"n:Infinity", NULL}, "!RangeError: Invalid count value: Infinity"},
    {"s:xx", "repeat", {"n:268435456", NULL}, "!RangeError: Invalid string length"},
    {"s:a", "padStart", {"n:1073741824", NULL}, "!RangeError: Invalid string length"},
    {"s:a", "concat", {"n:1", "u", "s:\316\261", NULL}, "a1undefined\316\261"},
    {"s:a,b,,c", "split", {"s:,", NULL}, "[a|b||c]"},
    {"s:abc", "split", {"s:", NULL}, "[a|b|c]"},
    {"s:a,b,c", "split", {"s:,", "n:2", NULL}, "[a|b]"},
    {"s:abc", "split", {NULL}, "[abc]"},
    {"s:", "split", {"s:,", NULL}, "[]"},
    {"s:\316\261-\316\262-\316\263", "split", {"s:-", NULL}, "[\316\261|\316\262|\316\263]"},
    {"s:aaa", "replace", {"s:a", "s:b", NULL}, "baa"},
    {"s:abc", "replace", {"s:b", "s:[$&|$`|$'|$$|$1]", NULL}, "a[b|a|c|$|$1]c"},
    {"s:a.b.c", "replaceAll", {"s:.", "s:$&$&", NULL}, "a..b..c"},
    {"s:abc", "replaceAll", {"s:", "s:-", NULL}, "-a-b-c-"},
    {"s:a,b", "replaceAll", {"s:,", "g:String", NULL}, "a,b"},
    {"s:a", "localeCompare", {"s:B", NULL}, "-1"},
    {"s:B", "localeCompare", {"s:a", NULL}, "1"},
    {"s:a", "localeCompare", {"s:A", NULL}, "-1"},
    {"s:r\303\251sum\303\251", "localeCompare", {"s:resume", NULL}, "1"},
    {"s:abc", "normalize", {"s:NFD", NULL}, "abc"},
    {"s:abc", "normalize", {"s:X", NULL}, "!RangeError: The normalization form should be one of NFC, NFD, NFKC, NFKD."},
    {"s:a\355\240\200b", "isWellFormed", {NULL}, "false"},
    {"s:a\355\240\200b", "toWellFormed", {NULL}, "a\357\277\275b"},
    {"g:String", "fromCharCode", {"n:72", "n:105", "n:9731", NULL}, "Hi\342\230\203"},
    {"g:String", "fromCodePoint", {"n:128512", "n:65", NULL}, "\360\237\230\200A"},
    {"g:String", "fromCodePoint", {"n:-1", NULL}, "!RangeError: Invalid code point -1"},
    {"n:255", "toString", {"n:16", NULL}, "ff"},
    {"n:-255", "toString", {"n:36", NULL}, "-73"},
    {"n:0.5", "toString", {"n:2", NULL}, "0.1"},
    {"n:0.1", "toString", {"n:3", NULL}, "0.0022002200220022002200220022002201"},
    {"n:1", "toString", {"n:1", NULL}, "!RangeError: toString() radix argument must be between 2 and 36"},
    {"n:0.30000000000000004", "toString", {NULL}, "0.30000000000000004"},
    {"n:1e21", "toString", {NULL}, "1e+21"},
    {"n:1.5e-7", "toString", {NULL}, "1.5e-7"},
    {"n:123456789012345680000", "toString", {NULL}, "123456789012345680000"},
    {"n:1.005", "toFixed", {"n:2", NULL}, "1.00"},
    {"n:1.45", "toFixed", {"n:1", NULL}, "1.4"},
    {"n:2.5", "toFixed", {"n:0", NULL}, "3"},
    {"n:-0.0001", "toFixed", {"n:2", NULL}, "-0.00"},
    {"n:1e21", "toFixed", {"n:2", NULL}, "1e+21"},
    {"n:1", "toFixed", {"n:101", NULL}, "!RangeError: toFixed() digits argument must be between 0 and 100"},
    {"n:123.456", "toPrecision", {"n:4", NULL}, "123.5"},
    {"n:25", "toPrecision", {"n:1", NULL}, "3e+1"},
    {"n:1", "toPrecision", {"n:0", NULL}, "!RangeError: toPrecision() argument must be between 1 and 100"},
    {"n:123.456", "toExponential", {NULL}, "1.23456e+2"},
    {"n:123.456", "toExponential", {"n:2", NULL}, "1.23e+2"},
    {"n:0", "toExponential", {"n:2", NULL}, "0.00e+0"},
    {"n:1", "toExponential", {"n:-1", NULL}, "!RangeError: toExponential() argument must be between 0 and 100"},
    {"n:1234567.891", "toLocaleString", {NULL}, "1,234,567.891"},
    {"n:-1234.5", "toLocaleString", {NULL}, "-1,234.5"},
    {"n:1.0005", "toLocaleString", {NULL}, "1.001"},
    {"g:Number", "isInteger", {"n:5", NULL}, "true"},
    {"g:Number", "isSafeInteger", {"n:9007199254740992", NULL}, "false"},
    {"g:Number", "isNaN", {"s:x", NULL}, "false"},
    {"g:globalThis", "parseInt", {"s:  -0x1F", NULL}, "-31"},
    {"g:globalThis", "parseInt", {"s:z", "n:36", NULL}, "35"},
    {"g:globalThis", "parseInt", {"s:11", "n:37", NULL}, "NaN"},
    {"g:globalThis", "parseInt", {"s:123456789012345678901234567890", NULL}, "1.2345678901234568e+29"},
    {"g:globalThis", "parseInt", {"s:zzzzzzzzzzzzzzzzzz", "n:36", NULL}, "1.0314424798490537e+28"},
    {"g:globalThis", "parseFloat", {"s:  -.5e-3x", NULL}, "-0.0005"},
    {"g:globalThis", "parseFloat", {"s:Infinityx", NULL}, "Infinity"},
    {"g:globalThis", "parseFloat", {"s:1e", NULL}, "1"},
    {"g:globalThis", "isNaN", {"s:abc", NULL}, "true"},
    {"g:globalThis", "isFinite", {"s:12", NULL}, "true"},
    {"g:globalThis", "encodeURIComponent", {"s:a b&c=d/\303\251\360\237\230\200", NULL}, "a%20b%26c%3Dd%2F%C3%A9%F0%9F%98%80"},
    {"g:globalThis", "encodeURI", {"s:http://x.com/a b?q=1&r=\303\251#h", NULL}, "http://x.com/a%20b?q=1&r=%C3%A9#h"},
    {"g:globalThis", "decodeURIComponent", {"s:a%20b%26%C3%A9%F0%9F%98%80", NULL}, "a b&\303\251\360\237\230\200"},
    {"g:globalThis", "decodeURI", {"s:%3Fa%20b%23", NULL}, "%3Fa b%23"},
    {"g:globalThis", "decodeURIComponent", {"s:%C3", NULL}, "!URIError: URI malformed"},
    {"g:globalThis", "encodeURIComponent", {"s:\355\240\200", NULL}, "!URIError: URI malformed"},
    {"g:globalThis", "decodeURIComponent", {"s:%E0%80%80", NULL}, "!URIError: URI malformed"},
    {"g:globalThis", "escape", {"s:a b+c/\303\251\342\230\203", NULL}, "a%20b+c/%E9%u2603"},
    {"g:globalThis", "unescape", {"s:%41%u2603%zz%", NULL}, "A\342\230\203%zz%"},
    {"g:Math", "round", {"n:-2.5", NULL}, "-2"},
    {"g:Math", "round", {"n:0.49999999999999994", NULL}, "0"},
    {"g:Math", "max", {"n:1", "n:3", "n:2", NULL}, "3"},
    {"g:Math", "max", {"n:1", "n:NaN", NULL}, "NaN"},
    {"g:Math", "min", {NULL}, "Infinity"},
    {"g:Math", "pow", {"n:1", "n:NaN", NULL}, "NaN"},
    {"g:Math", "hypot", {"n:3", "n:4", NULL}, "5"},
    {"g:Math", "hypot", {"n:NaN", "n:Infinity", NULL}, "Infinity"},
    {"g:Math", "cbrt", {"n:27", NULL}, "3"},
    {"g:Math", "clz32", {"n:1", NULL}, "31"},
    {"g:Math", "imul", {"n:4294967295", "n:5", NULL}, "-5"},
    {"g:Math", "fround", {"n:5.05", NULL}, "5.050000190734863"},
    {"g:Math", "sign", {"n:-3", NULL}, "-1"},
    {"g:Math", "trunc", {"n:-3.7", NULL}, "-3"},
    {"g:Math", "atan2", {"n:1", "n:1", NULL}, "0.7853981633974483"},
    {"g:Math", "abs", {"n:-2147483648", NULL}, "2147483648"},
    {"g:Date", "UTC", {"n:2020", "n:1", "n:29", "n:13", "n:5", "n:7", "n:89", NULL}, "1582981507089"},
    {"g:Date", "UTC", {NULL}, "NaN"},
    {"g:Date", "parse", {"s:2020-01-01T10:00:00.123+05:30", NULL}, "1577853000123"},
    {"g:Date", "parse", {"s:Thu, 01 Jan 1970 00:00:00 GMT", NULL}, "0"},
    {"g:Date", "parse", {"s:Dec 25, 1995 1:30 PM UTC", NULL}, "819898200000"},
    {"g:Date", "parse", {"s:2020-13-01", NULL}, "NaN"},
    {"g:Date", "parse", {"s:Tue Mar 01 2022 00:00:00 GMT+0100 (Central European Standard Time)", NULL}, "1646089200000"},
    {"d:1582981507089", "toISOString", {NULL}, "2020-02-29T13:05:07.089Z"},
    {"d:1582981507089", "toUTCString", {NULL}, "Sat, 29 Feb 2020 13:05:07 GMT"},
    {"d:1582981507089", "getUTCDay", {NULL}, "6"},
    {"d:1582981507089", "getUTCHours", {NULL}, "13"},
    {"d:1582981507089", "setUTCFullYear", {"n:2021", "n:0", NULL}, "1611925507089"},
    {"d:1582981507089", "setUTCHours", {"n:25", NULL}, "1583024707089"},
    {"d:1582981507089", "toJSON", {NULL}, "2020-02-29T13:05:07.089Z"},
    {"d:NaN", "toISOString", {NULL}, "!RangeError: Invalid time value"},
    {"d:NaN", "getUTCDate", {NULL}, "NaN"},
    {"d:NaN", "toJSON", {NULL}, "null"},
    {"d:-62198755200000", "toISOString", {NULL}, "-000001-01-01T00:00:00.000Z"},
    {"d:8640000000000000", "toUTCString", {NULL}, "Sat, 13 Sep 275760 00:00:00 GMT"},
    {"d:0", "toLocaleString", {"s:en-US", "tz:UTC", NULL}, "1/1/1970, 12:00:00 AM"},
    {"g:Date", "now", {NULL}, NULL},
};

/* UTF-8 (surrogates allowed, as WTF-8) to a JS string. */
static Value make_string(const char *s) {
    size_t n = strlen(s), k = 0;
    uint16_t *u = malloc((n + 1) * 2);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        if (c < 0x80) cp = c, i += 1;
        else if (c < 0xE0) cp = (c & 0x1F) << 6 | (s[i + 1] & 0x3F), i += 2;
        else if (c < 0xF0) cp = (c & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F), i += 3;
        else cp = (c & 0x07) << 18 | (s[i + 1] & 0x3F) << 12 | (s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F), i += 4;
        if (cp >= 0x10000) {
            u[k++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            u[k++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            u[k++] = (uint16_t)cp;
        }
    }
    Value v = str_from_utf16(iso, u, k);
    free(u);
    return v;
}

static Value *H(Value v) { return vm_handle(iso, v); }

static Value *global(const char *name) {
    if (strcmp(name, "globalThis") == 0) return H(ROOT(iso, R_GLOBAL));
    Value *key = H(atom_from_cstr(iso, name));
    Value *out = H(V_UNDEF);
    cr_assert(obj_get(iso, ROOT(iso, R_GLOBAL), *key, out) == MJS_OK);
    return out;
}

static Value *decode(const char *e) {
    if (strcmp(e, "u") == 0) return H(V_UNDEF);
    const char *t = strchr(e, ':') + 1;
    switch (e[0]) {
    case 's': return H(make_string(t));
    case 'n': return H(v_number(strtod(t, NULL)));
    case 'g': return global(t);
    case 'd': {
        Value *ctor = global("Date"), *ms = H(v_number(strtod(t, NULL))), *out = H(V_UNDEF);
        cr_assert(vm_construct(iso, *ctor, 1, ms, out) == MJS_OK);
        return out;
    }
    case 't': {
        Value *o = H(obj_new(iso)), *zone = H(make_string(t));
        vm_def_value(iso, *o, "timeZone", *zone, P_DEFAULT);
        return o;
    }
    }
    cr_fail("bad case value %s", e);
    return NULL;
}

/* The result as the case table writes it (malloc'd UTF-8). */
static char *show(Status st, Value *v) {
    Value *s = H(V_UNDEF);
    if (st != MJS_OK) {
        *v = vm_take_exception(iso);
        Value *name = H(atom_from_cstr(iso, "name")), *msg = H(atom_from_cstr(iso, "message"));
        Value *n = H(V_UNDEF), *m = H(V_UNDEF);
        cr_assert(obj_get(iso, *v, *name, n) == MJS_OK && obj_get(iso, *v, *msg, m) == MJS_OK);
        *s = str_from_cstr(iso, "!");
        *s = str_concat(iso, *s, *n);
        *s = str_concat(iso, *s, str_from_cstr(iso, ": "));
        *s = str_concat(iso, *s, *m);
    } else if (v_is_array(*v)) {
        *s = str_from_cstr(iso, "[");
        Value *e = H(V_UNDEF), *sep = H(str_from_cstr(iso, "|"));
        for (uint32_t i = 0; i < array_length(*v); i++) {
            if (i > 0) *s = str_concat(iso, *s, *sep);
            cr_assert(vm_to_string(iso, array_get_own(*v, i), e) == MJS_OK);
            *s = str_concat(iso, *s, *e);
        }
        *s = str_concat(iso, *s, str_from_cstr(iso, "]"));
    } else {
        cr_assert(vm_to_string(iso, *v, s) == MJS_OK);
    }
    return str_to_utf8(iso, *s, NULL);
}

static void run_case(const Case *c) {
    size_t mark = vm_scope_open(iso);
    Value *recv = decode(c->recv);
    Value *key = H(atom_from_cstr(iso, c->method));
    Value *argh[8];
    int argc = 0;
    while (c->args[argc]) {
        argh[argc] = decode(c->args[argc]);
        argc++;
    }
    Value argv[8];
    for (int i = 0; i < argc; i++) argv[i] = *argh[i]; /* after the last allocation */
    Value *out = H(V_UNDEF);
    Status st = vm_invoke(iso, *recv, *key, argc, argv, out);
    char *got = show(st, out);
    if (c->expect)
        cr_expect(eq(str, got, (char *)c->expect), "%s.%s(%s...)", c->recv, c->method,
                  c->args[0] ? c->args[0] : "");
    else
        cr_expect(st == MJS_OK, "%s.%s threw %s", c->recv, c->method, got);
    free(got);
    vm_scope_close(iso, mark);
}

static void run_all(void) {
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) run_case(&cases[i]);
}

Test(builtins_b, cases) { run_all(); }
Test(builtins_b_stress, cases) { run_all(); }

/* Shared function objects and property attributes that the case table cannot express. */
static void check_shapes(void) {
    Value *number = global("Number"), *g = global("globalThis");
    Value *k1 = H(atom_from_cstr(iso, "parseInt")), *a = H(V_UNDEF), *b = H(V_UNDEF);
    cr_assert(obj_get(iso, *number, *k1, a) == MJS_OK && obj_get(iso, *g, *k1, b) == MJS_OK);
    bool same = *a == *b && v_is_callable(*a);
    cr_expect(same, "Number.parseInt === parseInt");
    PropDesc pd;
    cr_expect(obj_get_own(iso, *g, ATOM(iso, NaN), &pd) && pd.attrs == 0, "NaN is read-only");
    Value *sp = H(ROOT(iso, R_STRING_PROTO));
    Value *k2 = H(atom_from_cstr(iso, "trimLeft")), *k3 = H(atom_from_cstr(iso, "trimStart"));
    cr_assert(obj_get(iso, *sp, *k2, a) == MJS_OK && obj_get(iso, *sp, *k3, b) == MJS_OK);
    same = *a == *b;
    cr_expect(same, "trimLeft === trimStart");
    Value *math = global("Math"), *k4 = H(atom_from_cstr(iso, "random")), *r = H(V_UNDEF);
    for (int i = 0; i < 1000; i++) {
        cr_assert(vm_invoke(iso, *math, *k4, 0, NULL, r) == MJS_OK);
        cr_assert(v_num(*r) >= 0 && v_num(*r) < 1);
    }
}
Test(builtins_b, shapes) { check_shapes(); }
Test(builtins_b_stress, shapes) { check_shapes(); }
