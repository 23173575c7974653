# FAISS indexes at a size where approximate search matters:
# - clustered data (a seeded Gaussian mixture: 40 centres, 30,000 x 32):
#   recall@10 of HNSW32, IVF64,Flat and IVF64,PQ8x4 against the exact
#   marsql.knn, each above a threshold (the figures are printed), and a
#   Flat index with the exact answer;
# - a sharded build (shards built on the engine's workers) answering as
#   well as the whole index;
# - the index survives a restart and pg_dump / pg_restore (same answers);
# - each backend loads an index once and reloads it when another session
#   changes it;
# - with marsql preloaded, the postmaster never loads FAISS or starts a
#   thread;
# - cancel stops a build, leaving no worker, no DSM segment, no catalog row.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $quickly = 10;
my $node = worker_node('faiss', q{
marsql.blas_threads = 1
marsql.faiss_threads = 2
shared_preload_libraries = 'marsql'
});

# 40 centres 3 apart in 32 dimensions, points N(0, 0.5) around them; the
# queries are fresh draws around the same centres
$node->safe_psql('postgres', q{
	CREATE TABLE centres AS SELECT marsql.random('{40,32}', 1, 'normal', 'float32') OPERATOR(marsql.*) 3 AS c;
	CREATE TABLE items AS
		SELECT r."row" AS id, (c[r."row" % 40] OPERATOR(marsql.+) r."values"::marsql.tensor)::real[] AS emb
		FROM centres, marsql.rows(marsql.random('{30000,32}', 2, 'normal', 'float32') OPERATOR(marsql.*) 0.5) r;
	CREATE TABLE queries AS
		SELECT marsql.stack_agg(c[r."row" % 40] OPERATOR(marsql.+) r."values"::marsql.tensor ORDER BY r."row") AS q
		FROM centres, marsql.rows(marsql.random('{300,32}', 3, 'normal', 'float32') OPERATOR(marsql.*) 0.5) r
		GROUP BY c;
	CREATE TABLE truth AS SELECT k.* FROM queries, marsql.knn(q, 'items', 'emb', 'id', 10) k;
});
is($node->safe_psql('postgres', 'SELECT count(*) FROM truth'), '3000', 'exact neighbours of 300 queries');

# recall@10 of an index against the exact answer
sub recall
{
	my ($index, $params) = @_;
	return $node->safe_psql('postgres', qq{
		SELECT round(count(f.id)::numeric / count(*), 4)
		FROM truth t LEFT JOIN (SELECT f.* FROM queries, marsql.faiss_search('$index', q, 10, '$params') f) f
		  ON f.query = t.query AND f.id = t.id});
}

my $start = time();
$node->safe_psql('postgres', q{
	SELECT marsql.faiss_create('flat', 'items', 'emb', 'id', 'Flat');
	SELECT marsql.faiss_create('hnsw', 'items', 'emb', 'id', 'HNSW32');
	SELECT marsql.faiss_create('ivf', 'items', 'emb', 'id', 'IVF64,Flat');
	SELECT marsql.faiss_create('pq', 'items', 'emb', 'id', 'IVF64,PQ8x4');
	SELECT marsql.faiss_create('hnsw_shards', 'items', 'emb', 'id', 'HNSW32', 'l2', '{"shard_rows": 8000}');
});
diag(sprintf('five indexes over 30,000 x 32 built in %.1f s', time() - $start));
is($node->safe_psql('postgres', q{SELECT string_agg(name || ':' || type || ':' || count || ':' || shards, ' ' ORDER BY name)
	FROM marsql.faiss_indexes}),
	'flat:IndexFlat:30000:1 hnsw:IndexHNSWFlat:30000:1 hnsw_shards:IndexHNSWFlat:30000:4 ivf:IndexIVFFlat:30000:1 pq:IndexIVFPQ:30000:1',
	'the catalog lists each index with its type, count and shards');

is(recall('flat', '{}'), '1.0000', 'Flat finds the exact neighbours');
my %recall = (
	hnsw => recall('hnsw', '{"efSearch": 64}'),
	hnsw_shards => recall('hnsw_shards', '{"efSearch": 64}'),
	ivf => recall('ivf', '{"nprobe": 8}'),
	pq => recall('pq', '{"nprobe": 8}'),
	ivf_nprobe1 => recall('ivf', '{"nprobe": 1}'),
);
diag("recall\@10 on clustered data: " . join(', ', map { "$_ $recall{$_}" } sort keys %recall));
cmp_ok($recall{hnsw}, '>=', 0.90, 'HNSW32 (efSearch 64) recall@10 >= 0.90');
cmp_ok($recall{hnsw_shards}, '>=', 0.90, 'HNSW32 in 4 shards built on workers: recall@10 >= 0.90');
cmp_ok($recall{ivf}, '>=', 0.90, 'IVF64,Flat (nprobe 8) recall@10 >= 0.90');
cmp_ok($recall{pq}, '>=', 0.15, 'IVF64,PQ8x4 (nprobe 8, 4-bit codes) recall@10 >= 0.15');
cmp_ok($recall{ivf_nprobe1}, '<', $recall{ivf}, 'more probes, better recall');

# ------------------------------------------------ restart and dump/restore

my $answer = q{SELECT md5(string_agg(f.query || ':' || f.rank || ':' || f.id, ',' ORDER BY f.query, f.rank))
	FROM queries, marsql.faiss_search('hnsw', q, 10, '{"efSearch": 64}') f};
my $before = $node->safe_psql('postgres', $answer);
$node->restart;
is($node->safe_psql('postgres', $answer), $before, 'an index answers the same after a restart');

my $dump = $node->basedir . '/faiss.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('postgres') ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->command_ok([ 'pg_restore', '-d', $node->connstr('restored'), $dump ], 'pg_restore');
is($node->safe_psql('restored', 'SELECT count(*) FROM marsql.faiss_indexes'), '5', 'the restored database has the indexes');
is($node->safe_psql('restored', $answer), $before, 'a restored index answers the same');
# OIDs do not survive a dump: the restored database has an id of its own,
# and the index was bound again, by name, to its creator's table
isnt($node->safe_psql('restored', 'SELECT id FROM marsql.faiss_instance'),
	$node->safe_psql('postgres', 'SELECT id FROM marsql.faiss_instance'),
	'a restored database gets an instance id of its own');
is($node->safe_psql('restored', q{
	SELECT f.corpus_relid = 'public.items'::regclass AND f.corpus_instance = i.id
	FROM marsql.faiss_catalog f, marsql.faiss_instance i WHERE f.name = 'hnsw'}),
	't', 'the restored index was bound again to the table of its name');
# a dump without the corpus table: another role's table of that name is
# not taken for it
$node->command_ok([ 'pg_dump', '-Fc', '-T', 'public.items', '-f', $dump . '2', '-d', $node->connstr('postgres') ],
	'pg_dump without the corpus');
$node->safe_psql('postgres', 'CREATE DATABASE partial');
$node->command_ok([ 'pg_restore', '-d', $node->connstr('partial'), $dump . '2' ], 'pg_restore without the corpus');
{
	my ($rc, $out, $err) = $node->psql('partial', q{SELECT count(*) FROM marsql.faiss_search('flat', marsql.zeros('{32}'), 1)});
	like($err, qr/corpus of FAISS index "flat" does not exist/, 'a restored index whose corpus is missing is refused');
	$node->safe_psql('partial', q{
		CREATE ROLE squatter;
		GRANT CREATE ON SCHEMA public TO squatter;
		GRANT USAGE ON SCHEMA marsql TO squatter;
		SET ROLE squatter;
		CREATE TABLE public.items (id bigint, emb real[]);
		INSERT INTO public.items VALUES (1, array_fill(0::real, ARRAY[32]));});
	($rc, $out, $err) = $node->psql('partial', q{SET ROLE squatter;
		SELECT count(*) FROM marsql.faiss_search('flat', marsql.zeros('{32}'), 1)});
	like($err, qr/FAISS index "flat" was restored from a dump and cannot be bound to public.items/,
		'a same-named table of another owner is not taken for the corpus after a restore');
	is($out, '', 'and nothing is found through it');
	$node->safe_psql('partial', q{DROP TABLE public.items; REVOKE ALL ON SCHEMA public FROM squatter;
		REVOKE ALL ON SCHEMA marsql FROM squatter; DROP ROLE squatter});
}

# -------------------------------------------------------------- the cache

{
	my $bg = start_bg($node,
		q{SELECT 'first ' || count(*) FROM queries, marsql.faiss_search('flat', q, 1) f},
		q{SELECT 'loaded ' || string_agg(name || ':' || vectors, ',') FROM marsql.faiss_loaded()},
		# until the other session's add has committed (not a fixed sleep:
		# on a loaded machine the add can take longer than any guess)
		q{DO $$BEGIN FOR i IN 1..600 LOOP
			EXIT WHEN (SELECT count FROM marsql.faiss_indexes WHERE name = 'flat') > 30000;
			PERFORM pg_sleep(0.1); END LOOP; END$$},
		q{SELECT 'version ' || version FROM marsql.faiss_loaded() WHERE name = 'flat'},
		q{SELECT 'again ' || count(*) FROM queries, marsql.faiss_search('flat', q, 1) f},
		q{SELECT 'after ' || version || ':' || vectors FROM marsql.faiss_loaded() WHERE name = 'flat'});
	# while it sleeps, another session adds a vector
	wait_until($PostgreSQL::Test::Utils::timeout_default, sub { $bg->{h}->pump_nb; $bg->{out} =~ /^loaded /m });
	$node->safe_psql('postgres', q{SELECT marsql.faiss_add('flat', marsql.zeros('{1,32}'), '{123456789}')});
	finish_bg($bg);
	like($bg->{out}, qr/^loaded flat:30000$/m, 'a search loads the index into the backend, once');
	my ($v1) = $bg->{out} =~ /^version (\d+)$/m;
	my ($v2, $count) = $bg->{out} =~ /^after (\d+):(\d+)$/m;
	ok(defined $v1 && defined $v2 && $v2 > $v1, 'a change by another session makes the backend reload it');
	is($count, '30001', 'the reloaded index has the added vector');
}

# ------------------------------------------------- the postmaster stays bare

{
	my $pm = postmaster_pid($node);
	open(my $fh, '<', "/proc/$pm/maps") or die "no maps for $pm";
	my $maps = do { local $/; <$fh> };
	close $fh;
	unlike($maps, qr/marsql_faiss|libgomp/, 'the postmaster never loaded FAISS or OpenMP');
	open($fh, '<', "/proc/$pm/status") or die;
	my ($threads) = do { local $/; <$fh> } =~ /^Threads:\s+(\d+)/m;
	close $fh;
	is($threads, '1', 'the postmaster has one thread');
}

# --------------------------------------------------------- cancel a build

{
	$node->safe_psql('postgres', q{
		CREATE TABLE big AS SELECT "row" AS id, "values"::real[] AS emb
		FROM marsql.rows(marsql.random('{200000,32}', 9, 'normal', 'float32'))});
	my $baseline = dsm_segments($node);	# a restart made new ones
	my $bg = start_bg($node, '\timing on',
		q{SELECT marsql.faiss_create('cancelled', 'big', 'emb', 'id', 'HNSW32', 'l2', '{"shard_rows": 10000}')});
	busy_workers($node, 1, $bg->{pid});
	my $t0 = time();
	$node->safe_psql('postgres', "SELECT pg_cancel_backend($bg->{pid})");
	finish_bg($bg);
	like($bg->{err}, qr/ERROR:  57014: canceling statement due to user request/, 'cancel stops a sharded build');
	cmp_ok(time() - $t0, '<', $quickly, 'the build answered the cancel promptly');
	no_workers_left($node, 'cancelled build', $quickly);
	dsm_freed($node, $quickly, 'cancelled build', $baseline);
	is($node->safe_psql('postgres', q{SELECT count(*) FROM marsql.faiss_indexes WHERE name = 'cancelled'}),
		'0', 'a cancelled build leaves no index');
}

$node->stop;
done_testing();
