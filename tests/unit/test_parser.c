/* test_parser.c: Criterion tests for parse_program (suite "parser"): AST shapes for each
 * construct (compared as S-expressions from front_dump.h), precedence, ASI, regex vs divide,
 * node positions and source ranges, strict mode, V8-worded errors with positions, nesting
 * limits and garbage input. Each test gets a fresh arena.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "parser/ast.h"
#include "tests/unit/front_dump.h"

static Arena *arena;

static void setup(void) { arena = arena_new(); }
static void teardown(void) { arena_free(arena); }

TestSuite(parser, .init = setup, .fini = teardown);

static Node *parse_ok(const char *src) {
    ParseError err;
    Node *p = parse_program(arena, src, strlen(src), false, &err);
    cr_assert_not_null(p, "parse of %s failed: %d:%d %s", src, err.line, err.col, err.message);
    return p;
}

static Node *first_stmt(const char *src) { return parse_ok(src)->u.program.body.head; }

/* The expression of the first statement (an expression statement). */
static Node *first_expr(const char *src) {
    Node *s = first_stmt(src);
    cr_assert_eq(s->kind, N_EXPR_STMT, "%s: first statement is kind %d", src, s->kind);
    return s->u.unary.expr;
}

struct ast_case {
    char src[160];
    char want[400];
};

static void check_ast(const struct ast_case *c) {
    char *got = front_parse_dump(c->src, strlen(c->src), false);
    cr_assert_str_eq(got, c->want, "source: %s", c->src);
    free(got);
}

/* ------------------------------------------------------------------ expressions */

ParameterizedTestParameters(parser, expressions) {
    static struct ast_case cases[] = {
        {"1 + 2 * 3", "(expr (+ 1 (* 2 3)))"},
        {"(1 + 2) * 3", "(expr (* (+ 1 2) 3))"},
        {"a - b - c", "(expr (- (- a b) c))"},
        {"a ** b ** c", "(expr (** a (** b c)))"},
        {"(-a) ** 2", "(expr (** (- a) 2))"},
        {"++a ** 2", "(expr (** (pre++ a) 2))"},
        {"a || b && c | d ^ e & f", "(expr (|| a (&& b (| c (^ d (& e f))))))"},
        {"a == b != c === d !== e", "(expr (!== (=== (!= (== a b) c) d) e))"},
        {"a < b > c <= d >= e", "(expr (>= (<= (> (< a b) c) d) e))"},
        {"a in b instanceof c", "(expr (instanceof (in a b) c))"},
        {"a << b >> c >>> d", "(expr (>>> (>> (<< a b) c) d))"},
        {"a + b << c", "(expr (<< (+ a b) c))"},
        {"a % b / c * d", "(expr (* (/ (% a b) c) d))"},
        {"a ?? b ?? c", "(expr (?? (?? a b) c))"},
        {"(a || b) ?? c", "(expr (?? (|| a b) c))"},
        {"a ?? (b && c)", "(expr (?? a (&& b c)))"},
        {"!a instanceof B", "(expr (instanceof (! a) B))"},
        {"typeof a === 'string'", "(expr (=== (typeof a) \"string\"))"},
        {"void 0, delete a.b, ~x, +y, -z", "(expr (, (void 0) (delete (. a b)) (~ x) (+ y) (- z)))"},
        {"- -a", "(expr (- (- a)))"},
        {"a++ + ++b - c-- - --d", "(expr (- (- (+ (post++ a) (pre++ b)) (post-- c)) (pre-- d)))"},
        {"a = b = c", "(expr (= a (= b c)))"},
        {"a += b -= c", "(expr (+= a (-= b c)))"},
        {"x *= 2; x /= 2; x %= 2; x **= 2",
         "(expr (*= x 2)) (expr (/= x 2)) (expr (%= x 2)) (expr (**= x 2))"},
        {"x <<= 1; x >>= 1; x >>>= 1", "(expr (<<= x 1)) (expr (>>= x 1)) (expr (>>>= x 1))"},
        {"x &= 1; x |= 1; x ^= 1", "(expr (&= x 1)) (expr (|= x 1)) (expr (^= x 1))"},
        {"a ? b : c ? d : e", "(expr (? a b (? c d e)))"},
        {"a ? b = 1 : c = 2", "(expr (? a (= b 1) (= c 2)))"},
        {"a || b ? c : d", "(expr (? (|| a b) c d))"},
        {"x = a ? b : c", "(expr (= x (? a b c)))"},
        {"a, b, c", "(expr (, a b c))"},
        {"(a, b), c", "(expr (, (, a b) c))"},
        {"(a)", "(expr a)"},
        {"(a.b) = 1", "(expr (= (. a b) 1))"},
        {"a[0][1] = 2", "(expr (= ([] ([] a 0) 1) 2))"},
        {"a.b.c", "(expr (. (. a b) c))"},
        {"a.if.default.class.new", "(expr (. (. (. (. a if) default) class) new))"},
        {"f`x`", "(expr (call f (tagged \"x\" raw \"x\")))"},
        {"a = b\n`t${1}\\n`", "(expr (= a (call b (tagged \"t\" \"\\n\" raw \"t\" \"\\\\n\") 1)))"},
        {"x = `a` `b`", "(expr (= x (call (tmpl \"a\") (tagged \"b\" raw \"b\"))))"},
        {"class A extends B { static get x() {} set y(v) {} static; z = 1; static w }",
         "(class A B static (get x (fn - strict method getter ())) (set y (fn - strict method setter (v))) fields:2 static-fields:1)"},
        {"a.true.null.in.of.get.set", "(expr (. (. (. (. (. (. a true) null) in) of) get) set))"},
        {"f()", "(expr (call f))"},
        {"f(a, b)", "(expr (call f a b))"},
        {"f(a,)", "(expr (call f a))"},
        {"f(...a, b, ...c)", "(expr (call f (... a) b (... c)))"},
        {"a.b(c)(d)[e].f()", "(expr (call (. ([] (call (call (. a b) c) d) e) f)))"},
        {"new F", "(expr (new F))"},
        {"new F(1)", "(expr (new F 1))"},
        {"new a.b.C()", "(expr (new (. (. a b) C)))"},
        {"new a.b().c", "(expr (. (new (. a b)) c))"},
        {"new new X()()", "(expr (new (new X)))"},
        {"new new X", "(expr (new (new X)))"},
        {"new (f())(1)", "(expr (new (call f) 1))"},
        {"new f()(1)", "(expr (call (new f) 1))"},
        {"new X(...a)", "(expr (new X (... a)))"},
        {"this.x = null", "(expr (= (. this x) null))"},
        {"[true, false]", "(expr (array true false))"},
    };
    return cr_make_param_array(struct ast_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct ast_case *c, parser, expressions) { check_ast(c); }

ParameterizedTestParameters(parser, literals) {
    static struct ast_case cases[] = {
        {"x = [,,1,,...a,]", "(expr (= x (array hole hole 1 hole (... a))))"},
        {"x = []", "(expr (= x (array)))"},
        {"x = [,]", "(expr (= x (array hole)))"},
        {"x = [1,]", "(expr (= x (array 1)))"},
        {"x = [1,,]", "(expr (= x (array 1 hole)))"},
        {"x = {}", "(expr (= x (object)))"},
        {"x = {a: 1, 'b': 2, 3: 4, [c]: 5,}",
         "(expr (= x (object (prop a 1) (prop \"b\" 2) (prop 3 4) (prop [c] 5))))"},
        {"x = {a, b}", "(expr (= x (object (prop* a a) (prop* b b))))"},
        {"x = {if: 1, class: 2, null: 3, in: 4}",
         "(expr (= x (object (prop if 1) (prop class 2) (prop null 3) (prop in 4))))"},
        {"x = {f() {}, 'g'(a) { return a }, [h]() {}}",
         "(expr (= x (object (prop f (fn - method ())) (prop \"g\" (fn - method (a) (return a))) "
         "(prop [h] (fn - method ())))))"},
        {"x = {get a() { return 1 }, set a(v) {}}",
         "(expr (= x (object (get a (fn - method getter () (return 1))) (set a (fn - method "
         "setter (v))))))"},
        {"x = {get: 1, set: 2, get() {}, set}",
         "(expr (= x (object (prop get 1) (prop set 2) (prop get (fn - method ())) (prop* set "
         "set))))"},
        {"x = {get if() {}, set [k](v) {}, get 1() {}, get 'q'() {}}",
         "(expr (= x (object (get if (fn - method getter ())) (set [k] (fn - method setter (v))) "
         "(get 1 (fn - method getter ())) (get \"q\" (fn - method getter ())))))"},
        {"x = 'a' + \"b\"", "(expr (= x (+ \"a\" \"b\")))"},
        {"x = 0x10 + 1e1 + .5", "(expr (= x (+ (+ 16 10) 0.5)))"},
        {"x = `a${b}c${d + 1}e`", "(expr (= x (tmpl \"a\" b \"c\" (+ d 1) \"e\")))"},
        {"x = `plain`", "(expr (= x (tmpl \"plain\")))"},
        {"x = `${a}`", "(expr (= x (tmpl \"\" a \"\")))"},
        {"x = `a${`b${c}`}d`", "(expr (= x (tmpl \"a\" (tmpl \"b\" c \"\") \"d\")))"},
        {"x = `${ {a: 1}.a }`", "(expr (= x (tmpl \"\" (. (object (prop a 1)) a) \"\")))"},
        {"x = `${function () { return {} }}`",
         "(expr (= x (tmpl \"\" (fn - () (return (object))) \"\")))"},
        {"x = /ab+c/gi", "(expr (= x /ab+c/gi))"},
        {"x = /[/]/.test(s)", "(expr (= x (call (. /[/]/ test) s)))"},
    };
    return cr_make_param_array(struct ast_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct ast_case *c, parser, literals) { check_ast(c); }

ParameterizedTestParameters(parser, functions) {
    static struct ast_case cases[] = {
        {"function f(a, b) { return a + b }", "(fn f decl (a b) (return (+ a b)))"},
        {"function f(a, b = 1, ...c) {}", "(fn f decl rest (a (b 1) c))"},
        {"function f(a,) {}", "(fn f decl (a))"},
        {"x = function () {}", "(expr (= x (fn - ())))"},
        {"x = function g(x) { return g }", "(expr (= x (fn g (x) (return g))))"},
        {"(function () {})()", "(expr (call (fn - ())))"},
        {"(function () {}())", "(expr (call (fn - ())))"},
        {"x => x * 2", "(expr (fn - arrow expr (x) (* x 2)))"},
        {"(x) => x", "(expr (fn - arrow expr (x) x))"},
        {"() => {}", "(expr (fn - arrow ()))"},
        {"(a, b) => { return a }", "(expr (fn - arrow (a b) (return a)))"},
        {"(a, b = 1, ...c) => c", "(expr (fn - arrow expr rest (a (b 1) c) c))"},
        {"(...c) => c", "(expr (fn - arrow expr rest (c) c))"},
        {"(a,) => a", "(expr (fn - arrow expr (a) a))"},
        {"x = a => b => a + b", "(expr (= x (fn - arrow expr (a) (fn - arrow expr (b) (+ a b)))))"},
        {"x = () => ({})", "(expr (= x (fn - arrow expr () (object))))"},
        {"x = () => {}", "(expr (= x (fn - arrow ())))"},
        {"f(a => a, b)", "(expr (call f (fn - arrow expr (a) a) b))"},
        {"x = a ? b => 1 : c => 2",
         "(expr (= x (? a (fn - arrow expr (b) 1) (fn - arrow expr (c) 2))))"},
        {"x = (a, b) => a, c", "(expr (, (= x (fn - arrow expr (a b) a)) c))"},
        {"function f() { 'use strict'; return 1 }",
         "(fn f decl strict () (expr \"use strict\") (return 1))"},
        {"function f() { 'a'; \"use strict\"; }",
         "(fn f decl strict () (expr \"a\") (expr \"use strict\"))"},
        {"function f() { x; 'use strict'; }", "(fn f decl () (expr x) (expr \"use strict\"))"},
        {"function f() { ('use strict'); }", "(fn f decl () (expr \"use strict\"))"},
        {"function f() { 'use strict'.length }", "(fn f decl () (expr (. \"use strict\" length)))"},
        {"function f() { 'use\\x20strict' }", "(fn f decl () (expr \"use strict\"))"},
        {"function f() { 'use strict'\n }", "(fn f decl strict () (expr \"use strict\"))"},
        {"function f() { 'use strict'; function g() {} }",
         "(fn f decl strict () (expr \"use strict\") (fn g decl strict ()))"},
        {"function f() { 'use strict'; return () => 1 }",
         "(fn f decl strict () (expr \"use strict\") (return (fn - arrow expr strict () 1)))"},
        {"function f() { 'use strict'; return {m() {}} }",
         "(fn f decl strict () (expr \"use strict\") (return (object (prop m (fn - strict method "
         "())))))"},
        {"function f() { function g() { 'use strict' } h => 1 }",
         "(fn f decl () (fn g decl strict () (expr \"use strict\")) (expr (fn - arrow expr (h) "
         "1)))"},
    };
    return cr_make_param_array(struct ast_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct ast_case *c, parser, functions) { check_ast(c); }

/* ------------------------------------------------------------------ statements */

ParameterizedTestParameters(parser, statements) {
    static struct ast_case cases[] = {
        {"var a, b = 1, c", "(var a (b 1) c)"},
        {"let a = 1; const b = 2", "(let (a 1)) (const (b 2))"},
        {"{ let a; { const b = 1 } }", "(block (let a) (block (const (b 1))))"},
        {"if (a) b; else c", "(if a (expr b) (expr c))"},
        {"if (a) if (b) c; else d", "(if a (if b (expr c) (expr d)))"},
        {"if (a) {} else if (b) {} else {}", "(if a (block) (if b (block) (block)))"},
        {"if (a) function f() {}", "(if a (fn f decl ()))"},
        {"while (a) b()", "(while a (expr (call b)))"},
        {"do a(); while (b)", "(do (expr (call a)) b)"},
        {"do a(); while (b) c()", "(do (expr (call a)) b) (expr (call c))"},
        {"do ; while (0);", "(do empty 0)"},
        {"for (;;) {}", "(for - - - (block))"},
        {"for (var i = 0, n = a.length; i < n; i++) x()",
         "(for (var (i 0) (n (. a length))) (< i n) (post++ i) (expr (call x)))"},
        {"for (let i = 0; i < 3; ++i);", "(for (let (i 0)) (< i 3) (pre++ i) empty)"},
        {"for (i = 0; i < n; i++);", "(for (= i 0) (< i n) (post++ i) empty)"},
        {"for ((a in b);;);", "(for (in a b) - - empty)"},
        {"for (x = [a in b];;);", "(for (= x (array (in a b))) - - empty)"},
        {"for (x = function () { return a in b };;);",
         "(for (= x (fn - () (return (in a b)))) - - empty)"},
        {"for (;a in b;);", "(for - (in a b) - empty)"},
        {"for (x in y);", "(for-in x y empty)"},
        {"for (x.y in z);", "(for-in (. x y) z empty)"},
        {"for (var x in y) {}", "(for-in (var x) y (block))"},
        {"for (let x in y);", "(for-in (let x) y empty)"},
        {"for (const x in y);", "(for-in (const x) y empty)"},
        {"for (var x = 1 in y);", "(for-in (var (x 1)) y empty)"},
        {"for (a in b in c);", "(for-in a (in b c) empty)"},
        {"for (x of y);", "(for-of x y empty)"},
        {"for (var x of y);", "(for-of (var x) y empty)"},
        {"for (let x of [1, 2]) {}", "(for-of (let x) (array 1 2) (block))"},
        {"for (const x of a = b);", "(for-of (const x) (= a b) empty)"},
        {"for (of of of);", "(for-of of of empty)"},
        {"lbl: for (;;) { break lbl; continue lbl; }",
         "(label lbl (for - - - (block (break lbl) (continue lbl))))"},
        {"a: b: while (1) continue a;", "(label a (label b (while 1 (continue a))))"},
        {"a: { break a; }", "(label a (block (break a)))"},
        {"while (1) { break; continue }", "(while 1 (block (break) (continue)))"},
        {"switch (x) { case 1: a; break; case 2: default: b }",
         "(switch x (case 1 (expr a) (break)) (case 2) (default (expr b)))"},
        {"switch (x) {}", "(switch x)"},
        {"try { a } catch (e) { b }", "(try (block (expr a)) (catch e (block (expr b))))"},
        {"try {} finally { c }", "(try (block) (finally (block (expr c))))"},
        {"try {} catch { } finally {}", "(try (block) (catch - (block)) (finally (block)))"},
        {"throw new Error('x')", "(throw (new Error \"x\"))"},
        {"with (o) x", "(with o (expr x))"},
        {"debugger;", "debugger"},
        {";;", "empty empty"},
        {"if (a);", "(if a empty)"},
        {"{}", "(block)"},
        {"{ a: 1 }", "(block (label a (expr 1)))"},
        {"function f() { return }", "(fn f decl () (return))"},
        {"function f() { return; }", "(fn f decl () (return))"},
        {"x = function () { return 1, 2 }", "(expr (= x (fn - () (return (, 1 2)))))"},
        {"label: function f() {}", "(label label (fn f decl ()))"},
    };
    return cr_make_param_array(struct ast_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct ast_case *c, parser, statements) { check_ast(c); }

/* ------------------------------------------------------------------ ASI, regex vs divide */

ParameterizedTestParameters(parser, asi) {
    static struct ast_case cases[] = {
        {"a\nb", "(expr a) (expr b)"},
        {"a = 1\nb = 2", "(expr (= a 1)) (expr (= b 2))"},
        {"var a = 1\nvar b", "(var (a 1)) (var b)"},
        {"{ a }", "(block (expr a))"},
        {"{ a } b", "(block (expr a)) (expr b)"},
        {"a = b\n(c)", "(expr (= a (call b c)))"},
        {"a = b\n[c]", "(expr (= a ([] b c)))"},
        {"a\n++b", "(expr a) (expr (pre++ b))"},
        {"a\n--b", "(expr a) (expr (pre-- b))"},
        {"a = \n++b", "(expr (= a (pre++ b)))"},
        {"a++\nb", "(expr (post++ a)) (expr b)"},
        {"function f() { return\na }", "(fn f decl () (return) (expr a))"},
        {"function f() { return /* c */ a }", "(fn f decl () (return a))"},
        {"function f() { return /*\n*/ a }", "(fn f decl () (return) (expr a))"},
        {"function f() { return // c\na }", "(fn f decl () (return) (expr a))"},
        {"x: while (1) { break\nx }", "(label x (while 1 (block (break) (expr x))))"},
        {"while (1) { continue\nx }", "(while 1 (block (continue) (expr x)))"},
        {"while (1) { break }", "(while 1 (block (break)))"},
        {"while (1) if (a) continue\n; else b", "(while 1 (if a (continue) (expr b)))"},
        {"function f() { return\n; }", "(fn f decl () (return))"},
        {"do x\nwhile (y)", "(do (expr x) y)"},
        {"do {} while (y) z", "(do (block) y) (expr z)"},
        {"if (a) b\nelse c", "(if a (expr b) (expr c))"},
        {"x = function () {}\n(1)", "(expr (= x (call (fn - ()) 1)))"},
        {"a\n/b/g", "(expr (/ (/ a b) g))"},
        {"var a = 1, b = 2\n, c", "(var (a 1) (b 2) c)"},
        {"a\n.b", "(expr (. a b))"},
        {"x\n?\ny\n:\nz", "(expr (? x y z))"},
        {"let x = 1\nlet y", "(let (x 1)) (let y)"},

        {"function f() { return `a\nb` }", "(fn f decl () (return (tmpl \"a\\nb\")))"},
        {"function f() { return 'a\\\nb' }", "(fn f decl () (return \"ab\"))"},
    };
    return cr_make_param_array(struct ast_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct ast_case *c, parser, asi) {
    check_ast(c);
}

ParameterizedTestParameters(parser, regex_or_divide) {
    static struct ast_case cases[] = {
        {"a / b / c", "(expr (/ (/ a b) c))"},
        {"a /= b", "(expr (/= a b))"},
        {"x = /=/g", "(expr (= x /=/g))"},
        {"x = a / /re/", "(expr (= x (/ a /re/)))"},
        {"f(/a/, /b/)", "(expr (call f /a/ /b/))"},
        {"x = [/a/]", "(expr (= x (array /a/)))"},
        {"if (x) /re/.test(y)", "(if x (expr (call (. /re/ test) y)))"},
        {"{} /re/.exec(s)", "(block) (expr (call (. /re/ exec) s))"},
        {"x = {} / 2", "(expr (= x (/ (object) 2)))"},
        {"(a) / 2", "(expr (/ a 2))"},
        {"a++ / 2", "(expr (/ (post++ a) 2))"},
        {"x = y ? /a/ : /b/", "(expr (= x (? y /a/ /b/)))"},
        {"return_ = typeof /x/", "(expr (= return_ (typeof /x/)))"},
        {"x = a.b / c", "(expr (= x (/ (. a b) c)))"},
        {"x = this / 2", "(expr (= x (/ this 2)))"},
        {"x = `${a}` / 2", "(expr (= x (/ (tmpl \"\" a \"\") 2)))"},
        {"x = 1 /*c*/ / 2", "(expr (= x (/ 1 2)))"},
    };
    return cr_make_param_array(struct ast_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct ast_case *c, parser, regex_or_divide) { check_ast(c); }

/* ------------------------------------------------------------------ errors */

struct err_case {
    char src[120];
    int line, col;
    char message[160];
};

static void check_error(const struct err_case *c, bool function_body) {
    ParseError err;
    Node *p = parse_program(arena, c->src, strlen(c->src), function_body, &err);
    cr_assert_null(p, "%s parsed but should fail with: %s", c->src, c->message);
    cr_assert_str_eq(err.message, c->message, "source: %s", c->src);
    cr_assert_eq(err.line, c->line, "%s: line %d, want %d", c->src, err.line, c->line);
    cr_assert_eq(err.col, c->col, "%s: col %d, want %d", c->src, err.col, c->col);
}

/* Messages and positions as node 20 reports them (checked with `node -e`). */
ParameterizedTestParameters(parser, errors) {
    static struct err_case cases[] = {
        {"a b", 1, 3, "Unexpected identifier 'b'"},
        {"var x = ;", 1, 9, "Unexpected token ';'"},
        {"1 2", 1, 3, "Unexpected number"},
        {"x'a\\\nc'", 1, 2, "Unexpected string"},
        {"'a' 'b'", 1, 5, "Unexpected string"},
        {"x = {`a`: 1}", 1, 6, "Unexpected template string"},
        {"(", 1, 2, "Unexpected end of input"},
        {"var x = 1 +", 1, 12, "Unexpected end of input"},
        {"var x = 1 +\n  2 +\n  ;", 3, 3, "Unexpected token ';'"},
        {"f(a b)", 1, 3, "missing ) after argument list"},
        {"f(1, 2", 1, 6, "missing ) after argument list"},
        {"x = { a: 1 ]", 1, 12, "Unexpected token ']'"},
        {"x = [1, 2 }", 1, 11, "Unexpected token '}'"},
        {"if (a) else b", 1, 8, "Unexpected token 'else'"},
        {"do x while(0)", 1, 6, "Unexpected token 'while'"},
        {"x \n=> 1", 2, 1, "Unexpected token '=>'"},
        {"(a\n++)", 2, 1, "Unexpected token '++'"},
        {"'abc", 1, 1, "Invalid or unexpected token"},
        {"x = 'a\nb'", 1, 5, "Invalid or unexpected token"},
        {"@", 1, 1, "Invalid or unexpected token"},
        {"x = 3in y", 1, 5, "Invalid or unexpected token"},
        {"/* abc", 1, 1, "Invalid or unexpected token"},
        {"x = /abc", 1, 5, "Invalid regular expression: missing /"},
        {"x = /[abc/", 1, 5, "Invalid regular expression: missing /"},
        {"x = /a/gg", 1, 5, "Invalid regular expression flags"},
        {"x = `abc", 1, 9, "Unexpected end of input"},
        {"x = `abc ${1", 1, 12, "Missing } in template expression"},
        {"x = `${a b}`", 1, 8, "Missing } in template expression"},
        {"x = \"\\x4\"", 1, 6, "Invalid hexadecimal escape sequence"},
        {"var \\u0069f = 1", 1, 5, "Keyword must not contain escaped characters"},
        {"return 1", 1, 1, "Illegal return statement"},
        {"{ return }", 1, 3, "Illegal return statement"},
        {"break;", 1, 1, "Illegal break statement"},
        {"x = function () { break; }", 1, 19, "Illegal break statement"},
        {"continue;", 1, 1, "Illegal continue statement: no surrounding iteration statement"},
        {"switch (x) { case 1: continue; }", 1, 22,
         "Illegal continue statement: no surrounding iteration statement"},
        {"while (1) { break foo; }", 1, 19, "Undefined label 'foo'"},
        {"a: while (1) { x = function () { break a; } }", 1, 40, "Undefined label 'a'"},
        {"a: a: ;", 1, 4, "Label 'a' has already been declared"},
        {"a: a: function f() {}", 1, 4, "Label 'a' has already been declared"},
        {"x: { continue x; }", 1, 15,
         "Illegal continue statement: 'x' does not denote an iteration statement"},
        {"label: label: x;", 1, 8, "Label 'label' has already been declared"},
        {"throw\nnew Error()", 1, 1, "Illegal newline after throw"},
        {"a + b = 1", 1, 1, "Invalid left-hand side in assignment"},
        {"x = this = 1", 1, 5, "Invalid left-hand side in assignment"},
        {"(a, b) = 1", 1, 1, "Invalid left-hand side in assignment"},
        {"f() = 1", 1, 1, "Invalid left-hand side in assignment"},
        {"1 += 1", 1, 1, "Invalid left-hand side in assignment"},
        {"a + b = ;", 1, 1, "Invalid left-hand side in assignment"},
        {"++a++", 1, 3, "Invalid left-hand side expression in prefix operation"},
        {"++1", 1, 3, "Invalid left-hand side expression in prefix operation"},
        {"1++", 1, 1, "Invalid left-hand side expression in postfix operation"},
        {"for (x + 1 in z);", 1, 6, "Invalid left-hand side in for-loop"},
        {"for (let x = 1 of y);", 1, 10,
         "for-of loop variable declaration may not have an initializer."},
        {"'use strict'; for (var x = 1 in y);", 1, 24,
         "for-in loop variable declaration may not have an initializer."},
        {"for (let x of y, z);", 1, 16, "Unexpected token ','"},
        {"const x;", 1, 7, "Missing initializer in const declaration"},
        {"const a = 1, b;", 1, 14, "Missing initializer in const declaration"},
        {"for (const x;;);", 1, 12, "Missing initializer in const declaration"},
        {"let x; let x;", 1, 12, "Identifier 'x' has already been declared"},
        {"let x; var x;", 1, 12, "Identifier 'x' has already been declared"},
        {"var x; let x;", 1, 12, "Identifier 'x' has already been declared"},
        {"{ var x; } let x;", 1, 16, "Identifier 'x' has already been declared"},
        {"let x; { var x; }", 1, 14, "Identifier 'x' has already been declared"},
        {"const f = 1; function f() {}", 1, 14, "Identifier 'f' has already been declared"},
        {"'use strict'; { function f(){} function f(){} }", 1, 32,
         "Identifier 'f' has already been declared"},
        {"try {} catch (e) { let e; }", 1, 24, "Identifier 'e' has already been declared"},
        {"function f(a) { let a; }", 1, 21, "Identifier 'a' has already been declared"},
        {"switch (x) { case 1: let a; case 2: let a; }", 1, 41,
         "Identifier 'a' has already been declared"},
        {"for (let i;;) { var i; }", 1, 21, "Identifier 'i' has already been declared"},
        {"a ?? b || c", 1, 8, "Unexpected token '||'"},
        {"a || b ?? c", 1, 8, "Unexpected token '?\?'"},
        {"a ?? b && c", 1, 8, "Unexpected token '&&'"},
        {"-a ** 2", 1, 1,
         "Unary operator used immediately before exponentiation expression. Parenthesis must be "
         "used to disambiguate operator precedence"},
        {"((a, b)) => 1", 1, 2, "Invalid destructuring assignment target"},
        {"(a + b) => 1", 1, 2, "Invalid destructuring assignment target"},
        {"x = (a, ...c, d) => {}", 1, 12, "Rest parameter must be last formal parameter"},
        {"function f(...a, b) {}", 1, 15, "Rest parameter must be last formal parameter"},
        {"(a, a) => 1", 1, 5, "Duplicate parameter name not allowed in this context"},
        {"function f(a, a = 1) {}", 1, 15, "Duplicate parameter name not allowed in this context"},
        {"'use strict'; function f(a, a) {}", 1, 29,
         "Duplicate parameter name not allowed in this context"},
        {"function f(a = 1) { 'use strict' }", 1, 21,
         "Illegal 'use strict' directive in function with non-simple parameter list"},
        {"x = {get a(b) {}}", 1, 11, "Getter must not have any formal parameters."},
        {"x = {set a() {}}", 1, 11, "Setter must have exactly one formal parameter."},
        {"x = {__proto__: 1, __proto__: 2}", 1, 20,
         "Duplicate __proto__ fields are not allowed in object literals"},
        {"switch (x) { default: default: }", 1, 23,
         "More than one default clause in switch statement"},
        {"try {} ", 1, 6, "Missing catch or finally after try"},
        {"({if})", 1, 3, "Unexpected token 'if'"},
        {"x = enum", 1, 5, "Unexpected reserved word"},
        {"while (1) function f() {}", 1, 11,
         "In non-strict mode code, functions can only be declared at top level, inside a block, "
         "or as the body of an if statement."},
        {"if (a) let x = 1;", 1, 8, "Lexical declaration cannot appear in a single-statement context"},
        {"label: let x = 1;", 1, 8,
         "Lexical declaration cannot appear in a single-statement context"},
        {"if (x) l: function f() {}", 1, 11,
         "In non-strict mode code, functions can only be declared at top level, inside a block, "
         "or as the body of an if statement."},
        {"with (a) function f() {}", 1, 10,
         "In non-strict mode code, functions can only be declared at top level, inside a block, "
         "or as the body of an if statement."},
        {"while (1) const x = 1;", 1, 11, "Unexpected token 'const'"},
        {"function () {}", 1, 1, "Function statements require a function name"},
        {"x = 1 + a => 1", 1, 7, "Malformed arrow function parameter list"},
        {"~(of) => {}", 1, 1, "Malformed arrow function parameter list"},
        {"f() => 1", 1, 1, "Malformed arrow function parameter list"},
        {"x = ()", 1, 6, "Unexpected token ')'"},
        {"class A { constructor() {} constructor() {} }", 1, 28, "A class may only have one constructor"},
        {"class A { get constructor() {} }", 1, 11, "Class constructor may not be an accessor"},
        {"class A { static prototype() {} }", 1, 18, "Classes may not have a static property named 'prototype'"},
        {"class A { constructor = 1 }", 1, 11, "Classes may not have a field named 'constructor'"},
        {"class let {}", 1, 7, "Unexpected strict mode reserved word"},
        {"class A { m() { with (a) {} } }", 1, 17, "Strict mode code may not include a with statement"},
        {"if (1) class A {}", 1, 8, "Unexpected token 'class'"},
        {"new.foo", 1, 5, "Unexpected identifier 'foo'"},
        {"x = () + 1", 1, 6, "Unexpected token ')'"},
        {"f() x", 1, 5, "Unexpected identifier 'x'"},
        {"a.1", 1, 2, "Unexpected number"},
    };
    return cr_make_param_array(struct err_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct err_case *c, parser, errors) { check_error(c, false); }

ParameterizedTestParameters(parser, strict_errors) {
    static struct err_case cases[] = {
        {"'use strict'; var public = 1;", 1, 19, "Unexpected strict mode reserved word"},
        {"'use strict'; yield = 1", 1, 15, "Unexpected strict mode reserved word"},
        {"function f() { 'use strict'; public = 1; }", 1, 30,
         "Unexpected strict mode reserved word"},
        {"function public() { 'use strict'; }", 1, 10, "Unexpected strict mode reserved word"},
        {"'use strict'; var o = { public };", 1, 25, "Unexpected strict mode reserved word"},
        {"'use strict'; x = 010", 1, 19, "Octal literals are not allowed in strict mode."},
        {"'a'; 'use strict'; x = 010", 1, 24, "Octal literals are not allowed in strict mode."},
        {"function f() { 'use strict'; return 010 }", 1, 37,
         "Octal literals are not allowed in strict mode."},
        {"'use strict'; x = 08", 1, 19,
         "Decimals with leading zeros are not allowed in strict mode."},
        {"'use strict'; x = \"\\07\"", 1, 21,
         "Octal escape sequences are not allowed in strict mode."},
        {"'use strict'; x = \"\\8\"", 1, 20, "\\8 and \\9 are not allowed in strict mode."},
        {"'use strict'; with (a) {}", 1, 15, "Strict mode code may not include a with statement"},
        {"'use strict'; delete x;", 1, 22, "Delete of an unqualified identifier in strict mode."},
        {"'use strict'; eval = 1;", 1, 15, "Unexpected eval or arguments in strict mode"},
        {"'use strict'; arguments++", 1, 15, "Unexpected eval or arguments in strict mode"},
        {"'use strict'; function eval() {}", 1, 24, "Unexpected eval or arguments in strict mode"},
        {"'use strict'; var arguments;", 1, 19, "Unexpected eval or arguments in strict mode"},
        {"'use strict'; for (arguments of x);", 1, 20, "Unexpected eval or arguments in strict mode"},
        {"'use strict'; while (1) function f() {}", 1, 25,
         "In strict mode code, functions can only be declared at top level or inside a block."},
        {"\"use strict\"\nvar static", 2, 5, "Unexpected strict mode reserved word"},
        {"'use strict'; var let = 1", 1, 19, "Unexpected strict mode reserved word"},
    };
    return cr_make_param_array(struct err_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct err_case *c, parser, strict_errors) { check_error(c, false); }

Test(parser, sloppy_code_allows_what_strict_forbids) {
    parse_ok("var public = 1, yield = 2; x = 010 + 08; y = '\\07\\8'; with (a) {} delete x;");
    parse_ok("function f(a, a) {} eval = 1; arguments = 2;");
    parse_ok("function f() { 'use strict'; } var public; x = 010;");
    parse_ok("'use strict'; var o = { public: 1, x: o.public, get static() {} };");
    parse_ok("var a, a; function g() {} function g() {} { function h() {} function h() {} }");
    parse_ok("try {} catch (e) { var e; } x: { break x; }");
    parse_ok("l: function f() {} { l: m: function g() {} } if (x) function h() {} else function i() {}");
}

Test(parser, function_body_mode_allows_return) {
    ParseError err;
    Node *p = parse_program(arena, "return 1", 8, true, &err);
    cr_assert_not_null(p);
    cr_assert_eq(p->u.program.body.head->kind, N_RETURN);
}

/* ------------------------------------------------------------------ structure details */

Test(parser, program_strictness) {
    cr_assert(parse_ok("'use strict'; x")->u.program.strict);
    cr_assert(parse_ok("\"use strict\"\nx")->u.program.strict);
    cr_assert_not(parse_ok("x; 'use strict'")->u.program.strict);
    cr_assert_not(parse_ok("'use strict' + 1")->u.program.strict);
}

Test(parser, identifiers_and_strings_are_decoded) {
    Node *e = first_expr("\\u0061\\u{62} = '\\u00e9\\uD83D\\uDE00'");
    cr_assert_eq(e->kind, N_ASSIGN);
    cr_assert_eq(e->u.binary.left->u.ident.len, 2);
    cr_assert(memcmp(e->u.binary.left->u.ident.name, "ab", 2) == 0);
    const Node *s = e->u.binary.right;
    cr_assert_eq(s->u.str.len, 3);
    cr_assert_eq(s->u.str.chars[0], 0xE9);
    cr_assert_eq(s->u.str.chars[1], 0xD83D);
    cr_assert_eq(s->u.str.chars[2], 0xDE00);
}

Test(parser, member_call_and_new_positions) {
    Node *e = first_expr("  a.b.c(x)");
    cr_assert_eq(e->kind, N_CALL);
    cr_assert_eq(e->col, 7); /* the callee member's position: its property name */
    cr_assert_eq(e->u.call.callee->kind, N_MEMBER);
    cr_assert_eq(e->u.call.callee->col, 7);
    cr_assert_eq(e->u.call.callee->u.member.obj->col, 5);
    cr_assert_eq(e->start, 2);
    e = first_expr("foo(1)");
    cr_assert_eq(e->col, 1);
    e = first_expr("x = new   a.B()");
    cr_assert_eq(e->u.binary.right->kind, N_NEW);
    cr_assert_eq(e->u.binary.right->col, 5);
    cr_assert_eq(e->col, 3); /* assignments sit at their operator */
    e = first_expr("a\n  .b\n  .c");
    cr_assert_eq(e->line, 3);
    cr_assert_eq(e->col, 4);
}

Test(parser, statement_positions) {
    Node *p = parse_ok("var a;\n  if (a) {\n    throw a;\n  }");
    Node *s = p->u.program.body.head->next;
    cr_assert_eq(s->kind, N_IF);
    cr_assert(s->line == 2 && s->col == 3);
    Node *t = s->u.if_.then->u.list.head;
    cr_assert_eq(t->kind, N_THROW);
    cr_assert(t->line == 3 && t->col == 5);
}

/* The source text of a function node, copied into the test's arena. */
static const char *fn_text(const char *src, const Node *f) {
    uint32_t n = f->u.func.src_end - f->u.func.src_start;
    char *s = arena_alloc(arena, n + 1);
    memcpy(s, src + f->u.func.src_start, n);
    s[n] = 0;
    return s;
}

Test(parser, function_source_ranges) {
    const char *src = "x = function f(a) { return a }; y = (a, b) => a + b; z = c => { c }";
    Node *p = parse_ok(src);
    const Node *s1 = p->u.program.body.head, *s2 = s1->next, *s3 = s2->next;
    const Node *f1 = s1->u.unary.expr->u.binary.right;
    const Node *f2 = s2->u.unary.expr->u.binary.right;
    const Node *f3 = s3->u.unary.expr->u.binary.right;
    cr_assert_eq(f1->kind, N_FUNCTION);
    cr_assert_eq(f1->col, 5);
    cr_assert_str_eq(fn_text(src, f1),
                     "function f(a) { return a }");
    cr_assert_str_eq(fn_text(src, f2),
                     "(a, b) => a + b");
    cr_assert_eq(f2->col, 37);
    cr_assert_str_eq(fn_text(src, f3),
                     "c => { c }");
}

Test(parser, method_source_ranges) {
    const char *src = "o = { m(a) { return a }, get g() { return 1 }, [k]() {} }";
    const Node *obj = first_expr(src)->u.binary.right;
    const Node *m = obj->u.list.head->u.prop.value, *g = obj->u.list.head->next->u.prop.value;
    const Node *k = obj->u.list.tail->u.prop.value;
    cr_assert_str_eq(fn_text(src, m),
                     "m(a) { return a }");
    cr_assert_str_eq(fn_text(src, g),
                     "get g() { return 1 }");
    cr_assert_str_eq(fn_text(src, k),
                     "[k]() {}");
    cr_assert(m->u.func.flags & FN_METHOD);
    cr_assert(g->u.func.flags & FN_GETTER);
}

Test(parser, arrow_expression_end_before_asi) {
    const char *src = "f = x => x * 2\ng()";
    const Node *f = first_expr(src)->u.binary.right;
    cr_assert_str_eq(fn_text(src, f),
                     "x => x * 2");
}

Test(parser, parenthesized_flag_and_start) {
    Node *e = first_expr("x = ((a))");
    Node *a = e->u.binary.right;
    cr_assert(a->nflags & NF_PAREN);
    cr_assert(a->nflags & NF_PAREN2);
    cr_assert_eq(a->start, 4);
    cr_assert_eq(a->col, 7);
}

Test(parser, jump_label_positions) {
    Node *s = first_stmt("a: while (1) { break   a; }");
    Node *brk = s->u.labeled.body->u.while_.body->u.list.head;
    cr_assert_eq(brk->kind, N_BREAK);
    cr_assert_eq(brk->col, 16);
    cr_assert_eq(brk->u.jump.label_col, 24);
    cr_assert_eq(brk->u.jump.len, 1);
}

Test(parser, hashbang_line) {
    Node *p = parse_ok("#!/usr/bin/env node\nx = 1");
    cr_assert_eq(p->u.program.body.count, 1);
    cr_assert_eq(p->u.program.body.head->line, 2);
}

Test(parser, list_counts_and_tails) {
    Node *p = parse_ok("a; b; c; f(1, 2, 3)");
    cr_assert_eq(p->u.program.body.count, 4);
    const Node *call = p->u.program.body.tail->u.unary.expr;
    cr_assert_eq(call->u.call.args.count, 3);
    cr_assert_eq(call->u.call.args.tail->u.num, 3);
    cr_assert_null(call->u.call.args.tail->next);
}

Test(parser, numbers_keep_full_precision) {
    cr_assert_eq(first_expr("0.1")->u.num, 0.1);
    cr_assert_eq(first_expr("0x7fffffff")->u.num, 2147483647.0);
    cr_assert_eq(first_expr("017")->u.num, 15);
    cr_assert_eq(first_expr("1e-7")->u.num, 1e-7);
}

/* ------------------------------------------------------------------ limits and garbage */

static char *repeat(const char *pre, int n, const char *mid, const char *post) {
    size_t lp = strlen(pre), lm = strlen(mid), lq = strlen(post);
    char *s = malloc(lp * (size_t)n + lm + lq * (size_t)n + 1), *q = s;
    for (int i = 0; i < n; i++, q += lp) memcpy(q, pre, lp);
    memcpy(q, mid, lm);
    q += lm;
    for (int i = 0; i < n; i++, q += lq) memcpy(q, post, lq);
    *q = 0;
    return s;
}

static void expect_depth_error(const char *pre, int n, const char *mid, const char *post) {
    char *s = repeat(pre, n, mid, post);
    ParseError err;
    Node *p = parse_program(arena, s, strlen(s), false, &err);
    cr_assert_null(p, "%d x %s should be too deep", n, pre);
    cr_assert_str_eq(err.message, "Maximum nesting depth exceeded");
    free(s);
}

static void expect_parses(const char *pre, int n, const char *mid, const char *post) {
    char *s = repeat(pre, n, mid, post);
    ParseError err;
    Node *p = parse_program(arena, s, strlen(s), false, &err);
    cr_assert_not_null(p, "%d x %s: %s", n, pre, err.message);
    free(s);
}

Test(parser, nesting_up_to_the_limit_parses) {
    expect_parses("(", PARSE_MAX_DEPTH, "1", ")");
    expect_parses("[", PARSE_MAX_DEPTH, "", "]");
    expect_parses("{", PARSE_MAX_DEPTH, "", "}");
    expect_parses("a + ", 1000, "1", "");
    expect_parses("if (a) x; else ", 500, "y", "");
}

Test(parser, deep_nesting_is_a_syntax_error) {
    expect_depth_error("(", 100000, "1", ")");
    expect_depth_error("[", 100000, "", "]");
    expect_depth_error("{", 100000, "", "}");
    expect_depth_error("(", 100000, "", "");
    expect_depth_error("x={a:", 5000, "1", "}");
    expect_depth_error("function f(){", 5000, "", "}");
    expect_depth_error("`${", 5000, "1", "}`");
    expect_depth_error("a=", 100000, "1", "");
    expect_depth_error("!", 100000, "1", "");
    expect_depth_error("if(a)x;else ", 100000, "x", "");
    expect_depth_error("1+", 100000, "1", "");
    expect_depth_error("", 100000, "f", "()");
    expect_depth_error("new ", 100000, "X", "");
    expect_depth_error("x=>", 100000, "1", "");
}

Test(parser, garbage_never_crashes) {
    static const char *const vocab[] = {
        "var", "let", "const", "function", "(", ")", "{", "}", "[", "]", ";", ",", "=", "=>",
        "+", "++", "/", "/=", "*", "**", "a", "of", "get", "set", "in", "for", "if", "else",
        "while", "do", "return", "break", "continue", "1", "'s'", "`", "${", "`a${", "}`", "\n",
        ".", "...", "?", ":", "new", "this", "/re/g", "//c\n", "/*c*/", "try", "catch",
        "finally", "throw", "switch", "case", "default", "l:", "'use strict';", "010", "\\u0061",
        "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\xc3", "!", "typeof", "??", "&&", "with", "enum",
        "yield", "public", "@", "#", "\"", "'"};
    unsigned long long s = 0x2545F4914F6CDD1Dull;
    char buf[512];
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = 0;
        int words = (int)(s % 40);
        for (int i = 0; i < words; i++) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            if (iter % 3 == 0) {
                buf[len++] = (char)(s >> 24);
                continue;
            }
            const char *w = vocab[(s >> 20) % (sizeof vocab / sizeof vocab[0])];
            size_t wl = strlen(w);
            if (len + wl + 1 >= sizeof buf) break;
            memcpy(buf + len, w, wl);
            len += wl;
            if (iter % 3 == 1) buf[len++] = ' ';
        }
        Arena *a = arena_new();
        ParseError err;
        Node *p = parse_program(a, buf, len, iter & 1, &err);
        if (!p) {
            cr_assert(err.line >= 1 && err.col >= 1, "bad error position %d:%d", err.line, err.col);
            cr_assert(err.message[0]);
        }
        arena_free(a);
    }
}

Test(parser, nul_bytes_and_truncated_input) {
    static const struct { const char *src; size_t len; } cases[] = {
        {"x = 1\0", 6}, {"'\0'", 3}, {"`\0", 2}, {"/\0/", 3}, {"\0", 1}, {"a.\xe2\x80", 4},
        {"x = '\xf0\x9f", 6}, {"/*\0", 3}, {"f(`${", 5}, {"{get ", 5}, {"for (x of", 9},
        {"x = {a", 6}, {"(a, ...", 7}, {"a ? b", 5}, {"\\u{", 3}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ParseError err;
        Node *p = parse_program(arena, cases[i].src, cases[i].len, false, &err);
        if (!p) cr_assert(err.message[0]);
    }
}

Test(parser, empty_and_blank_programs) {
    cr_assert_eq(parse_ok("")->u.program.body.count, 0);
    cr_assert_eq(parse_ok("  \n\t// only a comment\n/* and another */")->u.program.body.count, 0);
}

Test(parser, large_input_is_linear) {
    /* 20 000 statements on one line and as many lines: both must parse quickly. */
    char *one_line = repeat("a.b(c, 'd') + 1; ", 20000, "", "");
    parse_ok(one_line);
    char *lines = repeat("x = [1, 2, 3].map(function (v) { return v * 2 })\n", 20000, "", "");
    parse_ok(lines);
    free(one_line);
    free(lines);
}
