/* Entry for qemu-system-riscv32 -machine virt -bios none: the hart starts at 0x80000000 in machine mode. Sets up
 * the global and stack pointers, zeroes .bss, runs main and stops the emulator with its status. */
    .section .text.start, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sw zero, 0(t0)
    addi t0, t0, 4
    j 1b
2:  call main
    call mb_platform_exit
3:  j 3b
