-- numpy's statistics (tensor_statistics.c, kernels/statistics.c): median,
-- quantile, percentile and their nan-variants, the nan-reductions, ptp,
-- average, cumulative_sum/prod, histograms, bincount, digitize, correlate,
-- convolve, cov and corrcoef.  This first part: the quantile family.
-- axis is an integer, an integer[] (several axes) or NULL (every axis;
-- write NULL::integer, as a bare NULL matches both forms).
-- Not STRICT in axis, so a NULL axis reaches the function.
--
-- Result dtypes follow numpy 2: median of bool and integers is float64,
-- float16 stays float16 (computed in float32); quantile methods that
-- return an element (inverted_cdf, closest_observation, lower, higher,
-- nearest) keep the dtype, the interpolating ones give float64 for
-- integers; complex tensors are refused (42804), as is bool with an
-- interpolating method.  A slice holding NaN gives NaN; the nan-variants
-- drop NaNs first (an all-NaN slice gives NaN).  Each slice is selected
-- (quickselect), never fully sorted.

CREATE FUNCTION marsql.median(a marsql.tensor, axis integer DEFAULT NULL,
							  keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_median'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.median(marsql.tensor, integer, boolean) IS
	'numpy.median: the middle element (mean of the middle two) along axis, or of all elements when axis is NULL; NaN if the slice holds NaN';

CREATE FUNCTION marsql.median(a marsql.tensor, axis integer[],
							  keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_median'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.median(marsql.tensor, integer[], boolean) IS
	'numpy.median over several axes at once';

CREATE FUNCTION marsql.nanmedian(a marsql.tensor, axis integer DEFAULT NULL,
								 keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanmedian'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanmedian(marsql.tensor, integer, boolean) IS
	'numpy.nanmedian: median ignoring NaNs along axis (all elements when NULL); NaN for an all-NaN slice';

CREATE FUNCTION marsql.nanmedian(a marsql.tensor, axis integer[],
								 keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanmedian'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanmedian(marsql.tensor, integer[], boolean) IS
	'numpy.nanmedian over several axes at once';

CREATE FUNCTION marsql.quantile(a marsql.tensor, q double precision, axis integer DEFAULT NULL,
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_quantile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.quantile(marsql.tensor, double precision, integer, boolean, text) IS
	'numpy.quantile: the q-th quantiles (q in [0, 1]) along axis (all elements when NULL), by one of numpy''s 13 methods (default linear)';

CREATE FUNCTION marsql.quantile(a marsql.tensor, q double precision, axis integer[],
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_quantile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.quantile(marsql.tensor, double precision, integer[], boolean, text) IS
	'numpy.quantile: the q-th quantiles (q in [0, 1]) over several axes, by one of numpy''s 13 methods (default linear)';

CREATE FUNCTION marsql.quantile(a marsql.tensor, q marsql.tensor, axis integer DEFAULT NULL,
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_quantile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.quantile(marsql.tensor, marsql.tensor, integer, boolean, text) IS
	'numpy.quantile: the q-th quantiles (q in [0, 1]) along axis (all elements when NULL), by one of numpy''s 13 methods (default linear), q''s shape first in the result';

CREATE FUNCTION marsql.quantile(a marsql.tensor, q marsql.tensor, axis integer[],
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_quantile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.quantile(marsql.tensor, marsql.tensor, integer[], boolean, text) IS
	'numpy.quantile: the q-th quantiles (q in [0, 1]) over several axes, by one of numpy''s 13 methods (default linear), q''s shape first in the result';

CREATE FUNCTION marsql.percentile(a marsql.tensor, q double precision, axis integer DEFAULT NULL,
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_percentile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.percentile(marsql.tensor, double precision, integer, boolean, text) IS
	'numpy.percentile: the q-th percentiles (q in [0, 100]) along axis (all elements when NULL), by one of numpy''s 13 methods (default linear)';

CREATE FUNCTION marsql.percentile(a marsql.tensor, q double precision, axis integer[],
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_percentile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.percentile(marsql.tensor, double precision, integer[], boolean, text) IS
	'numpy.percentile: the q-th percentiles (q in [0, 100]) over several axes, by one of numpy''s 13 methods (default linear)';

CREATE FUNCTION marsql.percentile(a marsql.tensor, q marsql.tensor, axis integer DEFAULT NULL,
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_percentile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.percentile(marsql.tensor, marsql.tensor, integer, boolean, text) IS
	'numpy.percentile: the q-th percentiles (q in [0, 100]) along axis (all elements when NULL), by one of numpy''s 13 methods (default linear), q''s shape first in the result';

CREATE FUNCTION marsql.percentile(a marsql.tensor, q marsql.tensor, axis integer[],
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_percentile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.percentile(marsql.tensor, marsql.tensor, integer[], boolean, text) IS
	'numpy.percentile: the q-th percentiles (q in [0, 100]) over several axes, by one of numpy''s 13 methods (default linear), q''s shape first in the result';

CREATE FUNCTION marsql.nanquantile(a marsql.tensor, q double precision, axis integer DEFAULT NULL,
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanquantile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanquantile(marsql.tensor, double precision, integer, boolean, text) IS
	'numpy.nanquantile: quantiles (q in [0, 1]) ignoring NaNs along axis (all elements when NULL), by one of numpy''s 13 methods (default linear)';

CREATE FUNCTION marsql.nanquantile(a marsql.tensor, q double precision, axis integer[],
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanquantile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanquantile(marsql.tensor, double precision, integer[], boolean, text) IS
	'numpy.nanquantile: quantiles (q in [0, 1]) ignoring NaNs over several axes, by one of numpy''s 13 methods (default linear)';

CREATE FUNCTION marsql.nanquantile(a marsql.tensor, q marsql.tensor, axis integer DEFAULT NULL,
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanquantile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanquantile(marsql.tensor, marsql.tensor, integer, boolean, text) IS
	'numpy.nanquantile: quantiles (q in [0, 1]) ignoring NaNs along axis (all elements when NULL), by one of numpy''s 13 methods (default linear), q''s shape first in the result';

CREATE FUNCTION marsql.nanquantile(a marsql.tensor, q marsql.tensor, axis integer[],
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanquantile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanquantile(marsql.tensor, marsql.tensor, integer[], boolean, text) IS
	'numpy.nanquantile: quantiles (q in [0, 1]) ignoring NaNs over several axes, by one of numpy''s 13 methods (default linear), q''s shape first in the result';

CREATE FUNCTION marsql.nanpercentile(a marsql.tensor, q double precision, axis integer DEFAULT NULL,
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanpercentile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanpercentile(marsql.tensor, double precision, integer, boolean, text) IS
	'numpy.nanpercentile: percentiles (q in [0, 100]) ignoring NaNs along axis (all elements when NULL), by one of numpy''s 13 methods (default linear)';

CREATE FUNCTION marsql.nanpercentile(a marsql.tensor, q double precision, axis integer[],
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanpercentile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanpercentile(marsql.tensor, double precision, integer[], boolean, text) IS
	'numpy.nanpercentile: percentiles (q in [0, 100]) ignoring NaNs over several axes, by one of numpy''s 13 methods (default linear)';

CREATE FUNCTION marsql.nanpercentile(a marsql.tensor, q marsql.tensor, axis integer DEFAULT NULL,
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanpercentile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanpercentile(marsql.tensor, marsql.tensor, integer, boolean, text) IS
	'numpy.nanpercentile: percentiles (q in [0, 100]) ignoring NaNs along axis (all elements when NULL), by one of numpy''s 13 methods (default linear), q''s shape first in the result';

CREATE FUNCTION marsql.nanpercentile(a marsql.tensor, q marsql.tensor, axis integer[],
		keepdims boolean DEFAULT false, method text DEFAULT 'linear')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanpercentile'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanpercentile(marsql.tensor, marsql.tensor, integer[], boolean, text) IS
	'numpy.nanpercentile: percentiles (q in [0, 100]) ignoring NaNs over several axes, by one of numpy''s 13 methods (default linear), q''s shape first in the result';

-- nan-reductions (numpy's nanfunctions): NaN counts as the identity (0 for
-- sums, 1 for products), is skipped by nanmean / nanvar / nanstd /
-- nanmax / nanmin (an all-NaN slice gives NaN), and by nanargmax /
-- nanargmin, where an all-NaN slice is an error (22023, numpy's
-- ValueError).  For bool and integers they are the plain functions.
CREATE FUNCTION marsql.nansum(a marsql.tensor, axis integer DEFAULT NULL,
							  keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nansum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nansum(marsql.tensor, integer, boolean) IS
	'numpy.nansum: sum treating NaN as 0, along axis or of all elements when axis is NULL';

CREATE FUNCTION marsql.nanprod(a marsql.tensor, axis integer DEFAULT NULL,
							   keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanprod'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanprod(marsql.tensor, integer, boolean) IS
	'numpy.nanprod: product treating NaN as 1, along axis or of all elements when axis is NULL';

CREATE FUNCTION marsql.nanmean(a marsql.tensor, axis integer DEFAULT NULL,
							   keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanmean'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanmean(marsql.tensor, integer, boolean) IS
	'numpy.nanmean: mean of the non-NaN elements along axis (all when NULL); NaN for an all-NaN slice';

CREATE FUNCTION marsql.nanvar(a marsql.tensor, axis integer DEFAULT NULL,
							  ddof integer DEFAULT 0, keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanvar'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanvar(marsql.tensor, integer, integer, boolean) IS
	'numpy.nanvar: variance of the non-NaN elements, dividing by N - ddof (NaN when that is not positive)';

CREATE FUNCTION marsql.nanstd(a marsql.tensor, axis integer DEFAULT NULL,
							  ddof integer DEFAULT 0, keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanstd'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanstd(marsql.tensor, integer, integer, boolean) IS
	'numpy.nanstd: standard deviation of the non-NaN elements, dividing by N - ddof';

CREATE FUNCTION marsql.nanmax(a marsql.tensor, axis integer DEFAULT NULL,
							  keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanmax'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanmax(marsql.tensor, integer, boolean) IS
	'numpy.nanmax: largest non-NaN element along axis (all when NULL); NaN for an all-NaN slice';

CREATE FUNCTION marsql.nanmin(a marsql.tensor, axis integer DEFAULT NULL,
							  keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanmin'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanmin(marsql.tensor, integer, boolean) IS
	'numpy.nanmin: smallest non-NaN element along axis (all when NULL); NaN for an all-NaN slice';

CREATE FUNCTION marsql.nanargmax(a marsql.tensor)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'tensor_nanargmax'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanargmax(marsql.tensor) IS
	'numpy.nanargmax: flat index of the first largest non-NaN element; an error when every element is NaN';

CREATE FUNCTION marsql.nanargmax(a marsql.tensor, axis integer, keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanargmax_axis'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanargmax(marsql.tensor, integer, boolean) IS
	'numpy.nanargmax along axis: int64 indices of the largest non-NaN elements; an error for an all-NaN slice';

CREATE FUNCTION marsql.nanargmin(a marsql.tensor)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'tensor_nanargmin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanargmin(marsql.tensor) IS
	'numpy.nanargmin: flat index of the first smallest non-NaN element; an error when every element is NaN';

CREATE FUNCTION marsql.nanargmin(a marsql.tensor, axis integer, keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nanargmin_axis'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nanargmin(marsql.tensor, integer, boolean) IS
	'numpy.nanargmin along axis: int64 indices of the smallest non-NaN elements; an error for an all-NaN slice';

CREATE FUNCTION marsql.nancumsum(a marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nancumsum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nancumsum(marsql.tensor, integer) IS
	'numpy.nancumsum: running sums treating NaN as 0, along axis (of the flattened tensor when NULL)';

CREATE FUNCTION marsql.nancumprod(a marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nancumprod'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nancumprod(marsql.tensor, integer) IS
	'numpy.nancumprod: running products treating NaN as 1, along axis (of the flattened tensor when NULL)';

-- the array API's cumulative_sum / cumulative_prod (numpy >= 2.1)
CREATE FUNCTION marsql.cumulative_sum(x marsql.tensor, axis integer DEFAULT NULL,
									  include_initial boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cumulative_sum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cumulative_sum(marsql.tensor, integer, boolean) IS
	'numpy.cumulative_sum: running sums along axis (NULL only for 1-D x); include_initial starts with 0';

CREATE FUNCTION marsql.cumulative_prod(x marsql.tensor, axis integer DEFAULT NULL,
									   include_initial boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cumulative_prod'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cumulative_prod(marsql.tensor, integer, boolean) IS
	'numpy.cumulative_prod: running products along axis (NULL only for 1-D x); include_initial starts with 1';

CREATE FUNCTION marsql.ptp(a marsql.tensor, axis integer DEFAULT NULL,
						   keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ptp'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ptp(marsql.tensor, integer, boolean) IS
	'numpy.ptp: max - min (peak to peak) along axis, or of all elements when NULL, in a''s dtype';

CREATE FUNCTION marsql.average(a marsql.tensor, axis integer DEFAULT NULL,
							   weights marsql.tensor DEFAULT NULL,
							   keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_average'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.average(marsql.tensor, integer, marsql.tensor, boolean) IS
	'numpy.average: weighted mean along axis (all when NULL); weights as a, or 1-D along axis; NULL weights give the mean';

CREATE FUNCTION marsql.average_returned(a marsql.tensor, axis integer DEFAULT NULL,
										weights marsql.tensor DEFAULT NULL,
										keepdims boolean DEFAULT false,
										OUT average marsql.tensor,
										OUT sum_of_weights marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_average_returned'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.average_returned(marsql.tensor, integer, marsql.tensor, boolean) IS
	'numpy.average with returned=True: the weighted mean and the sum of the weights (the count without weights)';

-- histograms: bins is a count of equal bins over range (default: the
-- data's min and max), a tensor of increasing edges, or the name of one of
-- numpy's estimators (auto, fd, doane, scott, stone, rice, sturges, sqrt).
-- A bin holds edges[i] <= x < edges[i+1], the last one also its right edge.
CREATE FUNCTION marsql.histogram(a marsql.tensor, bins integer DEFAULT 10,
								 range double precision[] DEFAULT NULL,
								 density boolean DEFAULT false,
								 weights marsql.tensor DEFAULT NULL,
								 OUT hist marsql.tensor, OUT bin_edges marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_histogram'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.histogram(marsql.tensor, integer, double precision[], boolean, marsql.tensor) IS
	'numpy.histogram with bins equal bins over range: counts (int64; weights'' dtype when weighted; float64 densities) and the edges';

CREATE FUNCTION marsql.histogram(a marsql.tensor, bins marsql.tensor,
								 range double precision[] DEFAULT NULL,
								 density boolean DEFAULT false,
								 weights marsql.tensor DEFAULT NULL,
								 OUT hist marsql.tensor, OUT bin_edges marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_histogram'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.histogram(marsql.tensor, marsql.tensor, double precision[], boolean, marsql.tensor) IS
	'numpy.histogram with the given increasing bin edges: counts and the edges';

CREATE FUNCTION marsql.histogram(a marsql.tensor, bins text,
								 range double precision[] DEFAULT NULL,
								 density boolean DEFAULT false,
								 weights marsql.tensor DEFAULT NULL,
								 OUT hist marsql.tensor, OUT bin_edges marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_histogram'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.histogram(marsql.tensor, text, double precision[], boolean, marsql.tensor) IS
	'numpy.histogram with the number of bins from an estimator (auto, fd, doane, scott, stone, rice, sturges, sqrt)';

CREATE FUNCTION marsql.histogram_bin_edges(a marsql.tensor, bins integer DEFAULT 10,
										   range double precision[] DEFAULT NULL,
										   weights marsql.tensor DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_histogram_bin_edges'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.histogram_bin_edges(marsql.tensor, integer, double precision[], marsql.tensor) IS
	'numpy.histogram_bin_edges: the edges of bins equal bins over range';

CREATE FUNCTION marsql.histogram_bin_edges(a marsql.tensor, bins marsql.tensor,
										   range double precision[] DEFAULT NULL,
										   weights marsql.tensor DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_histogram_bin_edges'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.histogram_bin_edges(marsql.tensor, marsql.tensor, double precision[], marsql.tensor) IS
	'numpy.histogram_bin_edges with explicit edges: checks and returns them';

CREATE FUNCTION marsql.histogram_bin_edges(a marsql.tensor, bins text,
										   range double precision[] DEFAULT NULL,
										   weights marsql.tensor DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_histogram_bin_edges'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.histogram_bin_edges(marsql.tensor, text, double precision[], marsql.tensor) IS
	'numpy.histogram_bin_edges with the number of bins from an estimator (auto, fd, doane, scott, stone, rice, sturges, sqrt)';

CREATE FUNCTION marsql.histogram2d(x marsql.tensor, y marsql.tensor, bins integer DEFAULT 10,
								   range double precision[] DEFAULT NULL,
								   density boolean DEFAULT false,
								   weights marsql.tensor DEFAULT NULL,
								   OUT hist marsql.tensor, OUT xedges marsql.tensor,
								   OUT yedges marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_histogram2d'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.histogram2d(marsql.tensor, marsql.tensor, integer, double precision[], boolean, marsql.tensor) IS
	'numpy.histogram2d with bins equal bins per coordinate: float64 counts (x along the first axis) and the edges; range is [[xmin, xmax], [ymin, ymax]]';

CREATE FUNCTION marsql.histogram2d(x marsql.tensor, y marsql.tensor, bins integer[],
								   range double precision[] DEFAULT NULL,
								   density boolean DEFAULT false,
								   weights marsql.tensor DEFAULT NULL,
								   OUT hist marsql.tensor, OUT xedges marsql.tensor,
								   OUT yedges marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_histogram2d'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.histogram2d(marsql.tensor, marsql.tensor, integer[], double precision[], boolean, marsql.tensor) IS
	'numpy.histogram2d with bins[0] x bins[1] equal bins: float64 counts (x along the first axis) and the edges; range is [[xmin, xmax], [ymin, ymax]]';

CREATE FUNCTION marsql.histogram2d(x marsql.tensor, y marsql.tensor, bins marsql.tensor,
								   range double precision[] DEFAULT NULL,
								   density boolean DEFAULT false,
								   weights marsql.tensor DEFAULT NULL,
								   OUT hist marsql.tensor, OUT xedges marsql.tensor,
								   OUT yedges marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_histogram2d'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.histogram2d(marsql.tensor, marsql.tensor, marsql.tensor, double precision[], boolean, marsql.tensor) IS
	'numpy.histogram2d with the same increasing edges for both coordinates: float64 counts (x along the first axis) and the edges; range is [[xmin, xmax], [ymin, ymax]]';

CREATE FUNCTION marsql.bincount(x marsql.tensor, weights marsql.tensor DEFAULT NULL,
								minlength integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bincount'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bincount(marsql.tensor, marsql.tensor, integer) IS
	'numpy.bincount: occurrences (int64; summed float64 weights) of each value of a 1-D tensor of non-negative integers';

CREATE FUNCTION marsql.digitize(x marsql.tensor, bins marsql.tensor, right boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_digitize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.digitize(marsql.tensor, marsql.tensor, boolean) IS
	'numpy.digitize: int64 indices of the bins (increasing or decreasing edges) each element of x falls in';

-- correlation: numpy's correlate (complex v conjugated) and convolve of
-- 1-D tensors, modes valid, same and full
CREATE FUNCTION marsql.correlate(a marsql.tensor, v marsql.tensor, mode text DEFAULT 'valid')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_correlate'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.correlate(marsql.tensor, marsql.tensor, text) IS
	'numpy.correlate: cross-correlation of two 1-D tensors (v conjugated), mode valid, same or full';

CREATE FUNCTION marsql.convolve(a marsql.tensor, v marsql.tensor, mode text DEFAULT 'full')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_convolve'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.convolve(marsql.tensor, marsql.tensor, text) IS
	'numpy.convolve: discrete linear convolution of two 1-D tensors, mode full, same or valid';

CREATE FUNCTION marsql.cov(m marsql.tensor, y marsql.tensor DEFAULT NULL,
						   rowvar boolean DEFAULT true, bias boolean DEFAULT false,
						   ddof integer DEFAULT NULL, fweights marsql.tensor DEFAULT NULL,
						   aweights marsql.tensor DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cov'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cov(marsql.tensor, marsql.tensor, boolean, boolean, integer, marsql.tensor, marsql.tensor) IS
	'numpy.cov: covariance matrix of the rows (columns when rowvar is false) of m and y, float64 or complex128';

CREATE FUNCTION marsql.corrcoef(x marsql.tensor, y marsql.tensor DEFAULT NULL,
								rowvar boolean DEFAULT true)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_corrcoef'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.corrcoef(marsql.tensor, marsql.tensor, boolean) IS
	'numpy.corrcoef: Pearson correlation coefficients of the rows (columns when rowvar is false) of x and y';
