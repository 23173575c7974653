# The engine's cumulative statistics (marsql.stat_tasks, marsql.stat_engine)
# with marsql in shared_preload_libraries:
# - counts of one session's jobs are seen from another session;
# - they survive a clean restart (saved at shutdown, loaded at start, with
#   the same stats_reset), and a reset survives it too;
# - a saved file that is corrupt, of another format or not ours is ignored
#   with a LOG line, and the server starts with zeroes;
# - after an immediate shutdown, and after a crash restart (a worker
#   killed with SIGKILL mid-task), they start at zero and the view works;
# - a worker terminated mid-task: its idempotent task runs again (retried),
#   a VOLATILE one fails, counted by the leader since the worker could not;
# - a peer's tasks are counted by the caller as executor "peer" (the peer
#   counts nothing for them), and those lost with a stopped peer are retried.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $node = worker_node('stats', q{
shared_preload_libraries = 'marsql'
restart_after_crash = on
marsql.blas_threads = 1
marsql.worker_idle_timeout = 0
});
$node->safe_psql('postgres', q{
	CREATE FUNCTION sq(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * x';
	CREATE FUNCTION slow_stable(x int) RETURNS int LANGUAGE sql STABLE AS 'SELECT x FROM pg_sleep(0.3)';
	CREATE FUNCTION slow(x int) RETURNS int LANGUAGE sql AS 'SELECT x FROM pg_sleep(0.3)';
});
my $file = $node->data_dir . '/pg_stat/marsql_task_stats.stat';

sub calls
{
	my ($executor) = @_;
	return $node->safe_psql('postgres', qq{
		SELECT coalesce(sum(tasks), 0) || '/' || coalesce(sum(failed), 0) || '/' || coalesce(sum(retried), 0)
		FROM marsql.stat_tasks WHERE executor = '$executor' AND task_kind = 'marsql call'});
}

sub stats_reset
{
	return $node->safe_psql('postgres', q{SELECT stats_reset FROM marsql.stat_engine});
}

# ------------------------------------------------- another session, restart

$node->safe_psql('postgres', q{SELECT marsql.stat_tasks_reset()});
$node->safe_psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1,2,3,4,5,6], 0)});
$node->safe_psql('postgres', q{SET marsql.max_workers = 0; SELECT marsql.map('sq(int)', ARRAY[1,2,3], 0)});
is(calls('worker'), '6/0/0', 'another session sees the worker tasks of a fan-out');
is(calls('backend'), '3/0/0', 'and those of one run in its calling backend');
is($node->safe_psql('postgres', q{SELECT jobs || '/' || workers_started FROM marsql.stat_engine}),
	'2/2', 'and both jobs, the first with its two workers started');
my $reset = stats_reset();
my $before = $node->safe_psql('postgres',
	q{SELECT string_agg(concat_ws(':', executor, task_kind, tasks, failed, retried, bytes_in, bytes_out, total_time, min_time, max_time), ',' ORDER BY executor, task_kind) FROM marsql.stat_tasks});

$node->restart;
ok(!-e $file, 'the saved statistics are read at start-up and their file removed');
is($node->safe_psql('postgres',
	q{SELECT string_agg(concat_ws(':', executor, task_kind, tasks, failed, retried, bytes_in, bytes_out, total_time, min_time, max_time), ',' ORDER BY executor, task_kind) FROM marsql.stat_tasks}),
	$before, 'a clean restart keeps every counter');
is(stats_reset(), $reset, 'and the time of the last reset');
is($node->safe_psql('postgres', q{SELECT jobs FROM marsql.stat_engine}), '2', 'and the job counters');

# a reset, then a restart: still reset
$node->safe_psql('postgres', q{SELECT marsql.stat_tasks_reset()});
my $reset2 = stats_reset();
isnt($reset2, $reset, 'a reset moves stats_reset');
$node->restart;
is($node->safe_psql('postgres', q{SELECT count(*) FROM marsql.stat_tasks}), '0', 'a reset survives a clean restart');
is(stats_reset(), $reset2, 'with its time');

# ------------------------------------------------ a file we cannot trust

sub start_with_file
{
	my ($what, $mangle, $log_pattern) = @_;
	$node->safe_psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1,2,3], 0)});
	$node->stop;
	ok(-e $file, "$what: a clean shutdown saved the statistics");
	open(my $fh, '+<:raw', $file) or die "$file: $!";
	my $data = do { local $/; <$fh> };
	$data = $mangle->($data);
	seek($fh, 0, 0);
	truncate($fh, 0);
	print $fh $data;
	close $fh;
	my $offset = -s $node->logfile;
	$node->start;
	is($node->safe_psql('postgres', q{SELECT count(*) FROM marsql.stat_tasks}), '0',
		"$what: the server starts with no counts");
	like(slurp_file($node->logfile, $offset), $log_pattern, "$what: a LOG line says why");
	ok(!-e $file, "$what: the file is gone");
}

start_with_file('a flipped byte', sub { my ($d) = @_; substr($d, 40, 1) = chr(ord(substr($d, 40, 1)) ^ 0xff); $d },
	qr/LOG:  marsql: ignoring the saved task statistics in "pg_stat\/marsql_task_stats.stat": its checksum does not match/);
start_with_file('another format', sub { my ($d) = @_; substr($d, 4, 4) = pack('L', 99); $d },
	qr/ignoring the saved task statistics .*: it has format 99, this marsql reads format 1/);
start_with_file('a truncated file', sub { my ($d) = @_; substr($d, 0, length($d) - 10) },
	qr/ignoring the saved task statistics .*: its length does not match its rows/);
start_with_file('not a statistics file', sub { 'x' x 300 },
	qr/ignoring the saved task statistics .*: it is not a marsql statistics file/);
start_with_file('an empty file', sub { '' },
	qr/ignoring the saved task statistics .*: its size is wrong/);

# ------------------------------------------------ immediate stop, crash

$node->safe_psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1,2,3], 0)});
is(calls('worker'), '3/0/0', 'counted before an immediate shutdown');
{
	$node->stop('immediate');
	my $offset = -s $node->logfile;
	$node->start;
	is(calls('worker'), '0/0/0', 'after an immediate shutdown the counters start at zero');
	like(slurp_file($node->logfile, $offset), qr/ignoring the saved task statistics .*: the server did not shut down cleanly/,
		'what an immediate shutdown saved is not loaded');
}

$node->safe_psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1,2,3], 0)});
{
	my $offset = -s $node->logfile;
	my $bg = start_bg($node, q{SELECT marsql.map('slow(int)', array(SELECT generate_series(1, 40)), 0)});
	my @busy = busy_workers($node, 1);
	ok(@busy >= 1, 'a fan-out runs on the workers');
	kill 'KILL', $busy[0];
	finish_bg($bg);
	restarted($node, $offset, 'a worker killed with SIGKILL mid-task');
	is($node->safe_psql('postgres', q{SELECT count(*) || '/' || coalesce(sum(tasks), 0) FROM marsql.stat_tasks}),
		'0/0', 'after the crash restart the view answers, from zero');
	is($node->safe_psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1,2,3,4], 0)}), '{1,4,9,16}', 'jobs run');
	is(calls('worker'), '4/0/0', 'and are counted again');
}

# ------------------------------------------- a worker terminated mid-task

$node->safe_psql('postgres', q{SELECT marsql.stat_tasks_reset()});
{
	# a STABLE call is idempotent: it runs again elsewhere
	my $bg = start_bg($node, q{SELECT 'calls:' || array_length(marsql.map('slow_stable(int)', array(SELECT generate_series(1, 8)), 0), 1)});
	my @busy = busy_workers($node, 1);
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($busy[0])");
	finish_bg($bg);
	like($bg->{out}, qr/^calls:8$/m, 'a terminated worker\'s STABLE call runs again') or diag($bg->{err});
	my ($tasks, $failed, $retried) = split m{/}, calls('worker');
	my ($in_backend) = split m{/}, calls('backend');
	is($retried, 1, 'the lost call is counted as retried, once');
	is($failed, 0, 'and not as failed');
	is($tasks + $in_backend, 8, 'every call ran to the end once');
}
$node->safe_psql('postgres', q{SELECT marsql.stat_tasks_reset()});
{
	# a VOLATILE call is not run again: it fails, counted by the leader
	my $bg = start_bg($node, q{SELECT 'calls:' || array_length(marsql.map('slow(int)', array(SELECT generate_series(1, 8)), 0), 1)});
	my @busy = busy_workers($node, 1);
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($busy[0])");
	finish_bg($bg);
	like($bg->{err}, qr/57P01/, 'a terminated worker\'s VOLATILE call fails the map');
	my ($tasks, $failed, $retried) = split m{/}, calls('worker');
	is($failed, 1, 'it is counted as failed on its worker');
	is($retried, 0, 'not retried');
	is($node->safe_psql('postgres', q{SELECT jobs_failed FROM marsql.stat_engine}), '1', 'the job as failed');
}

# ------------------------------------------------------------------ peers

my $peer = worker_node('stats_peer', "marsql.blas_threads = 1\nmarsql.worker_idle_timeout = 0\n");
$peer->safe_psql('postgres', q{
	CREATE FUNCTION sq(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * x';
	CREATE FUNCTION slow_stable(x int) RETURNS int LANGUAGE sql STABLE AS 'SELECT x FROM pg_sleep(0.3)';
});
$node->safe_psql('postgres', sprintf(q{
	CREATE SERVER p1 FOREIGN DATA WRAPPER marsql
		OPTIONS (host '%s', port '%d', dbname 'postgres', capacity '2', connect_timeout '3');
	CREATE USER MAPPING FOR CURRENT_USER SERVER p1;
}, $peer->host, $peer->port));
$node->safe_psql('postgres', q{SELECT marsql.stat_tasks_reset()});
is($node->safe_psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1,2,3,4,5], 0, executors => 'peers')}),
	'{1,4,9,16,25}', 'a fan-out on the peer');
is(calls('peer'), '5/0/0', 'the caller counts its calls as executor "peer"');
ok($node->safe_psql('postgres', q{SELECT peer_connections FROM marsql.stat_engine}) >= 1,
	'and the peer connections it opened');
is($peer->safe_psql('postgres', q{SELECT count(*) FROM marsql.stat_tasks}), '0',
	'the peer counts nothing for the tasks it ran for the caller');
{
	my $bg = start_bg($node, q{SET marsql.executors = 'all'},
		q{SELECT 'calls:' || array_length(marsql.map('slow_stable(int)', array(SELECT generate_series(1, 20)), 0), 1)});
	ok(wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		$peer->safe_psql('postgres', q{SELECT count(*) FROM pg_stat_activity
			WHERE state = 'active' AND query LIKE 'SELECT marsql.peer_run_task%'}) > 0;
	}), 'the peer runs a call');
	$peer->stop('immediate');
	finish_bg($bg);
	like($bg->{out}, qr/^calls:20$/m, 'the peer stopped: its calls run again on local workers') or diag($bg->{err});
	my (undef, undef, $retried) = split m{/}, calls('peer');
	ok($retried >= 1, "the calls lost with the peer are counted as retried ($retried)");
	my $all = $node->safe_psql('postgres', q{SELECT sum(tasks) FROM marsql.stat_tasks WHERE task_kind = 'marsql call'});
	is($all, 25, 'every call ran to the end once, on some executor');
}

$node->stop;
done_testing();
