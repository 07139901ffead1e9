/* peakrss PROGRAM [ARG...]: runs PROGRAM and prints its peak resident set size in KiB on
 * standard error; exits 0 if the program did, else 1. x86_64 and aarch64 Linux >= 5.3.
 *
 * Not getrusage(2)'s ru_maxrss (nor /usr/bin/time, nor VmHWM): since Linux 6.2 a process's
 * RSS counters are per-CPU, and the recorded peak is taken from their folded total, which
 * lags the true figure by up to 32 pages per CPU (here the same run read 188 or 316 KiB), and
 * ru_maxrss also counts what the process was before execve (a vfork child of Python reports
 * Python's size). /proc/PID/status's VmRSS sums the counters exactly. A process's RSS only
 * shrinks when it unmaps memory or exits, so the peak is the largest VmRSS read just before
 * each munmap, mremap, madvise or brk, and at exit: the program runs under ptrace(2), stopped
 * at each system call (PTRACE_SYSCALL) and at exit (PTRACE_EVENT_EXIT). Its children are not
 * traced. Slow: the bench does not time runs made through this. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long vm_rss(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	long kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	if (f)
		fclose(f);
	return kib;
}

static int shrinks(long nr)
{
	return nr == SYS_munmap || nr == SYS_mremap || nr == SYS_madvise || nr == SYS_brk;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: peakrss PROGRAM [ARG...]\n");
		return 2;
	}
	pid_t pid = fork();
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		execvp(argv[1], argv + 1); /* stops with SIGTRAP once exec'd */
		_exit(127);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		return 1;
	ptrace(PTRACE_SETOPTIONS, pid, 0,
	       PTRACE_O_TRACEEXIT | PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	long peak = vm_rss(pid);
	int sig = 0;
	for (;;) {
		ptrace(PTRACE_SYSCALL, pid, 0, sig);
		if (waitpid(pid, &status, 0) != pid)
			return 1;
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		sig = 0;
		long rss = -1;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
			struct __ptrace_syscall_info info;
			if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof info, &info) > 0 &&
			    info.op == PTRACE_SYSCALL_INFO_ENTRY && shrinks(info.entry.nr))
				rss = vm_rss(pid);
		} else if (status >> 8 == (SIGTRAP | PTRACE_EVENT_EXIT << 8)) {
			rss = vm_rss(pid);
		} else {
			sig = WSTOPSIG(status); /* a signal for the program: deliver it */
		}
		if (rss > peak)
			peak = rss;
	}
	fprintf(stderr, "%ld\n", peak);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
