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
/* One channel of a 3x3 depthwise convolution on a scalar core (depth multiplier 1, no dilation), over the whole
 * image: the nine taps and the prepared multiplier are loaded once, then the window runs along each output row
 * (nine loads per output: keeping columns in registers for reuse would spill the taps). A filter row over the padding gets zero weights
 * and reads a valid row instead, its zero-point terms added to the bias, so output pixels inside the row need no
 * checks; only the border columns check taps. With `ring` (in place: out == in, stride 1, pad 1), input row oy of
 * this channel is saved into ring row oy % 2 before output row oy overwrites it, and rows above are read from there. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-schedule-insns")))
#endif
MB_INNER void mb_dw3x3_channel_s8(const mb_dwconv_params_t *p, int32_t c, const int8_t *in, int8_t *out, int8_t *ring)
{
    const int32_t ch = p->in_c, stride = p->stride_w, pad = p->pad_left, in_w = p->in_w, out_w = p->out_w;
    const int32_t row_bytes = in_w * ch;
    const int32_t lo = p->act_min, hi = p->act_max;
    int32_t first = 0, last = out_w;
    const int8_t *w = p->weights + c;
    const mb_rq_t q = mb_rq_prepare(p->mult[c], p->shift[c], p->out_zp);
    int32_t oy, ox, ky;
    /* Output columns whose window lies inside the input row: [first, last), found without dividing (lx106 has no
     * divide instruction). */
    while (first < out_w && first * stride < pad) {
        ++first;
    }
    while (last > first && (last - 1) * stride - pad + 2 >= in_w) {
        --last;
    }
    for (oy = 0; oy < p->out_h; ++oy) {
        const int8_t *r[3];
        int32_t tap[9];
        int32_t base = p->bias[c];
        int8_t *y = out + oy * out_w * ch + c;
        if (ring != 0) {
            int8_t *save = ring + (oy & 1) * row_bytes + c;
            const int8_t *from = in + oy * row_bytes + c;
            for (ox = 0; ox < in_w; ++ox) {
                save[ox * ch] = from[ox * ch];
            }
        }
        for (ky = 0; ky < 3; ++ky) {
            const int32_t iy = oy * p->stride_h - p->pad_top + ky;
            const int valid = iy >= 0 && iy < p->in_h;
            const int32_t k0 = w[3 * ky * ch], k1 = w[(3 * ky + 1) * ch], k2 = w[(3 * ky + 2) * ch];
            if (valid) {
                r[ky] = (ring != 0 && iy <= oy ? ring + (iy & 1) * row_bytes : in + iy * row_bytes) + c;
                tap[3 * ky] = k0;
                tap[3 * ky + 1] = k1;
                tap[3 * ky + 2] = k2;
            } else {
                r[ky] = 0;
                base += p->in_zp * (k0 + k1 + k2);
                tap[3 * ky] = tap[3 * ky + 1] = tap[3 * ky + 2] = 0;
            }
        }
        {
            const int8_t *any = r[1] != 0 ? r[1] : r[0] != 0 ? r[0] : r[2];
            const int8_t *r0 = r[0] != 0 ? r[0] : any, *r1 = r[1] != 0 ? r[1] : any, *r2 = r[2] != 0 ? r[2] : any;
            const int32_t w00 = tap[0], w01 = tap[1], w02 = tap[2], w10 = tap[3], w11 = tap[4], w12 = tap[5];
            const int32_t w20 = tap[6], w21 = tap[7], w22 = tap[8];
            if (any == 0) {
                continue;
            }
            /* Border columns (pad 1): the taps past the row's left or right end add the zero point's share. */
            const int32_t zl = p->in_zp * (w00 + w10 + w20), zr = p->in_zp * (w02 + w12 + w22);
            for (ox = 0; ox < out_w; ++ox) {
                const int32_t ix = ox * stride - pad;
                int32_t acc;
                if (ox == first && ox < last && q.r1 >= 0) {
                    /* The inside columns, all at once: nine loads per output and no checks. */
                    const int32_t step = stride * ch;
                    const int8_t *p0 = r0 + ix * ch, *p1 = r1 + ix * ch, *p2 = r2 + ix * ch;
                    const int8_t *end = p0 + (last - ox) * step;
                    int8_t *yo = y + ox * ch;
                    for (; p0 != end; p0 += step, p1 += step, p2 += step, yo += ch) {
                        acc = base + p0[0] * w00 + p0[ch] * w01 + p0[2 * ch] * w02 + p1[0] * w10 + p1[ch] * w11
                            + p1[2 * ch] * w12 + p2[0] * w20 + p2[ch] * w21 + p2[2 * ch] * w22;
                        *yo = mb_sat(mb_rq_apply_fast(acc, &q), lo, (uint32_t)(hi - lo));
                    }
                    ox = last - 1;
                    continue;
                }
                if (ox >= first && ox < last) {
                    const int32_t o = ix * ch;
                    acc = base + r0[o] * w00 + r0[o + ch] * w01 + r0[o + 2 * ch] * w02 + r1[o] * w10 + r1[o + ch] * w11
                        + r1[o + 2 * ch] * w12 + r2[o] * w20 + r2[o + ch] * w21 + r2[o + 2 * ch] * w22;
                } else if (ix == -1 && in_w >= 2) {
                    acc = base + zl + r0[0] * w01 + r0[ch] * w02 + r1[0] * w11 + r1[ch] * w12 + r2[0] * w21 + r2[ch] * w22;
                } else if (ix == in_w - 2 && ix >= 0) {
                    const int32_t o = ix * ch;
                    acc = base + zr + r0[o] * w00 + r0[o + ch] * w01 + r1[o] * w10 + r1[o + ch] * w11 + r2[o] * w20 + r2[o + ch] * w21;
                } else {
                    int32_t kx;
                    acc = base;
                    for (kx = 0; kx < 3; ++kx) {
                        const int32_t t = ix + kx >= 0 && ix + kx < in_w ? (ix + kx) * ch : -1;
                        acc += (t >= 0 ? r0[t] : p->in_zp) * tap[kx] + (t >= 0 ? r1[t] : p->in_zp) * tap[3 + kx]
                            + (t >= 0 ? r2[t] : p->in_zp) * tap[6 + kx];
                    }
                }
                y[ox * ch] = (int8_t)mb_clamp(mb_rq_apply(acc, &q), lo, hi);
            }
        }
    }
}

/* The scalar cores' depthwise convolution when its shape has the 3x3 form above. */
static inline int mb_dw_is_3x3(const mb_dwconv_params_t *p)
{
    return p->k_h == 3 && p->k_w == 3 && p->dil_h == 1 && p->dil_w == 1 && p->depth_mult == 1;
}

#endif
