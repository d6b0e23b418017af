/* Grouped int8 convolution: NHWC input, OHWI weights with I = in_c / groups (rows padded to k_pad), per-channel
 * requantization (TFLite ConvPerChannel with a filter shallower than its input). Filter o reads the input channels of
 * its group, o / (out_c / groups). The lowering picks this kernel only for groups > 1, so dense convolutions keep
 * their gather-and-multiply kernels; plain loops, one output at a time. The zero point is folded into the bias as for
 * conv2d, so a padded tap reads in_zp. */
typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c, groups;
    int32_t k_h, k_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t k_pad, in_zp, out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_conv_grouped_params_t;

MB_KERNEL void mb_conv_grouped_s8(const mb_conv_grouped_params_t *p, const int8_t *in, int8_t *out)
{
    const int32_t depth = p->in_c / p->groups;
    const int32_t per_group = p->out_c / p->groups;
    int32_t n, oy, ox, o, ky, kx, i;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->in_h * p->in_w * p->in_c;
        for (oy = 0; oy < p->out_h; ++oy) {
            for (ox = 0; ox < p->out_w; ++ox) {
                for (o = 0; o < p->out_c; ++o) {
                    const int8_t *w = p->weights + o * p->k_pad;
                    const int32_t first = o / per_group * depth;
                    int32_t acc = p->bias[o];
                    for (ky = 0; ky < p->k_h; ++ky) {
                        const int32_t iy = oy * p->stride_h - p->pad_top + ky * p->dil_h;
                        for (kx = 0; kx < p->k_w; ++kx, w += depth) {
                            const int32_t ix = ox * p->stride_w - p->pad_left + kx * p->dil_w;
                            if (iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w) {
                                for (i = 0; i < depth; ++i) {
                                    acc += p->in_zp * w[i];
                                }
                            } else {
                                const int8_t *src = in_b + (iy * p->in_w + ix) * p->in_c + first;
                                for (i = 0; i < depth; ++i) {
                                    acc += (int32_t)src[i] * w[i];
                                }
                            }
                        }
                    }
                    *out++ = mb_requant(acc, p->mult[o], p->shift[o], p->out_zp, p->act_min, p->act_max);
                }
            }
        }
    }
}
