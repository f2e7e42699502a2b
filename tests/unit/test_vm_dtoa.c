/* test_vm_dtoa.c: vm/dtoa.c against outputs recorded from node v20 (V8): Number::toString,
 * toFixed, toPrecision, toExponential and toString(radix). dtoa is pure C: no isolate needed.
 * Every expected string below was printed by node, never derived from our own output.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "vm/vm.h"

static const char *fmt_str(double d) {
    static char buf[64];
    num_to_cstr(d, buf);
    return buf;
}
static const char *fmt_fixed(double d, int digits) {
    static char buf[256];
    num_to_fixed(d, digits, buf, sizeof buf);
    return buf;
}
static const char *fmt_prec(double d, int p) {
    static char buf[256];
    num_to_precision(d, p, buf, sizeof buf);
    return buf;
}
static const char *fmt_exp(double d, int digits, bool given) {
    static char buf[256];
    num_to_exponential(d, digits, given, buf, sizeof buf);
    return buf;
}
static const char *fmt_radix(double d, int radix) {
    static char buf[2400];
    num_to_radix(d, radix, buf, sizeof buf);
    return buf;
}

Test(dtoa, to_string_specials) {
    cr_assert(eq(str, (char *)fmt_str(0.0), "0"));
    cr_assert(eq(str, (char *)fmt_str(-0.0), "0"));
    cr_assert(eq(str, (char *)fmt_str(NAN), "NaN"));
    cr_assert(eq(str, (char *)fmt_str(INFINITY), "Infinity"));
    cr_assert(eq(str, (char *)fmt_str(-INFINITY), "-Infinity"));
}

Test(dtoa, to_string_shortest) {
    cr_assert(eq(str, (char *)fmt_str(0.1 + 0.2), "0.30000000000000004"));
    cr_assert(eq(str, (char *)fmt_str(0.1), "0.1"));
    cr_assert(eq(str, (char *)fmt_str(1.0 / 3), "0.3333333333333333"));
    cr_assert(eq(str, (char *)fmt_str(2.0 / 3), "0.6666666666666666"));
    cr_assert(eq(str, (char *)fmt_str(5e-324), "5e-324"));
    cr_assert(eq(str, (char *)fmt_str(1.7976931348623157e308), "1.7976931348623157e+308"));
    cr_assert(eq(str, (char *)fmt_str(123456789012345680000.0), "123456789012345680000"));
    cr_assert(eq(str, (char *)fmt_str(1e21), "1e+21"));
    cr_assert(eq(str, (char *)fmt_str(1e20), "100000000000000000000"));
    cr_assert(eq(str, (char *)fmt_str(1.5e-7), "1.5e-7"));
    cr_assert(eq(str, (char *)fmt_str(1e-7), "1e-7"));
    cr_assert(eq(str, (char *)fmt_str(0.000001), "0.000001"));
    cr_assert(eq(str, (char *)fmt_str(0.0000015), "0.0000015"));
    cr_assert(eq(str, (char *)fmt_str(-1.5), "-1.5"));
    cr_assert(eq(str, (char *)fmt_str(123.456), "123.456"));
    cr_assert(eq(str, (char *)fmt_str(9007199254740992.0), "9007199254740992"));
    cr_assert(eq(str, (char *)fmt_str(18446744073709551616.0), "18446744073709552000"));
    cr_assert(eq(str, (char *)fmt_str(1.0000000000000002), "1.0000000000000002"));
    cr_assert(eq(str, (char *)fmt_str(2.2250738585072014e-308), "2.2250738585072014e-308"));
    cr_assert(eq(str, (char *)fmt_str(1e300), "1e+300"));
    cr_assert(eq(str, (char *)fmt_str(ldexp(1, -1023)), "1.1125369292536007e-308"));
    cr_assert(eq(str, (char *)fmt_str(ldexp(1, 1023)), "8.98846567431158e+307"));
    cr_assert(eq(str, (char *)fmt_str(ldexp(1, -1074) * 3), "1.5e-323"));
    cr_assert(eq(str, (char *)fmt_str(-2147483648.0), "-2147483648"));
    cr_assert(eq(str, (char *)fmt_str(4.35), "4.35"));
    cr_assert(eq(str, (char *)fmt_str(1234.5678e10), "12345678000000"));
}

Test(dtoa, to_fixed) {
    cr_assert(eq(str, (char *)fmt_fixed(1.005, 2), "1.00"));
    cr_assert(eq(str, (char *)fmt_fixed(1.45, 1), "1.4"));
    cr_assert(eq(str, (char *)fmt_fixed(0.5, 0), "1"));
    cr_assert(eq(str, (char *)fmt_fixed(1.5, 0), "2"));
    cr_assert(eq(str, (char *)fmt_fixed(2.5, 0), "3"));
    cr_assert(eq(str, (char *)fmt_fixed(-2.5, 0), "-3"));
    cr_assert(eq(str, (char *)fmt_fixed(1.25, 1), "1.3"));
    cr_assert(eq(str, (char *)fmt_fixed(0.125, 2), "0.13"));
    cr_assert(eq(str, (char *)fmt_fixed(-0.0001, 2), "-0.00"));
    cr_assert(eq(str, (char *)fmt_fixed(-0.0, 2), "0.00"));
    cr_assert(eq(str, (char *)fmt_fixed(0.0, 0), "0"));
    cr_assert(eq(str, (char *)fmt_fixed(123.456, 0), "123"));
    cr_assert(eq(str, (char *)fmt_fixed(123.456, 5), "123.45600"));
    cr_assert(eq(str, (char *)fmt_fixed(1e21, 2), "1e+21"));
    cr_assert(eq(str, (char *)fmt_fixed(1e20, 2), "100000000000000000000.00"));
    cr_assert(eq(str, (char *)fmt_fixed(0.1, 20), "0.10000000000000000555"));
    cr_assert(eq(str, (char *)fmt_fixed(NAN, 2), "NaN"));
    cr_assert(eq(str, (char *)fmt_fixed(-INFINITY, 2), "-Infinity"));
    cr_assert(eq(str, (char *)fmt_fixed(9.995, 2), "9.99"));
    cr_assert(eq(str, (char *)fmt_fixed(99.5, 0), "100"));
    cr_assert(eq(str, (char *)fmt_fixed(5e-324, 2), "0.00"));
    cr_assert(eq(str, (char *)fmt_fixed(0.1, 100),
                  "0.10000000000000000555111512312578270211815834045410156250000000000000000000"
                  "00000000000000000000000000"));
}

Test(dtoa, to_precision) {
    cr_assert(eq(str, (char *)fmt_prec(25, 1), "3e+1"));
    cr_assert(eq(str, (char *)fmt_prec(0, 1), "0"));
    cr_assert(eq(str, (char *)fmt_prec(0, 3), "0.00"));
    cr_assert(eq(str, (char *)fmt_prec(-0.0, 3), "0.00"));
    cr_assert(eq(str, (char *)fmt_prec(123.456, 2), "1.2e+2"));
    cr_assert(eq(str, (char *)fmt_prec(123.456, 4), "123.5"));
    cr_assert(eq(str, (char *)fmt_prec(123.456, 3), "123"));
    cr_assert(eq(str, (char *)fmt_prec(0.000123, 2), "0.00012"));
    cr_assert(eq(str, (char *)fmt_prec(1e-7, 2), "1.0e-7"));
    cr_assert(eq(str, (char *)fmt_prec(0.000001, 1), "0.000001"));
    cr_assert(eq(str, (char *)fmt_prec(99.9, 1), "1e+2"));
    cr_assert(eq(str, (char *)fmt_prec(-1.5, 1), "-2"));
    cr_assert(eq(str, (char *)fmt_prec(1e21, 3), "1.00e+21"));
    cr_assert(eq(str, (char *)fmt_prec(0.1, 21), "0.100000000000000005551"));
    cr_assert(eq(str, (char *)fmt_prec(INFINITY, 3), "Infinity"));
}

Test(dtoa, to_exponential) {
    cr_assert(eq(str, (char *)fmt_exp(123.456, 0, false), "1.23456e+2"));
    cr_assert(eq(str, (char *)fmt_exp(123.456, 2, true), "1.23e+2"));
    cr_assert(eq(str, (char *)fmt_exp(0, 0, false), "0e+0"));
    cr_assert(eq(str, (char *)fmt_exp(0, 2, true), "0.00e+0"));
    cr_assert(eq(str, (char *)fmt_exp(1.5, 0, true), "2e+0"));
    cr_assert(eq(str, (char *)fmt_exp(2.5, 0, true), "3e+0"));
    cr_assert(eq(str, (char *)fmt_exp(-0.00015, 1, true), "-1.5e-4"));
    cr_assert(eq(str, (char *)fmt_exp(5e-324, 0, false), "5e-324"));
    cr_assert(eq(str, (char *)fmt_exp(1e21, 3, true), "1.000e+21"));
    cr_assert(eq(str, (char *)fmt_exp(0.1 + 0.2, 0, false), "3.0000000000000004e-1"));
    cr_assert(eq(str, (char *)fmt_exp(NAN, 2, true), "NaN"));
}

Test(dtoa, to_radix) {
    cr_assert(eq(str, (char *)fmt_radix(0.5, 2), "0.1"));
    cr_assert(eq(str, (char *)fmt_radix(255, 16), "ff"));
    cr_assert(eq(str, (char *)fmt_radix(-255, 36), "-73"));
    cr_assert(eq(str, (char *)fmt_radix(255, 2), "11111111"));
    cr_assert(eq(str, (char *)fmt_radix(0, 2), "0"));
    cr_assert(eq(str, (char *)fmt_radix(-0.0, 16), "0"));
    cr_assert(eq(str, (char *)fmt_radix(0.1, 3), "0.0022002200220022002200220022002201"));
    cr_assert(eq(str, (char *)fmt_radix(3.141592653589793, 7), "3.066365143203613411"));
    cr_assert(eq(str, (char *)fmt_radix(0.1, 2),
                  "0.0001100110011001100110011001100110011001100110011001101"));
    cr_assert(eq(str, (char *)fmt_radix(1e21, 36), "5v1j4f4ds7c000"));
    cr_assert(eq(str, (char *)fmt_radix(NAN, 2), "NaN"));
    cr_assert(eq(str, (char *)fmt_radix(-INFINITY, 16), "-Infinity"));
    cr_assert(eq(str, (char *)fmt_radix(123.456, 10), "123.456"));
    cr_assert(eq(str, (char *)fmt_radix(ldexp(1, 60), 16), "1000000000000000"));
    cr_assert(eq(str, (char *)fmt_radix(2.5, 16), "2.8"));
    cr_assert(eq(str, (char *)fmt_radix(-3.75, 4), "-3.3"));
}

/* Round trip: the shortest string reads back as the same double. */
Test(dtoa, round_trip_sweep) {
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double d;
        memcpy(&d, &x, 8);
        if (!isfinite(d)) continue;
        char buf[32];
        num_to_cstr(d, buf);
        cr_assert(eq(dbl, strtod(buf, NULL), d), "%s", buf);
    }
}
