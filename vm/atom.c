/* atom.c: interned strings. The table is open addressing over atom Values in a malloc'd array
 * that the GC visits as *weak* slots (V8's string table is weak too): an atom nothing else
 * references dies and its slot becomes a tombstone; live entries follow moved atoms (hashes
 * live in the string headers, so moving never needs a rehash).
 * Invariant: one live atom per content; holes + tombstones keep the load below 1/2.
 */
#include <stdlib.h>

#include "object_int.h"

/* A dead entry: probe chains continue past it, insertions may reuse it. */
#define ATOM_TOMBSTONE V_NULL

void atom_table_init(Isolate *iso) {
    iso->atom_cap = 1024;
    iso->atom_count = 0;
    iso->atom_table = calloc(iso->atom_cap, sizeof(Value));
    if (!iso->atom_table) abort();
}

void atom_table_free(Isolate *iso) {
    free(iso->atom_table);
    iso->atom_table = NULL;
}

void atom_table_visit(Isolate *iso, GcVisitor *v) {
    for (uint32_t i = 0; i < iso->atom_cap; i++)
        if (v_is_ptr(iso->atom_table[i])) gc_visit_weak(v, (GcWord *)&iso->atom_table[i], ATOM_TOMBSTONE);
}

/* Insert an atom known to be absent. atom_count counts used slots (live or tombstone). */
static void table_insert(Isolate *iso, Value atom) {
    if (2 * (iso->atom_count + 1) > iso->atom_cap) {
        uint32_t live = 0;
        for (uint32_t i = 0; i < iso->atom_cap; i++) live += v_is_ptr(iso->atom_table[i]);
        /* Rehash without the tombstones; grow only if the live atoms need it. */
        uint32_t cap = iso->atom_cap;
        while (4 * (live + 1) > cap) cap *= 2;
        Value *t = calloc(cap, sizeof(Value));
        if (!t) abort();
        for (uint32_t i = 0; i < iso->atom_cap; i++) {
            Value a = iso->atom_table[i];
            if (!v_is_ptr(a)) continue;
            uint32_t j = v_str(a)->hash & (cap - 1);
            while (t[j] != V_HOLE) j = (j + 1) & (cap - 1);
            t[j] = a;
        }
        free(iso->atom_table);
        iso->atom_table = t;
        iso->atom_cap = cap;
        iso->atom_count = live;
    }
    uint32_t mask = iso->atom_cap - 1, j = v_str(atom)->hash & mask;
    while (v_is_ptr(iso->atom_table[j])) j = (j + 1) & mask;
    if (iso->atom_table[j] == V_HOLE) iso->atom_count++;
    iso->atom_table[j] = atom;
}

Value atom_intern(Isolate *iso, Value str) {
    if (v_is_atom(str)) return str;
    Value f = str_flatten(iso, str);
    if (v_is_atom(f)) return f;
    uint32_t h = str_hash(iso, f);
    uint32_t mask = iso->atom_cap - 1;
    for (uint32_t j = h & mask;; j = (j + 1) & mask) {
        Value a = iso->atom_table[j];
        if (a == V_HOLE) break;
        if (a != ATOM_TOMBSTONE && v_str(a)->hash == h && str_flat_equals(a, f)) return a;
    }
    /* Internalise in place: same layout, only the map changes (V8 does the same). */
    JSString *p = v_str(f);
    p->map = v_ptr(ROOT(iso, str_is_two_byte(f) ? R_MAP_ATOM2 : R_MAP_ATOM));
    table_insert(iso, f);
    return f;
}

Value atom_from_latin1(Isolate *iso, const uint8_t *s, size_t n) {
    uint32_t h = str_hash_units8(s, n);
    uint32_t mask = iso->atom_cap - 1;
    for (uint32_t j = h & mask;; j = (j + 1) & mask) {
        Value a = iso->atom_table[j];
        if (a == V_HOLE) break;
        if (a == ATOM_TOMBSTONE) continue;
        JSString *p = v_str(a);
        if (p->hash == h && p->length == n && !str_is_two_byte(a) && memcmp(p->u.latin1, s, n) == 0)
            return a;
    }
    /* Names from C are long-lived: pretenure them. */
    JSString *p = gc_alloc_old(iso->heap, (STRING_HEADER_SIZE + n + 7) & ~(size_t)7);
    p->map = v_ptr(ROOT(iso, R_MAP_ATOM));
    p->length = (uint32_t)n;
    p->hash = h;
    memcpy(p->u.latin1, s, n);
    table_insert(iso, v_from_ptr(p));
    return v_from_ptr(p);
}

Value atom_from_cstr(Isolate *iso, const char *s) {
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if ((uint8_t)s[i] >= 0x80) return atom_intern(iso, str_from_utf8(iso, s, n));
    return atom_from_latin1(iso, (const uint8_t *)s, n);
}

void atom_init_all(Isolate *iso) {
    static const char *const names[] = {
#define MJS_ATOM_STR(id, str) str,
        MJS_ATOM_LIST(MJS_ATOM_STR)
#undef MJS_ATOM_STR
    };
    for (int i = 0; i < ATOM__COUNT; i++) iso->atoms[i] = atom_from_cstr(iso, names[i]);
}
