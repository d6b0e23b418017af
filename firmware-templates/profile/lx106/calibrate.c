/* Calibration for insn_count_plugin.c: marks around an assembly loop of exactly 2 * n + 2 instructions (beqz, then
 * n times addi + bnez, then ret). With the plugin exact, mark(2k + 1) - mark(2k) - (2 * n + 2) is the same constant
 * (the call and mark overhead) for every n. Build it like profile_main.c, in its place. */
#include "platform.h"

/* uint32_t mb_calibrate_loop(uint32_t n), call0 ABI: n in a2. */
__asm__(".text\n"
        ".globl mb_calibrate_loop\n"
        ".align 4\n"
        "mb_calibrate_loop:\n"
        "    beqz a2, 2f\n"
        "1:  addi a2, a2, -1\n"
        "    bnez a2, 1b\n"
        "2:  ret\n");
uint32_t mb_calibrate_loop(uint32_t n);

static const uint32_t loop_counts[] = {0u, 1u, 2u, 10u, 1000u, 1000000u};

int main(void)
{
    unsigned k;
    for (k = 0; k < sizeof loop_counts / sizeof loop_counts[0]; ++k) {
        mb_platform_mark((int)(2u * k));
        (void)mb_calibrate_loop(loop_counts[k]);
        mb_platform_mark((int)(2u * k + 1u));
    }
    mb_platform_putc('o');
    mb_platform_putc('k');
    mb_platform_putc('\n');
    return 0;
}
