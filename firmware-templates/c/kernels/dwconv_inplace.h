/* Depthwise convolution written over its own input (stride 1, no dilation, depth multiplier 1, k = 2 * pad + 1):
 * before output row y is written, input row y is saved into a ring of pad_top + 1 rows, so rows up to y are read
 * from the ring and rows below y are still intact in the buffer. RAM: the ring instead of a second tensor. */
MB_KERNEL void mb_dwconv_inplace_s8(const mb_dwconv_params_t *p, int8_t *buf, int8_t *rows)
{
#if MB_SCALAR_CORE
    if (mb_dw_uses_ring(p) && p->pad_top == 1) {
        int32_t n, c;
        for (n = 0; n < p->batches; ++n) {
            int8_t *b = buf + n * p->in_h * p->in_w * p->in_c;
            for (c = 0; c < p->in_c; ++c) {
                mb_dw3x3_channel_s8(p, c, b, b, (mb_ring_t *)(void *)rows);
            }
        }
        return;
    }
#endif
    {
    const int32_t row = p->in_w * p->in_c;
    const int32_t ring = p->pad_top + 1;
    int32_t acc[MB_DW_CHUNK];
    int32_t n, oy, ox, c0, c, ky, kx, i;
    for (n = 0; n < p->batches; ++n) {
        int8_t *b = buf + n * p->in_h * row;
        for (oy = 0; oy < p->out_h; ++oy) {
            int8_t *saved = rows + (oy % ring) * row;
            for (i = 0; i < row; ++i) {
                saved[i] = b[oy * row + i];
            }
            for (ox = 0; ox < p->out_w; ++ox) {
                for (c0 = 0; c0 < p->out_c; c0 += MB_DW_CHUNK) {
                    const int32_t cn = p->out_c - c0 < MB_DW_CHUNK ? p->out_c - c0 : MB_DW_CHUNK;
                    const int32_t *bias = p->bias + c0;
                    for (c = 0; c < cn; ++c) {
                        acc[c] = bias[c];
                    }
                    for (ky = 0; ky < p->k_h; ++ky) {
                        const int32_t iy = oy - p->pad_top + ky;
                        const int8_t *src_row = iy < 0 || iy >= p->in_h ? 0 : iy <= oy ? rows + (iy % ring) * row : b + iy * row;
                        for (kx = 0; kx < p->k_w; ++kx) {
                            const int32_t ix = ox - p->pad_left + kx;
                            const int8_t *w = p->weights + (ky * p->k_w + kx) * p->out_c + c0;
                            if (src_row == 0 || ix < 0 || ix >= p->in_w) {
                                for (c = 0; c < cn; ++c) {
                                    acc[c] += p->in_zp * w[c];
                                }
                            } else {
                                const int8_t *src = src_row + ix * p->in_c + c0;
                                for (c = 0; c < cn; ++c) {
                                    acc[c] += (int32_t)src[c] * w[c];
                                }
                            }
                        }
                    }
                    for (c = 0; c < cn; ++c) {
                        b[oy * row + ox * p->in_c + c0 + c] = mb_requant(acc[c], p->mult[c0 + c], p->shift[c0 + c], p->out_zp, p->act_min, p->act_max);
                    }
                }
            }
        }
    }
    }
}
