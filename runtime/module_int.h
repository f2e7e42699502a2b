/* module_int.h: CommonJS loader internals shared by module.c (module objects, require) and
 * module_resolve.c (path arithmetic and file lookup in plain C). Internal to runtime/.
 * Every returned char* is malloc'd and owned by the caller.
 */
#ifndef MJS_MODULE_INT_H
#define MJS_MODULE_INT_H

#include <stdio.h>

#include "host_int.h"

char *rt_path_dirname(const char *path);
/* base (absolute) joined with req, "." and ".." resolved. */
char *rt_path_resolve(const char *base, const char *req);
/* The absolute real path the request names, or NULL (MODULE_NOT_FOUND). */
char *rt_resolve_filename(const char *dirname, const char *request);
/* module.paths: dirname/node_modules up to /node_modules. */
char **rt_node_module_paths(const char *dirname, int *count);
/* Whole file or stream, NUL-terminated; NULL if it cannot be opened. */
char *rt_read_file(const char *path, size_t *len_out);
char *rt_read_stream(FILE *f, size_t *len_out);

#endif
