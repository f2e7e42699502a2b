/* dtoa.c: number -> string conversions with JS semantics (Number::toString, toFixed,
 * toPrecision, toExponential, toString(radix)), matching V8's output digit for digit.
 * Invariant: every result is computed from the exact binary value of the double; the only
 * rounding done in floating point is the radix conversion, which mirrors V8's own algorithm.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

/* Decimal digits of a positive finite double: value = 0.D1D2...Dn x 10^point. */
typedef struct Digits {
    char d[1200]; /* exact expansions need up to ~770 significant digits (5e-324) */
    int n;
    int point;
} Digits;

/* ------------------------------------------------------------------ shortest round trip */

/* Parse "%.*e" output ("d.ddde-XX") into dg. */
static void parse_exp_form(const char *s, Digits *dg) {
    int n = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9') dg->d[n++] = *s;
    int exp = atoi(s + 1);
    while (n > 1 && dg->d[n - 1] == '0') n--;
    dg->n = n;
    dg->point = exp + 1;
}

/* Does the p-digit decimal m x 10^(exp10) (m as text) read back as d? */
static bool round_trips(const char *digits, int p, int exp10, double d) {
    char buf[64];
    memcpy(buf, digits, (size_t)p);
    snprintf(buf + p, sizeof buf - (size_t)p, "e%d", exp10);
    return strtod(buf, NULL) == d;
}

/* Add `delta` (+1 or -1) to the last digit of a p-digit string. Returns false when the
 * result would change length (carry out of the top digit or borrow to zero). */
static bool bump_digits(char *digits, int p, int delta) {
    for (int i = p - 1; i >= 0; i--) {
        int c = digits[i] - '0' + delta;
        if (c >= 0 && c <= 9) {
            digits[i] = (char)('0' + c);
            return digits[0] != '0';
        }
        digits[i] = delta > 0 ? '0' : '9';
    }
    return false;
}

/* Try precision p: the correctly rounded p-digit decimal, and (when d sits on a power of two
 * and its rounding interval is lopsided) its neighbours. Fills dg on success. */
static bool try_precision(double d, int p, bool check_neighbours, Digits *dg) {
    char buf[64], digits[24];
    snprintf(buf, sizeof buf, "%.*e", p - 1, d);
    int n = 0;
    const char *s = buf;
    for (; *s != 'e'; s++)
        if (*s >= '0' && *s <= '9') digits[n++] = *s;
    int exp = atoi(s + 1);
    int exp10 = exp - (p - 1);
    if (round_trips(digits, p, exp10, d)) {
        parse_exp_form(buf, dg);
        return true;
    }
    if (!check_neighbours) return false;
    for (int delta = -1; delta <= 1; delta += 2) {
        char alt[24];
        memcpy(alt, digits, (size_t)p);
        if (!bump_digits(alt, p, delta)) continue;
        if (round_trips(alt, p, exp10, d)) {
            char form[64];
            int k = 0;
            form[k++] = alt[0];
            form[k++] = '.';
            memcpy(form + k, alt + 1, (size_t)(p - 1));
            k += p - 1;
            snprintf(form + k, sizeof form - (size_t)k, "e%d", exp);
            parse_exp_form(form, dg);
            return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------------ Grisu3 fast path */

/* Shortest digits with 64-bit integer arithmetic (Loitsch, "Printing Floating-Point Numbers
 * Quickly and Accurately with Integers", PLDI 2010): v and its rounding interval are scaled
 * by a cached power of ten into [2^2, 2^64) and the digits generated from the scaled upper
 * bound. The computation carries error bounds; in the rare cases (~0.5%) where they cannot
 * prove the digits shortest and closest, grisu3 gives up and the exact slow path runs. */

typedef struct DiyFp {
    uint64_t f;
    int e;
} DiyFp;

/* 10^k for k = -348, -340, ..., 340: 64-bit significands rounded to nearest (generated with
 * exact integer arithmetic), with their binary exponents. */
static const struct {
    uint64_t f;
    int16_t e, k;
} cached_pow10[] = {
    {0xfa8fd5a0081c0288ull, -1220, -348},
    {0xbaaee17fa23ebf76ull, -1193, -340},
    {0x8b16fb203055ac76ull, -1166, -332},
    {0xcf42894a5dce35eaull, -1140, -324},
    {0x9a6bb0aa55653b2dull, -1113, -316},
    {0xe61acf033d1a45dfull, -1087, -308},
    {0xab70fe17c79ac6caull, -1060, -300},
    {0xff77b1fcbebcdc4full, -1034, -292},
    {0xbe5691ef416bd60cull, -1007, -284},
    {0x8dd01fad907ffc3cull, -980, -276},
    {0xd3515c2831559a83ull, -954, -268},
    {0x9d71ac8fada6c9b5ull, -927, -260},
    {0xea9c227723ee8bcbull, -901, -252},
    {0xaecc49914078536dull, -874, -244},
    {0x823c12795db6ce57ull, -847, -236},
    {0xc21094364dfb5637ull, -821, -228},
    {0x9096ea6f3848984full, -794, -220},
    {0xd77485cb25823ac7ull, -768, -212},
    {0xa086cfcd97bf97f4ull, -741, -204},
    {0xef340a98172aace5ull, -715, -196},
    {0xb23867fb2a35b28eull, -688, -188},
    {0x84c8d4dfd2c63f3bull, -661, -180},
    {0xc5dd44271ad3cdbaull, -635, -172},
    {0x936b9fcebb25c996ull, -608, -164},
    {0xdbac6c247d62a584ull, -582, -156},
    {0xa3ab66580d5fdaf6ull, -555, -148},
    {0xf3e2f893dec3f126ull, -529, -140},
    {0xb5b5ada8aaff80b8ull, -502, -132},
    {0x87625f056c7c4a8bull, -475, -124},
    {0xc9bcff6034c13053ull, -449, -116},
    {0x964e858c91ba2655ull, -422, -108},
    {0xdff9772470297ebdull, -396, -100},
    {0xa6dfbd9fb8e5b88full, -369, -92},
    {0xf8a95fcf88747d94ull, -343, -84},
    {0xb94470938fa89bcfull, -316, -76},
    {0x8a08f0f8bf0f156bull, -289, -68},
    {0xcdb02555653131b6ull, -263, -60},
    {0x993fe2c6d07b7facull, -236, -52},
    {0xe45c10c42a2b3b06ull, -210, -44},
    {0xaa242499697392d3ull, -183, -36},
    {0xfd87b5f28300ca0eull, -157, -28},
    {0xbce5086492111aebull, -130, -20},
    {0x8cbccc096f5088ccull, -103, -12},
    {0xd1b71758e219652cull, -77, -4},
    {0x9c40000000000000ull, -50, 4},
    {0xe8d4a51000000000ull, -24, 12},
    {0xad78ebc5ac620000ull, 3, 20},
    {0x813f3978f8940984ull, 30, 28},
    {0xc097ce7bc90715b3ull, 56, 36},
    {0x8f7e32ce7bea5c70ull, 83, 44},
    {0xd5d238a4abe98068ull, 109, 52},
    {0x9f4f2726179a2245ull, 136, 60},
    {0xed63a231d4c4fb27ull, 162, 68},
    {0xb0de65388cc8ada8ull, 189, 76},
    {0x83c7088e1aab65dbull, 216, 84},
    {0xc45d1df942711d9aull, 242, 92},
    {0x924d692ca61be758ull, 269, 100},
    {0xda01ee641a708deaull, 295, 108},
    {0xa26da3999aef774aull, 322, 116},
    {0xf209787bb47d6b85ull, 348, 124},
    {0xb454e4a179dd1877ull, 375, 132},
    {0x865b86925b9bc5c2ull, 402, 140},
    {0xc83553c5c8965d3dull, 428, 148},
    {0x952ab45cfa97a0b3ull, 455, 156},
    {0xde469fbd99a05fe3ull, 481, 164},
    {0xa59bc234db398c25ull, 508, 172},
    {0xf6c69a72a3989f5cull, 534, 180},
    {0xb7dcbf5354e9beceull, 561, 188},
    {0x88fcf317f22241e2ull, 588, 196},
    {0xcc20ce9bd35c78a5ull, 614, 204},
    {0x98165af37b2153dfull, 641, 212},
    {0xe2a0b5dc971f303aull, 667, 220},
    {0xa8d9d1535ce3b396ull, 694, 228},
    {0xfb9b7cd9a4a7443cull, 720, 236},
    {0xbb764c4ca7a44410ull, 747, 244},
    {0x8bab8eefb6409c1aull, 774, 252},
    {0xd01fef10a657842cull, 800, 260},
    {0x9b10a4e5e9913129ull, 827, 268},
    {0xe7109bfba19c0c9dull, 853, 276},
    {0xac2820d9623bf429ull, 880, 284},
    {0x80444b5e7aa7cf85ull, 907, 292},
    {0xbf21e44003acdd2dull, 933, 300},
    {0x8e679c2f5e44ff8full, 960, 308},
    {0xd433179d9c8cb841ull, 986, 316},
    {0x9e19db92b4e31ba9ull, 1013, 324},
    {0xeb96bf6ebadf77d9ull, 1039, 332},
    {0xaf87023b9bf0ee6bull, 1066, 340},
};

#define CACHED_POW10_COUNT ((int)(sizeof cached_pow10 / sizeof cached_pow10[0]))

static DiyFp diy_mul(DiyFp a, DiyFp b) {
    unsigned __int128 p = (unsigned __int128)a.f * b.f;
    uint64_t hi = (uint64_t)(p >> 64), lo = (uint64_t)p;
    return (DiyFp){hi + (lo >> 63), a.e + b.e + 64}; /* rounded: error <= 1/2 ulp */
}

static DiyFp diy_normalize(DiyFp a) {
    int s = __builtin_clzll(a.f);
    return (DiyFp){a.f << s, a.e - s};
}

/* Move the last digit down while that brings it closer to v and stays inside the safe
 * interval; then check the result is provably the closest shortest one. All quantities are
 * in units of the scaled binary exponent; `unit` is the accumulated error. */
static bool round_weed(char *buf, int len, uint64_t dist_high_w, uint64_t unsafe, uint64_t rest,
                       uint64_t ten_kappa, uint64_t unit) {
    uint64_t small = dist_high_w - unit, big = dist_high_w + unit;
    while (rest < small && unsafe - rest >= ten_kappa &&
           (rest + ten_kappa < small || small - rest >= rest + ten_kappa - small)) {
        buf[len - 1]--;
        rest += ten_kappa;
    }
    if (rest < big && unsafe - rest >= ten_kappa &&
        (rest + ten_kappa < big || big - rest > rest + ten_kappa - big))
        return false;
    return 2 * unit <= rest && rest <= unsafe - 4 * unit;
}

static bool grisu3(double d, Digits *dg) {
    uint64_t bits;
    memcpy(&bits, &d, 8);
    uint64_t mant = bits & 0xFFFFFFFFFFFFFull;
    int bexp = (int)((bits >> 52) & 0x7FF);
    DiyFp v = bexp ? (DiyFp){mant | (1ull << 52), bexp - 1075} : (DiyFp){mant, -1074};
    /* rounding interval [m-, m+]: halfway to the neighbours (closer below at powers of 2) */
    DiyFp mp = diy_normalize((DiyFp){(v.f << 1) + 1, v.e - 1});
    DiyFp mm = (mant == 0 && bexp > 1) ? (DiyFp){(v.f << 2) - 1, v.e - 2}
                                       : (DiyFp){(v.f << 1) - 1, v.e - 1};
    mm.f <<= mm.e - mp.e;
    mm.e = mp.e;
    DiyFp w = diy_normalize(v);
    /* a cached power c with -60 <= w.e + c.e + 64 <= -32 */
    int min_e = -60 - w.e - 64;
    int i = (int)((min_e + 1220) / 26.6) - 1;
    if (i < 0) i = 0;
    while (i < CACHED_POW10_COUNT - 1 && cached_pow10[i].e < min_e) i++;
    if (cached_pow10[i].e < min_e || cached_pow10[i].e > -32 - w.e - 64) return false;
    DiyFp c = {cached_pow10[i].f, cached_pow10[i].e};
    int k = cached_pow10[i].k;
    DiyFp sw = diy_mul(w, c), sl = diy_mul(mm, c), sh = diy_mul(mp, c);

    uint64_t unit = 1;
    DiyFp too_low = {sl.f - unit, sl.e}, too_high = {sh.f + unit, sh.e};
    uint64_t unsafe = too_high.f - too_low.f;
    int shift = -sw.e;
    uint64_t one = 1ull << shift;
    uint32_t integrals = (uint32_t)(too_high.f >> shift);
    uint64_t fractionals = too_high.f & (one - 1);
    uint32_t divisor = 1;
    int kappa = 1;
    while (divisor <= integrals / 10) {
        divisor *= 10;
        kappa++;
    }
    int len = 0;
    while (kappa > 0) {
        dg->d[len++] = (char)('0' + integrals / divisor);
        integrals %= divisor;
        kappa--;
        uint64_t rest = ((uint64_t)integrals << shift) + fractionals;
        if (rest < unsafe) {
            if (!round_weed(dg->d, len, too_high.f - sw.f, unsafe, rest, (uint64_t)divisor << shift, unit))
                return false;
            goto done;
        }
        divisor /= 10;
    }
    for (;;) {
        fractionals *= 10;
        unit *= 10;
        unsafe *= 10;
        dg->d[len++] = (char)('0' + (fractionals >> shift));
        fractionals &= one - 1;
        kappa--;
        if (fractionals < unsafe) {
            if (!round_weed(dg->d, len, (too_high.f - sw.f) * unit, unsafe, fractionals, one, unit))
                return false;
            break;
        }
        if (len >= 18) return false;
    }
done:
    dg->point = len + kappa - k; /* the digits as an integer times 10^(kappa - k) */
    while (len > 1 && dg->d[len - 1] == '0') len--;
    dg->n = len;
    return true;
}

static const double pow10_table[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Decimal digits of v into t (no NUL); returns the count. */
static int u64_digits(uint64_t v, char *t) {
    char r[24];
    int n = 0;
    do {
        r[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = 0; i < n; i++) t[i] = r[n - 1 - i];
    return n;
}

/* Fast path for short decimals such as 3.7 or 0.0625: the nearest decimal with k fraction
 * digits is m = round(d x 10^k), and m / 10^k == d proves it reads back as d, because both
 * operands are exact and IEEE division rounds correctly. Keeping m < 2^40 makes the rounding
 * error of the product (< 2^-13) far too small to pick the wrong m, so the first k that works
 * gives the shortest form. d must be positive and not an integer. */
static bool short_decimal(double d, Digits *dg) {
    double scale = 1;
    for (int k = 1; k <= 17; k++) {
        scale *= 10; /* exact up to 1e22 */
        double x = d * scale;
        if (x >= 1099511627776.0) return false; /* 2^40 */
        double m = floor(x + 0.5);
        if (m / scale != d) continue;
        char t[24];
        int len = u64_digits((uint64_t)m, t);
        memcpy(dg->d, t, (size_t)len);
        dg->n = len;
        dg->point = len - k;
        return true;
    }
    return false;
}

/* Shortest digits that read back as d (d > 0, finite). Round-tripping is monotone in the
 * precision except at powers of two, where the lower half of the rounding interval is half
 * as wide; those few values take a linear scan that also tries the neighbours. */
static void shortest_digits(double d, Digits *dg) {
    if (grisu3(d, dg)) return;
    int e;
    double fr = frexp(d, &e);
    if (fr == 0.5) {
        for (int p = 1; p <= 17; p++)
            if (try_precision(d, p, true, dg)) return;
        return; /* unreachable: 17 digits always round-trip */
    }
    if (d != floor(d) && short_decimal(d, dg)) return;
    /* Most remaining values need 15 to 17 digits; 17 always works. */
    if (!try_precision(d, 16, false, dg)) {
        try_precision(d, 17, false, dg);
        return;
    }
    if (!try_precision(d, 15, false, dg)) {
        try_precision(d, 16, false, dg);
        return;
    }
    int lo = 1, hi = 15; /* 15 works: binary search the smallest precision that does */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        Digits tmp;
        if (try_precision(d, mid, false, &tmp))
            hi = mid;
        else
            lo = mid + 1;
    }
    try_precision(d, lo, false, dg);
}

/* ------------------------------------------------------------------ exact expansion */

/* Number of binary fraction bits of d (0 for integers). */
static int fraction_bits(double d) {
    int e;
    double fr = frexp(d, &e);
    if (fr == 0) return 0;
    uint64_t m = (uint64_t)ldexp(fr, 53); /* d = m x 2^(e-53) */
    int exp2 = e - 53;
    while ((m & 1) == 0) {
        m >>= 1;
        exp2++;
    }
    return exp2 < 0 ? -exp2 : 0;
}

/* The exact decimal expansion of d > 0 (finite). glibc prints exact digits for any precision,
 * and a value with f fraction bits has exactly f decimal fraction digits. */
static void exact_digits(double d, Digits *dg) {
    char buf[1500];
    int len = snprintf(buf, sizeof buf, "%.*f", fraction_bits(d), d);
    int n = 0, int_digits = -1, zeros = 0;
    for (int i = 0; i < len; i++) {
        if (buf[i] == '.') {
            int_digits = i;
            continue;
        }
        if (n == 0 && buf[i] == '0') {
            zeros++; /* leading zeros, before or after the point */
            continue;
        }
        dg->d[n++] = buf[i];
    }
    if (int_digits < 0) int_digits = len;
    while (n > 0 && dg->d[n - 1] == '0') n--;
    dg->n = n;
    dg->point = int_digits - zeros;
}

/* Round dg to keep `keep` digits (keep may be <= 0), ties away from zero, as the spec asks
 * for ("pick the larger n"). The digits are exact, so a '5' followed by anything is >= half. */
static void round_digits(Digits *dg, int keep) {
    if (keep >= dg->n) return;
    if (keep < 0) {
        dg->n = 0;
        return;
    }
    bool up = dg->d[keep] >= '5';
    dg->n = keep;
    if (!up) {
        while (dg->n > 0 && dg->d[dg->n - 1] == '0') dg->n--;
        return;
    }
    int i = keep - 1;
    while (i >= 0 && dg->d[i] == '9') i--;
    if (i < 0) { /* 999 -> 1000 */
        dg->d[0] = '1';
        dg->n = 1;
        dg->point++;
        return;
    }
    dg->d[i]++;
    dg->n = i + 1;
}

/* ------------------------------------------------------------------ output helpers */

typedef struct Out {
    char *buf;
    size_t cap, len;
} Out;

static void out_c(Out *o, char c) {
    if (o->len + 1 < o->cap) o->buf[o->len] = c;
    o->len++;
}
static void out_s(Out *o, const char *s) {
    while (*s) out_c(o, *s++);
}
static void out_rep(Out *o, char c, int n) {
    for (int i = 0; i < n; i++) out_c(o, c);
}
static int out_end(Out *o) {
    if (o->cap > 0) o->buf[o->len < o->cap ? o->len : o->cap - 1] = 0;
    return (int)o->len;
}
static void out_int(Out *o, int v) {
    char t[16];
    snprintf(t, sizeof t, "%d", v);
    out_s(o, t);
}

/* Digit i of dg, or '0' past the end. */
static char dg_at(const Digits *dg, int i) { return i < dg->n ? dg->d[i] : '0'; }

/* d1[.d2...dk]e(+|-)x with exactly `ndigits` digits (0: as many as dg has). */
static void out_exponential(Out *o, const Digits *dg, int ndigits) {
    int k = ndigits > 0 ? ndigits : dg->n;
    out_c(o, dg_at(dg, 0));
    if (k > 1) {
        out_c(o, '.');
        for (int i = 1; i < k; i++) out_c(o, dg_at(dg, i));
    }
    int e = dg->point - 1;
    out_c(o, 'e');
    out_c(o, e < 0 ? '-' : '+');
    out_int(o, e < 0 ? -e : e);
}

static bool out_special(Out *o, double d) {
    if (d != d) {
        out_s(o, "NaN");
        return true;
    }
    if (isinf(d)) {
        out_s(o, d < 0 ? "-Infinity" : "Infinity");
        return true;
    }
    return false;
}

/* ------------------------------------------------------------------ Number::toString */

static void out_shortest(Out *o, double d) {
    if (out_special(o, d)) return;
    if (d == 0) {
        out_c(o, '0'); /* both zeros */
        return;
    }
    if (d < 0) {
        out_c(o, '-');
        d = -d;
    }
    if (d < 9007199254740992.0 && d == floor(d)) { /* fast path: exact integers */
        char t[24];
        t[u64_digits((uint64_t)d, t)] = 0;
        out_s(o, t);
        return;
    }
    Digits dg;
    shortest_digits(d, &dg);
    int k = dg.n, n = dg.point;
    if (k <= n && n <= 21) {
        for (int i = 0; i < k; i++) out_c(o, dg.d[i]);
        out_rep(o, '0', n - k);
    } else if (0 < n && n <= 21) {
        for (int i = 0; i < n; i++) out_c(o, dg.d[i]);
        out_c(o, '.');
        for (int i = n; i < k; i++) out_c(o, dg.d[i]);
    } else if (-6 < n && n <= 0) {
        out_s(o, "0.");
        out_rep(o, '0', -n);
        for (int i = 0; i < k; i++) out_c(o, dg.d[i]);
    } else {
        out_exponential(o, &dg, 0);
    }
}

int num_to_cstr(double d, char *buf) {
    Out o = {buf, 32, 0};
    out_shortest(&o, d);
    return out_end(&o);
}

/* ------------------------------------------------------------------ toFixed */

int num_to_fixed(double d, int digits, char *buf, size_t cap) {
    Out o = {buf, cap, 0};
    if (out_special(&o, d)) return out_end(&o);
    if (fabs(d) >= 1e21) {
        out_shortest(&o, d);
        return out_end(&o);
    }
    if (d < 0) {
        out_c(&o, '-'); /* also for values that round to zero: (-0.0001).toFixed(2) */
        d = -d;
    }
    if (digits <= 22) {
        /* Fast path: x = d * 10^digits carries at most 1/2 ulp of error (the power is exact),
         * which only matters when x is within an ulp of a rounding tie. */
        double x = d * pow10_table[digits];
        if (x < 4503599627370496.0) { /* 2^52: x - floor(x) is exact */
            double fl = floor(x), diff = x - fl;
            double ulp = nextafter(x, INFINITY) - x;
            if (fabs(diff - 0.5) > ulp) {
                uint64_t r = (uint64_t)fl + (diff > 0.5);
                char t[48];
                int n = u64_digits(r, t);
                if (n <= digits) { /* leading zeros: 0.0ddd */
                    memmove(t + (digits + 1 - n), t, (size_t)n);
                    memset(t, '0', (size_t)(digits + 1 - n));
                    n = digits + 1;
                }
                for (int i = 0; i < n; i++) {
                    if (i == n - digits) out_c(&o, '.');
                    out_c(&o, t[i]);
                }
                return out_end(&o);
            }
        }
    }
    if (d != 0 && fraction_bits(d) != digits + 1) {
        /* Not a decimal tie (a value with f fraction bits has exactly f fraction digits, the
         * last a 5), so glibc's correctly rounded output is the spec's. */
        char t[160];
        snprintf(t, sizeof t, "%.*f", digits, d);
        out_s(&o, t);
        return out_end(&o);
    }
    Digits dg;
    if (d == 0) {
        dg.n = 0;
        dg.point = 0;
    } else {
        exact_digits(d, &dg);
        round_digits(&dg, dg.point + digits);
    }
    /* integer part */
    if (dg.point <= 0 || dg.n == 0) {
        out_c(&o, '0');
    } else {
        for (int i = 0; i < dg.point; i++) out_c(&o, dg_at(&dg, i));
    }
    if (digits > 0) {
        out_c(&o, '.');
        for (int i = 0; i < digits; i++) {
            int idx = dg.point + i; /* digit index for 10^-(i+1) */
            out_c(&o, (dg.n == 0 || idx < 0) ? '0' : dg_at(&dg, idx));
        }
    }
    return out_end(&o);
}

/* ------------------------------------------------------------------ toExponential */

int num_to_exponential(double d, int digits, bool digits_given, char *buf, size_t cap) {
    Out o = {buf, cap, 0};
    if (out_special(&o, d)) return out_end(&o);
    if (d < 0) {
        out_c(&o, '-');
        d = -d;
    }
    Digits dg;
    if (d == 0) {
        dg.n = 1;
        dg.d[0] = '0';
        dg.point = 1;
        out_exponential(&o, &dg, digits_given ? digits + 1 : 1);
        return out_end(&o);
    }
    if (!digits_given) {
        shortest_digits(d, &dg);
        out_exponential(&o, &dg, 0);
    } else {
        exact_digits(d, &dg);
        round_digits(&dg, digits + 1);
        out_exponential(&o, &dg, digits + 1);
    }
    return out_end(&o);
}

/* ------------------------------------------------------------------ toPrecision */

int num_to_precision(double d, int precision, char *buf, size_t cap) {
    Out o = {buf, cap, 0};
    if (out_special(&o, d)) return out_end(&o);
    if (d < 0) {
        out_c(&o, '-');
        d = -d;
    }
    Digits dg;
    if (d == 0) {
        dg.n = 0;
        dg.point = 1;
    } else {
        exact_digits(d, &dg);
        round_digits(&dg, precision);
    }
    int e = dg.point - 1;
    if (d != 0 && (e < -6 || e >= precision)) {
        out_exponential(&o, &dg, precision);
        return out_end(&o);
    }
    if (e >= 0) {
        for (int i = 0; i <= e; i++) out_c(&o, dg_at(&dg, i));
        if (precision > e + 1) {
            out_c(&o, '.');
            for (int i = e + 1; i < precision; i++) out_c(&o, dg_at(&dg, i));
        }
    } else {
        out_s(&o, "0.");
        out_rep(&o, '0', -e - 1);
        for (int i = 0; i < precision; i++) out_c(&o, dg_at(&dg, i));
    }
    return out_end(&o);
}

/* ------------------------------------------------------------------ toString(radix) */

static const char radix_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* Digits are produced only while they carry information: `delta` is half the gap to the
 * next double, scaled along with the fraction, so the output stops at the double's own
 * precision and the last digit is rounded half-to-even (V8's algorithm, so output matches). */
int num_to_radix(double d, int radix, char *buf, size_t cap) {
    if (radix == 10 || d != d || isinf(d)) {
        char t[32];
        num_to_cstr(d, t);
        Out o = {buf, cap, 0};
        out_s(&o, t);
        return out_end(&o);
    }
    /* The integer part of DBL_MAX in base 2 needs 1024 digits; the fraction of the smallest
     * subnormal needs up to 1074 + a few. Work in the middle of one buffer. */
    enum { SIZE = 2200 };
    char tmp[SIZE];
    int icur = SIZE / 2, fcur = SIZE / 2;
    bool neg = d < 0;
    if (neg) d = -d;
    double ipart = floor(d);
    double frac = d - ipart;
    double delta = 0.5 * (nextafter(d, INFINITY) - d);
    double min_delta = nextafter(0.0, 1.0);
    if (delta < min_delta) delta = min_delta;
    if (frac >= delta) {
        tmp[fcur++] = '.';
        do {
            frac *= radix;
            delta *= radix;
            int digit = (int)frac;
            tmp[fcur++] = radix_chars[digit];
            frac -= digit;
            if (frac > 0.5 || (frac == 0.5 && (digit & 1))) {
                if (frac + delta > 1) {
                    /* round up, propagating the carry back through written digits */
                    for (;;) {
                        fcur--;
                        if (fcur == SIZE / 2) {
                            ipart += 1;
                            break;
                        }
                        char c = tmp[fcur];
                        int v = c > '9' ? c - 'a' + 10 : c - '0';
                        if (v + 1 < radix) {
                            tmp[fcur++] = radix_chars[v + 1];
                            break;
                        }
                    }
                    break;
                }
            }
        } while (frac >= delta);
    }
    /* Integer digits. Beyond 2^53 the low digits are not represented: they print as 0. */
    for (;;) {
        double q = ipart / radix;
        int e;
        frexp(q, &e);
        if (e - 53 <= 0) break; /* q < 2^53 */
        ipart = q;
        tmp[--icur] = '0';
    }
    do {
        double r = fmod(ipart, radix);
        tmp[--icur] = radix_chars[(int)r];
        ipart = (ipart - r) / radix;
    } while (ipart > 0);
    if (neg) tmp[--icur] = '-';
    Out o = {buf, cap, 0};
    for (int i = icur; i < fcur; i++) out_c(&o, tmp[i]);
    return out_end(&o);
}
