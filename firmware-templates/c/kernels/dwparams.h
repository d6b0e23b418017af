/* Depthwise int8 convolution: NHWC input, 1HWO weights (O = in_c * depth_mult), per-channel requantization
 * (TFLite DepthwiseConvPerChannel). Channels are processed in chunks held in int32 accumulators so the inner loop
 * runs over contiguous channels (vectorizable); the zero point is folded into the bias as for conv2d. */
#define MB_DW_CHUNK 64

typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c, depth_mult;
    int32_t k_h, k_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t in_zp, out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_dwconv_params_t;

#if MB_SCALAR_CORE
/* The element of the depthwise ring below: int16 on Xtensa, whose byte loads do not sign-extend (its 16-bit loads
 * do), int8 elsewhere. */
#if defined(__XTENSA__)
typedef int16_t mb_ring_t;
#else
typedef int8_t mb_ring_t;
#endif

/* Where one plane of the ring kernel below lies: pixel strides of its input and output, and its nine taps. */
typedef struct {
    int32_t in_step, out_step, w_step;
    const int8_t *w;
} mb_plane_steps_t;

/* One output row of the ring kernel below: nine loads at fixed offsets from the column pointer, nine multiply-adds,
 * then REQ(acc) gives the requantized value (unclamped). */
#define MB_DW3_ROW(REQ) \
    for (; yo != y_end; col += 3 * stride, yo += out_step) { \
        int32_t acc = base + col[0] * t00 + col[1] * t01 + col[2] * t02; \
        acc += col[3] * t10 + col[4] * t11 + col[5] * t12; \
        acc += col[6] * t20 + col[7] * t21 + col[8] * t22; \
        mb_store8(yo, mb_clamp(REQ(acc), lo, hi)); \
    }

/* The same for stride 1: each ring column is loaded once and feeds the three outputs whose windows hold it, so an
 * output costs three loads; p2 and p1 are the next two outputs' partial sums. */
#define MB_DW3_ROW1(REQ) \
    { \
        int32_t p2 = base + col[0] * t00 + col[1] * t01 + col[2] * t02 + col[3] * t10 + col[4] * t11 + col[5] * t12; \
        int32_t p1 = base + col[3] * t00 + col[4] * t01 + col[5] * t02; \
        for (col += 6; yo != y_end; col += 3, yo += out_step) { \
            const int32_t v0 = col[0], v1 = col[1], v2 = col[2]; \
            const int32_t acc = p2 + v0 * t20 + v1 * t21 + v2 * t22; \
            p2 = p1 + v0 * t10 + v1 * t11 + v2 * t12; \
            p1 = base + v0 * t00 + v1 * t01 + v2 * t02; \
            mb_store8(yo, mb_clamp(REQ(acc), lo, hi)); \
        } \
    }

/* The same for stride 2: the column an output shares with the next one is loaded once (six loads per output); p0
 * is the next output's partial sum over its first column. */
#define MB_DW3_ROW2(REQ) \
    { \
        int32_t p0 = base + col[0] * t00 + col[1] * t01 + col[2] * t02; \
        for (; yo != y_end; col += 6, yo += out_step) { \
            const int32_t u0 = col[3], u1 = col[4], u2 = col[5], v0 = col[6], v1 = col[7], v2 = col[8]; \
            const int32_t acc = p0 + u0 * t10 + u1 * t11 + u2 * t12 + v0 * t20 + v1 * t21 + v2 * t22; \
            p0 = base + v0 * t00 + v1 * t01 + v2 * t02; \
            mb_store8(yo, mb_clamp(REQ(acc), lo, hi)); \
        } \
    }

/* The requantization of one output, unclamped: with the fused ReLU's shortcut (no sign correction, see
 * mb_rqn_store4_relu), narrow, or general. */
#if defined(__XTENSA__)
/* On lx106 a negative accumulator after a ReLU is lo at once, and a non-negative one takes the unsigned high word
 * (mb_mulh_pos, four 16-bit multiplies instead of a signed 32 x 32 product). */
#define MB_DW3_REQ(acc) \
    (relu ? ((acc) < 0 ? lo : (mb_mulh_pos((uint32_t)(acc) << 2, (uint32_t)q.mult, (uint32_t)q.mult >> 16) + q.b) >> q.r1) \
          : narrow ? mb_rqn_apply((acc), &q) : mb_mul_by_qm((acc), mult, shift) + zp)
#else
#define MB_DW3_REQ(acc) \
    (relu ? (mb_mulh_x4((acc), q.mult) + q.b) >> q.r1 : narrow ? mb_rqn_apply((acc), &q) : mb_mul_by_qm((acc), mult, shift) + zp)
#endif

/* One channel of a 3x3 depthwise convolution on a scalar core (depth multiplier 1, no dilation, padding of at most
 * one pixel on each side; mb_dw_uses_ring), or one output channel of a convolution with a single input channel
 * (mb_conv2d_s8 on Xtensa): `in` and `out` point at the channel's first value, in_step and out_step are the pixel
 * strides, and the nine taps are w[0], w[w_step], ..., w[8 * w_step]. The channel's input rows are copied, as they are needed, into a ring of
 * three rows stored column by column: ring[3 * (ix + 1) + row % 3], with a zero-point column on either side and a
 * zero-point row for rows outside the image. Every output is then nine loads at constant offsets from one pointer,
 * with no border checks, whatever the stride; the taps are reassigned to the ring's rows once per output row. In
 * place (out == in, stride 1), input row y + 1 is in the ring before output row y overwrites row y. RAM: the ring,
 * 3 * (in_w + 2) elements. */
MB_FORCE_INLINE void mb_dw3x3_channel_body(const mb_dwconv_params_t *p, int32_t c, const int8_t *in, int8_t *out, mb_ring_t *ring,
    const mb_plane_steps_t *steps, const int relu)
{
#if defined(__XTENSA__)
    const int32_t in_step = steps->in_step, out_step = steps->out_step, w_step = steps->w_step;
    const int8_t *w = steps->w;
#else
    /* Only depthwise channels come here (the planes of a one-channel convolution are Xtensa's): the channel count
     * as every step keeps rv32's registers as they were. */
    const int32_t in_step = p->in_c, out_step = p->in_c, w_step = p->in_c;
    const int8_t *w = p->weights + c;
    (void)steps;
#endif
    const int32_t stride = p->stride_w, in_w = p->in_w, in_h = p->in_h, out_w = p->out_w;
    const int32_t row_bytes = in_w * in_step, zp = p->out_zp, in_zp = p->in_zp;
    const int32_t lo = p->act_min, hi = p->act_max, mult = p->mult[c], shift = p->shift[c], base = p->bias[c];
    const int32_t w00 = w[0], w01 = w[w_step], w02 = w[2 * w_step], w10 = w[3 * w_step], w11 = w[4 * w_step], w12 = w[5 * w_step];
    const int32_t w20 = w[6 * w_step], w21 = w[7 * w_step], w22 = w[8 * w_step];
    mb_rqn_t q;
    const int narrow = mb_rqn_prepare(&q, mult, shift, zp) && mb_rqn_fits(base, 9);
    /* The next input row to copy into the ring, and the ring rows of it and of the window's top row (row mod 3,
     * kept by counting: lx106 has no divide instruction). */
    int32_t next = -p->pad_top, next_slot = p->pad_top == 0 ? 0 : 2, top_slot = next_slot;
    int32_t oy, i;
    for (i = 0; i < 3; ++i) {
        ring[i] = (mb_ring_t)in_zp;
        ring[3 * (in_w + 1) + i] = (mb_ring_t)in_zp;
    }
    for (oy = 0; oy < p->out_h; ++oy) {
        const int32_t top = oy * p->stride_h - p->pad_top;
        int32_t t00, t01, t02, t10, t11, t12, t20, t21, t22;
        for (; next < top + 3; ++next, next_slot = next_slot == 2 ? 0 : next_slot + 1) {
            mb_ring_t *dst = ring + 3 + next_slot;
            if (next < 0 || next >= in_h) {
                for (i = 0; i < in_w; ++i, dst += 3) {
                    *dst = (mb_ring_t)in_zp;
                }
            } else {
                const int8_t *src = in + next * row_bytes;
                /* Four at a time: the ring's stride is a constant, so one pointer step per four cells. */
                for (i = 0; i + 4 <= in_w; i += 4, dst += 12) {
                    const mb_ring_t v0 = (mb_ring_t)src[0], v1 = (mb_ring_t)src[in_step], v2 = (mb_ring_t)src[2 * in_step];
                    const mb_ring_t v3 = (mb_ring_t)src[3 * in_step];
                    src += 4 * in_step;
                    dst[0] = v0;
                    dst[3] = v1;
                    dst[6] = v2;
                    dst[9] = v3;
                }
                for (; i < in_w; ++i, dst += 3, src += in_step) {
                    *dst = (mb_ring_t)*src;
                }
            }
        }
        /* Tap row ky meets ring row (top + ky) mod 3; tXY is column X of ring row Y. */
        if (top_slot == 0) {
            t00 = w00; t10 = w01; t20 = w02; t01 = w10; t11 = w11; t21 = w12; t02 = w20; t12 = w21; t22 = w22;
        } else if (top_slot == 1) {
            t01 = w00; t11 = w01; t21 = w02; t02 = w10; t12 = w11; t22 = w12; t00 = w20; t10 = w21; t20 = w22;
        } else {
            t02 = w00; t12 = w01; t22 = w02; t00 = w10; t10 = w11; t20 = w12; t01 = w20; t11 = w21; t21 = w22;
        }
        for (i = 0; i < p->stride_h; ++i) {
            top_slot = top_slot == 2 ? 0 : top_slot + 1;
        }
        {
            const mb_ring_t *col = ring + 3 * (1 - p->pad_left);
            int8_t *yo = out + oy * out_w * out_step;
            int8_t *const y_end = yo + out_w * out_step;
            if (stride == 1) {
                MB_DW3_ROW1(MB_DW3_REQ)
#if !MB_SIZE_FIRST
            } else if (stride == 2) {
                MB_DW3_ROW2(MB_DW3_REQ)
#endif
            } else {
                MB_DW3_ROW(MB_DW3_REQ)
            }
        }
    }
}

/* The body twice: for channels whose requantization takes the fused ReLU's shortcut, and for the others (a
 * compile-time mode each, so that each copy keeps its own registers); size-first builds keep the second only. */
#if !MB_SIZE_FIRST
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-schedule-insns")))
#endif
MB_INNER void mb_dw3x3_channel_relu_s8(const mb_dwconv_params_t *p, int32_t c, const int8_t *in, int8_t *out, mb_ring_t *ring,
    const mb_plane_steps_t *steps)
{
    mb_dw3x3_channel_body(p, c, in, out, ring, steps, 1);
}
#endif

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-schedule-insns")))
#endif
MB_INNER void mb_dw3x3_channel_any_s8(const mb_dwconv_params_t *p, int32_t c, const int8_t *in, int8_t *out, mb_ring_t *ring,
    const mb_plane_steps_t *steps)
{
    mb_dw3x3_channel_body(p, c, in, out, ring, steps, 0);
}

/* One plane (see mb_dw3x3_channel_body): the copy for its channel's requantization. */
static inline void mb_dw3x3_plane_s8(const mb_dwconv_params_t *p, int32_t c, const int8_t *in, int8_t *out, mb_ring_t *ring,
    const mb_plane_steps_t *steps)
{
#if !MB_SIZE_FIRST
    mb_rqn_t q;
    if (mb_rqn_prepare(&q, p->mult[c], p->shift[c], p->out_zp) && mb_rqn_fits(p->bias[c], 9) && p->act_min >= p->out_zp) {
        mb_dw3x3_channel_relu_s8(p, c, in, out, ring, steps);
        return;
    }
#endif
    mb_dw3x3_channel_any_s8(p, c, in, out, ring, steps);
}

/* Channel c of a depthwise convolution (NHWC: every step is the channel count). */
static inline void mb_dw3x3_channel_s8(const mb_dwconv_params_t *p, int32_t c, const int8_t *in, int8_t *out, mb_ring_t *ring)
{
    mb_plane_steps_t steps;
    steps.in_step = p->in_c;
    steps.out_step = p->in_c;
    steps.w = p->weights + c;
    steps.w_step = p->in_c;
    mb_dw3x3_plane_s8(p, c, in + c, out + c, ring, &steps);
}

#undef MB_DW3_ROW
#undef MB_DW3_ROW1
#undef MB_DW3_ROW2
#undef MB_DW3_REQ

/* Whether the ring kernel above runs this depthwise convolution: 3x3, depth multiplier 1, no dilation, at most
 * one pixel of padding on the left, top and right (any at the bottom). */
static inline int mb_dw_uses_ring(const mb_dwconv_params_t *p)
{
    return p->k_h == 3 && p->k_w == 3 && p->dil_h == 1 && p->dil_w == 1 && p->depth_mult == 1 && p->pad_left >= 0
        && p->pad_left <= 1 && p->pad_top >= 0 && p->pad_top <= 1 && (p->out_w - 1) * p->stride_w - p->pad_left + 2 <= p->in_w;
}

#endif
