/* Int8 transposed convolution (TFLite TRANSPOSE_CONV): NHWC input, OHWI weights, int32 bias, per-channel
 * requantization. TFLite Micro scatters every input pixel into an int32 image of the whole output; this kernel
 * gathers instead: output pixel (oy, ox) sums the taps ky = (oy + pad_top) mod stride_h, + stride_h, ... whose input
 * row iy = (oy + pad_top - ky) / stride_h exists (columns alike). The same int32 products are added (int32 addition
 * wraps the same in any order), so the bytes equal TFLite Micro's, with one accumulator instead of an output-sized
 * scratch buffer. Plain loops: the same code on SIMD hosts and on MB_SCALAR_CORE targets. */
typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c;
    int32_t k_h, k_w, stride_h, stride_w, pad_top, pad_left;
    int32_t in_offset, out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_transpose_conv_params_t;

MB_KERNEL void mb_transpose_conv_s8(const mb_transpose_conv_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, oy, ox, o, ky, kx, i;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->in_h * p->in_w * p->in_c;
        for (oy = 0; oy < p->out_h; ++oy) {
            const int32_t ty = oy + p->pad_top;
            for (ox = 0; ox < p->out_w; ++ox) {
                const int32_t tx = ox + p->pad_left;
                for (o = 0; o < p->out_c; ++o) {
                    const int8_t *w_o = p->weights + o * p->k_h * p->k_w * p->in_c;
                    int32_t acc = 0;
                    for (ky = ty % p->stride_h; ky < p->k_h && ky <= ty; ky += p->stride_h) {
                        const int32_t iy = (ty - ky) / p->stride_h;
                        if (iy >= p->in_h) {
                            continue;
                        }
                        for (kx = tx % p->stride_w; kx < p->k_w && kx <= tx; kx += p->stride_w) {
                            const int32_t ix = (tx - kx) / p->stride_w;
                            const int8_t *src;
                            const int8_t *w;
                            if (ix >= p->in_w) {
                                continue;
                            }
                            src = in_b + (iy * p->in_w + ix) * p->in_c;
                            w = w_o + (ky * p->k_w + kx) * p->in_c;
                            for (i = 0; i < p->in_c; ++i) {
                                acc += ((int32_t)src[i] + p->in_offset) * w[i];
                            }
                        }
                    }
                    *out++ = mb_requant(acc + p->bias[o], p->mult[o], p->shift[o], p->out_zp, p->act_min, p->act_max);
                }
            }
        }
    }
}
