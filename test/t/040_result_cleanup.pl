# Results written by workers keep every transaction promise
# (docs/chunked.md, "Results written by workers").  With
# shared_preload_libraries = marsql and two workers per job:
# - a named result is an ordinary table of the caller, moved into its
#   target by the caller's commit, invisible to others before; workers wrote
#   its tiles in their own transactions; another role cannot read it; a
#   role without CREATE on the target schema gets 42501 and leaves nothing;
# - unnamed results vanish at session end;
# - with no worker free, the caller makes the storage (a temporary table);
# - a result made in a transaction that rolls back disappears, tiles the
#   workers committed included (a cleanup worker, the session still open);
#   so does one whose statement fails half way, or is cancelled half way
#   (pg_cancel_backend, statement_timeout), or whose subtransaction rolls
#   back (dropped at the commit itself);
# - a worker ended with pg_terminate_backend mid-job: its task runs again
#   and every tile is written once;
# - a backend ended with pg_terminate_backend mid-job removes its results
#   at exit;
# - after a worker is killed with SIGKILL (crash-restart) and after an
#   immediate shutdown, orphans are removed with no user action (the
#   launcher worker); without shared_preload_libraries, by the next job.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $node = worker_node('spool', q{
shared_preload_libraries = 'marsql'
restart_after_crash = on
marsql.blas_threads = 1
marsql.worker_output = on
# workers even for the small jobs here, which the cost model would run in
# the calling backend (which then stores the results itself)
marsql.inline_below = 0
});

$node->safe_psql('postgres', q{
	CREATE ROLE alice LOGIN;
	CREATE ROLE bob LOGIN;
	CREATE SCHEMA s AUTHORIZATION alice;
	GRANT USAGE ON SCHEMA s TO bob;
	CREATE TABLE src_ref AS SELECT marsql.chunked_ones('{800,100}', '{100,100}', target => 'src') AS a;
});

# records / tables of detached storage
sub spool_state
{
	return $node->safe_psql('postgres', q{
		SELECT (SELECT count(*) FROM marsql.orphan_storage) || '/' ||
			   (SELECT count(*) FROM pg_class
				WHERE relnamespace = 'marsql_result'::regnamespace AND relkind = 'r')});
}

sub wait_clean
{
	my ($what, $want) = @_;
	$want //= '0/0';
	my $state;
	wait_until($PostgreSQL::Test::Utils::timeout_default, sub { ($state = spool_state()) eq $want });
	is($state, $want, $what);
}

# a job that every use below interrupts (cancel, statement_timeout,
# terminate, kill) long before it ends: 14,400 tiles (1.1 GB), many seconds
# on two workers even where 1,600 tiles took 0.8 s (a job that ended inside
# the 1 s statement_timeout left its table, and every later use failed)
my $long_job = q{SELECT marsql.chunked_random('{12000,12000}', '{100,100}', 1, target => 'big') IS NOT NULL};

# sends $sql to the session without waiting for it
sub send_query
{
	my ($session, $sql) = @_;
	$session->{stdin} .= "$sql;\n";
	$session->{run}->pump_nb();
}

# waits until the worker made the storage of the job of backend $pid
sub storage_made
{
	my ($pid) = @_;
	return wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		$node->safe_psql('postgres', "SELECT count(*) FROM marsql.orphan_storage WHERE backend_pid = $pid") > 0;
	});
}

# ---------- a named result: the caller's ordinary table ----------
{
	my $s = $node->background_psql('postgres', on_error_stop => 0);
	$s->query_safe('SET ROLE alice');
	$s->query_safe('BEGIN');
	my $xid = $s->query_safe('SELECT pg_current_xact_id()');
	$s->query_safe(q{SELECT marsql.chunked_random('{400,300}', '{100,100}', 1, target => 's.kept')});
	like($s->query_safe(qq{SELECT count(*) FILTER (WHERE xmin::text <> '$xid') > 0, count(*) FROM s.kept}),
		qr/^t\|12$/, 'workers wrote the tiles in transactions of their own');
	is($node->safe_psql('postgres', q{SELECT to_regclass('s.kept') IS NULL}), 't',
		'before the commit nobody else sees the table in its target');
	$s->query_safe('COMMIT');
	is($node->safe_psql('postgres', q{
		SELECT concat_ws(' ', relowner::regrole, relpersistence, relnamespace::regnamespace)
		FROM pg_class WHERE oid = 's.kept'::regclass}), 'alice p s',
		'after the commit: a logged table of the caller in its target schema');
	is($node->safe_psql('postgres', q{
		SELECT count(*) FROM marsql.arrays WHERE storage = 's.kept'::regclass AND NOT temporary}), '1',
		'registered as a permanent array');
	is(spool_state(), '0/0', 'no record is left of it');
	my ($ret, $out, $err) = $node->psql('postgres', 'SELECT count(*) FROM s.kept', extra_params => ['-U', 'bob']);
	like($err, qr/permission denied for table kept/, 'another role cannot read it');

	# a role without CREATE on the target schema
	$s->{stderr} = '';
	$s->query('SET ROLE bob');
	my ($o, $failed) = $s->query(q{SELECT marsql.chunked_random('{400,300}', '{100,100}', 1, target => 's.bobs')});
	like($s->{stderr}, qr/permission denied for schema s/, 'a role without CREATE on the schema: 42501');
	is(spool_state(), '0/0', '... and nothing is left');

	# unnamed results vanish at session end
	$s->{stderr} = '';
	$s->query_safe('RESET ROLE');
	$s->query_safe(q{SELECT marsql.chunked_ones('{400,300}', '{100,100}') IS NOT NULL});
	$s->query_safe(q{SELECT marsql.chunked_ones('{400,300}', '{100,100}') IS NOT NULL});
	is(spool_state(), '2/2', 'two unnamed results while the session lasts');
	$s->quit;
	wait_clean('unnamed results vanish at session end');
}

# ---------- no worker free: the caller makes the storage itself ----------
{
	$node->safe_psql('postgres', 'ALTER SYSTEM SET marsql.max_workers_total = 0; SELECT pg_reload_conf()');
	wait_until(10, sub { $node->safe_psql('postgres', 'SHOW marsql.max_workers_total') eq '0' });
	is($node->safe_psql('postgres', q{
		SELECT marsql.storage(marsql.chunked_ones('{400,300}', '{100,100}'))::oid AS o \gset
		SELECT concat_ws(' ', c.relpersistence, (SELECT count(*) FROM marsql.orphan_storage))
		FROM pg_class c WHERE c.oid = :o}),
		't 0', 'no worker free: the task that makes the storage ran in the caller, which made a temporary table');
	$node->safe_psql('postgres', 'ALTER SYSTEM RESET marsql.max_workers_total; SELECT pg_reload_conf()');
	wait_until(10, sub { $node->safe_psql('postgres', 'SHOW marsql.max_workers_total') eq '8' });
}

# ---------- rollback, failure, subtransaction ----------
{
	my $s = $node->background_psql('postgres', on_error_stop => 0);
	$s->query_safe('BEGIN');
	$s->query_safe(q{SELECT marsql.chunked_random('{400,300}', '{100,100}', 1, target => 'rolled') IS NOT NULL});
	$s->query_safe(q{SELECT marsql.chunked_ones('{400,300}', '{100,100}') IS NOT NULL});
	is($s->query_safe('SELECT count(*) FROM rolled'), '12', 'in the transaction the tiles are there');
	is(spool_state(), '2/2', 'two tables the workers committed, not claimed by a commit yet');
	$s->query_safe('ROLLBACK');
	wait_clean('after ROLLBACK both are removed while the session is still open');
	is($s->query_safe(q{SELECT to_regclass('rolled') IS NULL}), 't', 'the named one never appeared');

	# a statement that fails half way: the last input tile does not fit
	$node->safe_psql('postgres', q{UPDATE src SET data = marsql.zeros('{3}') WHERE tile = '{7,0}'});
	$s->{stderr} = '';
	$s->query(q{SELECT marsql.exp('src'::marsql.chunked_tensor) IS NOT NULL});
	like($s->{stderr}, qr/tile \(7, 0\) of "public.src" does not fit the array/, 'a statement fails half way');
	wait_clean('its result is removed');

	# a subtransaction that rolls back: the table goes with the commit
	$s->{stderr} = '';
	$s->query_safe(q{DO $$ BEGIN
		PERFORM marsql.chunked_ones('{400,300}', '{100,100}', target => 'sub');
		RAISE EXCEPTION 'half way';
	EXCEPTION WHEN raise_exception THEN NULL; END $$});
	is(spool_state(), '0/0', 'a result of a rolled back subtransaction is dropped by the commit');
	is($s->query_safe(q{SELECT to_regclass('sub') IS NULL}), 't', '... and never appeared');
	$s->quit;
}

# ---------- cancelled half way ----------
{
	my $s = $node->background_psql('postgres', on_error_stop => 0);
	my $pid = $s->query_safe('SELECT pg_backend_pid()');
	send_query($s, $long_job);
	ok(storage_made($pid), 'a long job made its storage');
	$node->safe_psql('postgres', "SELECT pg_cancel_backend($pid)");
	$s->query('SELECT 1');
	like($s->{stderr}, qr/canceling statement due to user request/, 'pg_cancel_backend stops it');
	wait_clean('its result is removed while the session is still open');

	$s->{stderr} = '';
	$s->query_safe(q{SET statement_timeout = '1s'});
	$s->query($long_job);
	like($s->{stderr}, qr/canceling statement due to statement timeout/, 'statement_timeout stops it');
	$s->{stderr} = '';
	$s->query_safe('RESET statement_timeout');
	wait_clean('its result is removed');
	$s->quit;
}

# ---------- a worker terminated mid-job: its tasks run again ----------
{
	my $bg = start_bg($node, q{SELECT marsql.chunked_random('{8000,4000}', '{100,100}', 1, target => 'retried') IS NOT NULL},
		q{SELECT 'tiles ' || count(*) FROM retried});
	ok(storage_made($bg->{pid}), 'a long job made its storage');
	my @busy = busy_workers($node, 1, $bg->{pid});
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($busy[0])");
	finish_bg($bg);
	like($bg->{out}, qr/^tiles 3200$/m, 'a worker terminated mid-job: its task runs again, each tile written once')
	  or diag($bg->{err});
	is(spool_state(), '0/0', 'the named result was claimed');
	$node->safe_psql('postgres', 'DROP TABLE retried');
}

# ---------- a backend terminated mid-job ----------
{
	my $s = $node->background_psql('postgres', on_error_stop => 0);
	my $pid = $s->query_safe('SELECT pg_backend_pid()');
	$s->query_safe(q{SELECT marsql.chunked_ones('{400,300}', '{100,100}') IS NOT NULL});
	send_query($s, $long_job);
	wait_until($PostgreSQL::Test::Utils::timeout_default, sub { spool_state() eq '2/2' });
	is(spool_state(), '2/2', 'an unnamed result, and a job running');
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($pid)");
	wait_clean('pg_terminate_backend: the backend removes both as it exits');
	eval { $s->quit };
}

# ---------- crashes ----------

{
	my $offset = -s $node->logfile;
	my $bg = start_bg($node, $long_job);
	ok(storage_made($bg->{pid}), 'a long job made its storage');
	my @busy = busy_workers($node, 1, $bg->{pid});
	ok(@busy >= 1, 'its workers write tiles');
	kill 'KILL', $busy[0];
	finish_bg($bg);
	restarted($node, $offset, 'a worker killed with SIGKILL');
	wait_clean('after the crash-restart the orphan is removed, with no user action');
	like(slurp_file($node->logfile, $offset), qr/marsql removed 1 orphaned result table/,
		'the cleanup worker says what it removed');
}

{
	my $s = $node->background_psql('postgres', on_error_stop => 0);
	$s->query_safe(q{SELECT marsql.chunked_ones('{400,300}', '{100,100}') IS NOT NULL});
	$s->query_safe('BEGIN');
	$s->query_safe(q{SELECT marsql.chunked_ones('{400,300}', '{100,100}', target => 'open') IS NOT NULL});
	is(spool_state(), '2/2', 'an unnamed result, and a named one in an open transaction');
	$node->stop('immediate');
	eval { $s->quit };
	$node->start;
	wait_clean('after an immediate shutdown both are removed, with no user action');
	is($node->safe_psql('postgres', q{SELECT to_regclass('open') IS NULL}), 't', 'the named one never appeared');
}

# ---------- without shared_preload_libraries: the next job ----------
{
	$node->append_conf('postgresql.conf', "shared_preload_libraries = ''");
	$node->restart;
	my $s = $node->background_psql('postgres', on_error_stop => 0);
	$s->query_safe(q{SELECT marsql.chunked_ones('{400,300}', '{100,100}') IS NOT NULL});
	$node->stop('immediate');
	eval { $s->quit };
	$node->start;
	sleep 2;
	is(spool_state(), '1/1', 'not preloaded: the orphan is there after the restart');
	$node->safe_psql('postgres', q{SELECT marsql.sum(marsql.chunked_ones('{400,300}', '{100,100}'))});
	wait_clean('the next job in the database has it removed');
}

$node->stop;
done_testing();
