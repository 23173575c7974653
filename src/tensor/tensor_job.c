/*
 * tensor_job.c
 *	  Cancellable execution of long kernels (see tensor_job.h).
 */
#include "postgres.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "miscadmin.h"
#include "storage/latch.h"
#include "utils/memutils.h"
#include "utils/wait_event.h"

#include "tensor/tensor.h"
#include "tensor/tensor_job.h"

/* what the child reports back, at the start of the mapping */
typedef struct JobReport
{
	volatile int done;
	MtError		err;
	MtStatus	status;
} JobReport;

/* the report, rounded up to a cache line so the outputs start aligned */
#define REPORT_BYTES TYPEALIGN(64, sizeof(JobReport))

/* the mapping, owned by a memory context through a reset callback */
typedef struct JobMapping
{
	MemoryContextCallback callback;
	void	   *address;
	size_t		bytes;
} JobMapping;

static void
unmap_callback(void *arg)
{
	JobMapping *m = (JobMapping *) arg;

	if (m->address != NULL)
		munmap(m->address, m->bytes);
	m->address = NULL;
}

void
tensor_job_prepare(TensorJob *job)
{
	job->in_child = job->flops >= TENSOR_JOB_INLINE_FLOPS;
	job->mapping = NULL;
	if (!job->in_child)
	{
		job->output = palloc0(Max(job->output_bytes, 1));
		return;
	}
	job->mapping_bytes = REPORT_BYTES + Max(job->output_bytes, 1);
	job->mapping = mmap(NULL, job->mapping_bytes, PROT_READ | PROT_WRITE,
						MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (job->mapping == MAP_FAILED)
	{
		/* no shared mapping: run inline, uncancellable but correct */
		job->mapping = NULL;
		job->in_child = false;
		job->output = palloc0(Max(job->output_bytes, 1));
		return;
	}
	job->output = (char *) job->mapping + REPORT_BYTES;
	{
		JobMapping *m = palloc(sizeof(JobMapping));

		m->address = job->mapping;
		m->bytes = job->mapping_bytes;
		m->callback.func = unmap_callback;
		m->callback.arg = m;
		MemoryContextRegisterResetCallback(CurrentMemoryContext, &m->callback);
	}
}

static void
run_inline(TensorJob *job)
{
	MtError		err;
	MtStatus	status;

	err.status = MT_OK;
	status = job->run(job->arg, &err);
	tensor_check_status(status, &err);
}

/* the child: compute, report, exit without touching PostgreSQL */
static void
child_main(TensorJob *job)
{
	JobReport  *report = (JobReport *) job->mapping;

	/* PostgreSQL's handlers are no business of the child's */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGALRM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	(void) prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != MyProcPid)
		_exit(1);				/* the backend died before prctl */
	report->err.status = MT_OK;
	report->status = job->run(job->arg, &report->err);
	__atomic_store_n(&report->done, 1, __ATOMIC_SEQ_CST);
	_exit(0);
}

static void
kill_child(pid_t pid)
{
	int			wstatus;

	kill(pid, SIGKILL);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
}

void
tensor_job_run(TensorJob *job)
{
	JobReport  *report;
	pid_t		pid;
	int			wstatus = 0;

	if (!job->in_child)
	{
		run_inline(job);
		return;
	}
	report = (JobReport *) job->mapping;
	memset(report, 0, sizeof(JobReport));

	fflush(NULL);
	pid = fork();
	if (pid < 0)
	{
		/* cannot fork: run inline, uncancellable but correct */
		run_inline(job);
		return;
	}
	if (pid == 0)
		child_main(job);

	PG_TRY();
	{
		for (;;)
		{
			pid_t		r = waitpid(pid, &wstatus, WNOHANG);

			if (r == pid)
				break;
			if (r < 0 && errno != EINTR)
				ereport(ERROR,
						(errcode(ERRCODE_INTERNAL_ERROR),
						 errmsg("could not wait for the linear algebra helper process: %m")));
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
							 5, PG_WAIT_EXTENSION);
			ResetLatch(MyLatch);
			CHECK_FOR_INTERRUPTS();
		}
	}
	PG_CATCH();
	{
		kill_child(pid);
		PG_RE_THROW();
	}
	PG_END_TRY();

	if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 ||
		!__atomic_load_n(&report->done, __ATOMIC_SEQ_CST))
		ereport(ERROR,
				(errcode(ERRCODE_SYSTEM_ERROR),
				 errmsg("linear algebra helper process failed"),
				 errdetail("The helper %s.",
						   WIFSIGNALED(wstatus) ? "was killed by a signal" : "exited without a result")));
	tensor_check_status(report->status, &report->err);
}
