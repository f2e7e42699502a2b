/* regexp_case.c: case-insensitive matching for the regex engine: simple (one-to-one) upper
 * and lower case mappings for the scripts with case (Latin, Greek, Cyrillic, Armenian,
 * Georgian, Latin Extended Additional, Greek Extended basics, letterlike, fullwidth, Deseret)
 * and the few characters that share a canonical form (sigma forms, micro sign, Kelvin...).
 * Pure functions, no allocation.
 */
#include "regexp_int.h"

static uint32_t simple_upper(uint32_t c) {
    if (c < 128) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (c == 0xB5) return 0x39C;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c == 0xFF) return 0x178;
    if (c >= 0x100 && c <= 0x12F) return c & ~1u;
    if (c == 0x131) return 'I';
    if (c >= 0x132 && c <= 0x137) return c & ~1u;
    if (c >= 0x139 && c <= 0x148) return (c & 1) ? c : c - 1;
    if (c >= 0x14A && c <= 0x177) return c & ~1u;
    if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c : c - 1;
    if (c == 0x17F) return 'S';
    if (c == 0x180) return 0x243;
    if (c >= 0x1CD && c <= 0x1DC) return (c & 1) ? c : c - 1;
    if (c >= 0x1DE && c <= 0x1EF) return c & ~1u;
    if (c >= 0x1F8 && c <= 0x21F) return c & ~1u;
    if (c >= 0x222 && c <= 0x233) return c & ~1u;
    if (c == 0x1C6 || c == 0x1C9 || c == 0x1CC || c == 0x1F3) return c - 2;
    if (c == 0x1C5 || c == 0x1C8 || c == 0x1CB || c == 0x1F2) return c - 1;
    if (c == 0x253) return 0x181;
    if (c == 0x254) return 0x186;
    if (c == 0x259) return 0x18F;
    if (c == 0x25B) return 0x190;
    if (c == 0x263) return 0x194;
    if (c == 0x268) return 0x197;
    if (c == 0x269) return 0x196;
    if (c == 0x26F) return 0x19C;
    if (c == 0x272) return 0x19D;
    if (c == 0x275) return 0x19F;
    if (c == 0x283) return 0x1A9;
    if (c == 0x288) return 0x1AE;
    if (c == 0x292) return 0x1B7;
    if (c == 0x345) return 0x399;
    if (c == 0x3AC) return 0x386;
    if (c >= 0x3AD && c <= 0x3AF) return c - 37;
    if (c == 0x3C2) return 0x3A3;
    if (c >= 0x3B1 && c <= 0x3CB) return c - 32;
    if (c == 0x3CC) return 0x38C;
    if (c == 0x3CD || c == 0x3CE) return c - 63;
    if (c == 0x3D0) return 0x392;
    if (c == 0x3D1) return 0x398;
    if (c == 0x3D5) return 0x3A6;
    if (c == 0x3D6) return 0x3A0;
    if (c == 0x3F0) return 0x39A;
    if (c == 0x3F1) return 0x3A1;
    if (c == 0x3F5) return 0x395;
    if (c >= 0x3D8 && c <= 0x3EF) return c & ~1u;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        return c & ~1u;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c : c - 1;
    if (c == 0x4CF) return 0x4C0;
    if (c >= 0x561 && c <= 0x586) return c - 48;
    if (c >= 0x1E00 && c <= 0x1E95) return c & ~1u;
    if (c == 0x1E9B) return 0x1E60;
    if (c >= 0x1EA0 && c <= 0x1EFF) return c & ~1u;
    if (c >= 0x1F00 && c <= 0x1F6F && (c & 0xF) < 8) {
        uint32_t row = c & 0xFFF0;
        if (row != 0x1F50 || (c & 1)) return c + 8;
    }
    if (c == 0x1FBE) return 0x399;
    if (c >= 0x2170 && c <= 0x217F) return c - 16;
    if (c >= 0x24D0 && c <= 0x24E9) return c - 26;
    if (c >= 0x2C30 && c <= 0x2C5F) return c - 48;
    if (c >= 0x2D00 && c <= 0x2D25) return c - 0x2D00 + 0x10A0;
    if (c >= 0xFF41 && c <= 0xFF5A) return c - 32;
    if (c >= 0x10428 && c <= 0x1044F) return c - 40;
    return c;
}

static uint32_t simple_lower(uint32_t c) {
    if (c < 128) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x100 && c <= 0x12F) return c | 1;
    if (c == 0x130) return 'i';
    if (c >= 0x132 && c <= 0x137) return c | 1;
    if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;
    if (c >= 0x14A && c <= 0x177) return c | 1;
    if (c == 0x178) return 0xFF;
    if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
    if (c == 0x243) return 0x180;
    if (c >= 0x1CD && c <= 0x1DC) return (c & 1) ? c + 1 : c;
    if (c >= 0x1DE && c <= 0x1EF) return c | 1;
    if (c >= 0x1F8 && c <= 0x21F) return c | 1;
    if (c >= 0x222 && c <= 0x233) return c | 1;
    if (c == 0x1C4 || c == 0x1C7 || c == 0x1CA || c == 0x1F1) return c + 2;
    if (c == 0x1C5 || c == 0x1C8 || c == 0x1CB || c == 0x1F2) return c + 1;
    if (c == 0x181) return 0x253;
    if (c == 0x186) return 0x254;
    if (c == 0x18F) return 0x259;
    if (c == 0x190) return 0x25B;
    if (c == 0x194) return 0x263;
    if (c == 0x197) return 0x268;
    if (c == 0x196) return 0x269;
    if (c == 0x19C) return 0x26F;
    if (c == 0x19D) return 0x272;
    if (c == 0x19F) return 0x275;
    if (c == 0x1A9) return 0x283;
    if (c == 0x1AE) return 0x288;
    if (c == 0x1B7) return 0x292;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) return c + 32;
    if (c == 0x3F4) return 0x3B8;
    if (c >= 0x3D8 && c <= 0x3EF) return c | 1;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        return c | 1;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x531 && c <= 0x556) return c + 48;
    if (c >= 0x10A0 && c <= 0x10C5) return c - 0x10A0 + 0x2D00;
    if (c >= 0x1E00 && c <= 0x1E95) return c | 1;
    if (c == 0x1E9E) return 0xDF;
    if (c >= 0x1EA0 && c <= 0x1EFF) return c | 1;
    if (c >= 0x1F08 && c <= 0x1F6F && (c & 0xF) >= 8) {
        uint32_t row = c & 0xFFF0;
        if (row != 0x1F50 || (c & 1)) return c - 8;
    }
    if (c == 0x2126) return 0x3C9;
    if (c == 0x212A) return 'k';
    if (c == 0x212B) return 0xE5;
    if (c >= 0x2160 && c <= 0x216F) return c + 16;
    if (c >= 0x24B6 && c <= 0x24CF) return c + 26;
    if (c >= 0x2C00 && c <= 0x2C2F) return c + 48;
    if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
    if (c >= 0x10400 && c <= 0x10427) return c + 40;
    return c;
}

uint32_t re_canon(uint32_t c, bool unicode) {
    if (unicode) {
        if (c == 0x130 || c == 0x131) return c; /* no simple folding (Turkic i) */
        if (c == 0x1FD3) return 0x390; /* CaseFolding.txt's simple foldings without case pairs */
        if (c == 0x1FE3) return 0x3B0;
        if (c == 0xFB05) return 0xFB06;
        return simple_lower(simple_upper(c));
    }
    if (c < 128) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    uint32_t u = simple_upper(c);
    return u < 128 ? c : u;
}

/* Characters whose uppercase is `up` besides simple_lower(up). */
static int extra_lowers(uint32_t up, uint32_t *out) {
    switch (up) {
    case 0x39C: out[0] = 0xB5; return 1;
    case 0x3A3: out[0] = 0x3C2; return 1;
    case 0x392: out[0] = 0x3D0; return 1;
    case 0x395: out[0] = 0x3F5; return 1;
    case 0x398: out[0] = 0x3D1; out[1] = 0x3F4; return 2;
    case 0x39A: out[0] = 0x3F0; return 1;
    case 0x3A0: out[0] = 0x3D6; return 1;
    case 0x3A1: out[0] = 0x3F1; return 1;
    case 0x3A6: out[0] = 0x3D5; return 1;
    case 0x399: out[0] = 0x345; out[1] = 0x1FBE; return 2;
    case 'S': out[0] = 0x17F; return 1;
    case 'K': out[0] = 0x212A; return 1;
    case 0xC5: out[0] = 0x212B; return 1;
    case 0x3A9: out[0] = 0x2126; return 1;
    case 0x1E60: out[0] = 0x1E9B; return 1;
    case 0x1E9E: out[0] = 0xDF; return 1;
    case 0xDF: out[0] = 0x1E9E; return 1;
    case 0x390: out[0] = 0x1FD3; return 1;
    case 0x3B0: out[0] = 0x1FE3; return 1;
    case 0xFB05: case 0xFB06: out[0] = 0xFB05; out[1] = 0xFB06; return 2;
    }
    return 0;
}

int re_case_variants(uint32_t c, bool unicode, uint32_t *out) {
    uint32_t k = re_canon(c, unicode);
    uint32_t cand[8];
    int nc = 0;
    uint32_t up = simple_upper(k);
    cand[nc++] = c;
    cand[nc++] = k;
    cand[nc++] = up;
    cand[nc++] = simple_lower(k);
    cand[nc++] = simple_lower(up);
    nc += extra_lowers(up, cand + nc);
    int n = 0;
    for (int i = 0; i < nc; i++) {
        if (re_canon(cand[i], unicode) != k) continue;
        bool dup = false;
        for (int j = 0; j < n; j++)
            if (out[j] == cand[i]) dup = true;
        if (!dup) out[n++] = cand[i];
    }
    return n;
}
