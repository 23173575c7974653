# COPY BINARY, COPY text and pg_dump / pg_restore keep 10,000 tensors of
# mixed shapes and dtypes bit for bit; a corrupted COPY BINARY file is
# refused with 22P03 and loses nothing already committed.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('copy');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION marsql');
$node->safe_psql('postgres', q{
	CREATE TABLE src (id int PRIMARY KEY, t marsql.tensor);
	INSERT INTO src
	SELECT i, CASE i % 7
		WHEN 0 THEN marsql.random(ARRAY[1 + i % 13, 1 + i % 5], i)
		WHEN 1 THEN marsql.random(ARRAY[1 + i % 11], i, 'normal', 'float32')
		WHEN 2 THEN marsql.random(ARRAY[2, 1 + i % 3, 1 + i % 4], i, 'normal')
		WHEN 3 THEN marsql.full('{}', i * 0.1)
		WHEN 4 THEN marsql.zeros(ARRAY[i % 3, 3], 'float32')
		WHEN 5 THEN marsql.random(ARRAY[1, 1, 1, 1, 1, 1, 1, 1 + i % 2], i)
		ELSE ('[' || (i::float8 / 3) || ', NaN, Infinity, -Infinity, -0, 5e-324]')::marsql.tensor
	END
	FROM generate_series(1, 10000) i;
	INSERT INTO src VALUES (10001, marsql.random('{500,500}', 1));
	-- every other dtype (binary format version 2, headers in text)
	INSERT INTO src
	SELECT 20000 + i, marsql.astype(marsql.tensor_mul(marsql.random(ARRAY[1 + i % 4, 3], i, 'normal'), 1000.0),
									(ARRAY['bool', 'int8', 'int16', 'int32', 'int64', 'uint8',
										   'float16', 'complex64', 'complex128'])[1 + i % 9])
	FROM generate_series(0, 899) i
	WHERE i % 9 NOT IN (1, 5);
	INSERT INTO src VALUES
		(30001, 'int64:[-9223372036854775808, 9223372036854775807]'),
		(30002, 'int8:[-128, 127]'), (30003, 'uint8(2,2):[0, 255, 1, 2]'),
		(30004, 'float16:[65504, 6e-08, -0, NaN, -Infinity]'),
		(30005, 'complex128:[-0-0j, nan+nanj, inf-infj, 1e308-5e-324j]'),
		(30006, 'complex64():1-2j'), (30007, 'bool(0,3):[]');
});

# a digest of every value's exact binary form, in id order
my $digest_sql = q{SELECT count(*) || ':' || md5(string_agg(marsql.to_binary(t)::text, ',' ORDER BY id)) FROM };
my $want = $node->safe_psql('postgres', $digest_sql . 'src');
like($want, qr/^10708:/, 'source table has 10,708 tensors, 707 of the other dtypes');
my $shapes = $node->safe_psql('postgres', q{SELECT count(DISTINCT marsql.shape(t)::text) FROM src});
cmp_ok($shapes, '>=', 40, "the shapes are mixed ($shapes distinct)");

my $binfile = $node->basedir . '/tensors.bin';
$node->safe_psql('postgres', qq{COPY src TO '$binfile' (FORMAT binary)});
$node->safe_psql('postgres', qq{CREATE TABLE bin_copy (LIKE src); COPY bin_copy FROM '$binfile' (FORMAT binary)});
is($node->safe_psql('postgres', $digest_sql . 'bin_copy'), $want, 'COPY BINARY round trip is exact');

my $txtfile = $node->basedir . '/tensors.txt';
$node->safe_psql('postgres', qq{COPY src TO '$txtfile'});
$node->safe_psql('postgres', qq{CREATE TABLE txt_copy (LIKE src); COPY txt_copy FROM '$txtfile'});
is($node->safe_psql('postgres', $digest_sql . 'txt_copy'), $want, 'COPY text round trip is exact');

my $dump = $node->basedir . '/dump.custom';
$node->command_ok([ 'pg_dump', '-Fc', '-t', 'src', '-f', $dump, '-d', $node->connstr('postgres') ],
	'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->safe_psql('restored', 'CREATE EXTENSION marsql');
$node->command_ok([ 'pg_restore', '-d', $node->connstr('restored'), $dump ], 'pg_restore');
is($node->safe_psql('restored', $digest_sql . 'src'), $want, 'pg_dump / pg_restore round trip is exact');

# Corrupt the first tensor's format version byte in a one-row binary file.
$node->safe_psql('postgres', qq{COPY (SELECT 1, '[1,2]'::marsql.tensor) TO '$binfile' (FORMAT binary)});
my $bytes = slurp_file($binfile);
my $at = index($bytes, "\x01\x02\x01\x00\x00\x00\x00\x02");
ok($at > 0, 'found the tensor in the COPY file');
substr($bytes, $at, 1) = "\x09";
open(my $fh, '>:raw', $binfile) or die "open $binfile: $!";
print $fh $bytes;
close($fh);
my ($ret, $out, $err) = $node->psql('postgres', qq{COPY bin_copy FROM '$binfile' (FORMAT binary)});
isnt($ret, 0, 'corrupted COPY BINARY fails');
like($err, qr/invalid binary data for tensor/, 'with a clear message');
like($err, qr/Format version 9 is not supported/, 'and a detail naming the problem');
is($node->safe_psql('postgres', $digest_sql . 'bin_copy'), $want, 'committed rows are untouched');

$node->stop;
done_testing();
