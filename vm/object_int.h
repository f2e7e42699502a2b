/* object_int.h: private glue between the object-model files (layout, string, atom, shape,
 * object, elements, array, convert, isolate). Not for the interpreter or runtime/.
 * Invariant: helpers named *_raw or taking raw pointers never allocate; everything else may.
 */
#ifndef MJS_OBJECT_INT_H
#define MJS_OBJECT_INT_H

#include "vm.h"

/* Private map flag: an array whose `length` was made read-only (freeze, defineProperty).
 * Only ever set on a private (dictionary) map. */
#define MAP_ARRAY_LENGTH_RO 0x80

/* Out-of-object named properties beyond this turn an object into dictionary mode (V8: 128). */
#define MAX_FAST_OUT_OF_OBJECT 128
/* Flat-copy threshold of str_concat (V8's ConsString::kMinLength). */
#define CONS_MIN_LENGTH 13
/* new Array(n) stays dense up to this many elements (20M-element arrays must be dense). */
#define DENSE_ARRAY_MAX (32u * 1024 * 1024)
/* Maximum string length (V8's String::kMaxLength on 64-bit). */
#define STRING_MAX_LENGTH ((1u << 29) - 24)
/* Size of the direct-mapped number->string cache (pairs). */
#define NUMBER_CACHE_SIZE 1024

/* ---------------------------------------------------------------- layout.c */
Map *map_alloc(Isolate *iso, InstanceType type, int flags, int internal_count, int inobject_cap,
               Value proto);
/* Store into item i of a FixedArray (with the write barrier). */
static inline void fixed_set(Isolate *iso, Value arr, size_t i, Value v) {
    FixedArray *a = v_fixed(arr);
    vm_store(iso, a, &a->items[i], v);
}
static inline size_t fixed_length(Value arr) { return v_fixed(arr)->length; }
/* Set an object's map (header word; maps never move but marking must see the new map). */
static inline void obj_set_map(Isolate *iso, Value obj, Map *m) {
    JSObject *o = v_jsobj(obj);
    o->map = m;
    gc_write_barrier(iso->heap, o, (GcWord *)&o->map, v_from_ptr(m));
}
/* A FixedArray of the same contents with length n (truncating or padding with holes). */
Value fixed_resize(Isolate *iso, Value arr, size_t n);

/* ---------------------------------------------------------------- string.c */
Value str_alloc(Isolate *iso, uint32_t length, bool two_byte); /* flat, zeroed, not an atom */
Value str_char_string(Isolate *iso, uint16_t c);               /* cached for c < 256 */
void str_init_caches(Isolate *iso);
/* Hash of flat code units (never 0); used by atoms and by atom_from_cstr. */
uint32_t str_hash_units8(const uint8_t *s, size_t n);
uint32_t str_hash_units16(const uint16_t *s, size_t n);
/* Content equality of two flat strings (no allocation). */
bool str_flat_equals(Value a, Value b);
/* Parses a canonical array index from a flat string; -1 if not one. */
int64_t str_flat_array_index(Value flat);
/* True when the flat string is a "canonical int32 index" (0..INT32_MAX): key is v_int. */

/* ---------------------------------------------------------------- atom.c */
void atom_table_init(Isolate *iso);
void atom_table_free(Isolate *iso);
void atom_table_visit(Isolate *iso, GcVisitor *v); /* weak slots */
void atom_init_all(Isolate *iso); /* interns atoms.h */
Value atom_from_latin1(Isolate *iso, const uint8_t *s, size_t n);

/* ---------------------------------------------------------------- shape.c: maps */
static inline Value map_desc_key(const Map *m, uint32_t i) {
    return v_fixed(m->descriptors)->items[2 * i];
}
static inline int map_desc_attrs(const Map *m, uint32_t i) {
    return v_int_val(v_fixed(m->descriptors)->items[2 * i + 1]) & 0xff;
}
static inline uint32_t map_desc_slot(const Map *m, uint32_t i) {
    return (uint32_t)v_int_val(v_fixed(m->descriptors)->items[2 * i + 1]) >> 8;
}
static inline bool map_is_dict(const Map *m) { return m->flags & MAP_DICTIONARY; }
int map_find(const Map *m, Value key); /* descriptor index or -1; no allocation */
/* The child map of m adding key with attrs (found in, or added to, the transition tree). */
Map *map_transition(Isolate *iso, Map *m, Value key, int attrs);
/* A private copy of m (not in any transition tree); descriptors shared (copy-on-append). */
Map *map_copy(Isolate *iso, Map *m);
/* A private copy of m with one more property (used for prototype objects). */
Map *map_copy_adding(Isolate *iso, Map *m, Value key, int attrs);
/* A private copy with property i's attributes changed. */
Map *map_copy_with_attrs(Isolate *iso, Map *m, uint32_t i, int attrs);
/* Cached root map for (type, proto, internal, inobject): many Object.create(p) share one. */
Map *map_cached_root(Isolate *iso, InstanceType type, Value proto, int internal_count,
                     int inobject_cap);
/* Make obj usable as a prototype: a private map flagged MAP_IS_PROTOTYPE. */
void obj_make_prototype(Isolate *iso, Value obj);
/* Switch a fast object to dictionary mode (private map, props = dictionary). */
void obj_to_dictionary(Isolate *iso, Value obj);
/* Called on any shape change of obj: bumps proto_epoch when obj is a prototype. */
static inline void obj_shape_changed(Isolate *iso, Value obj) {
    if (v_jsobj(obj)->map->flags & MAP_IS_PROTOTYPE) iso->proto_epoch++;
}

/* ---------------------------------------------------------------- shape.c: dictionaries
 * An insertion-ordered hash table in a FixedArray:
 *   items[0] = v_int(live entries), [1] = v_int(used entries), [2] = v_int(hash size H),
 *   [3 .. 3+H) = hash index (v_int(entry) or V_HOLE), then entries of 3 Values
 *   (key, value, v_int(attrs)); a deleted entry has key V_HOLE.
 * Keys: atoms, symbols (named properties) or v_int (sparse elements). */
#define DICT_HDR 3
Value dict_new(Isolate *iso, uint32_t capacity);
int dict_find(Value dict, Value key); /* entry or -1; no allocation */
/* Add or overwrite; returns the dictionary (a new one if it had to grow). */
Value dict_put(Isolate *iso, Value dict, Value key, Value v, int attrs);
void dict_remove(Isolate *iso, Value dict, int entry);
static inline uint32_t dict_hsize(Value d) { return (uint32_t)v_int_val(v_fixed(d)->items[2]); }
static inline uint32_t dict_used(Value d) { return (uint32_t)v_int_val(v_fixed(d)->items[1]); }
static inline uint32_t dict_live(Value d) { return (uint32_t)v_int_val(v_fixed(d)->items[0]); }
static inline uint32_t dict_entry_base(Value d, int e) { return DICT_HDR + dict_hsize(d) + 3 * (uint32_t)e; }
static inline Value dict_key(Value d, int e) { return v_fixed(d)->items[dict_entry_base(d, e)]; }
static inline Value dict_value(Value d, int e) { return v_fixed(d)->items[dict_entry_base(d, e) + 1]; }
static inline int dict_attrs(Value d, int e) { return v_int_val(v_fixed(d)->items[dict_entry_base(d, e) + 2]); }
static inline Value *dict_value_ptr(Value d, int e) { return &v_fixed(d)->items[dict_entry_base(d, e) + 1]; }
static inline void dict_set_value(Isolate *iso, Value d, int e, Value v) {
    fixed_set(iso, d, dict_entry_base(d, e) + 1, v);
}
static inline void dict_set_attrs(Isolate *iso, Value d, int e, int attrs) {
    fixed_set(iso, d, dict_entry_base(d, e) + 2, v_int(attrs));
}
uint32_t key_hash(Value key); /* atoms: cached hash; v_int: mixed; symbols: description */

/* ---------------------------------------------------------------- elements.c */
/* Element i of obj's own elements (V_HOLE if absent); *attrs gets its attributes. */
Value elem_get(Value obj, uint32_t i, int *attrs);
/* Store element i (own, creating it with attrs if absent). Never fails: checks are the caller's. */
void elem_put(Isolate *iso, Value obj, uint32_t i, Value v, int attrs);
bool elem_delete(Isolate *iso, Value obj, uint32_t i); /* false if non-configurable */
/* Switch obj's elements to a dictionary (needed for non-default attributes). */
void elem_to_sparse(Isolate *iso, Value obj);
/* Ascending own element indices with a value (appended to a growable C array). */
uint32_t *elem_keys(Value obj, uint32_t *count);
/* Remove elements >= new_len (stopping at a non-configurable one); returns the new length. */
uint32_t elem_truncate(Isolate *iso, Value obj, uint32_t old_len, uint32_t new_len);
/* Ensure dense capacity for index i (or go sparse); used by array_new/push. */
void elem_reserve(Isolate *iso, Value obj, uint32_t cap);

/* ---------------------------------------------------------------- object.c */
/* Where an own property lives. */
enum { REF_NONE, REF_FAST, REF_DICT, REF_ELEM, REF_ARRAY_LENGTH, REF_STRING_LENGTH, REF_STRING_CHAR,
       REF_TYPED };
typedef struct Ref {
    int kind;
    int attrs;
    uint32_t index; /* slot, dictionary entry or element index */
    Value value;    /* data value or AccessorPair; V_HOLE for a lazy prototype or a string char */
} Ref;
/* Own property lookup without allocation; key canonical, obj an object. */
bool lookup_own(Isolate *iso, Value obj, Value key, Ref *r);
/* The value of a found data property (makes lazy prototypes and string chars: allocates). */
Value ref_value(Isolate *iso, Value obj, Ref *r);
void ref_store(Isolate *iso, Value obj, const Ref *r, Value v);
/* Define (overwrite) an own property without validation; key canonical. */
void define_own_raw(Isolate *iso, Value obj, Value key, Value v, int attrs);
/* Add a named property known to be absent (fills an IC_ADD entry when cacheable). */
void add_named(Isolate *iso, Value obj, Value key, Value v, int attrs, PropCache *ic);
/* Make an array's length read-only (private map). */
void array_make_length_ro(Isolate *iso, Value arr);
/* Set an array's length from a JS value (RangeError "Invalid array length"). */
Status array_set_length_value(Isolate *iso, Value arr, Value len) MJS_MUST_CHECK;
/* "#<Foo>" or "[object Array]" for messages (malloc'd). */
char *obj_class_desc(Isolate *iso, Value obj);
Value fn_materialize_prototype(Isolate *iso, Value fn);
/* Key canonicalisation for API entry points (strings/doubles -> v_int/atom). */
Status key_canon(Isolate *iso, Value *key);
/* Key as a printable UTF-8 C string (malloc'd), symbols as Symbol(desc). */
char *key_to_cstr(Isolate *iso, Value key);

/* ---------------------------------------------------------------- array.c */
static inline double array_length_num(Value arr) { return v_num(*obj_internal(arr, 0)); }
/* An array using `fixed` as its elements (n items), without copying. */
Value array_from_fixed(Isolate *iso, Value fixed, uint32_t n);

/* ---------------------------------------------------------------- typed.c */
/* How a key addresses a typed array: not numeric (an ordinary property), a numeric key that
 * is no valid index (reads undefined, writes ignored), or valid index *index. */
enum { TYPED_KEY_NONE = -1, TYPED_KEY_INVALID = 0, TYPED_KEY_VALID = 1 };
int typed_key(Isolate *iso, Value ta, Value key, uint32_t *index); /* no allocation */
/* [[Set]] / [[DefineOwnProperty]] of a numeric key: ToNumber(*hv), then store if valid. */
Status typed_put(Isolate *iso, Value *hta, Value key, Value *hv) MJS_MUST_CHECK;

/* ---------------------------------------------------------------- convert.c */
Value sym_new_raw(Isolate *iso, Value description);

#endif
