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

/* Prints "mark <id> <count>" lines for the marks so far, if the board counts on the target (otherwise the emulator's
 * counting plugin prints them). */
void mb_platform_report(void);

#endif
