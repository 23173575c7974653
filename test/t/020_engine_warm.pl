# Workers that outlive one statement (marsql.worker_idle_timeout,
# docs/engine.md): after a job that ended cleanly the session keeps its
# workers, idle, and its next job reuses them (the same pids, no start-up);
# a reused worker runs with the caller's current identity and settings
# (after SET work_mem, SET search_path or SET ROLE the pool is retired and
# new workers take on the new ones); idle workers exit on their own after
# the timeout and give their places under marsql.max_workers_total back;
# they count against that cap while idle; a job that fails or is cancelled
# stops its workers as before; the session's end stops its idle workers;
# with the timeout 0, workers live for one job.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $gone_within = 10;

my $node = worker_node('warm', "marsql.max_workers_total = 2\n");
$node->safe_psql('postgres', q{
	CREATE FUNCTION wpid(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT pg_backend_pid()';
	CREATE FUNCTION wsee(x int) RETURNS text LANGUAGE sql STABLE
		AS $$SELECT current_user || '/' || current_setting('work_mem') || '/' || current_setting('search_path')$$;
	CREATE FUNCTION boom(x int) RETURNS int LANGUAGE plpgsql AS $$
	BEGIN IF x = 2 THEN RAISE EXCEPTION 'boom %', x; END IF; RETURN x; END $$;
	CREATE FUNCTION slow(x int) RETURNS int LANGUAGE plpgsql VOLATILE AS $$
	BEGIN PERFORM pg_sleep(x); RETURN x; END $$;
	CREATE TABLE written(x int);
	CREATE FUNCTION writer(x int) RETURNS int LANGUAGE sql AS 'INSERT INTO written VALUES (x) RETURNING x';
	CREATE SCHEMA other;
	CREATE ROLE alice;
	GRANT USAGE ON SCHEMA marsql TO alice;
});

# distinct pids in "{1,2,1}"
sub pids
{
	my ($arr) = @_;
	my %seen = map { $_ => 1 } ($arr =~ /(\d+)/g);
	return sort { $a <=> $b } keys %seen;
}

my $workers_sql = q{SELECT 'W:' || coalesce(string_agg(pid::text, ',' ORDER BY pid), '')
	FROM pg_stat_activity WHERE backend_type = 'marsql worker'};
my $map8 = q{SELECT 'M:' || marsql.map('wpid(int)', array_fill(1, ARRAY[8]), NULL::int)::text};
my $see  = q{SELECT 'S:' || array_to_string(marsql.map('wsee(int)', ARRAY[1, 2], NULL::text), ' ')};

# ------------------------------------------------ reuse in one session
{
	my $bg = start_bg($node,
		"SET marsql.worker_idle_timeout = '3s'",
		$map8, 'SELECT pg_sleep(0.5)', $workers_sql,
		$map8, $workers_sql,
		"SET work_mem = '7MB'", $see,
		'SET search_path = other, public', $see,
		'SET ROLE alice', $see, 'RESET ROLE', 'RESET search_path',
		# idle past the timeout: the workers exit on their own
		'SELECT pg_sleep(4.5)', $workers_sql,
		$map8);
	finish_bg($bg);
	my @m = $bg->{out} =~ /^M:(.*)$/mg;
	my @w = $bg->{out} =~ /^W:(.*)$/mg;
	my @s = $bg->{out} =~ /^S:(.*)$/mg;
	is($bg->{err} =~ /ERROR/ ? $bg->{err} : '', '', 'reuse: no error');
	my @idle = split /,/, $w[0] // '';
	ok(@idle >= 1 && @idle <= 2, 'reuse: after the first statement its workers wait, idle (' . join(',', @idle) . ')');
	my %idle = map { $_ => 1 } @idle;
	my @second = pids($m[1] // '');
	ok(@second && !grep({ !$idle{$_} } @second),
		'reuse: the second statement ran on those same workers (' . join(',', @second) . ')');
	is($w[1], $w[0], 'reuse: and they are still there, the same ones');
	is($s[0], 'postgres/7MB/"$user", public postgres/7MB/"$user", public',
		'reuse: after SET work_mem a call sees the new value');
	is($s[1], 'postgres/7MB/other, public postgres/7MB/other, public',
		'reuse: after SET search_path a call sees the new path');
	is($s[2], 'alice/7MB/other, public alice/7MB/other, public', 'reuse: after SET ROLE a call runs as the role');
	is($w[2], '', 'idle timeout: the idle workers exited on their own');
	my @third = pids($m[2] // '');
	ok(@third >= 1 && !grep({ $idle{$_} } @third), 'idle timeout: the next statement started new workers');
	like($bg->{err}, qr/^$/, 'idle timeout: no NOTICE, both workers available again');
}
no_workers_left($node, 'session end', $gone_within);

# ------------------------------------ idle workers count against the cap
{
	# the first session keeps its two workers idle for 30 s: the cap
	# (marsql.max_workers_total = 2) leaves none to another session
	my $holder = start_bg($node, "SET marsql.worker_idle_timeout = '30s'",
		$map8, 'SELECT pg_sleep(60)');
	ok(wait_until(10, sub { $holder->{h}->pump_nb; $holder->{out} =~ /^M:/m }), 'cap: the holder ran its job');
	my ($ret, $out, $err) = $node->psql('postgres',
		q{SELECT count(DISTINCT p) FROM unnest(marsql.map('wpid(int)', ARRAY[1, 2], NULL::int)) p});
	like($err, qr/0 of 2 background workers started, running its tasks in this backend/,
		'cap: idle workers of another session hold the places of marsql.max_workers_total');
	# the holder's session ends: its idle workers go with it
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($holder->{pid})");
	finish_bg($holder);
	no_workers_left($node, 'cap: the holder ended', $gone_within);
	($ret, $out, $err) = $node->psql('postgres',
		q{SET marsql.worker_idle_timeout = 0;
		  SELECT count(DISTINCT p) FROM unnest(marsql.map('wpid(int)', ARRAY[1, 2, 3, 4], NULL::int)) p});
	unlike($err, qr/background workers started/, 'cap: the places are free again');
}
no_workers_left($node, 'timeout 0: workers live for one job', $gone_within);

# ------------------------------------ an idle worker gives its place back
{
	my $holder = start_bg($node, "SET marsql.worker_idle_timeout = '1s'",
		$map8, 'SELECT pg_sleep(60)');
	ok(wait_until(10, sub { $holder->{h}->pump_nb; $holder->{out} =~ /^M:/m }), 'give back: the holder ran its job');
	ok(wait_until($gone_within, sub { stat_workers($node) == 0 }),
		'give back: its idle workers exited after the timeout, the session still open');
	my ($ret, $out, $err) = $node->psql('postgres',
		q{SET marsql.worker_idle_timeout = 0;
		  SELECT count(DISTINCT p) FROM unnest(marsql.map('wpid(int)', ARRAY[1, 2, 3, 4], NULL::int)) p});
	unlike($err, qr/background workers started/,
		'give back: another session gets both places of marsql.max_workers_total');
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($holder->{pid})");
	finish_bg($holder);
}

# ------------------------------- a failed or cancelled job stops its workers
{
	my $bg = start_bg($node, "SET marsql.worker_idle_timeout = '30s'",
		$map8,
		q{SELECT marsql.map('boom(int)', ARRAY[1, 2, 3, 4], NULL::int)},
		'SELECT pg_sleep(60)');
	ok(wait_until(10, sub { $bg->{h}->pump_nb; $bg->{err} =~ /boom 2/ }), 'failed job: the error came');
	no_workers_left($node, 'failed job: its workers are stopped, none kept idle', $gone_within);
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($bg->{pid})");
	finish_bg($bg);
}
{
	my $bg = start_bg($node, "SET marsql.worker_idle_timeout = '30s'",
		$map8, "SET statement_timeout = '300ms'",
		q{SELECT marsql.map('slow(int)', ARRAY[5, 5], NULL::int)},
		'RESET statement_timeout', 'SELECT pg_sleep(60)');
	ok(wait_until(10, sub { $bg->{h}->pump_nb; $bg->{err} =~ /statement timeout/ }), 'cancelled job: stopped by statement_timeout');
	no_workers_left($node, 'cancelled job: its workers are stopped', $gone_within);
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($bg->{pid})");
	finish_bg($bg);
}

# ------------------------------------------- a read-only caller after a job
{
	my $bg = start_bg($node, "SET marsql.worker_idle_timeout = '30s'",
		$map8, 'BEGIN READ ONLY',
		q{SELECT marsql.map('writer(int)', ARRAY[1, 2], NULL::int)}, 'ROLLBACK',
		q{SELECT 'R:' || count(*) FROM written});
	finish_bg($bg);
	like($bg->{err}, qr/ERROR:  25006: cannot execute INSERT in a read-only transaction/,
		'read-only caller: a call after a job that kept its workers runs read-only');
	like($bg->{out}, qr/^R:0$/m, 'read-only caller: nothing was written');
}

# --------------------------------------- an idle worker that was killed
{
	my $bg = start_bg($node, "SET marsql.worker_idle_timeout = '30s'",
		$map8, 'SELECT pg_sleep(3)', $map8, 'SELECT pg_sleep(3)', $map8);
	my $outputs = sub { $bg->{h}->pump_nb; my @m = $bg->{out} =~ /^M:/mg; return scalar @m; };
	ok(wait_until(15, sub { $outputs->() >= 1 }), 'killed idle worker: the first statement ran');
	# the session's own (the workers of the session before may still be exiting)
	my @idle = grep { worker_leader($_) == $bg->{pid} } split /,/, $node->safe_psql('postgres',
		q{SELECT string_agg(pid::text, ',' ORDER BY pid) FROM pg_stat_activity WHERE backend_type = 'marsql worker'});
	# one of them goes: the next statement does not use it (the pool has
	# fewer workers than the job wants: new ones start)
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($idle[0])") if @idle;
	ok(wait_until(15, sub { $outputs->() >= 2 }), 'killed idle worker: the second statement ran');
	# all of them go: the next statement starts new ones
	$node->safe_psql('postgres', q{SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE backend_type = 'marsql worker'});
	finish_bg($bg);
	my @m = $bg->{out} =~ /^M:(.*)$/mg;
	is(scalar @m, 3, 'killed idle worker: every statement returned');
	ok(!grep({ !/^\{\d+(,\d+){7}\}$/ } @m), 'killed idle worker: eight results each');
	ok(!grep({ $_ == $idle[0] } pids($m[1] // '')), 'killed idle worker: the killed one ran nothing');
	my %before = map { $_ => 1 } @idle;
	ok(!grep({ $before{$_} } pids($m[2] // '')), 'killed idle workers: the last statement ran on new workers');
	unlike($bg->{err}, qr/ERROR|no worker is left|background workers started/,
		'killed idle workers: no error and no NOTICE');
}
no_workers_left($node, 'killed idle workers', $gone_within);

# ------------------------------------- the session's end, no job running
{
	my $bg = start_bg($node, "SET marsql.worker_idle_timeout = '1h'", $map8, $workers_sql);
	finish_bg($bg);
	like($bg->{out}, qr/^W:\d+/m, 'session end: the session kept idle workers');
	no_workers_left($node, 'session end: its idle workers went with it', $gone_within);
	is($node->safe_psql('postgres', 'SELECT count(*) FROM marsql.progress'), '0',
		'session end: no job left in marsql.progress');
}

done_testing();
