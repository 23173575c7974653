# Exact k-NN at sizes where memory and time matter:
# - a chunked corpus of 1,000,000 x 64 float32 (256 MB) searched by 200
#   queries: the calling backend's and the workers' private memory stay far
#   below the corpus (peaks sampled and printed), and the answers match a
#   search of the same rows as one tensor, slice by slice;
# - a table corpus searched with work_mem = 64kB, so the queries go in many
#   blocks, each a rescan of the table: the same rows as with the default;
# - a knn_join of a 20,000-row chunked tensor with itself: every row's
#   nearest neighbour is itself, k rows per query;
# - statement_timeout and cancel stop a search over a table and over a
#   chunked tensor promptly, leaving no worker and no DSM segment behind.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

# seconds: how long a stopped search may take to give its workers back
my $quickly = 10;

# the shared cache's DSM segments live as long as the server, and the
# checks below count a job's own segments: it is off here (its cancel
# cases are in 045_shared_cache.pl)
my $node = worker_node('knn', q{
marsql.blas_threads = 1
marsql.shared_cache_size = 0
});
my $baseline = dsm_segments($node);

$node->safe_psql('postgres', q{
	CREATE TABLE data AS SELECT
		marsql.random('{200,64}', 1, 'normal', 'float32') AS q,
		marsql.chunked_random('{1000000,64}', '{65536,64}', 2, 'normal', 'float32', 'big') AS big;
	CREATE TABLE items AS SELECT "row" AS id, "values"::real[] AS emb
		FROM marsql.rows(marsql.random('{100000,32}', 3, 'normal', 'float32'));
	CREATE TABLE small AS SELECT marsql.random('{300,32}', 4, 'normal', 'float32') AS q;
});

# ------------------------------------------------ 256 MB chunked corpus

{
	my ($bg, $peak) = run_sampled($node,
		q{CREATE TABLE found AS SELECT k.* FROM data, marsql.knn(q, big, 10) k});
	# the same search slice by slice as tensors, merged by rank
	my $out = $node->safe_psql('postgres', q{
		SELECT 'rows ' || count(*) FROM found;
		SELECT 'differ ' || count(*) FROM (
			(SELECT query, rank, id, distance FROM found)
			EXCEPT
			(SELECT query, (row_number() OVER (PARTITION BY query ORDER BY distance, id))::int, id, distance
			 FROM (SELECT k.query, k.id + s.lo AS id, k.distance
				   FROM data, generate_series(0, 999999, 250000) s(lo),
						marsql.knn(q, marsql.slice(big, ARRAY[s.lo, 0], ARRAY[s.lo + 250000, 64]), 10) k) p
			 ORDER BY 1)) d
		 WHERE rank <= 10});
	like($out, qr/^rows 2000$/m, '200 queries x k = 10 over a 1,000,000-row chunked corpus')
	  or diag($bg->{err});
	like($out, qr/^differ 0$/m, 'the same neighbours as tensor searches of its slices');
	diag(sprintf('knn over 256 MB: peak backend %d MB anonymous + %d MB shared, '
		  . 'peak worker %d MB anonymous + %d MB shared',
		$peak->{backend_anon}, $peak->{backend_shared}, $peak->{worker_anon}, $peak->{worker_shared}));
	cmp_ok($peak->{backend_anon}, '>', 0, 'the backend was sampled');
	cmp_ok($peak->{worker_anon}, '>', 0, 'the workers were sampled');
	cmp_ok($peak->{backend_anon}, '<', 200, 'the backend stays under 200 MB of private memory');
	cmp_ok($peak->{worker_anon}, '<', 64, 'each worker stays under 64 MB of private memory');
}

# ------------------------------------------- many query blocks (work_mem)

{
	my $sql = q{SELECT md5(string_agg(query || ':' || rank || ':' || id || ':' || distance, ','
									ORDER BY query, rank))
				FROM small, marsql.knn(q, 'items', 'emb', 'id', 25, 'cosine') k};
	my $default = $node->safe_psql('postgres', $sql);
	my $blocks = $node->safe_psql('postgres', "SET work_mem = '64kB'; $sql");
	is($blocks, $default, 'work_mem = 64kB: queries in blocks give the same rows');
	is($node->safe_psql('postgres',
		q{SET work_mem = '64kB'; SELECT count(*) FROM small, marsql.knn(q, 'items', 'emb', 'id', 25) k}),
		'7500', 'every query gets k rows');
}

# ------------------------------------------------------- knn_join, self

{
	my $out = $node->safe_psql('postgres', q{
		SET work_mem = '64kB';
		SELECT marsql.chunk(marsql.random('{20000,16}', 5, 'normal', 'float32'), '{3000,16}', 'pts');
		SELECT count(*), count(*) FILTER (WHERE rank = 1 AND (id <> query OR distance <> 0)),
			   count(DISTINCT query)
		FROM marsql.knn_join('pts'::marsql.chunked_tensor, 'pts'::marsql.chunked_tensor, 4)});
	like($out, qr/^80000\|0\|20000$/m, 'knn_join of 20,000 rows with themselves: each row nearest to itself');
}

# ---------------------------------------------- cancel and statement_timeout

for my $case (['table', q{SELECT count(*) FROM small, marsql.knn(marsql.concatenate(ARRAY[q, q, q, q, q, q, q, q, q, q]), 'items', 'emb', 'id', 10) k}],
	['chunked', q{SELECT count(*) FROM data, marsql.knn(marsql.concatenate(ARRAY[q, q, q, q, q]), big, 10) k}])
{
	my ($what, $search) = @$case;
	my $bg = start_bg($node, 'SET statement_timeout = 500', '\timing on', $search);
	finish_bg($bg);
	like($bg->{err}, qr/ERROR:  57014: canceling statement due to statement timeout/,
		"statement_timeout stops a search over a $what");
	my ($ms) = $bg->{out} =~ /^Time: ([\d.]+) ms/m;
	ok(defined $ms && $ms < 500 + 1000 * $quickly,
		sprintf("statement_timeout ($what): the statement ended %.0f ms after it began", $ms // -1));
	no_workers_left($node, "statement_timeout ($what)", $quickly);
	dsm_freed($node, $quickly, "statement_timeout ($what)", $baseline);

	$bg = start_bg($node, '\timing on', $search);
	# the search itself must be running: a worker of the timed-out search
	# above can still show as active while it winds down, and a cancel that
	# reaches the session before the statement begins cancels nothing
	wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		$node->safe_psql('postgres',
			"SELECT state = 'active' AND query LIKE '%marsql.knn%' FROM pg_stat_activity WHERE pid = $bg->{pid}") eq 't';
	});
	busy_workers($node, 1, $bg->{pid});
	my $start = time();
	$node->safe_psql('postgres', "SELECT pg_cancel_backend($bg->{pid})");
	finish_bg($bg);
	like($bg->{err}, qr/ERROR:  57014: canceling statement due to user request/,
		"cancel stops a search over a $what");
	cmp_ok(time() - $start, '<', $quickly, "cancel ($what): the session answered promptly");
	no_workers_left($node, "cancel ($what)", $quickly);
	dsm_freed($node, $quickly, "cancel ($what)", $baseline);
}

$node->stop;
done_testing();
