# Garbage through every parser never crashes the server and only ever
# raises the documented SQLSTATEs; long work is cancellable; marsql loads
# through shared_preload_libraries.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('robust');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION marsql');
$node->safe_psql('postgres', q{
	CREATE FUNCTION sqlstate_of(stmt text, arg text) RETURNS text LANGUAGE plpgsql AS $$
	BEGIN
		EXECUTE stmt USING arg;
		RETURN 'ok';
	EXCEPTION WHEN OTHERS THEN
		RETURN SQLSTATE;
	END $$;
});

# Random byte strings, half of them behind a plausible header.
my $states = $node->safe_psql('postgres', q{
	SELECT string_agg(DISTINCT sqlstate_of('SELECT marsql.from_binary(decode($1, ''hex''))', h), ',')
	FROM (SELECT CASE WHEN i % 2 = 0 THEN '01' || lpad(to_hex(i % 3), 2, '0') || lpad(to_hex(i % 5), 2, '0') || '00' ELSE '' END
				 || substr(md5(i::text) || md5((i * 7)::text) || md5((i * 13)::text), 1, 2 * (i % 48)) AS h
		  FROM generate_series(1, 20000) i) s;
});
my %seen = map { $_ => 1 } split /,/, $states;
delete @seen{qw(ok 22P03 54000)};
is(join(',', sort keys %seen), '', "random binary input raises only 22P03 / 54000 (saw $states)");

# Mutated literals: every character position replaced by brackets, commas,
# signs, letters and digits.
$states = $node->safe_psql('postgres', q{
	WITH base(s) AS (VALUES ('float32(2,3):[[1.5,-2e3,NaN],[Infinity,0.25,7]]'), ('[[[1],[2]],[[3],[4]]]'), ('(0,3):[]'),
						   ('csr float32(2,3):{(0,1):1.5,(1,0):-2e3,(1,2):NaN}')),
	mutations(m) AS (VALUES ('['), (']'), (','), ('-'), ('e'), ('x'), ('9'), (' '), (':'), ('('), (')'), (''), ('[['))
	SELECT string_agg(DISTINCT sqlstate_of('SELECT $1::marsql.tensor', overlay(s placing m from p for 1)), ',')
	FROM base, mutations, generate_series(1, length(s)) p;
});
%seen = map { $_ => 1 } split /,/, $states;
delete @seen{qw(ok 22P02 22003 54000)};
is(join(',', sort keys %seen), '', "mutated literals raise only 22P02 / 22003 / 54000 (saw $states)");
is($node->safe_psql('postgres', 'SELECT 1'), '1', 'server still up after the garbage');

# statement_timeout and cancel stop a long computation.
my ($ret, $out, $err) = $node->psql('postgres',
	q{SET statement_timeout = '50ms'; SELECT marsql.size(marsql.random('{120000000}', 1, 'normal'))});
like($err, qr/canceling statement due to statement timeout/, 'statement_timeout cancels random()');
($ret, $out, $err) = $node->psql('postgres',
	q{SET statement_timeout = '50ms'; SELECT length(marsql.zeros('{60000000}')::text)});
like($err, qr/canceling statement due to statement timeout/, 'statement_timeout cancels text output');

# Loaded in the postmaster: no thread, no device, nothing breaks.
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'marsql'");
$node->restart;
is($node->safe_psql('postgres', 'SHOW shared_preload_libraries'), 'marsql', 'preloaded');
is($node->safe_psql('postgres', q{SELECT marsql.shape(marsql.random('{3,4,5}', 42))}), '{3,4,5}',
	'works when preloaded');
($ret, $out, $err) = $node->psql('postgres', 'SET marsql.no_such_setting = 1');
like($err, qr/invalid configuration parameter name "marsql.no_such_setting"/,
	'the marsql. prefix is reserved');

$node->stop;
done_testing();
