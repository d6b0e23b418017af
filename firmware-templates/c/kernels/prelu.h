/* Elementwise int8 PReLU (TFLite PRELU): a centered input at or above zero is rescaled by pos_mult; below zero it
 * is multiplied by the centered alpha (broadcast, usually one per channel) and rescaled by neg_mult. */
typedef struct {
    mb_bcast_t shape;
    int32_t in_offset, alpha_offset, out_zp;
    int32_t pos_mult, pos_shift, neg_mult, neg_shift;
} mb_prelu_params_t;

MB_KERNEL void mb_prelu_s8(const mb_prelu_params_t *p, const int8_t *x, const int8_t *alpha, int8_t *out)
{
    const mb_bcast_t *s = &p->shape;
    int32_t i0, i1, i2, i3;
    for (i0 = 0; i0 < s->dims[0]; ++i0) {
        for (i1 = 0; i1 < s->dims[1]; ++i1) {
            for (i2 = 0; i2 < s->dims[2]; ++i2) {
                const int8_t *xr = x + i0 * s->a_strides[0] + i1 * s->a_strides[1] + i2 * s->a_strides[2];
                const int8_t *ar = alpha + i0 * s->b_strides[0] + i1 * s->b_strides[1] + i2 * s->b_strides[2];
                for (i3 = 0; i3 < s->dims[3]; ++i3) {
                    const int32_t d = xr[i3 * s->a_strides[3]] + p->in_offset;
                    const int32_t v = d >= 0
                        ? mb_mul_by_qm(d, p->pos_mult, p->pos_shift)
                        : mb_mul_by_qm(d * (ar[i3 * s->b_strides[3]] + p->alpha_offset), p->neg_mult, p->neg_shift);
                    *out++ = (int8_t)mb_clamp(v + p->out_zp, -128, 127);
                }
            }
        }
    }
}
