/* text_unicode.c: the character tables of the string built-ins: JS white space, case
 * mapping (Latin-1, Latin Extended-A, Greek, Cyrillic; special casings such as sharp s and
 * final sigma) and a three-level collation for localeCompare that orders Latin-1 as node's
 * ICU root collation does. Pure functions of flat strings: nothing here allocates.
 */
#include "text_int.h"

/* JS WhiteSpace and LineTerminator (Unicode Zs included). */
bool rt_is_js_space(uint16_t c) {
    if (c < 128) return c == ' ' || (c >= 9 && c <= 13);
    return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Simple + special case mappings for Latin-1, Latin Extended-A, Greek and Cyrillic.
 * Writes up to 3 code units to out; returns how many. */
int rt_case_upper(uint16_t c, uint16_t *out) {
    out[0] = c;
    if (c < 128) {
        if (c >= 'a' && c <= 'z') out[0] = c - 32;
        return 1;
    }
    if (c == 0xB5) out[0] = 0x39C;
    else if (c == 0xDF) { out[0] = 'S'; out[1] = 'S'; return 2; }
    else if (c >= 0xE0 && c <= 0xFE && c != 0xF7) out[0] = c - 32;
    else if (c == 0xFF) out[0] = 0x178;
    else if (c >= 0x100 && c <= 0x12F) out[0] = c & ~1;
    else if (c == 0x131) out[0] = 'I';
    else if (c >= 0x132 && c <= 0x137) out[0] = c & ~1;
    else if (c >= 0x139 && c <= 0x148) out[0] = (c & 1) ? c : c - 1;
    else if (c == 0x149) { out[0] = 0x2BC; out[1] = 'N'; return 2; }
    else if (c >= 0x14A && c <= 0x177) out[0] = c & ~1;
    else if (c >= 0x179 && c <= 0x17E) out[0] = (c & 1) ? c : c - 1;
    else if (c == 0x17F) out[0] = 'S';
    else if (c == 0x390) { out[0] = 0x399; out[1] = 0x308; out[2] = 0x301; return 3; }
    else if (c == 0x3B0) { out[0] = 0x3A5; out[1] = 0x308; out[2] = 0x301; return 3; }
    else if (c == 0x3AC) out[0] = 0x386;
    else if (c >= 0x3AD && c <= 0x3AF) out[0] = c - 37;
    else if (c == 0x3C2) out[0] = 0x3A3;
    else if (c >= 0x3B1 && c <= 0x3CB) out[0] = c - 32;
    else if (c == 0x3CC) out[0] = 0x38C;
    else if (c == 0x3CD || c == 0x3CE) out[0] = c - 63;
    else if (c >= 0x430 && c <= 0x44F) out[0] = c - 32;
    else if (c >= 0x450 && c <= 0x45F) out[0] = c - 80;
    else if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        out[0] = c & ~1;
    else if (c >= 0x4C1 && c <= 0x4CE) out[0] = (c & 1) ? c : c - 1;
    else if (c == 0x4CF) out[0] = 0x4C0;
    return 1;
}

int rt_case_lower(uint16_t c, uint16_t *out) {
    out[0] = c;
    if (c < 128) {
        if (c >= 'A' && c <= 'Z') out[0] = c + 32;
        return 1;
    }
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) out[0] = c + 32;
    else if (c >= 0x100 && c <= 0x12F) out[0] = c | 1;
    else if (c == 0x130) { out[0] = 'i'; out[1] = 0x307; return 2; }
    else if (c >= 0x132 && c <= 0x137) out[0] = c | 1;
    else if (c >= 0x139 && c <= 0x148) out[0] = (c & 1) ? c + 1 : c;
    else if (c >= 0x14A && c <= 0x177) out[0] = c | 1;
    else if (c == 0x178) out[0] = 0xFF;
    else if (c >= 0x179 && c <= 0x17E) out[0] = (c & 1) ? c + 1 : c;
    else if (c == 0x386) out[0] = 0x3AC;
    else if (c >= 0x388 && c <= 0x38A) out[0] = c + 37;
    else if (c == 0x38C) out[0] = 0x3CC;
    else if (c == 0x38E || c == 0x38F) out[0] = c + 63;
    else if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) out[0] = c + 32;
    else if (c >= 0x410 && c <= 0x42F) out[0] = c + 32;
    else if (c >= 0x400 && c <= 0x40F) out[0] = c + 80;
    else if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        out[0] = c | 1;
    else if (c >= 0x4C1 && c <= 0x4CE) out[0] = (c & 1) ? c + 1 : c;
    else if (c == 0x4C0) out[0] = 0x4CF;
    return 1;
}

static bool is_cased(uint16_t c) {
    uint16_t u[3], l[3];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    if (c < 128) return false;
    return rt_case_upper(c, u) != 1 || u[0] != c || rt_case_lower(c, l) != 1 || l[0] != c || c == 0xAA ||
           c == 0xBA;
}

/* Final sigma rule: capital sigma lowercases to U+03C2 at the end of a word. */
bool rt_case_final_sigma(Value flat, uint32_t i) {
    uint32_t n = str_length(flat);
    bool before = false;
    for (int64_t j = (int64_t)i - 1; j >= 0; j--) {
        uint16_t c = str_char(flat, (uint32_t)j);
        if (c == 0x27 || c == 0xAD || c == 0x2019 || (c >= 0x300 && c <= 0x36F)) continue;
        before = is_cased(c);
        break;
    }
    if (!before) return false;
    for (uint32_t j = i + 1; j < n; j++) {
        uint16_t c = str_char(flat, j);
        if (c == 0x27 || c == 0xAD || c == 0x2019 || (c >= 0x300 && c <= 0x36F)) continue;
        return !is_cased(c);
    }
    return true;
}

/* Collation weights (primary, secondary = accent, tertiary = case) for U+0000..U+00FF, taken
 * from the order node's ICU root collation gives; 0,0,0 = ignorable (controls, soft hyphen).
 * Characters above U+00FF collate by their lowercase code unit, case as the tertiary weight. */
static const uint8_t coll_latin1[256][3] = {
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {10, 0, 0}, {11, 0, 0}, {12, 0, 0},
    {13, 0, 0}, {14, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {16, 0, 0}, {23, 0, 0}, {30, 0, 0}, {47, 0, 0},
    {64, 0, 0}, {48, 0, 0}, {46, 0, 0}, {29, 0, 0},
    {33, 0, 0}, {34, 0, 0}, {42, 0, 0}, {58, 0, 0},
    {20, 0, 0}, {19, 0, 0}, {27, 0, 0}, {43, 0, 0},
    {73, 0, 0}, {74, 0, 0}, {75, 0, 0}, {76, 0, 0},
    {77, 0, 0}, {78, 0, 0}, {79, 0, 0}, {80, 0, 0},
    {81, 0, 0}, {82, 0, 0}, {22, 0, 0}, {21, 0, 0},
    {61, 0, 0}, {62, 0, 0}, {63, 0, 0}, {25, 0, 0},
    {41, 0, 0}, {83, 0, 1}, {85, 0, 1}, {86, 0, 1},
    {87, 0, 1}, {89, 0, 1}, {90, 0, 1}, {91, 0, 1},
    {92, 0, 1}, {93, 0, 1}, {94, 0, 1}, {95, 0, 1},
    {96, 0, 1}, {97, 0, 1}, {98, 0, 1}, {99, 0, 1},
    {100, 0, 1}, {101, 0, 1}, {102, 0, 1}, {103, 0, 1},
    {104, 0, 1}, {105, 0, 1}, {106, 0, 1}, {107, 0, 1},
    {108, 0, 1}, {109, 0, 1}, {110, 0, 1}, {35, 0, 0},
    {44, 0, 0}, {36, 0, 0}, {50, 0, 0}, {18, 0, 0},
    {49, 0, 0}, {83, 0, 0}, {85, 0, 0}, {86, 0, 0},
    {87, 0, 0}, {89, 0, 0}, {90, 0, 0}, {91, 0, 0},
    {92, 0, 0}, {93, 0, 0}, {94, 0, 0}, {95, 0, 0},
    {96, 0, 0}, {97, 0, 0}, {98, 0, 0}, {99, 0, 0},
    {100, 0, 0}, {101, 0, 0}, {102, 0, 0}, {103, 0, 0},
    {104, 0, 0}, {105, 0, 0}, {106, 0, 0}, {107, 0, 0},
    {108, 0, 0}, {109, 0, 0}, {110, 0, 0}, {37, 0, 0},
    {65, 0, 0}, {38, 0, 0}, {67, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {15, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
    {17, 0, 0}, {24, 0, 0}, {70, 0, 0}, {71, 0, 0},
    {68, 0, 0}, {72, 0, 0}, {66, 0, 0}, {39, 0, 0},
    {53, 0, 0}, {56, 0, 0}, {83, 0, 2}, {31, 0, 0},
    {64, 0, 0}, {0, 0, 0}, {57, 0, 0}, {52, 0, 0},
    {55, 0, 0}, {59, 0, 0}, {75, 0, 2}, {76, 0, 2},
    {51, 0, 0}, {0, 0, 0}, {40, 0, 0}, {28, 0, 0},
    {54, 0, 0}, {74, 0, 2}, {99, 0, 2}, {32, 0, 0},
    {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {26, 0, 0},
    {83, 2, 1}, {83, 1, 1}, {83, 3, 1}, {83, 6, 1},
    {83, 5, 1}, {83, 4, 1}, {84, 0, 1}, {86, 7, 1},
    {89, 2, 1}, {89, 1, 1}, {89, 3, 1}, {89, 5, 1},
    {93, 2, 1}, {93, 1, 1}, {93, 3, 1}, {93, 5, 1},
    {88, 0, 1}, {98, 6, 1}, {99, 2, 1}, {99, 1, 1},
    {99, 3, 1}, {99, 6, 1}, {99, 5, 1}, {60, 0, 0},
    {99, 8, 1}, {105, 2, 1}, {105, 1, 1}, {105, 3, 1},
    {105, 5, 1}, {109, 1, 1}, {111, 0, 1}, {0, 0, 0},
    {83, 2, 0}, {83, 1, 0}, {83, 3, 0}, {83, 6, 0},
    {83, 5, 0}, {83, 4, 0}, {84, 0, 0}, {86, 7, 0},
    {89, 2, 0}, {89, 1, 0}, {89, 3, 0}, {89, 5, 0},
    {93, 2, 0}, {93, 1, 0}, {93, 3, 0}, {93, 5, 0},
    {88, 0, 0}, {98, 6, 0}, {99, 2, 0}, {99, 1, 0},
    {99, 3, 0}, {99, 6, 0}, {99, 5, 0}, {60, 0, 0},
    {99, 8, 0}, {105, 2, 0}, {105, 1, 0}, {105, 3, 0},
    {105, 5, 0}, {109, 1, 0}, {111, 0, 0}, {109, 5, 0},
};
enum { COLL_P1 = 74, COLL_P2 = 75, COLL_P3 = 76, COLL_P4 = 77, COLL_PSLASH = 43, COLL_PS = 103 };

typedef struct CollElem {
    uint32_t w[3];
} CollElem;

/* Collation elements of one code unit (0 = ignorable; up to 3 for expansions). */
static int coll_elems(uint16_t c, CollElem *e) {
    if (c < 256) {
        switch (c) {
        case 0xDF: /* sharp s = "ss" */
            e[0] = (CollElem){{COLL_PS, 0, 2}};
            e[1] = (CollElem){{COLL_PS, 0, 2}};
            return 2;
        case 0xBC: case 0xBD: case 0xBE: { /* vulgar fractions = digit, slash, digit */
            uint32_t a = c == 0xBE ? COLL_P3 : COLL_P1, b = c == 0xBD ? COLL_P2 : COLL_P4;
            e[0] = (CollElem){{a, 0, 2}};
            e[1] = (CollElem){{COLL_PSLASH, 0, 2}};
            e[2] = (CollElem){{b, 0, 2}};
            return 3;
        }
        case 0xB5: c = 0x3BC; break; /* micro sign collates as Greek mu */
        default:
            if (coll_latin1[c][0] == 0) return 0;
            e[0] = (CollElem){{coll_latin1[c][0], coll_latin1[c][1], coll_latin1[c][2]}};
            return 1;
        }
    }
    uint16_t l[3];
    rt_case_lower(c, l);
    e[0] = (CollElem){{1000u + l[0], 0, l[0] != c}};
    return 1;
}

/* Compare level `lv` (0 primary, 1 accents, 2 case) of the element sequences. */
static int coll_compare_level(Value a, Value b, int lv) {
    uint32_t na = str_length(a), nb = str_length(b), ia = 0, ib = 0;
    CollElem ea[3], eb[3];
    int ka = 0, kb = 0, pa = 0, pb = 0;
    for (;;) {
        while (pa == ka && ia < na) {
            ka = coll_elems(str_char(a, ia++), ea);
            pa = 0;
        }
        while (pb == kb && ib < nb) {
            kb = coll_elems(str_char(b, ib++), eb);
            pb = 0;
        }
        bool enda = pa == ka, endb = pb == kb;
        if (enda || endb) return enda && endb ? 0 : enda ? -1 : 1;
        uint32_t wa = ea[pa++].w[lv], wb = eb[pb++].w[lv];
        if (wa != wb) return wa < wb ? -1 : 1;
    }
}

int rt_collate(Value a, Value b) {
    int r = 0;
    for (int lv = 0; lv < 3 && r == 0; lv++) r = coll_compare_level(a, b, lv);
    return r;
}
