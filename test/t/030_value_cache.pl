# The resident value cache across sessions: one session keeps a stored
# tensor in its cache while another UPDATEs, TRUNCATEs, DELETEs + VACUUMs,
# VACUUM FULLs and DROPs + recreates the table and commits; the first
# session always sees the value its snapshot names, from the cache only
# while that value is unchanged (docs/cache.md).
#
# OID reuse proper (a new value stored under the value OID of a deleted and
# vacuumed one in the same toast relation) needs the 32-bit OID counter to
# wrap, which a test cannot provoke in reasonable time; VACUUM FULL, which
# keeps the value OIDs and moves the chunks, takes the same path (a key
# that names other chunks: an invalidation, the value read again).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $node = PostgreSQL::Test::Cluster->new('value_cache');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION marsql;
	CREATE FUNCTION ref(seed int) RETURNS marsql.tensor LANGUAGE sql IMMUTABLE AS
		$$ SELECT marsql.random(ARRAY[1024, 1024], seed, dtype => 'float32') $$;
	CREATE TABLE w (id int PRIMARY KEY, t marsql.tensor);
	INSERT INTO w VALUES (1, ref(1));
});

# is the value session $s reads now the reference of $seed? and the cache's counters
sub check
{
	my ($s, $seed, $label) = @_;
	is(psql_query($s, "SELECT t = ref($seed) FROM w WHERE id = 1"), 't', "$label: the value read is seed $seed");
}

sub stats
{
	my ($s) = @_;
	my ($hits, $misses, $inval) = split /\|/,
	  psql_query($s, 'SELECT hits, misses, invalidations FROM marsql.value_cache_stats()');
	return { hits => $hits, misses => $misses, invalidations => $inval };
}

# the session's own tier (the shared tier: 050_shared_values.pl)
my $a = psql_session($node);
psql_query($a, 'SET search_path = marsql, public');
psql_query($a, 'SET marsql.value_cache_shared = off');

check($a, 1, 'first read');
check($a, 1, 'second read');
my $st = stats($a);
is($st->{misses}, 1, 'read once from TOAST');
is($st->{hits}, 1, 'then served from the cache');

# another session UPDATEs and commits: the new value is read
$node->safe_psql('postgres', 'UPDATE w SET t = ref(2) WHERE id = 1');
check($a, 2, 'after a concurrent UPDATE');
check($a, 2, 'after a concurrent UPDATE, again');
$st = stats($a);
is_deeply([ $st->{hits}, $st->{misses} ], [ 2, 2 ], 'the new value missed once, then hit');

# TRUNCATE and a new row
$node->safe_psql('postgres', 'TRUNCATE w; INSERT INTO w VALUES (1, ref(3))');
check($a, 3, 'after a concurrent TRUNCATE');

# DELETE + VACUUM and a new row
$node->safe_psql('postgres', 'DELETE FROM w');
$node->safe_psql('postgres', 'VACUUM w');
$node->safe_psql('postgres', 'INSERT INTO w VALUES (1, ref(4))');
check($a, 4, 'after a concurrent DELETE + VACUUM');
check($a, 4, 'after a concurrent DELETE + VACUUM, again');

# VACUUM FULL: same value OIDs, chunks moved: an invalidation, the right value
my $before = stats($a)->{invalidations};
$node->safe_psql('postgres', 'VACUUM FULL w');
check($a, 4, 'after a concurrent VACUUM FULL');
cmp_ok(stats($a)->{invalidations}, '>', $before, 'VACUUM FULL invalidated the entry');

# DROP and recreate: no error, the new value
$node->safe_psql('postgres', q{
	DROP TABLE w;
	CREATE TABLE w (id int PRIMARY KEY, t marsql.tensor);
	INSERT INTO w VALUES (1, ref(5));
});
check($a, 5, 'after a concurrent DROP and CREATE');

# the caller's snapshot decides: a REPEATABLE READ transaction keeps seeing
# the value it started with while another session commits a new one, and
# sees the new one in its next transaction
psql_query($a, 'BEGIN ISOLATION LEVEL REPEATABLE READ');
check($a, 5, 'in a repeatable read transaction');
$node->safe_psql('postgres', 'UPDATE w SET t = ref(6) WHERE id = 1');
check($a, 5, 'its snapshot still names the old value');
psql_query($a, 'COMMIT');
check($a, 6, 'the next transaction reads the committed UPDATE');

# an uncommitted UPDATE of another session is not seen; its rollback leaves
# the old value
my $b = psql_session($node);
psql_query($b, 'SET search_path = marsql, public');
psql_query($b, 'SET marsql.value_cache_shared = off');
psql_query($b, 'BEGIN');
psql_query($b, 'UPDATE w SET t = ref(7) WHERE id = 1');
check($b, 7, 'the updating session sees its own value');
check($a, 6, 'another session does not see the uncommitted UPDATE');
psql_query($b, 'ROLLBACK');
check($b, 6, 'after the rollback, the old value');
check($a, 6, 'and the first session still reads the old value');

# a DELETE committed while the first session holds the value in its cache
$node->safe_psql('postgres', 'DELETE FROM w');
is(psql_query($a, 'SELECT count(*) FROM w'), '0', 'a committed DELETE: no row, no stale value');

# retained memory: a 64 MB result made again and again reuses its pages
# (no page faults from the third call on) with the default setting, and is
# faulted in anew by every call with marsql.retained_memory = 0
sub faults_per_call
{
	my ($setting) = @_;
	my $s = psql_session($node);
	psql_query($s, "SET marsql.retained_memory = '$setting'");
	my $call = q{SELECT marsql.size(marsql.ones(ARRAY[4096, 4096], 'float32'))};
	my $flt = q{SELECT split_part(pg_read_file('/proc/self/stat', 0, 4096), ' ', 10)};
	psql_query($s, $call) for 1 .. 2;
	my $before = psql_query($s, $flt);
	psql_query($s, $call);
	my $after = psql_query($s, $flt);
	my $rss = psql_query($s, q{SELECT substring(pg_read_file('/proc/self/status', 0, 8192) FROM 'RssAnon:\s+(\d+)')});
	$s->{in} .= "\\q\n";
	$s->{h}->finish;
	return ($after - $before, $rss);
}
my ($kept, $kept_rss) = faults_per_call('256MB');
my ($returned, $returned_rss) = faults_per_call('0');
my ($bounded, $bounded_rss) = faults_per_call('16MB');
# (the count depends on where the kernel placed the heap: where brk cannot
# grow it, glibc maps pieces of it; compare with the setting off; TAP 055
# runs these in both heap layouts)
cmp_ok($kept, '<', $returned / 4, "retained memory on: $kept minor faults in the third 64 MB call (off: $returned)");
cmp_ok($returned, '>', 10000, "retained memory off: $returned minor faults in the third call");
cmp_ok($kept_rss - $returned_rss, '>', 60 * 1024,
	"retained memory on keeps the 64 MB buffer after the call (RssAnon $kept_rss kB against $returned_rss kB)");
# the buffer is freed after its transaction's end; the next statement
# applies the bound, in a contiguous heap or not
cmp_ok($bounded_rss - $returned_rss, '<', 32 * 1024,
	"retained memory = 16MB keeps at most about that much (RssAnon $bounded_rss kB)");

$a->{in} .= "\\q\n";
$a->{h}->finish;
$b->{in} .= "\\q\n";
$b->{h}->finish;
$node->stop;
done_testing();
