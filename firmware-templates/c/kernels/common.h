/* Fixed-point helpers shared by every int8 kernel. Bit-exact with TFLite's reference integer arithmetic
 * (gemmlowp SaturatingRoundingDoublingHighMul / RoundingDivideByPOT, MultiplyByQuantizedMultiplier).
 * Assumes two's-complement int32 with arithmetic right shifts, as gcc, clang and every MCU compiler provide. */
#include <stdint.h>
#include <string.h>

/* MB_SCALAR_CORE: a core without SIMD that the compiler uses (RISC-V rv32imc as on the ESP32-C3, Xtensa, Cortex-M).
 * Its kernels read int8 operands directly and keep blocks of accumulators in registers, where a SIMD host widens
 * inputs to int16 for vector multiply-adds. On unless the target is a SIMD host (x86 SSE2, Arm NEON); define
 * MB_SCALAR_CORE to 1 or 0 to choose. Both paths compute the same bits. */
#if !defined(MB_SCALAR_CORE)
#if defined(__SSE2__) || defined(__ARM_NEON)
#define MB_SCALAR_CORE 0
#else
#define MB_SCALAR_CORE 1
#endif
#endif

/* MB_KERNEL: on SIMD hosts kernels are force-inlined so that each layer's call sees its const parameter struct and
 * the compiler specializes loop bounds (and vectorizes dot products); define MB_GENERIC_KERNELS to get one shared
 * copy of each kernel instead. Scalar-core kernels are written for run-time shapes (register blocks, unrolled
 * loops), so they always keep one shared copy: small code, and no slower. MB_INNER marks the shared inner loops. */
#if defined(__GNUC__) && !defined(MB_GENERIC_KERNELS) && !MB_SCALAR_CORE
#define MB_KERNEL static inline __attribute__((always_inline))
#define MB_INNER static inline __attribute__((always_inline))
#elif defined(__GNUC__)
/* unused: a layer may call a shape-specialized copy instead (MB_CONV1X1_FIXED). */
#define MB_KERNEL static __attribute__((noinline, unused))
#define MB_INNER static __attribute__((noinline))
#else
#define MB_KERNEL static
#define MB_INNER static
#endif

/* MB_FORCE_INLINE: the few-instruction helpers below stay inline even in size-first (-Os) builds, where a call
 * per output would cost more than the helper itself. */
#if defined(__GNUC__)
#define MB_FORCE_INLINE static inline __attribute__((always_inline))
#else
#define MB_FORCE_INLINE static inline
#endif

/* MB_HAVE_MULH: the core has a 32x32 -> high 32 bits multiply, so a 64-bit product is two instructions. The
 * ESP8266's lx106 (Xtensa, call0 ABI) has none and its libgcc lacks __muldi3; there the product is assembled from
 * four 16-bit multiplies. Define MB_HAVE_MULH to 1 or 0 to choose. */
#if !defined(MB_HAVE_MULH)
#if defined(__XTENSA__) && defined(__XTENSA_CALL0_ABI__)
#define MB_HAVE_MULH 0
#else
#define MB_HAVE_MULH 1
#endif
#endif

/* MB_SIZE_FIRST: a size-first build (-Os) keeps one copy of each kernel where a speed-first build has several for
 * common cases. Define it to 1 or 0 to choose. */
#if !defined(MB_SIZE_FIRST)
#if defined(__OPTIMIZE_SIZE__)
#define MB_SIZE_FIRST 1
#else
#define MB_SIZE_FIRST 0
#endif
#endif

/* MB_FIXED_SHAPES: the heaviest convolutions may be specialized to their depth (MB_CONV1X1_FIXED). On for
 * speed-first builds (gcc or clang) of RISC-V cores, whose 32 registers hold a 4 x 4 block of accumulators with its
 * operands; Xtensa and Cortex-M have 16 and would spill, and size-first builds keep one shared kernel. Define it to
 * 1 or 0 to choose (the tests turn it on for the host's scalar build). */
#if !defined(MB_FIXED_SHAPES)
#if MB_SCALAR_CORE && defined(__GNUC__) && defined(__riscv) && !defined(__riscv_32e) && !MB_SIZE_FIRST
#define MB_FIXED_SHAPES 1
#else
#define MB_FIXED_SHAPES 0
#endif
#endif

/* The 64-bit product a * b as its high word (signed) and low word. */
MB_FORCE_INLINE int32_t mb_mul64(int32_t a, int32_t b, uint32_t *lo)
{
#if MB_HAVE_MULH && defined(__GNUC__) && defined(__riscv) && defined(__riscv_mul) && __riscv_xlen == 32
    /* gcc hoists the sign extension of a loop-invariant operand and then emits a general 64 x 64 multiply (four
     * multiplies); the high-word instruction itself is one. */
    int32_t hi;
    __asm__("mulh %0, %1, %2" : "=r"(hi) : "r"(a), "r"(b));
    *lo = (uint32_t)a * (uint32_t)b;
    return hi;
#elif MB_HAVE_MULH
    const int64_t ab = (int64_t)a * (int64_t)b;
    *lo = (uint32_t)ab;
    return (int32_t)(ab >> 32);
#else
    /* a = ah * 2^16 + al and b likewise, with al, bl unsigned: the partial sums stay inside int32. */
    const int32_t ah = a >> 16, bh = b >> 16;
    const uint32_t al = (uint32_t)a & 0xffffu, bl = (uint32_t)b & 0xffffu;
    const uint32_t ll = al * bl;
    const int32_t mid1 = ah * (int32_t)bl + (int32_t)(ll >> 16);
    const int32_t mid2 = (int32_t)al * bh + (mid1 & 0xffff);
    *lo = (uint32_t)a * (uint32_t)b;
    return ah * bh + (mid1 >> 16) + (mid2 >> 16);
#endif
}

/* round(a * b / 2^31), ties away from zero; INT32_MIN * INT32_MIN saturates. Adding 2^30 and shifting (floor) equals
 * the reference's sign-dependent nudge followed by a truncating division, for either sign of a * b. */
MB_FORCE_INLINE int32_t mb_srdhm(int32_t a, int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN) {
        return INT32_MAX;
    }
#if MB_HAVE_MULH
    return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
#else
    {
        uint32_t lo, t;
        int32_t hi = mb_mul64(a, b, &lo);
        t = lo + 0x40000000u;
        hi += t < lo;
        return (int32_t)(((uint32_t)hi << 1) | (t >> 31));
    }
#endif
}

/* x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31]. On 64-bit cores
 * floor((x + 2^(e-1) - [x < 0]) / 2^e) in one add and one shift; on 32-bit cores, where a 64-bit add and shift cost
 * a dozen instructions, the reference's mask/threshold form in 32 bits. */
MB_FORCE_INLINE int32_t mb_rdivpot(int32_t x, int32_t exponent)
{
#if UINTPTR_MAX > 0xffffffffu
    const int64_t half = ((int64_t)1 << exponent) >> 1;
    return (int32_t)(((int64_t)x + half - (half != 0 && x < 0)) >> exponent);
#else
    const int32_t mask = (int32_t)(((uint32_t)1 << exponent) - 1u);
    const int32_t threshold = (mask >> 1) + (x < 0);
    return (x >> exponent) + ((x & mask) > threshold);
#endif
}

/* x * multiplier * 2^shift / 2^31 with TFLite's double rounding (wrapping left shift first). Prepared multipliers
 * lie in [0, 2^31), so the saturating case of the high multiply cannot occur and is not tested here. */
MB_FORCE_INLINE int32_t mb_mul_by_qm(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
#if MB_HAVE_MULH
    /* The multiplier is never INT32_MIN, so the high multiply needs no saturation test. */
    const int64_t ab = (int64_t)(int32_t)((uint32_t)x << left) * (int64_t)multiplier;
    return mb_rdivpot((int32_t)((ab + ((int64_t)1 << 30)) >> 31), right);
#else
    return mb_rdivpot(mb_srdhm((int32_t)((uint32_t)x << left), multiplier), right);
#endif
}

/* Two independent tests: a value inside the range costs two branches and nothing more (gcc keeps v in place
 * instead of first moving a candidate result into a temporary). */
MB_FORCE_INLINE int32_t mb_clamp(int32_t v, int32_t lo, int32_t hi)
{
    if (v < lo) {
        v = lo;
    }
    if (v > hi) {
        v = hi;
    }
    return v;
}

/* Stores the low byte of v (already within int8). On rv32 as one sb: the plain store makes gcc sign-extend a value
 * merged from several clamp branches first, two instructions per output. */
MB_FORCE_INLINE void mb_store8(int8_t *p, int32_t v)
{
#if defined(__GNUC__) && defined(__riscv)
    __asm__("sb %1, %0" : "=m"(*p) : "r"(v));
#else
    *p = (int8_t)v;
#endif
}

/* Requantizes an int32 accumulator to int8: scale, add the output zero point, clamp to the activation range. */
MB_FORCE_INLINE int8_t mb_requant(int32_t acc, int32_t multiplier, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    return (int8_t)mb_clamp(mb_mul_by_qm(acc, multiplier, shift) + zp, lo, hi);
}

/* One channel's requantization prepared once for many accumulators (mb_rq_apply). For a right shift r in [2, 23]
 * the two roundings of mb_mul_by_qm and the output zero point fold into one add and one shift of the product's
 * high word: out = (hi + sign + carry(lo + (sign ? -2^30 : 2^30)) + e) >> (r - 1), e = (2 * zp + 1) * 2^(r - 2),
 * exact for every int32 accumulator and multiplier in [0, 2^31) (docs/INT8.md 2.4.1 derives it); the sign of the
 * accumulator stands in for the sign of the rounded product, which only differs where both round to 0. Other
 * shifts (r1 < 0) take the general form. */
typedef struct {
    int32_t mult, shift, zp, e, r1;
} mb_rq_t;

MB_FORCE_INLINE mb_rq_t mb_rq_prepare(int32_t mult, int32_t shift, int32_t zp)
{
    mb_rq_t q;
    q.mult = mult;
    q.shift = shift;
    q.zp = zp;
    if (shift <= -2 && shift >= -23) {
        q.e = (2 * zp + 1) * ((int32_t)1 << (-shift - 2));
        q.r1 = -shift - 1;
    } else {
        q.e = 0;
        q.r1 = -1;
    }
    return q;
}

/* The fast form alone, for a channel with r1 >= 0: the requantized accumulator plus the zero point, unclamped. */
MB_FORCE_INLINE int32_t mb_rq_apply_fast(int32_t acc, const mb_rq_t *q)
{
    uint32_t lo, t;
    const int32_t hi = mb_mul64(acc, q->mult, &lo);
    /* 0 or -1, written so that gcc does not merge it with the product's sign extension (which would turn the
     * 32 x 32 -> 64 multiply into a general 64-bit one). */
    const uint32_t negative = (uint32_t)acc >> 31;
    t = lo + (0x40000000u ^ (negative << 31));
    return (hi - (int32_t)negative + (int32_t)(t < lo) + q->e) >> q->r1;
}

/* Requantization of a dot product's accumulator, which lies in (-2^29, 2^29) when its bias does (mb_rqn_fits: at
 * most 32,767 int8 x int8 terms), for a right shift r in [1, 20]. Then the product of 4 * acc and the multiplier
 * does not overflow, its high word h is floor(acc * m / 2^30), and the two roundings and the zero point fold into
 * out = (h + 2 * [h < 0 ? -1 : 0] + b) >> (r + 1), b = 1 + 2^r + zp * 2^(r + 1): one multiply instead of two, no
 * low word, no carry (docs/INT8.md 2.4.2 derives it). */
typedef struct {
    int32_t mult, b, r1;
} mb_rqn_t;

/* Prepares one channel; 0 when its shift is outside [-20, -1] (take mb_requant then). */
MB_FORCE_INLINE int mb_rqn_prepare(mb_rqn_t *q, int32_t mult, int32_t shift, int32_t zp)
{
    const int usable = shift <= -1 && shift >= -20;
    const int32_t r = usable ? -shift : 1;
    q->mult = mult;
    q->b = 1 + ((int32_t)1 << r) + (int32_t)((uint32_t)zp << (r + 1));
    q->r1 = r + 1;
    return usable;
}

/* Whether bias + k int8 x int8 products always stay inside (-2^29, 2^29), as mb_rqn_apply needs. */
MB_FORCE_INLINE int mb_rqn_fits(int32_t bias, int32_t k)
{
    const uint32_t limit = k < 32767 ? ((uint32_t)1 << 29) - 1u - ((uint32_t)k << 14) : 0u;
    return k < 32767 && (uint32_t)bias + limit <= 2u * limit;
}

/* The high word of the 64-bit product a * b. */
MB_FORCE_INLINE int32_t mb_mulh(int32_t a, int32_t b)
{
    int32_t h;
#if MB_HAVE_MULH && defined(__GNUC__) && defined(__riscv) && defined(__riscv_mul) && __riscv_xlen == 32
    __asm__("mulh %0, %1, %2" : "=r"(h) : "r"(a), "r"(b));
#else
    uint32_t lo;
    h = mb_mul64(a, b, &lo);
    (void)lo;
#endif
    return h;
}

/* floor(acc * m / 2^30) for acc in (-2^29, 2^29): the high word of (4 acc) * m. */
MB_FORCE_INLINE int32_t mb_mulh_x4(int32_t acc, int32_t m)
{
    return mb_mulh((int32_t)((uint32_t)acc << 2), m);
}

/* The unsigned product of the low 16 bits of a and b: one mul16u on lx106. */
MB_FORCE_INLINE uint32_t mb_mul16u(uint32_t a, uint32_t b)
{
#if defined(__GNUC__) && defined(__XTENSA__)
    uint32_t p;
    __asm__("mul16u %0, %1, %2" : "=a"(p) : "a"(a), "a"(b));
    return p;
#else
    return (a & 0xffffu) * (b & 0xffffu);
#endif
}

/* floor(x4 * m / 2^32) for 0 <= x4 < 2^31 and 0 <= m < 2^31 (mh = m >> 16): with both split into 16-bit halves the
 * middle sum xh * ml + xl * mh + (xl * ml >> 16) stays below 2^32, so four unsigned 16-bit multiplies and no carry
 * give the high word (docs/INT8.md 2.4.3). The Xtensa kernels' product for a non-negative accumulator after a ReLU,
 * where the signed 32 x 32 high word (mb_mul64) takes four multiplies and a dozen more instructions. */
MB_FORCE_INLINE int32_t mb_mulh_pos(uint32_t x4, uint32_t m, uint32_t mh)
{
    const uint32_t xh = x4 >> 16;
    const uint32_t mid = mb_mul16u(xh, m) + mb_mul16u(x4, mh) + (mb_mul16u(x4, m) >> 16);
    return (int32_t)(mb_mul16u(xh, mh) + (mid >> 16));
}

/* The larger magnitude of two values (INT32_MIN counts as INT32_MAX, which no bound accepts). */
MB_FORCE_INLINE int32_t mb_abs_max(int32_t a, int32_t b)
{
    const int32_t ma = a == INT32_MIN ? INT32_MAX : (a < 0 ? -a : a), mb = b == INT32_MIN ? INT32_MAX : (b < 0 ? -b : b);
    return ma > mb ? ma : mb;
}

/* The requantized accumulator plus the zero point, unclamped. */
MB_FORCE_INLINE int32_t mb_rqn_apply(int32_t acc, const mb_rqn_t *q)
{
    const int32_t h = mb_mulh_x4(acc, q->mult);
    const int32_t s = h >> 31;
    return (h + s + s + q->b) >> q->r1;
}

/* The requantized accumulator with the zero point added, before the activation clamp. */
MB_FORCE_INLINE int32_t mb_rq_apply(int32_t acc, const mb_rq_t *q)
{
    return q->r1 >= 0 ? mb_rq_apply_fast(acc, q) : mb_mul_by_qm(acc, q->mult, q->shift) + q->zp;
}
