/* inspect_layout.c: util.inspect's layout of formatted entries: one line when they fit in
 * breakLength (node's isBelowBreakLength / reduceToSingleString), else one entry per line,
 * and the column grouping of long arrays (groupArrayElements) with node's exact arithmetic.
 * Pure C string work on RtList entries, except reading the array's element types.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"

static size_t entry_len(InspectCtx *c, const RtBuf *b) { return rt_plain_len(b->p, b->len, c->o.colors); }

static bool is_below_break_length(InspectCtx *c, const RtList *output, size_t start, const RtBuf *base) {
    size_t total = output->n + start;
    if (total + output->n > (size_t)c->o.break_length) return false;
    for (size_t i = 0; i < output->n; i++) {
        total += entry_len(c, &output->items[i]);
        if (total > (size_t)c->o.break_length) return false;
    }
    return base->len == 0 || !memchr(base->p, '\n', base->len);
}

static void join(RtBuf *out, const RtList *l, const char *sep, size_t seplen) {
    for (size_t i = 0; i < l->n; i++) {
        if (i) rt_buf_put(out, sep, seplen);
        rt_buf_put(out, l->items[i].p, l->items[i].len);
    }
}

/* groupArrayElements: replaces *output with grouped rows when node would group. */
static void group_array_elements(InspectCtx *c, RtList *output, const Value *value) {
    size_t total_length = 0, max_length = 0;
    size_t output_length = output->n;
    if ((size_t)c->o.max_array_length < output->n) output_length--; /* the "... more items" entry */
    const size_t separator_space = 2;
    size_t *data_len = malloc((output_length + 1) * sizeof(size_t));
    if (!data_len) abort();
    for (size_t i = 0; i < output_length; i++) {
        size_t len = rt_string_width(output->items[i].p, output->items[i].len, c->o.colors);
        data_len[i] = len;
        total_length += len + separator_space;
        if (max_length < len) max_length = len;
    }
    size_t actual_max = max_length + separator_space;
    if (actual_max * 3 + (size_t)c->indentation_lvl < (size_t)c->o.break_length &&
        ((double)total_length / (double)actual_max > 5 || max_length <= 6)) {
        const double approx_char_heights = 2.5;
        double average_bias = sqrt((double)actual_max - (double)total_length / (double)output->n);
        double biased_max = fmax((double)actual_max - 3 - average_bias, 1);
        double cols = floor(sqrt(approx_char_heights * biased_max * (double)output_length) / biased_max + 0.5);
        double by_width = floor((double)(c->o.break_length - c->indentation_lvl) / (double)actual_max);
        if (by_width < cols) cols = by_width;
        if ((double)c->o.compact * 4 < cols) cols = (double)c->o.compact * 4;
        if (cols > 15) cols = 15;
        if (cols <= 1) {
            free(data_len);
            return;
        }
        size_t columns = (size_t)cols;
        size_t *max_line_length = calloc(columns, sizeof(size_t));
        if (!max_line_length) abort();
        for (size_t i = 0; i < columns; i++) {
            size_t line_max = 0;
            for (size_t j = i; j < output_length; j += columns)
                if (data_len[j] > line_max) line_max = data_len[j];
            max_line_length[i] = line_max + separator_space;
        }
        /* Numbers are right-aligned, anything else left-aligned. */
        bool pad_start = true;
        if (value) {
            for (size_t i = 0; i < output->n; i++) {
                Value e = v_is_typed_array(*value) ? (i < vm_typed_length(*value) ? vm_typed_get(*value, i) : V_UNDEF)
                          : i < array_length(*value) ? array_get_own(*value, (uint32_t)i) : V_UNDEF;
                if (!v_is_number(e)) {
                    pad_start = false;
                    break;
                }
            }
        }
        RtList tmp = {0};
        for (size_t i = 0; i < output_length; i += columns) {
            size_t max = i + columns < output_length ? i + columns : output_length;
            RtBuf row = {0};
            size_t j = i;
            for (; j < max - 1; j++) {
                size_t w = data_len[j] + separator_space;
                size_t pad = max_line_length[j - i] > w ? max_line_length[j - i] - w : 0;
                if (pad_start) rt_buf_spaces(&row, (int)pad);
                rt_buf_put(&row, output->items[j].p, output->items[j].len);
                rt_buf_put(&row, ", ", 2);
                if (!pad_start) rt_buf_spaces(&row, (int)pad);
            }
            if (pad_start) {
                size_t w = data_len[j] + separator_space;
                size_t pad = max_line_length[j - i] > w ? max_line_length[j - i] - w : 0;
                rt_buf_spaces(&row, (int)pad);
            }
            rt_buf_put(&row, output->items[j].p, output->items[j].len);
            rt_list_push(&tmp, &row);
        }
        if ((size_t)c->o.max_array_length < output->n)
            rt_list_push_str(&tmp, output->items[output_length].p, output->items[output_length].len);
        rt_list_free(output);
        *output = tmp;
        free(max_line_length);
    }
    free(data_len);
}

void rt_reduce_to_single_string(InspectCtx *c, RtList *output, const RtBuf *base,
                                const char *brace0, const char *brace1, int extras_type,
                                int recurse_times, const Value *value, RtBuf *out) {
    size_t b0len = strlen(brace0);
    if (c->o.compact != RT_COMPACT_TRUE) {
        if (c->o.compact >= 1) {
            size_t entries = output->n;
            if (extras_type == K_ARRAY_EXTRAS_TYPE && entries > 6) group_array_elements(c, output, value);
            if (c->current_depth - recurse_times < c->o.compact && entries == output->n) {
                size_t start = output->n + (size_t)c->indentation_lvl + rt_utf16_len(brace0, b0len) +
                               rt_utf16_len(base->p, base->len) + 10;
                if (is_below_break_length(c, output, start, base)) {
                    bool has_nl = false;
                    for (size_t i = 0; i < output->n && !has_nl; i++)
                        has_nl = memchr(output->items[i].p, '\n', output->items[i].len) != NULL;
                    if (!has_nl) {
                        if (base->len) {
                            rt_buf_put(out, base->p, base->len);
                            rt_buf_putc(out, ' ');
                        }
                        rt_buf_put(out, brace0, b0len);
                        rt_buf_putc(out, ' ');
                        join(out, output, ", ", 2);
                        rt_buf_putc(out, ' ');
                        rt_buf_puts(out, brace1);
                        return;
                    }
                }
            }
        }
        /* One entry per line. */
        RtBuf sep = {0};
        rt_buf_puts(&sep, ",\n");
        rt_buf_spaces(&sep, c->indentation_lvl + 2);
        if (base->len) {
            rt_buf_put(out, base->p, base->len);
            rt_buf_putc(out, ' ');
        }
        rt_buf_put(out, brace0, b0len);
        rt_buf_putc(out, '\n');
        rt_buf_spaces(out, c->indentation_lvl + 2);
        join(out, output, sep.p, sep.len);
        rt_buf_putc(out, '\n');
        rt_buf_spaces(out, c->indentation_lvl);
        rt_buf_puts(out, brace1);
        rt_buf_free(&sep);
        return;
    }
    /* compact: true */
    if (is_below_break_length(c, output, 0, base)) {
        rt_buf_put(out, brace0, b0len);
        if (base->len) {
            rt_buf_putc(out, ' ');
            rt_buf_put(out, base->p, base->len);
        }
        rt_buf_putc(out, ' ');
        join(out, output, ", ", 2);
        rt_buf_putc(out, ' ');
        rt_buf_puts(out, brace1);
        return;
    }
    RtBuf sep = {0};
    rt_buf_puts(&sep, ",\n");
    rt_buf_spaces(&sep, c->indentation_lvl + 2);
    rt_buf_put(out, brace0, b0len);
    if (base->len == 0 && rt_utf16_len(brace0, b0len) == 1) {
        rt_buf_putc(out, ' ');
    } else {
        if (base->len) {
            rt_buf_putc(out, ' ');
            rt_buf_put(out, base->p, base->len);
        }
        rt_buf_putc(out, '\n');
        rt_buf_spaces(out, c->indentation_lvl + 2);
    }
    join(out, output, sep.p, sep.len);
    rt_buf_putc(out, ' ');
    rt_buf_puts(out, brace1);
    rt_buf_free(&sep);
}
