/* arena.c: bump allocator for one parse's AST. Blocks come from calloc, so memory starts
 * zeroed and arena_alloc never clears; everything is released at once by arena_free.
 * Invariant: every returned pointer is 8-byte aligned and stays valid until arena_free.
 */
#include <stdio.h>
#include <stdlib.h>

#include "parser/ast.h"

typedef struct Block {
    struct Block *prev;
    size_t used, size;
    _Alignas(8) unsigned char data[];
} Block;

struct Arena {
    Block *cur;
    size_t next_size; /* blocks grow geometrically so big sources need few of them */
};

enum { FIRST_BLOCK = 16 * 1024, MAX_BLOCK = 4 * 1024 * 1024 };

static void out_of_memory(void) {
    /* The AST cannot be half-built; like node on a failed allocation, give up. */
    fputs("FATAL ERROR: parser arena allocation failed\n", stderr);
    abort();
}

Arena *arena_new(void) {
    Arena *a = calloc(1, sizeof *a);
    if (!a) out_of_memory();
    a->next_size = FIRST_BLOCK;
    return a;
}

static Block *new_block(size_t size) {
    Block *b = calloc(1, sizeof(Block) + size);
    if (!b) out_of_memory();
    b->size = size;
    return b;
}

void *arena_alloc(Arena *a, size_t bytes) {
    size_t n = (bytes + 7) & ~(size_t)7;
    if (n == 0) n = 8;
    Block *b = a->cur;
    if (!b || b->size - b->used < n) {
        if (b && n > a->next_size / 4) {
            /* A big request gets its own block behind the current one, so one huge string
             * does not waste the rest of a block. */
            Block *big = new_block(n);
            big->used = n;
            big->prev = b->prev;
            b->prev = big;
            return big->data;
        }
        b = new_block(a->next_size < n ? n : a->next_size);
        b->prev = a->cur;
        a->cur = b;
        if (a->next_size < MAX_BLOCK) a->next_size *= 2;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

void arena_free(Arena *a) {
    if (!a) return;
    for (Block *b = a->cur, *prev; b; b = prev) {
        prev = b->prev;
        free(b);
    }
    free(a);
}
