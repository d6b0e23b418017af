/* Fixed-point helpers shared by every int8 kernel. Bit-exact with TFLite's reference integer arithmetic
 * (gemmlowp SaturatingRoundingDoublingHighMul / RoundingDivideByPOT, MultiplyByQuantizedMultiplier).
 * Assumes two's-complement int32 with arithmetic right shifts, as gcc, clang and every MCU compiler provide. */
#include <stdint.h>
#include <string.h>

/* MB_KERNEL: kernels are force-inlined so that each layer's call sees its const parameter struct and the compiler
 * specializes loop bounds (and vectorizes dot products). Define MB_GENERIC_KERNELS to get one shared copy of each
 * kernel instead (smallest code). */
#if defined(__GNUC__) && !defined(MB_GENERIC_KERNELS)
#define MB_KERNEL static inline __attribute__((always_inline))
#else
#define MB_KERNEL static
#endif

/* round(a * b / 2^31), ties away from zero; INT32_MIN * INT32_MIN saturates. */
static inline int32_t mb_srdhm(int32_t a, int32_t b)
{
    int64_t ab;
    int64_t nudge;
    if (a == INT32_MIN && b == INT32_MIN) {
        return INT32_MAX;
    }
    ab = (int64_t)a * (int64_t)b;
    nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

/* x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31]. */
static inline int32_t mb_rdivpot(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * multiplier * 2^shift / 2^31 with TFLite's double rounding (wrapping left shift first). */
static inline int32_t mb_mul_by_qm(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    return mb_rdivpot(mb_srdhm((int32_t)((uint32_t)x << left), multiplier), right);
}

static inline int32_t mb_clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/* Requantizes an int32 accumulator to int8: scale, add the output zero point, clamp to the activation range. */
static inline int8_t mb_requant(int32_t acc, int32_t multiplier, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    return (int8_t)mb_clamp(mb_mul_by_qm(acc, multiplier, shift) + zp, lo, hi);
}

/* Pure int8 dot product; the input zero point is folded into the bias at compile time. */
static inline int32_t mb_dot_s8(const int8_t *a, const int8_t *b, int32_t n)
{
    int32_t acc = 0;
    int32_t i;
    for (i = 0; i < n; ++i) {
        acc += (int32_t)a[i] * (int32_t)b[i];
    }
    return acc;
}

/* Sum of n int8 values: padded taps read the input zero point, so they add zp * sum(w). */
static inline int32_t mb_sum_s8(const int8_t *a, int32_t n)
{
    int32_t acc = 0;
    int32_t i;
    for (i = 0; i < n; ++i) {
        acc += a[i];
    }
    return acc;
}
