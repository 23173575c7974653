/*
 * faiss_bridge.cpp
 *	  marsql_faiss.so: the one C++ file, a thin extern "C" layer over
 *	  Debian's libfaiss.a (see faiss_bridge.h).  Every entry point catches
 *	  every exception and turns it into a status and a message.  Built by
 *	  the Makefile into its own shared object so that FAISS, OpenMP and
 *	  their threads are loaded only when a backend first uses an index.
 */
#include "faiss_bridge.h"

#include <faiss/Index.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexIVFPQ.h>
#include <faiss/IndexPQ.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/io.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>

#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <typeinfo>

#define MF_STR2(x) #x
#define MF_STR(x) MF_STR2(x)
#define FAISS_VERSION_STRING \
	MF_STR(FAISS_VERSION_MAJOR) "." MF_STR(FAISS_VERSION_MINOR) "." MF_STR(FAISS_VERSION_PATCH)

struct MfIndex
{
	faiss::Index *index;
};

namespace
{

/* a FAISS writer into a growing malloc'ed buffer */
struct MallocWriter : faiss::IOWriter
{
	uint8_t    *buf = nullptr;
	size_t		len = 0;
	size_t		cap = 0;

	size_t operator()(const void *ptr, size_t size, size_t nitems) override
	{
		size_t		bytes = size * nitems;

		if (len + bytes > cap)
		{
			size_t		want = cap ? cap : 1 << 20;

			while (want < len + bytes)
				want *= 2;
			uint8_t    *grown = static_cast<uint8_t *>(realloc(buf, want));

			if (grown == nullptr)
				throw std::bad_alloc();
			buf = grown;
			cap = want;
		}
		memcpy(buf + len, ptr, bytes);
		len += bytes;
		return nitems;
	}
};

/* a FAISS reader over a buffer it does not own */
struct SpanReader : faiss::IOReader
{
	const uint8_t *buf;
	size_t		len;
	size_t		pos = 0;

	SpanReader(const uint8_t *b, size_t l) : buf(b), len(l) {}

	size_t operator()(void *ptr, size_t size, size_t nitems) override
	{
		if (size == 0)
			return 0;
		size_t		have = (len - pos) / size;
		size_t		n = nitems < have ? nitems : have;

		memcpy(ptr, buf + pos, n * size);
		pos += n * size;
		return n;
	}
};

MfStatus
fail(char *err, size_t errlen, MfStatus status, const char *what)
{
	/* "Error in <function> at <file>:<line>: <message>": keep the message */
	if (strncmp(what, "Error in ", 9) == 0)
	{
		const char *at = strstr(what, " at ");
		const char *colon = at ? strstr(at + 4, ": ") : nullptr;

		if (colon)
			what = colon + 2;
	}
	snprintf(err, errlen, "%s", what);
	/* FAISS messages end in a newline or carry a file name; keep one line */
	for (char *p = err; *p; p++)
		if (*p == '\n')
		{
			*p = '\0';
			break;
		}
	return status;
}

/* runs body, mapping exceptions to statuses */
template <typename F>
MfStatus
guarded(char *err, size_t errlen, MfStatus argument_status, F body)
{
	try
	{
		body();
		return MF_OK;
	}
	catch (const std::bad_alloc &)
	{
		return fail(err, errlen, MF_ERR_MEMORY, "FAISS ran out of memory");
	}
	catch (const faiss::FaissException &e)
	{
		return fail(err, errlen, argument_status, e.msg.c_str());
	}
	catch (const std::exception &e)
	{
		return fail(err, errlen, MF_ERR_FAISS, e.what());
	}
	catch (...)
	{
		return fail(err, errlen, MF_ERR_FAISS, "FAISS raised an unknown exception");
	}
}

/* the index under our IDMap and any transforms (PCA, OPQ, L2norm) */
faiss::Index *
inner(faiss::Index *index)
{
	for (;;)
	{
		if (auto *map = dynamic_cast<faiss::IndexIDMap *>(index))
			index = map->index;
		else if (auto *pt = dynamic_cast<faiss::IndexPreTransform *>(index))
			index = pt->index;
		else
			return index;
	}
}

bool
takes_ids(faiss::Index *index)
{
	return dynamic_cast<faiss::IndexIVF *>(index) != nullptr ||
		dynamic_cast<faiss::IndexIDMap *>(index) != nullptr;
}

MfStatus
bridge_create(const char *factory, int dims, int inner_product, MfIndex **out,
			  char *err, size_t errlen)
{
	*out = nullptr;
	return guarded(err, errlen, MF_ERR_ARGUMENT, [&]() {
		faiss::Index *index = faiss::index_factory(
			dims, factory, inner_product ? faiss::METRIC_INNER_PRODUCT : faiss::METRIC_L2);
		faiss::Index *core = inner(index);

		/*
		 * Polysemous training only reorders PQ centroids for Hamming-
		 * filtered search, which marsql never asks for (polysemous_ht stays
		 * 0); in Debian's scalar FAISS it takes minutes for a PQ16 (every
		 * pair of 256 centroids, per sub-quantizer) and cannot be
		 * cancelled.  Skip it, as a factory string ending in "np" would.
		 */
		if (auto *pq = dynamic_cast<faiss::IndexPQ *>(core))
			pq->do_polysemous_training = false;
		if (auto *ivfpq = dynamic_cast<faiss::IndexIVFPQ *>(core))
			ivfpq->do_polysemous_training = false;

		if (!takes_ids(index))
		{
			auto	   *map = new faiss::IndexIDMap(index);

			map->own_fields = true;
			index = map;
		}
		*out = new MfIndex{index};
	});
}

int
bridge_is_trained(const MfIndex *index)
{
	return index->index->is_trained ? 1 : 0;
}

MfStatus
bridge_train(MfIndex *index, int64_t n, const float *x, char *err, size_t errlen)
{
	return guarded(err, errlen, MF_ERR_ARGUMENT, [&]() { index->index->train(n, x); });
}

MfStatus
bridge_add(MfIndex *index, int64_t n, const float *x, const int64_t *ids, char *err,
		   size_t errlen)
{
	return guarded(err, errlen, MF_ERR_FAISS, [&]() {
		index->index->add_with_ids(n, x, reinterpret_cast<const faiss::Index::idx_t *>(ids));
	});
}

MfStatus
bridge_search(MfIndex *index, int64_t nq, const float *queries, int k, int nprobe,
			  int ef_search, float *distances, int64_t *ids, char *err, size_t errlen)
{
	faiss::Index *in = inner(index->index);
	auto	   *ivf = dynamic_cast<faiss::IndexIVF *>(in);
	auto	   *hnsw = dynamic_cast<faiss::IndexHNSW *>(in);
	size_t		saved_nprobe = ivf ? ivf->nprobe : 0;
	int			saved_ef = hnsw ? hnsw->hnsw.efSearch : 0;
	MfStatus	status;

	/*
	 * FAISS allocates nprobe (capped by nlist) and efSearch entries per
	 * query and thread: no more than this index has vectors (or k).
	 */
	if (nprobe > 0 && ivf)
		ivf->nprobe = nprobe;
	if (ef_search > 0 && hnsw)
	{
		int64_t		most = in->ntotal > k ? in->ntotal : k;

		hnsw->hnsw.efSearch = ef_search < most ? ef_search : (int) most;
	}
	status = guarded(err, errlen, MF_ERR_FAISS, [&]() {
		index->index->search(nq, queries, k, distances,
							 reinterpret_cast<faiss::Index::idx_t *>(ids));
	});
	if (ivf)
		ivf->nprobe = saved_nprobe;
	if (hnsw)
		hnsw->hnsw.efSearch = saved_ef;
	return status;
}

MfStatus
bridge_serialize(const MfIndex *index, uint8_t **buf, size_t *len, char *err, size_t errlen)
{
	MallocWriter writer;
	MfStatus	status = guarded(err, errlen, MF_ERR_FAISS, [&]() {
		faiss::write_index(index->index, &writer);
	});

	if (status != MF_OK)
	{
		free(writer.buf);
		return status;
	}
	*buf = writer.buf;
	*len = writer.len;
	return MF_OK;
}

MfStatus
bridge_deserialize(const uint8_t *buf, size_t len, MfIndex **out, char *err, size_t errlen)
{
	*out = nullptr;
	return guarded(err, errlen, MF_ERR_FAISS, [&]() {
		SpanReader	reader(buf, len);

		*out = new MfIndex{faiss::read_index(&reader)};
	});
}

void
bridge_free_buffer(uint8_t *buf)
{
	free(buf);
}

void
bridge_free_index(MfIndex *index)
{
	if (index)
	{
		delete index->index;
		delete index;
	}
}

int64_t
bridge_count(const MfIndex *index)
{
	return index->index->ntotal;
}

int
bridge_dims(const MfIndex *index)
{
	return index->index->d;
}

void
bridge_type_name(const MfIndex *index, char *buf, size_t len)
{
	const faiss::Index *in = inner(const_cast<faiss::Index *>(index->index));
	const char *name = typeid(*in).name();

	/* Itanium mangling: N5faiss<len><name>E */
	if (strncmp(name, "N5faiss", 7) == 0)
	{
		name += 7;
		while (*name >= '0' && *name <= '9')
			name++;
	}
	snprintf(buf, len, "%s", name);
	if (len > 0 && strlen(buf) > 0 && buf[strlen(buf) - 1] == 'E')
		buf[strlen(buf) - 1] = '\0';
}

void
bridge_set_threads(int threads)
{
	omp_set_num_threads(threads < 1 ? 1 : threads);
}

const MfApi api = {
	MF_API_VERSION,
	FAISS_VERSION_STRING,
	bridge_create,
	bridge_is_trained,
	bridge_train,
	bridge_add,
	bridge_search,
	bridge_serialize,
	bridge_deserialize,
	bridge_free_buffer,
	bridge_free_index,
	bridge_count,
	bridge_dims,
	bridge_type_name,
	bridge_set_threads,
};

}								/* namespace */

extern "C" __attribute__((visibility("default"))) const MfApi *
marsql_faiss_api(void)
{
	return &api;
}
