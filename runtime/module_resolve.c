/* module_resolve.c: CommonJS file resolution in plain C (node's Module._resolveFilename,
 * simplified): relative and absolute requests try X, X.js, X.json, X/package.json "main",
 * X/index.js, X/index.json; bare names walk up node_modules directories. Results are
 * realpath()s, so a module has one cache key however it is reached. All strings malloc'd.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "module_int.h"

char *rt_path_dirname(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    if (slash == path) return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Join and normalise ("." and ".." segments, repeated slashes); base must be absolute. */
char *rt_path_resolve(const char *base, const char *req) {
    size_t bl = strlen(base), rl = strlen(req);
    char *tmp = malloc(bl + rl + 2);
    if (!tmp) abort();
    if (req[0] == '/') {
        memcpy(tmp, req, rl + 1);
    } else {
        memcpy(tmp, base, bl);
        tmp[bl] = '/';
        memcpy(tmp + bl + 1, req, rl + 1);
    }
    char *out = malloc(strlen(tmp) + 2);
    if (!out) abort();
    size_t o = 0;
    const char *p = tmp;
    while (*p) {
        while (*p == '/') p++;
        if (!*p) break;
        const char *seg = p;
        while (*p && *p != '/') p++;
        size_t n = (size_t)(p - seg);
        if (n == 1 && seg[0] == '.') continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (o > 0 && out[o - 1] != '/') o--;
            if (o > 0) o--; /* drop the slash too */
            continue;
        }
        out[o++] = '/';
        memcpy(out + o, seg, n);
        o += n;
    }
    if (o == 0) out[o++] = '/';
    out[o] = 0;
    free(tmp);
    return out;
}

static bool is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *real(const char *p) {
    char *r = realpath(p, NULL);
    return r ? r : strdup(p);
}

static char *with_suffix(const char *p, const char *suffix) {
    size_t a = strlen(p), b = strlen(suffix);
    char *s = malloc(a + b + 1);
    if (!s) abort();
    memcpy(s, p, a);
    memcpy(s + a, suffix, b + 1);
    return s;
}

/* LOAD_AS_FILE: X, X.js, X.json */
static char *try_file(const char *p) {
    static const char *const exts[] = {"", ".js", ".json"};
    for (int i = 0; i < 3; i++) {
        char *c = with_suffix(p, exts[i]);
        if (is_file(c)) {
            char *r = real(c);
            free(c);
            return r;
        }
        free(c);
    }
    return NULL;
}

static char *try_index(const char *dir) {
    static const char *const names[] = {"/index.js", "/index.json"};
    for (int i = 0; i < 2; i++) {
        char *c = with_suffix(dir, names[i]);
        if (is_file(c)) {
            char *r = real(c);
            free(c);
            return r;
        }
        free(c);
    }
    return NULL;
}

/* The "main" string of dir/package.json, found by a small scan (no full JSON parse). */
static char *package_main(const char *dir) {
    char *pj = with_suffix(dir, "/package.json");
    FILE *f = fopen(pj, "rb");
    free(pj);
    if (!f) return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            buf = realloc(buf, cap);
            if (!buf) abort();
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (!buf) return NULL;
    buf[len] = 0;
    char *res = NULL;
    /* Top-level "main": the first "main" key followed by a colon and a string. */
    for (char *k = strstr(buf, "\"main\""); k && !res; k = strstr(k + 1, "\"main\"")) {
        char *q = k + 6;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') q++;
        if (*q != ':') continue;
        q++;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') q++;
        if (*q != '"') continue;
        char *e = strchr(q + 1, '"');
        if (e) res = strndup(q + 1, (size_t)(e - q - 1));
    }
    free(buf);
    return res;
}

/* LOAD_AS_DIRECTORY */
static char *try_dir(const char *dir) {
    if (!is_dir(dir)) return NULL;
    char *main = package_main(dir);
    if (main && *main) {
        char *m = rt_path_resolve(dir, main);
        char *r = try_file(m);
        if (!r) r = try_index(m);
        free(m);
        free(main);
        if (r) return r;
    } else {
        free(main);
    }
    return try_index(dir);
}

static bool is_path_request(const char *req) {
    return req[0] == '/' || (req[0] == '.' && (req[1] == '/' || req[1] == 0 ||
                                               (req[1] == '.' && (req[2] == '/' || req[2] == 0))));
}

char *rt_resolve_filename(const char *dirname, const char *request) {
    if (is_path_request(request)) {
        char *p = rt_path_resolve(dirname, request);
        /* "./dir/" means the directory only */
        size_t rl = strlen(request);
        char *r = request[rl - 1] == '/' ? NULL : try_file(p);
        if (!r) r = try_dir(p);
        free(p);
        return r;
    }
    /* node_modules lookup, from dirname up to the root */
    char *dir = strdup(dirname);
    for (;;) {
        const char *base = strrchr(dir, '/');
        if (!(base && strcmp(base, "/node_modules") == 0)) {
            char *nm = with_suffix(dir, strcmp(dir, "/") == 0 ? "node_modules/" : "/node_modules/");
            char *cand = with_suffix(nm, request);
            free(nm);
            char *r = try_file(cand);
            if (!r) r = try_dir(cand);
            free(cand);
            if (r) {
                free(dir);
                return r;
            }
        }
        if (strcmp(dir, "/") == 0) break;
        char *up = rt_path_dirname(dir);
        free(dir);
        dir = up;
    }
    free(dir);
    return NULL;
}

char **rt_node_module_paths(const char *dirname, int *count) {
    int cap = 8, n = 0;
    char **v = malloc((size_t)cap * sizeof(char *));
    if (!v) abort();
    char *dir = strdup(dirname);
    for (;;) {
        const char *base = strrchr(dir, '/');
        if (!(base && strcmp(base, "/node_modules") == 0)) {
            if (n == cap) {
                cap *= 2;
                v = realloc(v, (size_t)cap * sizeof(char *));
                if (!v) abort();
            }
            v[n++] = with_suffix(dir, strcmp(dir, "/") == 0 ? "node_modules" : "/node_modules");
        }
        if (strcmp(dir, "/") == 0) break;
        char *up = rt_path_dirname(dir);
        free(dir);
        dir = up;
    }
    free(dir);
    *count = n;
    return v;
}

char *rt_read_stream(FILE *f, size_t *len_out) {
    char *buf = NULL;
    size_t len = 0, cap = 0;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            char *nb = realloc(buf, cap);
            if (!nb) abort();
            buf = nb;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    if (!buf) {
        buf = malloc(1);
        if (!buf) abort();
    }
    buf[len] = 0;
    *len_out = len;
    return buf;
}

char *rt_read_file(const char *path, size_t *len_out) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = rt_read_stream(f, len_out);
    fclose(f);
    return buf;
}
