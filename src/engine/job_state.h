/*
 * job_state.h
 *	  The state of one running job, shared by the scheduler's loop
 *	  (scheduler.c) and its executors: local workers (exec_workers.c), the
 *	  calling backend (exec_inline.c) and peers (exec_peers.c).  It sits
 *	  below them: job_state.c owns the ready queue, the dependency counts,
 *	  what happens when a task succeeds or fails (its dependents become
 *	  ready or are skipped), progress, and the helpers every executor uses
 *	  to build a payload; it calls no executor.  Each executor keeps its
 *	  own fields in the struct, grouped below, and only its file writes
 *	  them.
 */
#ifndef MARSQL_JOB_STATE_H
#define MARSQL_JOB_STATE_H

#include "portability/instr_time.h"
#include "storage/dsm.h"
#include "utils/resowner.h"

#include "engine/engine.h"
#include "engine/peer.h"
#include "engine/worker_pool.h"

typedef struct JobState
{
	/* the job and its graph (job_state.c) */
	EngineJob  *job;
	int		   *waiting_on;		/* per task: dependencies not done yet */
	int		   *dependents_start;	/* CSR list of who depends on a task */
	int		   *dependents;
	int		   *ready;			/* min-heap of ready task numbers */
	int			nready;
	int			finished;		/* done, failed or skipped */
	int			failed;
	int			running;
	int			last_decile;
	int			capacity;		/* tasks the arrays above have room for */
	bool		exhausted;		/* more_tasks has no more (or is NULL) */
	EngineExecutors executors;	/* LOCAL, PEERS or ALL */
	int			max_attempts;	/* 1 + marsql.task_retries */
	bool		ended;			/* the loop returned: no error, no cancel */

	/* local workers (exec_workers.c) */
	int64		seq;
	WorkerPool *pool;
	int			granted;		/* workers reserved under max_workers_total */
	int			nuse;			/* the pool's first workers the job uses */
	ErrorData  *startup_error;	/* why a worker could not start */
	bool		no_segments;	/* creating a task segment failed: use queues */
	dsm_segment *reading;		/* the segment of a result being handed over */
	dsm_segment **spare;		/* task segments free for the next tasks */
	int			nspare;
	bool		stopping;		/* the job is over: segments are detached */
	instr_time	starting;		/* when new workers were launched */
	int			nready_workers; /* of those, how many said hello */

	/* the calling backend (exec_inline.c) */
	MemoryContext log_context;	/* the caller's, for inline log copies */
	List	   *inline_log;		/* messages of the task running inline */
	bool		inline_announced;	/* the fallback NOTICE was sent */

	/* peers: servers, and slots, one connection each (exec_peers.c) */
	int			nservers;
	PeerServer **servers;
	bool	   *server_down;	/* failed in this job */
	ErrorData **server_error;	/* why it is down: its pinned tasks fail so */
	List	  **pinned;			/* per server: ready tasks only it may run */
	int			npinned;
	int			nslots;
	int		   *slot_server;	/* -1: the slot could get no connection */
	int		   *server_slots;	/* per server: slots that may still connect */
	int		   *server_idle;	/* per server: scratch for wants_connection */
	PeerConn  **slot_conns;
	int		   *slot_task;		/* -1: none */
	instr_time *slot_started;	/* when the slot's task was sent */
	int64	   *slot_bytes_in;	/* its payload's bytes */
	ErrorData  *peer_error;		/* the last peer failure */
} JobState;

/* job_state.c: the graph */
extern void job_state_init(JobState *st, EngineJob *job);
extern void job_push_ready(JobState *st, int task);
extern int	job_pop_ready(JobState *st);
extern void job_find_more_tasks(JobState *st);

/* job_state.c: what executors report */
extern void job_task_succeeded(JobState *st, int task, const char *result, int len);
extern void job_task_error(JobState *st, int task, ErrorData *error, const char *executor);
extern void job_report_progress(JobState *st);

/* job_state.c: helpers for executors */
extern void job_append_payload(EngineJob *job, int task, Size bytes, StringInfo buf);
extern void job_start_unshared_task(JobState *st, int task, const char *executor,
									StringInfo payload);
extern ErrorData *engine_abort_subtransaction(MemoryContext caller_context,
											  ResourceOwner caller_owner);

/* exec_workers.c: local background workers */
extern bool exec_workers_warm(void);
extern void exec_workers_start(JobState *st, int want);
extern int	exec_workers_drive(JobState *st, bool *progressed);
extern void exec_workers_stop(JobState *st);

/* job_report.c: the session's last job, for marsql.last_job() */
extern void engine_remember_job(const EngineJob *job, bool ended);

/* exec_inline.c: the calling backend */
extern void exec_inline_run(JobState *st, int task);
extern void exec_inline_end(void);

/* exec_peers.c: peer servers */
extern void exec_peers_start(JobState *st);
extern int	exec_peers_drive(JobState *st, bool *progressed);
extern void exec_peers_fail_unrunnable(JobState *st);
extern void exec_peers_wait(JobState *st, long timeout);
extern void exec_peers_stop(JobState *st);

#endif							/* MARSQL_JOB_STATE_H */
