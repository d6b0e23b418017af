/* Global average pool with TFLite int8 MEAN semantics over H and W: the centered sum is scaled by one multiplier
 * that folds input_scale / output_scale and the division by H * W. */
typedef struct {
    int32_t batches, hw, c;
    int32_t in_zp, out_zp, mult, shift;
} mb_mean_params_t;

MB_KERNEL void mb_mean_s8(const mb_mean_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, i, c;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->hw * p->c;
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
