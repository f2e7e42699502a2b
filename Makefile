# minijs: GNU Make build. Generated C (re2c, Lemon) goes to $(BUILD)/gen, objects to
# $(BUILD)/obj. `make run` and `make test` install missing Debian packages first.
.DELETE_ON_ERROR:
.SECONDARY:
.SUFFIXES:

BUILD ?= build
CC ?= cc
OPT ?= -O2
SAN ?=
PREFIX ?= /usr/local

CPPFLAGS := -I. -I$(BUILD)/gen -D_GNU_SOURCE
BASE_CFLAGS := -std=c11 -g $(OPT) $(SAN) -fno-strict-aliasing -MMD -MP
WARN := -Wall -Wextra -Werror -Wno-unused-parameter
# Generated sources compile with relaxed warnings (STYLE.md).
GEN_WARN := -w
LDLIBS := -lm

LEXER_SRC := $(wildcard lexer/*.c)
PARSER_SRC := $(wildcard parser/*.c)
GC_SRC := $(wildcard gc/*.c)
VM_SRC := $(wildcard vm/*.c)
RT_SRC := $(filter-out runtime/main.c,$(wildcard runtime/*.c))

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
FRONT_OBJ := $(BUILD)/obj/gen/lexer.o $(BUILD)/obj/gen/grammar.o $(call obj,$(LEXER_SRC) $(PARSER_SRC))
GC_OBJ := $(call obj,$(GC_SRC))
VM_OBJ := $(call obj,$(VM_SRC))
RT_OBJ := $(call obj,$(RT_SRC))
LIB_OBJ := $(FRONT_OBJ) $(GC_OBJ) $(VM_OBJ) $(RT_OBJ)

UNIT_LIBS := $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)

.PHONY: all run test unit jstest stress-test asan install clean deps bench test262
all: deps $(BUILD)/minijs

# ---------------------------------------------------------------- Debian packages
DEB_PKGS := build-essential pkg-config re2c lemon libcriterion-dev
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else echo "run as root, or: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi

# ---------------------------------------------------------------- generated sources
$(BUILD)/gen/lexer.c: lexer/lexer.re $(BUILD)/gen/grammar.h
	@mkdir -p $(dir $@)
	re2c -W -Werror --utf8 --no-generation-date --no-version -c --depfile $@.d -o $@ $<

$(BUILD)/gen/grammar.c $(BUILD)/gen/grammar.h &: parser/grammar.y
	@mkdir -p $(BUILD)/gen
	cp parser/grammar.y $(BUILD)/gen/grammar.y
	lemon -q -T/usr/share/lemon/lempar.c -d$(BUILD)/gen $(BUILD)/gen/grammar.y
	touch $(BUILD)/gen/grammar.c $(BUILD)/gen/grammar.h

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Iparser -Ilexer $(BASE_CFLAGS) $(GEN_WARN) -c -o $@ $<

$(BUILD)/obj/%.o: %.c | $(BUILD)/gen/grammar.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(BASE_CFLAGS) $(WARN) -c -o $@ $<

# gc/ includes no other folder (STYLE.md): its objects and unit test need no generated header,
# so they build even while the grammar does not (the shorter-stem pattern rule wins).
$(BUILD)/obj/gc/%.o: gc/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(BASE_CFLAGS) $(WARN) -c -o $@ $<
$(BUILD)/obj/tests/unit/test_gc.o: tests/unit/test_gc.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(BASE_CFLAGS) $(WARN) -c -o $@ $<

# ---------------------------------------------------------------- binaries
$(BUILD)/minijs: $(BUILD)/obj/runtime/main.o $(LIB_OBJ)
	$(CC) $(BASE_CFLAGS) -o $@ $^ $(LDLIBS)

# Unit test binaries: front end and GC alone, the rest against the whole engine.
$(BUILD)/tests/test_front: $(call obj,tests/unit/test_lexer.c tests/unit/test_parser.c) $(FRONT_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -o $@ $^ $(UNIT_LIBS) $(LDLIBS)
$(BUILD)/tests/test_gc: $(call obj,tests/unit/test_gc.c) $(GC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -o $@ $^ $(UNIT_LIBS) $(LDLIBS)
$(BUILD)/tests/test_vm: $(call obj,$(wildcard tests/unit/test_vm*.c) tests/unit/test_promise.c tests/unit/test_regexp.c) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -o $@ $^ $(UNIT_LIBS) $(LDLIBS)

$(BUILD)/tests/test_typed: $(call obj,tests/unit/test_typed.c) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -o $@ $^ $(UNIT_LIBS) $(LDLIBS)

UNIT_BINS := $(BUILD)/tests/test_front $(BUILD)/tests/test_gc $(BUILD)/tests/test_vm \
	$(BUILD)/tests/test_typed

# ---------------------------------------------------------------- tests
run: all
	$(BUILD)/minijs examples/usage.js

unit: deps $(UNIT_BINS)
	@rc=0; for t in $(UNIT_BINS); do $$t -j2 || rc=1; done; exit $$rc

jstest: all
	scripts/run-js-tests $(BUILD)/minijs

stress-test: all
	scripts/run-js-tests --stress $(BUILD)/minijs

test: deps all unit jstest stress-test

asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/unit/lsan.supp $(MAKE) BUILD=build/asan OPT=-O1 SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" unit jstest

bench: all $(BUILD)/cputime
	bench/run $(BUILD)/minijs

# bench/cputime.c: CPU time and peak RSS of a child process, for bench/run.
$(BUILD)/cputime: bench/cputime.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -o $@ $<

# The ES5 part of a test262 checkout (README.md: git clone --depth 1 https://github.com/tc39/test262).
TEST262 ?= /tmp/test262
test262: all
	scripts/test262 --bin $(BUILD)/minijs $(TEST262)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/minijs $(DESTDIR)$(PREFIX)/bin/minijs

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
