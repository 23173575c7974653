# OpenBLAS and threads: the postmaster never starts a thread pool, whether
# marsql is preloaded or loaded on first use; every forked backend loads
# OpenBLAS itself and honours marsql.blas_threads; results do not depend on
# the thread count; large decompositions run in a forked helper correctly.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('threads');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION marsql');
$node->safe_psql('postgres', q{
	CREATE TABLE m AS SELECT marsql.random('{300,300}', 1) AS a, marsql.random('{300,300}', 2) AS b;
	CREATE FUNCTION threads_of(pid int) RETURNS int LANGUAGE sql AS $$
		SELECT substring(pg_read_file('/proc/' || pid || '/status') FROM 'Threads:\s+(\d+)')::int
	$$;
});

sub postmaster_threads
{
	my $pid = $node->safe_psql('postgres',
		q{SELECT split_part(pg_read_file('postmaster.pid'), E'\n', 1)});
	return $node->safe_psql('postgres', "SELECT threads_of($pid)");
}

sub check_backends
{
	my ($label) = @_;

	is(postmaster_threads(), '1', "$label: postmaster has one thread");

	# a fresh backend: OpenBLAS is not loaded until the first product
	is($node->safe_psql('postgres', 'SELECT threads_of(pg_backend_pid())'), '1',
		"$label: a backend starts with one thread");
	my $out = $node->safe_psql('postgres', q{
		SET marsql.blas_threads = 2;
		SELECT marsql.size(marsql.matmul(a, b)) FROM m;
		SELECT library_threads, threads_of(pg_backend_pid()) > 1 FROM marsql.blas_info();
	});
	is($out, "90000\n2|t", "$label: the backend loaded OpenBLAS with 2 threads");

	# the answer does not depend on the thread count, in any backend (to
	# rounding: threads split the sums differently)
	$node->safe_psql('postgres', q{
		DROP TABLE IF EXISTS ref;
		SET marsql.blas_threads = 1;
		CREATE TABLE ref AS SELECT marsql.matmul(a, b) AS c FROM m;
	});
	my @same;
	for my $threads (2, 1, 2)
	{
		push @same, $node->safe_psql('postgres', qq{
			SET marsql.blas_threads = $threads;
			SELECT marsql.allclose(marsql.matmul(a, b), c, 1e-12, 1e-12) FROM m, ref;
		});
	}
	is(join(',', @same), 't,t,t', "$label: same product with 1 and 2 threads in forked backends");

	# a decomposition large enough for the forked helper process
	is($node->safe_psql('postgres', q{
		SET marsql.blas_threads = 2;
		SELECT marsql.allclose(marsql.matmul(a, marsql.inv(a)), marsql.eye(2200), 1e-6, 1e-6)
		FROM (SELECT marsql.random('{2200,2200}', 5) AS a) s;
	}), 't', "$label: inv in the helper process is right");

	is(postmaster_threads(), '1', "$label: postmaster still has one thread");
}

check_backends('loaded on first use');

$node->append_conf('postgresql.conf', "shared_preload_libraries = 'marsql'");
$node->restart;
is($node->safe_psql('postgres', 'SHOW shared_preload_libraries'), 'marsql', 'preloaded');
check_backends('preloaded');

$node->stop;
done_testing();
