/* int8 softmax over the innermost axis (TFLite quantized Softmax, gemmlowp fixed point). exp_table[d] holds
 * exp(-d * beta * input_scale) in Q0.31 for a difference d = max - x in [0, 255], computed by the compiler with the
 * reference arithmetic; differences above max_diff contribute nothing and give -128. The sum is Q12.19 and its
 * reciprocal uses three Newton-Raphson steps, exactly as the reference. */
typedef struct {
    int32_t rows, depth, max_diff;
    const int32_t *exp_table;
} mb_softmax_params_t;

static inline int32_t mb_sat_lshift(int32_t x, int32_t exponent)
{
    const int32_t threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return (int32_t)((uint32_t)x << exponent);
}

static inline int32_t mb_rounding_half_sum(int32_t a, int32_t b)
{
    const int64_t sum = (int64_t)a + b;
    return (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/* 1 / (1 + a) for a in [0, 1) as Q0.31. */
static inline int32_t mb_one_over_one_plus_x(int32_t a)
{
    const int32_t half_den = mb_rounding_half_sum(a, INT32_MAX);
    int32_t x = (int32_t)((uint32_t)1515870810 + (uint32_t)mb_srdhm(half_den, -1010580540));
    int32_t i;
    for (i = 0; i < 3; ++i) {
        const int32_t one_minus = (int32_t)((uint32_t)((int32_t)1 << 29) - (uint32_t)mb_srdhm(half_den, x));
        x = (int32_t)((uint32_t)x + (uint32_t)mb_sat_lshift(mb_srdhm(x, one_minus), 2));
    }
    return mb_sat_lshift(x, 1);
}

MB_KERNEL void mb_softmax_s8(const mb_softmax_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t r, c;
    for (r = 0; r < p->rows; ++r, in += p->depth, out += p->depth) {
        int32_t max = -128;
        int32_t sum = 0;
        int32_t headroom = 0;
        int32_t reciprocal, exponent;
        uint32_t bits;
        for (c = 0; c < p->depth; ++c) {
            max = in[c] > max ? in[c] : max;
        }
        for (c = 0; c < p->depth; ++c) {
            const int32_t d = max - in[c];
            if (d <= p->max_diff) {
                sum = (int32_t)((uint32_t)sum + (uint32_t)mb_rdivpot(p->exp_table[d], 12));
            }
        }
        for (bits = (uint32_t)sum; bits != 0 && (bits & 0x80000000u) == 0; bits <<= 1) {
            ++headroom;
        }
        reciprocal = mb_one_over_one_plus_x((int32_t)(((uint32_t)sum << headroom) - 0x80000000u));
        exponent = (12 - headroom) + 31 - 8;
        for (c = 0; c < p->depth; ++c) {
            const int32_t d = max - in[c];
            out[c] = (int8_t)(d <= p->max_diff
                ? mb_clamp(mb_rdivpot(mb_srdhm(reciprocal, p->exp_table[d]), exponent) - 128, -128, 127)
                : -128);
        }
    }
}
