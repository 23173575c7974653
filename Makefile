# marsql: PGXS build.  `make`, `make install`, `make installcheck`.
# Developer builds: `make ASAN=1` (AddressSanitizer + UBSan) and
# `make ASSERTS=1` (-DUSE_ASSERT_CHECKING, for an assert-enabled server).

EXTENSION = marsql
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" marsql.control)

MODULE_big = marsql
KERNEL_SRCS = $(sort $(wildcard src/kernels/*.c))
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c src/tensor/*.c src/engine/*.c src/fanout/*.c src/chunked/*.c src/knn/*.c src/device/*.c)) $(KERNEL_SRCS))

# The install script is built from the parts in sql/install/; released
# upgrade scripts sit in sql/install/upgrade/ and are never edited.
INSTALL_PARTS = $(sort $(wildcard sql/install/[0-9]*.sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard sql/install/upgrade/$(EXTENSION)--*--*.sql)

REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION) --encoding=UTF8

EXTRA_CLEAN = test/fuzz/build test/unit/build marsql_faiss.so marsql_gpu.so gpu/*.o

PG_CONFIG ?= pg_config
# PostgreSQL's headers are included as system headers so that -Wextra
# judges our code only (they trip -Wunused-parameter and -Wsign-compare).
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(shell $(PG_CONFIG) --includedir-server) \
	-isystem $(shell $(PG_CONFIG) --includedir) -DMARSQL_VERSION='"$(EXTVERSION)"'
# peers are reached with libpq (src/engine/peer_conn.c)
SHLIB_LINK += -L$(shell $(PG_CONFIG) --libdir) -lpq
PG_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -ffp-contract=off
ifdef ASAN
PG_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -O1 -g
SHLIB_LINK += -fsanitize=address,undefined
endif
ifdef ASSERTS
PG_CFLAGS += -DUSE_ASSERT_CHECKING
endif

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# the elementwise loops are written to vectorize; PostgreSQL's -O2 (GCC's
# very-cheap vector cost model) leaves most of them scalar
src/kernels/elementwise.o: CFLAGS += -O3

# PGXS tracks no header dependencies: every object depends on every header.
$(OBJS): $(wildcard src/*.h src/kernels/*.h src/tensor/*.h src/engine/*.h src/fanout/*.h src/chunked/*.h src/knn/*.h src/device/*.h)

# The script is rebuilt when a part changes and also when the list of parts
# does (a part added with an old date, removed or renamed): that changes the
# directory's own modification time.
$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_PARTS) sql/install marsql.control
	cat $(INSTALL_PARTS) > $@

# marsql_faiss.so: the C++ bridge over Debian's static libfaiss, a module of
# its own that the backend loads with dlopen on first use (src/knn/faiss_load.c),
# so that FAISS, OpenMP and OpenBLAS never load in the postmaster.  Only the
# bridge's one entry point is exported.
FAISS_STATIC ?= $(firstword $(wildcard /usr/lib/$(shell gcc -print-multiarch)/libfaiss.a /usr/lib/libfaiss.a /usr/local/lib/libfaiss.a))
CXX ?= g++

all: marsql_faiss.so

marsql_faiss.so: src/knn/faiss_bridge.cpp src/knn/faiss_bridge.h
	$(if $(FAISS_STATIC),,$(error libfaiss.a not found: install the Debian package libfaiss-dev))
	$(CXX) -std=c++17 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden \
		-o $@ $< $(FAISS_STATIC) -lopenblas -llapack -fopenmp -Wl,--exclude-libs,ALL

install: install-faiss
install-faiss: marsql_faiss.so installdirs
	$(INSTALL_SHLIB) marsql_faiss.so '$(DESTDIR)$(pkglibdir)/marsql_faiss.so'

uninstall: uninstall-faiss
uninstall-faiss:
	rm -f '$(DESTDIR)$(pkglibdir)/marsql_faiss.so'

.PHONY: install-faiss uninstall-faiss

# marsql_gpu.so: the CUDA kernels and cuBLAS calls in gpu/, built only
# where nvcc is found (CUDA_HOME, /usr/local/cuda, or PATH) and loaded by
# the backend with dlopen on first use (src/device/device.c).  Elsewhere
# the build skips it and marsql runs on the CPU.  CUDA's runtime is linked
# statically and only marsql_gpu_api is exported; cuBLAS is found through
# an rpath to the toolkit's libraries.  `make NVCC=` builds without it.
CUDA_HOME ?= /usr/local/cuda
NVCC ?= $(firstword $(wildcard $(CUDA_HOME)/bin/nvcc) $(shell command -v nvcc 2>/dev/null))
# real code for Turing to Hopper, and PTX that newer GPUs compile on load
CUDA_ARCHS ?= 75 80 86 89 90
GPU_SRCS = $(sort $(wildcard gpu/*.cu))
GPU_OBJS = $(GPU_SRCS:.cu=.o)

ifneq ($(strip $(NVCC)),)
CUDA_LIBDIR = $(firstword $(wildcard $(dir $(NVCC))../lib64 $(dir $(NVCC))../lib))
NVCC_FLAGS = -std=c++17 -O3 -Isrc -Werror all-warnings \
	-Xcompiler -fPIC,-fvisibility=hidden,-Wall,-Wextra,-Werror \
	$(foreach a,$(CUDA_ARCHS),-gencode arch=compute_$(a),code=sm_$(a)) \
	-gencode arch=compute_$(lastword $(CUDA_ARCHS)),code=compute_$(lastword $(CUDA_ARCHS))

all: marsql_gpu.so
install: install-gpu

gpu/%.o: gpu/%.cu gpu/gpu_internal.h src/kernels/gpu_api.h
	$(NVCC) $(NVCC_FLAGS) -c -o $@ $<

marsql_gpu.so: $(GPU_OBJS)
	$(NVCC) -shared -o $@ $(GPU_OBJS) -L$(CUDA_LIBDIR) -lcublas \
		-Xlinker -rpath,$(abspath $(CUDA_LIBDIR)) -Xlinker --exclude-libs,ALL

install-gpu: marsql_gpu.so installdirs
	$(INSTALL_SHLIB) marsql_gpu.so '$(DESTDIR)$(pkglibdir)/marsql_gpu.so'
else
$(info marsql: nvcc not found, building without GPU support (marsql.device = auto runs on the CPU))
endif

uninstall: uninstall-gpu
uninstall-gpu:
	rm -f '$(DESTDIR)$(pkglibdir)/marsql_gpu.so'

.PHONY: install-gpu uninstall-gpu

# Kernels must never include PostgreSQL headers.
check-kernels:
	@! grep -lE '^#[[:space:]]*include[[:space:]]*"(postgres|fmgr|utils/|access/|catalog/)' $(KERNEL_SRCS) src/kernels/*.h

.PHONY: check-kernels
