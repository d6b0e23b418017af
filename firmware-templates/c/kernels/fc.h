/* Fully connected int8 layer: weights [out, in], per-channel requantization, zero point folded into the bias. */
typedef struct {
    int32_t batches, in_n, out_n;
    int32_t out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_fc_params_t;

MB_KERNEL void mb_fc_s8(const mb_fc_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, o;
    for (n = 0; n < p->batches; ++n, in += p->in_n) {
        for (o = 0; o < p->out_n; ++o) {
            const int32_t acc = p->bias[o] + mb_dot_s8(in, p->weights + o * p->in_n, p->in_n);
            *out++ = mb_requant(acc, p->mult[o], p->shift[o], p->out_zp, p->act_min, p->act_max);
        }
    }
}
