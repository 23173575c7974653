/*
 * faiss_bridge.h
 *	  The C face of marsql_faiss.so, our small C++ bridge over Debian's
 *	  static libfaiss: create, train, add to, search, serialize and load an
 *	  index.  The module exports one symbol, marsql_faiss_api, which the
 *	  backend resolves with dlopen on first use (never in the postmaster:
 *	  FAISS brings OpenMP and OpenBLAS thread pools).  No C++ exception
 *	  crosses it: every call returns an MF_* status and a sentence in err.
 *	  No postgres.h here; the bridge never calls PostgreSQL.
 */
#ifndef MARSQL_FAISS_BRIDGE_H
#define MARSQL_FAISS_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

#define MF_API_VERSION 1

typedef enum MfStatus
{
	MF_OK = 0,
	MF_ERR_ARGUMENT,			/* a factory string or parameter FAISS refused */
	MF_ERR_MEMORY,				/* std::bad_alloc */
	MF_ERR_FAISS				/* any other FAISS error */
} MfStatus;

typedef struct MfIndex MfIndex;

typedef struct MfApi
{
	int			api_version;	/* MF_API_VERSION */
	const char *faiss_version;	/* "1.7.3" */

	/*
	 * A new empty index from an index_factory string; inner_product picks
	 * METRIC_INNER_PRODUCT, else METRIC_L2.  Indexes that cannot take ids
	 * of their own (HNSW, Flat, PQ) are wrapped in an IDMap.
	 */
	MfStatus	(*create) (const char *factory, int dims, int inner_product,
						   MfIndex **out, char *err, size_t errlen);
	int			(*is_trained) (const MfIndex *index);
	MfStatus	(*train) (MfIndex *index, int64_t n, const float *x,
						  char *err, size_t errlen);
	MfStatus	(*add) (MfIndex *index, int64_t n, const float *x, const int64_t *ids,
						char *err, size_t errlen);

	/*
	 * k results per query: FAISS's distances (squared L2, or inner
	 * products) and ids, -1 where fewer than k were found.  nprobe and
	 * ef_search apply to this search only (<= 0: the index's own).
	 */
	MfStatus	(*search) (MfIndex *index, int64_t nq, const float *queries, int k,
						   int nprobe, int ef_search, float *distances, int64_t *ids,
						   char *err, size_t errlen);

	/* FAISS's own format, in a buffer from malloc (free_buffer frees it) */
	MfStatus	(*serialize) (const MfIndex *index, uint8_t **buf, size_t *len,
							  char *err, size_t errlen);
	MfStatus	(*deserialize) (const uint8_t *buf, size_t len, MfIndex **out,
								char *err, size_t errlen);
	void		(*free_buffer) (uint8_t *buf);
	void		(*free_index) (MfIndex *index);

	int64_t		(*count) (const MfIndex *index);
	int			(*dims) (const MfIndex *index);
	/* the innermost index's class, e.g. "IndexHNSWFlat" */
	void		(*type_name) (const MfIndex *index, char *buf, size_t len);
	/* OpenMP threads for the calls that follow */
	void		(*set_threads) (int threads);
} MfApi;

const MfApi *marsql_faiss_api(void);

#ifdef __cplusplus
}
#endif

#endif							/* MARSQL_FAISS_BRIDGE_H */
