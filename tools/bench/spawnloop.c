/* spawnloop N PROGRAM [ARG...]: runs PROGRAM N times, one at a time, with vfork + execve +
 * wait4, and prints the elapsed nanoseconds. With the tiny program it is the floor no shell
 * can beat; with `SHELL -c :` it measures a shell's start-up. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: spawnloop N PROGRAM [ARG...]\n");
		return 2;
	}
	long n = atol(argv[1]);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++) {
		pid_t pid = vfork();
		if (pid == 0) {
			execve(argv[2], argv + 2, environ);
			_exit(127);
		}
		int status;
		if (pid < 0 || wait4(pid, &status, 0, NULL) != pid || status != 0) {
			fprintf(stderr, "spawnloop: %s failed\n", argv[2]);
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lld\n", (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
	return 0;
}
