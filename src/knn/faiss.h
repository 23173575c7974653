/*
 * faiss.h
 *	  FAISS indexes from SQL: the glue around the bridge (faiss_bridge.h).
 *
 *	  faiss_load.c		loading marsql_faiss.so, errors, threads
 *	  faiss_task.c		the "marsql faiss build" task kind: one shard's
 *						index built from vectors carried by value
 *	  faiss_store.c		the catalog, the serialized shards split into rows,
 *						and the per-backend cache of loaded indexes
 *	  faiss_sql.c		faiss_create, faiss_search, faiss_add, faiss_drop
 */
#ifndef MARSQL_FAISS_GLUE_H
#define MARSQL_FAISS_GLUE_H

#include "postgres.h"

#include "access/attnum.h"

#include "kernels/knn.h"
#include "knn/faiss_bridge.h"

#define FAISS_ERR_LEN 512

/* faiss_load.c: the bridge, loaded on first use, with threads set */
extern const MfApi *faiss_api(int threads);
/* raises the error for a bridge status other than MF_OK */
extern void faiss_check(MfStatus status, const char *what, const char *err);

/* faiss_task.c */
typedef struct FaissBuildHeader
{
	int32		dims;
	int32		inner_product;	/* METRIC_INNER_PRODUCT, else L2 */
	int32		normalize;		/* cosine: rows scaled to unit length first */
	int32		threads;
	int64		nrows;
	int64		train_sample;	/* rows to train on when the index needs it */
	int32		factory_len;	/* bytes of the factory string with its NUL */
	int32		reserved;
	/* then the factory string (padded to 8), rows (float32), ids (int64) */
} FaissBuildHeader;

extern int	faiss_build_kind;
extern void faiss_task_register_kind(void);
extern Size faiss_build_payload_bytes(const FaissBuildHeader *h);
extern void faiss_build_payload_write(char *dest, const FaissBuildHeader *h,
									  const char *factory, const float *rows,
									  const int64 *ids);
/* trains (on a strided sample) if needed, then adds rows in batches */
extern void faiss_fill_index(const MfApi *api, MfIndex *index, int64 nrows, int dims,
							 const float *rows, const int64 *ids, int64 train_sample);

/* faiss_store.c */
typedef struct FaissEntry
{
	char	   *name;
	char	   *corpus;			/* qualified table name, kept current */
	char	   *vector_column;
	char	   *id_column;
	Oid			corpus_relid;	/* InvalidOid: the table or a column was dropped */
	AttrNumber	vector_attnum;
	AttrNumber	id_attnum;
	bool		bound_here;		/* corpus_relid is an OID of this database */
	char	   *factory;
	MtMetric	metric;
	int			dims;
	int64		ntotal;
	int64		nbytes;
	int			shards;
	int64		version;		/* changes with every write */
	Oid			created_by;
	char	   *options;		/* jsonb text */
	char	   *index_type;
} FaissEntry;

/* callers are SPI-connected */
extern FaissEntry *faiss_catalog_get(const char *name, bool missing_ok);
extern void faiss_catalog_insert(const FaissEntry *e);
/* writes ntotal, nbytes, shards, index_type and a new version into e */
extern void faiss_catalog_update(FaissEntry *e);
extern void faiss_catalog_delete(const char *name);
extern void faiss_shard_write(const char *name, int shard, const uint8 *buf, size_t len);
/* a malloc'ed copy of the shard's serialized index */
extern uint8 *faiss_shard_read(const char *name, int shard, size_t *len);
/* the loaded shards of e, from the cache while e's version is current */
extern MfIndex **faiss_cache_get(const FaissEntry *e, const MfApi *api);
extern void faiss_cache_forget(const char *name);
/*
 * The index's corpus table, locked (AccessShareLock), after checking that
 * it is still the table the index was built over and that the caller may
 * SELECT from it (or from both its columns) and that row-level security
 * does not apply to the caller; e's names become the current ones.  Raises
 * 42P01/42703 when it is gone, 42501 without the privilege or under RLS.
 */
extern Oid	faiss_corpus_resolve(FaissEntry *e);
/*
 * Refuses (42501) when row-level security of the corpus relid applies to
 * the current user: index_name is the index searched or added to, or NULL
 * when building one over corpus (its quoted name, for messages).
 */
extern void faiss_check_row_security(Oid relid, const char *index_name, const char *corpus);
/* the caller may change or drop it (created it, or superuser) */
extern void faiss_check_owner(const FaissEntry *e);

/* faiss_factory.c: refuses (22023) a factory string marsql does not support */
extern void faiss_check_factory(const char *factory, int dims);

#endif							/* MARSQL_FAISS_GLUE_H */
