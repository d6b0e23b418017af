/* Depthwise convolution into a separate output tensor. */
MB_KERNEL void mb_dwconv_s8(const mb_dwconv_params_t *p, const int8_t *in, int8_t *out, int8_t *rows)
{
#if MB_SCALAR_CORE
    if (mb_dw_uses_ring(p)) {
        int32_t n, c;
        for (n = 0; n < p->batches; ++n) {
            for (c = 0; c < p->in_c; ++c) {
                mb_dw3x3_channel_s8(p, c, in + n * p->in_h * p->in_w * p->in_c, out + n * p->out_h * p->out_w * p->out_c, (mb_ring_t *)(void *)rows);
            }
        }
        return;
    }
    {
        /* Any other shape (depth multiplier, dilation, filter size): plain loops, one output at a time, small code. */
        int32_t n, oy, ox, c, ky, kx;
        for (n = 0; n < p->batches; ++n) {
            const int8_t *in_b = in + n * p->in_h * p->in_w * p->in_c;
            for (oy = 0; oy < p->out_h; ++oy) {
                for (ox = 0; ox < p->out_w; ++ox) {
                    for (c = 0; c < p->out_c; ++c) {
                        int32_t acc = p->bias[c];
                        for (ky = 0; ky < p->k_h; ++ky) {
                            const int32_t iy = oy * p->stride_h - p->pad_top + ky * p->dil_h;
                            for (kx = 0; kx < p->k_w; ++kx) {
                                const int32_t ix = ox * p->stride_w - p->pad_left + kx * p->dil_w;
                                const int32_t x = iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w
                                    ? p->in_zp : in_b[(iy * p->in_w + ix) * p->in_c + c / p->depth_mult];
                                acc += x * p->weights[(ky * p->k_w + kx) * p->out_c + c];
                            }
                        }
                        *out++ = mb_requant(acc, p->mult[c], p->shift[c], p->out_zp, p->act_min, p->act_max);
                    }
                }
            }
        }
    }
#else
    int32_t acc[MB_DW_CHUNK];
    int32_t n, oy, ox, c0, c, ky, kx;
    (void)rows;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->in_h * p->in_w * p->in_c;
        for (oy = 0; oy < p->out_h; ++oy) {
            const int32_t iy0 = oy * p->stride_h - p->pad_top;
            for (ox = 0; ox < p->out_w; ++ox) {
                const int32_t ix0 = ox * p->stride_w - p->pad_left;
                for (c0 = 0; c0 < p->out_c; c0 += MB_DW_CHUNK) {
                    const int32_t cn = p->out_c - c0 < MB_DW_CHUNK ? p->out_c - c0 : MB_DW_CHUNK;
                    const int32_t *bias = p->bias + c0;
                    for (c = 0; c < cn; ++c) {
                        acc[c] = bias[c];
                    }
                    for (ky = 0; ky < p->k_h; ++ky) {
                        const int32_t iy = iy0 + ky * p->dil_h;
                        for (kx = 0; kx < p->k_w; ++kx) {
                            const int32_t ix = ix0 + kx * p->dil_w;
                            const int8_t *w = p->weights + (ky * p->k_w + kx) * p->out_c + c0;
                            if (iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w) {
                                for (c = 0; c < cn; ++c) {
                                    acc[c] += p->in_zp * w[c];
                                }
                            } else if (p->depth_mult == 1) {
                                const int8_t *src = in_b + (iy * p->in_w + ix) * p->in_c + c0;
                                for (c = 0; c < cn; ++c) {
                                    acc[c] += (int32_t)src[c] * w[c];
                                }
                            } else {
                                const int8_t *src = in_b + (iy * p->in_w + ix) * p->in_c;
                                for (c = 0; c < cn; ++c) {
                                    acc[c] += (int32_t)src[(c0 + c) / p->depth_mult] * w[c];
                                }
                            }
                        }
                    }
                    for (c = 0; c < cn; ++c) {
                        *out++ = mb_requant(acc[c], p->mult[c0 + c], p->shift[c0 + c], p->out_zp, p->act_min, p->act_max);
                    }
                }
            }
        }
    }
#endif
}
