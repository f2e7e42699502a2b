/* os.c: the 'os' built-in module, read from the kernel: totalmem/freemem (sysinfo),
 * cpus() (/proc/cpuinfo + /proc/stat, times in ms), loadavg, uptime, hostname, release,
 * homedir, tmpdir, EOL, endianness, networkInterfaces (empty), userInfo.
 * GC: results are built in handles; nothing is kept between calls.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "host_int.h"

static void set_num(Isolate *iso, Value *objh, const char *name, double d) {
    Value key = atom_from_cstr(iso, name);
    if (obj_define(iso, *objh, key, v_number(d), P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
}

static void set_val(Isolate *iso, Value *objh, const char *name, Value v) {
    size_t sc = vm_scope_open(iso);
    Value *vh = vm_handle(iso, v);
    Value key = atom_from_cstr(iso, name);
    if (obj_define(iso, *objh, key, *vh, P_DEFAULT) != MJS_OK) (void)vm_take_exception(iso);
    vm_scope_close(iso, sc);
}

static void set_str(Isolate *iso, Value *objh, const char *name, const char *s) {
    set_val(iso, objh, name, str_from_cstr(iso, s));
}

static Status os_totalmem(Isolate *iso, Value *argv, int argc, Value *ret) {
    struct sysinfo si;
    *ret = v_number(sysinfo(&si) == 0 ? (double)si.totalram * si.mem_unit : 0);
    return MJS_OK;
}

/* node reports MemAvailable (libuv uv_get_free_memory), not MemFree. */
static Status os_freemem(Isolate *iso, Value *argv, int argc, Value *ret) {
    FILE *f = fopen("/proc/meminfo", "r");
    double kb = -1;
    char line[256];
    if (f) {
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "MemAvailable:", 13) == 0) kb = strtod(line + 13, NULL);
        fclose(f);
    }
    if (kb < 0) {
        struct sysinfo si;
        *ret = v_number(sysinfo(&si) == 0 ? (double)si.freeram * si.mem_unit : 0);
    } else {
        *ret = v_number(kb * 1024);
    }
    return MJS_OK;
}

static Status os_uptime(Isolate *iso, Value *argv, int argc, Value *ret) {
    FILE *f = fopen("/proc/uptime", "r");
    double up = 0;
    if (f) {
        if (fscanf(f, "%lf", &up) != 1) up = 0;
        fclose(f);
    }
    *ret = v_number(up);
    return MJS_OK;
}

static Status os_loadavg(Isolate *iso, Value *argv, int argc, Value *ret) {
    double l[3] = {0, 0, 0};
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf %lf %lf", &l[0], &l[1], &l[2]) != 3) l[0] = l[1] = l[2] = 0;
        fclose(f);
    }
    Value items[3] = {v_number(l[0]), v_number(l[1]), v_number(l[2])};
    *ret = array_from(iso, items, 3);
    return MJS_OK;
}

static Status os_cpus(Isolate *iso, Value *argv, int argc, Value *ret) {
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    if (ncpu < 1) ncpu = 1;
    char **models = calloc((size_t)ncpu, sizeof(char *));
    double *speeds = calloc((size_t)ncpu, sizeof(double));
    double(*times)[5] = calloc((size_t)ncpu, sizeof *times);
    if (!models || !speeds || !times) abort();
    char line[512];
    FILE *f = fopen("/proc/cpuinfo", "r");
    int cur = -1;
    if (f) {
        while (fgets(line, sizeof line, f)) {
            char *colon = strchr(line, ':');
            if (!colon) continue;
            char *val = colon + 1;
            while (*val == ' ' || *val == '\t') val++;
            val[strcspn(val, "\n")] = 0;
            if (strncmp(line, "processor", 9) == 0) cur++;
            else if (cur >= 0 && cur < ncpu && strncmp(line, "model name", 10) == 0 && !models[cur]) models[cur] = strdup(val);
            else if (cur >= 0 && cur < ncpu && strncmp(line, "cpu MHz", 7) == 0) speeds[cur] = (double)(long)strtod(val, NULL);
        }
        fclose(f);
    }
    long tick = sysconf(_SC_CLK_TCK);
    double mult = tick > 0 ? 1000.0 / (double)tick : 10;
    f = fopen("/proc/stat", "r");
    if (f) {
        while (fgets(line, sizeof line, f)) {
            int id;
            unsigned long long user, nice, sys, idle, iowait, irq;
            if (strncmp(line, "cpu", 3) != 0 || line[3] < '0' || line[3] > '9') continue;
            if (sscanf(line + 3, "%d %llu %llu %llu %llu %llu %llu", &id, &user, &nice, &sys, &idle, &iowait, &irq) == 7 &&
                id >= 0 && id < ncpu) {
                times[id][0] = (double)user * mult;
                times[id][1] = (double)nice * mult;
                times[id][2] = (double)sys * mult;
                times[id][3] = (double)idle * mult;
                times[id][4] = (double)irq * mult;
            }
        }
        fclose(f);
    }
    size_t sc = vm_scope_open(iso);
    Value *arr = vm_handle(iso, array_new(iso, 0));
    Value *cpu = vm_handle(iso, V_UNDEF), *t = vm_handle(iso, V_UNDEF);
    static const char *const tnames[5] = {"user", "nice", "sys", "idle", "irq"};
    for (long i = 0; i < ncpu; i++) {
        *cpu = obj_new(iso);
        set_str(iso, cpu, "model", models[i] ? models[i] : "unknown");
        set_num(iso, cpu, "speed", speeds[i]);
        *t = obj_new(iso);
        for (int k = 0; k < 5; k++) set_num(iso, t, tnames[k], times[i][k]);
        set_val(iso, cpu, "times", *t);
        if (array_push(iso, *arr, *cpu) != MJS_OK) (void)vm_take_exception(iso);
        free(models[i]);
    }
    *ret = *arr;
    vm_scope_close(iso, sc);
    free(models);
    free(speeds);
    free(times);
    return MJS_OK;
}

static Status os_hostname(Isolate *iso, Value *argv, int argc, Value *ret) {
    char buf[256];
    if (gethostname(buf, sizeof buf) != 0) strcpy(buf, "localhost");
    buf[sizeof buf - 1] = 0;
    *ret = str_from_cstr(iso, buf);
    return MJS_OK;
}

static Status os_release(Isolate *iso, Value *argv, int argc, Value *ret) {
    struct utsname u;
    *ret = str_from_cstr(iso, uname(&u) == 0 ? u.release : "");
    return MJS_OK;
}

static Status os_version(Isolate *iso, Value *argv, int argc, Value *ret) {
    struct utsname u;
    *ret = str_from_cstr(iso, uname(&u) == 0 ? u.version : "");
    return MJS_OK;
}

static Status os_machine(Isolate *iso, Value *argv, int argc, Value *ret) {
    struct utsname u;
    *ret = str_from_cstr(iso, uname(&u) == 0 ? u.machine : "");
    return MJS_OK;
}

static const char *home_dir(void) {
    const char *h = getenv("HOME");
    if (h && *h) return h;
    struct passwd *pw = getpwuid(getuid());
    return pw && pw->pw_dir ? pw->pw_dir : "/";
}

static Status os_homedir(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = str_from_cstr(iso, home_dir());
    return MJS_OK;
}

/* node: $TMPDIR, $TMP, $TEMP, else /tmp; a trailing slash is dropped. */
static Status os_tmpdir(Isolate *iso, Value *argv, int argc, Value *ret) {
    const char *names[] = {"TMPDIR", "TMP", "TEMP"};
    const char *d = NULL;
    for (int i = 0; i < 3 && !d; i++) {
        const char *v = getenv(names[i]);
        if (v && *v) d = v;
    }
    if (!d) d = "/tmp";
    size_t n = strlen(d);
    if (n > 1 && d[n - 1] == '/') n--;
    *ret = str_from_utf8(iso, d, n);
    return MJS_OK;
}

static Status os_platform(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = str_from_cstr(iso, "linux");
    return MJS_OK;
}

static Status os_type(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = str_from_cstr(iso, "Linux");
    return MJS_OK;
}

static Status os_arch(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = str_from_cstr(iso, "x64");
    return MJS_OK;
}

static Status os_endianness(Isolate *iso, Value *argv, int argc, Value *ret) {
    uint16_t probe = 1;
    *ret = str_from_cstr(iso, *(uint8_t *)&probe ? "LE" : "BE");
    return MJS_OK;
}

static Status os_network_interfaces(Isolate *iso, Value *argv, int argc, Value *ret) {
    *ret = obj_new(iso);
    return MJS_OK;
}

static Status os_available_parallelism(Isolate *iso, Value *argv, int argc, Value *ret) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    *ret = v_number(n < 1 ? 1 : (double)n);
    return MJS_OK;
}

static Status os_user_info(Isolate *iso, Value *argv, int argc, Value *ret) {
    struct passwd *pw = getpwuid(getuid());
    size_t sc = vm_scope_open(iso);
    Value *o = vm_handle(iso, obj_new(iso));
    set_num(iso, o, "uid", getuid());
    set_num(iso, o, "gid", getgid());
    set_str(iso, o, "username", pw && pw->pw_name ? pw->pw_name : "");
    set_str(iso, o, "homedir", home_dir());
    set_str(iso, o, "shell", pw && pw->pw_shell ? pw->pw_shell : "");
    *ret = *o;
    vm_scope_close(iso, sc);
    return MJS_OK;
}

Value rt_make_os_module(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *m = vm_handle(iso, obj_new(iso));
    static const struct {
        const char *name;
        NativeFn fn;
    } fns[] = {
        {"totalmem", os_totalmem},   {"freemem", os_freemem},       {"uptime", os_uptime},
        {"loadavg", os_loadavg},     {"cpus", os_cpus},             {"hostname", os_hostname},
        {"release", os_release},     {"version", os_version},       {"machine", os_machine},
        {"homedir", os_homedir},     {"tmpdir", os_tmpdir},         {"platform", os_platform},
        {"type", os_type},           {"arch", os_arch},             {"endianness", os_endianness},
        {"networkInterfaces", os_network_interfaces},               {"userInfo", os_user_info},
        {"availableParallelism", os_available_parallelism},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) rt_def_method(iso, m, fns[i].name, fns[i].fn, 0);
    set_str(iso, m, "EOL", "\n");
    set_str(iso, m, "devNull", "/dev/null");
    Value r = *m;
    vm_scope_close(iso, sc);
    return r;
}
