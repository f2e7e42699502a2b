/* console_table.c: console.table as node v20 draws it (cli_table.js): "(index)", one column
 * per property in first-seen order, "Values" for primitives; Maps and Sets get "(iteration
 * index)"/"Key"/"Values". Cells are inspected with depth 0 and maxArrayLength 3.
 * GC: the table is built as C strings; JS values are read through handles.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"

typedef struct Column {
    char *name;
    char **cells; /* NULL = no entry (printed as empty) */
} Column;

typedef struct Table {
    Column *cols;
    int ncols, cap;
    size_t rows;
} Table;

static Column *column(Table *t, const char *name) {
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0) return &t->cols[i];
    if (t->ncols == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 8;
        t->cols = realloc(t->cols, (size_t)t->cap * sizeof(Column));
        if (!t->cols) abort();
    }
    Column *c = &t->cols[t->ncols++];
    c->name = strdup(name);
    c->cells = calloc(t->rows ? t->rows : 1, sizeof(char *));
    if (!c->cells) abort();
    return c;
}

static void set_cell(Column *c, size_t row, char *text) {
    free(c->cells[row]);
    c->cells[row] = text;
}

static void table_free(Table *t) {
    for (int i = 0; i < t->ncols; i++) {
        for (size_t r = 0; r < t->rows; r++) free(t->cols[i].cells[r]);
        free(t->cols[i].cells);
        free(t->cols[i].name);
    }
    free(t->cols);
}

/* node's _inspect for a cell. */
static Status cell_text(Isolate *iso, Value v, bool colors, char **out) {
    size_t sc = vm_scope_open(iso);
    Value *vh = vm_handle(iso, v);
    InspectOptions o;
    rt_inspect_defaults(&o);
    o.depth = 0;
    o.max_array_length = 3;
    o.break_length = INT32_MAX;
    o.colors = colors;
    if (v_is_object(*vh) && !v_is_array(*vh)) {
        Value keys = obj_own_keys(iso, *vh, KEYS_ENUMERABLE_ONLY);
        if (array_length(keys) > 2) o.depth = -1;
    }
    RtBuf b = {0};
    Status st = rt_inspect_to_buf(iso, *vh, &o, &b);
    *out = st == MJS_OK ? rt_buf_take(&b) : NULL;
    rt_buf_free(&b);
    vm_scope_close(iso, sc);
    return st;
}

static char *key_text(Isolate *iso, Value key) {
    RtBuf b = {0};
    if (v_is_symbol(key)) rt_put_symbol(iso, &b, key);
    else if (v_is_string(key)) rt_buf_put_jsstr(iso, &b, key);
    else if (v_is_number(key)) rt_put_number(&b, v_num(key));
    else rt_buf_puts(&b, "");
    return rt_buf_take(&b);
}

static void put_repeat(RtBuf *b, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) rt_buf_puts(b, s);
}

static size_t width(const char *s) { return s ? rt_string_width(s, strlen(s), true) : 0; }

/* cli_table.js: box drawing, cells left-aligned, one space of padding. */
static void render(const Table *t, RtBuf *out) {
    size_t *w = calloc((size_t)t->ncols, sizeof(size_t));
    if (!w) abort();
    for (int i = 0; i < t->ncols; i++) {
        w[i] = width(t->cols[i].name);
        for (size_t r = 0; r < t->rows; r++)
            if (width(t->cols[i].cells[r]) > w[i]) w[i] = width(t->cols[i].cells[r]);
    }
    const char *edges[3][3] = {{"┌", "┬", "┐"}, {"├", "┼", "┤"}, {"└", "┴", "┘"}};
    for (int line = 0; line < 3 + (int)t->rows + 1; line++) {
        int border = line == 0 ? 0 : line == 2 ? 1 : line == 3 + (int)t->rows ? 2 : -1;
        if (border >= 0) {
            rt_buf_puts(out, edges[border][0]);
            for (int i = 0; i < t->ncols; i++) {
                if (i) rt_buf_puts(out, edges[border][1]);
                put_repeat(out, "─", w[i] + 2);
            }
            rt_buf_puts(out, edges[border][2]);
        } else {
            rt_buf_puts(out, "│ ");
            for (int i = 0; i < t->ncols; i++) {
                const char *cell = line == 1 ? t->cols[i].name : t->cols[i].cells[line - 3];
                if (i) rt_buf_puts(out, " │ ");
                if (cell) rt_buf_puts(out, cell);
                rt_buf_spaces(out, (int)(w[i] - width(cell)));
            }
            rt_buf_puts(out, " │");
        }
        if (line < 3 + (int)t->rows) rt_buf_putc(out, '\n');
    }
    free(w);
}

/* Rows of a Map or Set (iteration protocol). */
static Status collection_rows(Isolate *iso, Value *data, bool is_map, bool colors, Table *t) {
    size_t sc = vm_scope_open(iso);
    Value *iter = vm_handle(iso, V_UNDEF), *item = vm_handle(iso, V_UNDEF), *v = vm_handle(iso, V_UNDEF);
    Status st = vm_get_iterator(iso, *data, iter);
    size_t n = 0, cap = 0;
    char **keys = NULL, **vals = NULL;
    while (st == MJS_OK) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            keys = realloc(keys, ncap * sizeof(char *));
            vals = realloc(vals, ncap * sizeof(char *));
            if (!keys || !vals) abort();
            memset(keys + cap, 0, (ncap - cap) * sizeof(char *));
            memset(vals + cap, 0, (ncap - cap) * sizeof(char *));
            cap = ncap;
        }
        bool done;
        if ((st = vm_iterator_step(iso, *iter, &done, item)) != MJS_OK || done) break;
        if (is_map) {
            if ((st = obj_get(iso, *item, v_int(1), v)) != MJS_OK) break;
            if ((st = obj_get(iso, *item, v_int(0), item)) != MJS_OK) break;
            if ((st = cell_text(iso, *item, colors, &keys[n])) != MJS_OK) break;
            if ((st = cell_text(iso, *v, colors, &vals[n])) != MJS_OK) break;
        } else if ((st = cell_text(iso, *item, colors, &vals[n])) != MJS_OK) {
            break;
        }
        n++;
    }
    if (st == MJS_OK) {
        t->rows = n;
        column(t, "(iteration index)");
        if (is_map) column(t, "Key");
        column(t, "Values");
        /* taken after all three exist: column() may move the array */
        Column *idx = &t->cols[0], *kc = is_map ? &t->cols[1] : NULL, *vc = &t->cols[is_map ? 2 : 1];
        for (size_t i = 0; i < n; i++) {
            RtBuf b = {0};
            rt_buf_printf(&b, "%zu", i);
            set_cell(idx, i, rt_buf_take(&b));
            if (kc) set_cell(kc, i, keys[i]);
            set_cell(vc, i, vals[i]);
        }
    } else {
        for (size_t i = 0; i < cap; i++) {
            free(keys[i]);
            free(vals[i]);
        }
    }
    free(keys);
    free(vals);
    vm_scope_close(iso, sc);
    return st;
}

/* Rows of an array or object: one per own enumerable key. */
static Status object_rows(Isolate *iso, Value *data, Value *props, bool colors, Table *t) {
    size_t sc = vm_scope_open(iso);
    Value *rows = vm_handle(iso, obj_own_keys(iso, *data, KEYS_ENUMERABLE_ONLY));
    Value *key = vm_handle(iso, V_UNDEF), *item = vm_handle(iso, V_UNDEF);
    Value *ikeys = vm_handle(iso, V_UNDEF), *ik = vm_handle(iso, V_UNDEF), *iv = vm_handle(iso, V_UNDEF);
    Status st = MJS_OK;
    t->rows = array_length(*rows);
    column(t, "(index)");
    char **values = calloc(t->rows ? t->rows : 1, sizeof(char *));
    if (!values) abort();
    bool has_primitives = false;
    for (uint32_t r = 0; r < t->rows && st == MJS_OK; r++) {
        set_cell(&t->cols[0], r, key_text(iso, array_get_own(*rows, r)));
        if ((st = vm_to_key(iso, array_get_own(*rows, r), key)) != MJS_OK) break;
        if ((st = obj_get(iso, *data, *key, item)) != MJS_OK) break;
        bool primitive = !v_is_object(*item);
        if (!props && primitive) {
            has_primitives = true;
            st = cell_text(iso, *item, colors, &values[r]);
            continue;
        }
        *ikeys = props ? *props : obj_own_keys(iso, *item, KEYS_ENUMERABLE_ONLY);
        for (uint32_t k = 0; k < array_length(*ikeys) && st == MJS_OK; k++) {
            *ik = array_get_own(*ikeys, k);
            char *name = key_text(iso, *ik);
            Column *c = column(t, name);
            free(name);
            if ((st = vm_to_key(iso, *ik, ik)) != MJS_OK) break;
            if (primitive || !obj_has_own(iso, *item, *ik)) {
                set_cell(c, r, strdup(""));
                continue;
            }
            if ((st = obj_get(iso, *item, *ik, iv)) != MJS_OK) break;
            char *text;
            if ((st = cell_text(iso, *iv, colors, &text)) != MJS_OK) break;
            set_cell(c, r, text); /* no column was added since c was found */
        }
    }
    if (st == MJS_OK && has_primitives) {
        Column *vc = column(t, "Values");
        for (size_t r = 0; r < t->rows; r++) {
            set_cell(vc, r, values[r]);
            values[r] = NULL;
        }
    }
    for (size_t r = 0; r < t->rows; r++) free(values[r]);
    free(values);
    vm_scope_close(iso, sc);
    return st;
}

Status rt_console_table(Isolate *iso, Value *argv, int argc, bool colors, RtBuf *out) {
    if (argc < 1 || !v_is_object(argv[0])) return rt_format_to_buf_colors(iso, argc < 1 ? 0 : 1, argv, colors, out);
    Value *props = argc > 1 && v_is_array(argv[1]) ? &argv[1] : NULL;
    Table t = {0};
    Status st;
    int type = v_type(argv[0]);
    if (type == T_MAP_OBJ || type == T_SET_OBJ) st = collection_rows(iso, &argv[0], type == T_MAP_OBJ, colors, &t);
    else st = object_rows(iso, &argv[0], props, colors, &t);
    if (st == MJS_OK) render(&t, out);
    table_free(&t);
    return st;
}
