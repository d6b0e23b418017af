/* Average pooling (TFLite int8 AveragePool): sum of the valid cells, divided by their count rounding half away
 * from zero, clamped. Input and output share quantization. */
MB_KERNEL void mb_avgpool_s8(const mb_pool_params_t *p, const int8_t *in, int8_t *out)
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
                const int32_t count = (ky1 - ky0) * (kx1 - kx0);
                for (c = 0; c < p->c; ++c) {
                    int32_t sum = 0;
                    int32_t avg;
                    for (ky = ky0; ky < ky1; ++ky) {
                        for (kx = kx0; kx < kx1; ++kx) {
                            sum += in_b[((y0 + ky) * p->in_w + x0 + kx) * p->c + c];
                        }
                    }
                    avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
                    *out++ = (int8_t)mb_clamp(avg, p->act_min, p->act_max);
                }
            }
        }
    }
}
