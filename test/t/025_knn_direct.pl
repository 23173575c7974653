# The direct k-NN path (marsql.knn_direct_queries): one or a few queries
# scored in the calling backend as the corpus is read.
# - while a direct search over a table runs (held inside its filter), no
#   marsql worker exists: the path starts none;
# - statement_timeout and cancel stop it mid-scan (in the filter, and in
#   the threaded scan of a tensor corpus), and the session then searches
#   again with the same answer as before;
# - the batch search (the setting at 0) gives the same rows;
# - a one-query FAISS search starts no OpenMP threads beyond the query
#   count (the backend's threads, from /proc, before and after 64 queries).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $quickly = 10;
my $node = worker_node('knn_direct', q{
marsql.blas_threads = 2
});

$node->safe_psql('postgres', q{
	CREATE TABLE items AS SELECT "row" AS id, "values"::real[] AS emb
		FROM marsql.rows(marsql.random('{50000,32}', 3, 'normal', 'float32'));
	CREATE TABLE q AS SELECT marsql.random('{1,32}', 4, 'normal', 'float32') AS q;
});

my $search = q{SELECT md5(string_agg(query || ':' || rank || ':' || id || ':' || distance, ',' ORDER BY query, rank))
	FROM q, marsql.knn(q.q, 'items', 'emb', 'id', 10) k};
my $direct = $node->safe_psql('postgres', $search);
my $batch = $node->safe_psql('postgres', "SET marsql.knn_direct_queries = 0; $search");
is($direct, $batch, 'one query over 50,000 rows: the direct path gives the batch search\'s rows');

# held in the filter at row 1000: no worker while it runs (the batch
# search's workers, which may outlive it a while, gone first)
no_workers_left($node, 'before the held search', $quickly);
my $held = q{SELECT count(*) FROM q, marsql.knn(q.q, 'items', 'emb', 'id', 10,
	filter => 'id <> 1000 OR pg_sleep(60) IS NOT NULL') k};
my $bg = start_bg($node, '\timing on', $held);
ok(wait_until($quickly, sub {
	$node->safe_psql('postgres', qq{SELECT wait_event FROM pg_stat_activity WHERE pid = $bg->{pid}}) eq 'PgSleep';
}), 'the direct search reached its filter');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'marsql worker'}),
	'0', 'no marsql worker runs during a direct search');
$node->safe_psql('postgres', "SELECT pg_cancel_backend($bg->{pid})");
finish_bg($bg);
like($bg->{err}, qr/57014: canceling statement due to user request/, 'cancel stops a direct search over a table');
no_workers_left($node, 'cancel (direct, table)', $quickly);

# statement_timeout, then the same session searches again
my $out = $node->safe_psql('postgres', qq{
	SET statement_timeout = 300;
	DO \$\$ BEGIN PERFORM count(*) FROM q, marsql.knn(q.q, 'items', 'emb', 'id', 10,
		filter => 'id <> 1000 OR pg_sleep(60) IS NOT NULL') k;
	EXCEPTION WHEN query_canceled THEN RAISE NOTICE 'timed out'; END \$\$;
	RESET statement_timeout;
	$search;
});
is($out, $direct, 'after a statement_timeout the session searches again, with the same rows');

# a threaded scan of a tensor corpus (8 queries x 600,000 rows): cancelled
$bg = start_bg($node, '\timing on', q{SELECT count(*) FROM marsql.knn(marsql.random('{8,64}', 5, 'normal', 'float32'),
	marsql.random('{600000,64}', 6, 'normal', 'float32'), 5) k, generate_series(1, 50)});
usleep(800_000);
my $start = time();
$node->safe_psql('postgres', "SELECT pg_cancel_backend($bg->{pid})");
finish_bg($bg);
like($bg->{err}, qr/57014: canceling statement due to user request/, 'cancel stops a direct search over a tensor');
cmp_ok(time() - $start, '<', $quickly, 'cancel (tensor): the session answered promptly');
is($node->safe_psql('postgres', $search), $direct, 'the server searches on as before');

# FAISS: one thread per query at most, so one query starts no OpenMP pool
$node->safe_psql('postgres', q{SELECT marsql.faiss_create('flat', 'items', 'emb', 'id', 'Flat')});
{
	my $threads = sub {
		my ($pid) = @_;
		opendir(my $d, "/proc/$pid/task") or return -1;
		my $n = grep { /^\d+$/ } readdir($d);
		closedir($d);
		return $n;
	};
	my $fs = start_bg($node, 'SET marsql.faiss_threads = 2',
		q{SELECT count(*) FROM marsql.faiss_search('flat', marsql.random('{1,32}', 7, 'normal', 'float32'), 5)},
		'SELECT pg_sleep(2)',
		q{SELECT count(*) FROM marsql.faiss_search('flat', marsql.random('{64,32}', 7, 'normal', 'float32'), 5)},
		'SELECT pg_sleep(2)');
	ok(wait_until($quickly, sub { $fs->{h}->pump_nb; $fs->{out} =~ /^5$/m }), 'a one-query FAISS search ran');
	my $one = $threads->($fs->{pid});
	ok(wait_until($quickly, sub { $fs->{h}->pump_nb; $fs->{out} =~ /^320$/m }), 'a 64-query FAISS search ran');
	my $many = $threads->($fs->{pid});
	finish_bg($fs);
	cmp_ok($one, '<', $many,
		"FAISS threads follow the queries: $one threads after one query, $many after 64 (faiss_threads = 2)");
}

$node->stop;
done_testing();
