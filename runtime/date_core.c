/* date_core.c: the calendar under Date: the spec's day/year arithmetic on time values (ms
 * since the epoch as doubles), local time from localtime_r (the process TZ, with V8's choice
 * at DST gaps and overlaps), zone names as node prints them, and the date string formats and
 * parsers. Pure C on numbers and char buffers: nothing here touches the JS heap.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date_int.h"

#define MS_PER_DAY 86400000.0
#define MAX_TIME 8.64e15

static const char *const day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* ------------------------------------------------------------------ calendar arithmetic */

double rt_date_day(double t) { return floor(t / MS_PER_DAY); }
double rt_date_time_in_day(double t) {
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

void rt_date_split(double t, RtDateFields *f) {
    double y = year_from_time(t);
    bool leap = is_leap(y);
    int yday = (int)(rt_date_day(t) - days_from_year(y));
    int m = 11;
    while (m > 0 && yday < month_start(m, leap)) m--;
    f->year = y;
    f->month = m;
    f->day = yday - month_start(m, leap) + 1;
    double ms = rt_date_time_in_day(t);
    f->hour = (int)(ms / 3600000);
    f->min = (int)fmod(floor(ms / 60000), 60);
    f->sec = (int)fmod(floor(ms / 1000), 60);
    f->ms = (int)fmod(ms, 1000);
    double wd = fmod(rt_date_day(t) + 4, 7);
    f->wday = (int)(wd < 0 ? wd + 7 : wd);
}

double rt_date_make_time(double h, double m, double s, double ms) {
    if (!isfinite(h) || !isfinite(m) || !isfinite(s) || !isfinite(ms)) return NAN;
    return trunc(h) * 3600000.0 + trunc(m) * 60000.0 + trunc(s) * 1000.0 + trunc(ms);
}

double rt_date_make_day(double year, double month, double date) {
    if (!isfinite(year) || !isfinite(month) || !isfinite(date)) return NAN;
    double y = trunc(year), m = trunc(month), dt = trunc(date);
    double ym = y + floor(m / 12);
    if (fabs(ym) > 400000) return NAN; /* far outside the time value range */
    double mn = fmod(m, 12);
    if (mn < 0) mn += 12;
    double day = days_from_year(ym) + month_start((int)mn, is_leap(ym));
    return day + dt - 1;
}

double rt_date_make_date(double day, double time) {
    double r = day * MS_PER_DAY + time;
    return isfinite(r) ? r : NAN;
}

double rt_date_clip(double t) {
    if (!isfinite(t) || fabs(t) > MAX_TIME) return NAN;
    return trunc(t) + 0.0; /* + 0.0 turns -0 into +0 */
}

/* Two-digit years in the constructor and Date.UTC mean 19xx. */
double rt_date_full_year(double y) {
    if (y != y) return y;
    double yi = trunc(y);
    return (yi >= 0 && yi <= 99) ? 1900 + yi : y;
}

/* ------------------------------------------------------------------ local time */

/* Local time offset (local - UTC, ms) in effect at UTC time t. */
double rt_date_offset(double t) {
    time_t secs = (time_t)floor(t / 1000);
    struct tm tm;
    if (!localtime_r(&secs, &tm)) return 0;
    return tm.tm_gmtoff * 1000.0;
}

double rt_date_local(double t) { return t + rt_date_offset(t); }

/* UTC time of local time tl. Where the local time is ambiguous (clocks go back) or does
 * not exist (clocks go forward), the offset before the transition is used, as V8 does. */
double rt_date_utc(double tl) {
    if (!isfinite(tl)) return NAN;
    double early = rt_date_offset(tl - MS_PER_DAY), late = rt_date_offset(tl + MS_PER_DAY);
    if (early == late) return tl - early;
    if (rt_date_offset(tl - early) == early) return tl - early;
    if (rt_date_offset(tl - late) == late) return tl - late;
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

double rt_date_now(void) {
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

bool rt_date_format(double tv, int kind, bool utc_locale, char *out, size_t cap) {
    if (tv != tv) {
        snprintf(out, cap, "Invalid Date");
        return kind != RT_DATE_ISO;
    }
    RtDateFields f;
    char year[24], off[24], zone[64];
    switch (kind) {
    case RT_DATE_UTC:
        rt_date_split(tv, &f);
        fmt_year(year, sizeof year, f.year);
        snprintf(out, cap, "%s, %02d %s %s %02d:%02d:%02d GMT", day_names[f.wday], f.day,
                 month_names[f.month], year, f.hour, f.min, f.sec);
        return true;
    case RT_DATE_ISO:
        rt_date_split(tv, &f);
        if (f.year >= 0 && f.year <= 9999)
            snprintf(year, sizeof year, "%04.0f", f.year);
        else
            snprintf(year, sizeof year, "%c%06.0f", f.year < 0 ? '-' : '+', fabs(f.year));
        snprintf(out, cap, "%s-%02d-%02dT%02d:%02d:%02d.%03dZ", year, f.month + 1, f.day, f.hour,
                 f.min, f.sec, f.ms);
        return true;
    case RT_DATE_LOCALE:
    case RT_DATE_LOCALE_DATE:
    case RT_DATE_LOCALE_TIME: {
        rt_date_split(utc_locale ? tv : rt_date_local(tv), &f);
        double y = f.year <= 0 ? 1 - f.year : f.year; /* era years: 1 BC is year 0 */
        int h12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
        const char *ampm = f.hour < 12 ? "AM" : "PM";
        if (kind == RT_DATE_LOCALE_DATE)
            snprintf(out, cap, "%d/%d/%.0f", f.month + 1, f.day, y);
        else if (kind == RT_DATE_LOCALE_TIME)
            snprintf(out, cap, "%d:%02d:%02d %s", h12, f.min, f.sec, ampm);
        else
            snprintf(out, cap, "%d/%d/%.0f, %d:%02d:%02d %s", f.month + 1, f.day, y, h12, f.min,
                     f.sec, ampm);
        return true;
    }
    default:
        break;
    }
    double offset = rt_date_offset(tv);
    rt_date_split(tv + offset, &f);
    fmt_year(year, sizeof year, f.year);
    fmt_offset(off, sizeof off, offset);
    if (kind != RT_DATE_DATE) zone_name(tv, offset, zone, sizeof zone);
    if (kind == RT_DATE_DATE)
        snprintf(out, cap, "%s %s %02d %s", day_names[f.wday], month_names[f.month], f.day, year);
    else if (kind == RT_DATE_TIME)
        snprintf(out, cap, "%02d:%02d:%02d %s (%s)", f.hour, f.min, f.sec, off, zone);
    else
        snprintf(out, cap, "%s %s %02d %s %02d:%02d:%02d %s (%s)", day_names[f.wday],
                 month_names[f.month], f.day, year, f.hour, f.min, f.sec, off, zone);
    return true;
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
    double dayv = rt_date_make_day(year, month - 1, day);
    if (*p == 0) {
        *tv = rt_date_clip(rt_date_make_date(dayv, 0));
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
    double t = rt_date_make_date(dayv, rt_date_make_time(v[0], v[1], v[2], ms));
    if (*p == 0) {
        *tv = rt_date_clip(rt_date_utc(t));
        return 1;
    }
    if ((*p == 'Z' || *p == 'z') && p[1] == 0) {
        *tv = rt_date_clip(t);
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
        *tv = rt_date_clip(t - sg * (hh * 3600000.0 + mm * 60000.0));
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
    double t = rt_date_make_date(rt_date_make_day(year, month - 1, day), rt_date_make_time(hour, min, sec, ms));
    t = has_tz ? t - tz_min * 60000.0 : rt_date_utc(t);
    return rt_date_clip(t);
}

double rt_date_parse(const char *s) {
    double tv;
    int r = parse_iso(s, &tv);
    if (r > 0) return tv;
    if (r < 0) return NAN;
    return parse_legacy(s);
}
