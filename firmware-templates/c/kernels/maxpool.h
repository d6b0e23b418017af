/* Max pooling over the valid cells of each window, clamped to the fused activation range. */
MB_KERNEL void mb_maxpool_s8(const mb_pool_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, oy, ox, c, ky, kx;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->in_h * p->in_w * p->c;
        for (oy = 0; oy < p->out_h; ++oy) {
            const int32_t y0 = oy * p->stride_h - p->pad_top;
            const int32_t ky0 = y0 < 0 ? -y0 : 0;
            const int32_t ky1 = p->k_h < p->in_h - y0 ? p->k_h : p->in_h - y0;
            for (ox = 0; ox < p->out_w; ++ox) {
                const int32_t x0 = ox * p->stride_w - p->pad_left;
                const int32_t kx0 = x0 < 0 ? -x0 : 0;
                const int32_t kx1 = p->k_w < p->in_w - x0 ? p->k_w : p->in_w - x0;
                for (c = 0; c < p->c; ++c) {
                    int32_t max = -128;
                    for (ky = ky0; ky < ky1; ++ky) {
                        for (kx = kx0; kx < kx1; ++kx) {
                            const int32_t v = in_b[((y0 + ky) * p->in_w + x0 + kx) * p->c + c];
                            max = v > max ? v : max;
                        }
                    }
                    *out++ = (int8_t)mb_clamp(max, p->act_min, p->act_max);
                }
            }
        }
    }
}
