/* inspect_int.h: util.inspect internals shared by inspect*.c (walk, bases, entries, errors,
 * layout, strings). Mirrors node v20's lib/internal/util/inspect.js step by step so output
 * matches byte for byte. GC: the walk keeps every JS value it still needs in handles;
 * formatted entries are C strings.
 */
#ifndef MJS_INSPECT_INT_H
#define MJS_INSPECT_INT_H

#include "host_int.h"

/* extrasType / formatProperty type, as in node. */
enum { K_OBJECT_TYPE = 0, K_ARRAY_TYPE = 1, K_ARRAY_EXTRAS_TYPE = 2 };

typedef enum Style {
    ST_NONE,
    ST_SPECIAL,
    ST_NUMBER,
    ST_BIGINT,
    ST_BOOLEAN,
    ST_UNDEFINED,
    ST_NULL,
    ST_STRING,
    ST_SYMBOL,
    ST_DATE,
    ST_REGEXP,
    ST_MODULE
} Style;

/* A list of formatted entries (each an RtBuf the list owns). */
typedef struct RtList {
    RtBuf *items;
    size_t n, cap;
} RtList;

void rt_list_push(RtList *l, RtBuf *b); /* takes b's bytes */
void rt_list_push_str(RtList *l, const char *s, size_t n);
void rt_list_free(RtList *l);

typedef struct InspectCtx {
    Isolate *iso;
    InspectOptions o;     /* depth drops to -1 once the output budget is spent */
    bool custom_inspect;
    int indentation_lvl;
    int current_depth;
    Value **seen;         /* handles of the objects being formatted (a stack) */
    int seen_n, seen_cap;
    Value *circular;      /* handle: JS array of objects given a *N reference, or V_UNDEF */
    size_t *budget;       /* output bytes per indentation level */
    int budget_cap;
    int nesting;          /* C recursion guard */
} InspectCtx;

/* node's try/catch around instanceof and similar: drop the pending exception. */
static inline void clear_exception(Isolate *iso) { (void)vm_take_exception(iso); }
static inline uint32_t key_count(const Value *keysh) { return v_is_array(*keysh) ? array_length(*keysh) : 0; }

/* inspect.c: formatValue (primitives, custom inspectors, circular check, then formatRaw). */
Status rt_fmt_value(InspectCtx *c, Value v, int recurse_times, RtBuf *out) MJS_MUST_CHECK;

/* inspect_base.c */
/* "[Object: null prototype] " etc. (node's getPrefix). constructor NULL = null prototype. */
void rt_get_prefix(RtBuf *out, const char *constructor, const char *tag, const char *fallback,
                   const char *size);
/* getCtxStyle: the prefix for objects, with a fallback name for null prototypes. */
void rt_ctx_style(RtBuf *out, Value v, const char *ctor, const char *tag);
void rt_remaining_text(RtList *output, double remaining); /* "... n more items" */
void rt_put_str_utf8(Isolate *iso, RtBuf *b, Value s);     /* nothing if s is not a string */
/* getKeys: own enumerable string keys, then enumerable symbols (all with showHidden). */
Value rt_insp_keys(InspectCtx *c, Value v);
/* Drop array-index keys from the JS array in *keysh (boxed strings' characters). */
Status rt_drop_index_keys(InspectCtx *c, Value *keysh) MJS_MUST_CHECK;
/* getOwnNonIndexProperties for arrays. */
Status rt_non_index_keys(InspectCtx *c, Value *vh, Value *keysh) MJS_MUST_CHECK;
/* getConstructorName: *is_null for a null prototype chain. */
Status rt_constructor_name(InspectCtx *c, Value *vh, int rt, RtBuf *name, bool *is_null) MJS_MUST_CHECK;
/* value[Symbol.toStringTag] unless an own enumerable property ("" if none). */
Status rt_to_string_tag(InspectCtx *c, Value *vh, RtBuf *tag) MJS_MUST_CHECK;
/* getFunctionBase / getClassBase: "[Function: f]", "[class A extends B]". */
Status rt_function_base(InspectCtx *c, Value *vh, const char *ctor, const char *tag, RtBuf *base) MJS_MUST_CHECK;
void rt_put_iso_date(RtBuf *b, double t); /* toISOString, or "Invalid Date" */
Status rt_regexp_base(InspectCtx *c, Value *vh, RtBuf *base) MJS_MUST_CHECK;
bool rt_is_boxed_primitive(Value v);
/* getBoxedBase: "[Number: 3]", "[String: 'x']". */
void rt_boxed_base(InspectCtx *c, Value *vh, uint32_t nkeys, const char *ctor, const char *tag, RtBuf *out);

/* inspect_entries.c */
/* formatPrimitive; color false prints without colours whatever the options say. */
void rt_fmt_primitive(InspectCtx *c, Value v, RtBuf *out, bool color);
Status rt_fmt_array(InspectCtx *c, Value *vh, int rt, RtList *output) MJS_MUST_CHECK;
Status rt_collection_size(Isolate *iso, Value *vh, double *size) MJS_MUST_CHECK;
Status rt_fmt_collection(InspectCtx *c, Value *vh, int rt, bool is_map, double size, RtList *output) MJS_MUST_CHECK;
/* A Map or Set iterator, and its ITER_* kind. */
bool rt_collection_iterator_kind(Value v, int *kind);
Status rt_fmt_iterator(InspectCtx *c, Value *vh, int rt, int kind, RtList *output) MJS_MUST_CHECK;
/* formatPromise: "<pending>", the value, or "<rejected> reason". */
Status rt_fmt_promise(InspectCtx *c, Value *vh, int rt, RtList *output) MJS_MUST_CHECK;
/* formatProperty: key is a string or symbol, or a number (array index) for K_ARRAY_TYPE. */
Status rt_fmt_property(InspectCtx *c, Value *objh, int recurse_times, Value key, int type,
                       RtBuf *out) MJS_MUST_CHECK;

/* inspect_error.c: node's formatError; keys (a handle to a JS array) may be edited. */
Status rt_fmt_error(InspectCtx *c, Value *errh, const char *constructor, const char *tag,
                    Value *keysh, RtBuf *out) MJS_MUST_CHECK;
bool rt_is_error(Isolate *iso, Value v);

/* inspect_layout.c: node's reduceToSingleString (groupArrayElements inside). value is the
 * array for kArrayExtrasType output (NULL otherwise), read for its element types only. */
void rt_reduce_to_single_string(InspectCtx *c, RtList *output, const RtBuf *base,
                                const char *brace0, const char *brace1, int extras_type,
                                int recurse_times, const Value *value, RtBuf *out);

/* inspect_typed.c: typed array elements, ArrayBuffer bytes, and the keys node shows for
 * ArrayBuffer (byteLength) and DataView (byteLength, byteOffset, buffer) before own keys. */
Status rt_fmt_typed_array(InspectCtx *c, Value *vh, int rt, RtList *output) MJS_MUST_CHECK;
void rt_fmt_array_buffer(InspectCtx *c, Value *vh, RtList *output);
Status rt_view_keys(InspectCtx *c, Value *vh, Value *keysh) MJS_MUST_CHECK;

/* inspect_str.c */
void rt_stylize(InspectCtx *c, RtBuf *out, const char *s, size_t n, Style st);
void rt_stylize_cstr(InspectCtx *c, RtBuf *out, const char *s, Style st);
/* getStringWidth: display columns (ANSI sequences removed if strip_colors). */
size_t rt_string_width(const char *s, size_t n, bool strip_colors);
/* Length in UTF-16 units with ANSI colour sequences removed. */
size_t rt_plain_len(const char *s, size_t n, bool strip_colors);
/* Escape s[start, end) of a JS string as strEscape does, choosing quotes from the whole of
 * the slice. */
void rt_put_escaped(Isolate *iso, RtBuf *out, Value flat, uint32_t start, uint32_t end);
/* The escaping used for symbol and non-enumerable keys (single quote escaped, no quotes). */
void rt_put_key_escaped(Isolate *iso, RtBuf *out, Value str);
/* keyStrRegExp: /^[a-zA-Z_][a-zA-Z_0-9]*$/ */
bool rt_is_identifier_key(Value flat);
/* Symbol.prototype.toString: "Symbol(desc)". */
void rt_put_symbol(Isolate *iso, RtBuf *out, Value sym);

#endif
