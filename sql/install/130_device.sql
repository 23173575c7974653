-- Devices: marsql.device chooses where products, k-NN and elementwise
-- work run (auto | cpu | gpu); marsql_gpu.so is loaded on first use.

CREATE FUNCTION marsql.gpu_info()
	RETURNS TABLE (device integer, name text, compute_capability text,
				   total_memory bigint, free_memory bigint, multiprocessors integer,
				   in_use boolean, library text, build text, status text)
	AS 'MODULE_PATHNAME', 'device_gpu_info' LANGUAGE C VOLATILE PARALLEL SAFE ROWS 1;
COMMENT ON FUNCTION marsql.gpu_info() IS
	'CUDA devices this backend sees and the GPU module it loaded; without a device, one row saying why';

CREATE FUNCTION marsql.gpu_stats(OUT calls bigint, OUT bytes_to_device bigint,
								 OUT bytes_from_device bigint, OUT transfer_ms float8,
								 OUT compute_ms float8, OUT transfer_share float8)
	AS 'MODULE_PATHNAME', 'device_gpu_stats' LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.gpu_stats() IS
	'this session''s GPU calls: bytes copied each way and device time of copies and kernels';

CREATE FUNCTION marsql.matmul(a marsql.tensor, b marsql.tensor, device text)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_matmul_device'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.matmul(marsql.tensor, marsql.tensor, text) IS
	'numpy.matmul on the device named: auto, cpu or gpu (NULL: marsql.device)';
