# Chunked tensors at sizes where they matter:
# - an 8192 x 8192 float32 matmul with small (4 MB) tiles, with the peak
#   memory of the calling backend and of every worker sampled while it
#   runs, and bounded far below one operand (the figures are printed);
#   sampled blocks of the product match in-value products of slices;
# - a 20000 x 20000 float32 array (1.6 GB, more than one value can hold)
#   generated tile by tile, refused by to_tensor with 54000, multiplied by
#   a vector and checked band by band against in-value products of slices;
# - statement_timeout and cancel stop a running tile graph promptly, leave
#   no worker and no DSM segment behind, and a named target of a statement
#   that failed, or of a transaction rolled back, does not exist afterwards;
# - temporary chunked storage goes away with its session;
# - chunked_from_query with the default (16 MB) tiles keeps every row of
#   140000 x 32, though its tile boundaries fall inside cursor batches.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

# seconds: how long a stopped graph may take to give its workers back
my $quickly = 10;

# each process keeps at most 64 MB of input tiles per job (the default
# is a whole operand here); the shared cache is off: its DSM segments live
# as long as the server, and the checks below count a job's own segments
# and each process's memory (045_shared_cache.pl tests the shared cache)
my $node = worker_node('chunked', q{
marsql.blas_threads = 1
marsql.tile_cache_size = 64MB
marsql.shared_cache_size = 0
});
my $baseline = dsm_segments($node);

# ------------------------------------------- 8192 x 8192 float32, 4 MB tiles

{
	my ($bg, $peak) = run_sampled($node,
		q{CREATE TEMP TABLE ops AS SELECT
			marsql.chunked_random('{8192,8192}', '{1024,1024}', 1, dtype => 'float32') AS a,
			marsql.chunked_random('{8192,8192}', '{1024,1024}', 2, dtype => 'float32') AS b},
		q{CREATE TEMP TABLE prod AS SELECT marsql.matmul(a, b) AS c FROM ops},
		q{SELECT 'product ' || marsql.chunked_tensor_out(c) FROM prod},
		q{SELECT 'blocks ' || bool_and(marsql.allclose(
			marsql.slice(c, ARRAY[i, j], ARRAY[i + 64, j + 48]),
			marsql.matmul(marsql.slice(a, ARRAY[i, 0], ARRAY[i + 64, 8192]),
						  marsql.slice(b, ARRAY[0, j], ARRAY[8192, j + 48])), 1e-4, 1e-3))
		  FROM ops, prod, (VALUES (0, 0), (1000, 7000), (8128, 8144), (4090, 2040)) v(i, j)});
	like($bg->{out}, qr/^product \S+ float32 \(8192, 8192\) tiles \(1024, 1024\)$/m,
		'8192 x 8192 float32 product with 1024 x 1024 tiles')
	  or diag($bg->{err});
	like($bg->{out}, qr/^blocks true$/m,
		'sampled blocks of the product match in-value products of slices');
	diag(sprintf('8192 x 8192 float32 matmul, 4 MB tiles: peak backend %d MB anonymous + %d MB shared, '
		  . 'peak worker %d MB anonymous + %d MB shared (one operand is 256 MB)',
		$peak->{backend_anon}, $peak->{backend_shared}, $peak->{worker_anon}, $peak->{worker_shared}));
	cmp_ok($peak->{backend_anon}, '>', 0, 'the backend was sampled');
	cmp_ok($peak->{worker_anon}, '>', 0, 'the workers were sampled');
	# a task holds 8 input tiles and one output tile (36 MB); the backend
	# (the operands are temporary: read by the backend) caches up to 64 MB
	# of tiles and writes a payload at a time
	cmp_ok($peak->{backend_anon}, '<', 200, 'the backend stays under 200 MB of private memory');
	cmp_ok($peak->{worker_anon}, '<', 200, 'every worker stays under 200 MB of private memory');
	cmp_ok($peak->{backend_shared}, '<', 600,
		'the backend maps under 600 MB of shared memory (buffers and task segments)');
	no_workers_left($node, 'after the product', $quickly);
	dsm_freed($node, $quickly, 'after the product', $baseline);
}

# ------------------------------------- 20000 x 20000 float32: 1.6 GB, tiled

{
	# a named array, so the checks can run in a session of their own and
	# the memory sampled is that of making the array and the product
	my ($bg, $peak) = run_sampled($node,
		q{SELECT marsql.ntiles(marsql.chunked_random('{20000,20000}', '{4096,4096}', 3,
			dtype => 'float32', target => 'big'))},
		q{CREATE TABLE vec AS SELECT marsql.astype(marsql.random('{20000}', 4), 'float32') AS x},
		q{SELECT marsql.ntiles(marsql.matmul('big'::marsql.chunked_tensor, x, target => 'y')) FROM vec});
	like($bg->{out}, qr/^25$/m, 'a 20000 x 20000 float32 array of 25 tiles')
	  or diag($bg->{out}, $bg->{err});
	like($bg->{out}, qr/^5$/m, 'its product with a vector, in 5 tiles');
	diag(sprintf('20000 x 20000 float32 generated, then times a vector: peak backend %d MB anonymous + %d MB shared, '
		  . 'peak worker %d MB anonymous + %d MB shared (the array is 1526 MB, a tile 64 MB)',
		$peak->{backend_anon}, $peak->{backend_shared}, $peak->{worker_anon}, $peak->{worker_shared}));
	# a task holds 8 tiles; each process caches up to 64 MB of tiles, and a
	# worker keeps up to marsql.retained_memory (256 MB) of freed buffers
	# for its next task
	cmp_ok($peak->{backend_anon}, '<', 700, 'the backend stays under 700 MB of private memory');
	cmp_ok($peak->{worker_anon}, '<', 600, 'every worker stays under 600 MB of private memory');

	my ($ret, $out, $err) = $node->psql('postgres', q{
		SELECT 'bytes ' || marsql.nbytes('big'::marsql.chunked_tensor);
		SELECT marsql.to_tensor('big'::marsql.chunked_tensor);
		SELECT 'result ' || marsql.shape('y'::marsql.chunked_tensor)::text;
		SELECT 'bands ' || count(*) || ' ' || bool_and(marsql.allclose(
			marsql.slice('y'::marsql.chunked_tensor, ARRAY[r0], ARRAY[least(r0 + 2000, 20000)]),
			marsql.matmul(marsql.slice('big'::marsql.chunked_tensor, ARRAY[r0, 0],
									   ARRAY[least(r0 + 2000, 20000), 20000]), x),
			1e-4, 1e-2))
		  FROM vec, generate_series(0, 19999, 2000) r0;
	}, on_error_stop => 0, extra_params => [ '-v', 'VERBOSITY=verbose' ]);
	like($out, qr/^bytes 1600000000$/m, 'the chunked tensor holds 1.6 GB');
	like($err, qr/ERROR:  54000: chunked_tensor block is too large for one tensor value/,
		'to_tensor of the 1.6 GB array fails with 54000');
	like($out, qr/^result \{20000\}$/m, 'matmul by a vector gives 20000 values');
	like($out, qr/^bands 10 true$/m,
		'every band of 2000 rows matches the in-value product of its slice');
	no_workers_left($node, 'after the 1.6 GB product', $quickly);
	dsm_freed($node, $quickly, 'after the 1.6 GB product', $baseline);
	$node->safe_psql('postgres', q{
		SELECT marsql.drop('big'::marsql.chunked_tensor), marsql.drop('y'::marsql.chunked_tensor);
		DROP TABLE vec});
}

# ---------------------------------------------- cancel and statement_timeout

my $operands = q{CREATE TEMP TABLE ops AS SELECT
	marsql.chunked_random('{6144,6144}', '{512,512}', 5) AS a,
	marsql.chunked_random('{6144,6144}', '{512,512}', 6) AS b};

{
	my $bg = start_bg($node, $operands, 'SET statement_timeout = 1000', '\timing on',
		q{SELECT marsql.matmul(a, b, target => 'timed_out') FROM ops},
		'RESET statement_timeout',
		q{SELECT 'target ' || coalesce(to_regclass('timed_out')::text, 'none')});
	finish_bg($bg);
	like($bg->{err}, qr/ERROR:  57014: canceling statement due to statement timeout/,
		'statement_timeout stops a chunked matmul');
	my ($ms) = $bg->{out} =~ /^Time: ([\d.]+) ms/m;
	ok(defined $ms && $ms < 1000 + 1000 * $quickly,
		sprintf('statement_timeout: the statement ended %.0f ms after it began', $ms // -1));
	like($bg->{out}, qr/^target none$/m, 'statement_timeout: the named target does not exist');
	no_workers_left($node, 'statement_timeout', $quickly);
	dsm_freed($node, $quickly, 'statement_timeout', $baseline);
}

{
	my $bg = start_bg($node, $operands,
		q{SELECT marsql.matmul(a, b, target => 'cancelled') FROM ops},
		q{SELECT 'target ' || coalesce(to_regclass('cancelled')::text, 'none')});
	# the product is running once its query is the session's and a worker is busy
	my $running = wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		$node->safe_psql('postgres', qq{
			SELECT count(*) FROM pg_stat_activity
			WHERE pid = $bg->{pid} AND query LIKE '%cancelled%'}) == 1
		  && busy_workers($node, 1, $bg->{pid}) >= 1;
	});
	ok($running, 'cancel: the product is running on workers');
	usleep(300_000);
	my $sent = time();
	$node->safe_psql('postgres', "SELECT pg_cancel_backend($bg->{pid})");
	wait_until($quickly, sub { $bg->{h}->pump_nb; $bg->{out} =~ /^target /m });
	my $took = time() - $sent;
	finish_bg($bg);
	like($bg->{err}, qr/ERROR:  57014: canceling statement due to user request/,
		'cancel stops a chunked matmul');
	ok($took < $quickly, sprintf('cancel: the statement ended %.2f s after the cancel', $took));
	like($bg->{out}, qr/^target none$/m, 'cancel: the named target does not exist');
	no_workers_left($node, 'cancel', $quickly);
	dsm_freed($node, $quickly, 'cancel', $baseline);
}

# ------------------------------------------------- ROLLBACK and session end

{
	my $out = $node->safe_psql('postgres', q{
		BEGIN;
		SELECT marsql.ntiles(marsql.chunked_ones('{300,300}', '{128,128}', target => 'rolled_back'));
		ROLLBACK;
		SELECT coalesce(to_regclass('rolled_back')::text, 'none'),
			   (SELECT count(*) FROM marsql.arrays WHERE storage::text = 'rolled_back');
	});
	is($out, "9\nnone|0", 'ROLLBACK leaves no result table and no catalog entry');

	my $pid = $node->safe_psql('postgres', q{
		SELECT marsql.ntiles(marsql.chunked_zeros('{300,300}', '{128,128}') OPERATOR(marsql.+) 1);
		SELECT pg_backend_pid();
	});
	($pid) = $pid =~ /(\d+)$/;
	my $left;
	wait_until($quickly, sub {
		$left = $node->safe_psql('postgres',
			"SELECT count(*) FROM pg_class WHERE relname LIKE 'marsql\\_chunk\\_${pid}\\_%'");
		$left == 0;
	});
	is($left, 0, 'the temporary tiles of a session are gone when it ends');
}

# ------------------------------------------- rows by query, default tiles

{
	# 65536-row tiles of 32 float64: the boundaries at rows 65536 and
	# 131072 fall inside the 1000-row batches the cursor is read in (rows
	# were lost there: 300000 rows made a 298144-row array)
	my $out = $node->safe_psql('postgres', q{
		CREATE TEMP TABLE wide AS SELECT i, ARRAY(SELECT (i * 32 + j)::float8 FROM generate_series(0, 31) j) AS v
			FROM generate_series(0, 139999) i;
		CREATE TEMP TABLE wide_c AS SELECT marsql.chunked_from_query('SELECT v FROM wide ORDER BY i') AS c;
		SELECT marsql.shape(c), marsql.tile_shape(c),
			marsql.sum(c)::text::float8 = (SELECT sum(x) FROM wide, unnest(v) x),
			(SELECT bool_and(marsql.slice(c, ARRAY[r, 0], ARRAY[r + 8, 32]) OPERATOR(marsql.=)
				marsql.tensor(ARRAY(SELECT v FROM wide WHERE i >= r AND i < r + 8 ORDER BY i)))
			 FROM (VALUES (0), (65530), (131068), (139992)) b(r))
		FROM wide_c});
	is($out, '{140000,32}|{65536,32}|t|t',
		'chunked_from_query keeps every row across default tiles: shape, sum and rows at the boundaries');
}

$node->stop;

done_testing();
