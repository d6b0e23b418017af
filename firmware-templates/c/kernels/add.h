/* Elementwise int8 add (TFLite quantized Add): both operands are brought to a common scale with 20 bits of
 * headroom, summed, then requantized to the output. */
typedef struct {
    mb_bcast_t shape;
    int32_t a_offset, b_offset, left_shift;
    int32_t a_mult, a_shift, b_mult, b_shift, out_mult, out_shift;
    int32_t out_zp, act_min, act_max;
} mb_add_params_t;

static inline int8_t mb_add_one(const mb_add_params_t *p, int32_t a, int32_t b)
{
    const int32_t sa = mb_mul_by_qm((a + p->a_offset) * ((int32_t)1 << p->left_shift), p->a_mult, p->a_shift);
    const int32_t sb = mb_mul_by_qm((b + p->b_offset) * ((int32_t)1 << p->left_shift), p->b_mult, p->b_shift);
    return (int8_t)mb_clamp(mb_mul_by_qm(sa + sb, p->out_mult, p->out_shift) + p->out_zp, p->act_min, p->act_max);
}

MB_KERNEL void mb_add_s8(const mb_add_params_t *p, const int8_t *a, const int8_t *b, int8_t *out)
{
    const mb_bcast_t *s = &p->shape;
    int32_t i0, i1, i2, i3;
    for (i0 = 0; i0 < s->dims[0]; ++i0) {
        for (i1 = 0; i1 < s->dims[1]; ++i1) {
            for (i2 = 0; i2 < s->dims[2]; ++i2) {
                const int8_t *ar = a + i0 * s->a_strides[0] + i1 * s->a_strides[1] + i2 * s->a_strides[2];
                const int8_t *br = b + i0 * s->b_strides[0] + i1 * s->b_strides[1] + i2 * s->b_strides[2];
                for (i3 = 0; i3 < s->dims[3]; ++i3) {
                    *out++ = mb_add_one(p, ar[i3 * s->a_strides[3]], br[i3 * s->b_strides[3]]);
                }
            }
        }
    }
}
