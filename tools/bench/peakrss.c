/* peakrss PROGRAM [ARG...]: runs PROGRAM, waits for it, and prints its peak RSS in KiB (the
 * largest of it and every descendant it waited for: wait4(2)'s ru_maxrss), on standard error;
 * exits 0 if the program did, else 1.
 *
 * Why a program of its own, without libc: execve(2) keeps in the process's maxrss the larger of
 * the old and the new address space's high-water mark, and a forked child's old address space
 * is a copy of its parent's. Started from Python (15 MiB) or /usr/bin/time (~0.5 MiB), a shell
 * would report their size, not its own. This process is a few pages, so the figure it prints
 * for the tiny program is the measurement's floor. x86_64 only, raw system calls. */

typedef unsigned long u64;

static long sys4(long n, long a, long b, long c, long d)
{
	register long r10 __asm__("r10") = d;
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

enum { SYS_write = 1, SYS_fork = 57, SYS_execve = 59, SYS_exit_group = 231, SYS_wait4 = 61 };

struct rusage {
	long utime[2], stime[2];
	long maxrss, rest[13];
};

__attribute__((noreturn)) static void exit_group(int code)
{
	sys4(SYS_exit_group, code, 0, 0, 0);
	__builtin_unreachable();
}

__attribute__((used, noreturn)) void start(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	if (argc < 2)
		exit_group(2);
	long pid = sys4(SYS_fork, 0, 0, 0, 0);
	if (pid == 0) {
		sys4(SYS_execve, (long)argv[1], (long)(argv + 1), (long)envp, 0);
		exit_group(127);
	}
	int status = -1;
	struct rusage ru;
	if (pid < 0 || sys4(SYS_wait4, pid, (long)&status, 0, (long)&ru) != pid)
		exit_group(1);
	char buf[24];
	int i = sizeof buf;
	buf[--i] = '\n';
	u64 n = ru.maxrss;
	do
		buf[--i] = '0' + n % 10;
	while ((n /= 10) && i > 0);
	sys4(SYS_write, 2, (long)(buf + i), sizeof buf - i, 0);
	exit_group(status == 0 ? 0 : 1);
}

/* The kernel enters with the stack pointer at argc: hand it to start() on an aligned stack. */
__asm__(".globl _start\n_start:\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n\tcall start\n");
