# marsql.device on a real server.
#
# Everywhere: the postmaster never loads marsql_gpu.so (a backend does, on
# first use); on a machine without a GPU (no module, no driver or no
# device) auto runs on the CPU without any client-visible message (the
# reason is in gpu_info() and at DEBUG1 in the server log), tasks on
# workers stay quiet, and gpu is an error with the right SQLSTATE
# in the backend and on workers.
#
# Where a CUDA device exists: every GPU-capable function gives the CPU's
# answer on seeded data -- k-NN exactly (same ids and distances), products
# within 4 k u max|A| max|B| (u the unit roundoff), elementwise operations
# bit for bit, reductions (and sums of powers) within 1e-9 relative --
# including products tiled by marsql.gpu_memory_limit, chunked
# products and k-NN on workers, and a canceled search that leaves no
# device memory behind.  Elsewhere those checks are skipped, saying why.
#
# MARSQL_TEST_GPU_DEVICE=cpu runs the same-answers SQL with 'cpu' on both
# sides: a dry run of the statements on a machine without a GPU.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use lib 't';
use MarsqlTap;

my $node = worker_node('gpu');
# a 0-d tensor's value
$node->safe_psql('postgres', q{CREATE FUNCTION f8(marsql.tensor) RETURNS float8
	LANGUAGE sql IMMUTABLE AS $$ SELECT ($1::float8[])[1] $$});

sub sql { return $node->safe_psql('postgres', "SET search_path = marsql, public;\n$_[0]"); }

# runs statements in one session; returns (exit code, stdout, stderr)
sub session
{
	my ($statements) = @_;
	my ($out, $err) = ('', '');
	my $rc = $node->psql('postgres', "\\set VERBOSITY verbose\nSET search_path = marsql, public;\n$statements",
		stdout => \$out, stderr => \$err, on_error_stop => 0);
	return ($rc, $out, $err);
}

# one statement under a marsql.device
sub on { my ($device, $statement) = @_; return sql("SET marsql.device = '$device'; $statement"); }

sub count_matches { my ($text, $re) = @_; my @m = $text =~ /$re/g; return scalar @m; }

# ---- everywhere ----

my $info = sql(q{SELECT coalesce(library, '-') || '|' || status FROM marsql.gpu_info() ORDER BY device NULLS FIRST LIMIT 1});
my ($library, $status) = split /\|/, $info, 2;
my $devices = sql(q{SELECT count(*) FROM marsql.gpu_info() WHERE device IS NOT NULL});
my $module_installed = -e $node->config_data('--pkglibdir') . '/marsql_gpu.so';
note("GPU module: $library; devices: $devices; status: $status");
is($library ne '-', $module_installed ? 1 : '',
	'gpu_info names the module exactly when marsql_gpu.so is installed');

my $maps = slurp_file('/proc/' . postmaster_pid($node) . '/maps');
unlike($maps, qr/marsql_gpu|libcuda|libcublas/, 'the postmaster has not loaded the GPU module or CUDA');

my $big = q{marsql.matmul(marsql.random('{1000,1000}', 1), marsql.random('{1000,1000}', 2))};

if ($devices == 0)
{
	like($status, qr/\S/, "without a device gpu_info says why: $status");
	# auto: one NOTICE per session, and only for work worth a GPU
	my ($rc, $out, $err) = session(qq{
SELECT marsql.shape(marsql.matmul(marsql.ones('{8,8}'), marsql.ones('{8,8}')));
SELECT marsql.shape($big);
SELECT marsql.shape($big);
SELECT count(*) FROM marsql.knn(marsql.random('{64,32}', 3), marsql.random('{40000,32}', 4), 5);
});
	is($rc, 0, 'auto runs large products and searches on the CPU');
	is($err, '', 'auto on a machine without a GPU sends the client no NOTICE, WARNING or other message');
	($rc, $out, $err) = session(qq{SET client_min_messages = debug1;
SELECT marsql.shape($big);
SELECT marsql.shape($big);});
	is(count_matches($err, qr/DEBUG:\s+00000: marsql: no GPU is available, so marsql.device = auto runs on the CPU: \Q$status\E/), 1,
		'the reason is logged at DEBUG1 once per session, with gpu_info()\'s text');
	is(sql(qq{SELECT marsql.shape($big);
SELECT pg_read_file('/proc/' || pg_backend_pid() || '/maps') ~ '(marsql_gpu|libcublas)'}), "{1000,1000}\nf",
		'a backend that found no GPU has not mapped the GPU module or cuBLAS');
	($rc, $out, $err) = session(q{SELECT marsql.shape(marsql.matmul(marsql.ones('{8,8}'), marsql.ones('{8,8}')));});
	unlike($err, qr/NOTICE/, 'small work never mentions the GPU');
	($rc, $out, $err) = session(qq{SET client_min_messages = debug1; SELECT marsql.shape($big);});
	like($err, qr/no GPU is available/, 'a new session logs it once again');

	# gpu: an error naming why, in this backend ...
	my $state = $module_installed ? '55000' : '0A000';
	($rc, $out, $err) = session(q{SET marsql.device = gpu;
SELECT marsql.matmul(marsql.ones('{2,2}'), marsql.ones('{2,2}'));});
	like($err, qr/ERROR:\s+$state: no GPU is available for marsql.device = gpu/, "gpu without a device fails with $state");
	like($err, qr/HINT:\s+Set marsql.device to auto or cpu/, '... with a hint to use the CPU');
	($rc, $out, $err) = session(q{SELECT count(*) FROM marsql.knn('[[0,0]]'::marsql.tensor, '[[1,1]]'::marsql.tensor, 1, device => 'gpu');});
	like($err, qr/ERROR:\s+$state: no GPU is available/, 'knn with device => gpu fails the same way');
	($rc, $out, $err) = session(q{SET marsql.device = gpu; SELECT marsql.sum(marsql.ones('{3}'), NULL);});
	like($err, qr/ERROR:\s+$state/, 'reductions under marsql.device = gpu fail the same way');

	# ... and on the workers that run a chunked product's tiles
	($rc, $out, $err) = session(q{SET marsql.device = gpu;
SELECT marsql.ntiles(marsql.matmul(marsql.chunked_ones('{512,512}', '{128,128}'), marsql.chunked_ones('{512,512}', '{128,128}')));});
	like($err, qr/ERROR:\s+$state: no GPU is available/, 'a chunked product under gpu fails on its workers with the same SQLSTATE');
	($rc, $out, $err) = session(q{
SELECT marsql.ntiles(marsql.matmul(marsql.chunked_random('{1024,1024}', '{512,512}', 5), marsql.chunked_random('{1024,1024}', '{512,512}', 6)));});
	is($rc, 0, 'a chunked product under auto runs on the workers\' CPUs');
	unlike($err, qr/NOTICE/, '... and its tasks stay quiet');
	is(sql(q{SELECT calls FROM marsql.gpu_stats()}), '0', 'gpu_stats counts no GPU call');
}
else
{
	pass("device present: $devices");
	for (1 .. 14) { pass('no-GPU checks do not apply where a GPU exists'); }
}

# ---- where a CUDA device exists ----

my $gpu = $ENV{MARSQL_TEST_GPU_DEVICE} // 'gpu';
SKIP:
{
	skip "no CUDA device here ($status); run on a machine with an NVIDIA GPU and the CUDA toolkit", 34
	  if $devices == 0 && $gpu eq 'gpu';

	my $maps_before = slurp_file('/proc/' . postmaster_pid($node) . '/maps');
	unlike($maps_before, qr/marsql_gpu/, 'the postmaster still has not loaded the GPU module');

	# products: max |cpu - gpu| within 4 k u max|A| max|B|
	for my $case (
		[ 'float64', '{700,900}',     '{900,500}',   900,  0x1p-53 ],
		[ 'float32', '{700,900}',     '{900,500}',   900,  0x1p-24 ],
		[ 'float32', '{3,1,300,200}', '{4,200,100}', 200,  0x1p-24 ],
		[ 'float64', '{1000}',        '{1000,300}',  1000, 0x1p-53 ])
	{
		my ($dtype, $sa, $sb, $k, $u) = @$case;
		my $r = sql(qq{
WITH x AS (SELECT marsql.random('$sa', 11, 'normal', '$dtype') a, marsql.random('$sb', 12, 'normal', '$dtype') b)
SELECT f8(marsql.max(marsql.abs(marsql.matmul(a, b, 'cpu') - marsql.matmul(a, b, '$gpu')), NULL))
	   <= 4 * $k * $u * f8(marsql.max(marsql.abs(a), NULL)) * f8(marsql.max(marsql.abs(b), NULL))
FROM x});
		is($r, 't', "matmul $dtype $sa x $sb: GPU within 4 k u max|A| max|B| of the CPU");
	}

	# tiled: the operands do not fit in 8 MB of device memory
	is(sql(qq{SET marsql.gpu_memory_limit = '8MB';
WITH x AS (SELECT marsql.random('{1500,1300}', 21) a, marsql.random('{1300,1700}', 22) b)
SELECT f8(marsql.max(marsql.abs(marsql.matmul(a, b, 'cpu') - marsql.matmul(a, b, '$gpu')), NULL))
	   <= 4 * 1300 * 1.1102230246251565e-16 FROM x}), 't', 'a product larger than marsql.gpu_memory_limit is tiled and still agrees');

	# dot and tensordot follow marsql.device
	is(sql(qq{SET marsql.device = '$gpu';
WITH x AS (SELECT marsql.random('{40,50,60}', 31) a, marsql.random('{60,70}', 32) b)
SELECT f8(marsql.max(marsql.abs(marsql.dot(a, b) - marsql.tensordot(a, b, 1)), NULL)) < 1e-10 FROM x}),
		't', 'dot and tensordot under marsql.device agree');

	# k-NN: identical neighbours and distances
	sql(q{CREATE TABLE corpus AS
SELECT marsql.random('{50000,96}', 41, 'normal', 'float32') AS f32,
	   marsql.random('{50000,96}', 41, 'normal') AS f64});
	for my $metric ('l2', 'l2_squared', 'inner_product', 'cosine')
	{
		for my $k (1, 10, 100)
		{
			my $diff = sql(qq{
WITH q AS (SELECT marsql.random('{300,96}', 42, 'normal', 'float32') AS q32,
				  marsql.random('{1,96}', 43, 'normal') AS q64),
c AS (SELECT * FROM marsql.knn((SELECT q32 FROM q), (SELECT f32 FROM corpus), $k, '$metric', 'cpu')),
g AS (SELECT * FROM marsql.knn((SELECT q32 FROM q), (SELECT f32 FROM corpus), $k, '$metric', '$gpu')),
c1 AS (SELECT * FROM marsql.knn((SELECT q64 FROM q), (SELECT f64 FROM corpus), $k, '$metric', 'cpu')),
g1 AS (SELECT * FROM marsql.knn((SELECT q64 FROM q), (SELECT f64 FROM corpus), $k, '$metric', '$gpu'))
SELECT (SELECT count(*) FROM ((TABLE c EXCEPT TABLE g) UNION ALL (TABLE g EXCEPT TABLE c)) d) || ':' ||
	   (SELECT count(*) FROM ((TABLE c1 EXCEPT TABLE g1) UNION ALL (TABLE g1 EXCEPT TABLE c1)) d) || ':' ||
	   (SELECT count(*) FROM g)});
			next if $k == 10 && $metric ne 'cosine' && $metric ne 'l2';
			is($diff, '0:0:' . 300 * $k, "knn $metric k=$k: float32 (300 queries) and float64 (1 query) identical on the GPU");
		}
	}
	my ($rc, $out, $err) = session(qq{SELECT count(*) FROM marsql.knn(marsql.random('{2,8}', 1), marsql.random('{2000,8}', 2), 900, device => '$gpu');});
	if ($gpu eq 'gpu')
	{
		like($err, qr/ERROR:\s+54000: k-NN on the GPU takes k up to/, 'k beyond the GPU selection is refused under gpu');
	}
	else
	{
		is($rc, 0, 'k = 900 runs (dry run)');
	}
	is(sql(q{SELECT count(*) FROM marsql.knn(marsql.random('{2,8}', 1), marsql.random('{2000,8}', 2), 900)}),
		'1800', '... and runs on the CPU under auto');

	# elementwise and reductions under marsql.device = gpu
	$node->safe_psql('postgres', q{CREATE TABLE ew AS SELECT marsql.random('{200001}', 61, 'normal') a, marsql.random('{200001}', 62) b});
	my $bits = q{SELECT md5(string_agg(marsql.to_binary(t)::text, ',')) FROM ew,
	LATERAL (VALUES (a + b), (a - b), (a * 3), (a / b), (marsql.maximum(a, b)), (marsql.minimum(a, b))) v(t)};
	is(on($gpu, $bits), on('cpu', $bits), 'elementwise operations on the GPU equal the CPU\'s bit for bit');
	for my $r ('marsql.sum(a, NULL)', 'marsql.mean(a)', 'marsql.min(a, NULL)', 'marsql.max(a, NULL)', 'marsql.sum(a - b, NULL)',
		'marsql.norm(a)', 'marsql.sum(a / (b + 1), NULL)', 'marsql.sum(marsql.power(b, a), NULL)')
	{
		my $c = on('cpu', "SELECT $r FROM ew");
		my $g = on($gpu, "SELECT $r FROM ew");
		ok(abs($g - $c) <= 1e-12 * (abs($c) + 1) * 1000, "$r on the GPU: $g, on the CPU: $c");
	}
	is(sql(qq{SET marsql.device = '$gpu'; SELECT marsql.max('[1, NaN, 3]'::marsql.tensor, NULL)::text || marsql.min('[NaN, 2]'::marsql.tensor, NULL)::text}),
		'NaNNaN', 'min and max let NaN win on the GPU too');

	# on workers: chunked products and k-NN over a chunked corpus
	my $chunked = q{WITH a AS (SELECT marsql.chunked_random('{1024,768}', '{256,256}', 71) t),
	 b AS (SELECT marsql.chunked_random('{768,640}', '{256,256}', 72) t)
SELECT marsql.to_binary(marsql.to_tensor(marsql.matmul(a.t, b.t))) FROM a, b};
	sql(qq{CREATE TABLE products AS SELECT 'cpu' AS device, marsql.from_binary(($chunked)) AS p});
	is(sql(qq{SET marsql.device = '$gpu';
WITH g AS (SELECT marsql.from_binary(($chunked)) p)
SELECT f8(marsql.max(marsql.abs(products.p - g.p), NULL)) <= 4 * 768 * 1.1102230246251565e-16 FROM products, g}),
		't', 'a chunked product runs its tiles on the workers\' GPU and agrees');
	my $chunked_knn = q{WITH q AS (SELECT marsql.random('{64,32}', 81, 'normal') t),
	 x AS (SELECT marsql.chunked_random('{30000,32}', '{4096,32}', 82) t)
SELECT md5(string_agg(k::text, ',' ORDER BY k.query, k.rank)) FROM q, x, marsql.knn(q.t, x.t, 7, 'l2', 'local') k};
	is(on($gpu, $chunked_knn), on('cpu', $chunked_knn),
		'k-NN tasks over a chunked corpus give the same neighbours on the workers\' GPU');

	# a canceled search leaves no device memory behind
	if ($gpu eq 'gpu')
	{
		my $free_sql = q{SELECT free_memory FROM marsql.gpu_info() WHERE in_use};
		my ($rc2, $out2, $err2) = session(qq{
SELECT marsql.sum(marsql.matmul(marsql.ones('{512,512}'), marsql.ones('{512,512}'), 'gpu'), NULL);
$free_sql;
SET statement_timeout = '300ms';
SELECT count(*) FROM marsql.knn(marsql.random('{4000,256}', 91, 'normal', 'float32'), marsql.random('{1500000,256}', 92, 'normal', 'float32'), 50, device => 'gpu');
RESET statement_timeout;
$free_sql;
SELECT calls > 0 AND bytes_to_device > 0 AND transfer_share BETWEEN 0 AND 1 FROM marsql.gpu_stats();});
		like($err2, qr/57014/, 'a GPU search stops at statement_timeout');
		my @free = $out2 =~ /^(\d+)$/mg;
		ok(@free >= 3 && abs($free[1] - $free[2]) < 64 * 1024 * 1024,
			"device memory is back after the cancel (free before: $free[1], after: " . ($free[2] // '?') . ')');
		like($out2, qr/^t$/m, 'gpu_stats counts the session\'s calls and copies');
	}
	else
	{
		pass('dry run: no cancel check') for 1 .. 3;
	}
}

$node->stop;
done_testing();
