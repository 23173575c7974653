# marsql.retained_memory in both heap layouts glibc can give a backend: a
# contiguous brk heap, and one continued in mmap'd pieces because brk
# cannot grow it (a page mapped right above the break by heap_hole.c,
# LD_PRELOAD'ed into the postmaster: the layout of the full CI run where
# the bound was not applied, TAP 030's former TODO).  In each, a 64 MB
# result made again and again: with the default bound its pages are reused
# (no faults from the third call on, the buffer kept); with 0 it is faulted
# in anew by every call; with 16MB at most about that much is kept, checked
# in the next statement (the buffer of a folded constant is freed after its
# transaction's end); with 48MB in the non-contiguous heap, about 48 MB is
# kept: only what is above the bound is released (docs/cache.md).
use strict;
use warnings;
use Config;
use File::Temp qw(tempdir);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib $FindBin::RealBin;
use MarsqlTap;

my $dir = tempdir(CLEANUP => 1);
my $hole = "$dir/heap_hole.so";
my $src = (-f 't/heap_hole.c') ? 't/heap_hole.c' : "$ENV{TESTDIR}/t/heap_hole.c";
my $cc = $ENV{CC} // $Config{cc} // 'cc';
system("$cc -shared -fPIC -O2 -o $hole $src") == 0
  or plan skip_all => "cannot build heap_hole.so with $cc";

sub node
{
	my ($name, $preload) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init;
	{
		local $ENV{LD_PRELOAD} = $preload if $preload;
		$node->start;
	}
	$node->safe_psql('postgres', 'CREATE EXTENSION marsql');
	return $node;
}

# minor faults of the third 64 MB call in a session, and RssAnon after it (kB),
# read by the statement after the call
sub faults_per_call
{
	my ($node, $setting) = @_;
	my $s = psql_session($node);
	psql_query($s, "SET marsql.retained_memory = '$setting'");
	my $call = q{SELECT marsql.size(marsql.ones(ARRAY[4096, 4096], 'float32'))};
	my $flt = q{SELECT split_part(pg_read_file('/proc/self/stat', 0, 4096), ' ', 10)};
	psql_query($s, $call) for 1 .. 2;
	my $before = psql_query($s, $flt);
	psql_query($s, $call);
	my $after = psql_query($s, $flt);
	my $rss = psql_query($s, q{SELECT substring(pg_read_file('/proc/self/status', 0, 8192) FROM 'RssAnon:\s+(\d+)')});
	# the size of the brk heap: where it cannot grow, it stays small
	my $brk = psql_query($s, q{SELECT (coalesce(sum(('x' || lpad(split_part(m[1], '-', 2), 16, '0'))::bit(64)::bigint
		- ('x' || lpad(split_part(m[1], '-', 1), 16, '0'))::bit(64)::bigint), 0) / 1024)::bigint
		FROM regexp_matches(pg_read_file('/proc/self/maps'), '^([0-9a-f]+-[0-9a-f]+) .*\[heap\]$', 'gn') m});
	$s->{in} .= "\\q\n";
	$s->{h}->finish;
	return { faults => $after - $before, rss => $rss, brk => $brk };
}

for my $layout ('contiguous', 'non-contiguous')
{
	my $node = node($layout eq 'contiguous' ? 'contiguous' : 'noncontiguous',
		$layout eq 'contiguous' ? undef : $hole);
	my $kept = faults_per_call($node, '256MB');
	my $off = faults_per_call($node, '0');
	my $bounded = faults_per_call($node, '16MB');
	my $part = faults_per_call($node, '48MB');
	if ($layout eq 'contiguous')
	{
		cmp_ok($kept->{brk}, '>', 60 * 1024, "$layout: the brk heap holds the buffer ($kept->{brk} kB)");
	}
	else
	{
		cmp_ok($kept->{brk}, '<', 1024, "$layout: the brk heap did not grow ($kept->{brk} kB): glibc mapped pieces");
	}
	cmp_ok($kept->{faults}, '<', $off->{faults} / 4,
		"$layout: retained memory on: $kept->{faults} minor faults in the third 64 MB call (off: $off->{faults})");
	cmp_ok($off->{faults}, '>', 10000, "$layout: retained memory off: $off->{faults} minor faults in the third call");
	cmp_ok($kept->{rss} - $off->{rss}, '>', 60 * 1024,
		"$layout: retained memory on keeps the 64 MB buffer after the call (RssAnon $kept->{rss} kB against $off->{rss} kB)");
	cmp_ok($bounded->{rss} - $off->{rss}, '<', 24 * 1024,
		"$layout: retained memory = 16MB keeps at most about that much (RssAnon $bounded->{rss} kB against $off->{rss} kB)");
	cmp_ok($part->{rss} - $off->{rss}, '<', 56 * 1024,
		"$layout: retained memory = 48MB keeps at most about that much (RssAnon $part->{rss} kB against $off->{rss} kB)");
	if ($layout ne 'contiguous')
	{
		# the contiguous heap gives its whole top back at free() once it
		# passes the bound (glibc's own trim); here only the excess goes
		cmp_ok($part->{rss} - $off->{rss}, '>', 40 * 1024,
			"$layout: retained memory = 48MB releases only what is above the bound");
		cmp_ok($part->{faults}, '<', $off->{faults},
			"$layout: retained memory = 48MB: $part->{faults} faults in the third call, fewer than off");
	}
	$node->stop;
}
done_testing();
