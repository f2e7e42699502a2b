/* grammar.y: Lemon LALR(1) grammar for the minijs JavaScript subset (ES5 + common ES2015).
 * Actions only build arena nodes through ast_build.c helpers. Context the grammar cannot see
 * (ASI, regex vs divide, block vs object `{`, keywords as names, `in` inside for headers) is
 * resolved by the token pump in parse.c, which feeds distinct synthetic tokens.
 */

%include {
/* Lemon's table asserts and trace hooks are grammar-debugging aids, off in normal builds;
 * -DMJS_PARSE_TRACE keeps them (and parse_lemonTrace). */
#if !defined(MJS_PARSE_TRACE) && !defined(NDEBUG)
#define NDEBUG
#endif
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "parser_int.h"
}

%name parse_lemon
%token_prefix TK_
%token_type {Token}
%default_type {Node *}
%extra_argument {ParseCtx *ctx}
%stack_size 0
%start_symbol program

%syntax_error { parse_error_unexpected(ctx, yymajor, &TOKEN); }
%stack_overflow { parse_error_at(ctx, ctx->prev_line, ctx->prev_col, "Out of memory"); }

/* Token numbering: real tokens, then ones only the pump synthesises. */
%token ILLEGAL.
%token SEMI EMPTY_SEMI COMMA LBRACE OBJ_LBRACE FBODY_LBRACE RBRACE LP RP LBRACKET RBRACKET.
%token DOT ELLIPSIS ARROW QUESTION COLON ASSIGN ASSIGNOP INC DEC BANG TILDE.
%token NUMBER STRING REGEXP TEMPLATE TEMPLATE_HEAD TEMPLATE_MIDDLE TEMPLATE_TAIL IDENT KWNAME.
%token BREAK CASE CATCH CONTINUE DEBUGGER DEFAULT DELETE DO ELSE FINALLY FOR FUNCTION.
%token FUNCTION_DECL IF IN_FOR NEW RETURN SWITCH THIS THROW TRY TYPEOF VAR VOID WHILE WITH.
%token NULL TRUE FALSE LET CONST OF GET SET CLASS ENUM EXPORT EXTENDS IMPORT SUPER.
%token ARGS_PROBE.
%token CLASS_DECL CLASS_LBRACE STATIC YIELD YIELD_EXPR QDOT ASYNC AWAIT.

%nonassoc LOWER_THAN_ELSE.
%nonassoc ELSE.
/* `??` shares `||`'s level; mixing them unparenthesised is rejected in parse_logical. */
%left OR NULLISH.
%left AND.
%left BITOR.
%left BITXOR.
%left BITAND.
%left EQ NE SEQ SNE.
%left LT GT LE GE INSTANCEOF IN.
%left SHL SAR SHR.
%left PLUS MINUS.
%left STAR SLASH PERCENT.
%right STARSTAR.
/* Prefix operators bind tighter than **, so `-a ** b` parses as (-a) ** b and is rejected in
 * parse_binary, as the language requires. */
%right UNARY.

%type items {NodeList}
%type declarators {NodeList}
%type cases {NodeList}
%type args {NodeList}
%type arg_list {NodeList}
%type props {NodeList}
%type elem_list {NodeList}
%type elision_opt {int}
%type elision {int}
%type tmpl_parts {TmplParts}
%type params {ParamList}
%type rest_not_last {ParamList}
%type param_list {NodeList}
%type fbody {FnBody}
%type prop_key {PropKey}
%type name {Token}
%type arrow_head {ArrowHead}
%type arrow_body {ArrowBody}
%type assign_lhs {AssignLhs}
%type class_tail {ClassTail}
%type class_body {NodeList}

program ::= items(L). { parse_finish_program(ctx, &L); }

items(A) ::= . { memset(&A, 0, sizeof A); }
items(A) ::= items(B) item(S). { A = B; parse_list_push(&A, S); }

item(A) ::= stmt(S). { A = S; }
item(A) ::= LET(T) declarators(L) SEMI. { A = parse_var(ctx, &T, VAR_LET, &L, false); }
item(A) ::= CONST(T) declarators(L) SEMI. { A = parse_var(ctx, &T, VAR_CONST, &L, false); }

item(A) ::= CLASS_DECL(T) IDENT(N) class_tail(C). { A = parse_class(ctx, &T, &N, &C, true); }

/* ------------------------------------------------------------------ statements */

stmt(A) ::= block(B). { A = B; }
block(A) ::= LBRACE(T) items(L) RBRACE. { A = parse_block(ctx, &T, &L); }

stmt(A) ::= VAR(T) declarators(L) SEMI. { A = parse_var(ctx, &T, VAR_VAR, &L, false); }
declarators(A) ::= declarator(D). { A = parse_list1(D); }
declarators(A) ::= declarators(B) COMMA declarator(D). { A = B; parse_list_push(&A, D); }
declarator(A) ::= IDENT(T). { A = parse_declarator(ctx, &T, NULL); }
declarator(A) ::= IDENT(T) ASSIGN assign(E). { A = parse_declarator(ctx, &T, E); }
declarator(A) ::= arr_lit(P) ASSIGN assign(E). { A = parse_pattern_declarator(ctx, P, E); }
declarator(A) ::= obj_lit(P) ASSIGN assign(E). { A = parse_pattern_declarator(ctx, P, E); }
declarator(A) ::= arr_lit(P). { A = parse_pattern_declarator(ctx, P, NULL); }
declarator(A) ::= obj_lit(P). { A = parse_pattern_declarator(ctx, P, NULL); }

stmt(A) ::= EMPTY_SEMI(T). { A = parse_node_tok(ctx, N_EMPTY, &T); }
stmt(A) ::= expr(E) SEMI. { A = parse_expr_stmt(ctx, E); }

stmt(A) ::= IF(T) LP expr(E) RP stmt(S). [LOWER_THAN_ELSE] {
    A = parse_node_tok(ctx, N_IF, &T);
    A->u.if_.test = E;
    A->u.if_.then = S;
}
stmt(A) ::= IF(T) LP expr(E) RP stmt(S) ELSE stmt(O). {
    A = parse_node_tok(ctx, N_IF, &T);
    A->u.if_.test = E;
    A->u.if_.then = S;
    A->u.if_.otherwise = O;
}

/* The `;` after do-while is optional (ES2015 ASI rule), hence two forms. */
stmt(A) ::= DO(T) stmt(S) WHILE LP expr(E) RP SEMI. {
    A = parse_node_tok(ctx, N_DO_WHILE, &T);
    A->u.while_.test = E;
    A->u.while_.body = S;
}
stmt(A) ::= DO(T) stmt(S) WHILE LP expr(E) RP. {
    A = parse_node_tok(ctx, N_DO_WHILE, &T);
    A->u.while_.test = E;
    A->u.while_.body = S;
}
stmt(A) ::= WHILE(T) LP expr(E) RP stmt(S). {
    A = parse_node_tok(ctx, N_WHILE, &T);
    A->u.while_.test = E;
    A->u.while_.body = S;
}
stmt(A) ::= FOR(T) LP for_init(I) SEMI opt_expr(C) SEMI opt_expr(U) RP stmt(S). {
    A = parse_node_tok(ctx, N_FOR, &T);
    A->u.for_.init = I;
    A->u.for_.test = C;
    A->u.for_.update = U;
    A->u.for_.body = S;
}
for_init(A) ::= . { A = NULL; }
for_init(A) ::= expr(E). { A = E; }
for_init(A) ::= VAR(T) declarators(L). { A = parse_var(ctx, &T, VAR_VAR, &L, false); }
for_init(A) ::= LET(T) declarators(L). { A = parse_var(ctx, &T, VAR_LET, &L, false); }
for_init(A) ::= CONST(T) declarators(L). { A = parse_var(ctx, &T, VAR_CONST, &L, false); }
opt_expr(A) ::= . { A = NULL; }
opt_expr(A) ::= expr(E). { A = E; }

stmt(A) ::= FOR(T) LP for_lhs(L) IN_FOR expr(E) RP stmt(S). {
    A = parse_for_in(ctx, N_FOR_IN, &T, L, E, S);
}
stmt(A) ::= FOR(T) LP for_lhs(L) OF assign(E) RP stmt(S). {
    A = parse_for_in(ctx, N_FOR_OF, &T, L, E, S);
}
for_lhs(A) ::= expr(E). { A = E; } /* checked as a target in parse_for_in */
for_lhs(A) ::= VAR(T) IDENT(N). { A = parse_for_decl(ctx, &T, VAR_VAR, &N, NULL); }
for_lhs(A) ::= LET(T) IDENT(N). { A = parse_for_decl(ctx, &T, VAR_LET, &N, NULL); }
for_lhs(A) ::= CONST(T) IDENT(N). { A = parse_for_decl(ctx, &T, VAR_CONST, &N, NULL); }
for_lhs(A) ::= VAR(T) for_pattern(P). { A = parse_for_decl_pattern(ctx, &T, VAR_VAR, P); }
for_lhs(A) ::= LET(T) for_pattern(P). { A = parse_for_decl_pattern(ctx, &T, VAR_LET, P); }
for_lhs(A) ::= CONST(T) for_pattern(P). { A = parse_for_decl_pattern(ctx, &T, VAR_CONST, P); }
for_pattern(A) ::= arr_lit(P). { A = P; }
for_pattern(A) ::= obj_lit(P). { A = P; }
for_lhs(A) ::= VAR(T) IDENT(N) ASSIGN assign(E). { A = parse_for_decl(ctx, &T, VAR_VAR, &N, E); }
for_lhs(A) ::= LET(T) IDENT(N) ASSIGN assign(E). { A = parse_for_decl(ctx, &T, VAR_LET, &N, E); }
for_lhs(A) ::= CONST(T) IDENT(N) ASSIGN assign(E). {
    A = parse_for_decl(ctx, &T, VAR_CONST, &N, E);
}

stmt(A) ::= CONTINUE(T) SEMI. { A = parse_jump(ctx, N_CONTINUE, &T, NULL); }
stmt(A) ::= CONTINUE(T) IDENT(L) SEMI. { A = parse_jump(ctx, N_CONTINUE, &T, &L); }
stmt(A) ::= BREAK(T) SEMI. { A = parse_jump(ctx, N_BREAK, &T, NULL); }
stmt(A) ::= BREAK(T) IDENT(L) SEMI. { A = parse_jump(ctx, N_BREAK, &T, &L); }
stmt(A) ::= RETURN(T) SEMI. { A = parse_node_tok(ctx, N_RETURN, &T); }
stmt(A) ::= RETURN(T) expr(E) SEMI. {
    A = parse_node_tok(ctx, N_RETURN, &T);
    A->u.unary.expr = E;
}
stmt(A) ::= THROW(T) expr(E) SEMI. {
    A = parse_node_tok(ctx, N_THROW, &T);
    A->u.unary.expr = E;
}
stmt(A) ::= WITH(T) LP expr(E) RP stmt(S). {
    A = parse_node_tok(ctx, N_WITH, &T);
    A->u.with.obj = E;
    A->u.with.body = S;
}
stmt(A) ::= SWITCH(T) LP expr(E) RP LBRACE cases(L) RBRACE. { A = parse_switch(ctx, &T, E, &L); }
cases(A) ::= . { memset(&A, 0, sizeof A); }
cases(A) ::= cases(B) case_clause(C). { A = B; parse_list_push(&A, C); }
case_clause(A) ::= CASE(T) expr(E) COLON items(L). {
    A = parse_node_tok(ctx, N_CASE, &T);
    A->u.case_.test = E;
    A->u.case_.body = L;
}
case_clause(A) ::= DEFAULT(T) COLON items(L). {
    A = parse_node_tok(ctx, N_CASE, &T);
    A->u.case_.body = L;
}
stmt(A) ::= IDENT(L) COLON stmt(S). { A = parse_labeled(ctx, &L, S); }

stmt(A) ::= TRY(T) block(B) catch_clause(C). { A = parse_try(ctx, &T, B, C, NULL); }
stmt(A) ::= TRY(T) block(B) FINALLY block(F). { A = parse_try(ctx, &T, B, NULL, F); }
stmt(A) ::= TRY(T) block(B) catch_clause(C) FINALLY block(F). { A = parse_try(ctx, &T, B, C, F); }
stmt(A) ::= TRY(T) block(B). {
    (void)T;
    parse_error_at(ctx, ctx->prev_line, ctx->prev_col, "Missing catch or finally after try");
    A = B;
}
catch_clause(A) ::= CATCH LP IDENT(P) RP block(B). { A = parse_catch(ctx, &P, B); }
catch_clause(A) ::= CATCH LP arr_lit(P) RP block(B). { A = parse_catch_pattern(ctx, P, B); }
catch_clause(A) ::= CATCH LP obj_lit(P) RP block(B). { A = parse_catch_pattern(ctx, P, B); }
catch_clause(A) ::= CATCH block(B). { A = parse_catch(ctx, NULL, B); }

stmt(A) ::= DEBUGGER(T) SEMI. { A = parse_node_tok(ctx, N_DEBUGGER, &T); }

stmt(A) ::= FUNCTION_DECL(T) IDENT(N) LP params(P) RP fbody(B). {
    A = parse_function(ctx, &T, &N, &P, &B, FN_DECL);
}
stmt(A) ::= ASYNC FUNCTION_DECL(T) IDENT(N) LP params(P) RP fbody(B). {
    A = parse_make_async(ctx, parse_function(ctx, &T, &N, &P, &B, FN_DECL));
}
stmt(A) ::= FUNCTION_DECL(T) STAR IDENT(N) LP params(P) RP fbody(B). {
    A = parse_function(ctx, &T, &N, &P, &B, FN_DECL | FN_GENERATOR);
}

/* ------------------------------------------------------------------ functions */

params(A) ::= . { A = parse_params(ctx, NULL, NULL); }
params(A) ::= param_list(L). { A = parse_params(ctx, &L, NULL); }
params(A) ::= param_list(L) COMMA. { A = parse_params(ctx, &L, NULL); }
params(A) ::= ELLIPSIS IDENT(R). { A = parse_params(ctx, NULL, &R); }
params(A) ::= param_list(L) COMMA ELLIPSIS IDENT(R). { A = parse_params(ctx, &L, &R); }
params(A) ::= rest_not_last(R). { A = R; }
params(A) ::= param_list COMMA rest_not_last(R). { A = R; }
rest_not_last(A) ::= ELLIPSIS IDENT(R) COMMA. {
    parse_error_at(ctx, R.line, R.col, "Rest parameter must be last formal parameter");
    A = parse_params(ctx, NULL, &R);
}
param_list(A) ::= param(P). { A = parse_list1(P); }
param_list(A) ::= param_list(B) COMMA param(P). { A = B; parse_list_push(&A, P); }
param(A) ::= IDENT(T). { A = parse_param(ctx, &T, NULL); }
param(A) ::= IDENT(T) ASSIGN assign(E). { A = parse_param(ctx, &T, E); }
param(A) ::= arr_lit(P). { A = parse_pattern_param(ctx, P, NULL); }
param(A) ::= obj_lit(P). { A = parse_pattern_param(ctx, P, NULL); }
param(A) ::= arr_lit(P) ASSIGN assign(E). { A = parse_pattern_param(ctx, P, E); }
param(A) ::= obj_lit(P) ASSIGN assign(E). { A = parse_pattern_param(ctx, P, E); }

fbody(A) ::= FBODY_LBRACE items(L) RBRACE(R). { A = parse_fbody(ctx, &L, &R); }

func_expr(A) ::= FUNCTION(T) LP params(P) RP fbody(B). {
    A = parse_function(ctx, &T, NULL, &P, &B, 0);
}
func_expr(A) ::= FUNCTION(T) IDENT(N) LP params(P) RP fbody(B). {
    A = parse_function(ctx, &T, &N, &P, &B, 0);
}
func_expr(A) ::= ASYNC FUNCTION(T) LP params(P) RP fbody(B). {
    A = parse_make_async(ctx, parse_function(ctx, &T, NULL, &P, &B, 0));
}
func_expr(A) ::= ASYNC FUNCTION(T) IDENT(N) LP params(P) RP fbody(B). {
    A = parse_make_async(ctx, parse_function(ctx, &T, &N, &P, &B, 0));
}
assign(A) ::= ASYNC(K) IDENT(T) ARROW arrow_body(B). { A = parse_async_arrow_ident(ctx, &K, &T, &B); }
assign(A) ::= call(C) ARROW arrow_body(B). { A = parse_async_arrow(ctx, C, &B); }
bexpr(A) ::= AWAIT(T) bexpr(E). [UNARY] { A = parse_await(ctx, &T, E); }
func_expr(A) ::= FUNCTION(T) STAR LP params(P) RP fbody(B). {
    A = parse_function(ctx, &T, NULL, &P, &B, FN_GENERATOR);
}
func_expr(A) ::= FUNCTION(T) STAR IDENT(N) LP params(P) RP fbody(B). {
    A = parse_function(ctx, &T, &N, &P, &B, FN_GENERATOR);
}

/* yield: the pump feeds YIELD_EXPR when an operand follows on the same line. */
assign(A) ::= YIELD(T). { A = parse_yield(ctx, &T, NULL, false); }
assign(A) ::= YIELD_EXPR(T) assign(E). { A = parse_yield(ctx, &T, E, false); }
assign(A) ::= YIELD_EXPR(T) STAR assign(E). { A = parse_yield(ctx, &T, E, true); }

/* Arrow parameters are parsed as a parenthesised expression (cover grammar) and converted;
 * `=>` as lookahead selects arrow_head over primary. */
assign(A) ::= arrow_head(H) ARROW arrow_body(B). { A = parse_arrow(ctx, &H, &B); }
arrow_head(A) ::= IDENT(T). { A = parse_arrow_ident(ctx, &T); }
arrow_head(A) ::= LP(L) RP. { A = parse_arrow_head(ctx, &L, NULL, NULL); }
arrow_head(A) ::= LP(L) expr(E) RP. { A = parse_arrow_head(ctx, &L, E, NULL); }
arrow_head(A) ::= LP(L) expr(E) COMMA RP. { A = parse_arrow_head(ctx, &L, E, NULL); }
arrow_head(A) ::= LP(L) ELLIPSIS IDENT(R) RP. { A = parse_arrow_head(ctx, &L, NULL, &R); }
arrow_head(A) ::= LP(L) expr(E) COMMA ELLIPSIS IDENT(R) RP. {
    A = parse_arrow_head(ctx, &L, E, &R);
}
arrow_head(A) ::= LP(L) ELLIPSIS IDENT(R) COMMA. {
    parse_error_at(ctx, R.line, R.col, "Rest parameter must be last formal parameter");
    A = parse_arrow_head(ctx, &L, NULL, &R);
}
arrow_head(A) ::= LP(L) expr(E) COMMA ELLIPSIS IDENT(R) COMMA. {
    parse_error_at(ctx, R.line, R.col, "Rest parameter must be last formal parameter");
    A = parse_arrow_head(ctx, &L, E, &R);
}
arrow_body(A) ::= assign(E). { memset(&A, 0, sizeof A); A.expr = E; }
arrow_body(A) ::= fbody(B). { A.expr = NULL; A.body = B; }

/* ------------------------------------------------------------------ classes */

/* CLASS_LBRACE opens a class body (the pump gives it a strict frame). Elements are methods,
 * accessors and fields, each optionally `static`; STATIC is `static` in element position. */
member(A) ::= CLASS(T) class_tail(C). { A = parse_class(ctx, &T, NULL, &C, false); }
member(A) ::= CLASS(T) IDENT(N) class_tail(C). { A = parse_class(ctx, &T, &N, &C, false); }
class_tail(A) ::= CLASS_LBRACE class_body(B) RBRACE(R). {
    A.heritage = NULL;
    A.members = B;
    A.end = R.end;
}
class_tail(A) ::= EXTENDS class_heritage(H) CLASS_LBRACE class_body(B) RBRACE(R). {
    A.heritage = H;
    A.members = B;
    A.end = R.end;
}
class_heritage(A) ::= member(E). { A = E; }
class_heritage(A) ::= call(E). { A = E; }
class_heritage(A) ::= new_bare(E). { A = E; }
class_body(A) ::= . { memset(&A, 0, sizeof A); }
class_body(A) ::= class_body(B) SEMI. { A = B; }
class_body(A) ::= class_body(B) EMPTY_SEMI. { A = B; }
class_body(A) ::= class_body(B) class_elem(E). { A = B; parse_list_push(&A, E); }
class_body(A) ::= class_body(B) STATIC class_elem(E). {
    A = B;
    E->u.prop.is_static = true;
    parse_list_push(&A, E);
}
class_elem(A) ::= prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_method(ctx, NULL, &K, PROP_INIT, &L, &P, &B);
}
class_elem(A) ::= GET(G) prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_method(ctx, &G, &K, PROP_GET, &L, &P, &B);
}
class_elem(A) ::= SET(G) prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_method(ctx, &G, &K, PROP_SET, &L, &P, &B);
}
class_elem(A) ::= ASYNC prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_make_async(ctx, parse_method(ctx, NULL, &K, PROP_INIT, &L, &P, &B));
}
class_elem(A) ::= STAR prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_method(ctx, NULL, &K, PROP_INIT, &L, &P, &B);
    A->u.prop.value->u.func.flags |= FN_GENERATOR;
}
class_elem(A) ::= prop_key(K) SEMI. { A = parse_class_field(ctx, &K, NULL); }
class_elem(A) ::= prop_key(K) ASSIGN assign(E) SEMI. { A = parse_class_field(ctx, &K, E); }

member(A) ::= SUPER(T) DOT name(N). { A = parse_member(ctx, parse_super(ctx, &T), &N); }
member(A) ::= SUPER(T) LBRACKET(L) expr(I) RBRACKET. { A = parse_index(ctx, parse_super(ctx, &T), I, &L); }
call(A) ::= SUPER(T) args(G). { A = parse_call(ctx, parse_super(ctx, &T), &G); }
member(A) ::= NEW(T) DOT name(N). { A = parse_new_target(ctx, &T, &N); }

/* ------------------------------------------------------------------ expressions */

expr(A) ::= assign(E). { A = E; }
expr(A) ::= expr(L) COMMA assign(R). { A = parse_sequence(ctx, L, R); }

/* Levels are flattened (conditional into assign, unary/postfix/new into bexpr, primary into
 * member) because every unit reduction costs a table lookup per token. */
assign(A) ::= bexpr(E). { A = E; }
assign(A) ::= bexpr(C) QUESTION(T) assign(X) COLON assign(Y). { A = parse_cond(ctx, C, X, Y, &T); }
/* The target is checked when `=` is shifted (assign_lhs reduces before the right side is
 * parsed), so "Invalid left-hand side" wins over errors further right, as in V8. */
assign(A) ::= assign_lhs(L) assign(R). { A = parse_assign(ctx, &L, R); }
assign_lhs(A) ::= bexpr(L) ASSIGN(T). { A = parse_assign_lhs(ctx, L, &T); }
assign_lhs(A) ::= bexpr(L) ASSIGNOP(T). { A = parse_assign_lhs(ctx, L, &T); }


bexpr(A) ::= bexpr(L) OR(T) bexpr(R). { A = parse_logical(ctx, OP_OR, L, R, &T); }
bexpr(A) ::= bexpr(L) NULLISH(T) bexpr(R). { A = parse_logical(ctx, OP_NULLISH, L, R, &T); }
bexpr(A) ::= bexpr(L) AND(T) bexpr(R). { A = parse_logical(ctx, OP_AND, L, R, &T); }
bexpr(A) ::= bexpr(L) BITOR(T) bexpr(R). { A = parse_binary(ctx, OP_BITOR, L, R, &T); }
bexpr(A) ::= bexpr(L) BITXOR(T) bexpr(R). { A = parse_binary(ctx, OP_BITXOR, L, R, &T); }
bexpr(A) ::= bexpr(L) BITAND(T) bexpr(R). { A = parse_binary(ctx, OP_BITAND, L, R, &T); }
bexpr(A) ::= bexpr(L) EQ(T) bexpr(R). { A = parse_binary(ctx, OP_EQ, L, R, &T); }
bexpr(A) ::= bexpr(L) NE(T) bexpr(R). { A = parse_binary(ctx, OP_NE, L, R, &T); }
bexpr(A) ::= bexpr(L) SEQ(T) bexpr(R). { A = parse_binary(ctx, OP_SEQ, L, R, &T); }
bexpr(A) ::= bexpr(L) SNE(T) bexpr(R). { A = parse_binary(ctx, OP_SNE, L, R, &T); }
bexpr(A) ::= bexpr(L) LT(T) bexpr(R). { A = parse_binary(ctx, OP_LT, L, R, &T); }
bexpr(A) ::= bexpr(L) GT(T) bexpr(R). { A = parse_binary(ctx, OP_GT, L, R, &T); }
bexpr(A) ::= bexpr(L) LE(T) bexpr(R). { A = parse_binary(ctx, OP_LE, L, R, &T); }
bexpr(A) ::= bexpr(L) GE(T) bexpr(R). { A = parse_binary(ctx, OP_GE, L, R, &T); }
bexpr(A) ::= bexpr(L) INSTANCEOF(T) bexpr(R). { A = parse_binary(ctx, OP_INSTANCEOF, L, R, &T); }
bexpr(A) ::= bexpr(L) IN(T) bexpr(R). { A = parse_binary(ctx, OP_IN, L, R, &T); }
bexpr(A) ::= bexpr(L) SHL(T) bexpr(R). { A = parse_binary(ctx, OP_SHL, L, R, &T); }
bexpr(A) ::= bexpr(L) SAR(T) bexpr(R). { A = parse_binary(ctx, OP_SAR, L, R, &T); }
bexpr(A) ::= bexpr(L) SHR(T) bexpr(R). { A = parse_binary(ctx, OP_SHR, L, R, &T); }
bexpr(A) ::= bexpr(L) PLUS(T) bexpr(R). { A = parse_binary(ctx, OP_ADD, L, R, &T); }
bexpr(A) ::= bexpr(L) MINUS(T) bexpr(R). { A = parse_binary(ctx, OP_SUB, L, R, &T); }
bexpr(A) ::= bexpr(L) STAR(T) bexpr(R). { A = parse_binary(ctx, OP_MUL, L, R, &T); }
bexpr(A) ::= bexpr(L) SLASH(T) bexpr(R). { A = parse_binary(ctx, OP_DIV, L, R, &T); }
bexpr(A) ::= bexpr(L) PERCENT(T) bexpr(R). { A = parse_binary(ctx, OP_MOD, L, R, &T); }
bexpr(A) ::= bexpr(L) STARSTAR(T) bexpr(R). { A = parse_binary(ctx, OP_EXP, L, R, &T); }

bexpr(A) ::= DELETE(T) bexpr(E). [UNARY] { A = parse_unary(ctx, OP_DELETE, E, &T); }
bexpr(A) ::= VOID(T) bexpr(E). [UNARY] { A = parse_unary(ctx, OP_VOID, E, &T); }
bexpr(A) ::= TYPEOF(T) bexpr(E). [UNARY] { A = parse_unary(ctx, OP_TYPEOF, E, &T); }
bexpr(A) ::= PLUS(T) bexpr(E). [UNARY] { A = parse_unary(ctx, OP_PLUS, E, &T); }
bexpr(A) ::= MINUS(T) bexpr(E). [UNARY] { A = parse_unary(ctx, OP_NEG, E, &T); }
bexpr(A) ::= TILDE(T) bexpr(E). [UNARY] { A = parse_unary(ctx, OP_BITNOT, E, &T); }
bexpr(A) ::= BANG(T) bexpr(E). [UNARY] { A = parse_unary(ctx, OP_NOT, E, &T); }
bexpr(A) ::= INC(T) bexpr(E). [UNARY] { A = parse_update(ctx, OP_INC, E, true, &T); }
bexpr(A) ::= DEC(T) bexpr(E). [UNARY] { A = parse_update(ctx, OP_DEC, E, true, &T); }

/* Left-hand-side expressions: member (incl. `new X()`), call, and argument-less `new X`. */
bexpr(A) ::= member(E). { A = E; }
bexpr(A) ::= call(E). { A = E; }
bexpr(A) ::= new_bare(E). { A = E; }
bexpr(A) ::= member(E) INC(T). { A = parse_update(ctx, OP_INC, E, false, &T); }
bexpr(A) ::= member(E) DEC(T). { A = parse_update(ctx, OP_DEC, E, false, &T); }
bexpr(A) ::= call(E) INC(T). { A = parse_update(ctx, OP_INC, E, false, &T); }
bexpr(A) ::= call(E) DEC(T). { A = parse_update(ctx, OP_DEC, E, false, &T); }
bexpr(A) ::= new_bare(E) INC(T). { A = parse_update(ctx, OP_INC, E, false, &T); }
bexpr(A) ::= new_bare(E) DEC(T). { A = parse_update(ctx, OP_DEC, E, false, &T); }

new_bare(A) ::= NEW(T) member(E). { A = parse_new(ctx, &T, E, NULL); }
new_bare(A) ::= NEW(T) new_bare(E). { A = parse_new(ctx, &T, E, NULL); }

member(A) ::= func_expr(E). { A = E; }
member(A) ::= member(O) LBRACKET(T) expr(I) RBRACKET. { A = parse_index(ctx, O, I, &T); }
member(A) ::= member(O) DOT name(N). { A = parse_member(ctx, O, &N); }
member(A) ::= NEW(T) member(C) args(G). { A = parse_new(ctx, &T, C, &G); }

call(A) ::= member(C) args(G). { A = parse_call(ctx, C, &G); }
/* Optional chaining: each `?.` link is flagged; the compiler finds the chain's end. */
member(A) ::= member(O) QDOT name(N). { A = parse_optional(ctx, parse_member(ctx, O, &N)); }
member(A) ::= member(O) QDOT LBRACKET(T) expr(I) RBRACKET. { A = parse_optional(ctx, parse_index(ctx, O, I, &T)); }
call(A) ::= member(C) QDOT args(G). { A = parse_optional(ctx, parse_call(ctx, C, &G)); }
call(A) ::= call(O) QDOT name(N). { A = parse_optional(ctx, parse_member(ctx, O, &N)); }
call(A) ::= call(O) QDOT LBRACKET(T) expr(I) RBRACKET. { A = parse_optional(ctx, parse_index(ctx, O, I, &T)); }
call(A) ::= call(C) QDOT args(G). { A = parse_optional(ctx, parse_call(ctx, C, &G)); }
call(A) ::= call(C) args(G). { A = parse_call(ctx, C, &G); }
call(A) ::= call(O) LBRACKET(T) expr(I) RBRACKET. { A = parse_index(ctx, O, I, &T); }
call(A) ::= call(O) DOT name(N). { A = parse_member(ctx, O, &N); }

/* Tagged templates: tag`a${x}b` is a call of tag with the template object and the values. */
member(A) ::= member(O) TEMPLATE(T). { A = parse_tagged_template(ctx, O, parse_literal(ctx, &T)); }
member(A) ::= member(O) TEMPLATE_HEAD(H) tmpl_parts(P) TEMPLATE_TAIL(T). {
    A = parse_tagged_template(ctx, O, parse_template(ctx, &H, &P, &T));
}
call(A) ::= call(O) TEMPLATE(T). { A = parse_tagged_template(ctx, O, parse_literal(ctx, &T)); }
call(A) ::= call(O) TEMPLATE_HEAD(H) tmpl_parts(P) TEMPLATE_TAIL(T). {
    A = parse_tagged_template(ctx, O, parse_template(ctx, &H, &P, &T));
}

name(A) ::= IDENT(T). { A = T; }
name(A) ::= KWNAME(T). { A = T; }

args(A) ::= LP RP. { memset(&A, 0, sizeof A); }
args(A) ::= LP arg_list(L) RP. { A = L; }
args(A) ::= LP arg_list(L) COMMA RP. { A = L; }
/* Never fed for real: the error reporter probes it to say "missing ) after argument list". */
args(A) ::= LP arg_list(L) ARGS_PROBE. { A = L; }
arg_list(A) ::= assign(E). { A = parse_list1(E); }
arg_list(A) ::= ELLIPSIS(T) assign(E). { A = parse_list1(parse_spread(ctx, &T, E)); }
arg_list(A) ::= arg_list(B) COMMA assign(E). { A = B; parse_list_push(&A, E); }
arg_list(A) ::= arg_list(B) COMMA ELLIPSIS(T) assign(E). {
    A = B;
    parse_list_push(&A, parse_spread(ctx, &T, E));
}

member(A) ::= IDENT(T). { A = parse_ident(ctx, &T); }
member(A) ::= THIS(T). { A = parse_literal(ctx, &T); }
member(A) ::= NULL(T). { A = parse_literal(ctx, &T); }
member(A) ::= TRUE(T). { A = parse_literal(ctx, &T); }
member(A) ::= FALSE(T). { A = parse_literal(ctx, &T); }
member(A) ::= NUMBER(T). { A = parse_literal(ctx, &T); }
member(A) ::= STRING(T). { A = parse_literal(ctx, &T); }
member(A) ::= REGEXP(T). { A = parse_literal(ctx, &T); }
member(A) ::= TEMPLATE(T). { A = parse_literal(ctx, &T); }
member(A) ::= TEMPLATE_HEAD(H) tmpl_parts(P) TEMPLATE_TAIL(T). {
    A = parse_template(ctx, &H, &P, &T);
}
tmpl_parts(A) ::= expr(E). { memset(&A, 0, sizeof A); parse_list_push(&A.exprs, E); }
tmpl_parts(A) ::= tmpl_parts(B) TEMPLATE_MIDDLE(M) expr(E). {
    A = B;
    parse_list_push(&A.quasis, parse_literal(ctx, &M));
    parse_list_push(&A.exprs, E);
}
member(A) ::= LP(L) expr(E) RP. { A = parse_paren(ctx, &L, E); }

member(A) ::= arr_lit(E). { A = E; }
member(A) ::= obj_lit(E). { A = E; }
arr_lit(A) ::= LBRACKET(T) elision_opt(N) RBRACKET. {
    NodeList l = {0};
    A = parse_array(ctx, &T, &l, N);
}
arr_lit(A) ::= LBRACKET(T) elem_list(L) RBRACKET. { A = parse_array(ctx, &T, &L, 0); }
arr_lit(A) ::= LBRACKET(T) elem_list(L) COMMA elision_opt(N) RBRACKET. {
    A = parse_array(ctx, &T, &L, N);
}
elem_list(A) ::= elision_opt(N) elem(E). {
    memset(&A, 0, sizeof A);
    parse_holes(ctx, &A, N, NULL);
    parse_list_push(&A, E);
}
elem_list(A) ::= elem_list(B) COMMA elision_opt(N) elem(E). {
    A = B;
    parse_holes(ctx, &A, N, NULL);
    parse_list_push(&A, E);
}
elision_opt(A) ::= . { A = 0; }
elision_opt(A) ::= elision(N). { A = N; }
elision(A) ::= COMMA. { A = 1; }
elision(A) ::= elision(N) COMMA. { A = N + 1; }
elem(A) ::= assign(E). { A = E; }
elem(A) ::= ELLIPSIS(T) assign(E). { A = parse_spread(ctx, &T, E); }

obj_lit(A) ::= OBJ_LBRACE(T) RBRACE. { NodeList l = {0}; A = parse_object(ctx, &T, &l); }
obj_lit(A) ::= OBJ_LBRACE(T) props(L) RBRACE. { A = parse_object(ctx, &T, &L); }
obj_lit(A) ::= OBJ_LBRACE(T) props(L) COMMA RBRACE. { A = parse_object(ctx, &T, &L); }
/* `{a = 1}` only as a destructuring pattern (flagged; an error if it stays an expression) */
prop(A) ::= IDENT(T) ASSIGN(Q) assign(E). { A = parse_cover_init(ctx, &T, &Q, E); }
prop(A) ::= ELLIPSIS(T) assign(E). { A = parse_spread(ctx, &T, E); }
props(A) ::= prop(P). { A = parse_list1(P); }
props(A) ::= props(B) COMMA prop(P). { A = B; parse_list_push(&A, P); }
prop(A) ::= prop_key(K) COLON assign(V). { A = parse_prop(ctx, &K, V, PROP_INIT, false); }
prop(A) ::= IDENT(T). {
    PropKey k = parse_prop_key(ctx, &T, NULL);
    A = parse_prop(ctx, &k, parse_ident(ctx, &T), PROP_INIT, true);
}
prop(A) ::= ASYNC prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_make_async(ctx, parse_method(ctx, NULL, &K, PROP_INIT, &L, &P, &B));
}
prop(A) ::= STAR prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_generator_method(ctx, parse_method(ctx, NULL, &K, PROP_INIT, &L, &P, &B));
}
prop(A) ::= prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_method(ctx, NULL, &K, PROP_INIT, &L, &P, &B);
}
prop(A) ::= GET(G) prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_method(ctx, &G, &K, PROP_GET, &L, &P, &B);
}
prop(A) ::= SET(G) prop_key(K) LP(L) params(P) RP fbody(B). {
    A = parse_method(ctx, &G, &K, PROP_SET, &L, &P, &B);
}
prop_key(A) ::= IDENT(T). { A = parse_prop_key(ctx, &T, NULL); }
prop_key(A) ::= KWNAME(T). { A = parse_prop_key(ctx, &T, NULL); }
prop_key(A) ::= STRING(T). { A = parse_prop_key(ctx, &T, NULL); }
prop_key(A) ::= NUMBER(T). { A = parse_prop_key(ctx, &T, NULL); }
prop_key(A) ::= LBRACKET(T) assign(E) RBRACKET. { A = parse_prop_key(ctx, &T, E); }

%code {
/* Would the parser shift `type` now? Replays the reductions Lemon would make, on a virtual
 * stack: entries popped below the real top are only indexed, new ones go to a small local
 * array, so a probe costs what the reductions cost, not the stack depth. */
bool parse_lemon_can_shift(void *p, int type) {
    yyParser *pp = p;
    YYACTIONTYPE extra[64];
    int nextra = 0;
    yyStackEntry *base = pp->yytos;
    YYACTIONTYPE state = base->stateno;
    for (;;) {
        YYACTIONTYPE act = yy_find_shift_action((YYCODETYPE)type, state);
        if (act >= YY_MIN_REDUCE) {
            unsigned rule = act - YY_MIN_REDUCE;
            int pop = -yyRuleInfoNRhs[rule];
            int from_extra = pop < nextra ? pop : nextra;
            nextra -= from_extra;
            pop -= from_extra;
            base -= pop;
            if (base < pp->yystack) return false;
            YYACTIONTYPE below = nextra ? extra[nextra - 1] : base->stateno;
            YYACTIONTYPE go = yy_find_reduce_action(below, yyRuleInfoLhs[rule]);
            if (nextra == (int)(sizeof extra / sizeof extra[0])) return false;
            extra[nextra++] = go;
            state = go;
            continue;
        }
        if (act <= YY_MAX_SHIFTREDUCE) return true;
        return act == YY_ACCEPT_ACTION;
    }
}

int parse_lemon_depth(void *p) {
    yyParser *pp = p;
    return (int)(pp->yytos - pp->yystack);
}
}
