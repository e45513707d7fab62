# dtl - diplomatic event timeline builder.  GNU make.
#
#   make            build build/dtl
#   make demo       build, then run dtl on samples/ (installs Debian
#                   packages it needs when missing)
#   make test       the whole test suite (idem)
#   make check      the test suite under ASan+UBSan (clang)
#   make tsan       the test suite under ThreadSanitizer (clang)
#   make valgrind   unit tests and goldens under valgrind
#   make fuzz       libFuzzer targets; make fuzz-smoke runs each briefly
#   make bench      speed and memory (medians; never part of test)
#   make bench-chrono  the same corpus through chrono-node, to compare
#   make eval       TimeML and event scores against ../shared (if present)
#   make install    PREFIX=/usr/local DESTDIR=
#   make golden-update   rewrite expected outputs (read the diff!)

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/dtl
MANDIR  ?= $(PREFIX)/share/man
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
BUILD   ?= build
SHARED  ?= ../shared

PKGS    = libical libcjson libpcre2-8
CSTD    = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
          -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wcast-qual \
          -Wundef -Wvla -Wconversion -Wimplicit-fallthrough
WERROR ?= -Werror
CFLAGS ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(CSTD) $(WARN) $(WERROR) -Iinclude -Isrc $(PKG_CFLAGS) \
             -DDTL_RULES_DIR='"$(DATADIR)/rules"' $(CFLAGS)
LDLIBS  += $(PKG_LIBS) -lpthread

LIB_SRC = $(filter-out src/cli_%.c,$(wildcard src/*.c))
CLI_SRC = $(wildcard src/cli_*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT    = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/*.c))

all: $(BUILD)/dtl

$(BUILD)/libdtl.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/dtl: $(CLI_OBJ) $(BUILD)/libdtl.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(BUILD)/libdtl.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libdtl.a $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Debian packages: installed when missing (as root, or through sudo).
deps:
	@sh .ci/install-deps

test-deps:
	@sh .ci/install-deps test

# demo and test install missing packages first, then run make again so
# that pkg-config sees them.
demo: deps
	@$(MAKE) --no-print-directory demo-run

demo-run: all
	@for f in samples/*.txt; do \
	  echo "== $$f"; $(BUILD)/dtl build --format text "$$f" || exit 1; \
	  echo; done

test: test-deps
	@$(MAKE) --no-print-directory test-run

test-run: all $(UNIT)
	@DTL=$(BUILD)/dtl BUILD=$(BUILD) sh tests/run.sh

check:
	@sh .ci/install-deps test clang
	$(MAKE) test BUILD=build/san CC=clang WERROR=$(WERROR) \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined"

# The suite under ThreadSanitizer: batches run on worker threads
# (tests/cli/batch.sh and the -j runs of other scripts).
tsan:
	@sh .ci/install-deps test clang
	TSAN_OPTIONS="halt_on_error=1" $(MAKE) test BUILD=build/tsan CC=clang \
	  WERROR=$(WERROR) CFLAGS="-O1 -g -fsanitize=thread" \
	  LDFLAGS="-fsanitize=thread"

valgrind: all $(UNIT)
	@DTL=$(BUILD)/dtl BUILD=$(BUILD) VALGRIND=1 sh tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory bench-run

bench-run: all $(BUILD)/bench/pcre2_limit
	@DTL=$(BUILD)/dtl SHARED=$(SHARED) sh bench/run.sh

# The same corpus through chrono-node, for comparison (needs node and
# npm; the package goes to build/chrono, never into the tree).
bench-chrono:
	@if [ ! -f $(SHARED)/eval/corpora/reuters21578/reuters21578.jsonl ]; then \
	  echo "bench-chrono: $(SHARED) not found: skipped"; exit 0; fi; \
	mkdir -p $(BUILD)/chrono && \
	{ [ -d $(BUILD)/chrono/node_modules/chrono-node ] || \
	  npm install --silent --prefix $(BUILD)/chrono chrono-node; } && \
	NODE_PATH=$(BUILD)/chrono/node_modules node bench/chrono.js \
	  $(SHARED)/eval/corpora/reuters21578/reuters21578.jsonl

$(BUILD)/bench/pcre2_limit: bench/pcre2_limit.c $(BUILD)/libdtl.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libdtl.a $(LDLIBS)

# libFuzzer targets (clang), ASan+UBSan; fuzz-smoke runs each for
# FUZZ_RUNS executions from seeds made of the tests and samples.
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
              -fno-sanitize-recover=all
FUZZ_TARGETS = $(patsubst fuzz/%.c,build/fuzz/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_RUNS ?= 20000

fuzz:
	@sh .ci/install-deps clang
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	  CFLAGS="$(FUZZ_CFLAGS)" fuzz-build

fuzz-build: $(FUZZ_TARGETS)

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h build/fuzz/libdtl.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
	  build/fuzz/libdtl.a $(LDLIBS)

fuzz-smoke: fuzz all
	@sh fuzz/smoke.sh $(FUZZ_RUNS)

rules-gen: $(BUILD)/gen_countries
	$(BUILD)/gen_countries /usr/share/iso-codes/json/iso_3166-1.json \
	  /usr/share/iso-codes/json/iso_3166-3.json \
	  "$$(pkg-config --modversion iso-codes)" > rules/countries.rules.tmp
	mv rules/countries.rules.tmp rules/countries.rules
	sh src/gen/gen_feasts.sh 1950 2050 > rules/feasts.rules.tmp || \
	  { rm -f rules/feasts.rules.tmp; exit 4; }
	mv rules/feasts.rules.tmp rules/feasts.rules

$(BUILD)/gen_countries: src/gen/gen_countries.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(PKG_LIBS)

golden-update: all
	@DTL=$(BUILD)/dtl BUILD=$(BUILD) UPDATE=1 sh tests/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPDIR)
	install -m 755 $(BUILD)/dtl $(DESTDIR)$(BINDIR)/dtl
	install -m 644 rules/*.rules $(DESTDIR)$(DATADIR)/rules/
	install -m 644 docs/dtl.1 $(DESTDIR)$(MANDIR)/man1/dtl.1
	install -m 644 docs/dtl.bash $(DESTDIR)$(COMPDIR)/dtl

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dtl
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(MANDIR)/man1/dtl.1 $(DESTDIR)$(COMPDIR)/dtl

format:
	clang-format -i include/dtl/*.h src/*.[ch] tests/unit/*.[ch]

format-check:
	clang-format --dry-run --Werror include/dtl/*.h src/*.[ch] tests/unit/*.[ch]

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	  --std=c11 -Iinclude -Isrc --suppress=missingIncludeSystem src

eval: all
	@sh tests/eval-timeml.sh "$(SHARED)" $(BUILD)/dtl $(BUILD)/eval/timeml

clean:
	rm -rf build

.PHONY: all deps test-deps demo demo-run test test-run bench bench-run bench-chrono fuzz fuzz-build fuzz-smoke check tsan valgrind rules-gen golden-update install \
        uninstall format format-check lint clean eval

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
