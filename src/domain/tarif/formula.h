/* domain/tarif/formula.h — the tarif formula engine (SPEC 4.14): a small, safe language
 * of its own for retribution formulas, never a general-purpose interpreter.
 *
 * A formula is one or more lines.  Every line but the last defines a name used by later
 * lines ("It = If × (0,3 × Ik + 0,2 × Ip + 0,5 × Ih) × Fm"); the last line is the total
 * ("L × It × 1,00 × HSbg").  Expressions have
 *   numbers       1500000, 0.75, 1,00 (a decimal comma is read as such outside a
 *                 function's parentheses; inside them write 1.5, and "max(1, 2)"
 *                 separates arguments with a comma and a space, or with ';')
 *   operators     + - * / and the typed × ÷ − ·, parentheses, comparisons
 *                 == != <> < <= > >= ≤ ≥ ≠ (1 when true, 0 when false)
 *   functions     if(c, a, b), min(a, b, …), max(a, b, …), round(x) / round(x, n),
 *                 ceil(x), floor(x), abs(x), and(a, b, …), or(a, b, …), not(a),
 *                 harga(KODE): the price of item KODE in the category chosen for it
 *   names         the tarif's inputs (case-sensitive), and names defined on earlier
 *                 lines; an item's name is its quantity
 *   comments      from # to the end of the line
 * A line break inside parentheses or after an operator continues the expression.
 *
 * Arithmetic is exact decimal (domain/tarif/decimal.h).  Limits: FORMULA_MAX_BYTES of
 * text, FORMULA_MAX_DEPTH of nesting, FORMULA_MAX_NODES operations, FORMULA_MAX_DEFS
 * definitions — so evaluation visits each operation at most once and is bounded in time
 * and memory.  Errors name the line and column (in characters) and say what is wrong.
 *
 * Memory: a compiled formula and every string in an error live in the caller's arena.
 * A compiled formula is read-only and may be evaluated by several threads at once. */
#ifndef LOKET_FORMULA_H
#define LOKET_FORMULA_H
#include <stddef.h>
#include "domain/tarif/decimal.h"
#include "util/arena.h"

#define FORMULA_MAX_BYTES 4000
#define FORMULA_MAX_DEPTH 40
#define FORMULA_MAX_NODES 500
#define FORMULA_MAX_DEFS 16
#define FORMULA_NAME_MAX 40

/* An input the formula may use: a number (a parameter, or the value of the category
 * chosen in an index table), or a priced item (its name is the quantity; harga(name)
 * its price in the chosen category). */
typedef enum { FV_NUMBER, FV_ITEM } formula_var_kind;
typedef struct {
    const char *name;
    formula_var_kind kind;
} formula_var;

/* The value of each input at evaluation, parallel to the formula_var array. */
typedef struct {
    dec value;      /* the number, or the item's quantity */
    dec price;      /* FV_ITEM: the price in the chosen category */
} formula_value;

typedef struct {
    const char *what;     /* a static Indonesian sentence (html/i18n.h translates it); NULL = no error */
    const char *detail;   /* the offending name or text, or NULL */
    int line, col;        /* 1-based, in characters; 0 when not about one place */
} formula_error;

typedef struct formula formula;

/* Compiles `text` against the inputs `vars` (names must be unique; borrowed for the life
 * of the formula).  NULL with *err filled when the text is empty, too long, not valid
 * UTF-8, does not parse, nests too deep, uses an unknown name or function, or calls a
 * function with the wrong number of arguments. */
formula *formula_compile(arena *a, const char *text, const formula_var *vars, size_t nvars, formula_error *err);

size_t formula_def_count(const formula *f);
const char *formula_def_name(const formula *f, size_t i);
/* 1 if the formula reads input i (so a form may leave the others out). */
int formula_uses(const formula *f, size_t var_index);

/* Evaluates with one value per input.  0 with *result (and defs[i] for each definition,
 * when defs is not NULL) set; -1 with *err filled on division by zero, overflow, or a
 * bad argument to round(). */
int formula_eval(const formula *f, const formula_value *values, dec *result, dec *defs, formula_error *err);

#endif
