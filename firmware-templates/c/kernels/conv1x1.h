/* Pointwise (1x1, stride 1, no padding) int8 convolution: a matrix product of pixels [P, in_c] by OHWI weights
 * [out_c, in_c]. Four output channels share each input load; the zero point lives in the folded bias. */
typedef struct {
    int32_t pixels, in_c, out_c;
    int32_t out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_conv1x1_params_t;

MB_KERNEL void mb_conv1x1_s8(const mb_conv1x1_params_t *p, const int8_t *in, int8_t *out)
{
    const int32_t ic = p->in_c;
    const int32_t oc4 = p->out_c - p->out_c % 4;
    int32_t px, oc, i;
    for (px = 0; px < p->pixels; ++px, in += ic) {
        const int8_t *w0 = p->weights;
        for (oc = 0; oc < oc4; oc += 4, w0 += 4 * ic) {
            const int8_t *w1 = w0 + ic;
            const int8_t *w2 = w1 + ic;
            const int8_t *w3 = w2 + ic;
            int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (i = 0; i < ic; ++i) {
                const int32_t x = in[i];
                a0 += x * w0[i];
                a1 += x * w1[i];
                a2 += x * w2[i];
                a3 += x * w3[i];
            }
            *out++ = mb_requant(a0 + p->bias[oc], p->mult[oc], p->shift[oc], p->out_zp, p->act_min, p->act_max);
            *out++ = mb_requant(a1 + p->bias[oc + 1], p->mult[oc + 1], p->shift[oc + 1], p->out_zp, p->act_min, p->act_max);
            *out++ = mb_requant(a2 + p->bias[oc + 2], p->mult[oc + 2], p->shift[oc + 2], p->out_zp, p->act_min, p->act_max);
            *out++ = mb_requant(a3 + p->bias[oc + 3], p->mult[oc + 3], p->shift[oc + 3], p->out_zp, p->act_min, p->act_max);
        }
        for (; oc < p->out_c; ++oc, w0 += ic) {
            const int32_t acc = p->bias[oc] + mb_dot_s8(in, w0, ic);
            *out++ = mb_requant(acc, p->mult[oc], p->shift[oc], p->out_zp, p->act_min, p->act_max);
        }
    }
}
