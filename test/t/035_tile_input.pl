# Tile inputs read by workers (docs/chunked.md, "Who reads the tiles"):
# - committed permanent operands travel as coordinates: the workers read
#   them, the product matches the in-value one, and the stats show
#   executor reads and cache hits;
# - a worker reads as of the caller's snapshot: a REPEATABLE READ caller
#   keeps seeing the values it saw first after another session updated a
#   tile, committed and vacuumed, and a READ COMMITTED statement whose
#   operand is rewritten while it runs sees its operand whole, either
#   before or after, never a mixture;
# - the caller's lock keeps a concurrent DROP out until it commits; an
#   operand dropped before the job is refused cleanly (42P01);
# - workers run as the caller's role: no SELECT privilege, no product.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $node = worker_node('tiles', q{
shared_preload_libraries = 'marsql'
marsql.blas_threads = 1
});
# a restart to load the preloaded library
$node->restart;

$node->safe_psql('postgres', q{
	SELECT marsql.chunked_random('{256,256}', '{64,64}', 1, target => 'a');
	SELECT marsql.chunked_random('{256,256}', '{64,64}', 2, target => 'b');
	CREATE SEQUENCE go;
});

# ------------------------------------------------ workers read the operands

my $out = $node->safe_psql('postgres', q{
	SELECT marsql.allclose(marsql.to_tensor(marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor)),
		 marsql.matmul(marsql.to_tensor('a'::marsql.chunked_tensor), marsql.to_tensor('b'::marsql.chunked_tensor)));
	SELECT inputs, executor_reads > 0, executor_hits > 0, tile_reads + cache_hits
	FROM marsql.tile_cache_stats();
});
is($out, "t\nby reference|t|t|128", 'workers read committed operands by reference, with cache hits');

$out = $node->safe_psql('postgres', q{
	SELECT e FROM marsql.explain($$SELECT marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor)$$,
								 run => true) e
	WHERE e ~ '^  (a|b): ' OR e ~ 'tile reads' OR e ~ 'on worker' LIMIT 4;
});
like($out, qr/^  a: .* in a, read by the executors$/m, 'explain: a read by the executors');
like($out, qr/^  tile reads: \d+, cache hits: \d+ \(hit rate [0-9.]+%\); reading took [0-9.]+ s in the calling backend, [0-9.]+ s in executors$/m,
	'explain: tile reads and the hit rate');
like($out, qr/on worker \d/, 'explain: tasks ran on workers');

# ------------------------------- a REPEATABLE READ caller keeps its snapshot

my $bg = start_bg($node,
	q{BEGIN ISOLATION LEVEL REPEATABLE READ},
	q{SET search_path = marsql, public},
	q{CREATE TEMP TABLE first AS SELECT to_tensor(matmul('a'::chunked_tensor, 'b'::chunked_tensor)) AS p},
	q{SELECT 'waiting'},
	q{DO $$BEGIN WHILE (SELECT last_value FROM go) < 2 LOOP PERFORM pg_sleep(0.05); END LOOP; END$$},
	q{SELECT 'same ' || (marsql.to_tensor(marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor)) = p) FROM first},
	q{SELECT 'stats ' || inputs || ' ' || (executor_reads > 0) FROM marsql.tile_cache_stats()},
	q{COMMIT},
	q{SELECT 'after ' || (marsql.to_tensor(marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor)) = p) FROM first});
ok(wait_until(60, sub { $bg->{h}->pump_nb; $bg->{out} =~ /^waiting$/m; }), 'the REPEATABLE READ caller has its snapshot');
$node->safe_psql('postgres', q{SET search_path = marsql, public; UPDATE a SET data = data * 2 WHERE tile = '{0,0}'});
$node->safe_psql('postgres', q{VACUUM a});
$node->safe_psql('postgres', q{SELECT nextval('go'); SELECT nextval('go')});
finish_bg($bg);
like($bg->{out}, qr/^same true$/m, 'workers read as of the caller\'s snapshot, after a committed UPDATE and VACUUM')
  or diag($bg->{err});
like($bg->{out}, qr/^stats by reference true$/m, 'that product was read by workers by reference');
like($bg->{out}, qr/^after false$/m, 'after COMMIT the caller sees the update');

# ---------------- a READ COMMITTED statement sees its operand whole, once

$node->safe_psql('postgres', q{
	SELECT marsql.chunked_random('{512,512}', '{32,32}', 3, target => 'c');
	SELECT marsql.chunked_random('{512,512}', '{32,32}', 4, target => 'd');
	CREATE TABLE old_p AS SELECT marsql.to_tensor(marsql.matmul('c'::marsql.chunked_tensor,
		'd'::marsql.chunked_tensor)) AS p;
});
$bg = start_bg($node,
	q{CREATE TABLE during AS SELECT marsql.to_tensor(marsql.matmul('c'::marsql.chunked_tensor, 'd'::marsql.chunked_tensor)) AS t});
usleep(300_000);
$node->safe_psql('postgres', q{SET search_path = marsql, public; UPDATE c SET data = data * 2});
finish_bg($bg);
$out = $node->safe_psql('postgres', q{
	SET search_path = marsql, public;
	SELECT (SELECT t FROM during) = (SELECT p FROM old_p),
		   (SELECT t FROM during) = to_tensor(matmul('c'::chunked_tensor, 'd'::chunked_tensor));
});
ok($out eq 't|f' || $out eq 'f|t', "a product made while its operand was rewritten is all old or all new ($out)")
  or diag($bg->{err});

# ------------------------------------------------------- DROP and privileges

$bg = start_bg($node,
	q{BEGIN},
	q{SELECT 'ran ' || (marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor) IS NOT NULL)},
	q{SELECT 'holding'},
	q{DO $$BEGIN WHILE (SELECT last_value FROM go) < 3 LOOP PERFORM pg_sleep(0.05); END LOOP; END$$},
	q{COMMIT});
ok(wait_until(60, sub { $bg->{h}->pump_nb; $bg->{out} =~ /^holding$/m; }), 'a caller holds its operands');
my ($rc, $stdout, $stderr) = $node->psql('postgres', q{SET lock_timeout = '200ms'; DROP TABLE a});
like($stderr, qr/lock timeout/, 'a concurrent DROP waits for the caller\'s transaction');
$node->safe_psql('postgres', q{SELECT nextval('go')});
finish_bg($bg);
like($bg->{out}, qr/^ran true$/m, 'the job ran') or diag($bg->{err});

# a DROP that queues during a caller's transaction: the workers of the
# caller's next job must not queue behind it (the DROP waits for the
# caller, the caller for its workers): the job stops with 55P03
$bg = start_bg($node,
	q{BEGIN},
	q{SELECT 'first ' || (marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor) IS NOT NULL)},
	q{DO $$BEGIN WHILE (SELECT last_value FROM go) < 4 LOOP PERFORM pg_sleep(0.05); END LOOP; END$$},
	q{SELECT 'second ' || (marsql.matmul('a'::marsql.chunked_tensor, 'b'::marsql.chunked_tensor) IS NOT NULL)},
	q{ROLLBACK});
ok(wait_until(60, sub { $bg->{h}->pump_nb; $bg->{out} =~ /^first true$/m; }), 'a caller ran a job in its transaction');
my $drop = start_bg($node, q{SET lock_timeout = '60s'}, q{DROP TABLE b}, q{SELECT 'dropped'});
ok(wait_until(60, sub {
	$node->safe_psql('postgres', qq{SELECT count(*) FROM pg_locks WHERE pid = $drop->{pid} AND NOT granted}) eq '1';
}), 'a DROP waits for the caller');
$node->safe_psql('postgres', q{SELECT nextval('go')});
finish_bg($bg);
like($bg->{err}, qr/55P03: a marsql worker could not lock table "(a|b)" to read its tiles/,
	'the next job stops instead of waiting behind the DROP');
finish_bg($drop);
like($drop->{out}, qr/^dropped$/m, 'then the DROP goes ahead') or diag($drop->{err});

$node->safe_psql('postgres', q{
	CREATE ROLE reader LOGIN;
	GRANT USAGE ON SCHEMA marsql TO reader;
	GRANT SELECT ON d TO reader;
});
($rc, $stdout, $stderr) = $node->psql('postgres',
	q{\set VERBOSITY verbose
	  SET ROLE reader; SELECT marsql.matmul('c'::marsql.chunked_tensor, 'd'::marsql.chunked_tensor) IS NOT NULL});
like($stderr, qr/42501: permission denied for table c/, 'no SELECT on an operand: refused');

$node->safe_psql('postgres', q{CREATE TABLE held AS SELECT 'c'::marsql.chunked_tensor AS c; DROP TABLE c});
($rc, $stdout, $stderr) = $node->psql('postgres',
	q{\set VERBOSITY verbose
	  SELECT marsql.matmul(c, 'd'::marsql.chunked_tensor) FROM held});
like($stderr, qr/42P01: the storage table of this chunked_tensor no longer exists/, 'a dropped operand errors cleanly');

$node->stop;
done_testing();
