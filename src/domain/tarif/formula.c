/* domain/tarif/formula.c — the tarif formula engine (see formula.h): a lexer and a
 * recursive-descent parser that build a tree of at most FORMULA_MAX_NODES nodes in an
 * arena, with every name resolved to an input or a definition at compile time, and an
 * evaluator that walks the tree once.  Nothing here allocates during evaluation. */
#include "domain/tarif/formula.h"
#include "util/text.h"
#include <string.h>

typedef enum {
    T_END, T_NUM, T_NAME, T_LP, T_RP, T_SEP, T_PLUS, T_MINUS, T_MUL, T_DIV,
    T_LT, T_LE, T_GT, T_GE, T_EQ, T_NE, T_ASSIGN, T_NEWLINE
} tok_kind;

typedef enum {
    N_NUM, N_VAR, N_DEF, N_PRICE, N_NEG, N_ADD, N_SUB, N_MUL, N_DIV,
    N_LT, N_LE, N_GT, N_GE, N_EQ, N_NE,
    N_IF, N_MIN, N_MAX, N_ROUND, N_CEIL, N_FLOOR, N_ABS, N_AND, N_OR, N_NOT
} node_op;

typedef struct {
    node_op op;
    int a, b, c;          /* children, -1 = none */
    int index;            /* N_VAR / N_PRICE: input; N_DEF: definition */
    size_t off;           /* byte offset in the text, for messages */
    dec num;
} fnode;

struct formula {
    const char *text;
    fnode *nodes;
    size_t count;
    const char **def_names;
    int *def_root;
    size_t ndefs;
    int root;
    size_t nvars;
    unsigned char *uses;  /* per input */
};

typedef struct {
    tok_kind kind;
    size_t off, len;
    dec num;
} token;

typedef struct {
    arena *a;
    formula *f;
    const char *s;
    size_t pos;
    token tok;
    const formula_var *vars;
    size_t nvars;
    int depth;
    /* Per open parenthesis: 1 when it belongs to a function call (a comma separates
     * arguments there), 0 for a plain group (a comma between digits is a decimal). */
    unsigned char call[FORMULA_MAX_DEPTH + 2];
    int parens;
    int prev_continues;   /* the previous token wants more: a newline does not end the line */
    formula_error *err;
    int failed;
} parser;

/* ---- errors ---- */

static void where(const char *text, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        if (text[i] == '\n') { l++; c = 1; }
        else if (((unsigned char)text[i] & 0xC0) != 0x80) c++;
    }
    *line = l;
    *col = c;
}

static void fail_at(parser *p, size_t off, const char *what, const char *detail)
{
    p->tok.kind = T_END;   /* loops waiting for a token end here */
    if (p->failed) return;
    p->failed = 1;
    p->err->what = what;
    p->err->detail = detail;
    where(p->s, off, &p->err->line, &p->err->col);
}

/* ---- lexer ---- */

static int is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static int is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int in_call(const parser *p) { return p->parens > 0 && p->call[p->parens - 1]; }

/* A number at p->pos: digits, an optional decimal point (or comma outside a call). */
static void lex_number(parser *p, token *t)
{
    const char *s = p->s;
    size_t i = p->pos;
    __int128 whole = 0, frac = 0;
    int nwhole = 0, nfrac = 0;
    while (is_digit(s[i])) {
        if (++nwhole > 18) {
            fail_at(p, p->pos, "Angka terlalu besar: paling banyak 18 angka sebelum koma.", NULL);
            return;
        }
        whole = whole * 10 + (s[i++] - '0');
    }
    static const char *const COMMA_IN_CALL =
        "Di dalam tanda kurung fungsi, tulis desimal dengan titik (1.5) dan pisahkan argumen dengan koma dan spasi: max(1, 2).";
    char mark = s[i];
    if ((mark == '.' || mark == ',') && is_digit(s[i + 1])) {
        if (mark == ',' && in_call(p)) {
            fail_at(p, i, COMMA_IN_CALL, NULL);
            return;
        }
        i++;
        while (is_digit(s[i])) {
            if (++nfrac > DEC_DIGITS) {
                fail_at(p, p->pos, "Paling banyak 6 angka di belakang koma.", NULL);
                return;
            }
            frac = frac * 10 + (s[i++] - '0');
        }
    }
    if ((s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
        if (s[i] == ',' && in_call(p)) fail_at(p, i, COMMA_IN_CALL, NULL);
        else fail_at(p, p->pos, "Angka tidak sah: tulis tanpa pemisah ribuan, misalnya 1500000 atau 0,75.", NULL);
        return;
    }
    if (is_name_start(s[i])) {
        fail_at(p, i, "Setelah angka harus ada operator, misalnya 2 * L.", NULL);
        return;
    }
    __int128 scale = 1;
    for (int k = nfrac; k < DEC_DIGITS; k++) scale *= 10;
    t->kind = T_NUM;
    t->num.v = whole * DEC_SCALE + frac * scale;
    t->len = i - p->pos;
}

/* Multi-byte operators people type: × ÷ − · ≤ ≥ ≠. */
static int lex_utf8_op(const char *s, tok_kind *k, size_t *len)
{
    static const struct { const char *bytes; tok_kind kind; } ops[] = {
        {"\xC3\x97", T_MUL}, {"\xC3\xB7", T_DIV}, {"\xE2\x88\x92", T_MINUS}, {"\xC2\xB7", T_MUL},
        {"\xE2\x8B\x85", T_MUL}, {"\xE2\x89\xA4", T_LE}, {"\xE2\x89\xA5", T_GE}, {"\xE2\x89\xA0", T_NE},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t n = strlen(ops[i].bytes);
        if (strncmp(s, ops[i].bytes, n) == 0) {
            *k = ops[i].kind;
            *len = n;
            return 1;
        }
    }
    return 0;
}

static void next(parser *p)
{
    const char *s = p->s;
    token t = {T_END, 0, 0, {0}};
    for (;;) {
        char c = s[p->pos];
        if (c == ' ' || c == '\t' || c == '\r') { p->pos++; continue; }
        if (c == '#') {
            while (s[p->pos] && s[p->pos] != '\n') p->pos++;
            continue;
        }
        if (c == '\n' && (p->parens > 0 || p->prev_continues)) { p->pos++; continue; }
        break;
    }
    t.off = p->pos;
    char c = s[p->pos];
    tok_kind k = T_END;
    size_t len = 1;
    if (!c) { len = 0; k = T_END; }
    else if (c == '\n') k = T_NEWLINE;
    else if (is_digit(c) || (c == '.' && is_digit(s[p->pos + 1]))) {
        if (c == '.') {
            fail_at(p, p->pos, "Angka desimal harus diawali angka, misalnya 0.5.", NULL);
            return;
        }
        lex_number(p, &t);
        if (p->failed) return;
        k = T_NUM;
        len = t.len;
    } else if (is_name_start(c)) {
        size_t i = p->pos;
        while (is_name_char(s[i])) i++;
        len = i - p->pos;
        if (len > FORMULA_NAME_MAX) {
            fail_at(p, p->pos, "Nama terlalu panjang: paling banyak 40 karakter.", NULL);
            return;
        }
        k = T_NAME;
    } else if (c == '(') k = T_LP;
    else if (c == ')') k = T_RP;
    else if (c == ',' || c == ';') k = T_SEP;
    else if (c == '+') k = T_PLUS;
    else if (c == '-') k = T_MINUS;
    else if (c == '*') k = T_MUL;
    else if (c == '/' || c == ':') k = T_DIV;
    else if (c == '<') {
        if (s[p->pos + 1] == '=') { k = T_LE; len = 2; }
        else if (s[p->pos + 1] == '>') { k = T_NE; len = 2; }
        else k = T_LT;
    } else if (c == '>') {
        if (s[p->pos + 1] == '=') { k = T_GE; len = 2; }
        else k = T_GT;
    } else if (c == '=') {
        if (s[p->pos + 1] == '=') { k = T_EQ; len = 2; }
        else k = T_ASSIGN;
    } else if (c == '!' && s[p->pos + 1] == '=') { k = T_NE; len = 2; }
    else if (!lex_utf8_op(s + p->pos, &k, &len)) {
        size_t n = 1;
        while (((unsigned char)s[p->pos + n] & 0xC0) == 0x80) n++;
        fail_at(p, p->pos, "Karakter tidak dikenal dalam rumus.", arena_strndup(p->a, s + p->pos, n));
        return;
    }
    t.kind = k;
    t.len = len;
    p->pos += len;
    p->prev_continues = k == T_PLUS || k == T_MINUS || k == T_MUL || k == T_DIV || k == T_LT || k == T_LE ||
                        k == T_GT || k == T_GE || k == T_EQ || k == T_NE || k == T_ASSIGN || k == T_SEP;
    p->tok = t;
}

/* ---- parser ---- */

static int node(parser *p, node_op op, size_t off, int a, int b, int c)
{
    if (p->failed) return -1;
    if (p->f->count >= FORMULA_MAX_NODES) {
        fail_at(p, off, "Rumus terlalu panjang: terlalu banyak operasi.", NULL);
        return -1;
    }
    fnode *n = &p->f->nodes[p->f->count];
    *n = (fnode){op, a, b, c, -1, off, {0}};
    return (int)p->f->count++;
}

static int parse_expr(parser *p);

static int enter(parser *p, size_t off)
{
    if (++p->depth > FORMULA_MAX_DEPTH) {
        fail_at(p, off, "Rumus bersarang terlalu dalam.", NULL);
        return -1;
    }
    return 0;
}

static void push_paren(parser *p, int is_call)
{
    p->call[p->parens++] = (unsigned char)is_call;
}

static void expect_rp(parser *p, size_t open_off)
{
    if (p->failed) return;
    if (p->tok.kind != T_RP) {
        fail_at(p, p->tok.kind == T_END ? open_off : p->tok.off,
                p->tok.kind == T_END ? "Tanda kurung ini tidak ditutup." : "Diharapkan tanda kurung tutup ')'.", NULL);
        return;
    }
    p->parens--;
    next(p);
}

static const struct {
    const char *name;
    node_op op;
    int min_args, max_args;   /* max -1: any number */
} FUNCS[] = {
    {"if", N_IF, 3, 3}, {"min", N_MIN, 2, -1}, {"max", N_MAX, 2, -1}, {"round", N_ROUND, 1, 2},
    {"ceil", N_CEIL, 1, 1}, {"floor", N_FLOOR, 1, 1}, {"abs", N_ABS, 1, 1}, {"and", N_AND, 2, -1},
    {"or", N_OR, 2, -1}, {"not", N_NOT, 1, 1}, {"harga", N_PRICE, 1, 1},
};

static int name_is(const parser *p, const token *t, const char *name)
{
    return strlen(name) == t->len && strncmp(p->s + t->off, name, t->len) == 0;
}

static int name_ieq(const parser *p, const token *t, const char *name)
{
    if (strlen(name) != t->len) return 0;
    for (size_t i = 0; i < t->len; i++) {
        char c = p->s[t->off + i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != name[i]) return 0;
    }
    return 1;
}

/* An input's index, or -1. */
static int find_var(const parser *p, const token *t)
{
    for (size_t i = 0; i < p->nvars; i++)
        if (name_is(p, t, p->vars[i].name)) return (int)i;
    return -1;
}

static int find_def(const parser *p, const token *t)
{
    for (size_t i = 0; i < p->f->ndefs; i++)
        if (name_is(p, t, p->f->def_names[i])) return (int)i;
    return -1;
}

static int parse_call(parser *p, const token *name)
{
    size_t fi = 0, nf = sizeof FUNCS / sizeof FUNCS[0];
    while (fi < nf && !name_ieq(p, name, FUNCS[fi].name)) fi++;
    if (fi == nf) {
        fail_at(p, name->off, "Fungsi tidak dikenal.", arena_strndup(p->a, p->s + name->off, name->len));
        return -1;
    }
    size_t open = p->tok.off;
    push_paren(p, 1);
    next(p);
    if (FUNCS[fi].op == N_PRICE) {
        token arg = p->tok;
        int v = arg.kind == T_NAME ? find_var(p, &arg) : -1;
        if (v < 0 || p->vars[v].kind != FV_ITEM) {
            if (!p->failed)
                fail_at(p, arg.off, "harga() memerlukan kode komponen tarif yang memiliki harga.",
                        arg.kind == T_NAME ? arena_strndup(p->a, p->s + arg.off, arg.len) : NULL);
            return -1;
        }
        next(p);
        expect_rp(p, open);
        int n = node(p, N_PRICE, name->off, -1, -1, -1);
        if (n >= 0) {
            p->f->nodes[n].index = v;
            p->f->uses[v] = 1;
        }
        return n;
    }
    int args[3] = {-1, -1, -1}, acc = -1, count = 0;
    if (p->tok.kind == T_RP) {
        fail_at(p, p->tok.off, "Fungsi ini memerlukan argumen.", arena_strndup(p->a, p->s + name->off, name->len));
        return -1;
    }
    for (;;) {
        int e = parse_expr(p);
        if (p->failed) return -1;
        count++;
        if (FUNCS[fi].max_args < 0) {
            /* min/max/and/or fold left: min(a, b, c) = min(min(a, b), c). */
            acc = acc < 0 ? e : node(p, FUNCS[fi].op, name->off, acc, e, -1);
        } else if (count <= FUNCS[fi].max_args) {
            args[count - 1] = e;
        }
        if (p->tok.kind != T_SEP) break;
        next(p);
    }
    if (count < FUNCS[fi].min_args || (FUNCS[fi].max_args >= 0 && count > FUNCS[fi].max_args)) {
        fail_at(p, name->off, "Jumlah argumen fungsi tidak sesuai.", arena_strndup(p->a, p->s + name->off, name->len));
        return -1;
    }
    expect_rp(p, open);
    if (FUNCS[fi].max_args < 0) return acc;
    return node(p, FUNCS[fi].op, name->off, args[0], args[1], args[2]);
}

static int parse_primary(parser *p)
{
    if (p->failed) return -1;
    token t = p->tok;
    if (enter(p, t.off)) return -1;
    int n = -1;
    switch (t.kind) {
    case T_NUM:
        next(p);
        n = node(p, N_NUM, t.off, -1, -1, -1);
        if (n >= 0) p->f->nodes[n].num = t.num;
        break;
    case T_NAME:
        next(p);
        if (p->failed) return -1;
        if (p->tok.kind == T_LP) {
            n = parse_call(p, &t);
            break;
        }
        int v = find_var(p, &t);
        if (v >= 0) {
            n = node(p, N_VAR, t.off, -1, -1, -1);
            if (n >= 0) {
                p->f->nodes[n].index = v;
                p->f->uses[v] = 1;
            }
            break;
        }
        int d = find_def(p, &t);
        if (d >= 0) {
            n = node(p, N_DEF, t.off, -1, -1, -1);
            if (n >= 0) p->f->nodes[n].index = d;
            break;
        }
        fail_at(p, t.off, "Nama tidak dikenal.", arena_strndup(p->a, p->s + t.off, t.len));
        return -1;
    case T_LP: {
        push_paren(p, 0);
        next(p);
        n = parse_expr(p);
        expect_rp(p, t.off);
        break;
    }
    case T_MINUS:
    case T_PLUS:
        next(p);
        n = parse_primary(p);
        if (t.kind == T_MINUS) n = node(p, N_NEG, t.off, n, -1, -1);
        break;
    case T_END:
    case T_NEWLINE:
        fail_at(p, t.off, "Rumus berakhir terlalu cepat: diharapkan angka, nama atau '('.", NULL);
        return -1;
    default:
        fail_at(p, t.off, "Diharapkan angka, nama atau '('.", arena_strndup(p->a, p->s + t.off, t.len));
        return -1;
    }
    p->depth--;
    return p->failed ? -1 : n;
}

static int parse_mul(parser *p)
{
    int left = parse_primary(p);
    while (!p->failed && (p->tok.kind == T_MUL || p->tok.kind == T_DIV)) {
        token op = p->tok;
        next(p);
        int right = parse_primary(p);
        left = node(p, op.kind == T_MUL ? N_MUL : N_DIV, op.off, left, right, -1);
    }
    return left;
}

static int parse_add(parser *p)
{
    int left = parse_mul(p);
    while (!p->failed && (p->tok.kind == T_PLUS || p->tok.kind == T_MINUS)) {
        token op = p->tok;
        next(p);
        int right = parse_mul(p);
        left = node(p, op.kind == T_PLUS ? N_ADD : N_SUB, op.off, left, right, -1);
    }
    return left;
}

static int cmp_op(tok_kind k, node_op *op)
{
    switch (k) {
    case T_LT: *op = N_LT; return 1;
    case T_LE: *op = N_LE; return 1;
    case T_GT: *op = N_GT; return 1;
    case T_GE: *op = N_GE; return 1;
    case T_EQ: *op = N_EQ; return 1;
    case T_NE: *op = N_NE; return 1;
    default: return 0;
    }
}

static int parse_expr(parser *p)
{
    if (enter(p, p->tok.off)) return -1;
    int left = parse_add(p);
    node_op op;
    if (!p->failed && cmp_op(p->tok.kind, &op)) {
        token t = p->tok;
        next(p);
        int right = parse_add(p);
        left = node(p, op, t.off, left, right, -1);
        if (!p->failed && cmp_op(p->tok.kind, &op))
            fail_at(p, p->tok.off, "Perbandingan tidak boleh berantai; gunakan and(a < b, b < c).", NULL);
    }
    if (!p->failed && p->tok.kind == T_ASSIGN)
        fail_at(p, p->tok.off, "'=' hanya untuk memberi nama di awal baris; untuk membandingkan gunakan '=='.", NULL);
    p->depth--;
    return p->failed ? -1 : left;
}

/* One line: "NAME = expr" (a definition) or the total. */
static void parse_program(parser *p)
{
    next(p);
    while (!p->failed && p->tok.kind == T_NEWLINE) next(p);
    for (;;) {
        if (p->failed) return;
        if (p->tok.kind == T_END) {
            fail_at(p, p->tok.off, p->f->ndefs ? "Baris terakhir harus berupa rumus total, bukan definisi nama."
                                               : "Rumus kosong.", NULL);
            return;
        }
        size_t save_pos = p->pos;
        token first = p->tok;
        int is_def = 0;
        if (first.kind == T_NAME) {
            next(p);
            if (p->failed) return;
            is_def = p->tok.kind == T_ASSIGN;
            if (!is_def) {            /* not a definition: read the line again as an expression */
                p->pos = save_pos;
                p->tok = first;
                p->prev_continues = 0;
            }
        }
        if (is_def) {
            if (find_var(p, &first) >= 0 || find_def(p, &first) >= 0) {
                fail_at(p, first.off, "Nama ini sudah dipakai.", arena_strndup(p->a, p->s + first.off, first.len));
                return;
            }
            if (p->f->ndefs >= FORMULA_MAX_DEFS) {
                fail_at(p, first.off, "Terlalu banyak baris definisi: paling banyak 16.", NULL);
                return;
            }
            next(p);
            int e = parse_expr(p);
            if (p->failed) return;
            p->f->def_names[p->f->ndefs] = arena_strndup(p->a, p->s + first.off, first.len);
            p->f->def_root[p->f->ndefs++] = e;
        } else {
            p->f->root = parse_expr(p);
            if (p->failed) return;
        }
        if (p->tok.kind == T_RP) {
            fail_at(p, p->tok.off, "Tanda kurung tutup ini tidak punya pasangan '('.", NULL);
            return;
        }
        if (p->tok.kind != T_NEWLINE && p->tok.kind != T_END) {
            fail_at(p, p->tok.off, "Diharapkan operator atau akhir baris.", arena_strndup(p->a, p->s + p->tok.off, p->tok.len));
            return;
        }
        while (p->tok.kind == T_NEWLINE) next(p);
        if (p->failed) return;
        if (!is_def) {
            if (p->tok.kind != T_END)
                fail_at(p, p->tok.off, "Hanya baris terakhir yang boleh berupa rumus total; baris lain harus berbentuk NAMA = rumus.", NULL);
            return;
        }
    }
}

formula *formula_compile(arena *a, const char *text, const formula_var *vars, size_t nvars, formula_error *err)
{
    memset(err, 0, sizeof *err);
    if (!text || !*text) {
        err->what = "Rumus kosong.";
        return NULL;
    }
    size_t len = strnlen(text, FORMULA_MAX_BYTES + 1);
    if (len > FORMULA_MAX_BYTES) {
        err->what = "Rumus terlalu panjang: paling banyak 4000 karakter.";
        return NULL;
    }
    if (!utf8_valid(text, len)) {
        err->what = "Rumus berisi karakter yang tidak sah.";
        return NULL;
    }
    formula *f = arena_alloc(a, sizeof *f);
    f->text = arena_strndup(a, text, len);
    f->nodes = arena_alloc(a, FORMULA_MAX_NODES * sizeof *f->nodes);
    f->def_names = arena_alloc(a, FORMULA_MAX_DEFS * sizeof *f->def_names);
    f->def_root = arena_alloc(a, FORMULA_MAX_DEFS * sizeof *f->def_root);
    f->nvars = nvars;
    f->uses = arena_alloc(a, nvars + 1);
    f->root = -1;
    parser p = {.a = a, .f = f, .s = f->text, .vars = vars, .nvars = nvars, .err = err};
    parse_program(&p);
    if (p.failed) return NULL;
    return f;
}

size_t formula_def_count(const formula *f) { return f->ndefs; }
const char *formula_def_name(const formula *f, size_t i) { return i < f->ndefs ? f->def_names[i] : NULL; }
int formula_uses(const formula *f, size_t var_index) { return var_index < f->nvars && f->uses[var_index]; }

/* ---- evaluation ---- */

typedef struct {
    const formula *f;
    const formula_value *values;
    const dec *defs;
    formula_error *err;
} evaluator;

static int eval_fail(evaluator *e, const fnode *n, const char *what)
{
    e->err->what = what;
    e->err->detail = NULL;
    where(e->f->text, n->off, &e->err->line, &e->err->col);
    return -1;
}

static const char *const OVERFLOW = "Hasil perhitungan melebihi batas (10^18).";

static int ev(evaluator *e, int i, dec *out)
{
    const fnode *n = &e->f->nodes[i];
    dec x = {0}, y = {0};
    switch (n->op) {
    case N_NUM: *out = n->num; return 0;
    case N_VAR: *out = e->values[n->index].value; return 0;
    case N_PRICE: *out = e->values[n->index].price; return 0;
    case N_DEF: *out = e->defs[n->index]; return 0;
    case N_IF:
        if (ev(e, n->a, &x)) return -1;
        return ev(e, dec_is_zero(x) ? n->c : n->b, out);
    case N_AND:
    case N_OR:
        if (ev(e, n->a, &x)) return -1;
        if (n->op == N_AND ? dec_is_zero(x) : !dec_is_zero(x)) {
            *out = dec_from_int(n->op == N_OR);
            return 0;
        }
        if (ev(e, n->b, &y)) return -1;
        *out = dec_from_int(!dec_is_zero(y));
        return 0;
    default: break;
    }
    if (ev(e, n->a, &x)) return -1;
    if (n->b >= 0 && ev(e, n->b, &y)) return -1;
    switch (n->op) {
    case N_NEG: out->v = -x.v; return 0;
    case N_ADD: return dec_add(x, y, out) ? eval_fail(e, n, OVERFLOW) : 0;
    case N_SUB: return dec_sub(x, y, out) ? eval_fail(e, n, OVERFLOW) : 0;
    case N_MUL: return dec_mul(x, y, out) ? eval_fail(e, n, OVERFLOW) : 0;
    case N_DIV:
        if (dec_is_zero(y)) return eval_fail(e, n, "Pembagian dengan nol.");
        return dec_div(x, y, out) ? eval_fail(e, n, OVERFLOW) : 0;
    case N_LT: *out = dec_from_int(dec_cmp(x, y) < 0); return 0;
    case N_LE: *out = dec_from_int(dec_cmp(x, y) <= 0); return 0;
    case N_GT: *out = dec_from_int(dec_cmp(x, y) > 0); return 0;
    case N_GE: *out = dec_from_int(dec_cmp(x, y) >= 0); return 0;
    case N_EQ: *out = dec_from_int(dec_cmp(x, y) == 0); return 0;
    case N_NE: *out = dec_from_int(dec_cmp(x, y) != 0); return 0;
    case N_MIN: *out = dec_cmp(x, y) <= 0 ? x : y; return 0;
    case N_MAX: *out = dec_cmp(x, y) >= 0 ? x : y; return 0;
    case N_NOT: *out = dec_from_int(dec_is_zero(x)); return 0;
    case N_ABS: out->v = x.v < 0 ? -x.v : x.v; return 0;
    case N_FLOOR: *out = dec_floor(x); return 0;
    case N_CEIL:
        *out = dec_ceil(x);
        return dec_add(*out, dec_zero(), out) ? eval_fail(e, n, OVERFLOW) : 0;
    case N_ROUND: {
        int64_t digits = 0;
        if (n->b >= 0 && (!dec_is_int(y) || dec_to_int64(y, &digits) || digits < -12 || digits > DEC_DIGITS))
            return eval_fail(e, n, "round(x, n): n harus bilangan bulat dari -12 sampai 6.");
        return dec_round(x, (int)digits, out) ? eval_fail(e, n, OVERFLOW) : 0;
    }
    default: return eval_fail(e, n, "Operasi tidak dikenal.");
    }
}

int formula_eval(const formula *f, const formula_value *values, dec *result, dec *defs, formula_error *err)
{
    memset(err, 0, sizeof *err);
    dec local[FORMULA_MAX_DEFS];
    evaluator e = {f, values, local, err};
    for (size_t i = 0; i < f->ndefs; i++) {
        if (ev(&e, f->def_root[i], &local[i])) return -1;
        if (defs) defs[i] = local[i];
    }
    return ev(&e, f->root, result);
}
