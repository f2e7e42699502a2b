/* regexp.c: RegExp objects for the VM: compiling a pattern string into a program kept in a
 * heap Bytes object (see regexp.h for why), creating the objects regex literals evaluate to,
 * and the compile-time check of literals. Invariant: a RegExp object's program always
 * matches its source and flags slots (all three are written together).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "object_int.h"
#include "regexp.h"

/* Units of a flat string as a malloc'd UTF-16 copy. */
static uint16_t *flat_units(Value flat, uint32_t *len) {
    uint32_t n = str_length(flat);
    uint16_t *u = malloc(((size_t)n + 1) * sizeof *u);
    if (!u) abort();
    for (uint32_t i = 0; i < n; i++) u[i] = str_char(flat, i);
    *len = n;
    return u;
}

static void flags_text(int flags, char *out) {
    static const char order[] = "dgimsuvy";
    static const int bits[] = {RE_FLAG_INDICES, RE_FLAG_GLOBAL, RE_FLAG_IGNORECASE,
                               RE_FLAG_MULTILINE, RE_FLAG_DOTALL, RE_FLAG_UNICODE,
                               RE_FLAG_UNICODE_SETS, RE_FLAG_STICKY};
    int k = 0;
    for (int i = 0; i < 8; i++)
        if (flags & bits[i]) out[k++] = order[i];
    out[k] = 0;
}

Status vm_regexp_compile(Isolate *iso, Value flat_pattern, int flags, Value *program) {
    uint32_t len, nwords = 0;
    uint16_t *units = flat_units(flat_pattern, &len);
    const char *err = NULL;
    int32_t *prog = re_compile(units, len, flags, &nwords, &err);
    free(units);
    if (!prog) {
        char *src = str_to_utf8(iso, flat_pattern, NULL);
        char fl[16];
        flags_text(flags, fl);
        vm_throw_error(iso, E_SYNTAX, "Invalid regular expression: /%s/%s: %s", src, fl, err);
        free(src);
        return MJS_EXC;
    }
    Value b = bytes_new(iso, (size_t)nwords * sizeof(int32_t));
    memcpy(((Bytes *)v_ptr(b))->data, prog, (size_t)nwords * sizeof(int32_t));
    free(prog);
    *program = b;
    return MJS_OK;
}

#define RE_CACHE_SIZE 64

static Map *regexp_map(Isolate *iso) {
    if (ROOT(iso, R_MAP_REGEXP) == V_HOLE) {
        Value key = atom_from_cstr(iso, "lastIndex");
        size_t sc = vm_scope_open(iso);
        Value *k = vm_handle(iso, key);
        Map *m = map_cached_root(iso, T_REGEXP, ROOT(iso, R_REGEXP_PROTO), RE_INTERNAL_COUNT, 1);
        m = map_transition(iso, m, *k, P_WRITABLE);
        ROOT(iso, R_MAP_REGEXP) = v_from_ptr(m);
        vm_scope_close(iso, sc);
    }
    return v_ptr(ROOT(iso, R_MAP_REGEXP));
}

Status vm_regexp_init(Isolate *iso, Value re, Value pattern, Value flags) {
    size_t sc = vm_scope_open(iso);
    Value *hre = vm_handle(iso, re), *hp = vm_handle(iso, str_flatten(iso, pattern));
    Value *hf = vm_handle(iso, str_flatten(iso, flags)), *prog = vm_handle(iso, V_UNDEF);
    uint32_t flen;
    uint16_t *fu = flat_units(*hf, &flen);
    int bits = re_parse_flags(fu, flen);
    free(fu);
    if (bits < 0) {
        char *f = str_to_utf8(iso, *hf, NULL);
        vm_throw_error(iso, E_SYNTAX, "Invalid flags supplied to RegExp constructor '%s'", f);
        free(f);
        vm_scope_close(iso, sc);
        return MJS_EXC;
    }
    /* Programs are immutable, so objects of one pattern can share one: a literal in a loop
     * compiles once. Only interned patterns (literals, atoms) are cached. */
    uint32_t slot = 0;
    bool cacheable = v_is_atom(*hp);
    if (cacheable) {
        if (ROOT(iso, R_REGEXP_CACHE) == V_HOLE) ROOT(iso, R_REGEXP_CACHE) = fixed_new_old(iso, 3 * RE_CACHE_SIZE);
        slot = 3 * ((str_hash(iso, *hp) ^ (uint32_t)bits * 0x9E3779B1u) % RE_CACHE_SIZE);
        FixedArray *c = v_fixed(ROOT(iso, R_REGEXP_CACHE));
        if (c->items[slot] == *hp && c->items[slot + 1] == v_int(bits)) *prog = c->items[slot + 2];
    }
    if (*prog == V_UNDEF) {
        if (vm_regexp_compile(iso, *hp, bits, prog)) {
            vm_scope_close(iso, sc);
            return MJS_EXC;
        }
        if (cacheable) {
            Value c = ROOT(iso, R_REGEXP_CACHE);
            fixed_set(iso, c, slot, *hp);
            fixed_set(iso, c, slot + 1, v_int(bits));
            fixed_set(iso, c, slot + 2, *prog);
        }
    }
    JSObject *o = v_jsobj(*hre);
    vm_store(iso, o, obj_internal(*hre, RE_INT_SOURCE), *hp);
    o->slots[RE_INT_FLAGS] = v_int(bits);
    vm_store(iso, o, obj_internal(*hre, RE_INT_PROGRAM), *prog);
    vm_scope_close(iso, sc);
    return MJS_OK;
}

Status vm_regexp_new(Isolate *iso, Value pattern, Value flags, Value *out) {
    size_t sc = vm_scope_open(iso);
    Value *hp = vm_handle(iso, pattern), *hf = vm_handle(iso, flags);
    Map *m = regexp_map(iso);
    Value *re = vm_handle(iso, obj_new_from_map(iso, m));
    JSObject *o = v_jsobj(*re);
    vm_store(iso, o, obj_internal(*re, RE_INT_SOURCE), ATOM(iso, empty));
    o->slots[RE_INT_FLAGS] = v_int(0);
    o->slots[RE_INT_PROGRAM] = V_UNDEF;
    vm_store(iso, o, obj_slot_ptr(*re, RE_SLOT_LAST_INDEX), v_int(0));
    Status st = vm_regexp_init(iso, *re, *hp, *hf);
    if (st == MJS_OK) *out = *re;
    vm_scope_close(iso, sc);
    return st;
}

Value vm_regexp_iterator_new(Isolate *iso, Value proto, Value matcher, Value str, int state) {
    size_t sc = vm_scope_open(iso);
    Value *hp = vm_handle(iso, proto), *hm = vm_handle(iso, matcher), *hs = vm_handle(iso, str);
    Map *m = map_cached_root(iso, T_OBJECT, *hp, 3, 0);
    Value it = obj_new_from_map(iso, m);
    JSObject *o = v_jsobj(it);
    vm_store(iso, o, obj_internal(it, 0), *hm);
    vm_store(iso, o, obj_internal(it, 1), *hs);
    o->slots[2] = v_int(state);
    vm_scope_close(iso, sc);
    return it;
}

/* UTF-8 -> UTF-16 (malloc'd); bad bytes become U+FFFD. */
static uint16_t *utf8_to_units(const char *s, size_t len, uint32_t *out_len) {
    uint16_t *u = malloc((len + 1) * sizeof *u);
    if (!u) abort();
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, k = 0;
    while (i < len) {
        uint32_t c = p[i], need = 0;
        if (c < 0x80) need = 0;
        else if ((c & 0xE0) == 0xC0) c &= 0x1F, need = 1;
        else if ((c & 0xF0) == 0xE0) c &= 0x0F, need = 2;
        else if ((c & 0xF8) == 0xF0) c &= 0x07, need = 3;
        else c = 0xFFFD;
        i++;
        for (uint32_t j = 0; j < need; j++) {
            if (i >= len || (p[i] & 0xC0) != 0x80) {
                c = 0xFFFD;
                break;
            }
            c = (c << 6) | (p[i++] & 0x3F);
        }
        if (c > 0xFFFF) {
            c -= 0x10000;
            u[k++] = (uint16_t)(0xD800 + (c >> 10));
            u[k++] = (uint16_t)(0xDC00 + (c & 0x3FF));
        } else {
            u[k++] = (uint16_t)c;
        }
    }
    *out_len = (uint32_t)k;
    return u;
}

const char *vm_regexp_check_literal(const char *pat, size_t len, const char *flags) {
    uint32_t flen, n, nwords;
    uint16_t *fu = utf8_to_units(flags ? flags : "", flags ? strlen(flags) : 0, &flen);
    int bits = re_parse_flags(fu, flen);
    free(fu);
    if (bits < 0) return "Invalid regular expression flags";
    uint16_t *units = utf8_to_units(pat, len, &n);
    const char *err = NULL;
    int32_t *prog = re_compile(units, n, bits, &nwords, &err);
    free(units);
    free(prog);
    return prog ? NULL : err;
}
