# The engine after a crash-restart, with marsql in shared_preload_libraries:
# - a backend killed (SIGKILL) in the middle of a fan-out, and a marsql
#   worker killed the same way, make the postmaster reinitialize shared
#   memory; afterwards fan-out, chunked matmul and k-NN jobs run (the
#   engine's progress slots are created anew in the new segment, not
#   looked for in the old one);
# - more jobs than there are progress slots, each in a new session, run
#   one after the other: a slot is released at the end of each job and at
#   exit, also when the session ends with FATAL (pg_terminate_backend) in
#   the middle of a job, whose workers then count no more against
#   marsql.max_workers_total;
# - marsql.progress shows the running job, and nothing once it is over.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $node = worker_node('crash', q{
shared_preload_libraries = 'marsql'
restart_after_crash = on
max_connections = 20
marsql.blas_threads = 1
marsql.max_workers_total = 2
});
$node->safe_psql('postgres', q{
	CREATE FUNCTION sq(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * x';
	CREATE FUNCTION slow(x int) RETURNS int LANGUAGE sql AS 'SELECT x FROM pg_sleep(0.3)';
	CREATE TABLE m AS SELECT
		marsql.chunked_random('{300,200}', '{100,100}', 1, target => 'ma') AS a,
		marsql.chunked_random('{200,150}', '{100,100}', 2, target => 'mb') AS b,
		marsql.chunked_random('{4000,16}', '{1000,16}', 3, 'normal', 'float32', 'mcorpus') AS corpus,
		marsql.random('{20,16}', 4, 'normal', 'float32') AS q;
	CREATE TABLE expected AS SELECT
		marsql.matmul(marsql.to_tensor(a), marsql.to_tensor(b)) AS product,
		(SELECT md5(string_agg(query || ':' || rank || ':' || id, ',' ORDER BY query, rank))
		 FROM marsql.knn(q, marsql.to_tensor(corpus), 5)) AS knn
	FROM m;
});

# fan-out on the workers, chunked matmul and chunked k-NN: one line each
my $jobs = q{
	SELECT marsql.map('sq(int)', ARRAY[1,2,3,4,5,6], 0);
	SELECT marsql.allclose(marsql.to_tensor(marsql.matmul(a, b)), product, 0, 1e-12) FROM m, expected;
	SELECT (SELECT md5(string_agg(query || ':' || rank || ':' || id, ',' ORDER BY query, rank))
			FROM marsql.knn(q, corpus, 5)) = knn FROM m, expected;
};
my $jobs_ok = "{1,4,9,16,25,36}\nt\nt";
is($node->safe_psql('postgres', $jobs), $jobs_ok, 'before any crash: fan-out, chunked matmul, k-NN');

# the job's leader is killed while its workers run its tasks
{
	my $offset = -s $node->logfile;
	my $bg = start_bg($node, q{SELECT marsql.map('slow(int)', array(SELECT generate_series(1, 40)), 0)});
	my @busy = busy_workers($node, 1, $bg->{pid});
	ok(@busy >= 1, 'a fan-out runs on the workers');
	like($node->safe_psql('postgres', q{SELECT kind || ':' || pid FROM marsql.progress}),
		qr/^map:$bg->{pid}$/, 'marsql.progress shows the job of the session');
	kill 'KILL', $bg->{pid};
	finish_bg($bg);
	restarted($node, $offset, 'a backend killed mid-job');
	is($node->safe_psql('postgres', 'SELECT count(*) FROM marsql.progress'), '0',
		'after the restart no job is shown');
	my ($ret, $out, $err) = $node->psql('postgres', $jobs);
	is($out, $jobs_ok, 'after the restart: fan-out, chunked matmul, k-NN run') or diag($err);
	unlike($err, qr/progress slot|background workers started/, 'with every slot and worker free')
	  or diag($err);
}

# a worker is killed while it runs a task
{
	my $offset = -s $node->logfile;
	my $bg = start_bg($node, q{SELECT marsql.map('slow(int)', array(SELECT generate_series(1, 40)), 0)});
	my @busy = busy_workers($node, 1, $bg->{pid});
	ok(@busy >= 1, 'a fan-out runs on the workers');
	kill 'KILL', $busy[0];
	finish_bg($bg);
	restarted($node, $offset, 'a worker killed mid-task');
	my ($ret, $out, $err) = $node->psql('postgres', $jobs);
	is($out, $jobs_ok, 'after the second restart: fan-out, chunked matmul, k-NN run') or diag($err);
}

# more jobs than slots, one session after another
{
	my $slots = $node->safe_psql('postgres', q{
		SELECT current_setting('max_connections')::int + current_setting('autovacuum_max_workers')::int + 1
			 + current_setting('max_worker_processes')::int + current_setting('max_wal_senders')::int});
	my $n = $slots + 5;
	# no idle workers kept (marsql.worker_idle_timeout): a session that
	# ended a moment ago may still hold its places while it exits
	my $script = join("\n\\c postgres\n",
		map { "SET marsql.worker_idle_timeout = 0;\nSELECT marsql.map('sq(int)', ARRAY[$_, $_ + 1], 0);" } 1 .. $n);
	my ($ret, $out, $err) = $node->psql('postgres', $script);
	my @results = $out =~ /^\{\d+,\d+\}$/mg;
	is(scalar(@results), $n, "$n jobs in $n sessions, one after another ($slots slots)") or diag($err);
	unlike($err, qr/ERROR|background workers started/, 'none failed, each had its workers') or diag($err);
}

# a session ended with FATAL mid-job: its slot and workers are released
{
	my $bg = start_bg($node, q{SELECT marsql.map('slow(int)', array(SELECT generate_series(1, 40)), 0)});
	my @busy = busy_workers($node, 2, $bg->{pid});
	is(scalar(@busy), 2, 'the job holds both workers of marsql.max_workers_total');
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($bg->{pid})");
	finish_bg($bg);
	like($bg->{err}, qr/terminating connection due to administrator command/, 'the session ended');
	no_workers_left($node, 'terminated session', 10);
	is($node->safe_psql('postgres', 'SELECT count(*) FROM marsql.progress'), '0', 'its job is gone from marsql.progress');
	my ($ret, $out, $err) = $node->psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1,2,3,4], 0)});
	is($out, '{1,4,9,16}', 'the next job runs');
	unlike($err, qr/background workers started/, 'with both workers: none is still counted for the ended session')
	  or diag($err);
}

$node->stop;
done_testing();
