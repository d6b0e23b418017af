/* General int8 convolution: NHWC input, OHWI weights, per-channel requantization (TFLite ConvPerChannel).
 * For each output pixel the receptive field is gathered into `patch` (k_h * k_w * in_c values widened to int16,
 * the layout of one OHWI filter) with padded taps set to the input zero point; since bias[o] already holds bias - in_zp * sum(w[o]),
 * every output channel is then one pure dot product over the patch (filters padded to k_pad, see mb_gemv_s8). */
typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c;
    int32_t k_h, k_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t k_pad, gather, in_zp, out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_conv2d_params_t;

#if MB_SCALAR_CORE
/* The scalar cores' convolution: gathers the receptive fields of up to `gather` output pixels as int8 rows (padded
 * taps hold the input zero point, which the folded bias expects), then multiplies them by all filters at once; with
 * the depth k_fixed known at compile time (MB_CONV2D_FIXED), by the 4 x 4 kernel specialized to it. */
MB_FORCE_INLINE void mb_conv2d_gather_s8(const mb_conv2d_params_t *p, const int8_t *in, int8_t *out, int16_t *patch, const int32_t k_fixed,
    const int32_t k_pad_fixed)
{
    const int32_t ic = p->in_c;
    const int32_t k = p->k_h * p->k_w * ic;
    const int32_t pixels = p->out_h * p->out_w;
    int8_t *rows = (int8_t *)patch;
    int32_t n, px, ky, kx, c;
#if !MB_FIXED_SHAPES
    (void)k_fixed;
    (void)k_pad_fixed;
#endif
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->in_h * p->in_w * ic;
        int32_t oy = 0, ox = 0;
        for (px = 0; px < pixels; px += p->gather) {
            const int32_t count = pixels - px < p->gather ? pixels - px : p->gather;
            int32_t g;
            for (g = 0; g < count; ++g, ox = ox + 1 < p->out_w ? ox + 1 : 0, oy += ox == 0) {
                int8_t *dst = rows + g * k;
                const int32_t iy0 = oy * p->stride_h - p->pad_top, ix0 = ox * p->stride_w - p->pad_left;
                if (p->dil_w == 1 && iy0 >= 0 && iy0 + (p->k_h - 1) * p->dil_h < p->in_h && ix0 >= 0 && ix0 + p->k_w <= p->in_w) {
                    /* The window lies inside the image: each filter row is k_w * in_c contiguous bytes. */
                    const int32_t row_len = p->k_w * ic;
                    for (ky = 0; ky < p->k_h; ++ky, dst += row_len) {
                        const int8_t *src = in_b + ((iy0 + ky * p->dil_h) * p->in_w + ix0) * ic;
                        if (row_len == 3) { /* a 3-wide filter over one channel (the stem of a gray model) */
                            const int8_t v0 = src[0], v1 = src[1], v2 = src[2];
                            dst[0] = v0;
                            dst[1] = v1;
                            dst[2] = v2;
                            continue;
                        }
                        for (c = 0; c < row_len; ++c) {
                            dst[c] = src[c];
                        }
                    }
                    continue;
                }
                for (ky = 0; ky < p->k_h; ++ky) {
                    const int32_t iy = oy * p->stride_h - p->pad_top + ky * p->dil_h;
                    for (kx = 0; kx < p->k_w; ++kx, dst += ic) {
                        const int32_t ix = ox * p->stride_w - p->pad_left + kx * p->dil_w;
                        if (iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w) {
                            for (c = 0; c < ic; ++c) {
                                dst[c] = (int8_t)p->in_zp;
                            }
                        } else {
                            const int8_t *src = in_b + (iy * p->in_w + ix) * ic;
                            for (c = 0; c < ic; ++c) {
                                dst[c] = src[c];
                            }
                        }
                    }
                }
            }
#if MB_FIXED_SHAPES
            if (k_fixed != 0) {
                mb_matmul_4x4_s8(rows, count, p->weights, p->out_c, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out,
                    patch + ((p->gather * k + 1) >> 1), k_fixed, k_pad_fixed);
            } else
#endif
            {
                mb_matmul_s8(rows, count, k, p->weights, p->k_pad, p->out_c, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out,
                    patch + ((p->gather * k + 1) >> 1));
            }
            out += count * p->out_c;
        }
    }
}
#endif

#if MB_SCALAR_CORE && defined(__XTENSA__)
/* A 3x3 convolution of one input channel (the stem of a gray model) on lx106: each output channel is one plane of
 * the depthwise ring kernel (mb_dw3x3_plane_s8: taps in registers, each input column loaded once for three
 * outputs), where the gathered matrix multiply widens every window and spends a 2 x 2 block's bookkeeping on nine
 * MACs. Needs the ring, 3 * (in_w + 2) int16 values, to fit in the patch buffer (at least gather * k / 2 + 2 * k of
 * them); returns 0 when it does not apply. */
static inline int mb_conv2d_planes_s8(const mb_conv2d_params_t *p, const int8_t *in, int8_t *out, int16_t *patch)
{
    const int32_t k = p->k_h * p->k_w;
    mb_dwconv_params_t d;
    mb_plane_steps_t steps;
    int32_t n, o;
    d.batches = 1;
    d.in_h = p->in_h;
    d.in_w = p->in_w;
    d.in_c = 1;
    d.out_h = p->out_h;
    d.out_w = p->out_w;
    d.out_c = 1;
    d.depth_mult = 1;
    d.k_h = p->k_h;
    d.k_w = p->k_w;
    d.stride_h = p->stride_h;
    d.stride_w = p->stride_w;
    d.dil_h = p->dil_h;
    d.dil_w = p->dil_w;
    d.pad_top = p->pad_top;
    d.pad_left = p->pad_left;
    d.in_zp = p->in_zp;
    d.out_zp = p->out_zp;
    d.act_min = p->act_min;
    d.act_max = p->act_max;
    d.weights = p->weights;
    d.bias = p->bias;
    d.mult = p->mult;
    d.shift = p->shift;
    if (p->in_c != 1 || !mb_dw_uses_ring(&d) || 3 * (p->in_w + 2) > (p->gather * k + 1) / 2 + 2 * k) {
        return 0;
    }
    steps.in_step = 1;
    steps.out_step = p->out_c;
    steps.w_step = 1;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->in_h * p->in_w;
        int8_t *out_b = out + n * p->out_h * p->out_w * p->out_c;
        for (o = 0; o < p->out_c; ++o) {
            steps.w = p->weights + o * p->k_pad;
            mb_dw3x3_plane_s8(&d, o, in_b, out_b + o, (mb_ring_t *)(void *)patch, &steps);
        }
    }
    return 1;
}
#endif

MB_KERNEL void mb_conv2d_s8(const mb_conv2d_params_t *p, const int8_t *in, int8_t *out, int16_t *patch)
{
#if MB_SCALAR_CORE
#if defined(__XTENSA__)
    if (mb_conv2d_planes_s8(p, in, out, patch)) {
        return;
    }
#endif
    mb_conv2d_gather_s8(p, in, out, patch, 0, 0);
#else
    const int32_t ic = p->in_c;
    const int32_t row_len = p->k_w * ic;
    int32_t n, oy, ox, ky, kx;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->in_h * p->in_w * ic;
        for (oy = 0; oy < p->out_h; ++oy) {
            const int32_t iy0 = oy * p->stride_h - p->pad_top;
            for (ox = 0; ox < p->out_w; ++ox) {
                const int32_t ix0 = ox * p->stride_w - p->pad_left;
                const int inside_x = ix0 >= 0 && ix0 + (p->k_w - 1) * p->dil_w < p->in_w;
                int16_t *dst = patch;
                for (ky = 0; ky < p->k_h; ++ky, dst += row_len) {
                    const int32_t iy = iy0 + ky * p->dil_h;
                    if (iy < 0 || iy >= p->in_h) {
                        mb_fill_s16(dst, p->in_zp, row_len);
                    } else if (inside_x && p->dil_w == 1) {
                        mb_widen_s8(dst, in_b + (iy * p->in_w + ix0) * ic, row_len);
                    } else {
                        for (kx = 0; kx < p->k_w; ++kx) {
                            const int32_t ix = ix0 + kx * p->dil_w;
                            if (ix < 0 || ix >= p->in_w) {
                                mb_fill_s16(dst + kx * ic, p->in_zp, ic);
                            } else {
                                mb_widen_s8(dst + kx * ic, in_b + (iy * p->in_w + ix) * ic, ic);
                            }
                        }
                    }
                }
                mb_gemv_s8(patch, p->weights, p->k_pad, p->out_c, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out);
                out += p->out_c;
            }
        }
    }
#endif
}

/* MB_CONV2D_FIXED(K, KP): the convolution of depth K (k_h * k_w * in_c) and filter stride KP with the multiply
 * specialized to those constants, defined by MB_CONV2D_FIXED_DEFINE where fixed shapes are on (MB_CONV1X1_FIXED). */
#if MB_FIXED_SHAPES
#define MB_CONV2D_FIXED_DEFINE(K, KP) \
    MB_FIXED_KERNEL void mb_conv2d_k##K##_##KP(const mb_conv2d_params_t *p, const int8_t *in, int8_t *out, int16_t *patch) \
    { \
        mb_conv2d_gather_s8(p, in, out, patch, K, KP); \
    }
#define MB_CONV2D_FIXED(K, KP) mb_conv2d_k##K##_##KP
#else
#define MB_CONV2D_FIXED_DEFINE(K, KP)
#define MB_CONV2D_FIXED(K, KP) mb_conv2d_s8
#endif
