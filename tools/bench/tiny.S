/* The program every benchmark spawns: exit_group(0) and nothing else, so what is measured is
 * the cost of creating, exec'ing and reaping a process. x86_64: syscall number in rax (231 is
 * exit_group), first argument in rdi. */
	.globl _start
	.text
_start:
	mov	$231, %eax
	xor	%edi, %edi
	syscall
