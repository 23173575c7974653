/*
 * tensor_job.h
 *	  Runs a long, uninterruptible kernel (a LAPACK decomposition) so that
 *	  a cancel or statement_timeout still stops it within milliseconds.
 *
 *	  Small jobs run inline.  A large one runs in a child forked from the
 *	  backend: the child reads the inputs through copy-on-write memory,
 *	  writes the outputs to a shared anonymous mapping, and exits with
 *	  _exit(); it never calls PostgreSQL.  The backend waits on its latch,
 *	  and on a cancel kills the child and raises the cancel error.  A child
 *	  also dies with its backend (PR_SET_PDEATHSIG).
 */
#ifndef MARSQL_TENSOR_JOB_H
#define MARSQL_TENSOR_JOB_H

#include "kernels/tensor_layout.h"

/*
 * Jobs estimated below this many flops (a few tenths of a second) run
 * inline: a forked helper costs ~20 ms, mostly copy-on-write faults on
 * OpenBLAS's packing buffers, which only pays for longer work.
 */
#define TENSOR_JOB_INLINE_FLOPS 2e10

typedef struct TensorJob
{
	/* filled by the caller */
	MtStatus	(*run) (void *arg, MtError *err);
	void	   *arg;
	double		flops;			/* estimate of the work */
	size_t		output_bytes;	/* bytes the outputs need */

	/* filled by tensor_job_prepare */
	char	   *output;			/* output_bytes, zeroed, 16-byte aligned */
	bool		in_child;
	void	   *mapping;
	size_t		mapping_bytes;
} TensorJob;

/* Allocates the output area; released when the current memory context is. */
extern void tensor_job_prepare(TensorJob *job);

/* Runs the job; raises the kernel's error, or the cancel. */
extern void tensor_job_run(TensorJob *job);

#endif							/* MARSQL_TENSOR_JOB_H */
