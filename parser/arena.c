/* arena.c: bump allocator for one parse's AST. Blocks come from calloc, so memory is zeroed
 * without a memset; everything is released at once by arena_free. Invariant: every returned
 * pointer is 8-byte aligned and stays valid until arena_free.
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

static Block *new_block(Arena *a, size_t need) {
    size_t size = a->next_size;
    if (size < need) size = need;
    Block *b = calloc(1, sizeof(Block) + size);
    if (!b) out_of_memory();
    b->size = size;
    b->prev = a->cur;
    a->cur = b;
    if (a->next_size < MAX_BLOCK) a->next_size *= 2;
    return b;
}

void *arena_alloc(Arena *a, size_t bytes) {
    size_t n = (bytes + 7) & ~(size_t)7;
    if (n == 0) n = 8;
    Block *b = a->cur;
    if (!b || b->size - b->used < n) {
        /* A request bigger than a quarter block gets its own block and leaves the current
         * one in use, so one huge string does not waste the rest of a block. */
        if (b && n > a->next_size / 4) {
            Block *big = calloc(1, sizeof(Block) + n);
            if (!big) out_of_memory();
            big->size = big->used = n;
            big->prev = b->prev;
            b->prev = big;
            return big->data;
        }
        b = new_block(a, n);
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
