/* disasm.c: a bytecode listing for debugging the compiler (minijs --print-bytecode). */
#include <stdio.h>

#include "bytecode.h"

static const char *const op_names[] = {
#define MJS_OP_NAME(name, doc) [BC_##name] = #name,
    MJS_OPCODES(MJS_OP_NAME)
#undef MJS_OP_NAME
};

void vm_disassemble(const Code *code, FILE *out) {
    fprintf(out, "-- code %u:%u params=%u frame=%u flags=%#x\n", code->line, code->col, code->nparams,
            code->frame_size, code->flags);
    for (uint32_t i = 0; i < code->ins_count; i++) {
        Instr in = code->ins[i];
        unsigned op = INS_OP(in);
        fprintf(out, "%5u  %4u:%-3u %-13s A=%u B=%u C=%u J=%d\n", i, code->pos[i].line, code->pos[i].col,
                op < BC__COUNT ? op_names[op] : "?", INS_A(in), INS_B(in), INS_C(in), INS_J(in));
    }
}
