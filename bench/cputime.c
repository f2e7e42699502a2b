/* cputime: runs a command and reports the CPU time (user + sys) and peak RSS it used, for
 * bench/run. Usage: cputime OUTFILE CMD [ARGS...]; writes "<seconds> <maxrss KB> <status>"
 * to OUTFILE. Only the command's own resource use is counted: it is our only child. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static double tv_seconds(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: cputime OUTFILE CMD [ARGS...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("cputime: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "cputime: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0) {
        if (errno != EINTR) {
            perror("cputime: waitpid");
            return 2;
        }
    }
    /* RUSAGE_CHILDREN covers the command and any descendants it waited for (wrapper scripts). */
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    int status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror("cputime: OUTFILE");
        return 2;
    }
    fprintf(out, "%.3f %ld %d\n", tv_seconds(ru.ru_utime) + tv_seconds(ru.ru_stime), ru.ru_maxrss, status);
    fclose(out);
    return status;
}
