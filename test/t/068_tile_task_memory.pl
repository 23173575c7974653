# A warm worker's tile tasks reuse their memory (docs/chunked.md, "Who
# reads the tiles"; docs/cache.md, "Retained memory"):
# - a worker applies marsql.retained_memory before its first task, so a
#   task's output and the tuple its result tile is written through come
#   back from the heap task after task instead of fresh pages;
# - a result tile is written with a generic plan, never folded into a
#   Const (which copied it twice more into fresh memory);
# so the same product run again in a session costs its warm workers
# few page faults: fewer than one output's pages per task (the fewest of
# three jobs), where each task used to fault in about three times its
# output (49,000 faults for these 4 tasks; now 0 to 4,100).
# The product stays the in-value one, and each input tile is still read
# once per job.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

# small shared buffers, so that the second job finds every buffer page
# already mapped in both workers (the faults left are the tasks' own)
my $node = worker_node('taskmem', q{
shared_preload_libraries = 'marsql'
shared_buffers = 32MB
marsql.blas_threads = 1
marsql.inline_below = 0
});
$node->restart;

# 4096 x 4096 float32 in tiles of 2048 x 2048: 16 MB tiles, 4 tasks of
# two tile pairs each, 16 MB outputs (glibc maps a buffer that large
# afresh on every call unless told to keep it)
$node->safe_psql('postgres', q{
	SELECT marsql.chunked_random('{4096,4096}', '{2048,2048}', 1, dtype => 'float32', target => 'a');
	SELECT marsql.chunked_random('{4096,4096}', '{2048,2048}', 2, dtype => 'float32', target => 'b');
});

my $s = psql_session($node);
my $q = q{SELECT marsql.drop(marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor))};

# two warm-up jobs: the workers start, load OpenBLAS, map the buffers
psql_query($s, $q) for 1 .. 2;
my @pids = split /\n/, psql_query($s,
	q{SELECT pid FROM pg_stat_activity WHERE backend_type = 'marsql worker' ORDER BY pid});
is(scalar(@pids), 2, 'two warm workers');

sub minflt
{
	my $sum = 0;
	for my $pid (@pids)
	{
		open(my $fh, '<', "/proc/$pid/stat") or return -1;
		my $stat = <$fh>;
		close $fh;
		# the fields after the command name (which may hold spaces)
		my @f = split / /, substr($stat, rindex($stat, ')') + 2);
		$sum += $f[7];		# minflt, field 10 of stat
	}
	return $sum;
}

# the fewest of three jobs: a job may still find pages of the shared
# cache's area this worker never touched (tiles the other worker loaded
# where this one had not looked before), which has nothing to do with the
# tasks' own memory
my $faults;
for (1 .. 3)
{
	my $before = minflt();
	psql_query($s, $q);
	my $f = minflt() - $before;
	$faults = $f if !defined($faults) || $f < $faults;
}
is(psql_query($s,
	q{SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'marsql worker' AND pid IN (}
	  . join(',', @pids) . ')'), '2', 'the same two workers ran the job');
# one 16 MB result tile is 4096 pages; before, every task faulted in its
# output (twice its size: a doubled buffer), two copies of it in a Const
# and the tuple: about 12,000 pages a task
cmp_ok($faults, '<', 4 * 4096,
	"a warm job's workers fault in less than one output's pages per task ($faults minor faults for 4 tasks, fewest of 3 jobs)");

is(psql_query($s, q{
	SELECT tile_reads || ' ' || inputs FROM marsql.tile_cache_stats()}),
	'8 by reference', 'each of the 8 input tiles read once in the job');
is(psql_query($s, q{
	SELECT marsql.allclose(marsql.to_tensor(marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor)),
		 marsql.matmul(marsql.to_tensor('a'::marsql.chunked_tensor), marsql.to_tensor('b'::marsql.chunked_tensor)),
		 rtol => 1e-4)}),
	't', 'the product is the in-value one');

$s->{in} .= "\\q\n";
$s->{h}->finish;
$node->stop;
done_testing();
