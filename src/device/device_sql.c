/*
 * device_sql.c
 *	  marsql.gpu_info(): the GPU module and devices this backend sees, and
 *	  marsql.gpu_stats(): what this session's GPU calls moved and spent.
 *	  Neither opens a device: listing devices creates no CUDA context.
 */
#include "postgres.h"

#include <unistd.h>

#include "funcapi.h"
#include "utils/builtins.h"

#include "device/device.h"

PG_FUNCTION_INFO_V1(device_gpu_info);
PG_FUNCTION_INFO_V1(device_gpu_stats);

#define GPU_INFO_COLUMNS 10
#define MAX_LISTED_DEVICES 64

static void
put_row(ReturnSetInfo *rsinfo, Datum *values, bool *nulls)
{
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/*
 * One row per CUDA device; without any, one row whose status says why
 * (no marsql_gpu.so, no driver, no device).
 */
Datum
device_gpu_info(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		values[GPU_INFO_COLUMNS];
	bool		nulls[GPU_INFO_COLUMNS];
	const char *why = NULL;
	const MgApi *api;
	MgDeviceInfo *devices;
	MgCall		call;
	int			count = 0;

	InitMaterializedSRF(fcinfo, 0);
	memset(nulls, true, sizeof(nulls));
	/*
	 * The checks auto and gpu make, in their order (the module installed,
	 * then the driver, then the module loaded), so that the status is the
	 * reason they give; without a driver the module is not even loaded.
	 */
	if (access(device_gpu_library_path(), F_OK) == 0 && !device_gpu_driver_ready(&why))
	{
		values[7] = CStringGetTextDatum(device_gpu_library_path());
		values[9] = CStringGetTextDatum(why);
		nulls[7] = nulls[9] = false;
		put_row(rsinfo, values, nulls);
		PG_RETURN_NULL();
	}
	api = device_gpu_library(&why);
	if (api == NULL)
	{
		values[9] = CStringGetTextDatum(why);
		nulls[9] = false;
		put_row(rsinfo, values, nulls);
		PG_RETURN_NULL();
	}
	values[7] = CStringGetTextDatum(device_gpu_library_path());
	values[8] = CStringGetTextDatum(api->build);
	nulls[7] = nulls[8] = false;

	devices = palloc0(sizeof(MgDeviceInfo) * MAX_LISTED_DEVICES);
	memset(&call, 0, sizeof(call));
	if (api->devices(devices, MAX_LISTED_DEVICES, &count, &call) != MG_OK || count < 1)
	{
		values[9] = CStringGetTextDatum(call.err[0] ? call.err : "no CUDA device");
		nulls[9] = false;
		put_row(rsinfo, values, nulls);
		PG_RETURN_NULL();
	}
	for (int i = 0; i < Min(count, MAX_LISTED_DEVICES); i++)
	{
		bool		in_use = devices[i].ordinal == device_gpu_ordinal();

		memset(nulls, false, sizeof(nulls));
		values[0] = Int32GetDatum(devices[i].ordinal);
		values[1] = CStringGetTextDatum(devices[i].name);
		values[2] = CStringGetTextDatum(psprintf("%d.%d", devices[i].major, devices[i].minor));
		values[3] = Int64GetDatum((int64) devices[i].total_bytes);
		/* known only for the device this session opened */
		values[4] = Int64GetDatum((int64) devices[i].free_bytes);
		nulls[4] = !in_use;
		values[5] = Int32GetDatum(devices[i].multiprocessors);
		values[6] = BoolGetDatum(in_use);
		values[9] = CStringGetTextDatum(in_use ? "in use by this session" : "available");
		put_row(rsinfo, values, nulls);
	}
	PG_RETURN_NULL();
}

/* this session's GPU calls: copies, bytes and device time */
Datum
device_gpu_stats(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {0};
	MgStats		stats;
	const MgApi *api = device_gpu_ordinal() >= 0 ? device_gpu_library(NULL) : NULL;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	memset(&stats, 0, sizeof(stats));
	if (api != NULL)
		api->stats(&stats);
	values[0] = Int64GetDatum((int64) stats.calls);
	values[1] = Int64GetDatum((int64) stats.bytes_to_device);
	values[2] = Int64GetDatum((int64) stats.bytes_from_device);
	values[3] = Float8GetDatum(stats.transfer_ms);
	values[4] = Float8GetDatum(stats.compute_ms);
	values[5] = Float8GetDatum(stats.transfer_ms + stats.compute_ms > 0
							   ? stats.transfer_ms / (stats.transfer_ms + stats.compute_ms) : 0);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
