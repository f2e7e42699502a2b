/* test_regexp.c: the regex engine (vm/regexp_compile.c, regexp_exec.c) through its C API:
 * V8's SyntaxError reasons, match positions of every construct, one- and two-byte subjects,
 * the backtrack-stack cap, plus RegExp objects made by the VM under GC stress. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "vm/regexp.h"
#include "vm/vm.h"

#include "test_isolate.h"

/* The engine needs no isolate; the fixture is shared with the VM-level suite. */
TestSuite(regexp, .init = setup, .fini = teardown);

static uint16_t *units(const char *s, uint32_t *n) {
    size_t len = strlen(s);
    uint16_t *u = malloc((len + 1) * 2);
    for (size_t i = 0; i < len; i++) u[i] = (uint8_t)s[i];
    *n = (uint32_t)len;
    return u;
}

static int flags_of(const char *f) {
    uint32_t n;
    uint16_t *u = units(f, &n);
    int bits = re_parse_flags(u, n);
    free(u);
    return bits;
}

static int32_t *compile(const char *pat, const char *flags, const char **err) {
    uint32_t n, words;
    uint16_t *u = units(pat, &n);
    int32_t *p = re_compile(u, n, flags_of(flags), &words, err);
    free(u);
    return p;
}

/* Match pat against subject (ASCII) from 0: "s-e,s-e,..." per group ("-" unmatched) or "null". */
static void run(const char *pat, const char *flags, const char *subject, char *out, size_t cap) {
    const char *err = NULL;
    int32_t *p = compile(pat, flags, &err);
    cr_assert(p != NULL, "%s: %s", pat, err ? err : "");
    int32_t caps[64];
    int r = re_exec(p, (const uint8_t *)subject, NULL, (uint32_t)strlen(subject), 0, caps);
    size_t k = 0;
    if (r != 1) {
        snprintf(out, cap, r == 0 ? "null" : "overflow");
    } else {
        out[0] = 0;
        for (int g = 0; g < re_capture_count(p); g++) {
            if (caps[2 * g] < 0) k += (size_t)snprintf(out + k, cap - k, "%s-", g ? "," : "");
            else k += (size_t)snprintf(out + k, cap - k, "%s%d-%d", g ? "," : "", caps[2 * g], caps[2 * g + 1]);
        }
    }
    free(p);
}

typedef struct MatchCase {
    const char *pat, *flags, *subject, *expect;
} MatchCase;

static const MatchCase matches[] = {
    {"abc", "", "xxabcx", "2-5"},
    {"a*", "", "aaab", "0-3"},
    {"a*?", "", "aaab", "0-0"},
    {"a+?b", "", "aab", "0-3"},
    {"a{2,3}", "", "aaaa", "0-3"},
    {"a{2,3}?", "", "aaaa", "0-2"},
    {"(a)|(b)", "", "b", "0-1,-,0-1"},
    {"(a*)*", "", "b", "0-0,-"},
    {"(a*)+", "", "b", "0-0,0-0"},
    {"(a*)?", "", "b", "0-0,-"},
    {"(a|)*b", "", "aab", "0-3,1-2"},
    {"(z)((a+)?(b+)?(c))*", "", "zaacbbbcac", "0-10,0-1,8-10,8-9,-,9-10"},
    {"(a)\\1", "", "xaa", "1-3,1-2"},
    {"(a)\\1", "i", "xaA", "1-3,1-2"},
    {"\\1(a)", "", "a", "0-1,0-1"},
    {"(?<n>b)\\k<n>", "", "abb", "1-3,1-2"},
    {"x(?=y)", "", "xzxy", "2-3"},
    {"x(?!y)", "", "xyxz", "2-3"},
    {"(?=(a+))a*b\\1", "", "baaabac", "3-6,3-4"},
    {"(?<=a)b", "", "cbab", "3-4"},
    {"(?<!a)b", "", "abcb", "3-4"},
    {"(?<=(\\d+)(\\d+))x", "", "123x", "3-4,0-1,1-3"},
    {"(?<=\\1(a))b", "", "aab", "2-3,1-2"},
    {"^b", "m", "a\nb", "2-3"},
    {"a$", "m", "a\nb", "0-1"},
    {"^b", "", "a\nb", "null"},
    {"\\bb", "", "ab b", "3-4"},
    {"\\Bb", "", "ab b", "1-2"},
    {"a.c", "", "a\nc", "null"},
    {"a.c", "s", "a\nc", "0-3"},
    {"[^a-c]+", "", "abcdefabc", "3-6"},
    {"[a-z]+", "i", "12HeLLo", "2-7"},
    {"[\\d-]+", "", "a1-2b", "1-4"},
    {"\\w+\\s\\d", "", "-ab 1", "1-5"},
    {"]{", "", "a]{", "1-3"},
    {"a{,2}", "", "a{,2}", "0-5"},
    {"\\c", "", "\\c", "0-2"},
    {"\\101", "", "A", "0-1"},
    {"a", "y", "ba", "null"},
    {"b|ab", "", "ab", "0-2"},
    {"(?:ab|cd)+", "", "xabcdab", "1-7"},
    {"((a)|b)+", "", "ab", "0-2,1-2,-"},
};

Test(regexp, matches) {
    char out[256];
    for (size_t i = 0; i < sizeof matches / sizeof matches[0]; i++) {
        const MatchCase *c = &matches[i];
        run(c->pat, c->flags, c->subject, out, sizeof out);
        cr_expect_str_eq(out, c->expect, "/%s/%s on \"%s\"", c->pat, c->flags, c->subject);
    }
}

typedef struct ErrCase {
    const char *pat, *flags, *reason;
} ErrCase;

static const ErrCase errors[] = {
    {"(", "", "Unterminated group"},
    {")", "", "Unmatched ')'"},
    {"a**", "", "Nothing to repeat"},
    {"?", "", "Nothing to repeat"},
    {"x{1}{2}", "", "Nothing to repeat"},
    {"[b-a]", "", "Range out of order in character class"},
    {"a{2,1}", "", "numbers out of order in {} quantifier"},
    {"\\", "", "\\ at end of pattern"},
    {"[", "", "Unterminated character class"},
    {"(?x)", "", "Invalid group"},
    {"(?<a>x)(?<a>y)", "", "Duplicate capture group name"},
    {"\\k<b>(?<a>x)", "", "Invalid named capture referenced"},
    {"(?<1>a)", "", "Invalid capture group name"},
    {"(?<=a)*", "", "Invalid quantifier"},
    {"{1}", "u", "Nothing to repeat"},
    {"]", "u", "Lone quantifier brackets"},
    {"\\a", "u", "Invalid escape"},
    {"\\1", "u", "Invalid escape"},
    {"\\u{110000}", "u", "Invalid Unicode escape"},
    {"[\\d-a]", "u", "Invalid character class"},
};

Test(regexp, syntax_errors) {
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        const char *err = NULL;
        int32_t *p = compile(errors[i].pat, errors[i].flags, &err);
        cr_expect(p == NULL, "/%s/%s compiled", errors[i].pat, errors[i].flags);
        free(p);
        cr_expect_str_eq(err ? err : "(none)", errors[i].reason, "/%s/%s", errors[i].pat, errors[i].flags);
    }
}

Test(regexp, flags) {
    cr_assert(eq(int, flags_of("gimsuyd"), RE_FLAG_GLOBAL | RE_FLAG_IGNORECASE | RE_FLAG_MULTILINE |
                                              RE_FLAG_DOTALL | RE_FLAG_UNICODE | RE_FLAG_STICKY |
                                              RE_FLAG_INDICES));
    cr_assert(eq(int, flags_of("gg"), -1));
    cr_assert(eq(int, flags_of("x"), -1));
    cr_assert(eq(int, flags_of("uv"), -1));
}

Test(regexp, two_byte_and_unicode) {
    const char *err;
    /* /\u{1F600}./u on "a" U+1F600 "b": the astral character is one unit of the pattern */
    uint16_t pat[] = {'\\', 'u', '{', '1', 'F', '6', '0', '0', '}', '.'};
    uint32_t words;
    int32_t *p = re_compile(pat, 10, RE_FLAG_UNICODE, &words, &err);
    cr_assert(p != NULL);
    uint16_t subj[] = {'a', 0xD83D, 0xDE00, 'b'};
    int32_t caps[2];
    cr_assert(eq(int, re_exec(p, NULL, subj, 4, 0, caps), 1));
    cr_assert(eq(int, caps[0], 1));
    cr_assert(eq(int, caps[1], 4));
    free(p);
    /* a lone trail surrogate never matches inside a pair in unicode mode */
    uint16_t trail[] = {'\\', 'u', 'd', 'e', '0', '0'};
    p = re_compile(trail, 6, RE_FLAG_UNICODE, &words, &err);
    cr_assert(eq(int, re_exec(p, NULL, subj, 4, 0, caps), 0));
    free(p);
    p = re_compile(trail, 6, 0, &words, &err);
    cr_assert(eq(int, re_exec(p, NULL, subj, 4, 0, caps), 1));
    cr_assert(eq(int, caps[0], 2));
    free(p);
    /* case-insensitive Greek on a two-byte subject */
    uint16_t sigma[] = {0x3C3};
    uint16_t word[] = {'x', 0x3A3, 0x3C2};
    p = re_compile(sigma, 1, RE_FLAG_IGNORECASE | RE_FLAG_GLOBAL, &words, &err);
    cr_assert(eq(int, re_exec(p, NULL, word, 3, 0, caps), 1));
    cr_assert(eq(int, caps[0], 1));
    cr_assert(eq(int, re_exec(p, NULL, word, 3, 2, caps), 1));
    cr_assert(eq(int, caps[0], 2));
    free(p);
}

Test(regexp, group_names) {
    const char *err;
    int32_t *p = compile("(a)(?<second>b)", "", &err);
    uint32_t n = 0;
    cr_assert(eq(int, re_capture_count(p), 3));
    cr_assert(re_group_name(p, 1, &n) == NULL);
    const int32_t *name = re_group_name(p, 2, &n);
    cr_assert(name != NULL);
    cr_assert(eq(int, (int)n, 6));
    cr_assert(eq(int, name[0], 's'));
    free(p);
}

/* The backtrack stack is heap memory with a cap: a huge input fails cleanly (-1), and a long
 * simple loop needs no stack at all. */
Test(regexp, backtrack_cap, .timeout = 120) {
    size_t n = 3000000;
    uint8_t *s = malloc(n);
    memset(s, 'a', n);
    const char *err;
    int32_t caps[4];
    int32_t *p = compile("(?:a|b)*c", "", &err);
    cr_assert(eq(int, re_exec(p, s, NULL, (uint32_t)n, 0, caps), -1));
    free(p);
    p = compile("a*", "", &err);
    cr_assert(eq(int, re_exec(p, s, NULL, (uint32_t)n, 0, caps), 1));
    cr_assert(eq(int, caps[1], (int)n));
    free(p);
    free(s);
}

Test(regexp, literal_check) {
    cr_assert(vm_regexp_check_literal("a(b)", 4, "g") == NULL);
    cr_assert_str_eq(vm_regexp_check_literal("(", 1, ""), "Unterminated group");
    cr_assert_str_eq(vm_regexp_check_literal("a", 1, "gg"), "Invalid regular expression flags");
    /* UTF-8 source: "é" is one pattern character, so the quantifier applies to all of it */
    cr_assert(vm_regexp_check_literal("\xc3\xa9+", 3, "u") == NULL);
}

TestSuite(regexp_vm, .init = setup_stress, .fini = teardown, .timeout = 120);

Test(regexp_vm, objects_under_gc_stress) {
    Value *pat = vm_handle(iso, str_from_cstr(iso, "(\\w+)@(?<host>\\w+)"));
    Value *fl = vm_handle(iso, str_from_cstr(iso, "g"));
    Value *re = vm_handle(iso, V_UNDEF), *res = vm_handle(iso, V_UNDEF);
    cr_assert(eq(int, vm_regexp_new(iso, *pat, *fl, re), MJS_OK));
    cr_assert(eq(int, v_type(*re), T_REGEXP));
    cr_assert(str_equals(iso, *obj_internal(*re, RE_INT_SOURCE), *pat));
    cr_assert(eq(int, v_int_val(*obj_internal(*re, RE_INT_FLAGS)), RE_FLAG_GLOBAL));
    const char *src = "var r = /(\\w+)@(?<host>\\w+)/g, out = [];"
                      "'a@b c@d'.replace(r, function (m, u, h, i, s, g) { out.push(u + g.host + i); });"
                      "out.join() + '|' + 'x1y22'.split(/(\\d+)/).join('.') + '|' + r.lastIndex";
    cr_assert(eq(int, vm_run_script(iso, src, strlen(src), "t.js", res), MJS_OK));
    char *got = str_to_utf8(iso, *res, NULL);
    cr_assert_str_eq(got, "ab0,cd4|x.1.y.22.|0");
    free(got);
    *fl = str_from_cstr(iso, "gx");
    cr_assert(eq(int, vm_regexp_new(iso, *pat, *fl, re), MJS_EXC));
    *res = vm_take_exception(iso);
    *pat = str_from_cstr(iso, "a(");
    *fl = str_from_cstr(iso, "");
    cr_assert(eq(int, vm_regexp_new(iso, *pat, *fl, re), MJS_EXC));
    *res = vm_take_exception(iso);
    Value key = atom_from_cstr(iso, "message");
    Value msg;
    cr_assert(eq(int, obj_get(iso, *res, key, &msg), MJS_OK));
    got = str_to_utf8(iso, msg, NULL);
    cr_assert_str_eq(got, "Invalid regular expression: /a(/: Unterminated group");
    free(got);
}
