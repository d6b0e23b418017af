/* The profile board for the Xtensa lx106 (ESP8266's core) on qemu-system-xtensa -M sim -cpu lx106 -semihosting.
 * The core has no usable instruction counter (CCOUNT is not one per instruction), so the count comes from the
 * emulator: a mark is one store to MB_MARK_BASE + 4 * id, which insn_count_plugin.c watches, printing
 * "mark <id> <count>" with the exact count of instructions executed up to and including that store. */
#include "platform.h"

/* Must match MARK_BASE in insn_count_plugin.c; link.ld keeps this window out of RAM. */
#define MB_MARK_BASE 0x67ff0000u
#define MB_MAX_MARKS 1024
#define SIM_EXIT 1
#define SIM_WRITE 4

/* In start.S: executes simcall with a2 = nr, a3..a5 = a, b, c. */
int mb_lx106_simcall(int nr, int a, int b, int c);

void mb_platform_putc(char c)
{
    (void)mb_lx106_simcall(SIM_WRITE, 1, (int)(uintptr_t)&c, 1);
}

void mb_platform_exit(int code)
{
    (void)mb_lx106_simcall(SIM_EXIT, code, 0, 0);
    for (;;) {
    }
}

void mb_platform_mark(int id)
{
    if (id >= 0 && id < MB_MAX_MARKS) {
        *(volatile uint32_t *)(MB_MARK_BASE + 4u * (uint32_t)id) = (uint32_t)id;
    }
}

/* None: the plugin reports the marks as they happen. */
int mb_platform_counts(const uint32_t **counts)
{
    *counts = 0;
    return 0;
}

/* lx106 has no divide instruction and Debian's lx106 libgcc lacks the division helpers (README.md). profile_main.c's
 * decimal printing and the kernels' set-up arithmetic use them, never an inner loop: shift-subtract is enough. */
uint32_t __udivsi3(uint32_t n, uint32_t d);
uint32_t __umodsi3(uint32_t n, uint32_t d);

static uint32_t udivmod(uint32_t n, uint32_t d, uint32_t *rem)
{
    uint32_t q = 0u;
    uint32_t r = 0u;
    int bit;
    for (bit = 31; bit >= 0; --bit) {
        r = (r << 1) | ((n >> bit) & 1u);
        if (r >= d) {
            r -= d;
            q |= 1u << bit;
        }
    }
    *rem = r;
    return q;
}

uint32_t __udivsi3(uint32_t n, uint32_t d)
{
    uint32_t r;
    return udivmod(n, d, &r);
}

uint32_t __umodsi3(uint32_t n, uint32_t d)
{
    uint32_t r;
    (void)udivmod(n, d, &r);
    return r;
}

int32_t __divsi3(int32_t n, int32_t d);
int32_t __modsi3(int32_t n, int32_t d);

static uint32_t magnitude(int32_t v)
{
    return v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
}

int32_t __divsi3(int32_t n, int32_t d)
{
    uint32_t r;
    const uint32_t q = udivmod(magnitude(n), magnitude(d), &r);
    return (n < 0) != (d < 0) ? (int32_t)(0u - q) : (int32_t)q;
}

int32_t __modsi3(int32_t n, int32_t d)
{
    uint32_t r;
    (void)udivmod(magnitude(n), magnitude(d), &r);
    return n < 0 ? (int32_t)(0u - r) : (int32_t)r;
}
