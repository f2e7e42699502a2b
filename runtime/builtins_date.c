/* builtins_date.c: the Date constructor and Date.prototype. A Date is a T_DATE object whose
 * internal slot 0 holds the time value (ms since the epoch, UTC, or NaN); the calendar,
 * formats and parsers are in date_core.c. The map of Date instances lives in the Date
 * constructor's native data slot, so it stays alive without a global.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_int.h"
#include "runtime.h"

enum { NATIVE_DATA_SLOT = 1 }; /* vm.h: internal slot 1 of a native function is its data */

static inline Value arg(Value *argv, int argc, int i) { return i < argc ? argv[i] : V_UNDEF; }

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

static Value date_string(Isolate *iso, double tv, int kind) {
    char buf[160];
    rt_date_format(tv, kind, false, buf, sizeof buf);
    return str_from_cstr(iso, buf);
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
    return rt_date_parse(buf);
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
        *ret = date_string(iso, rt_date_now(), RT_DATE_FULL);
        return MJS_OK;
    }
    double tv = NAN;
    if (argc == 0) {
        tv = rt_date_now();
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
                tv = rt_date_clip(tv);
            }
        }
    } else {
        double f[7] = {0, 0, 1, 0, 0, 0, 0};
        for (int i = 0; i < argc && i < 7; i++)
            if (vm_to_number(iso, argv[i], &f[i])) return MJS_EXC;
        double t = rt_date_make_date(rt_date_make_day(rt_date_full_year(f[0]), f[1], f[2]), rt_date_make_time(f[3], f[4], f[5], f[6]));
        tv = rt_date_clip(rt_date_utc(t));
    }
    *ret = date_new(iso, argv[-2], tv);
    return MJS_OK;
}

static Status date_now(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = v_number(rt_date_now());
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
    double t = rt_date_make_date(rt_date_make_day(rt_date_full_year(f[0]), f[1], f[2]), rt_date_make_time(f[3], f[4], f[5], f[6]));
    *ret = v_number(rt_date_clip(t));
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
    RtDateFields f;
    rt_date_split(local ? rt_date_local(tv) : tv, &f);
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
    *ret = tv != tv ? v_double(NAN) : v_number(trunc((tv - rt_date_local(tv)) / 60000));
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
    double t = invalid ? 0 : local ? rt_date_local(tv) : tv;
    RtDateFields f;
    rt_date_split(t, &f);
    double fl[7] = {f.year, f.month, f.day, f.hour, f.min, f.sec, f.ms};
    for (int k = 0; k < given; k++) fl[first + k] = vals[k];
    double nt = rt_date_make_date(rt_date_make_day(fl[0], fl[1], fl[2]), rt_date_make_time(fl[3], fl[4], fl[5], fl[6]));
    double u = rt_date_clip(local ? rt_date_utc(nt) : nt);
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
    t = rt_date_clip(t);
    set_time(iso, argv[-1], t);
    *ret = v_number(t);
    return MJS_OK;
}

/* Annex B setYear: two-digit years are 19xx. */
static Status date_set_year(Isolate *iso, Value *argv, int argc, Value *ret) {
    double tv = NAN, y = NAN;
    if (this_time(iso, argv, "setYear", &tv)) return MJS_EXC;
    if (vm_to_number(iso, arg(argv, argc, 0), &y)) return MJS_EXC;
    double t = tv != tv ? 0 : rt_date_local(tv);
    if (y != y) {
        set_time(iso, argv[-1], NAN);
        *ret = v_double(NAN);
        return MJS_OK;
    }
    RtDateFields f;
    rt_date_split(t, &f);
    double nt = rt_date_make_date(rt_date_make_day(rt_date_full_year(y), f.month, f.day), rt_date_time_in_day(t));
    double u = rt_date_clip(rt_date_utc(nt));
    set_time(iso, argv[-1], u);
    *ret = v_number(u);
    return MJS_OK;
}

/* ------------------------------------------------------------------ string conversions */

static Status date_to_kind(Isolate *iso, Value *argv, int kind, const char *method, Value *ret) {
    double tv = NAN;
    if (this_time(iso, argv, method, &tv)) return MJS_EXC;
    char buf[160];
    if (!rt_date_format(tv, kind, false, buf, sizeof buf))
        return vm_throw_error(iso, E_RANGE, "Invalid time value");
    *ret = str_from_cstr(iso, buf);
    return MJS_OK;
}

#define DATE_TO(name, kind)                                                                    \
    static Status date_##name(Isolate *iso, Value *argv, int argc, Value *ret) {               \
        return date_to_kind(iso, argv, kind, #name, ret);                                      \
    }
DATE_TO(toString, RT_DATE_FULL)
DATE_TO(toDateString, RT_DATE_DATE)
DATE_TO(toTimeString, RT_DATE_TIME)
DATE_TO(toUTCString, RT_DATE_UTC)
DATE_TO(toISOString, RT_DATE_ISO)

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
    rt_date_format(tv, kind, utc, buf, sizeof buf);
    *ret = str_from_cstr(iso, buf);
    return MJS_OK;
}

static Status date_to_locale_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    return date_to_locale(iso, argv, argc, RT_DATE_LOCALE, "toLocaleString", ret);
}
static Status date_to_locale_date_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    return date_to_locale(iso, argv, argc, RT_DATE_LOCALE_DATE, "toLocaleDateString", ret);
}
static Status date_to_locale_time_string(Isolate *iso, Value *argv, int argc, Value *ret) {
    return date_to_locale(iso, argv, argc, RT_DATE_LOCALE_TIME, "toLocaleTimeString", ret);
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
