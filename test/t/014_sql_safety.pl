# SQL safety and k limits across peers (issue 18): a coordinator and two
# peers on one machine.
# - the peer session pins search_path: a hostile = in a schema the mapped
#   user's default search_path lists before pg_catalog never runs, when
#   the coordinator sets the session up (check_peers) nor during tasks;
# - k-NN with k = 2^31 - 1 over a table partitioned across the peers gives
#   every row of each partition (executors => peers and all), the same
#   rows and distances as the whole table searched in one place;
# - a filter that escapes its WHERE clause is refused on the coordinator
#   before any peer is asked, and a good filter still works on the peers.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $coord = worker_node('coordinator', "marsql.blas_threads = 1\n");
my %peer;
$peer{p1} = worker_node('peer1', "marsql.blas_threads = 1\n");
$peer{p2} = worker_node('peer2', "marsql.blas_threads = 1\n");

for my $name (sort keys %peer)
{
	my $n = $peer{$name};
	$coord->safe_psql('postgres', sprintf(q{
		CREATE SERVER %s FOREIGN DATA WRAPPER marsql
			OPTIONS (host '%s', port '%d', dbname 'postgres', capacity '2', connect_timeout '3');
		CREATE USER MAPPING FOR CURRENT_USER SERVER %s;
	}, $name, $n->host, $n->port, $name));
}

# ------------------------------------- a hostile = on the peers' path

for my $n (values %peer)
{
	$n->safe_psql('postgres', q{
		CREATE SCHEMA hostile;
		CREATE TABLE public.hostile_log (op text, run_as text);
		CREATE FUNCTION hostile.eq(a name, b name) RETURNS boolean LANGUAGE plpgsql AS $$
		BEGIN
			INSERT INTO public.hostile_log VALUES ('=', current_user);
			RETURN pg_catalog.nameeq(a, b);
		END $$;
		CREATE OPERATOR hostile.= (LEFTARG = name, RIGHTARG = name, FUNCTION = hostile.eq);
		ALTER ROLE CURRENT_USER SET search_path = hostile, pg_catalog;
	});
	is($n->safe_psql('postgres', q{
		SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'marsql';
		SELECT count(*) > 0 FROM public.hostile_log}), "1\nt",
		'the hostile = wins for a plain = in a new session of the mapped user');
	$n->safe_psql('postgres', 'TRUNCATE public.hostile_log');
}
is($coord->safe_psql('postgres',
	q{SELECT string_agg(peer || ':' || success || ':' || result, ',' ORDER BY peer) FROM marsql.check_peers()}),
	'p1:true:marsql 0.1.0,p2:true:marsql 0.1.0', 'check_peers through the hostile search_path');

# ------------------------------------------------ k beyond the corpus

$coord->safe_psql('postgres', q{
	CREATE TABLE items_all AS SELECT i AS id, ARRAY[i % 11, i % 7, 1]::real[] AS emb
		FROM generate_series(1, 90) i;
	CREATE TABLE items AS SELECT * FROM items_all WHERE id % 3 = 0;
	CREATE TABLE q AS SELECT '[[1,2,1],[9,0,1]]'::marsql.tensor AS q;
});
for my $i (1, 2)
{
	$peer{"p$i"}->safe_psql('postgres', qq{
		CREATE TABLE public.items AS SELECT i AS id, ARRAY[i % 11, i % 7, 1]::real[] AS emb
			FROM generate_series(1, 90) i WHERE i % 3 = $i});
}
my $whole = $coord->safe_psql('postgres', q{
	SELECT count(*) || ' ' || md5(string_agg(query || ':' || rank || ':' || id || ':' || distance, ',' ORDER BY query, rank))
	FROM q, marsql.knn(q.q, 'items_all', 'emb', 'id', 2147483647) k});
like($whole, qr/^180 /, 'k = 2^31 - 1 over the whole table: every row for each query');
is($coord->safe_psql('postgres', q{
	SELECT count(*) || ' ' || md5(string_agg(query || ':' || rank || ':' || id || ':' || distance, ',' ORDER BY query, rank))
	FROM q, marsql.knn(q.q, 'public.items', 'emb', 'id', 2147483647, executors => 'all') k}),
	$whole, 'k = 2^31 - 1 over the coordinator\'s and both peers\' partitions = the whole table');
is($coord->safe_psql('postgres', q{
	SELECT count(*) || ':' || max(rank) || ':' || count(*) FILTER (WHERE id % 3 = 0)
	FROM q, marsql.knn(q.q, 'public.items', 'emb', 'id', 2147483647, executors => 'peers') k}),
	'120:60:0', 'k = 2^31 - 1, executors => peers: all 60 rows of the peers');
is($coord->safe_psql('postgres', q{
	SELECT count(*) || ':' || max(rank)
	FROM q, marsql.knn(q.q, 'public.items', 'emb', 'id', 1500, executors => 'peers', filter => 'id < 30') k}),
	'40:20', 'a k above the counting threshold with a filter: the rows that pass it');
is($coord->safe_psql('postgres', q{
	SELECT count(*) FROM q, marsql.knn(q.q, 'public.items', 'emb', 'id', 2147483647, executors => 'peers',
		filter => 'false') k}),
	'0', 'no row passes the filter on any peer: no rows');
is($coord->safe_psql('postgres', q{
	SELECT string_agg(id::text, ',' ORDER BY id)
	FROM marsql.knn('[1,2,1]'::marsql.tensor, 'public.items', 'emb', 'id', 5, executors => 'peers',
		filter => 'id IN (1, 2, 4) -- three rows') k}),
	'1,2,4', 'a filter with a trailing comment runs on the peers');
my ($ret, $out, $err) = $coord->psql('postgres', q{
	SELECT count(*) FROM marsql.knn('[1,2,1]'::marsql.tensor, 'public.items', 'emb', 'id', 5,
		executors => 'peers',
		filter => $$true) UNION ALL SELECT 42::bigint, '{1,2,1}'::real[] WHERE (true$$)});
like($err, qr/syntax error at or near "\)"/, 'a filter that escapes its WHERE clause is refused');
unlike($err, qr/on peer/, '... on the coordinator, before any peer is asked');

# the tasks ran through the hostile search_path too: the = never ran
for my $name (sort keys %peer)
{
	is($peer{$name}->safe_psql('postgres', 'SELECT count(*) FROM public.hostile_log'), '0',
		"the hostile = never ran on $name");
}

$coord->stop;
$_->stop for values %peer;
done_testing();
