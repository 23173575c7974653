# The grid-search seed scenario: a plpython3u function training
# scikit-learn models (test/examples/grid_search.sql) fanned out with
# marsql.map gives the scores serial calls give, and ran on workers.
# Skipped, with the reason, where plpython3u or scikit-learn is missing.
use strict;
use warnings;
use File::Basename qw(dirname);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('sklearn');
$node->init;
$node->append_conf('postgresql.conf', "max_worker_processes = 8");
$node->start;

my $has_plpython = $node->safe_psql('postgres',
	"SELECT count(*) FROM pg_available_extensions WHERE name = 'plpython3u'");
if ($has_plpython ne '1')
{
	$node->stop;
	plan skip_all => 'plpython3u is not installed (Debian package postgresql-plpython3-15)';
}
$node->safe_psql('postgres', 'CREATE EXTENSION plpython3u; CREATE EXTENSION marsql');
my ($rc, $out, $err) = $node->psql('postgres', <<'SQL');
DO $$ import sklearn $$ LANGUAGE plpython3u;
SQL
if ($rc != 0)
{
	$node->stop;
	plan skip_all => "scikit-learn cannot be imported by plpython3u (Debian package python3-sklearn): $err";
}

# test/run.sh copies test/examples next to test/t
my $example = $ENV{MARSQL_EXAMPLES} // dirname(__FILE__) . '/../examples';
ok(-f "$example/grid_search.sql", 'grid search example found');
($rc, $out, $err) = $node->psql('postgres', slurp_file("$example/grid_search.sql"));
is($rc, 0, 'grid search example runs') or diag($err);
like($out, qr/\|0\.97/, 'the best models score about 0.97');
like($err, qr/NOTICE:  C=\S+ gamma=\S+ accuracy=/, 'plpy.notice of the calls reaches the caller');

my $fanned = $node->safe_psql('postgres', <<'SQL');
CREATE TEMP TABLE g AS
SELECT (c, gamma)::grid_point AS point
FROM unnest(ARRAY[1, 10]::float8[]) c, unnest(ARRAY[0.0001, 0.001]::float8[]) gamma;
SELECT string_agg(format('%s/%s=%s', (s).c, (s).gamma, (s).accuracy), ' ')
FROM unnest(marsql.map('train_digits(float8,float8)',
                       (SELECT array_agg(point ORDER BY (point).c, (point).gamma) FROM g),
                       NULL::grid_score)) s;
SQL
my $serial = $node->safe_psql('postgres', <<'SQL');
SET client_min_messages = warning;
SELECT string_agg(format('%s/%s=%s', (s).c, (s).gamma, (s).accuracy), ' ' ORDER BY c, gamma)
FROM (SELECT c, gamma, train_digits(c, gamma) AS s
      FROM unnest(ARRAY[1, 10]::float8[]) c, unnest(ARRAY[0.0001, 0.001]::float8[]) gamma) x;
SQL
is($fanned, $serial, 'fanned-out scores equal serial scores');

my $kinds = $node->safe_psql('postgres', <<'SQL');
CREATE FUNCTION kind_py(x int) RETURNS text LANGUAGE plpython3u AS $$
    return plpy.execute("SELECT backend_type FROM pg_stat_activity WHERE pid = pg_backend_pid()")[0]['backend_type']
$$;
SELECT DISTINCT unnest(marsql.map('kind_py(int)', ARRAY[1, 2, 3], NULL::text));
SQL
is($kinds, 'marsql worker', 'plpython3u calls ran on marsql workers');

# a Python exception keeps its message and names the task
($rc, $out, $err) = $node->psql('postgres', <<'SQL');
CREATE FUNCTION fail_py(x int) RETURNS int LANGUAGE plpython3u AS $$
    if x == 2:
        raise ValueError('two is not allowed')
    return x
$$;
SELECT marsql.map('fail_py(int)', ARRAY[1, 2, 3], NULL::int);
SQL
isnt($rc, 0, 'a failing Python call fails the map');
like($err, qr/ValueError: two is not allowed/, 'with the Python error');
like($err, qr/marsql task 2 of 3 \(fail_py\(integer\)\) on worker \d+/, 'naming the task');

$node->stop;
done_testing();
