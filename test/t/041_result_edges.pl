# Results written by workers, seen from outside their session
# (docs/chunked.md, "Results written by workers"):
# - pg_dump taken while sessions hold unnamed results (and a job has a named
#   one in marsql_result) leaves them out: they are members of the
#   extension while they sit in marsql_result; the dump restores, with the
#   named results the callers claimed;
# - a plain DROP EXTENSION marsql works while another session holds
#   unnamed results (they go with the extension), and that session then
#   ends cleanly;
# - an extension owner that is no longer a superuser still hands the
#   worker-made tables to their callers.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $node = worker_node('edges', q{
marsql.blas_threads = 1
marsql.worker_output = on
# workers even for the small jobs here, which the cost model would run in
# the calling backend (which then stores the results itself)
marsql.inline_below = 0
});

$node->safe_psql('postgres', q{
	CREATE ROLE alice LOGIN;
	CREATE SCHEMA s AUTHORIZATION alice;
	GRANT USAGE ON SCHEMA marsql TO alice;
	GRANT SELECT ON ALL TABLES IN SCHEMA marsql TO alice;
});

sub spool_tables
{
	my ($db) = @_;
	return $node->safe_psql($db // 'postgres', q{
		SELECT count(*) FROM pg_class WHERE relnamespace = 'marsql_result'::regnamespace AND relkind = 'r'});
}

# ---------- pg_dump ----------
{
	my $s = $node->background_psql('postgres', on_error_stop => 0);
	$s->query_safe('SET ROLE alice');
	$s->query_safe(q{SELECT marsql.chunked_ones('{300,200}', '{100,100}', target => 's.kept') IS NOT NULL});
	$s->query_safe(q{SELECT marsql.chunked_random('{300,200}', '{100,100}', 1) IS NOT NULL});
	# a named result not claimed yet: its transaction is open
	$s->query_safe('BEGIN');
	$s->query_safe(q{SELECT marsql.chunked_ones('{300,200}', '{100,100}', target => 's.pending') IS NOT NULL});
	is(spool_tables(), '2', 'an unnamed result and a named one not claimed yet sit in marsql_result');

	# before: pg_dump waited for the lock on the pending one, which the
	# open transaction holds
	my ($dump, $err) = ('', '');
	eval {
		IPC::Run::run(['pg_dump', '-d', $node->connstr('postgres')], '>', \$dump, '2>', \$err,
			IPC::Run::timeout(60));
	};
	is($err . $@, '', 'pg_dump runs, without waiting for the open transaction');
	unlike($dump, qr/marsql_result\.chunk_/, 'pg_dump leaves out the tables of marsql_result');
	like($dump, qr/CREATE TABLE s\.kept/, 'it dumps the named result the caller claimed');
	unlike($dump, qr/pending/, 'and not the one whose transaction is open');

	$node->safe_psql('postgres', 'CREATE DATABASE restored');
	my ($out, $rerr) = ('', '');
	IPC::Run::run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('restored'), '-f', '-'],
		'<', \$dump, '>', \$out, '2>', \$rerr);
	is($rerr, '', 'the dump restores without an error');
	is($node->safe_psql('restored', q{SELECT marsql.sum('s.kept'::marsql.chunked_tensor)::text}), '60000',
		'the named result reads back after the restore');
	is(spool_tables('restored'), '0', 'with nothing in marsql_result');
	$s->query_safe('ROLLBACK');
	$s->quit;
}

# ---------- DROP EXTENSION while another session holds unnamed results ----------
{
	$node->safe_psql('postgres', 'CREATE DATABASE dropping');
	$node->safe_psql('dropping', 'CREATE EXTENSION marsql');
	my $s = $node->background_psql('dropping', on_error_stop => 0);
	$s->query_safe(q{SELECT marsql.chunked_ones('{300,200}', '{100,100}') IS NOT NULL});
	is(spool_tables('dropping'), '1', 'a session holds an unnamed result');
	my $offset = -s $node->logfile;
	my ($ret, $out, $err) = $node->psql('dropping', 'DROP EXTENSION marsql');
	is($ret, 0, 'a plain DROP EXTENSION marsql works') or diag($err);
	is($node->safe_psql('dropping', q{
		SELECT count(*) FROM pg_namespace WHERE nspname = 'marsql_result'}) . '/' .
		$node->safe_psql('dropping', q{SELECT count(*) FROM pg_class WHERE relname LIKE 'chunk\_%'}),
		'0/0', 'marsql_result went with the extension, and its table');
	$s->quit;
	wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		$node->safe_psql('postgres', q{SELECT count(*) FROM pg_stat_activity WHERE datname = 'dropping'}) eq '0';
	});
	unlike(slurp_file($node->logfile, $offset), qr/ERROR|WARNING/, 'the holding session ended cleanly');
}

# ---------- an extension owner that is no longer a superuser ----------
{
	$node->safe_psql('postgres', q{
		CREATE ROLE installer SUPERUSER LOGIN;
		CREATE DATABASE owned OWNER installer;
	});
	$node->safe_psql('owned', 'CREATE EXTENSION marsql', extra_params => ['-U', 'installer']);
	$node->safe_psql('owned', q{
		ALTER ROLE installer NOSUPERUSER;
		CREATE SCHEMA s AUTHORIZATION alice;
		GRANT USAGE ON SCHEMA marsql TO alice;
		GRANT SELECT ON ALL TABLES IN SCHEMA marsql TO alice;
	});
	my ($ret, $out, $err) = $node->psql('owned', q{
		SELECT marsql.storage(marsql.chunked_ones('{300,200}', '{100,100}'))::oid AS u \gset
		SELECT concat_ws(' ', relowner::regrole, relnamespace::regnamespace) FROM pg_class WHERE oid = :u;
		SELECT marsql.sum(marsql.chunked_ones('{300,200}', '{100,100}', target => 's.named'))::text;
		SELECT relowner::regrole FROM pg_class WHERE oid = 's.named'::regclass;
	}, extra_params => ['-U', 'alice']);
	is($out, "alice marsql_result\n60000\nalice", 'the caller gets its tables from a non-superuser extension owner')
	  or diag($err);
	$node->safe_psql('postgres', 'ALTER ROLE installer SUPERUSER');
}

$node->stop;
done_testing();
