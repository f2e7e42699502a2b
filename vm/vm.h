/* vm.h: the public face of the engine for runtime/ and the tests: the Isolate, heap object
 * layouts, and the object, string, call and error APIs.
 * GC rule (STYLE.md): any function taking an Isolate may allocate, and any allocation may
 * move every object. Values held in C locals across such a call are stale afterwards unless
 * they live in a handle (vm_handle), a VM stack slot (native argv) or a persistent handle.
 * API functions root their own arguments; callers re-read theirs.
 */
#ifndef MJS_VM_H
#define MJS_VM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../gc/gc.h"
#include "atoms.h"
#include "value.h"

typedef enum Status { MJS_OK = 0, MJS_EXC = 1 } Status;
#define MJS_MUST_CHECK __attribute__((warn_unused_result))

typedef struct Isolate Isolate;

/* ---------------------------------------------------------------- heap object types */

typedef enum InstanceType {
    /* internal objects */
    T_MAP,
    T_STRING,       /* flat string: one-byte (Latin-1) or two-byte (UTF-16), see map flags */
    T_CONS_STRING,  /* a + b, flattened on demand */
    T_FIXED_ARRAY,  /* length + Values */
    T_BYTES,        /* length in bytes + raw bytes; never scanned */
    T_ACCESSOR_PAIR,/* getter, setter */
    T_CONTEXT,      /* closure context: length, parent, slots */
    T_TEMPLATE,     /* compiled function (FuncTemplate), owns malloc'd bytecode */
    T_SYMBOL,       /* description */
    T_EPHEMERON_TABLE, /* FixedArray layout; items are (key, value) ephemeron pairs (gc.h) */
    /* JS objects: everything from here on has the JSObject layout */
    T_FIRST_OBJECT,
    T_OBJECT = T_FIRST_OBJECT,
    T_ARRAY,          /* internal[0] = length (int or double Value) */
    T_FUNCTION,       /* bytecode closure: internal[0] = template, [1] = context, [2] = initial map */
    T_NATIVE_FUNCTION,/* internal[0] = v_int(index in iso->natives), [1] = data, [2] = initial map */
    T_BOUND_FUNCTION, /* internal[0] = target, [1] = bound this, [2] = bound args FixedArray */
    T_ARGUMENTS,
    T_ERROR,
    T_BOOLEAN_OBJ,    /* internal[0] = primitive */
    T_NUMBER_OBJ,     /* internal[0] = primitive */
    T_STRING_OBJ,     /* internal[0] = primitive */
    T_DATE,           /* internal[0] = time value (number) */
    T_REGEXP,
    T_MAP_OBJ,        /* internal[0] = table (implementation of Map) */
    T_SET_OBJ,        /* internal[0] = table */
    T_ITERATOR,       /* internal[0..2] = target, index/state, kind */
    T_SYMBOL_OBJ,     /* internal[0] = symbol (Object(sym)) */
    T_GENERATOR,      /* internal: state, saved registers, pc, context, handlers (vm/generator.c) */
    T_PROMISE,        /* internal[0..3] = state, result, reactions, flags (runtime/promise_int.h) */
    T_WEAKMAP_OBJ,    /* internal[0] = ephemeron table, [1] = pairs used (builtins_weak.c) */
    T_WEAKSET_OBJ,    /* same layout as WeakMap */
    T_WEAKREF_OBJ,    /* internal[0] = one-pair ephemeron table (target, null) */
    T_FINREG_OBJ,     /* FinalizationRegistry: cleanup, cells... (builtins_weakref.c) */
    T_ARRAY_BUFFER,   /* internal[0] = data address (a double), [1] = byteLength; see vm/typed.c */
    T_TYPED_ARRAY,    /* internal[0] = buffer, [1] = v_int(TypedKind), [2] = byteOffset, [3] = length */
    T_DATA_VIEW,      /* internal[0] = buffer, [1] = byteOffset, [2] = byteLength */
    T_LAST_TYPE
} InstanceType;

/* Map flags */
#define MAP_DICTIONARY 0x01      /* properties in a private hash (props field), no shared map */
#define MAP_NOT_EXTENSIBLE 0x02
#define MAP_IS_PROTOTYPE 0x04    /* used as a prototype: changes bump iso->proto_epoch */
#define MAP_STR_TWO_BYTE 0x08    /* string maps */
#define MAP_STR_ATOM 0x10        /* interned string */
#define MAP_SPARSE_ELEMENTS 0x20 /* elements field is a dictionary, not a dense FixedArray */
#define MAP_HAS_GETTERS 0x40     /* some own property is an accessor */
#define MAP_STRING_VALUES 0x80   /* [[Set]] stores ToString(value) (process.env); dictionary only */

/* The hidden class. Lives in map space (never moves); word 0 points to the meta map. */
typedef struct Map {
    struct Map *map;
    uint8_t type;           /* InstanceType */
    uint8_t flags;
    uint8_t internal_count; /* internal slots before the in-object property slots */
    uint8_t inobject_cap;   /* in-object property slots */
    uint32_t instance_size; /* bytes of the fixed part; 0 for variable-size types */
    uint32_t prop_count;    /* named properties described by descriptors (fast mode) */
    uint32_t unused;
    /* Value fields (scanned by the GC) */
    Value proto;            /* [[Prototype]]: object or V_NULL */
    Value descriptors;      /* FixedArray [key, attrs|slot<<8, ...], V_HOLE when none */
    Value transitions;      /* V_HOLE, one Map, or a FixedArray of maps */
    Value parent;           /* the map this one was reached from (V_HOLE for a root) */
    Value key;              /* property key added by the transition from parent */
    Value cache;            /* spare: for the object model's own caches */
} Map;
#define MAP_VALUE_FIELDS 6

typedef struct HeapObj {
    Map *map;
} HeapObj;

/* Property attributes */
#define P_WRITABLE 0x01
#define P_ENUMERABLE 0x02
#define P_CONFIGURABLE 0x04
#define P_ACCESSOR 0x08 /* the slot holds an AccessorPair */
#define P_DEFAULT (P_WRITABLE | P_ENUMERABLE | P_CONFIGURABLE)
#define P_HIDDEN (P_WRITABLE | P_CONFIGURABLE) /* built-in methods */

typedef struct JSObject {
    Map *map;
    Value props;    /* out-of-object property values (FixedArray) or, in dictionary mode, the
                       property dictionary; V_HOLE when empty */
    Value elements; /* dense: FixedArray with V_HOLE for holes; sparse (MAP_SPARSE_ELEMENTS):
                       a dictionary; V_HOLE when empty */
    Value slots[];  /* map->internal_count internal slots, then map->inobject_cap properties */
} JSObject;

typedef struct FixedArray {
    Map *map;
    uint64_t length;
    Value items[];
} FixedArray;

typedef struct Bytes {
    Map *map;
    uint64_t length; /* bytes */
    uint8_t data[];
} Bytes;

typedef struct JSString {
    Map *map;       /* T_STRING (flags: two-byte, atom) or T_CONS_STRING */
    uint32_t length;/* UTF-16 code units */
    uint32_t hash;  /* 0 = not computed yet */
    union {
        uint8_t latin1[1]; /* flat one-byte */
        uint16_t utf16[1]; /* flat two-byte */
        struct { Value left, right; } cons;
    } u;
} JSString;
#define STRING_HEADER_SIZE 16

typedef struct AccessorPair {
    Map *map;
    Value getter, setter; /* function or V_UNDEF */
} AccessorPair;

typedef struct Context {
    Map *map;
    uint64_t length; /* slots */
    Value parent;    /* enclosing Context or V_HOLE */
    Value slots[];
} Context;

typedef struct Symbol {
    Map *map;
    Value description;
    Value unused;
} Symbol;

static inline HeapObj *v_obj(Value v) { return (HeapObj *)v_ptr(v); }
static inline int v_type(Value v) { return v_obj(v)->map->type; }
static inline bool v_is_string(Value v) {
    return v_is_ptr(v) && (v_type(v) == T_STRING || v_type(v) == T_CONS_STRING);
}
static inline bool v_is_object(Value v) { return v_is_ptr(v) && v_type(v) >= T_FIRST_OBJECT; }
static inline bool v_is_symbol(Value v) { return v_is_ptr(v) && v_type(v) == T_SYMBOL; }
static inline bool v_is_callable(Value v) {
    return v_is_ptr(v) && v_type(v) >= T_FUNCTION && v_type(v) <= T_BOUND_FUNCTION;
}
static inline bool v_is_array(Value v) { return v_is_ptr(v) && v_type(v) == T_ARRAY; }
static inline JSObject *v_jsobj(Value v) { return (JSObject *)v_ptr(v); }
static inline JSString *v_str(Value v) { return (JSString *)v_ptr(v); }
static inline FixedArray *v_fixed(Value v) { return (FixedArray *)v_ptr(v); }
/* Internal slot i of a JS object. */
static inline Value *obj_internal(Value o, int i) { return &v_jsobj(o)->slots[i]; }

/* ---------------------------------------------------------------- the isolate */

typedef enum RootIndex {
    R_GLOBAL,
    R_OBJECT_PROTO,
    R_FUNCTION_PROTO,
    R_ARRAY_PROTO,
    R_STRING_PROTO,
    R_NUMBER_PROTO,
    R_BOOLEAN_PROTO,
    R_SYMBOL_PROTO,
    R_ERROR_PROTO,
    R_TYPE_ERROR_PROTO,
    R_RANGE_ERROR_PROTO,
    R_REFERENCE_ERROR_PROTO,
    R_SYNTAX_ERROR_PROTO,
    R_EVAL_ERROR_PROTO,
    R_URI_ERROR_PROTO,
    R_DATE_PROTO,
    R_REGEXP_PROTO,
    R_MAPOBJ_PROTO,
    R_SETOBJ_PROTO,
    R_ITERATOR_PROTO,
    R_ARRAY_ITERATOR_PROTO,
    /* maps of internal types (map space) */
    R_META_MAP,
    R_MAP_FIXED_ARRAY,
    R_MAP_BYTES,
    R_MAP_STRING,
    R_MAP_STRING2,
    R_MAP_ATOM,
    R_MAP_ATOM2,
    R_MAP_CONS,
    R_MAP_ACCESSOR,
    R_MAP_CONTEXT,
    R_MAP_TEMPLATE,
    R_MAP_SYMBOL,
    /* root maps of JS object kinds */
    R_MAP_OBJECT,   /* {} with Object.prototype */
    R_MAP_ARRAY,
    R_MAP_FUNCTION, /* ordinary functions: in-object length, name, prototype */
    R_MAP_ARROW,    /* arrows and methods: in-object length, name (no prototype) */
    R_MAP_NATIVE,
    R_MAP_BOUND,
    R_MAP_ARGUMENTS,
    R_MAP_ERROR,
    R_EMPTY_FIXED_ARRAY,
    R_SYMBOL_ITERATOR, /* Symbol.iterator */
    R_MODULE_CACHE,    /* object: resolved filename -> module */
    /* built-ins group A (runtime/builtins_*.c, vm/iterator.c); V_HOLE until installed */
    R_MAP_ITERATOR_PROTO,    /* %MapIteratorPrototype% */
    R_SET_ITERATOR_PROTO,    /* %SetIteratorPrototype% */
    R_STRING_ITERATOR_PROTO, /* %StringIteratorPrototype% */
    R_MAP_ARRAY_ITERATOR,    /* maps of T_ITERATOR objects, one per iterator prototype */
    R_MAP_STRING_ITERATOR,
    R_MAP_MAP_ITERATOR,
    R_MAP_SET_ITERATOR,
    R_MAP_MAPOBJ,            /* map of T_MAP_OBJ (new Map) */
    R_MAP_SETOBJ,            /* map of T_SET_OBJ (new Set) */
    R_SYMBOL_TO_STRING_TAG,  /* Symbol.toStringTag */
    R_SYMBOL_HASH,           /* private symbol: key of the identity hash of Map/Set keys */
    R_SYMBOL_REGISTRY,       /* Symbol.for registry: object, description -> symbol */
    R_JOIN_STACK,            /* arrays being joined (Array.prototype.join cycle check) */
    R_GENERATOR_PROTO,       /* %GeneratorPrototype% (made on first use) */
    R_THROW_TYPE_ERROR,      /* %ThrowTypeError%: strict arguments.callee's getter and setter */
    /* Promise (runtime/builtins_promise.c, microtask.c); V_HOLE until installed */
    R_PROMISE_PROTO,
    R_MAP_PROMISE,           /* map of T_PROMISE */
    R_PROMISE_INTRINSICS,    /* FixedArray: %Promise%, Symbol.species, "then", %AggregateError.prototype% */
    R_MICROTASK_QUEUE,       /* FixedArray ring of pending jobs */
    R_PROMISE_REJECTIONS,    /* array: promises rejected with no handler, not yet reported */
    /* WeakMap, WeakSet, WeakRef, FinalizationRegistry (runtime/builtins_weak.c) */
    R_WEAKMAP_PROTO,
    R_WEAKSET_PROTO,
    R_WEAKREF_PROTO,
    R_FINREG_PROTO,
    R_MAP_WEAKMAP,
    R_MAP_WEAKSET,
    R_MAP_WEAKREF,
    R_MAP_FINREG,
    R_MAP_EPHEMERON_TABLE,
    R_WEAK_KEPT,   /* array: WeakRef targets kept alive until the current job ends */
    R_FINREG_LIST, /* array: registries holding cells (their callbacks may be due) */
    R_MAP_REGEXP,            /* map of RegExp objects (vm/regexp.c); V_HOLE until first use */
    R_SYMBOL_MATCH,          /* Symbol.match .. Symbol.split (runtime/builtins_regexp.c) */
    R_SYMBOL_MATCH_ALL,
    R_SYMBOL_REPLACE,
    R_SYMBOL_SEARCH,
    R_SYMBOL_SPLIT,
    R_REGEXP_STRING_ITERATOR_PROTO,
    R_REGEXP_CACHE,          /* compiled programs of interned patterns (vm/regexp.c) */
    /* typed arrays (vm/typed.c, runtime/builtins_arraybuffer.c, _dataview.c, _typedarray.c) */
    R_ARRAY_BUFFER_PROTO,
    R_DATA_VIEW_PROTO,
    R_TYPED_ARRAY_PROTO,     /* %TypedArray%.prototype */
    R_TYPED_ARRAY_CTOR,      /* %TypedArray% */
    R_TYPED_PROTOS,          /* FixedArray: the 9 concrete prototypes, then their constructors */
    R__COUNT
} RootIndex;

/* Error kinds for vm_throw_error */
typedef enum ErrorKind {
    E_ERROR,
    E_TYPE,
    E_RANGE,
    E_REFERENCE,
    E_SYNTAX,
    E_EVAL,
    E_URI
} ErrorKind;

/* A native function: argv[-2] is the callee, argv[-1] is `this` (V_HOLE in a construct call:
 * `new F(...)` for a native F must create its own object). argv lives on the VM stack, so its
 * slots are GC roots that stay valid across allocation. Missing arguments up to the declared
 * length read as V_UNDEF. Return MJS_OK with *ret set, or MJS_EXC with an exception pending. */
typedef Status (*NativeFn)(Isolate *iso, Value *argv, int argc, Value *ret);

typedef struct NativeEntry {
    NativeFn fn;
    const char *name;
    int length;
} NativeEntry;

typedef struct MjsOptions {
    GcConfig gc;
    bool expose_gc;
    bool stack_trace_limit_set;
    int argc;          /* process.argv as node builds it */
    char **argv;
    const char *exec_path;
} MjsOptions;

struct Frame;
struct VmState;

struct Isolate {
    Heap *heap;
    Value roots[R__COUNT];
    Value atoms[ATOM__COUNT];
    /* pending exception */
    bool has_exception;
    Value exception;
    /* natives registry: JS native functions store their index */
    NativeEntry *natives;
    int native_count, native_cap;
    /* interned strings (open addressing over atom Values; a GC root set) */
    Value *atom_table;
    uint32_t atom_count, atom_cap;
    /* bumped whenever an object used as a prototype changes shape */
    uint32_t proto_epoch;
    MjsOptions options;
    struct VmState *vm; /* interpreter state: stack, frames (vm/interp_int.h) */
    void *runtime;      /* runtime/ state */
    size_t array_buffer_bytes; /* live ArrayBuffer backing stores (off-heap, vm/typed.c) */
};

#define ATOM(iso, id) ((iso)->atoms[ATOM_##id])
#define ROOT(iso, r) ((iso)->roots[r])

/* ---------------------------------------------------------------- isolate, handles */

Isolate *vm_isolate_new(const MjsOptions *options);
void vm_isolate_free(Isolate *iso);

static inline size_t vm_scope_open(Isolate *iso) { return gc_scope_open(iso->heap); }
static inline void vm_scope_close(Isolate *iso, size_t mark) { gc_scope_close(iso->heap, mark); }
static inline Value *vm_handle(Isolate *iso, Value v) { return (Value *)gc_handle(iso->heap, v); }

/* Store v into a field of heap object host (the write barrier). */
static inline void vm_store(Isolate *iso, void *host, Value *slot, Value v) {
    *slot = v;
    gc_write_barrier(iso->heap, host, (GcWord *)slot, v);
}

/* ---------------------------------------------------------------- heap layout (vm/layout.c) */

size_t vm_object_size(const void *obj);
void vm_visit_object(void *obj, GcVisitor *v);
/* Create the meta map and the internal maps (first step of isolate creation). */
void vm_layout_init(Isolate *iso);

Value fixed_new(Isolate *iso, size_t length);      /* filled with V_HOLE */
Value fixed_new_old(Isolate *iso, size_t length);  /* pretenured */
Value bytes_new(Isolate *iso, size_t length);
Value accessor_new(Isolate *iso, Value getter, Value setter);

/* ---------------------------------------------------------------- strings and atoms */

Value str_from_utf8(Isolate *iso, const char *s, size_t len);
Value str_from_cstr(Isolate *iso, const char *s);
Value str_from_latin1(Isolate *iso, const uint8_t *s, size_t len);
Value str_from_utf16(Isolate *iso, const uint16_t *s, size_t len);
Value str_concat(Isolate *iso, Value a, Value b);
/* The flat form of s (cons strings are flattened in place: s becomes cons(flat, "")). */
Value str_flatten(Isolate *iso, Value s);
static inline uint32_t str_length(Value s) { return v_str(s)->length; }
static inline bool str_is_two_byte(Value flat) { return v_obj(flat)->map->flags & MAP_STR_TWO_BYTE; }
/* flat strings only */
static inline uint16_t str_char(Value flat, uint32_t i) {
    JSString *s = v_str(flat);
    return (s->map->flags & MAP_STR_TWO_BYTE) ? s->u.utf16[i] : s->u.latin1[i];
}
Value str_substring(Isolate *iso, Value s, uint32_t start, uint32_t end);
bool str_equals(Isolate *iso, Value a, Value b);
int str_compare(Isolate *iso, Value a, Value b); /* <0, 0, >0 by UTF-16 code units */
uint32_t str_hash(Isolate *iso, Value s);
/* UTF-8 copy (malloc'd, NUL-terminated; lone surrogates become U+FFFD). */
char *str_to_utf8(Isolate *iso, Value s, size_t *len_out);
Value str_from_int(Isolate *iso, int32_t i);
Value str_from_double(Isolate *iso, double d); /* Number::toString, shortest round trip */
/* StringToNumber (JS grammar: whitespace, hex, octal, binary, Infinity; else NaN). */
double str_to_number(Isolate *iso, Value s);
/* Array index (canonical uint32 < 2^32-1) or -1. */
int64_t str_array_index(Isolate *iso, Value s);

Value atom_intern(Isolate *iso, Value str);
/* A new Symbol (description: a string or V_UNDEF); use this rather than allocating one, so
 * it gets the hash that property dictionaries use. */
Value vm_symbol_new(Isolate *iso, Value description);
Value atom_from_cstr(Isolate *iso, const char *s);
static inline bool v_is_atom(Value v) {
    return v_is_ptr(v) && v_type(v) == T_STRING && (v_obj(v)->map->flags & MAP_STR_ATOM);
}

/* ---------------------------------------------------------------- objects and properties */

/* A property key is an atom, a symbol, or an array index as v_int(i) (0 <= i <= INT32_MAX);
 * larger indices are atoms. vm_to_key canonicalises any value ("5" and 5 give v_int(5)). */
Status vm_to_key(Isolate *iso, Value v, Value *key) MJS_MUST_CHECK;
Value key_from_index(Isolate *iso, uint32_t index);
/* The key as a string (v_int keys become their decimal string). */
Value key_to_string(Isolate *iso, Value key);

typedef struct PropDesc {
    Value value;   /* data property value */
    Value getter, setter;
    int attrs;     /* P_* */
} PropDesc;

Value obj_new(Isolate *iso);                                  /* {} */
Value obj_new_with_proto(Isolate *iso, Value proto);          /* Object.create(proto) */
/* A plain object with room for n in-object properties (an object literal with n properties,
 * as V8 sizes them: {x, y} is 5 words); n == 0 is obj_new. Root maps are cached per n. */
Value obj_new_sized(Isolate *iso, int n);
Value obj_new_from_map(Isolate *iso, Map *map);
/* A fresh root map. Maps never move, but one referenced from nowhere (no object, root or
 * handle) is freed by the next full GC: store it (e.g. in FN_INT_INITIAL_MAP) right away. */
Map *map_new_root(Isolate *iso, InstanceType type, Value proto, int internal_count, int inobject_cap);
Value obj_get_proto(Value obj);
Status obj_set_proto(Isolate *iso, Value obj, Value proto) MJS_MUST_CHECK;

/* [[Get]] with receiver = obj; works on primitives (via their prototypes). */
Status obj_get(Isolate *iso, Value obj, Value key, Value *out) MJS_MUST_CHECK;
Status obj_get_with_receiver(Isolate *iso, Value obj, Value key, Value receiver, Value *out) MJS_MUST_CHECK;
/* [[Set]]; a failed assignment throws a TypeError only if strict. */
Status obj_set(Isolate *iso, Value obj, Value key, Value v, bool strict) MJS_MUST_CHECK;
Status obj_define(Isolate *iso, Value obj, Value key, Value v, int attrs) MJS_MUST_CHECK;
/* An undefined (or V_HOLE) getter/setter keeps the other half of an existing accessor, so a
 * literal's `get x` then `set x` make one pair. */
Status obj_define_accessor(Isolate *iso, Value obj, Value key, Value getter, Value setter, int attrs) MJS_MUST_CHECK;
/* present_mask bits of obj_define_desc: which PropDesc fields the descriptor has
 * (writable/enumerable/configurable values are read from desc->attrs' P_* bits). */
#define PD_VALUE 0x01
#define PD_GET 0x02
#define PD_SET 0x04
#define PD_WRITABLE 0x08
#define PD_ENUMERABLE 0x10
#define PD_CONFIGURABLE 0x20
/* Object.defineProperty semantics (validation, TypeError on a non-configurable clash). */
Status obj_define_desc(Isolate *iso, Value obj, Value key, const PropDesc *desc, int present_mask) MJS_MUST_CHECK;
bool obj_get_own(Isolate *iso, Value obj, Value key, PropDesc *out);
Status obj_has(Isolate *iso, Value obj, Value key, bool *out) MJS_MUST_CHECK;  /* `in` */
bool obj_has_own(Isolate *iso, Value obj, Value key);
Status obj_delete(Isolate *iso, Value obj, Value key, bool strict, bool *deleted) MJS_MUST_CHECK;
#define KEYS_ENUMERABLE_ONLY 1
#define KEYS_INCLUDE_SYMBOLS 2
/* Own keys in V8 order (indices ascending, then strings in insertion order), as a JS array of
 * strings. */
Value obj_own_keys(Isolate *iso, Value obj, int flags);
Status obj_prevent_extensions(Isolate *iso, Value obj) MJS_MUST_CHECK;
Status obj_freeze(Isolate *iso, Value obj, bool seal_only) MJS_MUST_CHECK;
bool obj_is_frozen(Isolate *iso, Value obj, bool sealed_only);
bool obj_is_extensible(Value obj);
/* Give obj a private dictionary map (its own hash of properties). */
void obj_to_dictionary(Isolate *iso, Value obj);

/* Physical slot of property number `slot` (descriptor attrs >> 8) in a fast-mode object. */
static inline Value *obj_slot_ptr(Value obj, uint32_t slot) {
    JSObject *o = v_jsobj(obj);
    if (slot < o->map->inobject_cap) return &o->slots[o->map->internal_count + slot];
    return &v_fixed(o->props)->items[slot - o->map->inobject_cap];
}

/* Inline cache entry for one property access site. The interpreter checks
 * `obj's map == ic->map` and then reads/writes obj_slot_ptr(obj, ic->slot) (IC_OWN), or the
 * holder's slot (IC_PROTO, valid while ic->epoch == iso->proto_epoch), or for stores that add
 * a property (IC_ADD) switches the map to ic->new_map after checking the slot fits.
 * GC-visible: templates report map, holder and new_map to the collector. */
enum { IC_NONE, IC_OWN, IC_PROTO, IC_ADD };
typedef struct PropCache {
    Map *map;
    Value holder;
    Map *new_map;
    uint32_t slot;
    uint16_t kind;
    uint16_t unused;
    uint32_t epoch;
    uint32_t misses;
} PropCache;
/* Slow paths that also fill ic (when the access is cacheable). */
Status obj_get_cached(Isolate *iso, Value obj, Value key, Value *out, PropCache *ic) MJS_MUST_CHECK;
Status obj_set_cached(Isolate *iso, Value obj, Value key, Value v, bool strict, PropCache *ic) MJS_MUST_CHECK;

/* Convenience: define a built-in method / value with P_HIDDEN attributes. */
Value vm_def_native(Isolate *iso, Value obj, const char *name, NativeFn fn, int length);
void vm_def_value(Isolate *iso, Value obj, const char *name, Value v, int attrs);

/* ---------------------------------------------------------------- arrays */

Value array_new(Isolate *iso, uint32_t length);      /* holes */
Value array_from(Isolate *iso, const Value *items, uint32_t n);
uint32_t array_length(Value arr);
Status array_set_length(Isolate *iso, Value arr, double len) MJS_MUST_CHECK;
Status array_push(Isolate *iso, Value arr, Value v) MJS_MUST_CHECK;
/* Element i, or V_HOLE (no prototype lookup). Fast path for dense arrays. */
Value array_get_own(Value arr, uint32_t i);

/* ---------------------------------------------------------------- functions and calls */

Value vm_new_native(Isolate *iso, const char *name, NativeFn fn, int length);
/* IsConstructor: ordinary functions and classes (not arrows, methods, generators or async
 * functions), built-in constructors (they carry a `prototype`), bound constructors. */
bool vm_is_constructor(Isolate *iso, Value f);
Status vm_call(Isolate *iso, Value fn, Value this_, int argc, const Value *argv, Value *ret) MJS_MUST_CHECK;
Status vm_construct(Isolate *iso, Value fn, int argc, const Value *argv, Value *ret) MJS_MUST_CHECK;
/* Call obj[key](args) */
Status vm_invoke(Isolate *iso, Value obj, Value key, int argc, const Value *argv, Value *ret) MJS_MUST_CHECK;
Value vm_function_name(Isolate *iso, Value fn);
/* Function.prototype.toString: the source text, or "function f() { [native code] }". */
Value vm_function_source(Isolate *iso, Value fn);
/* Iteration protocol helpers (for-of, spread, Array.from): the iterator object for v. */
Status vm_get_iterator(Isolate *iso, Value v, Value *iter) MJS_MUST_CHECK;
/* Next step of an iterator: *done set, *value the item. */
Status vm_iterator_step(Isolate *iso, Value iter, bool *done, Value *value) MJS_MUST_CHECK;
/* Built-in iterator objects (vm/iterator.c): T_ITERATOR with internal[0] = target (array,
 * string or Map/Set table; V_UNDEF once exhausted), [1] = v_int(position), [2] = v_int(kind). */
enum { ITER_ARRAY_KEYS, ITER_ARRAY_VALUES, ITER_ARRAY_ENTRIES, ITER_STRING, ITER_MAP_KEYS,
       ITER_MAP_VALUES, ITER_MAP_ENTRIES, ITER_SET_VALUES, ITER_SET_ENTRIES };
Value vm_iterator_new(Isolate *iso, Value target, int kind);
/* Fill the iterator prototypes (idempotent; vm_iterator_new calls it on first use). */
void vm_iterator_init(Isolate *iso);
/* IteratorClose: call iter.return() if it has one. With an exception already pending (an
 * abrupt exit), return()'s own outcome is ignored and the original exception stays pending. */
Status vm_iterator_close(Isolate *iso, Value iter) MJS_MUST_CHECK;
/* A sloppy-mode ordinary function (not strict, arrow, method or class): the kind whose
 * .caller/.arguments read as null instead of throwing (implemented in vm/iterator.c). */
bool vm_function_is_sloppy(Value fn);

/* ---------------------------------------------------------------- typed arrays (vm/typed.c)
 * ArrayBuffer bytes live off-heap (calloc), are counted as external memory and freed by the
 * ArrayBuffer's finalizer. Typed arrays are integer-indexed exotic objects: numeric keys go
 * to the buffer, never to elements or prototypes. */
typedef enum TypedKind {
    TK_INT8, TK_UINT8, TK_UINT8C, TK_INT16, TK_UINT16, TK_INT32, TK_UINT32, TK_FLOAT32,
    TK_FLOAT64, TK__COUNT
} TypedKind;
extern const uint8_t vm_typed_size[TK__COUNT];
extern const char *const vm_typed_name[TK__COUNT];
/* A zeroed ArrayBuffer of n bytes with prototype proto (V_UNDEF: ArrayBuffer.prototype);
 * RangeError "Array buffer allocation failed" when calloc fails. */
Status vm_array_buffer_new(Isolate *iso, double n, Value proto, Value *out) MJS_MUST_CHECK;
/* A detached buffer (its store freed, byteLength 0) has slot 0 = V_HOLE and no data; an
 * empty one has data NULL too (it owns no store). */
static inline bool vm_array_buffer_detached(Value ab) { return *obj_internal(ab, 0) == V_HOLE; }
static inline uint8_t *vm_array_buffer_data(Value ab) {
    Value d = *obj_internal(ab, 0);
    return d == V_HOLE ? NULL : (uint8_t *)(uintptr_t)v_num(d);
}
static inline size_t vm_array_buffer_length(Value ab) { return (size_t)v_num(*obj_internal(ab, 1)); }
/* Free the store now (test262's $262.detachArrayBuffer); views then have length 0. */
void vm_array_buffer_detach(Isolate *iso, Value ab);
/* Free every backing store still owned (isolate teardown). */
void vm_array_buffers_free_all(Isolate *iso);
/* A view object (T_TYPED_ARRAY or T_DATA_VIEW) on buffer; proto V_UNDEF: the kind's own. */
Value vm_typed_array_new(Isolate *iso, TypedKind kind, Value buffer, size_t offset, size_t length, Value proto);
Value vm_data_view_new(Isolate *iso, Value buffer, size_t offset, size_t length, Value proto);
static inline bool v_is_typed_array(Value v) { return v_is_ptr(v) && v_type(v) == T_TYPED_ARRAY; }
static inline TypedKind vm_typed_kind(Value ta) { return (TypedKind)v_int_val(*obj_internal(ta, 1)); }
static inline bool vm_view_detached(Value view) { return vm_array_buffer_detached(*obj_internal(view, 0)); }
static inline size_t vm_typed_length(Value ta) {
    return vm_view_detached(ta) ? 0 : (size_t)v_num(*obj_internal(ta, 3));
}
static inline size_t vm_typed_offset(Value ta) { return (size_t)v_num(*obj_internal(ta, 2)); }
static inline uint8_t *vm_typed_data(Value ta) {
    uint8_t *d = vm_array_buffer_data(*obj_internal(ta, 0));
    return d ? d + vm_typed_offset(ta) : NULL;
}
/* Element i as a number (no allocation; undefined past the current length). */
Value vm_typed_get(Value ta, size_t i);
/* Store number d into element i (wrapped, clamped or rounded per kind; ignored past the
 * current length, which user code may have cut to 0 by detaching). */
void vm_typed_set(Value ta, size_t i, double d);
/* Raw element codecs on a byte address (host order). */
double vm_typed_load(TypedKind k, const uint8_t *p);
void vm_typed_store(TypedKind k, uint8_t *p, double d);

/* ---------------------------------------------------------------- conversions, operators */

bool vm_to_boolean(Value v);
Status vm_to_primitive(Isolate *iso, Value v, int hint, Value *out) MJS_MUST_CHECK; /* hint: 0 default, 1 number, 2 string */
Status vm_to_number(Isolate *iso, Value v, double *out) MJS_MUST_CHECK;
Status vm_to_numeric_value(Isolate *iso, Value v, Value *out) MJS_MUST_CHECK;
Status vm_to_string(Isolate *iso, Value v, Value *out) MJS_MUST_CHECK;
Status vm_to_object(Isolate *iso, Value v, Value *out) MJS_MUST_CHECK;
Status vm_to_int32(Isolate *iso, Value v, int32_t *out) MJS_MUST_CHECK;
Status vm_to_uint32(Isolate *iso, Value v, uint32_t *out) MJS_MUST_CHECK;
Status vm_to_integer(Isolate *iso, Value v, double *out) MJS_MUST_CHECK; /* ToIntegerOrInfinity */
int32_t vm_double_to_int32(double d);
Value vm_typeof(Isolate *iso, Value v); /* an atom */
bool vm_strict_equals(Isolate *iso, Value a, Value b);
bool vm_same_value(Isolate *iso, Value a, Value b);
bool vm_same_value_zero(Isolate *iso, Value a, Value b);
Status vm_loose_equals(Isolate *iso, Value a, Value b, bool *out) MJS_MUST_CHECK;
Status vm_instance_of(Isolate *iso, Value v, Value ctor, bool *out) MJS_MUST_CHECK;
Status vm_add(Isolate *iso, Value a, Value b, Value *out) MJS_MUST_CHECK;

/* ---------------------------------------------------------------- errors */

Status vm_throw(Isolate *iso, Value exc);
Status vm_throw_error(Isolate *iso, ErrorKind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
Value vm_make_error(Isolate *iso, ErrorKind kind, Value message); /* with .stack captured */
/* Takes the pending exception (clears it). */
Value vm_take_exception(Isolate *iso);
/* "    at f (file:line:col)" lines for the current JS stack (a string). */
Value vm_capture_stack(Isolate *iso, int skip);
void vm_print_js_stack(Isolate *iso, FILE *out);

/* ---------------------------------------------------------------- number formatting (vm/dtoa.c) */

/* Shortest round-trip form as JS Number.prototype.toString(); buf >= 32 bytes. */
int num_to_cstr(double d, char *buf);
int num_to_radix(double d, int radix, char *buf, size_t cap);
int num_to_fixed(double d, int digits, char *buf, size_t cap);
int num_to_precision(double d, int precision, char *buf, size_t cap);
int num_to_exponential(double d, int digits, bool digits_given, char *buf, size_t cap);

/* ---------------------------------------------------------------- running code */

/* Compile and run source as a classic script in the global scope. */
Status vm_run_script(Isolate *iso, const char *src, size_t len, const char *filename, Value *result) MJS_MUST_CHECK;
/* Compile source as the body of function(exports, require, module, __filename, __dirname). */
Status vm_compile_module(Isolate *iso, const char *src, size_t len, const char *filename, Value *fn) MJS_MUST_CHECK;
/* Print an uncaught exception as node does (stack, or "Uncaught X") on stderr. */
void vm_report_exception(Isolate *iso, Value exc);

#endif
