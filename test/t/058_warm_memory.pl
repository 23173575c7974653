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
#   workers (2 warm, 0 started).
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
});
$node->safe_psql('postgres', q{
	CREATE FUNCTION big_call(x int) RETURNS double precision LANGUAGE sql IMMUTABLE
		AS $$ SELECT marsql.item(marsql.sum(marsql.ones(ARRAY[4096, 4096]))) + x $$;
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

$node->stop;
done_testing();
