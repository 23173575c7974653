# What a session's warm (parked) workers keep of memory between jobs
# (marsql.worker_idle_timeout).  A parked worker is a backend between
# calls: what its job freed goes back to the kernel at the end of the task's
# transaction beyond marsql.retained_memory, so its private memory while it
# waits is bounded by that setting plus what it still uses (its tile cache
# is freed when it is parked).  Each call of the job below allocates and
# frees a 128 MB tensor in a worker; the workers' private memory (RssAnon)
# is sampled while the job runs and again once they are parked:
# - with marsql.retained_memory = 16MB a parked worker keeps under 64 MB;
# - with the default (256 MB) it keeps under 256 MB + 48 MB;
# - marsql.last_job() says the second job of the session found the warm
#   workers (2 warm, 0 started);
# - sessions one after another, each keeping its workers idle between its
#   two jobs, with marsql.max_workers_total = 2: each session's exit gives
#   its idle workers' places back, so every next session gets both
#   workers (TAP 012 runs its sessions with worker_idle_timeout = 0, the
#   cold path).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $node = worker_node('warm_memory', q{
marsql.worker_idle_timeout = '5min'
marsql.max_workers_total = 2
});
$node->safe_psql('postgres', q{
	CREATE FUNCTION big_call(x int) RETURNS double precision LANGUAGE sql IMMUTABLE
		AS $$ SELECT marsql.item(marsql.sum(marsql.ones(ARRAY[4096, 4096]), NULL)) + x $$;
});

# the largest private memory (MB) of any of the node's marsql workers now
sub workers_anon
{
	my $max = 0;
	for my $w (os_workers($node))
	{
		my ($anon) = process_memory($w);
		$max = $anon if $anon > $max;
	}
	return int($max / 1024);
}

# runs the job twice in one session with the given retained_memory and
# returns the peak worker memory while it ran, once parked, and what
# marsql.last_job() said of the second run
sub job_then_parked
{
	my ($retained) = @_;
	my $bg = start_bg($node,
		"SET marsql.retained_memory = '$retained'",
		q{SELECT 'first ' || array_to_string(marsql.map('big_call(int)', ARRAY[1, 2], 0::float8), ',')},
		q{SELECT 'second ' || array_to_string(marsql.map('big_call(int)', ARRAY[1, 2], 0::float8), ',')},
		q{SELECT 'how ' || how FROM marsql.last_job()},
		q{SELECT 'parked'},
		q{SELECT pg_sleep(60)});
	my $peak = 0;
	until ($bg->{out} =~ /^parked$/m)
	{
		my $now = workers_anon();
		$peak = $now if $now > $peak;
		$bg->{h}->pump_nb;
		die "the session ended early: $bg->{err}" unless $bg->{h}->pumpable;
		usleep(20_000);
	}
	# the job is over and its workers parked: give them a moment to settle
	usleep(200_000);
	my $parked = workers_anon();
	my $count = scalar(os_workers($node));
	$node->safe_psql('postgres', "SELECT pg_terminate_backend($bg->{pid})");
	finish_bg($bg);
	no_workers_left($node, "after the session with retained_memory $retained", 10);
	return ($peak, $parked, $count, $bg->{out});
}

{
	my ($peak, $parked, $count, $out) = job_then_parked('16MB');
	like($out, qr/^first 16777217,16777218$/m, 'the job ran');
	like($out, qr/^how on 2 workers: 2 warm \(reused\), 0 started, no start-up; no estimate of its work$/m,
		'the second job of the session took the warm workers');
	is($count, 2, 'two workers are parked after the job');
	diag("retained_memory 16MB: worker peak $peak MB while the job ran, $parked MB once parked");
	cmp_ok($peak, '>', 100, 'a worker held the 128 MB tensor while it ran');
	cmp_ok($parked, '<', 64, 'a parked worker keeps under 64 MB of private memory');
}

{
	my ($peak, $parked, $count) = job_then_parked('256MB');
	is($count, 2, 'two workers are parked after the job (default retained_memory)');
	diag("retained_memory 256MB: worker peak $peak MB while the job ran, $parked MB once parked");
	cmp_ok($parked, '<', 256 + 48, 'a parked worker keeps under retained_memory + 48 MB');
}

# sessions one after another, each with warm workers between its jobs
{
	my $n = 4;
	# psql's \c opens the next session before the last one's backend has
	# exited, so each session first waits (up to 10 s) until no other
	# client backend is left: a backend leaves pg_stat_activity after its
	# exit callbacks, among them the one that frees its idle workers' places
	my $wait = q{DO $$ BEGIN FOR i IN 1 .. 1000 LOOP
		EXIT WHEN NOT EXISTS (SELECT FROM pg_stat_activity
							  WHERE backend_type = 'client backend' AND pid <> pg_backend_pid());
		PERFORM pg_sleep(0.01); END LOOP; END $$;};
	my $script = join("\n\\c postgres\n",
		map { "$wait\nSELECT marsql.map('big_call(int)', ARRAY[$_, $_ + 1], 0::float8) IS NOT NULL;\n"
			  . "SELECT 'first ' || started_workers FROM marsql.last_job();\n"
			  . "SELECT marsql.map('big_call(int)', ARRAY[$_, $_ + 1], 0::float8) IS NOT NULL;\n"
			  . "SELECT 'second warm ' || warm_workers || ' started ' || started_workers FROM marsql.last_job();" }
		  1 .. $n);
	my ($ret, $out, $err) = $node->psql('postgres', $script);
	my @first = $out =~ /^first 2$/mg;
	my @second = $out =~ /^second warm 2 started 0$/mg;
	is(scalar(@first), $n, "$n sessions one after another: each first job started both workers") or diag($out, $err);
	is(scalar(@second), $n, 'each second job ran on the session\'s warm workers') or diag($out);
	unlike($err, qr/ERROR|background workers started/, 'none failed, none ran short of workers') or diag($err);
	no_workers_left($node, 'after the last session', 10);
}

$node->stop;
done_testing();
