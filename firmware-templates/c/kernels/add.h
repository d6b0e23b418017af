/* Elementwise int8 add (TFLite quantized Add): each operand is centered, shifted left by 20 and rescaled to a
 * common scale; that term depends only on the int8 value, so the compiler tabulates it for all 256 inputs
 * (a_table/b_table, indexed by q + 128) and the kernel sums two table entries and requantizes once. */
typedef struct {
    mb_bcast_t shape;
    int32_t out_mult, out_shift, out_zp, act_min, act_max;
    const int32_t *a_table;
    const int32_t *b_table;
} mb_add_params_t;

MB_KERNEL void mb_add_s8(const mb_add_params_t *p, const int8_t *a, const int8_t *b, int8_t *out)
{
    const mb_bcast_t *s = &p->shape;
    int32_t i0, i1, i2, i3;
#if MB_SCALAR_CORE
#if !MB_SIZE_FIRST
    /* Two dense operands of the output's shape (the residual connection): one flat loop, and the narrow
     * requantization where the tables' extremes (at q = -128 and 127: each term is monotonic in q) keep every sum
     * inside (-2^29, 2^29). */
    mb_rqn_t n;
    const int32_t count = s->dims[0] * s->dims[1] * s->dims[2] * s->dims[3];
    const int32_t ta = mb_abs_max(p->a_table[0], p->a_table[255]), tb = mb_abs_max(p->b_table[0], p->b_table[255]);
    if (mb_bcast_dense(s->dims, s->a_strides) && mb_bcast_dense(s->dims, s->b_strides) && ta < ((int32_t)1 << 29)
        && tb < ((int32_t)1 << 29) - ta && mb_rqn_prepare(&n, p->out_mult, p->out_shift, p->out_zp)) {
        /* Read into locals: a store through out may alias p. */
        const int32_t *at = p->a_table + 128, *bt = p->b_table + 128, lo = p->act_min, hi = p->act_max;
        const int8_t *const end = a + count;
        for (; a != end; ++a, ++b) {
            mb_store8(out++, mb_clamp(mb_rqn_apply(at[*a] + bt[*b], &n), lo, hi));
        }
        return;
    }
#endif
    /* Otherwise the requantization prepared once, and the innermost dimension contiguous in a (the SE gate's
     * broadcast keeps b's innermost stride 1 or 0). */
    const mb_rq_t q = mb_rq_prepare(p->out_mult, p->out_shift, p->out_zp);
    if (q.r1 >= 0 && s->a_strides[3] == 1) {
        const int32_t lo = p->act_min, hi = p->act_max;
        const int32_t *at = p->a_table + 128, *bt = p->b_table + 128;
        MB_BCAST_REQUANT_WALK(s, a, b, out, q, lo, hi, at[*ar] + bt[*br]);
        return;
    }
#endif
    for (i0 = 0; i0 < s->dims[0]; ++i0) {
        for (i1 = 0; i1 < s->dims[1]; ++i1) {
            for (i2 = 0; i2 < s->dims[2]; ++i2) {
                const int8_t *ar = a + i0 * s->a_strides[0] + i1 * s->a_strides[1] + i2 * s->a_strides[2];
                const int8_t *br = b + i0 * s->b_strides[0] + i1 * s->b_strides[1] + i2 * s->b_strides[2];
                for (i3 = 0; i3 < s->dims[3]; ++i3) {
                    const int32_t sum = p->a_table[ar[i3 * s->a_strides[3]] + 128] + p->b_table[br[i3 * s->b_strides[3]] + 128];
                    *out++ = mb_requant(sum, p->out_mult, p->out_shift, p->out_zp, p->act_min, p->act_max);
                }
            }
        }
    }
}
