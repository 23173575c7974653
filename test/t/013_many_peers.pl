# Peers are not interchangeable: four small peer clusters of capacities
# 1, 1, 2 and 3, so that scheduling that assumes two peers cannot pass.
# - k-NN over a table partitioned across the four peers (and the
#   coordinator with executors => 'all'), each run in a fresh session: a
#   task pinned to a peer always gets a connection to it, however many
#   other peers sit idle; every run returns (statement_timeout turns a hang
#   into a failure) with the whole table's result;
# - chunked matmul and fan-out spread over all four: each peer runs some
#   tasks, none more at once than its capacity;
# - a peer that is down fails the partitioned k-NN with its own error;
# - a peer stopped ('immediate') mid-fan-out: the calls it lost run again
#   elsewhere, and every WARNING names the peer, with a DETAIL made of
#   whole sentences (no relayed shutdown notice, no "invalid socket").
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $small = q{
shared_buffers = 16MB
max_connections = 20
max_worker_processes = 4
marsql.blas_threads = 1
marsql.max_workers = 1
track_functions = all
listen_addresses = '127.0.0.1'
};
my $coord = worker_node('coordinator', "marsql.blas_threads = 1\n");
my @names = qw(p1 p2 p3 p4);
my %capacity = (p1 => 1, p2 => 1, p3 => 2, p4 => 3);
# p1 has marsql loaded in every backend, so its tasks start at once; p2
# loads it as each connection starts, so its connections take longest:
# p1 is done with its partition before p2 can take one
my %conf = (p1 => "shared_preload_libraries = 'marsql'\n", p2 => "session_preload_libraries = 'marsql'\n");
# (the coordinator connects over TCP, so that the tasks of its session's
# connections can be told from others: connected_backends in MarsqlTap.pm)
my %peer = map { $_ => worker_node($_, $small . ($conf{$_} // '')) } @names;

my $functions = q{
	CREATE FUNCTION sq(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * x';
	CREATE FUNCTION slow(x int) RETURNS int LANGUAGE sql AS 'SELECT x FROM pg_sleep(0.2)';
};
$_->safe_psql('postgres', $functions) for ($coord, values %peer);
for my $name (@names)
{
	$coord->safe_psql('postgres', sprintf(q{
		CREATE SERVER %s FOREIGN DATA WRAPPER marsql
			OPTIONS (host '127.0.0.1', port '%d', dbname 'postgres', capacity '%d', connect_timeout '5');
		CREATE USER MAPPING FOR CURRENT_USER SERVER %s;
	}, $name, $peer{$name}->port, $capacity{$name}, $name));
}
is($coord->safe_psql('postgres',
	q{SELECT string_agg(name || ':' || capacity || ':' || reachable, ',' ORDER BY name) FROM marsql.peers}),
	'p1:1:true,p2:1:true,p3:2:true,p4:3:true', 'four peers of capacities 1, 1, 2, 3');

# ------------------------------------------------- partitioned k-NN

# the same seeded rows everywhere; peer i keeps the rows with id % 5 = i,
# the coordinator those with id % 5 = 0
my $rows = q{SELECT "row" AS id, "values"::real[] AS emb
	FROM marsql.rows(marsql.random('{3000,16}', 5, 'normal', 'float32'))};
for my $i (1 .. 4)
{
	$peer{"p$i"}->safe_psql('postgres', qq{CREATE TABLE items AS $rows WHERE "row" % 5 = $i});
}
$coord->safe_psql('postgres', qq{
	CREATE TABLE items_all AS $rows;
	CREATE TABLE items AS SELECT * FROM items_all WHERE id % 5 = 0;
	CREATE TABLE qs AS SELECT marsql.random('{40,16}', 6, 'normal', 'float32') AS q;
});
my $digest = q{SELECT md5(string_agg(query || ':' || rank || ':' || id || ':' || distance, ',' ORDER BY query, rank))};
my $whole = $coord->safe_psql('postgres', qq{$digest FROM qs, marsql.knn(q, 'items_all', 'emb', 'id', 5) k});
my $peers_only = $coord->safe_psql('postgres',
	qq{$digest FROM qs, marsql.knn(q, 'items_all', 'emb', 'id', 5, filter => 'id % 5 <> 0') k});

# Each run in a new session: with no cached connection, or after a k-NN
# on p1 alone left the session a connection to p1 only, which runs p1's
# partition at once and then sits idle while the other peers still need
# their first connection.  A hang is cancelled.
for my $run (1 .. 4)
{
	my $warm = $run > 2;
	for my $executors ('peers', 'all')
	{
		my $start = time();
		my $warmup = $warm ? q{
			SET marsql.peer_servers = 'p1';
			SELECT count(*) FROM qs, marsql.knn(q, 'items', 'emb', 'id', 5, executors => 'peers') k;
			RESET marsql.peer_servers;} : '';
		my ($ret, $out, $err) = $coord->psql('postgres', qq{
			SET statement_timeout = '20s';
			$warmup
			$digest FROM qs, marsql.knn(q, 'items', 'emb', 'id', 5, executors => '$executors') k},
			timeout => 60);
		is($out, ($warm ? "200\n" : '') . ($executors eq 'all' ? $whole : $peers_only),
			sprintf('run %d (%s), executors => %s: partitioned k-NN returns the whole table\'s result (%.1f s)',
				$run, $warm ? 'connected to p1' : 'no connection', $executors, time() - $start)) or diag($err);
	}
}

# ------------------------------------- chunked matmul and fan-out

$coord->safe_psql('postgres', q{
	CREATE TABLE m AS SELECT
		marsql.chunked_random('{600,400}', '{100,200}', 1, target => 'ma') AS a,
		marsql.chunked_random('{400,300}', '{200,100}', 2, target => 'mb') AS b;
	CREATE TABLE local_product AS SELECT marsql.to_tensor(marsql.matmul(a, b)) AS r FROM m;
});
sub peer_calls
{
	my ($n) = @_;
	return $n->safe_psql('postgres',
		q{SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions WHERE funcname = 'peer_run_task'});
}
my %before = map { $_ => peer_calls($peer{$_}) } @names;
is($coord->safe_psql('postgres', q{
	SET statement_timeout = '60s';
	SET marsql.executors = 'peers';
	SELECT marsql.allclose(marsql.to_tensor(marsql.matmul(a, b)), r, 0, 1e-12)
	FROM m, local_product}), 't', 'chunked matmul on the four peers: the local product');

# a fan-out of slow calls, sampling how many tasks each peer runs at once
# for the session (a task of an earlier session's connection, closed but
# still running there, is not one of them)
{
	my $bg = start_bg($coord, q{SET statement_timeout = '60s'}, q{SET marsql.executors = 'peers'},
		q{SELECT 'calls:' || array_length(marsql.map('slow(int)', array(SELECT generate_series(1, 60)), 0), 1)});
	my %most = map { $_ => 0 } @names;
	while ($bg->{h}->pumpable)
	{
		for my $name (@names)
		{
			my $c = connected_backends($peer{$name},
				q{state = 'active' AND query LIKE 'SELECT marsql.peer_run_task%'}, owner => $bg->{pid});
			$most{$name} = $c if $c > $most{$name};
		}
		$bg->{h}->pump_nb;
		usleep(30_000);
	}
	finish_bg($bg);
	like($bg->{out}, qr/^calls:60$/m, 'fan-out on the four peers') or diag($bg->{err});
	ok(!grep({ $most{$_} > $capacity{$_} } @names),
		'no peer ran more tasks at once than its capacity (' . join(', ', map { "$_: $most{$_}" } @names) . ')');
}
for my $name (@names)
{
	cmp_ok(peer_calls($peer{$name}), '>', $before{$name}, "$name ran some of the matmul and fan-out tasks");
}

# ------------------------------------------------------ a peer down

$peer{p2}->stop('immediate');
{
	my ($ret, $out, $err) = $coord->psql('postgres', qq{
		SET statement_timeout = '20s';
		$digest FROM qs, marsql.knn(q, 'items', 'emb', 'id', 5, executors => 'peers') k},
		timeout => 60);
	like($err, qr/ERROR:  could not connect to marsql peer "p2"/,
		'a partition\'s peer is down: the k-NN fails with that peer\'s error') or diag($err);
	unlike($err, qr/canceling statement/, 'and does not wait for it');
}
$peer{p2}->start;

# ------------------------------------- a peer stopped mid-fan-out

$coord->safe_psql('postgres', q{ALTER FUNCTION slow(int) SET marsql.retryable = on});
{
	my $bg = start_bg($coord, q{SET statement_timeout = '60s'}, q{SET marsql.executors = 'peers'},
		q{SELECT 'calls:' || array_length(marsql.map('slow(int)', array(SELECT generate_series(1, 80)), 0), 1)});
	ok(wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		connected_backends($peer{p4}, q{state = 'active' AND query LIKE 'SELECT marsql.peer_run_task%'},
			owner => $bg->{pid}) > 0;
	}), 'p4 runs calls');
	$peer{p4}->stop('immediate');
	finish_bg($bg);
	like($bg->{out}, qr/^calls:80$/m, 'p4 stopped mid-fan-out: its calls run again on the others')
	  or diag($bg->{err});
	my @warnings = $bg->{err} =~ /^WARNING:  (.*)$/mg;
	ok(@warnings > 0, 'with WARNINGs');
	my @anonymous = grep { !/peer "p4"/ } @warnings;
	is(join("\n", @anonymous), '', 'every WARNING names the peer');
	my @details = $bg->{err} =~ /^WARNING:  .*\n(?:LOCATION:.*\n)?DETAIL:  (.*(?:\n\t.*)*)$/mg;
	is(scalar(@details), scalar(@warnings), 'each with a DETAIL') or diag($bg->{err});
	my @unclean = grep { /invalid socket|\n/ || !/^[A-Z].*[.?!]$/ } @details;
	is(join("\n---\n", @unclean), '', 'every DETAIL is whole sentences on one line') or diag($bg->{err});
	like($details[0] // '', qr/^Lost the connection to marsql peer "p4"\. The peer reported: terminating connection due to immediate shutdown command\.$/,
		'the DETAIL says why the connection was lost');
}

$coord->stop;
$_->stop for grep { $_->name ne 'p4' } values %peer;
done_testing();
