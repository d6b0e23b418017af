/* What `mbc profile` needs from a bare-metal board: a console, a way to stop the emulator, and instruction-count
 * marks. Each board folder (riscv32/, lx106/) implements it; profile_main.c uses only this. */
#ifndef MB_PLATFORM_H
#define MB_PLATFORM_H

#include <stdint.h>

/* Writes one character to the console. */
void mb_platform_putc(char c);

/* Stops the emulator with an exit status (0: success). */
void mb_platform_exit(int code);

/* Notes the instruction count at mark `id`; ids count up from 0. */
void mb_platform_mark(int id);

/* The instruction counts the board took at marks 0 .. n-1, through *counts; returns n. A board counted by an emulator
 * plugin returns 0: the plugin reports the marks itself. */
int mb_platform_counts(const uint32_t **counts);

#endif
