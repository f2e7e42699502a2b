/* builtins_json_int.h: the split of the JSON object between builtins_json.c (the object,
 * stringify) and builtins_json_parse.c (parse). Private to runtime/. */
#ifndef MJS_BUILTINS_JSON_INT_H
#define MJS_BUILTINS_JSON_INT_H

#include "runtime.h"

/* JSON.parse(text[, reviver]) */
Status rt_json_parse(Isolate *iso, Value *argv, int argc, Value *ret);

#endif
