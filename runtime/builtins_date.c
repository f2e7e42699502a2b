/* builtins_date.c: the Date constructor and Date.prototype. A Date is a T_DATE object whose
 * internal slot 0 holds the time value (ms since the epoch, UTC, or NaN); all calendar math
 * is the spec's day/year arithmetic in doubles, local time comes from localtime_r (the
 * process TZ), and strings are formatted in C buffers as node prints them.
 * The map of Date instances lives in the Date constructor's native data slot.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime.h"

enum { NATIVE_DATA_SLOT = 1 }; /* vm.h: internal slot 1 of a native function is its data */

#define MS_PER_DAY 86400000.0
#define MAX_TIME 8.64e15

static inline Value arg(Value *argv, int argc, int i) { return i < argc ? argv[i] : V_UNDEF; }

static const char *const day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* ------------------------------------------------------------------ calendar arithmetic */

static double day_of(double t) { return floor(t / MS_PER_DAY); }
static double time_in_day(double t) {
    double r = fmod(t, MS_PER_DAY);
    return r < 0 ? r + MS_PER_DAY : r;
}
static double days_from_year(double y) {
    return 365 * (y - 1970) + floor((y - 1969) / 4) - floor((y - 1901) / 100) +
           floor((y - 1601) / 400);
}
static bool is_leap(double y) {
    return fmod(y, 4) == 0 && (fmod(y, 100) != 0 || fmod(y, 400) == 0);
}
static double year_from_time(double t) {
    double y = floor(t / (MS_PER_DAY * 365.2425)) + 1970;
    while (days_from_year(y) * MS_PER_DAY > t) y--;
    while (days_from_year(y + 1) * MS_PER_DAY <= t) y++;
    return y;
}
/* Day of the year at which month m (0-11) starts. */
static int month_start(int m, bool leap) {
    static const int starts[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    return starts[m] + (leap && m >= 2 ? 1 : 0);
}

typedef struct DateFields {
    double year;
    int month, day, hour, min, sec, ms, wday; /* month 0-11, day 1-31, wday 0 = Sunday */
} DateFields;

static void split_time(double t, DateFields *f) {
    double y = year_from_time(t);
    bool leap = is_leap(y);
    int yday = (int)(day_of(t) - days_from_year(y));
    int m = 11;
    while (m > 0 && yday < month_start(m, leap)) m--;
    f->year = y;
    f->month = m;
    f->day = yday - month_start(m, leap) + 1;
    double ms = time_in_day(t);
    f->hour = (int)(ms / 3600000);
    f->min = (int)fmod(floor(ms / 60000), 60);
    f->sec = (int)fmod(floor(ms / 1000), 60);
    f->ms = (int)fmod(ms, 1000);
    double wd = fmod(day_of(t) + 4, 7);
    f->wday = (int)(wd < 0 ? wd + 7 : wd);
}

static double make_time(double h, double m, double s, double ms) {
    if (!isfinite(h) || !isfinite(m) || !isfinite(s) || !isfinite(ms)) return NAN;
    return trunc(h) * 3600000.0 + trunc(m) * 60000.0 + trunc(s) * 1000.0 + trunc(ms);
}

static double make_day(double year, double month, double date) {
    if (!isfinite(year) || !isfinite(month) || !isfinite(date)) return NAN;
    double y = trunc(year), m = trunc(month), dt = trunc(date);
    double ym = y + floor(m / 12);
    if (fabs(ym) > 400000) return NAN; /* far outside the time value range */
    double mn = fmod(m, 12);
    if (mn < 0) mn += 12;
    double day = days_from_year(ym) + month_start((int)mn, is_leap(ym));
    return day + dt - 1;
}

static double make_date(double day, double time) {
    double r = day * MS_PER_DAY + time;
    return isfinite(r) ? r : NAN;
}

static double time_clip(double t) {
    if (!isfinite(t) || fabs(t) > MAX_TIME) return NAN;
    return trunc(t) + 0.0; /* + 0.0 turns -0 into +0 */
}

/* Two-digit years in the constructor and Date.UTC mean 19xx. */
static double full_year(double y) {
    if (y != y) return y;
    double yi = trunc(y);
    return (yi >= 0 && yi <= 99) ? 1900 + yi : y;
}

/* ------------------------------------------------------------------ local time */

/* Local time offset (local - UTC, ms) in effect at UTC time t. */
static double offset_at(double t) {
    time_t secs = (time_t)floor(t / 1000);
    struct tm tm;
    if (!localtime_r(&secs, &tm)) return 0;
    return tm.tm_gmtoff * 1000.0;
}

static double local_time(double t) { return t + offset_at(t); }

/* UTC time of local time tl. Where the local time is ambiguous (clocks go back) or does
 * not exist (clocks go forward), the offset before the transition is used, as V8 does. */
static double utc_from_local(double tl) {
    if (!isfinite(tl)) return NAN;
    double early = offset_at(tl - MS_PER_DAY), late = offset_at(tl + MS_PER_DAY);
    if (early == late) return tl - early;
    if (offset_at(tl - early) == early) return tl - early;
    if (offset_at(tl - late) == late) return tl - late;
    return tl - early;
}

/* t moved to a year in 2008..2037 that starts on the same weekday and has the same length.
 * V8 picks standard/daylight names for times outside 1970..2037 this way, so an old date in
 * April is called "Summer Time" even when it fell before DST existed. */
static double equivalent_time(double t) {
    if (t >= 0 && t < 2147483647000.0) return t;
    double y = year_from_time(t);
    double wd = fmod(days_from_year(y) + 4, 7);
    if (wd < 0) wd += 7;
    for (double e = 2008; e <= 2037; e++) {
        double we = fmod(days_from_year(e) + 4, 7);
        if (we == wd && is_leap(e) == is_leap(y))
            return t + (days_from_year(e) - days_from_year(y)) * MS_PER_DAY;
    }
    return t;
}

/* The zone's long name as node (ICU) prints it in Date strings. */
static void zone_name(double t, double offset, char *out, size_t cap) {
    time_t secs = (time_t)floor(equivalent_time(t) / 1000);
    struct tm tm;
    const char *abbr = "";
    if (localtime_r(&secs, &tm) && tm.tm_zone) {
        abbr = tm.tm_zone;
        offset = tm.tm_gmtoff * 1000.0;
    }
    int off_min = (int)(offset / 60000);
    static const struct {
        const char *abbr;
        int offset; /* minutes, or 9999 for any */
        const char *name;
    } names[] = {
        {"UTC", 9999, "Coordinated Universal Time"},
        {"GMT", 9999, "Greenwich Mean Time"},
        {"BST", 9999, "British Summer Time"},
        {"EST", 9999, "Eastern Standard Time"},
        {"EDT", 9999, "Eastern Daylight Time"},
        {"CST", 480, "China Standard Time"},
        {"CST", -300, "Cuba Standard Time"},
        {"CST", 9999, "Central Standard Time"},
        {"CDT", 9999, "Central Daylight Time"},
        {"MST", 9999, "Mountain Standard Time"},
        {"MDT", 9999, "Mountain Daylight Time"},
        {"PST", 9999, "Pacific Standard Time"},
        {"PDT", 9999, "Pacific Daylight Time"},
        {"AKST", 9999, "Alaska Standard Time"},
        {"AKDT", 9999, "Alaska Daylight Time"},
        {"HST", 9999, "Hawaii-Aleutian Standard Time"},
        {"HDT", 9999, "Hawaii-Aleutian Daylight Time"},
        {"AST", 9999, "Atlantic Standard Time"},
        {"ADT", 9999, "Atlantic Daylight Time"},
        {"NST", 9999, "Newfoundland Standard Time"},
        {"NDT", 9999, "Newfoundland Daylight Time"},
        {"CET", 9999, "Central European Standard Time"},
        {"CEST", 9999, "Central European Summer Time"},
        {"EET", 9999, "Eastern European Standard Time"},
        {"EEST", 9999, "Eastern European Summer Time"},
        {"WET", 9999, "Western European Standard Time"},
        {"WEST", 9999, "Western European Summer Time"},
        {"IST", 330, "India Standard Time"},
        {"IST", 60, "Irish Standard Time"},
        {"IST", 9999, "Israel Standard Time"},
        {"IDT", 9999, "Israel Daylight Time"},
        {"MSK", 9999, "Moscow Standard Time"},
        {"SAST", 9999, "South Africa Standard Time"},
        {"WIB", 9999, "Western Indonesia Time"},
        {"PKT", 9999, "Pakistan Standard Time"},
        {"JST", 9999, "Japan Standard Time"},
        {"KST", 9999, "Korean Standard Time"},
        {"HKT", 9999, "Hong Kong Standard Time"},
        {"AEST", 9999, "Australian Eastern Standard Time"},
        {"AEDT", 9999, "Australian Eastern Daylight Time"},
        {"ACST", 9999, "Australian Central Standard Time"},
        {"ACDT", 9999, "Australian Central Daylight Time"},
        {"AWST", 9999, "Australian Western Standard Time"},
        {"NZST", 9999, "New Zealand Standard Time"},
        {"NZDT", 9999, "New Zealand Daylight Time"},
        {"CAT", 9999, "Central Africa Time"},
        {"EAT", 9999, "East Africa Time"},
        {"WAT", 9999, "West Africa Standard Time"},
        {"PHT", 9999, "Philippine Standard Time"},
        {"PST", 480, "Philippine Standard Time"},
    };
    if (strcmp(abbr, "BST") == 0 && !tm.tm_isdst) abbr = "GMT"; /* British Standard Time */
    if (strcmp(abbr, "NDDT") == 0) abbr = "NDT";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(abbr, names[i].abbr) != 0) continue;
        if (names[i].offset != 9999 && names[i].offset != off_min) continue;
        snprintf(out, cap, "%s", names[i].name);
        return;
    }
    /* tzdata writes numeric abbreviations ("+04") for zones without an English one */
    static const struct {
        const char *tz, *name;
    } zones[] = {
        {"Asia/Dubai", "Gulf Standard Time"},
        {"America/Sao_Paulo", "Brasilia Standard Time"},
        {"Asia/Singapore", "Singapore Standard Time"},
        {"America/Bogota", "Colombia Standard Time"},
        {"Asia/Kathmandu", "Nepal Time"},
        {"America/Argentina/Buenos_Aires", "Argentina Standard Time"},
        {"America/Lima", "Peru Standard Time"},
        {"Asia/Bangkok", "Indochina Time"},
        {"Asia/Ho_Chi_Minh", "Indochina Time"},
        {"Asia/Tehran", "Iran Standard Time"},
        {"Europe/Istanbul", "GMT+03:00"},
    };
    const char *tz = getenv("TZ");
    if (tz && *tz == ':') tz++;
    for (size_t i = 0; tz && i < sizeof zones / sizeof zones[0]; i++) {
        if (strcmp(tz, zones[i].tz) == 0) {
            snprintf(out, cap, "%s", zones[i].name);
            return;
        }
    }
    int a = abs(off_min);
    snprintf(out, cap, "GMT%c%02d:%02d", off_min < 0 ? '-' : '+', a / 60, a % 60);
}

/* ------------------------------------------------------------------ this, allocation */

static bool is_date(Value v) { return v_is_object(v) && v_type(v) == T_DATE; }

/* V8's description of a wrong receiver: primitives as strings, "#<Ctor>" for objects. */
static char *describe_receiver(Isolate *iso, Value v) {
    char num[32];
    if (v_is_undef(v)) return strdup("undefined");
    if (v_is_null(v)) return strdup("null");
    if (v_is_bool(v)) return strdup(v == V_TRUE ? "true" : "false");
    if (v_is_number(v)) {
        num_to_cstr(v_num(v), num);
        return strdup(num);
    }
    if (v_is_string(v)) return str_to_utf8(iso, v, NULL);
    if (v_is_symbol(v)) {
        Value desc = ((Symbol *)v_ptr(v))->description;
        char *d = v_is_string(desc) ? str_to_utf8(iso, desc, NULL) : strdup("");
        char *r = malloc(strlen(d) + 9);
        if (!r) abort();
        sprintf(r, "Symbol(%s)", d);
        free(d);
        return r;
    }
    if (v_is_callable(v)) return str_to_utf8(iso, vm_function_source(iso, v), NULL);
    if (v_is_array(v)) return strdup("[object Array]");
    if (!v_is_object(v)) return strdup("[object Object]");
    Value proto = obj_get_proto(v);
    PropDesc pd;
    if (v_is_object(proto) && obj_get_own(iso, proto, ATOM(iso, constructor), &pd) &&
        !(pd.attrs & P_ACCESSOR) && v_is_callable(pd.value)) {
        Value name = vm_function_name(iso, pd.value);
        if (v_is_string(name) && str_length(name) > 0) {
            char *n = str_to_utf8(iso, name, NULL);
            char *r = malloc(strlen(n) + 4);
            if (!r) abort();
            sprintf(r, "#<%s>", n);
            free(n);
            return r;
        }
    }
    return strdup("[object Object]");
}

/* The time value of a Date `this`. Getters say "this is not a Date object." (method NULL),
 * the other methods name themselves, as V8 does. */
static Status this_time(Isolate *iso, Value *argv, const char *method, double *out) {
    Value t = argv[-1];
    if (!is_date(t)) {
        if (!method) return vm_throw_error(iso, E_TYPE, "this is not a Date object.");
        char *d = describe_receiver(iso, t);
        Status st = vm_throw_error(iso, E_TYPE,
                                   "Method Date.prototype.%s called on incompatible receiver %s",
                                   method, d ? d : "");
        free(d);
        return st;
    }
    *out = v_num(*obj_internal(t, 0));
    return MJS_OK;
}

static void set_time(Isolate *iso, Value date, double tv) {
    vm_store(iso, v_ptr(date), obj_internal(date, 0), v_number(tv));
}

/* A new Date with time value tv. ctor is the Date constructor (its data slot has the map). */
static Value date_new(Isolate *iso, Value ctor, double tv) {
    Map *map = NULL;
    if (v_is_object(ctor) && v_type(ctor) == T_NATIVE_FUNCTION) {
        Value m = *obj_internal(ctor, NATIVE_DATA_SLOT);
        if (v_is_ptr(m) && v_type(m) == T_MAP) map = (Map *)v_ptr(m);
    }
    if (!map) map = map_new_root(iso, T_DATE, ROOT(iso, R_DATE_PROTO), 1, 0);
    Value obj = obj_new_from_map(iso, map);
    *obj_internal(obj, 0) = v_number(tv); /* initialising store into a new object */
    return obj;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return floor((double)ts.tv_sec * 1000 + (double)ts.tv_nsec / 1e6);
}

/* ------------------------------------------------------------------ formatting */

/* Years print with at least 4 digits, a '-' before negative ones. */
static int fmt_year(char *out, size_t cap, double y) {
    if (y < 0) return snprintf(out, cap, "-%04.0f", -y);
    return snprintf(out, cap, "%04.0f", y);
}

static void fmt_offset(char *out, size_t cap, double offset) {
    int secs = (int)(offset / 1000);
    int a = abs(secs);
    snprintf(out, cap, "GMT%c%02d%02d", secs < 0 ? '-' : '+', a / 3600, (a / 60) % 60);
}

enum { FMT_FULL, FMT_DATE, FMT_TIME, FMT_UTC, FMT_ISO, FMT_LOCALE, FMT_LOCALE_DATE, FMT_LOCALE_TIME };

/* Format time value tv; returns false for the ISO form of an invalid date. */
static bool format_date(double tv, int kind, bool utc_locale, char *out, size_t cap) {
    if (tv != tv) {
        snprintf(out, cap, "Invalid Date");
        return kind != FMT_ISO;
    }
    DateFields f;
    char year[24], off[24], zone[64];
    switch (kind) {
    case FMT_UTC:
        split_time(tv, &f);
        fmt_year(year, sizeof year, f.year);
        snprintf(out, cap, "%s, %02d %s %s %02d:%02d:%02d GMT", day_names[f.wday], f.day,
                 month_names[f.month], year, f.hour, f.min, f.sec);
        return true;
    case FMT_ISO:
        split_time(tv, &f);
        if (f.year >= 0 && f.year <= 9999)
            snprintf(year, sizeof year, "%04.0f", f.year);
        else
            snprintf(year, sizeof year, "%c%06.0f", f.year < 0 ? '-' : '+', fabs(f.year));
        snprintf(out, cap, "%s-%02d-%02dT%02d:%02d:%02d.%03dZ", year, f.month + 1, f.day, f.hour,
                 f.min, f.sec, f.ms);
        return true;
    case FMT_LOCALE:
    case FMT_LOCALE_DATE:
    case FMT_LOCALE_TIME: {
        split_time(utc_locale ? tv : local_time(tv), &f);
        double y = f.year <= 0 ? 1 - f.year : f.year; /* era years: 1 BC is year 0 */
        int h12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
        const char *ampm = f.hour < 12 ? "AM" : "PM";
        if (kind == FMT_LOCALE_DATE)
            snprintf(out, cap, "%d/%d/%.0f", f.month + 1, f.day, y);
        else if (kind == FMT_LOCALE_TIME)
            snprintf(out, cap, "%d:%02d:%02d %s", h12, f.min, f.sec, ampm);
        else
            snprintf(out, cap, "%d/%d/%.0f, %d:%02d:%02d %s", f.month + 1, f.day, y, h12, f.min,
                     f.sec, ampm);
        return true;
    }
    default:
        break;
    }
    double offset = offset_at(tv);
    split_time(tv + offset, &f);
    fmt_year(year, sizeof year, f.year);
    fmt_offset(off, sizeof off, offset);
    if (kind != FMT_DATE) zone_name(tv, offset, zone, sizeof zone);
    if (kind == FMT_DATE)
        snprintf(out, cap, "%s %s %02d %s", day_names[f.wday], month_names[f.month], f.day, year);
    else if (kind == FMT_TIME)
        snprintf(out, cap, "%02d:%02d:%02d %s (%s)", f.hour, f.min, f.sec, off, zone);
    else
        snprintf(out, cap, "%s %s %02d %s %02d:%02d:%02d %s (%s)", day_names[f.wday],
                 month_names[f.month], f.day, year, f.hour, f.min, f.sec, off, zone);
    return true;
}

static Value date_string(Isolate *iso, double tv, int kind) {
    char buf[160];
    format_date(tv, kind, false, buf, sizeof buf);
    return str_from_cstr(iso, buf);
}

/* ------------------------------------------------------------------ parsing */

/* ES date-time string format: YYYY[-MM[-DD]][THH:mm[:ss[.sss]][Z|+HH:mm]], years also as
 * +YYYYYY/-YYYYYY. Returns 1 with *tv set, 0 if s is not in this format (try the legacy
 * parser), -1 if it is but is invalid (NaN). Date-only forms are UTC, date-times local. */
static int parse_iso(const char *s, double *tv) {
    const char *p = s;
    int sign = 1, ndig = 4;
    if (*p == '+' || *p == '-') {
        sign = *p == '-' ? -1 : 1;
        ndig = 6;
        p++;
    }
    double year = 0;
    for (int i = 0; i < ndig; i++, p++) {
        if (!isdigit((unsigned char)*p)) return 0;
        year = year * 10 + (*p - '0');
    }
    if (sign < 0 && year == 0) return -1; /* -000000 is not allowed */
    year *= sign;
    int month = 1, day = 1;
    if (*p == '-') {
        if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2])) return 0;
        month = (p[1] - '0') * 10 + (p[2] - '0');
        p += 3;
        if (*p == '-') {
            if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2])) return 0;
            day = (p[1] - '0') * 10 + (p[2] - '0');
            p += 3;
        }
    }
    if (*p != 0 && *p != 'T' && *p != 't') return 0;
    if (month < 1 || month > 12 || day < 1 || day > 31) return -1;
    double dayv = make_day(year, month - 1, day);
    if (*p == 0) {
        *tv = time_clip(make_date(dayv, 0));
        return 1;
    }
    p++; /* 'T' */
    int v[3] = {0, 0, 0};
    double ms = 0;
    for (int i = 0; i < 3; i++) {
        if (i > 0) {
            if (*p != ':') {
                if (i == 2) break;
                return -1;
            }
            p++;
        }
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1])) return -1;
        v[i] = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
    }
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p)) return -1;
        double scale = 100;
        for (; isdigit((unsigned char)*p); p++, scale /= 10)
            if (scale >= 1) ms += (*p - '0') * scale;
    }
    if (v[0] > 24 || v[1] > 59 || v[2] > 59 || (v[0] == 24 && (v[1] || v[2] || ms))) return -1;
    double t = make_date(dayv, make_time(v[0], v[1], v[2], ms));
    if (*p == 0) {
        *tv = time_clip(utc_from_local(t));
        return 1;
    }
    if ((*p == 'Z' || *p == 'z') && p[1] == 0) {
        *tv = time_clip(t);
        return 1;
    }
    if (*p == '+' || *p == '-') {
        int sg = *p == '-' ? -1 : 1, hh, mm;
        p++;
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1])) return -1;
        hh = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (*p == ':') p++;
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1])) return -1;
        mm = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (*p != 0 || hh > 23 || mm > 59) return -1;
        *tv = time_clip(t - sg * (hh * 3600000.0 + mm * 60000.0));
        return 1;
    }
    return -1;
}

/* The fallback parser for the many formats node accepts ("Jan 1, 2020 10:00 PM",
 * "1/2/2020", "Thu, 01 Jan 1970 00:00:00 GMT", toString output...). Numbers before a ':'
 * are the time, others date components whose order is decided as V8 decides it. */
static double parse_legacy(const char *s) {
    double comp[3];
    int ncomp = 0, named_month = 0;
    int hour = -1, min = 0, sec = 0, ms = 0, ampm = 0; /* ampm: 1 am, 2 pm */
    bool has_tz = false, seen_number = false;
    double tz_min = 0;
    const char *p = s;
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (c == '(') { /* comment */
            int depth = 0;
            for (; *p; p++) {
                if (*p == '(') depth++;
                if (*p == ')' && --depth == 0) {
                    p++;
                    break;
                }
            }
            continue;
        }
        if ((c == '+' || c == '-') && isdigit((unsigned char)p[1]) && (has_tz || hour >= 0)) {
            /* a zone offset: +hh, +hhmm or +hh:mm */
            int sg = c == '-' ? -1 : 1, nd = 0;
            double n = 0;
            for (p++; isdigit((unsigned char)*p); p++, nd++) n = n * 10 + (*p - '0');
            double off;
            if (*p == ':' && isdigit((unsigned char)p[1])) {
                double m = 0;
                for (p++; isdigit((unsigned char)*p); p++) m = m * 10 + (*p - '0');
                off = n * 60 + m;
            } else {
                off = nd <= 2 ? n * 60 : floor(n / 100) * 60 + fmod(n, 100);
            }
            has_tz = true;
            tz_min = sg * off;
            continue;
        }
        if (isdigit(c)) {
            double n = 0;
            int nd = 0;
            for (; isdigit((unsigned char)*p); p++, nd++) n = n * 10 + (*p - '0');
            seen_number = true;
            if (*p == ':' && hour < 0) { /* hh:mm[:ss[.mmm]] */
                hour = (int)fmin(n, 1000);
                p++;
                if (!isdigit((unsigned char)*p)) return NAN;
                double m = 0;
                for (; isdigit((unsigned char)*p); p++) m = m * 10 + (*p - '0');
                min = (int)fmin(m, 1000);
                if (*p == ':' && isdigit((unsigned char)p[1])) {
                    double sv = 0;
                    for (p++; isdigit((unsigned char)*p); p++) sv = sv * 10 + (*p - '0');
                    sec = (int)fmin(sv, 1000);
                    if (*p == '.' && isdigit((unsigned char)p[1])) {
                        double scale = 100, mv = 0;
                        for (p++; isdigit((unsigned char)*p); p++, scale /= 10)
                            if (scale >= 1) mv += (*p - '0') * scale;
                        ms = (int)mv;
                    }
                }
                continue;
            }
            if (ncomp == 3) return NAN;
            comp[ncomp++] = n;
            if (*p == '-') p++; /* "2020-1-1": a '-' after a date number is a separator */
            continue;
        }
        if (isalpha(c)) {
            char w[16];
            int n = 0;
            for (; isalpha((unsigned char)*p); p++)
                if (n < 15) w[n++] = (char)tolower((unsigned char)*p);
            w[n] = 0;
            int month = 0;
            for (int i = 0; i < 12 && n >= 3; i++)
                if (strncasecmp(w, month_names[i], 3) == 0) month = i + 1;
            bool is_day = false;
            for (int i = 0; i < 7 && n >= 3; i++)
                if (strncasecmp(w, day_names[i], 3) == 0) is_day = true;
            static const struct {
                const char *name;
                int offset;
            } zones[] = {{"ut", 0},      {"utc", 0},     {"gmt", 0},     {"z", 0},
                         {"est", -300},  {"edt", -240},  {"cst", -360},  {"cdt", -300},
                         {"mst", -420},  {"mdt", -360},  {"pst", -480},  {"pdt", -420}};
            int zone = -1;
            for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
                if (strcmp(w, zones[i].name) == 0) zone = (int)i;
            if (month) {
                named_month = month;
            } else if (is_day) {
                /* weekday names carry no information */
            } else if (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0) {
                ampm = w[0] == 'a' ? 1 : 2;
            } else if (zone >= 0) {
                has_tz = true;
                tz_min = zones[zone].offset;
            } else if (strcmp(w, "t") == 0 && seen_number) {
                /* date/time separator */
            } else if (seen_number) {
                return NAN; /* garbage after the date */
            }
            continue;
        }
        p++; /* separators: space , / - . and anything else */
    }
    if (ncomp == 0 && !named_month) return NAN;
    if (ncomp == 0) return NAN;
    while (ncomp < 3) comp[ncomp++] = 1;
    double year, month, day;
    bool is_day0 = comp[0] >= 1 && comp[0] <= 31;
    if (!named_month) {
        if (!is_day0) {
            year = comp[0], month = comp[1], day = comp[2];
        } else {
            month = comp[0], day = comp[1], year = comp[2];
        }
    } else {
        month = named_month;
        if (!is_day0)
            year = comp[0], day = comp[1];
        else
            day = comp[0], year = comp[1];
    }
    if (year >= 0 && year <= 49)
        year += 2000;
    else if (year >= 50 && year <= 99)
        year += 1900;
    if (month < 1 || month > 12 || day < 1 || day > 31) return NAN;
    if (hour < 0) hour = 0;
    if (ampm) {
        if (hour > 12) return NAN;
        if (ampm == 1 && hour == 12) hour = 0;
        if (ampm == 2 && hour < 12) hour += 12;
    }
    if (hour > 24 || min > 59 || sec > 59 || (hour == 24 && (min || sec || ms))) return NAN;
    double t = make_date(make_day(year, month - 1, day), make_time(hour, min, sec, ms));
    t = has_tz ? t - tz_min * 60000.0 : utc_from_local(t);
    return time_clip(t);
}

/* Date.parse of a flat string. */
static double parse_date_flat(Value flat) {
    /* No trimming: " 2020-01-01" is not in the ISO format, so it is local time (as in V8). */
    uint32_t n = str_length(flat);
    if (n > 200) return NAN;
    char buf[208];
    for (uint32_t i = 0; i < n; i++) {
        uint16_t c = str_char(flat, i);
        buf[i] = c < 128 && c != 0 ? (char)c : '?';
    }
    buf[n] = 0;
    double tv = NAN;
    int r = parse_iso(buf, &tv);
    if (r > 0) return tv;
    if (r < 0) return NAN;
    return parse_legacy(buf);
}

static Status parse_value(Isolate *iso, Value v, double *out) {
    size_t sc = vm_scope_open(iso);
    Value *s = vm_handle(iso, V_UNDEF);
    if (vm_to_string(iso, v, s)) {
        vm_scope_close(iso, sc);
        return MJS_EXC;
    }
    *s = str_flatten(iso, *s);
    *out = parse_date_flat(*s);
    vm_scope_close(iso, sc);
    return MJS_OK;
}

/* ------------------------------------------------------------------ constructor, statics */

static Status date_ctor(Isolate *iso, Value *argv, int argc, Value *ret) {
    if (argv[-1] != V_HOLE) { /* Date(...) as a function ignores its arguments */
        *ret = date_string(iso, now_ms(), FMT_FULL);
        return MJS_OK;
    }
    double tv = NAN;
    if (argc == 0) {
        tv = now_ms();
    } else if (argc == 1) {
        Value v = argv[0];
        if (is_date(v)) {
            tv = v_num(*obj_internal(v, 0));
        } else {
            Value prim;
            if (vm_to_primitive(iso, v, 0, &prim)) return MJS_EXC;
            if (v_is_string(prim)) {
                if (parse_value(iso, prim, &tv)) return MJS_EXC;
            } else {
                if (vm_to_number(iso, prim, &tv)) return MJS_EXC;
                tv = time_clip(tv);
            }
        }
    } else {
        double f[7] = {0, 0, 1, 0, 0, 0, 0};
        for (int i = 0; i < argc && i < 7; i++)
            if (vm_to_number(iso, argv[i], &f[i])) return MJS_EXC;
        double t = make_date(make_day(full_year(f[0]), f[1], f[2]), make_time(f[3], f[4], f[5], f[6]));
        tv = time_clip(utc_from_local(t));
    }
    *ret = date_new(iso, argv[-2], tv);
    return MJS_OK;
}

static Status date_now(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = v_number(now_ms());
    return MJS_OK;
}

static Status date_parse(Isolate *iso, Value *argv, int argc, Value *ret) {
    double tv = NAN;
    if (parse_value(iso, arg(argv, argc, 0), &tv)) return MJS_EXC;
    *ret = v_number(tv);
    return MJS_OK;
}

static Status date_utc(Isolate *iso, Value *argv, int argc, Value *ret) {
    double f[7] = {NAN, 0, 1, 0, 0, 0, 0};
    for (int i = 0; i < argc && i < 7; i++)
        if (vm_to_number(iso, argv[i], &f[i])) return MJS_EXC;
    double t = make_date(make_day(full_year(f[0]), f[1], f[2]), make_time(f[3], f[4], f[5], f[6]));
    *ret = v_number(time_clip(t));
    return MJS_OK;
}

/* ------------------------------------------------------------------ getters */

enum { F_YEAR, F_MONTH, F_DATE, F_HOURS, F_MINUTES, F_SECONDS, F_MS, F_DAY };

static Status date_get(Isolate *iso, Value *argv, bool local, int field, const char *method,
                       Value *ret) {
    double tv = NAN;
    if (this_time(iso, argv, method, &tv)) return MJS_EXC;
    if (tv != tv) {
        *ret = v_double(NAN);
        return MJS_OK;
    }
    DateFields f;
    split_time(local ? local_time(tv) : tv, &f);
    double r = 0;
    switch (field) {
    case F_YEAR: r = f.year; break;
    case F_MONTH: r = f.month; break;
    case F_DATE: r = f.day; break;
    case F_HOURS: r = f.hour; break;
    case F_MINUTES: r = f.min; break;
    case F_SECONDS: r = f.sec; break;
    case F_MS: r = f.ms; break;
    case F_DAY: r = f.wday; break;
    }
    *ret = v_number(r);
    return MJS_OK;
}

#define DATE_GETTER(name, local, field)                                                        \
    static Status date_##name(Isolate *iso, Value *argv, int argc, Value *ret) {               \
        return date_get(iso, argv, local, field, NULL, ret);                                   \
    }
DATE_GETTER(get_full_year, true, F_YEAR)
DATE_GETTER(get_month, true, F_MONTH)
DATE_GETTER(get_date, true, F_DATE)
DATE_GETTER(get_day, true, F_DAY)
DATE_GETTER(get_hours, true, F_HOURS)
DATE_GETTER(get_minutes, true, F_MINUTES)
DATE_GETTER(get_seconds, true, F_SECONDS)
DATE_GETTER(get_milliseconds, true, F_MS)
DATE_GETTER(get_utc_full_year, false, F_YEAR)
DATE_GETTER(get_utc_month, false, F_MONTH)
DATE_GETTER(get_utc_date, false, F_DATE)
DATE_GETTER(get_utc_day, false, F_DAY)
DATE_GETTER(get_utc_hours, false, F_HOURS)
DATE_GETTER(get_utc_minutes, false, F_MINUTES)
DATE_GETTER(get_utc_seconds, false, F_SECONDS)
DATE_GETTER(get_utc_milliseconds, false, F_MS)

static Status date_get_time(Isolate *iso, Value *argv, int argc, Value *ret) {
    double tv = NAN;
    if (this_time(iso, argv, NULL, &tv)) return MJS_EXC;
    *ret = v_number(tv);
    return MJS_OK;
}

static Status date_get_year(Isolate *iso, Value *argv, int argc, Value *ret) {
    Status st = date_get(iso, argv, true, F_YEAR, "getYear", ret);
    if (st == MJS_OK && v_num(*ret) == v_num(*ret)) *ret = v_number(v_num(*ret) - 1900);
    return st;
}

static Status date_get_timezone_offset(Isolate *iso, Value *argv, int argc, Value *ret) {
    double tv = NAN;
    if (this_time(iso, argv, NULL, &tv)) return MJS_EXC;
    *ret = tv != tv ? v_double(NAN) : v_number(trunc((tv - local_time(tv)) / 60000));
    return MJS_OK;
}

/* ------------------------------------------------------------------ setters */

/* Set fields first..first+nargs-1 (F_YEAR..F_MS) from the arguments; later optional
 * arguments only when passed. setFullYear on an invalid date starts from +0. */
static Status date_set(Isolate *iso, Value *argv, int argc, bool local, int first, int nargs,
                       const char *method, Value *ret) {
    double tv = NAN;
    if (this_time(iso, argv, method, &tv)) return MJS_EXC;
    double vals[4];
    int given = argc < 1 ? 1 : (argc < nargs ? argc : nargs);
    for (int k = 0; k < given; k++) {
        vals[k] = NAN;
        if (vm_to_number(iso, arg(argv, argc, k), &vals[k])) return MJS_EXC;
    }
    bool invalid = tv != tv;
    if (invalid && first != F_YEAR) {
        *ret = v_double(NAN);
        return MJS_OK;
    }
    /* an invalid date's year setters start from +0 itself, not LocalTime(+0) */
    double t = invalid ? 0 : local ? local_time(tv) : tv;
    DateFields f;
    split_time(t, &f);
    double fl[7] = {f.year, f.month, f.day, f.hour, f.min, f.sec, f.ms};
    for (int k = 0; k < given; k++) fl[first + k] = vals[k];
    double nt = make_date(make_day(fl[0], fl[1], fl[2]), make_time(fl[3], fl[4], fl[5], fl[6]));
    double u = time_clip(local ? utc_from_local(nt) : nt);
    set_time(iso, argv[-1], u);
    *ret = v_number(u);
    return MJS_OK;
}

#define DATE_SETTER(name, js_name, local, first, nargs)                                        \
    static Status date_##name(Isolate *iso, Value *argv, int argc, Value *ret) {               \
        return date_set(iso, argv, argc, local, first, nargs, js_name, ret);                   \
    }
DATE_SETTER(set_full_year, "setFullYear", true, F_YEAR, 3)
DATE_SETTER(set_month, "setMonth", true, F_MONTH, 2)
DATE_SETTER(set_date, "setDate", true, F_DATE, 1)
DATE_SETTER(set_hours, "setHours", true, F_HOURS, 4)
DATE_SETTER(set_minutes, "setMinutes", true, F_MINUTES, 3)
DATE_SETTER(set_seconds, "setSeconds", true, F_SECONDS, 2)
DATE_SETTER(set_milliseconds, "setMilliseconds", true, F_MS, 1)
DATE_SETTER(set_utc_full_year, "setUTCFullYear", false, F_YEAR, 3)
DATE_SETTER(set_utc_month, "setUTCMonth", false, F_MONTH, 2)
DATE_SETTER(set_utc_date, "setUTCDate", false, F_DATE, 1)
DATE_SETTER(set_utc_hours, "setUTCHours", false, F_HOURS, 4)
DATE_SETTER(set_utc_minutes, "setUTCMinutes", false, F_MINUTES, 3)
DATE_SETTER(set_utc_seconds, "setUTCSeconds", false, F_SECONDS, 2)
DATE_SETTER(set_utc_milliseconds, "setUTCMilliseconds", false, F_MS, 1)

static Status date_set_time(Isolate *iso, Value *argv, int argc, Value *ret) {
    double tv = NAN, t = NAN;
    if (this_time(iso, argv, "setTime", &tv)) return MJS_EXC;
    if (vm_to_number(iso, arg(argv, argc, 0), &t)) return MJS_EXC;
    t = time_clip(t);
    set_time(iso, argv[-1], t);
    *ret = v_number(t);
    return MJS_OK;
}

/* Annex B setYear: two-digit years are 19xx. */
static Status date_set_year(Isolate *iso, Value *argv, int argc, Value *ret) {
    double tv = NAN, y = NAN;
    if (this_time(iso, argv, "setYear", &tv)) return MJS_EXC;
    if (vm_to_number(iso, arg(argv, argc, 0), &y)) return MJS_EXC;
    double t = tv != tv ? 0 : local_time(tv);
    if (y != y) {
        set_time(iso, argv[-1], NAN);
        *ret = v_double(NAN);
        return MJS_OK;
    }
    DateFields f;
    split_time(t, &f);
    double nt = make_date(make_day(full_year(y), f.month, f.day), time_in_day(t));
    double u = time_clip(utc_from_local(nt));
    set_time(iso, argv[-1], u);
    *ret = v_number(u);
    return MJS_OK;
}

/* ------------------------------------------------------------------ string conversions */

static Status date_to_kind(Isolate *iso, Value *argv, int kind, const char *method, Value *ret) {
    double tv = NAN;
    if (this_time(iso, argv, method, &tv)) return MJS_EXC;
    char buf[160];
    if (!format_date(tv, kind, false, buf, sizeof buf))
        return vm_throw_error(iso, E_RANGE, "Invalid time value");
    *ret = str_from_cstr(iso, buf);
    return MJS_OK;
}

#define DATE_TO(name, kind)                                                                    \
    static Status date_##name(Isolate *iso, Value *argv, int argc, Value *ret) {               \
        return date_to_kind(iso, argv, kind, #name, ret);                                      \
    }
DATE_TO(toString, FMT_FULL)
DATE_TO(toDateString, FMT_DATE)
DATE_TO(toTimeString, FMT_TIME)
DATE_TO(toUTCString, FMT_UTC)
DATE_TO(toISOString, FMT_ISO)

/* toLocale*String(locales, options): en-US only; options.timeZone "UTC" is honoured. */
static Status date_to_locale(Isolate *iso, Value *argv, int argc, int kind, const char *method,
                             Value *ret) {
    double tv = NAN;
    if (this_time(iso, argv, method, &tv)) return MJS_EXC;
    bool utc = false;
    Value opts = arg(argv, argc, 1);
    if (v_is_object(opts)) {
        size_t sc = vm_scope_open(iso);
        Value *h = vm_handle(iso, opts);
        Value *key = vm_handle(iso, atom_from_cstr(iso, "timeZone"));
        Value *zone = vm_handle(iso, V_UNDEF);
        if (obj_get(iso, *h, *key, zone)) {
            vm_scope_close(iso, sc);
            return MJS_EXC;
        }
        if (!v_is_undef(*zone)) {
            if (vm_to_string(iso, *zone, zone)) {
                vm_scope_close(iso, sc);
                return MJS_EXC;
            }
            char *z = str_to_utf8(iso, *zone, NULL);
            utc = z && (strcasecmp(z, "UTC") == 0 || strcasecmp(z, "GMT") == 0 ||
                        strcasecmp(z, "Etc/UTC") == 0 || strcasecmp(z, "Etc/GMT") == 0);
            free(z);
        }
        vm_scope_close(iso, sc);
        if (this_time(iso, argv, method, &tv)) return MJS_EXC; /* a getter may have changed it */
    }
    char buf[160];
    format_date(tv, kind, utc, buf, sizeof buf);
    *ret = str_from_cstr(iso, buf);
    return MJS_OK;
}

static Status date_to_locale_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    return date_to_locale(iso, argv, argc, FMT_LOCALE, "toLocaleString", ret);
}
static Status date_to_locale_date_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    return date_to_locale(iso, argv, argc, FMT_LOCALE_DATE, "toLocaleDateString", ret);
}
static Status date_to_locale_time_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    return date_to_locale(iso, argv, argc, FMT_LOCALE_TIME, "toLocaleTimeString", ret);
}

/* toJSON: null for non-finite time values, else this.toISOString() (generic on `this`). */
static Status date_to_json(Isolate *iso, Value *argv, int argc, Value *ret) {
    size_t sc = vm_scope_open(iso);
    Value *o = vm_handle(iso, V_UNDEF), *tv = vm_handle(iso, V_UNDEF);
    Value *key = vm_handle(iso, V_UNDEF);
    Status st = MJS_EXC;
    if (vm_to_object(iso, argv[-1], o)) goto out;
    if (vm_to_primitive(iso, *o, 1, tv)) goto out;
    if (v_is_number(*tv) && !isfinite(v_num(*tv))) {
        *ret = V_NULL;
        st = MJS_OK;
        goto out;
    }
    *key = atom_from_cstr(iso, "toISOString");
    st = vm_invoke(iso, *o, *key, 0, NULL, ret);
out:
    vm_scope_close(iso, sc);
    return st;
}

/* ------------------------------------------------------------------ install */

void rt_install_date(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *ctor = vm_handle(iso, vm_new_native(iso, "Date", date_ctor, 7));
    Value *proto = vm_handle(iso, ROOT(iso, R_DATE_PROTO));
    Value *key = vm_handle(iso, atom_from_cstr(iso, "Date"));
    if (obj_define(iso, *ctor, ATOM(iso, prototype), *proto, 0) ||
        obj_define(iso, *proto, ATOM(iso, constructor), *ctor, P_HIDDEN) ||
        obj_define(iso, ROOT(iso, R_GLOBAL), *key, *ctor, P_HIDDEN))
        (void)vm_take_exception(iso); /* cannot happen on a fresh isolate */
    /* The map of Date instances, kept alive by the constructor. */
    Map *map = map_new_root(iso, T_DATE, *proto, 1, 0);
    vm_store(iso, v_ptr(*ctor), obj_internal(*ctor, NATIVE_DATA_SLOT), v_from_ptr(map));

    vm_def_native(iso, *ctor, "now", date_now, 0);
    vm_def_native(iso, *ctor, "parse", date_parse, 1);
    vm_def_native(iso, *ctor, "UTC", date_utc, 7);

    static const struct {
        const char *name;
        NativeFn fn;
        int length;
    } methods[] = {
        {"toString", date_toString, 0},
        {"toDateString", date_toDateString, 0},
        {"toTimeString", date_toTimeString, 0},
        {"toISOString", date_toISOString, 0},
        {"toUTCString", date_toUTCString, 0},
        {"toLocaleString", date_to_locale_string, 0},
        {"toLocaleDateString", date_to_locale_date_string, 0},
        {"toLocaleTimeString", date_to_locale_time_string, 0},
        {"toJSON", date_to_json, 1},
        {"valueOf", date_get_time, 0},
        {"getTime", date_get_time, 0},
        {"getFullYear", date_get_full_year, 0},
        {"getUTCFullYear", date_get_utc_full_year, 0},
        {"getMonth", date_get_month, 0},
        {"getUTCMonth", date_get_utc_month, 0},
        {"getDate", date_get_date, 0},
        {"getUTCDate", date_get_utc_date, 0},
        {"getDay", date_get_day, 0},
        {"getUTCDay", date_get_utc_day, 0},
        {"getHours", date_get_hours, 0},
        {"getUTCHours", date_get_utc_hours, 0},
        {"getMinutes", date_get_minutes, 0},
        {"getUTCMinutes", date_get_utc_minutes, 0},
        {"getSeconds", date_get_seconds, 0},
        {"getUTCSeconds", date_get_utc_seconds, 0},
        {"getMilliseconds", date_get_milliseconds, 0},
        {"getUTCMilliseconds", date_get_utc_milliseconds, 0},
        {"getTimezoneOffset", date_get_timezone_offset, 0},
        {"getYear", date_get_year, 0},
        {"setTime", date_set_time, 1},
        {"setMilliseconds", date_set_milliseconds, 1},
        {"setUTCMilliseconds", date_set_utc_milliseconds, 1},
        {"setSeconds", date_set_seconds, 2},
        {"setUTCSeconds", date_set_utc_seconds, 2},
        {"setMinutes", date_set_minutes, 3},
        {"setUTCMinutes", date_set_utc_minutes, 3},
        {"setHours", date_set_hours, 4},
        {"setUTCHours", date_set_utc_hours, 4},
        {"setDate", date_set_date, 1},
        {"setUTCDate", date_set_utc_date, 1},
        {"setMonth", date_set_month, 2},
        {"setUTCMonth", date_set_utc_month, 2},
        {"setFullYear", date_set_full_year, 3},
        {"setUTCFullYear", date_set_utc_full_year, 3},
        {"setYear", date_set_year, 1},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        vm_def_native(iso, *proto, methods[i].name, methods[i].fn, methods[i].length);
    /* Annex B: toGMTString is the same function object as toUTCString */
    Value fn;
    *key = atom_from_cstr(iso, "toUTCString");
    if (obj_get(iso, *proto, *key, &fn) == MJS_OK)
        vm_def_value(iso, *proto, "toGMTString", fn, P_HIDDEN);
    else
        (void)vm_take_exception(iso);
    vm_scope_close(iso, sc);
}
