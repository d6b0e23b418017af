/* Elementwise int8 multiply (TFLite quantized Mul): the product of the centered operands is requantized once. */
typedef struct {
    mb_bcast_t shape;
    int32_t a_offset, b_offset;
    int32_t out_mult, out_shift, out_zp, act_min, act_max;
} mb_mul_params_t;

MB_KERNEL void mb_mul_s8(const mb_mul_params_t *p, const int8_t *a, const int8_t *b, int8_t *out)
{
    const mb_bcast_t *s = &p->shape;
    int32_t i0, i1, i2, i3;
#if MB_SCALAR_CORE
    /* A contiguous a scaled by one b value per channel (the squeeze-excite gate): channel by channel, the centered
     * gate is a constant, the product a * g + ao * g one multiply and one add, and its requantization narrow (the
     * product of two centered int8 values is below 2^16); without the sign step where the clamp makes it moot. */
    mb_rqn_t n;
    if (s->b_strides[1] == 0 && s->b_strides[2] == 0 && s->b_strides[3] == 1 && mb_bcast_dense(s->dims, s->a_strides)
        && mb_rqn_prepare(&n, p->out_mult, p->out_shift, p->out_zp)) {
        const int32_t ch = s->dims[3], pixels = s->dims[0] * s->dims[1] * s->dims[2], lo = p->act_min, hi = p->act_max;
        const int relu = lo >= p->out_zp, nonneg = lo <= p->out_zp && p->a_offset == 128 && p->b_offset == 128;
        int32_t c;
        for (c = 0; c < ch; ++c) {
            /* 4 * (a + ao) * g, for mb_mulh_x4's high word without its shift. */
            const int32_t g4 = 4 * (b[c] + p->b_offset), k4 = p->a_offset * g4;
            const int8_t *x = a + c, *end = a + c + pixels * ch;
            int8_t *y = out + c;
            if (relu && nonneg) {
                /* Both centered factors are >= 0 (offsets of 128: a zero point of -128 on both sides, as after a
                 * ReLU and a hard-sigmoid gate), so the result is at least the zero point, hence at least lo. */
#if MB_HAVE_MULH
                for (; x != end; x += ch, y += ch) {
                    const int32_t v = (mb_mulh(*x * g4 + k4, n.mult) + n.b) >> n.r1;
                    mb_store8(y, v > hi ? hi : v);
                }
#else
                /* Without a high multiply: the product A = (x + 128) * g is in [0, 65025], so floor(A * m / 2^30)
                 * is ((A * (m >> 15)) + ((A * (m & 0x7fff)) >> 15)) >> 15 in unsigned 32-bit arithmetic (nested
                 * floors; the sum stays below 2^32): two multiplies instead of four. */
                const uint32_t mh = (uint32_t)n.mult >> 15, ml = (uint32_t)n.mult & 0x7fffu, g = (uint32_t)(g4 >> 2);
                for (; x != end; x += ch, y += ch) {
                    const uint32_t prod = (uint32_t)(*x + 128) * g;
                    const int32_t v = ((int32_t)((prod * mh + ((prod * ml) >> 15)) >> 15) + n.b) >> n.r1;
                    mb_store8(y, v > hi ? hi : v);
                }
#endif
            } else if (relu) {
                for (; x != end; x += ch, y += ch) {
                    mb_store8(y, mb_clamp((mb_mulh(*x * g4 + k4, n.mult) + n.b) >> n.r1, lo, hi));
                }
            } else {
                for (; x != end; x += ch, y += ch) {
                    const int32_t h = mb_mulh(*x * g4 + k4, n.mult), sg = h >> 31;
                    mb_store8(y, mb_clamp((h + sg + sg + n.b) >> n.r1, lo, hi));
                }
            }
        }
        return;
    }
    /* Otherwise the requantization prepared once, and the innermost dimension contiguous in a. */
    const mb_rq_t q = mb_rq_prepare(p->out_mult, p->out_shift, p->out_zp);
    if (q.r1 >= 0 && s->a_strides[3] == 1) {
        const int32_t lo = p->act_min, hi = p->act_max;
        const int32_t ao = p->a_offset, bo = p->b_offset;
        MB_BCAST_REQUANT_WALK(s, a, b, out, q, lo, hi, (*ar + ao) * (*br + bo));
        return;
    }
#endif
    for (i0 = 0; i0 < s->dims[0]; ++i0) {
        for (i1 = 0; i1 < s->dims[1]; ++i1) {
            for (i2 = 0; i2 < s->dims[2]; ++i2) {
                const int8_t *ar = a + i0 * s->a_strides[0] + i1 * s->a_strides[1] + i2 * s->a_strides[2];
                const int8_t *br = b + i0 * s->b_strides[0] + i1 * s->b_strides[1] + i2 * s->b_strides[2];
                for (i3 = 0; i3 < s->dims[3]; ++i3) {
                    const int32_t prod = (ar[i3 * s->a_strides[3]] + p->a_offset) * (br[i3 * s->b_strides[3]] + p->b_offset);
                    *out++ = (int8_t)mb_clamp(mb_mul_by_qm(prod, p->out_mult, p->out_shift) + p->out_zp, p->act_min, p->act_max);
                }
            }
        }
    }
}
