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
-- complex: numpy's order (real part, then imaginary; values with NaN last)
SELECT median('complex128:[1+2j,1-1j,0+5j,3+0j]'::tensor), median('complex64:[1+2j,1-1j,0+5j]'::tensor),
	   median('complex128:[1+2j,1+nanj,0+5j]'::tensor), nanmedian('complex128:[1+2j,1+nanj,0+5j]'::tensor);

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

-- histograms
SELECT * FROM histogram('[1,2,1]'::tensor, '[0,1,2,3]'::tensor);
SELECT * FROM histogram('[0,1,2,3]'::tensor, '[0,1,2,3,4]'::tensor, density => true);
SELECT * FROM histogram('[0,1,1,2,5,5.5]'::tensor, 3);
SELECT * FROM histogram('[0,1,1,2,5,5.5]'::tensor, 2, ARRAY[0,2], weights => '[1,2,3,4,5,6]'::tensor);
SELECT * FROM histogram('int32:[3,3,3]'::tensor, 2);
SELECT * FROM histogram('float32:[0.5,1,2]'::tensor, 2);
SELECT * FROM histogram('[]'::tensor);
SELECT histogram_bin_edges('int64:[0,0,0,1,2,3,3,4,5]'::tensor, 'sqrt'),
	   histogram_bin_edges('int64:[0,0,0,1,2,3,3,4,5]'::tensor, 'auto', ARRAY[0,1]);
SELECT r, histogram_bin_edges('[0,0,0,1,2,3,3,4,5,7.5,8,9.25]'::tensor, r)
FROM unnest(ARRAY['auto','fd','doane','scott','stone','rice','sturges','sqrt']) r;
SELECT bincount('int64:[0,1,1,3,2,1,7]'::tensor), bincount('int8:[0,1,1]'::tensor, '[0.5,1,2]'::tensor),
	   bincount('bool:[true,false,true]'::tensor, minlength => 4), bincount('int32(0):[]'::tensor);
SELECT digitize('[0.2,6.4,3.0,1.6]'::tensor, '[0,1,2.5,4,10]'::tensor),
	   digitize('[1.2,10,12.4,15.5,20]'::tensor, 'int64:[0,5,10,15,20]'::tensor, true),
	   digitize('[1.2,10,12.4,15.5,20]'::tensor, 'int64:[20,15,10,5,0]'::tensor);
SELECT * FROM histogram2d('[1,2,2,3,0.5]'::tensor, '[0,1,1,2,2]'::tensor, 2);
SELECT * FROM histogram2d('[1,2,2,3,0.5]'::tensor, '[0,1,1,2,2]'::tensor, ARRAY[3,1], ARRAY[[0,4],[0,2]], true);
SELECT * FROM histogram2d('[1,2,2,3,0.5]'::tensor, '[0,1,1,2,2]'::tensor, '[0,1,2,3]'::tensor, weights => '[1,2,3,4,5]'::tensor);
-- correlation
SELECT correlate('[1,2,3]'::tensor, '[0,1,0.5]'::tensor), correlate('[1,2,3]'::tensor, '[0,1,0.5]'::tensor, 'same'),
	   correlate('[1,2,3]'::tensor, '[0,1,0.5]'::tensor, 'full');
SELECT convolve('[1,2,3]'::tensor, '[0,1,0.5]'::tensor), convolve('[1,2,3]'::tensor, '[0,1,0.5]'::tensor, 'same'),
	   convolve('[1,2,3]'::tensor, '[0,1,0.5]'::tensor, 'valid');
SELECT correlate('complex128:[1+1j,2,3-1j]'::tensor, 'complex128:[0,1,0.5j]'::tensor, 'full'),
	   convolve('int8:[100,100]'::tensor, 'int8:[2,1]'::tensor), convolve('bool:[true,false]'::tensor, 'bool:[false,true]'::tensor);
SELECT cov('[[0,1,2],[2,1,0]]'::tensor), cov('[-2.1,-1,4.3]'::tensor, '[3,1.1,0.12]'::tensor),
	   cov('[-2.1,-1,4.3]'::tensor);
SELECT cov('[[0,1,2],[2,1,0]]'::tensor, rowvar => false, bias => true),
	   cov('[[0,1,2],[2,1,0]]'::tensor, fweights => 'int64:[1,2,1]'::tensor, aweights => '[0.5,1,2]'::tensor);
SELECT corrcoef('[[0,1,2],[2,1,0.5]]'::tensor), corrcoef('[1,2,3]'::tensor), cov('float64(0,3):[]'::tensor);
SELECT cov('complex128:[[1+1j,2,3],[0,1j,1]]'::tensor);
-- errors
SELECT * FROM histogram('[1,2]'::tensor, 0);
SELECT * FROM histogram('[1,2]'::tensor, '[0,2,1]'::tensor);
SELECT * FROM histogram('[1,2]'::tensor, '[[0,1],[2,3]]'::tensor);
SELECT * FROM histogram('[1,2]'::tensor, '[0]'::tensor);
SELECT * FROM histogram('[1,2]'::tensor, 2, ARRAY[2,1]);
SELECT * FROM histogram('[1,2]'::tensor, 2, ARRAY[0,'Infinity'::float8]);
SELECT * FROM histogram('[1,2]'::tensor, 2, ARRAY[0,1,2]);
SELECT * FROM histogram('[1,NaN]'::tensor, 2);
SELECT * FROM histogram('[1,2]'::tensor, 'best');
SELECT * FROM histogram('[1,2]'::tensor, 'auto', weights => '[1,1]'::tensor);
SELECT * FROM histogram('[1,2]'::tensor, 2, weights => '[1,1,1]'::tensor);
SELECT * FROM histogram('complex128:[1]'::tensor, 2);
SELECT * FROM histogram2d('[1,2]'::tensor, '[1]'::tensor);
SELECT * FROM histogram2d('[1,2]'::tensor, '[1,2]'::tensor, 0);
SELECT * FROM histogram2d('[1,2]'::tensor, '[1,2]'::tensor, ARRAY[2]);
SELECT * FROM histogram2d('[1,2]'::tensor, '[1,2]'::tensor, '[1,0]'::tensor);
SELECT * FROM histogram2d('[1,2]'::tensor, '[1,2]'::tensor, 2, ARRAY[1,2]);
SELECT * FROM histogram2d('[1,2]'::tensor, '[1,2]'::tensor, 2, ARRAY[[1,2],[3,2]]);
SELECT * FROM histogram2d('[1,NaN]'::tensor, '[1,2]'::tensor);
SELECT * FROM histogram2d('[1,2]'::tensor, '[1,2]'::tensor, weights => '[1]'::tensor);
SELECT bincount('int64:[1,-1]'::tensor);
SELECT bincount('[1,2]'::tensor);
SELECT bincount('int64:[[1]]'::tensor);
SELECT bincount('int64:[1]'::tensor, minlength => -1);
SELECT bincount('int64:[1,2]'::tensor, '[1]'::tensor);
SELECT bincount('int64:[2147483647]'::tensor);
SELECT digitize('[1]'::tensor, '[0,2,1]'::tensor);
SELECT digitize('[1]'::tensor, '[[0,2]]'::tensor);
SELECT digitize('complex64:[1]'::tensor, '[0,2]'::tensor);
SELECT correlate('[]'::tensor, '[1]'::tensor);
SELECT convolve('[1]'::tensor, '[]'::tensor);
SELECT correlate('[1]'::tensor, '[1]'::tensor, 'middle');
SELECT convolve('[[1]]'::tensor, '[1]'::tensor);
SELECT correlate('2'::tensor, '[1]'::tensor);
SELECT cov('[[[1]]]'::tensor);
SELECT cov('[[1,2],[3,4]]'::tensor, fweights => '[1.5,1]'::tensor);
SELECT cov('[[1,2],[3,4]]'::tensor, aweights => '[-1,1]'::tensor);
SELECT cov('[[1,2],[3,4]]'::tensor, aweights => '[1,1,1]'::tensor);
SELECT cov('[[1,2],[3,4]]'::tensor, fweights => '[[1,1]]'::tensor);
SELECT cov('[[1,2],[3,4]]'::tensor, '[1,2,3]'::tensor);
-- NULL arguments give NULL
SELECT median(NULL::tensor), quantile('[1]'::tensor, NULL::float8), quantile('[1]'::tensor, 0.5, method => NULL);
