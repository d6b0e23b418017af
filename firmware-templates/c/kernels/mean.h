/* Global average pool with TFLite int8 MEAN semantics over H and W: the centered sum is scaled by one multiplier
 * that folds input_scale / output_scale and the division by H * W. */
typedef struct {
    int32_t batches, hw, c;
    int32_t in_zp, out_zp, mult, shift;
} mb_mean_params_t;

#if MB_SCALAR_CORE && defined(__GNUC__)
/* The channel sums of four aligned channels at a time: each pixel's word, its bytes made unsigned (x + 128), is split
 * into two pairs of 16-bit lanes and added, 256 pixels at most between flushes so that no lane overflows (at most
 * 256 * 255). sums[j] gets the sum of x + 128 over the hw pixels for channel j. */
MB_FORCE_INLINE void mb_mean_sum4(const int8_t *in, int32_t hw, int32_t ch, int32_t *sums)
{
    typedef uint32_t __attribute__((may_alias)) mb_word_t;
    int32_t done = 0;
    sums[0] = sums[1] = sums[2] = sums[3] = 0;
    while (done < hw) {
        const int32_t n = hw - done < 256 ? hw - done : 256;
        const int8_t *x = in + done * ch, *const end = x + n * ch;
        uint32_t even = 0, odd = 0;
        for (; x != end; x += ch) {
            const uint32_t v = *(const mb_word_t *)(const void *)x ^ 0x80808080u;
            even += v & 0x00ff00ffu;
            odd += (v >> 8) & 0x00ff00ffu;
        }
        sums[0] += (int32_t)(even & 0xffffu);
        sums[1] += (int32_t)(odd & 0xffffu);
        sums[2] += (int32_t)(even >> 16);
        sums[3] += (int32_t)(odd >> 16);
        done += n;
    }
}
#endif

MB_KERNEL void mb_mean_s8(const mb_mean_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, i, c;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->hw * p->c;
#if MB_SCALAR_CORE && defined(__GNUC__)
        if (((p->c | (int32_t)(uintptr_t)in_b) & 3) == 0) {
            for (c = 0; c < p->c; c += 4) {
                int32_t sums[4], j;
                mb_mean_sum4(in_b + c, p->hw, p->c, sums);
                for (j = 0; j < 4; ++j) {
                    const int32_t sum = sums[j] - (128 + p->in_zp) * p->hw;
                    *out++ = (int8_t)mb_clamp(mb_mul_by_qm(sum, p->mult, p->shift) + p->out_zp, -128, 127);
                }
            }
            continue;
        }
#endif
        for (c = 0; c < p->c; ++c) {
            int32_t sum = 0;
            for (i = 0; i < p->hw; ++i) {
                sum += in_b[i * p->c + c];
            }
            sum -= p->in_zp * p->hw;
            *out++ = (int8_t)mb_clamp(mb_mul_by_qm(sum, p->mult, p->shift) + p->out_zp, -128, 127);
        }
    }
}
