/* vm_int.h: hooks between the object model (isolate.c, layout.c) and the interpreter
 * (interp*.c, compiler). Internal to vm/. */
#ifndef MJS_VM_INT_H
#define MJS_VM_INT_H

#include "vm.h"

/* Interpreter state (value stack, frames): created after the heap, freed before it. */
void vm_interp_init(Isolate *iso);
void vm_interp_free(Isolate *iso);
/* Report the VM stack, open frames and interpreter-held values to the GC. */
void vm_interp_visit_roots(Isolate *iso, GcVisitor *v);

/* T_TEMPLATE objects (compiled functions) are laid out by the compiler. */
size_t vm_template_size(const void *obj);
void vm_template_visit(void *obj, GcVisitor *v);
void vm_template_finalize(Isolate *iso, void *obj); /* frees the malloc'd bytecode */
/* Teardown: free all remaining compiled code (call before freeing the heap). */
void vm_codes_free_all(Isolate *iso);

/* ArrayBuffer finalizer: frees the backing store (vm/typed.c). */
void vm_array_buffer_finalize(Isolate *iso, void *obj);

/* Function objects: in-object property order of the root function maps. */
enum { FN_SLOT_LENGTH = 0, FN_SLOT_NAME = 1, FN_SLOT_PROTOTYPE = 2 };
/* Internal slots (JSObject.slots[i]) of function objects. */
enum { FN_INT_TEMPLATE = 0, FN_INT_CONTEXT = 1, FN_INT_INITIAL_MAP = 2, FN_INTERNAL_COUNT = 3 };
enum { NATIVE_INT_INDEX = 0, NATIVE_INT_DATA = 1 };
enum { BOUND_INT_TARGET = 0, BOUND_INT_THIS = 1, BOUND_INT_ARGS = 2 };

#endif
