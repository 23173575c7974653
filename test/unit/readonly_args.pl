#!/usr/bin/perl
# readonly_args.pl SRC_DIR
#	  A code-walking check for the resident value cache (docs/cache.md): a
#	  tensor argument read with PG_GETARG_TENSOR_P / PG_GETARG_TENSOR_ANY_P /
#	  DatumGetTensorP / DatumGetTensorAnyP may be the cache's shared copy, so
#	  no function may write into it or free it.  In every function of SRC_DIR
#	  (kernels excepted: they never see a Datum) it flags, for each variable
#	  assigned from those macros and until it is assigned anything else:
#	    pfree(var), SET_VARSIZE(var, ...), var->dims[i] / ndim / dtype / flags = ...,
#	    stores through TENSOR_DATA(var) (x[i] = ..., *(T *) ... = ...), and
#	    TENSOR_DATA(var) as the destination of memcpy / memmove / memset;
#	  and anywhere, PG_FREE_IF_COPY (use PG_FREE_TENSOR_IF_COPY, which never
#	  frees the cache's copy).  Kernel calls that write through an argument
#	  are beyond a text scan: kernels take their inputs as const (see
#	  docs/cache.md, "Audit").  Prints TAP; the first tests check the
#	  checker on snippets it must flag and one it must pass.
use strict;
use warnings;
use File::Find;

my $src = shift // 'src';
my $getarg = qr/\b(?:PG_GETARG_TENSOR_(?:ANY_|ANYDTYPE_|STORED_)?P|DatumGetTensor(?:Any|AnyDtype|Stored)?P)\s*\(/;
my $n = 0;
my $failed = 0;

sub report
{
	my ($ok, $name, @diag) = @_;
	$n++;
	print(($ok ? 'ok' : 'not ok') . " $n - $name\n");
	print "# $_\n" for @diag;
	$failed++ unless $ok;
}

# findings in one file's text: a list of "line: text"
sub scan
{
	my ($text) = @_;
	my @found;
	my %vars;
	my $lineno = 0;
	for my $line (split /\n/, $text)
	{
		$lineno++;
		# a new function at column 0 forgets the variables of the last one
		%vars = () if $line =~ /^\{/;
		next if $line =~ m{^\s*(?:\*\s|\*/|\*$|/\*|//)};	# comments
		push @found, "$lineno: PG_FREE_IF_COPY (use PG_FREE_TENSOR_IF_COPY): $line"
		  if $line =~ /\bPG_FREE_IF_COPY\s*\(/ && $line !~ /define/;
		# var = <anything>: tracked when from the macros, else forgotten
		while ($line =~ /(?:^|[\s(*,;])(\w+)\s*=(?!=)\s*([^;]*)/g)
		{
			my ($var, $rhs) = ($1, $2);
			if ($rhs =~ $getarg)
			{
				$vars{$var} = 1;
			}
			elsif ($vars{$var} && $line !~ /->\s*\Q$var\E\s*=/)
			{
				delete $vars{$var};
			}
		}
		for my $v (keys %vars)
		{
			my $data = qr/TENSOR_DATA\s*\(\s*\Q$v\E\s*\)/;
			my $why;
			$why = 'pfree' if $line =~ /\bpfree\s*\(\s*\Q$v\E\s*\)/;
			$why = 'SET_VARSIZE' if $line =~ /\bSET_VARSIZE\s*\(\s*\Q$v\E\b/;
			$why = 'header store' if $line =~ /\b\Q$v\E->(?:dims\s*\[[^\]]*\]|ndim|dtype|flags)\s*=(?!=)/;
			$why = 'store through TENSOR_DATA'
			  if $line =~ /$data\s*\)?\s*\[[^\]]*\]\s*=(?!=)/
			  || $line =~ /\*\s*\([^()]*\*\s*\)\s*$data\s*=(?!=)/;
			$why = 'copy into TENSOR_DATA'
			  if $line =~ /\bmem(?:cpy|move|set)\s*\(\s*(?:\([^()]*\)\s*)?$data/;
			push @found, "$lineno: $why into argument \"$v\": $line" if $why;
		}
	}
	return @found;
}

# the checker itself
my @must_flag = (
	"{\n\tTensor *t = PG_GETARG_TENSOR_P(0);\n\tpfree(t);\n}",
	"{\n\tTensor *t = PG_GETARG_TENSOR_ANY_P(0);\n\t((float *) TENSOR_DATA(t))[0] = 1;\n}",
	"{\n\tTensor *t = DatumGetTensorP(d);\n\tmemcpy(TENSOR_DATA(t), src, n);\n}",
	"{\n\tTensor *t = PG_GETARG_TENSOR_P(0);\n\tt->dims[0] = 3;\n}",
	"{\n\tTensor *t = PG_GETARG_TENSOR_P(0);\n\t*(double *) TENSOR_DATA(t) = 2;\n}",
	"{\n\tTensor *a = PG_GETARG_TENSOR_P(0);\n\tPG_FREE_IF_COPY(a, 0);\n}",
);
for my $i (0 .. $#must_flag)
{
	report(scalar(scan($must_flag[$i])) > 0, "the check flags bad snippet " . ($i + 1));
}
my @clean = scan("{\n\tTensor *t = PG_GETARG_TENSOR_P(0);\n\tTensor *r;\n"
	  . "\tmemcpy(TENSOR_DATA(r), TENSOR_DATA(t), n);\n\tt = tensor_convert(t, MT_FLOAT64);\n"
	  . "\t((double *) TENSOR_DATA(t))[0] = 1;\n\tPG_FREE_TENSOR_IF_COPY(t, 0);\n}");
report(!@clean, 'the check passes reads, and writes after a reassignment', @clean);

# the sources
my @files;
find(sub { push @files, $File::Find::name if /\.(?:c|h)$/ && $File::Find::dir !~ m{/kernels\b} }, $src);
report(scalar(@files) > 10, 'found the sources under ' . $src);
for my $f (sort @files)
{
	open(my $fh, '<', $f) or die "$f: $!";
	my $text = do { local $/; <$fh> };
	close $fh;
	my @found = scan($text);
	report(!@found, "$f writes into no detoasted tensor argument", @found);
}
print "1..$n\n";
exit($failed ? 1 : 0);
