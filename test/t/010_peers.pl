# Peers: a coordinator and two peer clusters on one machine.
# - check_peers and the marsql.peers view; a version mismatch is reported;
# - chunked matmul and k-NN over the coordinator's workers and the peers
#   give the local results; k-NN over a table partitioned across the peers
#   gives the result of the whole table searched in one place;
# - fan-out on peers: results, remote errors keep their SQLSTATE and gain a
#   context naming the peer, a function missing on the peer, the mapped user;
# - a peer stopped ('immediate') mid-matmul: the query completes by retrying
#   elsewhere with a WARNING; with marsql.task_retries = 0 it fails naming
#   the peer; the coordinator reconnects after the peer restarts;
# - a frozen peer (SIGSTOP): an error at marsql.peer_timeout, and a cancel
#   of the coordinator returns within marsql.peer_cleanup_timeout;
# - a refused connection: "could not connect" at once;
# - 500 fan-outs with errors and cancels keep the connections within the
#   cap and leave none behind; connections dropped while their peer
#   backend still runs a task are closed, not held, though the peer lists
#   them a while;
# - a non-superuser: without USAGE, without a password, and with a peer that
#   does not ask for the password.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

# The peers listen on 127.0.0.1 and the coordinator connects over TCP, so
# that the test can tell the coordinator's connections from backends whose
# connection it has already closed (connected_backends in MarsqlTap.pm).
my $coord = worker_node('coordinator', "marsql.blas_threads = 1\n");
my %peer;
my $peer_conf = "marsql.blas_threads = 1\ntrack_functions = all\nlisten_addresses = '127.0.0.1'\n";
$peer{p1} = worker_node('peer1', $peer_conf);
$peer{p2} = worker_node('peer2', $peer_conf);

my $functions = q{
	CREATE FUNCTION sq(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * x';
	CREATE FUNCTION boom(x int) RETURNS int LANGUAGE plpgsql AS $$
	BEGIN
		RAISE NOTICE 'boom called with %', x;
		IF x % 3 = 2 THEN RAISE EXCEPTION 'boom %', x USING ERRCODE = '22012'; END IF;
		RETURN x;
	END $$;
	CREATE FUNCTION slow(x int) RETURNS int LANGUAGE sql AS 'SELECT x FROM pg_sleep(0.2)';
	-- a call that a cancel does not stop: it sleeps on until the backend
	-- finds its client gone
	CREATE FUNCTION stubborn(x int) RETURNS int LANGUAGE plpgsql AS $$
	BEGIN
		BEGIN
			PERFORM pg_sleep(1);
		EXCEPTION WHEN query_canceled THEN
			PERFORM pg_sleep(30);
		END;
		RETURN x;
	END $$;
	CREATE FUNCTION who(x int) RETURNS text LANGUAGE sql AS 'SELECT current_user::text';
	-- a tensor in, a tensor of the same dtype out, each dtype changed
	-- differently (every bit of the result depends on the argument's)
	CREATE FUNCTION twist(t marsql.tensor) RETURNS marsql.tensor LANGUAGE sql IMMUTABLE AS $$
		SELECT CASE marsql.dtype(t)
			WHEN 'bool' THEN marsql.logical_not(t)
			WHEN 'int64' THEN t OPERATOR(marsql.+) 1
			WHEN 'float16' THEN OPERATOR(marsql.-) t
			ELSE marsql.conj(t) END $$;
};
$_->safe_psql('postgres', $functions) for ($coord, values %peer);
$coord->safe_psql('postgres', 'CREATE FUNCTION only_here(x int) RETURNS int LANGUAGE sql AS $$SELECT x$$');

for my $name (sort keys %peer)
{
	my $n = $peer{$name};
	$coord->safe_psql('postgres', sprintf(q{
		CREATE SERVER %s FOREIGN DATA WRAPPER marsql
			OPTIONS (host '127.0.0.1', port '%d', dbname 'postgres', capacity '2', connect_timeout '3');
		CREATE USER MAPPING FOR CURRENT_USER SERVER %s;
	}, $name, $n->port, $name));
}

# ------------------------------------------------------------- catalog

is($coord->safe_psql('postgres',
	q{SELECT string_agg(peer || ':' || success || ':' || result, ',' ORDER BY peer) FROM marsql.check_peers()}),
	'p1:true:marsql 0.1.0,p2:true:marsql 0.1.0', 'check_peers: both peers reachable, same version');
is($coord->safe_psql('postgres',
	q{SELECT string_agg(name || ':' || capacity || ':' || reachable, ',' ORDER BY name) FROM marsql.peers}),
	'p1:2:true,p2:2:true', 'marsql.peers: name, capacity, reachable');

$peer{p1}->safe_psql('postgres', q{UPDATE pg_extension SET extversion = '0.0.9' WHERE extname = 'marsql'});
like($coord->safe_psql('postgres',
	q{SELECT result FROM marsql.check_peers() WHERE peer = 'p1'}),
	qr/marsql peer "p1" runs marsql 0\.0\.9, this server runs 0\.1\.0/, 'a version mismatch is reported');
$peer{p1}->safe_psql('postgres', q{UPDATE pg_extension SET extversion = '0.1.0' WHERE extname = 'marsql'});

# ------------------------------------------- same results as local runs

$coord->safe_psql('postgres', q{
	CREATE TABLE m AS SELECT
		marsql.chunked_random('{600,500}', '{200,200}', 1, target => 'ma') AS a,
		marsql.chunked_random('{500,400}', '{200,200}', 2, target => 'mb') AS b,
		marsql.chunked_random('{20000,32}', '{4000,32}', 3, 'normal', 'float32', 'mcorpus') AS corpus,
		marsql.random('{50,32}', 4, 'normal', 'float32') AS q;
	CREATE TABLE local_product AS SELECT marsql.to_tensor(marsql.matmul(a, b)) AS r FROM m;
	CREATE TABLE local_knn AS SELECT k.* FROM m, marsql.knn(q, corpus, 10) k;
});
for my $executors ('all', 'peers')
{
	my $out = $coord->safe_psql('postgres', qq{
		SET marsql.executors = '$executors';
		SELECT marsql.allclose(marsql.to_tensor(marsql.matmul(a, b)), r, 0, 1e-12) FROM m, local_product;
		SELECT count(*) FROM ((SELECT k.* FROM m, marsql.knn(q, corpus, 10, executors => '$executors') k)
							  EXCEPT (SELECT * FROM local_knn)) d;
		SELECT count(*) FROM marsql.peer_connections();
	});
	is($out, "t\n0\n4", "executors = $executors: chunked matmul and k-NN as local, 2 connections per peer cached");
}
# every peer ran some of the tasks
for my $name (sort keys %peer)
{
	cmp_ok($peer{$name}->safe_psql('postgres',
		q{SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions WHERE funcname = 'peer_run_task'}),
		'>', 0, "$name ran some of the tasks");
}

# k-NN over a table partitioned across the peers: nothing of it is shipped
$coord->safe_psql('postgres', q{
	CREATE TABLE items_all AS SELECT "row" AS id, "values"::real[] AS emb
		FROM marsql.rows(marsql.random('{6000,32}', 5, 'normal', 'float32'));
});
# the same seeded rows on every server, each keeping its third
for my $i (1, 2)
{
	$peer{"p$i"}->safe_psql('postgres', qq{
		CREATE TABLE items AS SELECT "row" AS id, "values"::real[] AS emb
			FROM marsql.rows(marsql.random('{6000,32}', 5, 'normal', 'float32')) WHERE "row" % 3 = $i});
}
$coord->safe_psql('postgres', q{CREATE TABLE items AS SELECT * FROM items_all WHERE id % 3 = 0});
my $whole = $coord->safe_psql('postgres', q{
	SELECT md5(string_agg(query || ':' || rank || ':' || id || ':' || distance, ',' ORDER BY query, rank))
	FROM m, marsql.knn(q, 'items_all', 'emb', 'id', 10) k});
is($coord->safe_psql('postgres', q{
	SELECT md5(string_agg(query || ':' || rank || ':' || id || ':' || distance, ',' ORDER BY query, rank))
	FROM m, marsql.knn(q, 'items', 'emb', 'id', 10, executors => 'all') k}),
	$whole, 'k-NN over the coordinator\'s and both peers\' partitions = the whole table');
is($coord->safe_psql('postgres', q{
	SELECT count(*) FROM m, marsql.knn(q, 'items', 'emb', 'id', 10, executors => 'peers') k
	WHERE k.id % 3 = 0}), '0', 'executors => peers: only the peers\' rows');
my ($ret, $out, $err) = $coord->psql('postgres', q{
	SELECT count(*) FROM m, marsql.knn(q, 'no_items', 'emb', 'id', 10, executors => 'peers') k});
like($err, qr/relation "no_items" does not exist.*\n.*on peer "p[12]"/s, 'a table missing on a peer: its error names the peer');

# ------------------------------------------------------------- fan-out

# tensors of the new dtypes keep their dtype and bits through map and spawn
# (arguments, results, and a result fed to a dependent task), on the
# coordinator's workers and on the peers: compared by their binary form
# with the same calls run in the coordinator's backend
my $tensors = q{ARRAY[
	'int64:[9007199254740993,-9223372036854775808,9223372036854775806]',
	'int64:7',
	'bool:[[true,false],[false,true]]',
	'float16:[0.1,-0.0,65504,nan,6e-08,-inf]',
	'float16:1.5',
	'complex128:[1+2j,-0-0j,nan+1e-300j,-inf+5e-324j]',
	'complex128(0,2):[]']::marsql.tensor[]};
for my $executors ('local', 'peers')
{
	my $kind = $executors eq 'local' ? 'worker' : 'peer';
	my $out = $coord->safe_psql('postgres', qq{
		SELECT marsql.stat_tasks_reset();
		SET marsql.executors = '$executors';
		WITH r AS (SELECT marsql.map('twist(marsql.tensor)', $tensors, NULL::marsql.tensor,
									 executors => '$executors') AS got)
		SELECT string_agg(marsql.dtype(g) || ':' || (marsql.to_binary(g) = marsql.to_binary(twist(a))), ',')
		FROM r, unnest($tensors, r.got) AS u(a, g);
		SELECT string_agg(marsql.dtype(g) || ':'
						  || (marsql.to_binary(g) = marsql.to_binary(twist(twist(a)))), ',')
		FROM (SELECT a, marsql.fetch(marsql.spawn('twist(marsql.tensor)',
								marsql.spawn('twist(marsql.tensor)', a)), NULL::marsql.tensor) AS g
			  FROM unnest($tensors) AS a) s;
		SELECT marsql.fetch(marsql.spawn('twist(marsql.tensor)', 'int64:[9007199254740993]'::marsql.tensor),
							NULL::marsql.tensor);
		SELECT string_agg(DISTINCT executor, ',') || ':' || sum(tasks)
		FROM marsql.stat_tasks WHERE task_kind = 'marsql call';
	});
	my $each = 'int64:true,int64:true,bool:true,float16:true,float16:true,complex128:true,complex128:true';
	is($out, "\n$each\n$each\nint64:[9007199254740994]\n$kind:22",
		"executors = $executors: int64 beyond 2^53, bool, float16 and complex128 tensors keep dtype and bits "
		. "through map, spawn and a spawned dependency, all on ${kind}s");
}

is($coord->safe_psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1,2,3,4,5], 0, executors => 'peers')}),
	'{1,4,9,16,25}', 'map on the peers');
($ret, $out, $err) = $coord->psql('postgres', q{
	\set VERBOSITY verbose
	SELECT marsql.map('boom(int)', ARRAY[1,2,3], 0, executors => 'peers')});
like($err, qr/ERROR:  22012: boom 2/, 'a remote error keeps its SQLSTATE');
like($err, qr/CONTEXT:.*PL\/pgSQL function boom\(integer\).*\n.*marsql task 2 of 3 \(boom\(integer\)\) on peer "p[12]" \(PID \d+\)/s,
	'and gains a context naming the peer');
# (a notice of a task still running when another fails may be cut off with
# the job, so the notices are checked on a call that succeeds)
($ret, $out, $err) = $coord->psql('postgres', q{
	\set VERBOSITY verbose
	SELECT marsql.map('boom(int)', ARRAY[1,3], 0, executors => 'peers')});
like($err, qr/NOTICE:  00000: boom called with 1.*NOTICE:  00000: boom called with 3|NOTICE:  00000: boom called with 3.*NOTICE:  00000: boom called with 1/s,
	'remote notices reach the client');
($ret, $out, $err) = $coord->psql('postgres',
	q{SELECT marsql.map('only_here(int)', ARRAY[1], 0, executors => 'peers')});
like($err, qr/function "public\.only_here\(integer\)" does not exist.*on peer "p[12]"/s,
	'a function missing on the peer is reported by name');

# ------------------------------------------------ a peer dies mid-matmul

$coord->safe_psql('postgres', q{
	CREATE TABLE big AS SELECT
		marsql.chunked_random('{2400,2400}', '{800,800}', 6, target => 'biga') AS a,
		marsql.chunked_random('{2400,2400}', '{800,800}', 7, target => 'bigb') AS b;
	CREATE TABLE big_local AS SELECT marsql.to_tensor(marsql.matmul(a, b)) AS r FROM big;
});

# waits until the peer runs a task for the background session $bg (not a
# task of an earlier session's connection, closed but still running there)
sub peer_busy
{
	my ($n, $bg) = @_;
	return wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		connected_backends($n, q{state = 'active' AND query LIKE 'SELECT marsql.peer_run_task%'},
			owner => $bg->{pid}) > 0;
	});
}

{
	my $bg = start_bg($coord, q{SET marsql.executors = 'peers'},
		q{SELECT 'same:' || marsql.allclose(marsql.to_tensor(marsql.matmul(a, b)), r, 0, 1e-12) FROM big, big_local});
	ok(peer_busy($peer{p1}, $bg), 'p1 runs a tile task');
	$peer{p1}->stop('immediate');
	finish_bg($bg);
	like($bg->{out}, qr/^same:true$/m, 'p1 stopped mid-matmul: the product completes on p2, the same as local')
	  or diag($bg->{err});
	like($bg->{err}, qr/WARNING:.*failed on peer "p1".*running it again on another executor/,
		'a WARNING names the failed peer');
}
{
	$peer{p1}->start;
	my $bg = start_bg($coord, q{SET marsql.executors = 'peers'}, q{SET marsql.task_retries = 0},
		q{SELECT 'same:' || marsql.allclose(marsql.to_tensor(marsql.matmul(a, b)), r, 0, 1e-12) FROM big, big_local});
	ok(peer_busy($peer{p1}, $bg), 'p1 (restarted) runs a tile task');
	$peer{p1}->stop('immediate');
	finish_bg($bg);
	unlike($bg->{out}, qr/same:/, 'with marsql.task_retries = 0 the matmul fails');
	like($bg->{err}, qr/ERROR:  (08006|57P01|57P02|57P03): .*marsql peer "p1"|ERROR:  .*\n(.*\n)*.*on peer "p1"/,
		'with an error naming the peer') or diag($bg->{err});
	$peer{p1}->start;
	is($coord->safe_psql('postgres', q{SELECT marsql.map('sq(int)', ARRAY[1,2,3,4,5,6,7,8], 0, executors => 'peers')}),
		'{1,4,9,16,25,36,49,64}', 'after the peer restarts, the coordinator reconnects');
}

# fan-out calls of a VOLATILE function run again only when it is marked
for my $marked (0, 1)
{
	$coord->safe_psql('postgres', $marked ? q{ALTER FUNCTION slow(int) SET marsql.retryable = on}
		: q{ALTER FUNCTION slow(int) RESET marsql.retryable});
	my $bg = start_bg($coord, q{SET marsql.executors = 'peers'},
		q{SELECT 'calls:' || array_length(marsql.map('slow(int)', array(SELECT generate_series(1, 40)), 0), 1)});
	ok(peer_busy($peer{p1}, $bg), 'p1 runs a call');
	$peer{p1}->stop('immediate');
	finish_bg($bg);
	if ($marked)
	{
		like($bg->{out}, qr/^calls:40$/m, 'marked marsql.retryable: the calls p1 lost run again on p2')
		  or diag($bg->{err});
		like($bg->{err}, qr/WARNING:.*slow\(integer\)\) failed on peer "p1"/, 'with a WARNING naming p1');
	}
	else
	{
		unlike($bg->{out}, qr/calls:/, 'a VOLATILE call lost with its peer is not run again');
		like($bg->{err}, qr/ERROR:.*lost the connection to marsql peer "p1"/, 'the error names the peer')
		  or diag($bg->{err});
	}
	$peer{p1}->start;
}
$coord->safe_psql('postgres', q{ALTER FUNCTION slow(int) RESET marsql.retryable});

# ------------------------------------------------------- a frozen peer

sub peer_processes
{
	my ($n) = @_;
	my $pm = postmaster_pid($n);
	my @pids = ($pm);
	opendir(my $dh, '/proc') or return @pids;
	for my $pid (grep { /^\d+$/ } readdir $dh)
	{
		open(my $fh, '<', "/proc/$pid/stat") or next;
		my $stat = <$fh>;
		close $fh;
		push @pids, $pid if defined $stat && $stat =~ /^\d+ \(.*\) \S+ (\d+)/s && $1 == $pm;
	}
	closedir $dh;
	return @pids;
}

{
	# p2 frozen whole (postmaster and backends) while it runs a task
	my $bg = start_bg($coord, q{SET marsql.executors = 'peers'}, q{SET marsql.task_retries = 0},
		q{SET marsql.peer_timeout = '2s'}, q{SET marsql.peer_cleanup_timeout = '1s'},
		q{SELECT marsql.map('slow(int)', array(SELECT generate_series(1, 40)), 0)});
	ok(peer_busy($peer{p2}, $bg), 'p2 runs a call');
	my @pids = peer_processes($peer{p2});
	kill 'STOP', @pids;
	my $start = time();
	finish_bg($bg);
	kill 'CONT', @pids;
	my $elapsed = time() - $start;
	like($bg->{err}, qr/marsql peer "p2" did not finish a task within marsql\.peer_timeout \(2000 ms\)/,
		'a frozen peer: error at marsql.peer_timeout') or diag($bg->{err});
	cmp_ok($elapsed, '<', 5, sprintf('the frozen peer held the coordinator %.1f s (timeout 2 s, then at most 1 s of cleanup)', $elapsed));
}
{
	my $bg = start_bg($coord, q{SET marsql.executors = 'peers'}, q{SET marsql.peer_cleanup_timeout = '1s'},
		q{SELECT marsql.map('slow(int)', array(SELECT generate_series(1, 400)), 0)});
	ok(peer_busy($peer{p2}, $bg), 'p2 runs a call');
	my @pids = peer_processes($peer{p2});
	kill 'STOP', @pids;
	sleep 1;
	my $start = time();
	$coord->safe_psql('postgres', "SELECT pg_cancel_backend($bg->{pid})");
	finish_bg($bg);
	my $elapsed = time() - $start;
	kill 'CONT', @pids;
	like($bg->{err}, qr/canceling statement due to user request/, 'a coordinator waiting on a frozen peer is cancellable');
	cmp_ok($elapsed, '<', 4, sprintf('cancel returned in %.1f s (cleanup timeout 1 s)', $elapsed));
}

# ------------------------------------------------------ refused connect

{
	my $free = PostgreSQL::Test::Cluster::get_free_port();
	$coord->safe_psql('postgres', qq{
		CREATE SERVER refused FOREIGN DATA WRAPPER marsql OPTIONS (host '127.0.0.1', port '$free', connect_timeout '5');
		CREATE USER MAPPING FOR CURRENT_USER SERVER refused;
	});
	my $start = time();
	($ret, $out, $err) = $coord->psql('postgres', q{
		SET marsql.executors = 'peers'; SET marsql.peer_servers = 'refused';
		SELECT marsql.map('sq(int)', ARRAY[1,2,3], 0)});
	my $elapsed = time() - $start;
	like($err, qr/ERROR:  could not connect to marsql peer "refused"/, 'the only peer refuses: could not connect');
	cmp_ok($elapsed, '<', 5, sprintf('reported in %.1f s, within the connect timeout', $elapsed));
	($ret, $out, $err) = $coord->psql('postgres', q{
		SET marsql.executors = 'peers'; SELECT marsql.map('slow(int)', ARRAY[1,2,3,4,5,6,7,8,9,10,11,12], 0)});
	is($out, '{1,2,3,4,5,6,7,8,9,10,11,12}', 'with other peers: they run the tasks');
	like($err, qr/WARNING:  marsql map: peer "refused" is left out of this job/, 'with a WARNING naming the refused peer');
	like($coord->safe_psql('postgres', q{SELECT result FROM marsql.check_peers() WHERE peer = 'refused'}),
		qr/could not connect to marsql peer "refused".*Connection refused/s, 'check_peers shows why');
	$coord->safe_psql('postgres', 'DROP SERVER refused CASCADE');
}

# ------------------------------------------- 500 fan-outs, no leak

sub marsql_connections
{
	return join(',', map { $peer{$_}->safe_psql('postgres',
		q{SELECT count(*) FROM pg_stat_activity WHERE application_name = 'marsql'}) } sort keys %peer);
}

# Runs the statements in a background session of the coordinator and,
# until it is done, samples on each peer the backends that serve a
# connection the session holds (connected_backends) and the marsql rows
# of pg_stat_activity, which also lists, for a while, the backend of a
# connection the session has just closed: it is still exiting, or still
# running its task until its next client-connection check.  Returns the
# session and the most of each seen at once on one peer.
sub sample_connections
{
	my @sql = @_;
	my %probe = map { $_ => psql_session($peer{$_}) } keys %peer;
	my $bg = start_bg($coord, @sql);
	my ($held, $listed) = (0, 0);
	while ($bg->{h}->pumpable)
	{
		for my $name (keys %peer)
		{
			my $l = psql_query($probe{$name},
				q{SELECT count(*) FROM pg_stat_activity WHERE application_name = 'marsql'});
			my $h = connected_backends($peer{$name}, q{application_name = 'marsql'},
				owner => $bg->{pid}, session => $probe{$name});
			$listed = $l if $l > $listed;
			$held = $h if $h > $held;
		}
		$bg->{h}->pump_nb;
		usleep(20_000);
	}
	finish_bg($bg);
	for my $s (values %probe)
	{
		$s->{in} .= "\\q\n";
		$s->{h}->finish;
	}
	return ($bg, $held, $listed);
}

{
	wait_until(10, sub { marsql_connections() eq '0,0' });
	my @sql = (q{SET marsql.executors = 'peers'}, q{SET marsql.max_peer_connections = 2});
	for my $i (1 .. 500)
	{
		if ($i % 25 == 0)
		{
			push @sql, q{SET statement_timeout = '100ms'},
			  q{SELECT marsql.map('slow(int)', ARRAY[1,2,3,4,5,6], 0)}, q{RESET statement_timeout};
		}
		elsif ($i % 5 == 0)
		{
			push @sql, q{SELECT marsql.map('boom(int)', ARRAY[1,2,3], 0)};
		}
		else
		{
			push @sql, qq{SELECT marsql.map('sq(int)', ARRAY[$i, $i + 1], 0)};
		}
	}
	push @sql, q{SELECT 'held:' || count(*) FROM marsql.peer_connections()};
	push @sql, q{SELECT 'busy:' || count(*) FROM marsql.peer_connections() WHERE state <> 'idle' OR in_use};
	my ($bg, $most, $listed) = sample_connections(@sql);
	my @errors = $bg->{err} =~ /^ERROR:/mg;
	my @cancels = $bg->{err} =~ /canceling statement due to statement timeout/mg;
	is(scalar(@cancels), 20, '20 of the 500 fan-outs were cancelled') or diag($bg->{err});
	is(scalar(@errors), 100, '80 failed with the function\'s error, 20 with the cancel') or diag($bg->{err});
	my @results = $bg->{out} =~ /^\{\d+,\d+\}$/mg;
	is(scalar(@results), 400, '400 succeeded');
	like($bg->{out}, qr/^held:[0-4]$/m, 'the session holds at most 2 connections per peer');
	like($bg->{out}, qr/^busy:0$/m, 'none is left busy');
	cmp_ok($most, '<=', 2,
		"no peer saw more than 2 of its connections at once (most: $most; pg_stat_activity listed up to $listed)");
	my $left;
	wait_until(10, sub { ($left = marsql_connections()) eq '0,0' });
	is($left, '0,0', 'the session ended: no connection left on the peers');
}

# Connections dropped while their peer backends run on: stubborn() shrugs
# off the cancel, so once marsql.peer_cleanup_timeout has passed the
# coordinator closes its four connections, and the next fan-out opens new
# ones while the peers still list the old backends (until their next
# client-connection check, within a second).  Those are not held.
{
	my ($bg, $most, $listed) = sample_connections(
		q{SET marsql.executors = 'peers'}, q{SET marsql.max_peer_connections = 2},
		q{SET marsql.peer_cleanup_timeout = '100ms'},
		q{SET statement_timeout = '300ms'}, q{SELECT marsql.map('stubborn(int)', ARRAY[1,2,3,4], 0)},
		q{RESET statement_timeout},
		q{SELECT 'sq:' || marsql.map('sq(int)', ARRAY[1,2,3,4], 0)::text},
		q{SELECT pg_sleep(1.5)},
		q{SELECT 'held:' || count(*) FROM marsql.peer_connections()});
	like($bg->{err}, qr/canceling statement due to statement timeout/, 'dropped connections: the fan-out was cancelled');
	like($bg->{out}, qr/^sq:\{1,4,9,16\}$/m, 'dropped connections: the next fan-out runs on new ones');
	like($bg->{out}, qr/^held:[0-4]$/m, 'dropped connections: the session holds at most 2 per peer');
	cmp_ok($most, '<=', 2,
		"dropped connections: no peer saw more than 2 held at once (most: $most; pg_stat_activity listed up to $listed)");
}

# ------------------------------------------------- a non-superuser

$coord->safe_psql('postgres', q{
	CREATE ROLE alice LOGIN;
	GRANT USAGE ON SCHEMA marsql TO alice;
	GRANT SELECT ON m TO alice;
});
$_->safe_psql('postgres', q{CREATE ROLE bob LOGIN PASSWORD 'bobs secret'; GRANT USAGE ON SCHEMA marsql TO bob})
  for values %peer;
my $as_alice = q{SET ROLE alice; SET marsql.executors = 'peers'; };
($ret, $out, $err) = $coord->psql('postgres', $as_alice . q{SELECT marsql.map('who(int)', ARRAY[1], NULL::text)});
like($err, qr/permission denied for foreign server p1/, 'without USAGE: refused');
$coord->safe_psql('postgres', q{
	GRANT USAGE ON FOREIGN SERVER p1, p2 TO alice;
	CREATE USER MAPPING FOR alice SERVER p1 OPTIONS (user 'bob');
	CREATE USER MAPPING FOR alice SERVER p2 OPTIONS (user 'bob');
});
($ret, $out, $err) = $coord->psql('postgres', $as_alice . q{SELECT marsql.map('who(int)', ARRAY[1], NULL::text)});
like($err, qr/password is required.*\n.*Non-superusers must provide a password/, 'without a password: refused');
$coord->safe_psql('postgres', q{
	ALTER USER MAPPING FOR alice SERVER p1 OPTIONS (ADD password 'bobs secret');
	ALTER USER MAPPING FOR alice SERVER p2 OPTIONS (ADD password 'bobs secret');
});
($ret, $out, $err) = $coord->psql('postgres', $as_alice . q{SELECT marsql.map('who(int)', ARRAY[1], NULL::text)});
like($err, qr/password is required.*\n.*if it does not request a password/,
	'a peer that does not ask for the password (trust): refused');
$coord->safe_psql('postgres', q{
	ALTER USER MAPPING FOR alice SERVER p1 OPTIONS (ADD password_required 'false');
	ALTER USER MAPPING FOR alice SERVER p2 OPTIONS (ADD password_required 'false');
});
($ret, $out, $err) = $coord->psql('postgres', $as_alice . q{SELECT marsql.map('who(int)', ARRAY[1], NULL::text)});
like($err, qr/permission denied for function peer_run_task.*\n.*on peer "p[12]"/,
	'the mapped role may not send tasks until the peer grants it');
$_->safe_psql('postgres', q{GRANT EXECUTE ON FUNCTION marsql.peer_run_task(text, bytea, text, text, boolean) TO bob})
  for values %peer;
is($coord->safe_psql('postgres', $as_alice . q{SELECT marsql.map('who(int)', ARRAY[1, 2], NULL::text)}),
	'{bob,bob}', 'password_required = false set by a superuser: the calls run as the mapped user');
unlike($coord->safe_psql('postgres', q{SET ROLE alice; SELECT * FROM marsql.peers; SELECT * FROM marsql.check_peers();}),
	qr/bobs secret/, 'no view or function shows the password');

$coord->stop;
$_->stop for values %peer;
done_testing();
