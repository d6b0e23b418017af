/* General int8 convolution: NHWC input, OHWI weights, per-channel requantization (TFLite ConvPerChannel).
 * bias[o] already holds bias - in_zp * sum(w[o]), so interior taps are a pure dot product over the contiguous
 * kw * in_c run of one kernel row; taps in the padding add back in_zp * w (they read the zero point). */
typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c;
    int32_t k_h, k_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t in_zp, out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_conv2d_params_t;

MB_KERNEL void mb_conv2d_s8(const mb_conv2d_params_t *p, const int8_t *in, int8_t *out)
{
    const int32_t row_len = p->k_w * p->in_c;
    int32_t n, oy, ox, oc, ky, kx;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->in_h * p->in_w * p->in_c;
        for (oy = 0; oy < p->out_h; ++oy) {
            const int32_t iy0 = oy * p->stride_h - p->pad_top;
            for (ox = 0; ox < p->out_w; ++ox) {
                const int32_t ix0 = ox * p->stride_w - p->pad_left;
                const int inside_x = ix0 >= 0 && ix0 + (p->k_w - 1) * p->dil_w < p->in_w;
                for (oc = 0; oc < p->out_c; ++oc) {
                    const int8_t *w = p->weights + oc * p->k_h * row_len;
                    int32_t acc = p->bias[oc];
                    for (ky = 0; ky < p->k_h; ++ky, w += row_len) {
                        const int32_t iy = iy0 + ky * p->dil_h;
                        if (iy < 0 || iy >= p->in_h) {
                            acc += p->in_zp * mb_sum_s8(w, row_len);
                        } else if (inside_x && p->dil_w == 1) {
                            acc += mb_dot_s8(in_b + (iy * p->in_w + ix0) * p->in_c, w, row_len);
                        } else {
                            for (kx = 0; kx < p->k_w; ++kx) {
                                const int32_t ix = ix0 + kx * p->dil_w;
                                const int8_t *wk = w + kx * p->in_c;
                                if (ix < 0 || ix >= p->in_w) {
                                    acc += p->in_zp * mb_sum_s8(wk, p->in_c);
                                } else {
                                    acc += mb_dot_s8(in_b + (iy * p->in_w + ix) * p->in_c, wk, p->in_c);
                                }
                            }
                        }
                    }
                    *out++ = mb_requant(acc, p->mult[oc], p->shift[oc], p->out_zp, p->act_min, p->act_max);
                }
            }
        }
    }
}
