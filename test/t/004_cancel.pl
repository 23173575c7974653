# A long matrix product and a long decomposition stop promptly on
# statement_timeout, and leave no helper process behind.  Each computation
# would run for many seconds uncancelled; the bound checked is a few
# seconds, generous for a loaded machine and far below the full run.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $node = PostgreSQL::Test::Cluster->new('cancel');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION marsql');
$node->safe_psql('postgres', q{
	CREATE TABLE big AS SELECT marsql.random('{6000,6000}', 1) AS a, marsql.random('{6000,6000}', 2) AS b;
	CREATE TABLE sq AS SELECT marsql.random('{3000,3000}', 3) AS a;
});

sub timed_out_within
{
	my ($sql, $label) = @_;
	my $start = time();
	my ($ret, $out, $err) = $node->psql('postgres', qq{
		SET marsql.blas_threads = 1;
		SET statement_timeout = '1s';
		$sql;
		SELECT 'elapsed';
		RESET statement_timeout;
		SELECT 'children:' || coalesce(pg_read_file('/proc/' || pg_backend_pid() || '/task/'
			|| pg_backend_pid() || '/children', 0, 100000, true), '');
	}, on_error_stop => 0);
	my ($elapsed) = (time() - $start);
	like($err, qr/canceling statement due to statement timeout/, "$label: stopped by statement_timeout");
	cmp_ok($elapsed, '<', 5, sprintf('%s: session done %.2f s after start (uncancelled it takes many seconds)',
		$label, $elapsed));
	like($out, qr/^children:\s*$/m, "$label: no helper process left behind");
}

# 2 x 6000^3 flops on one thread: about 9 s uncancelled
timed_out_within('SELECT marsql.size(marsql.matmul(a, b)) FROM big', 'matmul 6000 x 6000');
# an SVD of 3000 x 3000 with vectors: well over 10 s on one thread
timed_out_within('SELECT marsql.size(u) FROM sq, marsql.svd(sq.a)', 'svd 3000 x 3000');
timed_out_within('SELECT marsql.size(w) FROM sq, marsql.eigh(marsql.matmul(sq.a, marsql.transpose(sq.a)))',
	'eigh 3000 x 3000');

like($node->safe_psql('postgres', 'SELECT marsql.det(marsql.eye(3))'), qr/^1$/, 'linalg still works');

$node->stop;
done_testing();
