/* Fixed-point helpers shared by every int8 kernel. Bit-exact with TFLite's reference integer arithmetic
 * (gemmlowp SaturatingRoundingDoublingHighMul / RoundingDivideByPOT, MultiplyByQuantizedMultiplier).
 * Assumes two's-complement int32 with arithmetic right shifts, as gcc, clang and every MCU compiler provide. */
#include <stdint.h>
#include <string.h>

/* MB_KERNEL: kernels are force-inlined so that each layer's call sees its const parameter struct and the compiler
 * specializes loop bounds (and vectorizes dot products). Define MB_GENERIC_KERNELS to get one shared copy of each
 * kernel instead (smallest code). MB_INNER marks the shared inner loops that must be specialized with their caller. */
#if defined(__GNUC__) && !defined(MB_GENERIC_KERNELS)
#define MB_KERNEL static inline __attribute__((always_inline))
#define MB_INNER static inline __attribute__((always_inline))
#else
#define MB_KERNEL static
#define MB_INNER static inline
#endif

/* round(a * b / 2^31), ties away from zero; INT32_MIN * INT32_MIN saturates. Adding 2^30 and shifting (floor) equals
 * the reference's sign-dependent nudge followed by a truncating division, for either sign of a * b. */
static inline int32_t mb_srdhm(int32_t a, int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN) {
        return INT32_MAX;
    }
    return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
}

/* x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31]. floor((x + 2^(e-1) - [x < 0]) / 2^e)
 * is the reference's mask/threshold form in one add and one shift. */
static inline int32_t mb_rdivpot(int32_t x, int32_t exponent)
{
    const int64_t half = ((int64_t)1 << exponent) >> 1;
    return (int32_t)(((int64_t)x + half - (half != 0 && x < 0)) >> exponent);
}

/* x * multiplier * 2^shift / 2^31 with TFLite's double rounding (wrapping left shift first). Prepared multipliers
 * lie in [0, 2^31), so the saturating case of the high multiply cannot occur and is not tested here. */
static inline int32_t mb_mul_by_qm(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    const int64_t ab = (int64_t)(int32_t)((uint32_t)x << left) * (int64_t)multiplier;
    return mb_rdivpot((int32_t)((ab + ((int64_t)1 << 30)) >> 31), right);
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
