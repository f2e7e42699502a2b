/* main.c: the `minijs` command line, shaped like node's: options (with - or _ in names,
 * --flag=value or --flag value), then a script and its arguments, or -e/-p code, or a
 * program on stdin. Builds MjsOptions, runs, and returns node's exit codes (9 for a bad
 * option, 1 for an uncaught exception, else process.exitCode). Frees everything at the end.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host_int.h"
#include "module_int.h"

#define MB ((size_t)1 << 20)

typedef enum { RUN_FILE, RUN_EVAL, RUN_PRINT, RUN_SCRIPT, RUN_STDIN, RUN_NONE } RunMode;

typedef struct Cli {
    MjsOptions opts;
    RunMode mode;
    const char *code;   /* -e / -p */
    const char *file;   /* script, --script file, or "-" */
    int exec_argc;      /* process.execArgv */
    char **exec_argv;
    int script_argi;    /* first argument after the script (or after the options) */
    bool no_warnings;
} Cli;

static void usage(FILE *out) {
    fputs("Usage: minijs [options] [ script.js | -e code | -p code | - ] [arguments]\n"
          "\n"
          "Options:\n"
          "  -                           script read from stdin (default if no file\n"
          "                              name is given and stdin is not a terminal)\n"
          "  --                          indicate the end of minijs options\n"
          "  -e, --eval=...              evaluate script\n"
          "  -p, --print=...             evaluate script and print result\n"
          "  --script=...                run a file as a classic global script, not a\n"
          "                              CommonJS module (test262, engine shells)\n"
          "  -h, --help                  print minijs command line options\n"
          "  -v, --version               print minijs version\n"
          "  --expose-gc                 expose gc() as a global function\n"
          "  --trace-gc                  print one line per garbage collection\n"
          "  --max-old-space-size=MB     old generation limit (default 1400)\n"
          "  --max-semi-space-size=MB    semispace limit (default 16)\n"
          "  --max-new-space-size=KB     size of both semispaces together\n"
          "  --gc-interval=N             collect every N allocations\n"
          "  --stress-gc                 collect at every allocation (--gc-interval=1)\n"
          "  --verify-heap               verify the heap after every collection\n"
          "  --no-warnings               silence process warnings\n"
          "  --stack-size=...            accepted for compatibility; ignored\n"
          "  --harmony                   accepted for compatibility; ignored\n"
          "\n"
          "Option names may use _ for -: --trace_gc is --trace-gc.\n",
          out);
}

static int bad_option(const char *arg) {
    fprintf(stderr, "minijs: bad option: %s\n", arg);
    return 9;
}

static int missing_value(const char *arg) {
    fprintf(stderr, "minijs: %s requires an argument\n", arg);
    return 9;
}

/* Parse a non-negative integer option value. */
static bool parse_size(const char *s, size_t *out) {
    if (!s || !*s) return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || s[0] == '-') return false;
    *out = (size_t)v;
    return true;
}

static size_t round_up_pow2(size_t v) {
    size_t p = 1;
    while (p < v) p <<= 1;
    return p;
}

/* Returns -1 to go on, else an exit code. */
static int parse_args(int argc, char **argv, Cli *cli) {
    GcConfig *gc = &cli->opts.gc;
    gc->max_old_bytes = 1400 * MB;
    gc->max_semi_bytes = 16 * MB;
    gc->initial_semi_bytes = 1 * MB;
    cli->mode = RUN_NONE;
    cli->exec_argv = calloc((size_t)argc + 1, sizeof(char *));
    if (!cli->exec_argv) abort();
    int i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || strcmp(arg, "-") == 0) break; /* the script, or stdin */
        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        }
        /* Normalise: "--trace_gc=x" -> name "--trace-gc", value "x" */
        char name[128];
        const char *value = NULL;
        size_t n = strcspn(arg, "=");
        if (n >= sizeof name) return bad_option(arg);
        memcpy(name, arg, n);
        name[n] = 0;
        if (arg[n] == '=') value = arg + n + 1;
        if (name[1] == '-')
            for (char *p = name + 2; *p; p++)
                if (*p == '_') *p = '-';
        int first = i;
        /* options that take a value: "--flag value" when no "=" was given */
#define TAKE_VALUE()                                               \
    do {                                                           \
        if (!value) {                                              \
            if (i + 1 >= argc) return missing_value(name);         \
            value = argv[++i];                                     \
        }                                                          \
    } while (0)
        if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(name, "-v") || !strcmp(name, "--version")) {
            printf("v%s\n", MJS_VERSION);
            return 0;
        } else if (!strcmp(name, "-e") || !strcmp(name, "--eval")) {
            TAKE_VALUE();
            cli->mode = RUN_EVAL;
            cli->code = value;
        } else if (!strcmp(name, "-p") || !strcmp(name, "--print") || !strcmp(name, "-pe")) {
            TAKE_VALUE();
            cli->mode = RUN_PRINT;
            cli->code = value;
        } else if (!strcmp(name, "--script")) {
            TAKE_VALUE();
            cli->mode = RUN_SCRIPT;
            cli->file = value;
        } else if (!strcmp(name, "--max-old-space-size")) {
            size_t mb;
            TAKE_VALUE();
            if (!parse_size(value, &mb) || mb == 0) return bad_option(arg);
            gc->max_old_bytes = mb * MB;
        } else if (!strcmp(name, "--max-semi-space-size")) {
            size_t mb;
            TAKE_VALUE();
            if (!parse_size(value, &mb)) return bad_option(arg);
            if (mb > 0) gc->max_semi_bytes = mb * MB;
        } else if (!strcmp(name, "--max-new-space-size")) {
            /* KB for both semispaces: each is half, a power of two, at least one 1 MB page */
            size_t kb;
            TAKE_VALUE();
            if (!parse_size(value, &kb)) return bad_option(arg);
            size_t semi = round_up_pow2(kb * 1024 / 2);
            if (semi < MB) semi = MB;
            gc->max_semi_bytes = semi;
        } else if (!strcmp(name, "--gc-interval")) {
            size_t n2;
            TAKE_VALUE();
            if (!parse_size(value, &n2)) return bad_option(arg);
            gc->gc_interval = (unsigned)n2;
        } else if (!strcmp(name, "--stress-gc")) {
            gc->gc_interval = 1;
        } else if (!strcmp(name, "--expose-gc")) {
            cli->opts.expose_gc = true;
        } else if (!strcmp(name, "--trace-gc")) {
            gc->trace_gc = true;
        } else if (!strcmp(name, "--verify-heap")) {
            gc->verify_heap = true;
        } else if (!strcmp(name, "--no-warnings")) {
            cli->no_warnings = true;
        } else if (!strcmp(name, "--stack-size")) {
            TAKE_VALUE(); /* the VM sizes its own stack */
        } else if (!strncmp(name, "--harmony", 9) || !strcmp(name, "--trace-warnings") ||
                   !strcmp(name, "--use-strict") || !strcmp(name, "--no-deprecation")) {
            /* accepted, no effect */
        } else {
            return bad_option(arg);
        }
#undef TAKE_VALUE
        for (int k = first; k <= i; k++) cli->exec_argv[cli->exec_argc++] = argv[k];
    }
    if (cli->mode == RUN_NONE && i < argc) {
        cli->file = argv[i++];
        cli->mode = strcmp(cli->file, "-") == 0 ? RUN_STDIN : RUN_FILE;
    } else if (cli->mode == RUN_SCRIPT) {
        /* --script file: the remaining arguments are the script's */
    }
    cli->script_argi = i;
    if (cli->opts.gc.initial_semi_bytes > cli->opts.gc.max_semi_bytes)
        cli->opts.gc.initial_semi_bytes = cli->opts.gc.max_semi_bytes;
    return -1;
}

/* process.argv: [execPath, absolute script path, ...args] (no script path for -e / stdin
 * without "-", as node). */
static void build_process_argv(Cli *cli, int argc, char **argv, char *exec_path, char **abs_script) {
    int n = 0;
    char **v = calloc((size_t)argc + 3, sizeof(char *));
    if (!v) abort();
    v[n++] = exec_path;
    *abs_script = NULL;
    if (cli->mode == RUN_FILE || cli->mode == RUN_SCRIPT) {
        char *cwd = getcwd(NULL, 0);
        *abs_script = rt_path_resolve(cwd ? cwd : "/", cli->file);
        free(cwd);
        v[n++] = *abs_script;
    } else if (cli->mode == RUN_STDIN && cli->file) {
        v[n++] = (char *)"-";
    }
    for (int i = cli->script_argi; i < argc; i++) v[n++] = argv[i];
    cli->opts.argc = n;
    cli->opts.argv = v;
}

static Status run_script_text(Isolate *iso, const char *src, size_t len, const char *name, bool print) {
    size_t sc = vm_scope_open(iso);
    Value *res = vm_handle(iso, V_UNDEF);
    Status st = vm_run_script(iso, src, len, name, res);
    if (st == MJS_OK) st = rt_run_ticks(iso);
    if (st == MJS_OK && print) {
        /* node prints -p's result with console.log once the program is done */
        RtBuf b = {0};
        st = rt_format_to_buf_colors(iso, 1, res, rt_stream_colors(iso, 1), &b);
        if (st == MJS_OK) {
            rt_buf_putc(&b, '\n');
            rt_write(iso, 1, b.p, b.len);
        }
        rt_buf_free(&b);
    }
    vm_scope_close(iso, sc);
    return st;
}

/* Engine shells (and test262's async harness) print with a global print(): console.log. */
static Status install_shell_print(Isolate *iso) {
    size_t sc = vm_scope_open(iso);
    Value *console = vm_handle(iso, V_UNDEF), *log = vm_handle(iso, V_UNDEF);
    Status st = rt_get_named(iso, &ROOT(iso, R_GLOBAL), "console", console);
    if (st == MJS_OK) st = rt_get_named(iso, console, "log", log);
    Value *key = vm_handle(iso, atom_from_cstr(iso, "print"));
    if (st == MJS_OK) st = obj_define(iso, ROOT(iso, R_GLOBAL), *key, *log, P_HIDDEN);
    vm_scope_close(iso, sc);
    return st;
}

int main(int argc, char **argv) {
    Cli cli;
    memset(&cli, 0, sizeof cli);
    int rc = parse_args(argc, argv, &cli);
    if (rc >= 0) {
        free(cli.exec_argv);
        return rc;
    }
    /* Block-buffered stdout: a million console.log lines must not be a million writes. */
    setvbuf(stdout, NULL, isatty(1) ? _IOLBF : _IOFBF, 1 << 16);

    char *stdin_src = NULL;
    size_t stdin_len = 0;
    if (cli.mode == RUN_NONE) {
        if (isatty(0)) {
            fprintf(stderr, "minijs v%s: no interactive mode yet. Run a file, -e code, or pipe a program:\n"
                            "  minijs file.js | minijs -e 'console.log(1)' | echo 'console.log(1)' | minijs\n",
                    MJS_VERSION);
            free(cli.exec_argv);
            return 0;
        }
        cli.mode = RUN_STDIN;
    }
    if (cli.mode == RUN_STDIN) stdin_src = rt_read_stream(stdin, &stdin_len);

    char *exec_path = realpath("/proc/self/exe", NULL);
    if (!exec_path) exec_path = strdup(argv[0]);
    char *abs_script = NULL;
    build_process_argv(&cli, argc, argv, exec_path, &abs_script);
    cli.opts.exec_path = exec_path;

    char *script_src = NULL;
    size_t script_len = 0;
    if (cli.mode == RUN_SCRIPT) {
        script_src = rt_read_file(abs_script, &script_len);
        if (!script_src) {
            fprintf(stderr, "minijs: cannot open '%s': %s\n", abs_script, strerror(errno));
            free(abs_script);
            free(exec_path);
            free(cli.opts.argv);
            free(cli.exec_argv);
            return 1;
        }
    }

    Isolate *iso = vm_isolate_new(&cli.opts);
    rt_init(iso);
    rt_set_exec_argv(iso, argv[0], cli.exec_argc, cli.exec_argv);
    rt_state(iso)->no_warnings = cli.no_warnings;

    Status st;
    switch (cli.mode) {
    case RUN_EVAL:
    case RUN_PRINT:
        st = rt_install_script_globals(iso, "[eval]");
        if (st == MJS_OK) st = run_script_text(iso, cli.code, strlen(cli.code), "[eval]", cli.mode == RUN_PRINT);
        break;
    case RUN_STDIN:
        st = rt_install_script_globals(iso, "[stdin]");
        if (st == MJS_OK) st = run_script_text(iso, stdin_src, stdin_len, "[stdin]", false);
        break;
    case RUN_SCRIPT:
        rt_install_host262(iso);
        st = install_shell_print(iso);
        if (st == MJS_OK) st = run_script_text(iso, script_src, script_len, abs_script, false);
        break;
    default: st = rt_run_main(iso, cli.file); break;
    }
    int code = rt_finish(iso, st);
    rt_flush();

    rt_free(iso);
    vm_isolate_free(iso);
    free(script_src);
    free(stdin_src);
    free(abs_script);
    free(exec_path);
    free(cli.opts.argv);
    free(cli.exec_argv);
    return code;
}
