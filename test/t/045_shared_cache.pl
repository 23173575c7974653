# The shared cache (docs/cache.md, "Shared cache") with chunked jobs on
# workers:
# - a chunked matmul reads each input tile exactly once per job (reads ==
#   distinct tiles), whichever of its processes needs it first, and its
#   product equals the unchunked one;
# - two sessions running jobs over the same storage at the same time each
#   read their own tiles (no job serves another's) and get right results;
# - a job cancelled half way (statement_timeout), a worker terminated mid
#   job, and a calling backend terminated while it holds pins leave no
#   pinned and no loading entry behind, and the next job works;
# - a worker killed with SIGKILL: after the crash restart the cache is a
#   new one, and works;
# - without shared_preload_libraries it works too;
# - a shared cache too small for one tile gives the same results.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

# (the value cache's shared tier is off: this test counts job tiles, and the
# stored product in "expected" would stay as a shared value; 050 tests that tier)
my $node = worker_node('shcache', q{
shared_preload_libraries = 'marsql'
restart_after_crash = on
marsql.blas_threads = 1
marsql.inline_below = 0
marsql.value_cache_shared = off
});
$node->restart;

# a and b: 16 tiles each (32 distinct); c and d: a longer job to interrupt
$node->safe_psql('postgres', q{
	SELECT marsql.chunked_random('{512,512}', '{128,128}', 1, target => 'a');
	SELECT marsql.chunked_random('{512,512}', '{128,128}', 2, target => 'b');
	CREATE TABLE expected AS SELECT marsql.matmul(marsql.to_tensor('a'::marsql.chunked_tensor),
		marsql.to_tensor('b'::marsql.chunked_tensor)) AS p;
	SELECT marsql.chunked_random('{2048,2048}', '{256,256}', 3, target => 'c');
	SELECT marsql.chunked_random('{2048,2048}', '{256,256}', 4, target => 'd');
	-- n products of a and b: how many were right and read each tile once
	CREATE FUNCTION jobs(n int) RETURNS text LANGUAGE plpgsql AS $$
	DECLARE
		good int := 0;
		reads bigint;
		want marsql.tensor := (SELECT p FROM expected);
	BEGIN
		FOR i IN 1..n LOOP
			IF marsql.allclose(marsql.to_tensor(marsql.matmul('a'::marsql.chunked_tensor,
					'b'::marsql.chunked_tensor)), want, 0, 1e-12) THEN
				SELECT tile_reads INTO reads FROM marsql.tile_cache_stats();
				IF reads = 32 THEN
					good := good + 1;
				END IF;
			END IF;
		END LOOP;
		RETURN good || '/' || n;
	END $$;
});

my $job = q{
	SELECT marsql.allclose(marsql.to_tensor(marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor)),
		p, 0, 1e-12) FROM expected;
	SELECT tile_reads, cache_hits > 0, executor_reads > 0 FROM marsql.tile_cache_stats();
};
my $job_ok = "t\n32|t|t";

# nothing pinned, loading or left of a job: a job's tiles go at its end
sub idle_cache
{
	my ($what) = @_;
	my $out;
	my $ok = wait_until(30, sub {
		$out = $node->safe_psql('postgres', q{SELECT pinned, entries FROM marsql.shared_cache_stats()});
		return $out eq '0|0';
	});
	ok($ok, "$what: no pinned, loading or left-over entry (pinned|entries: $out)");
}

# ------------------------------------------------- each tile read once per job

is($node->safe_psql('postgres', $job), $job_ok,
	'workers and caller read each of the 32 tiles once; the product equals the unchunked one');
my $out = $node->safe_psql('postgres', q{
	SELECT e FROM marsql.explain($$SELECT marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor)$$,
								 run => true) e WHERE e ~ 'tile reads'});
like($out, qr/^  tile reads: 32, cache hits: \d+ /m, 'explain shows the job-wide reads');
$out = $node->safe_psql('postgres', q{SELECT hits > 0, misses >= 64, size_limit FROM marsql.shared_cache_stats()});
is($out, 't|t|1073741824', 'the shared cache served the hits');
idle_cache('after two jobs');

# --------------------------------------------- two sessions at the same time

my $s1 = start_bg($node, q{SELECT 'one ' || jobs(15)});
my $s2 = start_bg($node, q{SELECT 'two ' || jobs(15)});
finish_bg($s1);
finish_bg($s2);
like($s1->{out}, qr/^one 15\/15$/m, 'session one: every job right, each reading its 32 tiles') or diag($s1->{err});
like($s2->{out}, qr/^two 15\/15$/m, 'session two: every job right, each reading its 32 tiles') or diag($s2->{err});
idle_cache('after concurrent sessions');

# ---------------------------------------------------------- a cancelled job

my ($rc, $stdout, $stderr) = $node->psql('postgres', q{
	SET statement_timeout = '300ms';
	SELECT marsql.matmul('c'::marsql.chunked_tensor, 'd'::marsql.chunked_tensor) IS NOT NULL});
like($stderr, qr/statement timeout/, 'a long job is cancelled by statement_timeout');
idle_cache('after a cancelled job');
is($node->safe_psql('postgres', $job), $job_ok, 'the next job works');

# ------------------------------------------------ a worker terminated mid-job

my $bg = start_bg($node, q{SELECT 'big ' || (marsql.matmul('c'::marsql.chunked_tensor, 'd'::marsql.chunked_tensor) IS NOT NULL)});
my @busy = busy_workers($node, 1, $bg->{pid});
ok(@busy >= 1, 'a worker runs a task of the long job');
$node->safe_psql('postgres', "SELECT pg_terminate_backend($busy[0])");
finish_bg($bg);
ok($bg->{out} =~ /^big true$/m || $bg->{err} =~ /ERROR/, 'the job ends (done again elsewhere, or failed)')
  or diag($bg->{err});
idle_cache('after a worker was terminated');
is($node->safe_psql('postgres', $job), $job_ok, 'the next job works');

# ----------------------------------- a caller terminated while it holds pins

$bg = start_bg($node, q{SELECT 'big ' || (marsql.matmul('c'::marsql.chunked_tensor, 'd'::marsql.chunked_tensor) IS NOT NULL)});
ok(wait_until(60, sub {
	$node->safe_psql('postgres', q{SELECT pinned > 0 FROM marsql.shared_cache_stats()}) eq 't';
}), 'the long job holds pinned tiles');
$node->safe_psql('postgres', "SELECT pg_terminate_backend($bg->{pid})");
finish_bg($bg);
like($bg->{err}, qr/terminat/, 'the calling backend was terminated');
idle_cache('after the caller was terminated');
is($node->safe_psql('postgres', $job), $job_ok, 'the next job works');

# ------------------------------------------- a shared cache too small for a tile

$node->append_conf('postgresql.conf', "marsql.shared_cache_size = '64kB'");
$node->reload;
ok(wait_until(30, sub { $node->safe_psql('postgres', 'SHOW marsql.shared_cache_size') eq '64kB' }),
	'the shared cache shrinks on reload');
$out = $node->safe_psql('postgres', q{
	SELECT marsql.shared_cache_reset();
	SELECT marsql.allclose(marsql.to_tensor(marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor)),
		p, 0, 1e-12) FROM expected;
	SELECT no_room > 0, pinned, entries FROM marsql.shared_cache_stats();
});
is($out, "\nt\nt|0|0", 'too small for one tile: stores refused, the same product from each process\'s own cache');
$node->append_conf('postgresql.conf', "marsql.shared_cache_size = '1GB'");
$node->reload;
ok(wait_until(30, sub { $node->safe_psql('postgres', 'SHOW marsql.shared_cache_size') eq '1GB' }),
	'the shared cache grows back on reload');
is($node->safe_psql('postgres', $job), $job_ok, 'then jobs read each tile once again');

# ------------------------------------------- SIGKILL of a worker: crash restart

my $before = $node->safe_psql('postgres', q{SELECT hits > 0 FROM marsql.shared_cache_stats()});
is($before, 't', 'the cache has counted hits before the crash');
my $offset = -s $node->logfile;
$bg = start_bg($node, q{SELECT marsql.matmul('c'::marsql.chunked_tensor, 'd'::marsql.chunked_tensor) IS NOT NULL});
@busy = busy_workers($node, 1, $bg->{pid});
ok(@busy >= 1, 'a worker runs a task of the long job');
kill 'KILL', $busy[0];
finish_bg($bg);
ok(wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
	slurp_file($node->logfile, $offset) =~ /all server processes terminated; reinitializing/;
}) && wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
	my ($ret) = $node->psql('postgres', 'SELECT 1');
	return $ret == 0;
}), 'the server restarted after the worker was killed');
is($node->safe_psql('postgres', q{SELECT hits, entries, pinned FROM marsql.shared_cache_stats()}), '0|0|0',
	'after the restart the shared cache is a new, empty one');
is($node->safe_psql('postgres', $job), $job_ok, 'and jobs read each tile once through it');
idle_cache('after the restart');
$node->stop;

# ------------------------------------------- without shared_preload_libraries

my $plain = worker_node('shcache_plain', q{
marsql.blas_threads = 1
marsql.inline_below = 0
marsql.value_cache_shared = off
});
$plain->safe_psql('postgres', q{
	SELECT marsql.chunked_random('{512,512}', '{128,128}', 1, target => 'a');
	SELECT marsql.chunked_random('{512,512}', '{128,128}', 2, target => 'b');
	CREATE TABLE expected AS SELECT marsql.matmul(marsql.to_tensor('a'::marsql.chunked_tensor),
		marsql.to_tensor('b'::marsql.chunked_tensor)) AS p;
});
is($plain->safe_psql('postgres', $job), $job_ok, 'without shared_preload_libraries: each tile read once, right product');
is($plain->safe_psql('postgres', q{SELECT hits > 0, pinned, entries FROM marsql.shared_cache_stats()}), 't|0|0',
	'without shared_preload_libraries: served from the shared cache, nothing left');
$plain->stop;

done_testing();
