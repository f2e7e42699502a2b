/* test_promise.c: Promise and the microtask queue through the C API (rt_promise_*,
 * rt_run_microtasks, rt_run_ticks, rt_process_rejections) and through small scripts whose
 * order of events is checked as node v20 prints it. Suite promise_stress runs the same kind
 * of cases with a GC at every allocation and the heap verified. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/host_int.h"
#include "runtime/runtime.h"
#include "vm/vm.h"

#include "test_isolate.h"

TestSuite(promise, .init = setup, .fini = teardown);
TestSuite(promise_stress, .init = setup_stress, .fini = teardown, .timeout = 300);

/* Run a script; its completion value, kept in a handle of the fixture's scope. */
static Value *run(const char *src) {
    Value *out = vm_handle(iso, V_UNDEF);
    Status st = vm_run_script(iso, src, strlen(src), "test.js", out);
    if (st != MJS_OK) {
        Value e = vm_take_exception(iso);
        Value s;
        char *txt = vm_to_string(iso, e, &s) == MJS_OK ? str_to_utf8(iso, s, NULL) : strdup("?");
        cr_fatal("script threw: %s", txt);
    }
    return out;
}

/* A script's string result as C text (malloc'd). */
static char *run_str(const char *src) {
    Value *v = run(src);
    cr_assert(v_is_string(*v), "expected a string result");
    return str_to_utf8(iso, *v, NULL);
}

static char *inspect(Value v) {
    Value s;
    cr_assert(rt_inspect(iso, v, false, &s) == MJS_OK);
    return str_to_utf8(iso, s, NULL);
}

/* ---------------------------------------------------------------- C API */

static int ok_calls, err_calls;
static double last_value, last_data;

static Status on_ok(Isolate *i, Value *argv, int argc, Value *ret) {
    ok_calls++;
    last_value = v_is_number(argv[0]) ? v_num(argv[0]) : -1;
    Value data = *obj_internal(argv[-2], 1);
    last_data = v_is_number(data) ? v_num(data) : -1;
    *ret = V_UNDEF;
    return MJS_OK;
}

static Status on_err(Isolate *i, Value *argv, int argc, Value *ret) {
    err_calls++;
    last_value = v_is_number(argv[0]) ? v_num(argv[0]) : -1;
    *ret = V_UNDEF;
    return MJS_OK;
}

static Status on_ok_throws(Isolate *i, Value *argv, int argc, Value *ret) {
    return vm_throw_error(i, E_RANGE, "from a native reaction");
}

static void native_reactions(void) {
    ok_calls = err_calls = 0;
    Value *p = vm_handle(iso, rt_promise_new(iso));
    cr_assert(rt_is_promise(*p));
    cr_assert(eq(int, rt_promise_state(*p), RT_PROMISE_PENDING));
    cr_assert(rt_promise_then_native(iso, *p, on_ok, on_err, v_int(42)) == MJS_OK);
    rt_promise_resolve(iso, *p, v_int(7));
    cr_assert(eq(int, rt_promise_state(*p), RT_PROMISE_FULFILLED));
    cr_assert(eq(int, ok_calls, 0), "reactions wait for the microtask queue");
    cr_assert(rt_microtasks_pending(iso));
    cr_assert(rt_run_microtasks(iso) == MJS_OK);
    cr_assert(eq(int, ok_calls, 1));
    cr_assert(eq(int, err_calls, 0));
    cr_assert(eq(dbl, last_value, 7));
    cr_assert(eq(dbl, last_data, 42));
    cr_assert(not(rt_microtasks_pending(iso)));

    /* Settling again is a no-op; a reaction added after settling still runs once. */
    rt_promise_reject(iso, *p, v_int(1));
    cr_assert(eq(int, rt_promise_state(*p), RT_PROMISE_FULFILLED));
    cr_assert(rt_promise_then_native(iso, *p, on_ok, on_err, v_int(43)) == MJS_OK);
    cr_assert(rt_run_microtasks(iso) == MJS_OK);
    cr_assert(eq(int, ok_calls, 2));
    cr_assert(eq(dbl, last_data, 43));

    Value *q = vm_handle(iso, rt_promise_new(iso));
    cr_assert(rt_promise_then_native(iso, *q, on_ok, on_err, V_UNDEF) == MJS_OK);
    rt_promise_reject(iso, *q, v_int(9));
    cr_assert(rt_run_microtasks(iso) == MJS_OK);
    cr_assert(eq(int, err_calls, 1));
    cr_assert(eq(dbl, last_value, 9));
}

Test(promise, native_reactions) { native_reactions(); }
Test(promise_stress, native_reactions) { native_reactions(); }

Test(promise, self_resolution_rejects_with_type_error) {
    Value *p = vm_handle(iso, rt_promise_new(iso));
    rt_promise_resolve(iso, *p, *p);
    cr_assert(eq(int, rt_promise_state(*p), RT_PROMISE_REJECTED));
    char *s = inspect(rt_promise_result(*p));
    cr_assert(not(eq(ptr, strstr(s, "TypeError: Chaining cycle detected for promise #<Promise>"), NULL)), "got %s", s);
    free(s);
}

static void thenable_adoption(void) {
    ok_calls = 0;
    Value *t = run("var calls = 0; ({ then: function (res) { calls++; res(5); } })");
    Value *p = vm_handle(iso, rt_promise_new(iso));
    rt_promise_resolve(iso, *p, *t);
    /* The thenable's then runs from a job, not inside resolve. */
    cr_assert(eq(int, rt_promise_state(*p), RT_PROMISE_PENDING));
    cr_assert(eq(dbl, v_num(*run("calls")), 0));
    cr_assert(rt_promise_then_native(iso, *p, on_ok, on_err, v_int(1)) == MJS_OK);
    cr_assert(rt_run_microtasks(iso) == MJS_OK);
    cr_assert(eq(dbl, v_num(*run("calls")), 1));
    cr_assert(eq(int, rt_promise_state(*p), RT_PROMISE_FULFILLED));
    cr_assert(eq(int, ok_calls, 1));
    cr_assert(eq(dbl, last_value, 5));
}

Test(promise, thenable_adoption) { thenable_adoption(); }
Test(promise_stress, thenable_adoption) { thenable_adoption(); }

Test(promise, promise_from_keeps_native_promises) {
    Value *p = vm_handle(iso, rt_promise_new(iso));
    Value *out = vm_handle(iso, V_UNDEF);
    cr_assert(rt_promise_from(iso, *p, out) == MJS_OK);
    cr_assert(eq(u64, *out, *p));
    cr_assert(rt_promise_from(iso, v_int(3), out) == MJS_OK);
    cr_assert(ne(u64, *out, *p));
    cr_assert(eq(int, rt_promise_state(*out), RT_PROMISE_FULFILLED));
    cr_assert(eq(dbl, v_num(rt_promise_result(*out)), 3));
}

Test(promise, native_reaction_exception_is_uncaught) {
    Value *p = vm_handle(iso, rt_promise_new(iso));
    cr_assert(rt_promise_then_native(iso, *p, on_ok_throws, on_err, V_UNDEF) == MJS_OK);
    rt_promise_resolve(iso, *p, v_int(1));
    rt_enqueue_microtask(iso, *run("(function () { globalThis.after = 1; })"));
    cr_assert(rt_run_microtasks(iso) == MJS_EXC);
    char *s = inspect(vm_take_exception(iso));
    cr_assert(not(eq(ptr, strstr(s, "RangeError: from a native reaction"), NULL)), "got %s", s);
    free(s);
    /* The job after the failing one is still queued. */
    cr_assert(rt_microtasks_pending(iso));
    cr_assert(rt_run_microtasks(iso) == MJS_OK);
    cr_assert(eq(dbl, v_num(*run("after")), 1));
}

/* ---------------------------------------------------------------- queue growth */

static void many_microtasks(int n) {
    char src[256];
    snprintf(src, sizeof src,
             "var n = 0; for (var i = 0; i < %d; i++) queueMicrotask(function () { n++; });"
             "Promise.resolve().then(function () { n += 1000000; }); n",
             n);
    cr_assert(eq(dbl, v_num(*run(src)), 0));
    cr_assert(rt_run_microtasks(iso) == MJS_OK);
    cr_assert(eq(dbl, v_num(*run("n")), n + 1000000));
}

Test(promise, queue_grows_and_keeps_fifo_order) {
    many_microtasks(5000);
    char *s = run_str("var log = []; for (var i = 0; i < 40; i++) (function (k) {"
                      " queueMicrotask(function () { log.push(k); }); })(i); ''");
    free(s);
    cr_assert(rt_run_microtasks(iso) == MJS_OK);
    s = run_str("log.join(',')");
    cr_assert(eq(str, s,
                 "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,"
                 "30,31,32,33,34,35,36,37,38,39"));
    free(s);
}

Test(promise_stress, queue_grows) { many_microtasks(100); }

/* ---------------------------------------------------------------- node's order */

static const char order_src[] =
    "var log = [];"
    "Promise.resolve().then(function () { log.push('p1'); }).then(function () { log.push('p2'); });"
    "process.nextTick(function () { log.push('t1');"
    "  Promise.resolve().then(function () { log.push('p-t1'); });"
    "  process.nextTick(function () { log.push('t-t1'); }); });"
    "queueMicrotask(function () { log.push('q1');"
    "  process.nextTick(function () { log.push('t-q1'); }); });"
    "new Promise(function (r) { r({ then: function (f) { log.push('then'); f('x'); } }); })"
    "  .then(function (v) { log.push('thenable ' + v); });"
    "log.push('sync'); ''";
/* As node v20 prints it. */
static const char order_expect[] = "sync,t1,t-t1,p1,q1,then,p-t1,p2,thenable x,t-q1";

static void ticks_then_microtasks(void) {
    free(run_str(order_src));
    cr_assert(rt_run_ticks(iso) == MJS_OK);
    char *s = run_str("log.join(',')");
    cr_assert(eq(str, s, (char *)order_expect));
    free(s);
}

Test(promise, ticks_then_microtasks) { ticks_then_microtasks(); }
Test(promise_stress, ticks_then_microtasks) { ticks_then_microtasks(); }

static void combinators(void) {
    free(run_str("var out = [];"
                 "Promise.all([1, Promise.resolve(2), { then: function (r) { r(3); } }])"
                 "  .then(function (v) { out.push('all ' + v); });"
                 "Promise.allSettled([Promise.reject(1), 2]).then(function (v) {"
                 "  out.push('settled ' + v[0].status + v[0].reason + v[1].status + v[1].value); });"
                 "Promise.any([Promise.reject(1), Promise.reject(2)]).catch(function (e) {"
                 "  out.push('any ' + e.name + ' ' + e.errors + ' ' + e.message); });"
                 "Promise.race([new Promise(function () {}), 'r']).then(function (v) { out.push('race ' + v); });"
                 "''"));
    cr_assert(rt_run_ticks(iso) == MJS_OK);
    char *s = run_str("out.join('|')");
    cr_assert(eq(str, s, "settled rejected1fulfilled2|any AggregateError 1,2 All promises were rejected|race r|all 1,2,3"));
    free(s);
}

Test(promise, combinators) { combinators(); }
Test(promise_stress, combinators) { combinators(); }

/* ---------------------------------------------------------------- unhandled rejections */

Test(promise, unhandled_rejection_is_thrown_after_the_drain) {
    free(run_str("var p = Promise.reject(42); ''"));
    Status st = rt_run_ticks(iso);
    cr_assert(st == MJS_EXC);
    Value *e = vm_handle(iso, vm_take_exception(iso));
    Value *code = vm_handle(iso, V_UNDEF);
    cr_assert(rt_get_named(iso, e, "code", code) == MJS_OK);
    char *s = str_to_utf8(iso, *code, NULL);
    cr_assert(eq(str, s, "ERR_UNHANDLED_REJECTION"));
    free(s);
    Value *msg = vm_handle(iso, V_UNDEF);
    cr_assert(rt_get_named(iso, e, "message", msg) == MJS_OK);
    s = str_to_utf8(iso, *msg, NULL);
    cr_assert(not(eq(ptr, strstr(s, "The promise rejected with the reason \"42\"."), NULL)), "got %s", s);
    free(s);
    /* Reported once. */
    cr_assert(rt_run_ticks(iso) == MJS_OK);
}

Test(promise, error_reasons_are_thrown_as_they_are) {
    Value *err = run("var e = new TypeError('t'); Promise.reject(e); e");
    cr_assert(rt_run_ticks(iso) == MJS_EXC);
    cr_assert(eq(u64, vm_take_exception(iso), *err));
}

Test(promise, handled_in_time_is_not_reported) {
    free(run_str("var p = Promise.reject(1), q = Promise.reject(2);"
                 "process.nextTick(function () { p.catch(function () {}); });"
                 "Promise.resolve().then(function () {}).then(function () { q.catch(function () {}); });"
                 "''"));
    cr_assert(rt_run_ticks(iso) == MJS_OK);
    bool more;
    cr_assert(rt_process_rejections(iso, &more) == MJS_OK);
    cr_assert(not(more));
}

Test(promise, listener_takes_unhandled_rejections) {
    free(run_str("var seen = [];"
                 "process.on('unhandledRejection', function (r, p) { seen.push(r + ':' + (p instanceof Promise)); });"
                 "Promise.reject('a'); Promise.reject('b').then(function () {}); ''"));
    cr_assert(rt_run_ticks(iso) == MJS_OK);
    char *s = run_str("seen.join(',')");
    cr_assert(eq(str, s, "a:true,b:true"));
    free(s);
}

/* ---------------------------------------------------------------- inspect */

Test(promise, inspect_like_node) {
    struct {
        const char *src, *expect;
    } cases[] = {
        {"Promise.resolve(1)", "Promise { 1 }"},
        {"new Promise(function () {})", "Promise { <pending> }"},
        {"var r = Promise.reject('no'); r.catch(function () {}); r", "Promise { <rejected> 'no' }"},
        {"var q = Promise.resolve({ a: [1, 2] }); q.x = 1; q", "Promise { { a: [ 1, 2 ] }, x: 1 }"},
        {"[Promise.resolve(undefined)]", "[ Promise { undefined } ]"},
        {"Object.prototype.toString.call(Promise.resolve())", "[object Promise]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value *v = run(cases[i].src);
        char *s = v_is_string(*v) ? str_to_utf8(iso, *v, NULL) : inspect(*v);
        cr_expect(eq(str, s, (char *)cases[i].expect), "%s", cases[i].src);
        free(s);
    }
}
