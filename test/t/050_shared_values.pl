# The shared tier of the resident value cache across sessions
# (docs/cache.md, "The shared tier"): a 16 MB stored tensor read by one
# session serves every new session of the same database from shared memory,
# held once, and every change of the stored value (UPDATE, rollback,
# DELETE + VACUUM, TRUNCATE, VACUUM FULL, CLUSTER, DROP) gives each session
# the value its snapshot names, never a stale one.  Pins die with their
# backend (pg_terminate_backend, SIGKILL and the crash restart); the tier
# works with and without shared_preload_libraries, and
# marsql.shared_cache_size = 0 leaves each session its own tier, same results.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $setup = q{
	CREATE FUNCTION ref(seed int) RETURNS marsql.tensor LANGUAGE sql IMMUTABLE AS
		$$ SELECT marsql.random(ARRAY[2048, 2048], seed, dtype => 'float32') $$;
	CREATE TABLE w (id int PRIMARY KEY, t marsql.tensor);
};

sub new_node
{
	my ($name, $extra) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init;
	$node->append_conf('postgresql.conf', "restart_after_crash = on\n" . ($extra // ''));
	$node->start;
	$node->safe_psql('postgres', "CREATE EXTENSION marsql; $setup");
	$node->safe_psql('postgres', 'ALTER DATABASE postgres SET search_path = marsql, public');
	return $node;
}

sub close_session
{
	my ($s) = @_;
	$s->{in} .= "\\q\n";
	eval { $s->{h}->finish; };
}

# this session's counters: own tier and shared tier
sub vstats
{
	my ($s) = @_;
	my @v = split /\|/, psql_query($s,
		'SELECT hits, misses, shared_hits, shared_loads, shared_invalidations, shared_no_room, bytes'
		  . ' FROM marsql.value_cache_stats()');
	my %h;
	@h{qw(hits misses shared_hits shared_loads shared_invalidations shared_no_room bytes)} = @v;
	return \%h;
}

# the server's shared cache
sub sstats
{
	my ($node) = @_;
	my @v = split /\|/, $node->safe_psql('postgres',
		'SELECT bytes, entries, pinned, loads_waited FROM marsql.shared_cache_stats()');
	return { bytes => $v[0], entries => $v[1], pinned => $v[2], loads_waited => $v[3] };
}

# a NEW session's first read: is it seed $seed, and how was it served?
sub fresh_read
{
	my ($node, $seed, $db) = @_;
	my $s = psql_session($node, $db);
	my $same = psql_query($s, 'SELECT t = ref(' . $seed . ') FROM w WHERE id = 1');
	my $st = vstats($s);
	close_session($s);
	return ($same, $st);
}

my $value_bytes = 2048 * 2048 * 4;
my $node = new_node('shared_values');
$node->safe_psql('postgres', 'INSERT INTO w VALUES (1, ref(1))');

# ---- one session loads, a new session hits ----
my $a = psql_session($node);
is(psql_query($a, 'SELECT t = ref(1) FROM w WHERE id = 1'), 't', 'session A reads the 16 MB value');
my $st = vstats($a);
is_deeply([ $st->{misses}, $st->{shared_loads}, $st->{bytes} ], [ 1, 1, 0 ],
	'A read it from TOAST into shared memory, not into its own');
my ($same, $bst) = fresh_read($node, 1);
is($same, 't', 'a new session B reads the right bytes');
is_deeply([ $bst->{shared_hits}, $bst->{misses}, $bst->{hits} ], [ 1, 0, 0 ],
	'B\'s first read is a shared hit, no TOAST read');
cmp_ok(sstats($node)->{bytes}, '>=', $value_bytes, 'the shared cache holds the value');

# ---- B, a long-lived session, follows every change A commits ----
my $b = psql_session($node);
is(psql_query($b, 'SELECT t = ref(1) FROM w WHERE id = 1'), 't', 'B reads the value');
psql_query($a, 'UPDATE w SET t = ref(2) WHERE id = 1');
is(psql_query($b, 'SELECT t = ref(2) FROM w WHERE id = 1'), 't', 'after A\'s committed UPDATE, B reads the new value');
is(psql_query($b, 'SELECT t = ref(2) FROM w WHERE id = 1'), 't', 'and again (a shared hit)');
is(psql_query($b, 'SELECT shared_hits >= 1 FROM marsql.value_cache_stats()'), 't', 'B hit the shared tier');

# a rolled-back UPDATE: A loads its uncommitted value; B never sees it
psql_query($a, 'BEGIN');
psql_query($a, 'UPDATE w SET t = ref(3) WHERE id = 1');
is(psql_query($a, 'SELECT t = ref(3) FROM w WHERE id = 1'), 't', 'A sees its uncommitted UPDATE');
is(psql_query($b, 'SELECT t = ref(2) FROM w WHERE id = 1'), 't', 'B does not');
psql_query($a, 'ROLLBACK');
is(psql_query($b, 'SELECT t = ref(2) FROM w WHERE id = 1'), 't', 'after the rollback B reads the old value');
is(psql_query($a, 'SELECT t = ref(2) FROM w WHERE id = 1'), 't', 'and so does A');

# DELETE + VACUUM, then a new row
psql_query($a, 'DELETE FROM w');
psql_query($a, 'VACUUM w');
psql_query($a, 'INSERT INTO w VALUES (1, ref(4))');
is(psql_query($b, 'SELECT t = ref(4) FROM w WHERE id = 1'), 't', 'after DELETE + VACUUM + INSERT, the new value');
($same, $bst) = fresh_read($node, 4);
is($same, 't', 'a new session too');

# TRUNCATE
psql_query($a, 'TRUNCATE w');
psql_query($a, 'INSERT INTO w VALUES (1, ref(5))');
is(psql_query($b, 'SELECT t = ref(5) FROM w WHERE id = 1'), 't', 'after TRUNCATE + INSERT, the new value');

# VACUUM FULL and CLUSTER: same value OIDs, chunks moved: invalidated, read again
my $before = vstats($b)->{shared_invalidations};
psql_query($a, 'VACUUM FULL w');
is(psql_query($b, 'SELECT t = ref(5) FROM w WHERE id = 1'), 't', 'after VACUUM FULL, the right value');
cmp_ok(vstats($b)->{shared_invalidations}, '>', $before, 'VACUUM FULL invalidated the shared entry');
$before = vstats($b)->{shared_invalidations};
psql_query($a, 'CLUSTER w USING w_pkey');
($same, $bst) = fresh_read($node, 5);
is($same, 't', 'after CLUSTER, a new session reads the right value');
is($bst->{shared_invalidations}, 1, 'having found the shared entry stale');
is(psql_query($b, 'SELECT t = ref(5) FROM w WHERE id = 1'), 't', 'B too');

# DROP TABLE and a new one
psql_query($a, 'DROP TABLE w; CREATE TABLE w (id int PRIMARY KEY, t marsql.tensor); INSERT INTO w VALUES (1, ref(6))');
is(psql_query($b, 'SELECT t = ref(6) FROM w WHERE id = 1'), 't', 'after DROP TABLE and a new table, the new value');

# REPEATABLE READ: B keeps the value of its snapshot while A commits a new one
psql_query($b, 'BEGIN ISOLATION LEVEL REPEATABLE READ');
is(psql_query($b, 'SELECT t = ref(6) FROM w WHERE id = 1'), 't', 'B in a repeatable read transaction');
psql_query($a, 'UPDATE w SET t = ref(7) WHERE id = 1');
is(psql_query($a, 'SELECT t = ref(7) FROM w WHERE id = 1'), 't', 'A reads its committed UPDATE (loaded into shared memory)');
is(psql_query($b, 'SELECT t = ref(6) FROM w WHERE id = 1'), 't', 'B\'s snapshot still names the old value');
psql_query($b, 'COMMIT');
is(psql_query($b, 'SELECT t = ref(7) FROM w WHERE id = 1'), 't', 'B\'s next transaction reads the new one');

# ---- two databases never share ----
$node->safe_psql('postgres', 'CREATE DATABASE other');
$node->safe_psql('other', "CREATE EXTENSION marsql; $setup INSERT INTO w VALUES (1, ref(8));
	ALTER DATABASE other SET search_path = marsql, public");
($same, $bst) = fresh_read($node, 8, 'other');
is($same, 't', 'another database reads its own value');
is_deeply([ $bst->{shared_hits}, $bst->{shared_loads} ], [ 0, 1 ], 'loaded, not hit: keys are per database');
($same, $bst) = fresh_read($node, 8, 'other');
is($bst->{shared_hits}, 1, 'and shared within that database');

# ---- eight backends reading one corpus hold it once ----
$node->safe_psql('postgres', 'SELECT marsql.shared_cache_reset()');
my $base = sstats($node)->{bytes};
my @pool = map { psql_session($node) } 1 .. 8;
# all at once, each keeping its transaction open (its pin) until checked
psql_send($_, 'BEGIN; SELECT marsql.sum(t, NULL) = marsql.sum(ref(7), NULL) FROM w WHERE id = 1') for @pool;
my @ok = map { psql_wait($_) } @pool;
is_deeply(\@ok, [ ('t') x 8 ], 'eight backends read the right value at once');
my $ss = sstats($node);
my ($loads, $hits, $own) = (0, 0, 0);
for my $s (@pool)
{
	my $v = vstats($s);
	$loads += $v->{shared_loads};
	$hits += $v->{shared_hits};
	$own += $v->{bytes};
}
is($loads, 1, 'one backend read it from TOAST');
is($hits, 7, 'seven were served from shared memory');
is($own, 0, 'no backend holds a copy of its own');
cmp_ok($ss->{bytes} - $base, '>=', $value_bytes, 'the shared cache holds the value');
cmp_ok($ss->{bytes} - $base, '<', 1.2 * $value_bytes,
	"held once: " . ($ss->{bytes} - $base) . " bytes for a $value_bytes-byte value, eight readers");
cmp_ok($ss->{pinned}, '>=', 1, 'pinned while their transactions last');
psql_query($_, 'COMMIT') for @pool;
ok(wait_until(10, sub { sstats($node)->{pinned} == 0 }), 'the pins go at commit');
close_session($_) for @pool;

# ---- k-NN over a stored tensor corpus from a fresh backend ----
$node->safe_psql('postgres', q{
	CREATE TABLE corpus (t marsql.tensor);
	INSERT INTO corpus VALUES (marsql.random(ARRAY[20000, 128], 11, 'normal', 'float32'));
});
my $knn = q{SELECT string_agg(k.id::text, ',' ORDER BY k.rank)
	FROM corpus c, marsql.knn(marsql.random(ARRAY[1, 128], 12, 'normal', 'float32'), c.t, 10) k};
my $uncached = $node->safe_psql('postgres', "SET marsql.value_cache_size = 0; $knn");
like($uncached, qr/^\d+(,\d+){9}$/, 'k-NN without the cache: ten ids');
my $k1 = psql_session($node);
is(psql_query($k1, $knn), $uncached, 'k-NN in one session (loads the corpus)');
is(vstats($k1)->{shared_loads}, 1, 'the corpus was loaded into shared memory');
close_session($k1);
my $k2 = psql_session($node);
is(psql_query($k2, $knn), $uncached, 'k-NN from a fresh backend: the same ids');
$st = vstats($k2);
is_deeply([ $st->{shared_hits}, $st->{misses} ], [ 1, 0 ], 'its corpus came from the shared tier');
close_session($k2);

# the same corpus chunked: its stored tiles are resident in the shared tier
$node->safe_psql('postgres', q{SELECT marsql.chunk(t, ARRAY[4096, 128], 'corpus_chunked') FROM corpus});
my $cknn = q{SELECT string_agg(k.id::text, ',' ORDER BY k.rank)
	FROM marsql.knn(marsql.random(ARRAY[1, 128], 12, 'normal', 'float32'), 'corpus_chunked'::marsql.chunked_tensor, 10) k};
my $k3 = psql_session($node);
is(psql_query($k3, $cknn), $uncached, 'k-NN over the chunked corpus: the same ids');
is(vstats($k3)->{shared_loads}, 5, 'its five tiles were loaded into shared memory');
close_session($k3);
my $k4 = psql_session($node);
is(psql_query($k4, $cknn), $uncached, 'k-NN over the chunked corpus from a fresh backend: the same ids');
$st = vstats($k4);
is_deeply([ $st->{shared_hits}, $st->{misses} ], [ 5, 0 ], 'its tiles came from the shared tier');
close_session($k4);

# ---- a terminated backend's pins go with it ----
my $c = psql_session($node);
my $cpid = psql_query($c, 'SELECT pg_backend_pid()');
psql_query($c, 'BEGIN; SELECT marsql.sum(t, NULL) IS NOT NULL FROM w WHERE id = 1');
is(sstats($node)->{pinned}, 1, 'a backend in a transaction pins the value');
$node->safe_psql('postgres', "SELECT pg_terminate_backend($cpid)");
ok(wait_until(20, sub { sstats($node)->{pinned} == 0 }), 'pg_terminate_backend released its pin');
close_session($c);
($same, $bst) = fresh_read($node, 7);
is_deeply([ $same, $bst->{shared_hits} ], [ 't', 1 ], 'the entry still serves new sessions');

# ---- SIGKILL: the crash restart makes the shared cache anew ----
close_session($a);
close_session($b);
my $d = psql_session($node);
my $dpid = psql_query($d, 'SELECT pg_backend_pid()');
psql_query($d, 'BEGIN; SELECT marsql.sum(t, NULL) IS NOT NULL FROM w WHERE id = 1');
kill 'KILL', $dpid;
close_session($d);
ok(wait_until(60, sub { (eval { $node->safe_psql('postgres', 'SELECT 1') } // '') eq '1' }),
	'the server is back after the crash restart');
($same, $bst) = fresh_read($node, 7);
is_deeply([ $same, $bst->{shared_loads} ], [ 't', 1 ], 'after the restart the value is loaded again');
($same, $bst) = fresh_read($node, 7);
is_deeply([ $same, $bst->{shared_hits} ], [ 't', 1 ], 'and shared again');
is(sstats($node)->{pinned}, 0, 'nothing left pinned');

# ---- too large for the shared cache: the session's own tier takes it ----
$node->safe_psql('postgres', "LOAD 'marsql'; ALTER SYSTEM SET marsql.shared_cache_size = '8MB'; SELECT pg_reload_conf()");
$node->safe_psql('postgres', 'UPDATE w SET t = ref(9) WHERE id = 1');
my $e = psql_session($node);
ok(wait_until(10, sub { psql_query($e, 'SHOW marsql.shared_cache_size') eq '8MB' }), 'shared cache bound lowered');
is(psql_query($e, 'SELECT t = ref(9) FROM w WHERE id = 1'), 't', 'a value larger than the shared cache');
$st = vstats($e);
is_deeply([ $st->{shared_no_room}, $st->{misses}, $st->{bytes} >= $value_bytes ? 1 : 0 ], [ 1, 1, 1 ],
	'has no room there and is kept in the session\'s own memory');
is(psql_query($e, 'SELECT t = ref(9) FROM w WHERE id = 1'), 't', 'read again');
is(vstats($e)->{hits}, 1, 'from the session\'s own tier');
close_session($e);

# ---- marsql.shared_cache_size = 0: own tier only, same results ----
$node->safe_psql('postgres', "LOAD 'marsql'; ALTER SYSTEM SET marsql.shared_cache_size = 0; SELECT pg_reload_conf()");
my $f = psql_session($node);
ok(wait_until(10, sub { psql_query($f, 'SHOW marsql.shared_cache_size') eq '0' }), 'shared cache off');
is(psql_query($f, 'SELECT t = ref(9) FROM w WHERE id = 1'), 't', 'the value, shared cache off');
is(psql_query($f, 'SELECT t = ref(9) FROM w WHERE id = 1'), 't', 'again');
is(psql_query($f, $knn), $uncached, 'k-NN: the same ids');
$st = vstats($f);
is_deeply([ $st->{shared_hits}, $st->{shared_loads}, $st->{hits} >= 1 ? 1 : 0 ], [ 0, 0, 1 ],
	'served by the session\'s own tier only');
close_session($f);
$node->stop;

# ---- with shared_preload_libraries ----
my $pre = new_node('shared_values_preload', "shared_preload_libraries = 'marsql'\n");
$pre->safe_psql('postgres', 'INSERT INTO w VALUES (1, ref(1))');
($same, $bst) = fresh_read($pre, 1);
is_deeply([ $same, $bst->{shared_loads} ], [ 't', 1 ], 'preloaded: one session loads the value');
($same, $bst) = fresh_read($pre, 1);
is_deeply([ $same, $bst->{shared_hits} ], [ 't', 1 ], 'preloaded: a new session hits it');
$pre->safe_psql('postgres', 'UPDATE w SET t = ref(2) WHERE id = 1');
($same, $bst) = fresh_read($pre, 2);
is($same, 't', 'preloaded: an UPDATE is seen');
$pre->stop;

done_testing();
