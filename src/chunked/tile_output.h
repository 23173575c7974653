/*
 * tile_output.h
 *	  Where a tile task's output goes, and the result storage that workers
 *	  write themselves ("detached" storage, docs/chunked.md "Results
 *	  written by workers").
 *
 *	  tile_output.c		the output descriptor of a tile task, the worker's
 *						tile write, the task that creates detached storage
 *						and the caller's claim of it
 *	  result_cleanup.c	the records of detached storage (marsql.orphan_storage)
 *						and the removal of what no committed caller claimed:
 *						at commit, after an abort, at session end, after a
 *						crash
 */
#ifndef MARSQL_TILE_OUTPUT_H
#define MARSQL_TILE_OUTPUT_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "kernels/tensor_layout.h"

/* the schema of detached result tables (sql/install/310_result_spool.sql) */
#define SPOOL_SCHEMA "marsql_result"

/*
 * A tile task's output: written by the executor into the result's storage
 * table at coords (storage valid), or returned by value to the caller
 * (InvalidOid), who stores it.  Part of TileTaskHeader.
 */
typedef struct TileOutput
{
	Oid			storage;		/* a table in marsql_result, or InvalidOid */
	int32		ndim;
	int64		coords[MT_MAX_DIMS];
} TileOutput;

/*
 * The payload of a TILE_CREATE task after its header: who asks, so that
 * the record says whose claim the storage waits for.
 */
typedef struct TileCreateRequest
{
	int32		named;			/* a target => result, moved there when claimed */
	int32		caller_pid;
	TimestampTz caller_start;	/* the caller's backend start */
	uint64		caller_xid;		/* the caller's top-level FullTransactionId */
	char		relname[NAMEDATALEN];	/* the new table in marsql_result */
} TileCreateRequest;

struct TileTaskHeader;
struct StringInfoData;
struct Tensor;

/* in the executor: TILE_CREATE; appends the new table's OID (8 bytes) */
extern void tile_output_run_create(const char *request, int len,
								   struct StringInfoData *result);

/* in the executor: writes tile into out's storage (idempotent) */
extern void tile_output_write(const TileOutput *out, const struct Tensor *tile);

/*
 * In the caller.  tile_output_usable: whether a job of this backend may
 * have workers write its result of result_bytes now (else the caller
 * stores it, as before).  tile_output_request fills a create request and records that
 * this transaction made detached storage.  tile_output_claim makes the
 * storage the caller's in its own transaction: a named result is moved to
 * target (nspid, relname) and registered; an unnamed one registered and
 * marked to go at session end.
 */
extern bool tile_output_usable(int64 result_bytes);
extern void tile_output_request(TileCreateRequest *req, bool named);
struct ChunkedTensor;
extern void tile_output_claim(struct ChunkedTensor *ct, Oid relid, bool named,
							  Oid nspid, const char *relname);

/*
 * True for storage workers made for the current transaction: its claim
 * (a named one is moved and locked) and its tiles may be newer than the
 * snapshot a job of this transaction reads with, so tile_input.c reads it
 * by value.  tile_output_end_transaction forgets them.
 */
extern bool tile_output_made_in_transaction(Oid relid);
extern void tile_output_end_transaction(void);

/* result_cleanup.c */
extern void result_cleanup_note_created(void);	/* this transaction made some */
extern void result_cleanup_maybe_sweep(void);	/* orphans of others: a sweeper */
extern void result_cleanup_register_launcher(void);	/* _PG_init, preloaded */
extern PGDLLEXPORT void marsql_result_cleanup_main(Datum arg);
extern PGDLLEXPORT void marsql_result_launcher_main(Datum arg);

#endif							/* MARSQL_TILE_OUTPUT_H */
