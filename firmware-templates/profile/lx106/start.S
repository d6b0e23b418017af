/* Entry for qemu-system-xtensa -M sim -cpu lx106 -semihosting: the core starts at the reset vector 0x50000000 with
 * the call0 ABI (lx106 has no register windows). Sets the stack pointer, zeroes .bss, runs main and stops the
 * emulator with its status. Also the semihosting gate used by platform.c. */
    .section .text.start, "ax"
    .globl _start
    .align 4
_start:
    j 1f
    /* Literals by hand: l32r only reaches backwards, and _start must stay at the reset vector. */
    .align 4
.Lstack_top:
    .word __stack_top
.Lbss_start:
    .word __bss_start
.Lbss_end:
    .word __bss_end
.Lmain:
    .word main
.Lexit:
    .word mb_platform_exit
1:  l32r a1, .Lstack_top
    l32r a2, .Lbss_start
    l32r a3, .Lbss_end
    movi a4, 0
2:  bgeu a2, a3, 3f
    s32i a4, a2, 0
    addi a2, a2, 4
    j 2b
3:  l32r a0, .Lmain
    callx0 a0
    l32r a0, .Lexit
    callx0 a0
4:  j 4b

/* int mb_lx106_simcall(int nr, int a, int b, int c): call0 passes the arguments in a2..a5, which is exactly where
 * the simcall instruction takes the call number and its arguments; the result comes back in a2. */
    .text
    .globl mb_lx106_simcall
    .type mb_lx106_simcall, @function
    .align 4
mb_lx106_simcall:
    simcall
    ret
    .size mb_lx106_simcall, . - mb_lx106_simcall
