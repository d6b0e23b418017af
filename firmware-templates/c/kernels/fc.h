/* Fully connected int8 layer: weights [out, in], per-channel requantization, zero point folded into the bias. */
typedef struct {
    int32_t batches, in_n, k_pad, out_n;
    int32_t out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_fc_params_t;

MB_KERNEL void mb_fc_s8(const mb_fc_params_t *p, const int8_t *in, int8_t *out, int16_t *patch)
{
#if MB_SCALAR_CORE
    mb_matmul_s8(in, p->batches, p->in_n, p->weights, p->k_pad, p->out_n, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out, patch);
#else
    int32_t n;
    for (n = 0; n < p->batches; ++n, in += p->in_n, out += p->out_n) {
        mb_widen_s8(patch, in, p->in_n);
        mb_gemv_s8(patch, p->weights, p->k_pad, p->out_n, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out);
    }
#endif
}
