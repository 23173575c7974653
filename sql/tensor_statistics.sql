-- numpy's statistics over every real dtype: median, quantile, percentile
-- and their nan-variants (test/numpy/checks/statistics.py checks values
-- against numpy; this file pins results, dtypes and every error).
SET search_path = marsql, public;

-- median: mean of the middle two, float64 for integers, NaN propagates
SELECT median('[3,1,2]'::tensor), median('[4,1,3,2]'::tensor),
	   median('int32:[4,1,3,2]'::tensor), median('bool:[true,false,true]'::tensor);
SELECT median('[[10,7,4],[3,2,1]]'::tensor, 0), median('[[10,7,4],[3,2,1]]'::tensor, -1, true);
SELECT median('[[10,7,4],[3,2,1]]'::tensor, ARRAY[0,1]), median('[[10,7,4],[3,2,1]]'::tensor, ARRAY[1,0], true);
SELECT median('[[10,7,4],[3,2,1]]'::tensor, ARRAY[]::int[]);
SELECT median('[1,NaN,3]'::tensor), nanmedian('[1,NaN,3]'::tensor), nanmedian('[NaN,NaN]'::tensor);
SELECT nanmedian('[[1,NaN],[NaN,NaN]]'::tensor, 1);
SELECT median('float16:[1,2]'::tensor), median('float32:[1,2,4,8]'::tensor);
SELECT median('[]'::tensor), median('float64(0,3):[]'::tensor, 0), median('float64(0,3):[]'::tensor, 1);
SELECT median('2.5'::tensor), median('[[1,2],[3,4]]'::tensor, NULL::int, true);

-- quantile and percentile: every method, q as a number or a tensor
SELECT m, quantile('[1,2,3,4,5,6,7,8,9,10]'::tensor, 0.35, method => m) AS q35,
	   percentile('int64:[1,2,3,4,5,6,7,8,9,10]'::tensor, 50, method => m) AS p50
FROM unnest(ARRAY['inverted_cdf','averaged_inverted_cdf','closest_observation',
				  'interpolated_inverted_cdf','hazen','weibull','linear',
				  'median_unbiased','normal_unbiased','lower','higher',
				  'midpoint','nearest']) m;
SELECT quantile('[[10,7,4],[3,2,1]]'::tensor, '[0.25,0.5,0.75]'::tensor, 1);
SELECT percentile('[[10,7,4],[3,2,1]]'::tensor, '[[0,100],[50,25]]'::tensor, 0, true);
SELECT percentile('[[10,7,4],[3,2,1]]'::tensor, 50, ARRAY[0,1], true);
SELECT dtype(quantile('float32:[1,2]'::tensor, 0.5)), dtype(quantile('float32:[1,2]'::tensor, '[0.5]'::tensor)),
	   dtype(quantile('int8:[1,2]'::tensor, 0.5)), dtype(quantile('int8:[1,2]'::tensor, 0.5, method => 'lower')),
	   dtype(quantile('float16:[1,2]'::tensor, 0.5));
SELECT quantile('bool:[true,false,true]'::tensor, 0.5, method => 'nearest');
SELECT quantile('[1,NaN,3]'::tensor, 0.5), nanquantile('[1,NaN,3]'::tensor, 0.5),
	   nanpercentile('[[1,NaN],[NaN,NaN]]'::tensor, 50, 1);
SELECT quantile('[1,Infinity]'::tensor, 1), quantile('[1,Infinity]'::tensor, 0.25);
SELECT quantile('float64(0,3):[]'::tensor, 0.5, 1), nanquantile('[]'::tensor, 0.5);
SELECT quantile('int64(3):[4611686018427387905,3,4611686018427387907]'::tensor, 0.5, method => 'higher');

-- errors
SELECT quantile('[1,2]'::tensor, 1.5);
SELECT quantile('[1,2]'::tensor, -0.5);
SELECT percentile('[1,2]'::tensor, 100.5);
SELECT percentile('[1,2]'::tensor, 'NaN');
SELECT nanpercentile('[1,2]'::tensor, '[10,-1]'::tensor);
SELECT quantile('[1,2]'::tensor, 0.5, method => 'mean');
SELECT quantile('[[1,2]]'::tensor, 0.5, 2);
SELECT median('[[1,2]]'::tensor, ARRAY[0,-2]);
SELECT median('[[1,2]]'::tensor, ARRAY[3]);
SELECT median('complex128:[1+2j]'::tensor);
SELECT percentile('complex64:[1+2j]'::tensor, 50);
SELECT quantile('[1,2]'::tensor, 'complex128:[0.5]'::tensor);
SELECT quantile('bool:[true,false]'::tensor, 0.5);
SELECT quantile('[]'::tensor, 0.5);
SELECT nanquantile('int32(2,0):[]'::tensor, 0.5, 1);
SELECT median('[1,2]'::tensor, NULL);

-- nan-reductions
SELECT nansum('[[1,NaN],[3,4]]'::tensor), nansum('[[1,NaN],[3,4]]'::tensor, 0),
	   nanprod('[[1,NaN],[3,4]]'::tensor, 1, true), nanmean('[[1,NaN],[3,4]]'::tensor, 0);
SELECT nanmax('[[1,NaN],[NaN,NaN]]'::tensor, 1), nanmin('[[1,NaN],[NaN,NaN]]'::tensor, 1),
	   nanmean('[[1,NaN],[NaN,NaN]]'::tensor, 1);
SELECT nanvar('[1,NaN,3,4]'::tensor), nanstd('[1,NaN,3,4]'::tensor, ddof => 1),
	   nanvar('[1,NaN]'::tensor, ddof => 1), nanvar('complex128:[1+1j,nan+0j,3-1j]'::tensor);
SELECT nanargmax('[[NaN,4],[2,3]]'::tensor), nanargmin('[[NaN,4],[2,3]]'::tensor),
	   nanargmax('[[NaN,4],[2,3]]'::tensor, 0), nanargmin('[[NaN,4],[2,3]]'::tensor, 1, true);
SELECT nancumsum('[[1,NaN],[3,4]]'::tensor), nancumprod('[[1,NaN],[3,4]]'::tensor, 0);
SELECT nansum('float16:[1,nan,2]'::tensor), nanmean('float32:[1,nan,2]'::tensor),
	   nansum('int8:[100,100]'::tensor), nanmean('int32:[1,2]'::tensor), nanmax('bool:[false,true]'::tensor);
SELECT ptp('[[4,9,2,10],[6,9,7,12]]'::tensor), ptp('[[4,9,2,10],[6,9,7,12]]'::tensor, 1),
	   ptp('int8:[-128,127]'::tensor), ptp('[1,NaN]'::tensor);
SELECT average('[1,2,3,4]'::tensor), average('[[0,1],[2,3],[4,5]]'::tensor, 1, '[0.25,0.75]'::tensor),
	   average('int64:[[1,2],[3,5]]'::tensor, 0, 'int64:[1,3]'::tensor, true);
SELECT * FROM average_returned('[[0,1],[2,3],[4,5]]'::tensor, 1, '[0.25,0.75]'::tensor);
SELECT * FROM average_returned('[[0,1],[2,3],[4,5]]'::tensor);
SELECT cumulative_sum('[1,2,3]'::tensor), cumulative_sum('[1,2,3]'::tensor, include_initial => true),
	   cumulative_prod('int32:[[1,2],[3,4]]'::tensor, 1, true), cumulative_sum('[[1,2],[3,4]]'::tensor, -2, true);
-- errors
SELECT nanargmax('[NaN,NaN]'::tensor);
SELECT nanargmin('[[1,NaN],[NaN,NaN]]'::tensor, 1);
SELECT nanmax('[]'::tensor);
SELECT nansum('[1]'::tensor, 1);
SELECT nanstd('[1]'::tensor, NULL, -1);
SELECT ptp('bool:[true]'::tensor);
SELECT average('[1,2]'::tensor, 0, '[1,-1]'::tensor);
SELECT average('[[1,2]]'::tensor, NULL, '[1,2,3]'::tensor);
SELECT average('[[1,2]]'::tensor, 1, '[1,2,3]'::tensor);
SELECT average('[[1,2]]'::tensor, 1, '[[1,2],[3,4]]'::tensor);
SELECT cumulative_sum('[[1,2]]'::tensor);
SELECT cumulative_prod('2'::tensor);
-- NULL arguments give NULL
SELECT median(NULL::tensor), quantile('[1]'::tensor, NULL::float8), quantile('[1]'::tensor, 0.5, method => NULL);
