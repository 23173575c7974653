# MarsqlTap.pm
#	  Helpers shared by the TAP tests in test/t: polling with a deadline,
#	  waiting for a crash-restart (restarted), finding a node's marsql
#	  worker processes and DSM segments, psql sessions run in the
#	  background, interactive psql sessions fed one statement at a time,
#	  sampling their memory, telling a backend whose client is still
#	  connected from one whose client has gone (connected_backends).  The DSM helpers count the files of
#	  an mmap cluster's pg_dynshmem (dynamic_shared_memory_type = mmap), so
#	  only that node's segments are seen.
package MarsqlTap;

use strict;
use warnings;
use Exporter 'import';
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);

our @EXPORT = qw(worker_node wait_until postmaster_pid os_workers stat_workers process_memory run_sampled
  no_workers_left dsm_segments dsm_freed busy_workers start_bg finish_bg restarted
  psql_session psql_send psql_wait psql_query worker_leader connected_backends);


# polls $check every 0.1 s until it returns true or $secs have passed
# A started node with marsql installed, eight worker slots, no parallel
# query workers to compete for them, DSM segments as files (see dsm_segments)
# and marsql.max_workers = 2; extra lines go into postgresql.conf.
sub worker_node
{
	my ($name, $extra) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init;
	$node->append_conf('postgresql.conf', q{
max_worker_processes = 8
max_parallel_workers_per_gather = 0
dynamic_shared_memory_type = mmap
marsql.max_workers = 2
} . ($extra // ''));
	$node->start;
	$node->safe_psql('postgres', 'CREATE EXTENSION marsql');
	return $node;
}

sub wait_until
{
	my ($secs, $check) = @_;
	my $deadline = time() + $secs;
	while (1)
	{
		return 1 if $check->();
		return 0 if time() > $deadline;
		usleep(100_000);
	}
}

# waits until $node's postmaster has reinitialized after a crash that
# began after log offset $offset and accepts connections again; one test
# named "$what: the server restarted"
sub restarted
{
	my ($node, $offset, $what) = @_;
	my $ok = wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		slurp_file($node->logfile, $offset) =~ /all server processes terminated; reinitializing/;
	});
	$ok &&= wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		my ($ret) = $node->psql('postgres', 'SELECT 1');
		return $ret == 0;
	});
	ok($ok, "$what: the server restarted");
	return $ok;
}

sub postmaster_pid
{
	my ($n) = @_;
	my ($pid) = slurp_file($n->data_dir . '/postmaster.pid') =~ /^(\d+)/;
	return $pid;
}

# pids of the node's marsql worker processes: children of its postmaster
# whose process title names a marsql worker.  Unlike pg_stat_activity this
# also sees a worker that is still starting or already exiting.
sub os_workers
{
	my ($n) = @_;
	my $pm = postmaster_pid($n);
	my @pids;
	opendir(my $dh, '/proc') or return ();
	for my $pid (grep { /^\d+$/ } readdir $dh)
	{
		open(my $fh, '<', "/proc/$pid/stat") or next;
		my $stat = <$fh>;
		close $fh;
		# "pid (comm) state ppid ...": comm may hold anything, take the last ')'
		next unless defined $stat && $stat =~ /^\d+ \(.*\) \S+ (\d+)/s && $1 == $pm;
		open($fh, '<', "/proc/$pid/cmdline") or next;
		my $cmd = do { local $/; <$fh> } // '';
		close $fh;
		push @pids, $pid if $cmd =~ /marsql worker/;
	}
	closedir $dh;
	return @pids;
}

sub stat_workers
{
	my ($n) = @_;
	return $n->safe_psql('postgres',
		q{SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'marsql worker'});
}

# asserts that no marsql worker is left on the node within $secs
sub no_workers_left
{
	my ($n, $label, $secs) = @_;
	my ($in_stats, @procs);
	my $start = time();
	my $ok = wait_until($secs, sub {
		$in_stats = stat_workers($n);
		@procs = os_workers($n);
		return $in_stats == 0 && !@procs;
	});
	ok($ok, sprintf('%s: no marsql worker left after %.1f s (pg_stat_activity: %s, processes: %s)',
		$label, time() - $start, $in_stats, join(',', @procs) || 'none'));
}

# the node's DSM segments: the files in pg_dynshmem (see the top)
sub dsm_segments
{
	my ($n) = @_;
	opendir(my $dh, $n->data_dir . '/pg_dynshmem') or die "pg_dynshmem: $!";
	my @files = sort grep { !/^\./ } readdir $dh;
	closedir $dh;
	return join(',', @files);
}

sub dsm_freed
{
	my ($n, $secs, $label, $baseline) = @_;
	my $now;
	wait_until($secs, sub { ($now = dsm_segments($n)) eq $baseline });
	is($now, $baseline, "$label: the job's DSM segments are gone");
}

# the pid of the backend a marsql worker works for, from its process
# title ("marsql worker 1 for PID 1234"); 0 when it is gone
sub worker_leader
{
	my ($pid) = @_;
	open(my $fh, '<', "/proc/$pid/cmdline") or return 0;
	my $cmd = do { local $/; <$fh> } // '';
	close $fh;
	return $cmd =~ /marsql worker \d+ for PID (\d+)/ ? $1 : 0;
}

# The pids of the marsql workers running a task, once there are $want.
# With $leader, only the workers of that backend: a worker of an earlier
# job (cancelled, or its session just ended) may still be running its
# last task, and is no worker of this job.
sub busy_workers
{
	my ($n, $want, $leader) = @_;
	my @busy;
	wait_until($PostgreSQL::Test::Utils::timeout_default, sub {
		@busy = split /,/, $n->safe_psql('postgres', q{
			SELECT string_agg(pid::text, ',' ORDER BY pid) FROM pg_stat_activity
			WHERE backend_type = 'marsql worker' AND state = 'active'});
		@busy = grep { worker_leader($_) == $leader } @busy if defined $leader;
		return @busy >= $want;
	});
	return @busy;
}

# This machine's TCP connections, from /proc/net/tcp and tcp6:
# "local_port remote_port" => [state (hex, 01 = ESTABLISHED,
# 08 = CLOSE_WAIT), socket inode].  Every node listens on 127.0.0.1, so
# the ports tell the connections apart.
sub tcp_connections
{
	my %conn;
	for my $file ('/proc/net/tcp', '/proc/net/tcp6')
	{
		open(my $fh, '<', $file) or next;
		while (my $line = <$fh>)
		{
			my @f = split ' ', $line;
			next unless @f > 9 && $f[1] =~ /:([0-9A-F]{4})$/;
			my $local = hex($1);
			next unless $f[2] =~ /:([0-9A-F]{4})$/;
			my $key = "$local " . hex($1);
			# a port pair reused while the old one lingers: the live one wins
			$conn{$key} = [ $f[3], $f[9] ] unless $conn{$key} && $conn{$key}[0] eq '01';
		}
		close $fh;
	}
	return \%conn;
}

# the inodes of the sockets process $pid holds open
sub socket_inodes
{
	my ($pid) = @_;
	my %inodes;
	opendir(my $dh, "/proc/$pid/fd") or return %inodes;
	for my $fd (grep { /^\d+$/ } readdir $dh)
	{
		my $link = readlink("/proc/$pid/fd/$fd") // '';
		$inodes{$1} = 1 if $link =~ /^socket:\[(\d+)\]$/;
	}
	closedir $dh;
	return %inodes;
}

# The pids of $node's backends matching the SQL condition $where whose
# client is still connected.  pg_stat_activity lists a backend until its
# exit callbacks are done: one whose client closed the connection (a
# marsql coordinator dropping a connection after a cancel, or a session
# that ended) is still there a while, and if it was running a query it
# may notice only at its next client-connection check.  Counting those
# as connections counts one too many.  Such a backend's socket is in
# CLOSE_WAIT; a backend is counted only while it is ESTABLISHED, so the
# clients must connect over TCP (the node listening on 127.0.0.1).  With
# owner => PID, only the backends whose client socket process PID holds
# (the connections of that coordinator backend); with session => a
# psql_session on $node, the query runs there (sampling in a loop).
# pg_stat_activity is read first: a backend counted was connected at
# that moment and still is when the sockets are read, so the count is
# never above what was connected at one instant.
sub connected_backends
{
	my ($node, $where, %opt) = @_;
	my $sql = "SELECT pid || ' ' || client_port FROM pg_stat_activity WHERE client_port > 0 AND ($where)";
	my $rows = $opt{session} ? psql_query($opt{session}, $sql) : $node->safe_psql('postgres', $sql);
	my $tcp = tcp_connections();
	my %owned = defined $opt{owner} ? socket_inodes($opt{owner}) : ();
	my @pids;
	for my $row (split /\n/, $rows)
	{
		my ($pid, $port) = split / /, $row;
		my $theirs = $tcp->{ $node->port . " $port" };
		next unless $theirs && $theirs->[0] eq '01';
		if (defined $opt{owner})
		{
			my $ours = $tcp->{ "$port " . $node->port };
			next unless $ours && $owned{ $ours->[1] };
		}
		push @pids, $pid;
	}
	return @pids;
}

# Starts psql in the background on the given statements (each its own -c,
# errors do not stop the rest) with verbose errors, and returns once it
# reported its backend's pid: { h, pid, out, err }.
sub start_bg
{
	my ($n, @sql) = @_;
	my $bg = { out => '', err => '' };
	$bg->{timer} = IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default);
	$bg->{h} = IPC::Run::start(
		[
			'psql', '-X', '-A', '-t', '-d', $n->connstr('postgres'),
			'-c', 'SELECT pg_backend_pid()', '-c', '\set VERBOSITY verbose',
			map { ('-c', $_) } @sql
		],
		'<', '/dev/null', '>', \$bg->{out}, '2>', \$bg->{err}, $bg->{timer});
	pump_until($bg->{h}, $bg->{timer}, \$bg->{out}, qr/^\d+$/m)
	  or die "background psql did not start: $bg->{err}";
	($bg->{pid}) = $bg->{out} =~ /^(\d+)$/m;
	return $bg;
}

# An interactive psql session on $db (default postgres) of $node, unaligned
# tuples only: psql_query sends one statement and returns its output;
# psql_send sends one without waiting and psql_wait collects its output.
sub psql_session
{
	my ($node, $db) = @_;
	my $s = { in => '', out => '', err => '', n => 0 };
	$s->{timer} = IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default);
	$s->{h} = IPC::Run::start(
		[ 'psql', '-X', '-A', '-t', '-q', '-d', $node->connstr($db // 'postgres') ],
		'<', \$s->{in}, '>', \$s->{out}, '2>', \$s->{err}, $s->{timer});
	return $s;
}

sub psql_send
{
	my ($s, $sql) = @_;
	$s->{n}++;
	$s->{sql} = $sql;
	$s->{out} = '';
	$s->{err} = '';
	$s->{in} .= "$sql;\n\\echo done-$s->{n}\n";
}

sub psql_wait
{
	my ($s) = @_;
	my $m = $s->{n};
	$s->{timer}->start($PostgreSQL::Test::Utils::timeout_default);
	pump_until($s->{h}, $s->{timer}, \$s->{out}, qr/^done-$m$/m)
	  or die "psql session stuck on: $s->{sql}\n$s->{err}";
	(my $out = $s->{out}) =~ s/^done-$m\n//m;
	chomp $out;
	return $out;
}

sub psql_query
{
	my ($s, $sql) = @_;
	psql_send($s, $sql);
	return psql_wait($s);
}

# waits for the background psql to exit; returns the seconds it took
sub finish_bg
{
	my ($bg) = @_;
	my $start = time();
	if (!eval { $bg->{h}->finish; 1 })
	{
		$bg->{h}->kill_kill;
		$bg->{err} .= "\n(background psql killed: $@)";
	}
	return time() - $start;
}

# kB of anonymous and of shared (or file-backed shared) memory a process
# holds now, from /proc/<pid>/status; (0, 0) once it is gone
sub process_memory
{
	my ($pid) = @_;
	open(my $fh, '<', "/proc/$pid/status") or return (0, 0);
	my $status = do { local $/; <$fh> };
	close $fh;
	my ($anon) = $status =~ /^RssAnon:\s+(\d+) kB/m;
	my ($file) = $status =~ /^RssFile:\s+(\d+) kB/m;
	my ($shmem) = $status =~ /^RssShmem:\s+(\d+) kB/m;
	return ($anon // 0, ($file // 0) + ($shmem // 0));
}

# Runs the statements in a background session of $node, sampling the memory
# of its backend and of the node's marsql workers every 20 ms until it is done.
# Returns the session and the peaks in MB: backend anonymous, backend
# shared, the largest of any worker anonymous, worker shared.
sub run_sampled
{
	my ($node, @sql) = @_;
	my $bg = start_bg($node, @sql);
	my %peak = (backend_anon => 0, backend_shared => 0, worker_anon => 0, worker_shared => 0);
	while ($bg->{h}->pumpable)
	{
		my ($anon, $shared) = process_memory($bg->{pid});
		$peak{backend_anon}   = $anon   if $anon > $peak{backend_anon};
		$peak{backend_shared} = $shared if $shared > $peak{backend_shared};
		for my $w (os_workers($node))
		{
			($anon, $shared) = process_memory($w);
			$peak{worker_anon}   = $anon   if $anon > $peak{worker_anon};
			$peak{worker_shared} = $shared if $shared > $peak{worker_shared};
		}
		$bg->{h}->pump_nb;
		usleep(20_000);
	}
	finish_bg($bg);
	$peak{$_} = int($peak{$_} / 1024) for keys %peak;
	return ($bg, \%peak);
}

1;
