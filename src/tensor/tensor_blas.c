/*
 * tensor_blas.c
 *	  The backend's door to the kernel dispatch table: loads OpenBLAS on
 *	  first use (never in the postmaster), applies marsql.blas_threads on
 *	  every call, lets kernels poll for cancels, and reports what was loaded
 *	  through marsql.blas_info().
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "guc.h"
#include "kernels/dispatch.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_blas_info);

const MtKernelTable *
tensor_kernels(void)
{
	const MtBlas *blas = mt_blas_loaded();

	if (blas == NULL)
	{
		char		why[600];

		/* OpenBLAS starts its thread pool when loaded: never here */
		if (IsPostmasterEnvironment && !IsUnderPostmaster)
			elog(ERROR, "OpenBLAS must not be loaded in the postmaster");
		blas = mt_blas_load(why, sizeof(why));
		if (blas == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_FILE),
					 errmsg("could not load OpenBLAS"),
					 errdetail_internal("%s", why),
					 errhint("Install the Debian package libopenblas0.")));
		mt_kernels_use_cpu(blas);
	}
	mt_blas_set_threads(blas, marsql_blas_threads);
	return &mt_kernels;
}

bool
tensor_poll_interrupts(void *arg)
{
	(void) arg;
	return (QueryCancelPending || ProcDiePending) &&
		INTERRUPTS_CAN_BE_PROCESSED();
}

/* marsql.blas_info(): what this backend loaded and uses. */
Datum
tensor_blas_info(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		nulls[5] = {0};
	const MtBlas *blas;
	const MtKernelTable *kernels;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	kernels = tensor_kernels();
	blas = mt_blas_loaded();
	values[0] = CStringGetTextDatum(kernels->device);
	values[1] = CStringGetTextDatum(blas->path);
	values[2] = CStringGetTextDatum(blas->config);
	values[3] = Int32GetDatum(marsql_blas_threads);
	values[4] = Int32GetDatum(blas->get_num_threads());
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
