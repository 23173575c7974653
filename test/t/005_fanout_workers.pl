# Fan-out on background workers, and what happens when things go wrong:
# marsql.map runs its calls on 'marsql worker' background workers; a worker
# terminated in the middle of a task fails the job with the worker's error
# and a CONTEXT line naming the task (a STABLE call runs again instead);
# cancel, statement_timeout and termination of the leader stop every worker
# and free the job's DSM segment; with no free background worker slot, or
# marsql.max_workers_total reached, a job runs on fewer workers or in the
# calling backend, with a NOTICE; 200 failed, cancelled and partly failed
# jobs leave no worker, no DSM segment and no progress slot behind; workers
# run as the calling role (login role, SET ROLE, SET SESSION AUTHORIZATION)
# in the caller's database, and EXECUTE is checked before anything runs.
#
# Every wait polls with a deadline; the deadlines are generous for a loaded
# two-core machine and far below the 30 s a stuck task would take.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use Time::HiRes qw(time usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

# seconds: how long workers may take to go away, and the bound on how long
# a leader may take to notice a dead worker (its tasks sleep 30 s)
my $gone_within  = 10;
my $quickly      = 5;
my $react_within = 10;

my $node = PostgreSQL::Test::Cluster->new('fanout');
$node->init;
# DSM segments of an mmap cluster are files in its own pg_dynshmem, so the
# leak check counts this node's segments only.  With the default (posix)
# they would be /dev/shm/PostgreSQL.* files shared with every other cluster
# on the machine (other test runs included), and pg_shmem_allocations does
# not list DSM segments at all.
$node->append_conf('postgresql.conf', q{
max_worker_processes = 8
max_parallel_workers_per_gather = 0
dynamic_shared_memory_type = mmap
marsql.max_workers = 2
});
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION marsql');

my $functions = q{
	CREATE FUNCTION sq(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x * x; END $$;
	CREATE FUNCTION slow(x int) RETURNS int LANGUAGE plpgsql VOLATILE AS $$
	BEGIN PERFORM pg_sleep(x); RETURN x; END $$;
	CREATE FUNCTION btype(x int) RETURNS text LANGUAGE plpgsql AS $$
	BEGIN RETURN (SELECT backend_type FROM pg_stat_activity WHERE pid = pg_backend_pid()); END $$;
	CREATE FUNCTION wpid(x int) RETURNS int LANGUAGE sql AS 'SELECT pg_backend_pid()';
};
$node->safe_psql('postgres', $functions);
$node->safe_psql('postgres', q{
	CREATE FUNCTION slow_stable(x int) RETURNS int LANGUAGE plpgsql STABLE AS $$
	BEGIN PERFORM pg_sleep(x); RETURN x; END $$;
	CREATE FUNCTION boom(x int) RETURNS int LANGUAGE plpgsql AS $$
	BEGIN IF x = 2 THEN RAISE EXCEPTION 'boom %', x; END IF; RETURN x; END $$;
});

# ---------------------------------------------------------------- helpers
# (wait_until, os_workers, no_workers_left, dsm_segments, dsm_freed,
# busy_workers, start_bg, finish_bg: see MarsqlTap.pm)

my $baseline = dsm_segments($node);
my $pm_pid   = postmaster_pid($node);

# ------------------------------------------------------------ basics

is($node->safe_psql('postgres',
		q{SELECT marsql.map('sq(int)', array(SELECT generate_series(1, 20)), NULL::int)}),
	'{' . join(',', map { $_ * $_ } 1 .. 20) . '}',
	'map of sq over 1..20 returns the squares in order');
is($node->safe_psql('postgres', q{SELECT marsql.map('btype(int)', ARRAY[1, 2], NULL::text)}),
	'{"marsql worker","marsql worker"}', 'the calls ran on marsql workers');
# how many of the two workers get a share of such short calls depends on
# how fast each starts; at most two, and none of the calls in the backend
is($node->safe_psql('postgres', q{
		SELECT count(DISTINCT p) <= 2 AND bool_and(p <> pg_backend_pid()) AND count(*) = 6
		FROM unnest(marsql.map('wpid(int)', ARRAY[1, 2, 3, 4, 5, 6], NULL::int)) p}),
	't', 'six calls ran on at most the two workers marsql.max_workers allows, none in the backend');
no_workers_left($node, 'after the basic maps', $gone_within);

# ------------------------------------- a worker terminated mid-task

{
	my $bg = start_bg($node, q{SELECT marsql.map('slow(int)', ARRAY[30, 30], NULL::int)});
	my @busy = busy_workers($node, 2, $bg->{pid});
	is(scalar @busy, 2, 'worker killed: both workers are running a task');
	is($node->safe_psql('postgres',
			"SELECT kind || ' ' || tasks_done || '/' || tasks_total || ' on ' || executors FROM marsql.progress WHERE pid = $bg->{pid}"),
		'map 0/2 on 2', 'marsql.progress shows the running job of the other session');
	isnt(dsm_segments($node), $baseline,
		'the running job holds a DSM segment in pg_dynshmem (the leak checks see it)');
	is(scalar(os_workers($node)), 2,
		'the two workers are processes of the postmaster (the checks for leftovers see them)');

	my $victim = $busy[0];
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($victim)");
	my $elapsed = finish_bg($bg);
	cmp_ok($elapsed, '<', $react_within,
		sprintf('worker killed: the leader failed %.1f s after the kill (a task takes 30 s)', $elapsed));
	like($bg->{err},
		qr/ERROR:  57P01: terminating background worker "marsql worker" due to administrator command/,
		'worker killed: the leader raises the worker\'s 57P01 error');
	like($bg->{err}, qr/^CONTEXT:.*^marsql task [12] of 2 \(slow\(integer\)\) on worker [12] \(PID $victim\)$/ms,
		'worker killed: the CONTEXT names the task and the killed worker');
	unlike($bg->{out}, qr/\{/, 'worker killed: no result');
	no_workers_left($node, 'worker killed', $gone_within);
	dsm_freed($node, $quickly, 'worker killed', $baseline);
}

# A STABLE call is idempotent: the task of a killed worker runs again on
# the other one and the job succeeds.
{
	my $bg = start_bg($node, q{SELECT marsql.map('slow_stable(int)', ARRAY[2, 2], NULL::int)});
	my @busy = busy_workers($node, 2, $bg->{pid});
	is(scalar @busy, 2, 'idempotent task: both workers are running a task');
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($busy[0])");
	finish_bg($bg);
	like($bg->{out}, qr/^\{2,2\}$/m, 'idempotent task: the job succeeds after its worker was killed');
	unlike($bg->{err}, qr/ERROR/, 'idempotent task: no error');
	no_workers_left($node, 'idempotent task', $gone_within);
}

# ------------------------------------------------- leader cancelled

{
	my $bg = start_bg($node, q{SELECT marsql.map('slow(int)', ARRAY[30, 30], NULL::int)});
	is(scalar busy_workers($node, 2, $bg->{pid}), 2, 'cancel: both workers are running a task');
	$node->safe_psql('postgres', "SELECT pg_cancel_backend($bg->{pid})");
	my $elapsed = finish_bg($bg);
	like($bg->{err}, qr/ERROR:  57014: canceling statement due to user request/,
		'cancel: the leader reports the cancel');
	cmp_ok($elapsed, '<', $react_within, sprintf('cancel: the statement ended %.1f s after the cancel', $elapsed));
	no_workers_left($node, 'cancel', $quickly);
	dsm_freed($node, $quickly, 'cancel', $baseline);
}

{
	my $start = time();
	my ($ret, $out, $err) = $node->psql('postgres', q{
		SET statement_timeout = '1s';
		SELECT marsql.map('slow(int)', ARRAY[30, 30], NULL::int);
	});
	my $elapsed = time() - $start;
	like($err, qr/canceling statement due to statement timeout/, 'statement_timeout stops the map');
	cmp_ok($elapsed, '<', 1 + $react_within, sprintf('statement_timeout: session done after %.1f s', $elapsed));
	no_workers_left($node, 'statement_timeout', $quickly);
	dsm_freed($node, $quickly, 'statement_timeout', $baseline);
}

# ------------------------------------------------ leader terminated

{
	my $bg = start_bg($node, q{SELECT marsql.map('slow(int)', ARRAY[30, 30], NULL::int)});
	is(scalar busy_workers($node, 2, $bg->{pid}), 2, 'leader killed: both workers are running a task');
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($bg->{pid})");
	finish_bg($bg);
	like($bg->{err}, qr/terminating connection due to administrator command/,
		'leader killed: the session was terminated');
	no_workers_left($node, 'leader killed', $quickly);
	dsm_freed($node, $quickly, 'leader killed', $baseline);
	is($node->safe_psql('postgres', 'SELECT count(*) FROM marsql.progress'), '0',
		'leader killed: no job left in marsql.progress');
}

# ------------------------------- leak check: 200 failed jobs in a row

{
	# One session, one statement per job, errors do not stop the script.
	# A statement_timeout inside one DO block would cancel the whole block,
	# so every job is a statement of its own.
	my ($fails, $cancels, $partial) = (0, 0, 0);
	my $script = '';
	for my $i (1 .. 200)
	{
		if ($i % 3 == 0)
		{
			$fails++;
			$script .= "SELECT marsql.map('boom(int)', ARRAY[1, 2, 3, 4], NULL::int);\n";
		}
		elsif ($i % 3 == 1)
		{
			$cancels++;
			$script .= "SET statement_timeout = '200ms';\n"
			  . "SELECT marsql.map('slow(int)', ARRAY[1, 1, 1, 1], NULL::int);\n"
			  . "RESET statement_timeout;\n";
		}
		else
		{
			$partial++;
			$script .= "SELECT 'rows ' || count(*) FILTER (WHERE succeeded) || '/'"
			  . " || count(*) FILTER (WHERE NOT succeeded AND sqlstate = 'P0001' AND message = 'boom 2')"
			  . " FROM marsql.map_rows('boom(int)', ARRAY[1, 2, 3, 4], NULL::int, fail_fast => false);\n";
		}
	}
	my $start = time();
	my ($ret, $out, $err) = $node->psql('postgres', $script, on_error_stop => 0);
	note(sprintf('200 jobs in %.1f s', time() - $start));
	my $n_fails   = () = $err =~ /ERROR:  boom 2$/mg;
	my $n_cancels = () = $err =~ /ERROR:  canceling statement due to statement timeout$/mg;
	my $n_partial = () = $out =~ /^rows 3\/1$/mg;
	my $n_errors  = () = $err =~ /ERROR:/g;
	is($n_fails, $fails, "leak check: $fails fail-fast maps raised the task's error");
	is($n_cancels, $cancels, "leak check: $cancels maps were stopped by statement_timeout");
	is($n_partial, $partial, "leak check: $partial map_rows with fail_fast => false ran every call");
	is($n_errors, $fails + $cancels, 'leak check: no other error');

	no_workers_left($node, 'leak check', $gone_within);
	dsm_freed($node, $quickly, 'leak check', $baseline);
	is($node->safe_psql('postgres', 'SELECT count(*) FROM marsql.progress'), '0',
		'leak check: no job left in marsql.progress');
	is($node->safe_psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1, 2, 3], NULL::int)}),
		'{1,4,9}', 'leak check: a map still works afterwards');
	is($node->safe_psql('postgres', q{SELECT marsql.map('btype(int)', ARRAY[1, 2], NULL::text)}),
		'{"marsql worker","marsql worker"}', 'leak check: ... on workers');
}

# -------------------------------------------------- non-superuser

$node->safe_psql('postgres', q{
	CREATE ROLE alice LOGIN;
	CREATE ROLE grp NOLOGIN;
	GRANT grp TO alice;
	CREATE FUNCTION whoami(x int) RETURNS text LANGUAGE sql AS 'SELECT current_user::text';
	CREATE FUNCTION who(x int) RETURNS text LANGUAGE sql
		AS $$SELECT current_user || '/' || session_user || '/' || current_database()$$;
	CREATE FUNCTION is_super(x int) RETURNS boolean LANGUAGE sql
		AS 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user';
	CREATE TABLE secret_log(x int);
	CREATE FUNCTION secret(x int) RETURNS int LANGUAGE plpgsql AS $$
	BEGIN INSERT INTO secret_log VALUES (x); RETURN x; END $$;
	REVOKE EXECUTE ON FUNCTION secret(int) FROM PUBLIC;
	CREATE DATABASE other;
});

my @alice = (extra_params => [ '-U', 'alice' ]);
is($node->safe_psql('postgres', q{SELECT marsql.map('whoami(int)', ARRAY[1, 2], NULL::text)}, @alice),
	'{alice,alice}', 'alice: the calls run as alice');
is($node->safe_psql('postgres', q{SELECT marsql.map('btype(int)', ARRAY[1, 2], NULL::text)}, @alice),
	'{"marsql worker","marsql worker"}', 'alice: ... on marsql workers');
is($node->safe_psql('postgres',
		q{SELECT bool_or(x)::text FROM unnest(marsql.map('is_super(int)', ARRAY[1, 2], NULL::boolean)) x},
		@alice),
	'false', 'alice: no call runs as a superuser');
{
	my ($ret, $out, $err) = $node->psql('postgres',
		"\\set VERBOSITY verbose\nSELECT marsql.map('secret(int)', ARRAY[1, 2], NULL::int);", @alice);
	like($err, qr/ERROR:  42501: permission denied for function secret/,
		'alice: map of a function she may not execute fails with 42501');
	is($node->safe_psql('postgres', 'SELECT count(*) FROM secret_log'), '0', 'alice: ... and no call ran');
}
is($node->safe_psql('postgres', q{
		SET ROLE grp;
		SELECT marsql.map('who(int)', ARRAY[1, 2], NULL::text);
		SELECT count(*) FILTER (WHERE p <> pg_backend_pid())
		FROM unnest(marsql.map('wpid(int)', ARRAY[1, 2], NULL::int)) p;
	}, @alice),
	"{grp/alice/postgres,grp/alice/postgres}\n2",
	'alice after SET ROLE grp (NOLOGIN): the calls run as grp, session user alice, on workers');
is($node->safe_psql('postgres', q{
		SET SESSION AUTHORIZATION alice;
		SELECT marsql.map('who(int)', ARRAY[1, 2], NULL::text);
		SELECT bool_or(x)::text FROM unnest(marsql.map('is_super(int)', ARRAY[1, 2], NULL::boolean)) x;
	}),
	"{alice/alice/postgres,alice/alice/postgres}\nfalse",
	'a superuser after SET SESSION AUTHORIZATION alice: the calls run as alice, not as a superuser');
$node->safe_psql('other', 'CREATE EXTENSION marsql');
$node->safe_psql('other', q{CREATE FUNCTION who(x int) RETURNS text LANGUAGE sql
		AS $$SELECT current_user || '/' || session_user || '/' || current_database()$$});
is($node->safe_psql('other', q{SELECT marsql.map('who(int)', ARRAY[1, 2], NULL::text)}, @alice),
	'{alice/alice/other,alice/alice/other}', 'alice in another database: the calls run there');
no_workers_left($node, 'non-superuser', $gone_within);

# the server never crashed or leaked along the way
my $log = slurp_file($node->logfile);
unlike($log, qr/TRAP:|PANIC:|terminated by signal|terminating any other active server processes/,
	'no backend crashed');
unlike($log, qr/shared memory leak|was not closed|leaked/, 'no resource leak warning in the server log');
is(postmaster_pid($node), $pm_pid, 'same postmaster');
$node->stop;

# --------------------------------- no free background worker slot

# Two worker slots, both for marsql: no parallel query, no logical
# replication launcher.
my $small = PostgreSQL::Test::Cluster->new('fanout_small');
$small->init;
$small->append_conf('postgresql.conf', q{
max_worker_processes = 2
max_parallel_workers_per_gather = 0
max_logical_replication_workers = 0
marsql.max_workers = 2
});
$small->start;
$small->safe_psql('postgres', 'CREATE EXTENSION marsql');
$small->safe_psql('postgres', $functions);

{
	my ($ret, $out, $err) = $small->psql('postgres', q{
		SET marsql.max_workers = 0;
		SELECT marsql.map('btype(int)', ARRAY[1, 2], NULL::text), marsql.map('sq(int)', ARRAY[1, 2, 3], NULL::int);
	});
	is($out, '{"client backend","client backend"}|{1,4,9}',
		'marsql.max_workers = 0: the calls run in the backend, right answer');
	is($err, '', 'marsql.max_workers = 0: no NOTICE');
}

{
	my $bg = start_bg($small, q{SELECT marsql.map('slow(int)', ARRAY[30, 30], NULL::int, 2)});
	is(scalar busy_workers($small, 2, $bg->{pid}), 2, 'slots exhausted: a job holds both worker slots');
	my ($ret, $out, $err) = $small->psql('postgres', q{
		SELECT marsql.map('sq(int)', ARRAY[1, 2, 3], NULL::int);
		SELECT marsql.map('btype(int)', ARRAY[1, 2], NULL::text);
	});
	is($out, "{1,4,9}\n{\"client backend\",\"client backend\"}",
		'slots exhausted: another job still succeeds, in its backend');
	like($err,
		qr/NOTICE:  marsql [^:\n]+: 0 of 2 background workers started, running its tasks in this backend/,
		'slots exhausted: NOTICE that no background worker started');
	like($err, qr/No background worker slot is free/, 'slots exhausted: ... because no slot is free');
	$small->safe_psql('postgres', "SELECT pg_cancel_backend($bg->{pid})");
	finish_bg($bg);
	like($bg->{err}, qr/canceling statement due to user request/, 'slots exhausted: the long job cancelled');
	no_workers_left($small, 'slots exhausted', $quickly);
}

{
	# ALTER SYSTEM knows marsql's settings once the library is loaded
	$small->safe_psql('postgres', q{
		LOAD 'marsql';
		ALTER SYSTEM SET marsql.max_workers_total = 1;
		SELECT pg_reload_conf();
	});
	ok(wait_until($PostgreSQL::Test::Utils::timeout_default,
			sub { $small->safe_psql('postgres', 'SHOW marsql.max_workers_total') eq '1' }),
		'marsql.max_workers_total = 1 is in effect after a reload');
	my ($ret, $out, $err) = $small->psql('postgres', q{
		SELECT count(DISTINCT p) || ' worker, in backend: ' || bool_or(p = pg_backend_pid())
		FROM unnest(marsql.map('wpid(int)', ARRAY[1, 2, 3, 4], NULL::int, 2)) p;
	});
	is($out, '1 worker, in backend: false', 'max_workers_total = 1: a job asking for 2 workers runs on 1');
	like($err, qr/NOTICE:  marsql [^:\n]+: 1 of 2 background workers started$/m,
		'max_workers_total = 1: NOTICE that 1 of 2 workers started');
	like($err, qr/marsql\.max_workers_total \(1\)/, 'max_workers_total = 1: the NOTICE names the cap');
	no_workers_left($small, 'max_workers_total', $quickly);
}

$small->stop;
done_testing();
