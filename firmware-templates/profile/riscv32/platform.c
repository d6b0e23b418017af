/* The profile board for rv32imc (ESP32-C3/C6's ISA) on qemu-system-riscv32 -machine virt -icount shift=0, where the
 * cycle counter advances exactly once per retired instruction: marks read it, so counts come from the target. */
#include "platform.h"

#define UART_THR (*(volatile uint8_t *)0x10000000u)
#define UART_LSR (*(volatile uint8_t *)0x10000005u)
#define TEST_FINISHER (*(volatile uint32_t *)0x00100000u)
#define MAX_MARKS 1024

static uint32_t marks[MAX_MARKS];
static int mark_count;

void mb_platform_putc(char c)
{
    while ((UART_LSR & 0x20u) == 0u) {
    }
    UART_THR = (uint8_t)c;
}

void mb_platform_exit(int code)
{
    TEST_FINISHER = code == 0 ? 0x5555u : (((uint32_t)code << 16) | 0x3333u);
    for (;;) {
    }
}

void mb_platform_mark(int id)
{
    uint32_t count;
    __asm__ volatile("rdcycle %0" : "=r"(count));
    if (id >= 0 && id < MAX_MARKS) {
        marks[id] = count;
        if (id >= mark_count) {
            mark_count = id + 1;
        }
    }
}

int mb_platform_counts(const uint32_t **counts)
{
    *counts = marks;
    return mark_count;
}
