# Makefile — builds the `loket` binary, its unit tests and fuzz targets.
# Non-recursive: every src/**/*.c is compiled; src/cli/main.c is the only file not in the
# library that tests link against.  `make help` lists the targets.

VERSION  := 0.1.0
GIT_REV  := $(shell git rev-parse --short HEAD 2>/dev/null)
PKGS     := libmicrohttpd sqlite3 libpq jansson libsodium libcurl cairo libqrencode zlib libcrypto
CC       ?= cc
BUILD    ?= build
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

WARN     := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wformat=2 -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter -Wvla
HARDEN   := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE -fno-strict-overflow
OPT      ?= -O2 -g
CFLAGS   := -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(HARDEN) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS  := -pie -Wl,-z,relro,-z,now -Wl,--as-needed $(EXTRA_LDFLAGS)
LDLIBS   := $(PKG_LIBS) -lmagic -lpthread -lm

SRCS     := $(shell find src -name '*.c' | LC_ALL=C sort)
LIB_SRCS := $(filter-out src/cli/main.c,$(SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
ASSETS   := $(shell find assets -type f | LC_ALL=C sort)

UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)


.PHONY: all test unit unit-bins check sanitize fuzz lint bench clean help install deb test-deb
all: $(BUILD)/loket

help:
	@echo "make            build build/loket"
	@echo "make test       every test: unit, integration and browser, on SQLite and PostgreSQL"
	@echo "make unit       C unit tests only"
	@echo "make sanitize   build and run unit tests with ASan + UBSan (build-asan/)"
	@echo "make fuzz       run the libFuzzer targets for 60 s each (clang)"
	@echo "make lint       cppcheck"
	@echo "make bench      wrk benchmark against nginx serving a static file"
	@echo "make install    /usr/bin/loket, /etc/loket/loket.conf, the systemd units, the region data"
	@echo "                (DESTDIR=… to stage; without it also the loket user and /var/lib/loket)"
	@echo "make deb        build/loket_VERSION_ARCH.deb (dpkg-deb)"
	@echo "make test-deb   install that package into a fresh Debian 12 root and check it serves"

$(BUILD)/loket: $(BUILD)/src/cli/main.o $(BUILD)/libloket.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# `loket --version`: the release and, in a git checkout, the commit it was built from.
$(BUILD)/src/cli/%.o: CFLAGS += -DLOKET_VERSION='"$(VERSION)$(if $(GIT_REV), ($(GIT_REV)))"'
# Rewritten only when the version or the commit changed, so those two files rebuild then.
$(BUILD)/gen/version.txt: FORCE
	@mkdir -p $(dir $@)
	@echo '$(VERSION)$(if $(GIT_REV), ($(GIT_REV)))' | cmp -s - $@ || echo '$(VERSION)$(if $(GIT_REV), ($(GIT_REV)))' > $@
$(BUILD)/src/cli/main.o $(BUILD)/src/cli/cmd_backup.o: $(BUILD)/gen/version.txt
.PHONY: FORCE

$(BUILD)/libloket.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/gen/embedded.c: $(ASSETS) tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh $@ assets

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libloket.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libloket.a $(LDLIBS) -lcmocka

unit-bins: $(UNIT_BINS)

# Benchmark programs that link the library (bench/run.sh builds and runs them).
$(BUILD)/bench/%: bench/%.c $(BUILD)/libloket.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libloket.a $(LDLIBS)

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; LSAN_OPTIONS=suppressions=$(CURDIR)/tools/lsan.supp $$t; done

test:
	scripts/test.sh

check: test

sanitize:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-Wno-format-truncation" EXTRA_LDFLAGS="-fsanitize=address,undefined" unit

FUZZ_TARGETS := $(patsubst fuzz/%.c,build-fuzz/%,$(wildcard fuzz/fuzz_*.c))
# The -Werror gate is the gcc build; clang warns about more (vprintf-style wrappers,
# partial initialisers), so here warnings are shown but do not stop fuzzing.  fuzz-lib is
# phony so a fuzzer is relinked whenever the library changed.
.PHONY: fuzz-lib
fuzz-lib:
	$(MAKE) BUILD=build-fuzz CC=clang OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" \
	  EXTRA_CFLAGS=-Wno-error build-fuzz/libloket.a
build-fuzz/%: fuzz/%.c fuzz/fuzz_common.h fuzz-lib
	clang -std=c11 -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined -I. -Isrc -o $@ $< build-fuzz/libloket.a $(LDLIBS)

# Each target's corpus is kept in the repository (fuzz/corpus-NAME: hand-written seeds and
# minimised finds, only that target's, so its input length stays its own); a run reads it
# and writes new finds to a scratch folder, so `make fuzz` does
# not grow the tree.  FUZZ_SECONDS bounds each target (scripts/test.sh: a few seconds).
fuzz: $(FUZZ_TARGETS)
	@set -e; for f in $(FUZZ_TARGETS); do n=$$(basename $$f); mkdir -p fuzz/corpus-$$n build-fuzz/new-$$n; \
	  $$f -max_total_time=$${FUZZ_SECONDS:-60} -print_final_stats=1 -artifact_prefix=build-fuzz/ \
	    build-fuzz/new-$$n fuzz/corpus-$$n > build-fuzz/$$n.log 2>&1 || \
	    { tail -40 build-fuzz/$$n.log; echo "$$n: failed, input in build-fuzz/crash-*"; exit 1; }; \
	  echo "$$n: $$(grep -o 'number_of_executed_units: [0-9]*' build-fuzz/$$n.log) inputs"; done

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --suppress=missingIncludeSystem -Isrc src

bench: all
	bench/run.sh

# ---- installing (issue 11) ----
PREFIX      ?= /usr
SYSCONFDIR  ?= /etc
SYSTEMDDIR  ?= /lib/systemd/system
WILAYAH_SRC ?= node_modules/idn-area-data/data
UNITS       := packaging/loket.service packaging/loket-backup.service packaging/loket-backup.timer

# An existing /etc/loket/loket.conf is kept.  Without DESTDIR this is a real install and
# the package's postinst makes the user and folders (it starts the service under systemd).
install: all
	install -D -m 0755 $(BUILD)/loket $(DESTDIR)$(PREFIX)/bin/loket
	install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/loket
	[ -e $(DESTDIR)$(SYSCONFDIR)/loket/loket.conf ] || \
	  install -m 0640 packaging/loket.conf $(DESTDIR)$(SYSCONFDIR)/loket/loket.conf
	install -d -m 0755 $(DESTDIR)$(SYSTEMDDIR)
	install -m 0644 $(UNITS) $(DESTDIR)$(SYSTEMDDIR)/
	install -d -m 0755 $(DESTDIR)$(PREFIX)/share/loket/wilayah $(DESTDIR)$(PREFIX)/share/doc/loket/examples
	install -m 0644 $(WILAYAH_SRC)/*.csv $(WILAYAH_SRC)/LICENSE.md $(DESTDIR)$(PREFIX)/share/loket/wilayah/
	install -m 0644 packaging/nginx-loket.conf $(DESTDIR)$(PREFIX)/share/doc/loket/examples/
	install -m 0644 README.md docs/OPERATIONS.md $(DESTDIR)$(PREFIX)/share/doc/loket/
	@if [ -z "$(DESTDIR)" ]; then sh packaging/debian/postinst configure; fi

deb: all
	packaging/deb.sh $(VERSION) $(BUILD)

# Installs the package into a fresh Debian 12 root (root, a few minutes): see the script.
test-deb: deb
	packaging/test-deb.sh $(BUILD)/loket_$(VERSION)_$$(dpkg --print-architecture).deb

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
