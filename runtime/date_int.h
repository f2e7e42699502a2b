/* date_int.h: the calendar behind builtins_date.c (date_core.c): time values are ms since the
 * epoch in UTC as doubles, NaN for an invalid date. Internal to runtime/; no function here
 * allocates on the JS heap.
 */
#ifndef MJS_DATE_INT_H
#define MJS_DATE_INT_H

#include <stdbool.h>
#include <stddef.h>

/* Calendar fields of a time value. */
typedef struct RtDateFields {
    double year;
    int month, day, hour, min, sec, ms, wday; /* month 0-11, day 1-31, wday 0 = Sunday */
} RtDateFields;

double rt_date_day(double t);         /* days since the epoch */
double rt_date_time_in_day(double t); /* ms into the day */
void rt_date_split(double t, RtDateFields *f);
/* The spec's MakeTime, MakeDay, MakeDate and TimeClip. */
double rt_date_make_time(double h, double m, double s, double ms);
double rt_date_make_day(double year, double month, double date);
double rt_date_make_date(double day, double time);
double rt_date_clip(double t);
double rt_date_full_year(double y); /* 0..99 -> 1900..1999 (constructor, Date.UTC, setYear) */

double rt_date_offset(double t); /* local - UTC in ms at UTC time t */
double rt_date_local(double t);  /* LocalTime(t) */
double rt_date_utc(double tl);   /* UTC(tl) of a local time */
double rt_date_now(void);

/* String forms; rt_date_format returns false for RT_DATE_ISO of an invalid date. */
enum {
    RT_DATE_FULL,        /* toString */
    RT_DATE_DATE,        /* toDateString */
    RT_DATE_TIME,        /* toTimeString */
    RT_DATE_UTC,         /* toUTCString */
    RT_DATE_ISO,         /* toISOString */
    RT_DATE_LOCALE,      /* toLocaleString (en-US) */
    RT_DATE_LOCALE_DATE, /* toLocaleDateString */
    RT_DATE_LOCALE_TIME  /* toLocaleTimeString */
};
bool rt_date_format(double tv, int kind, bool utc_locale, char *out, size_t cap);
/* Date.parse of an ASCII string (ISO format first, then the formats node also accepts). */
double rt_date_parse(const char *s);

#endif
