/* The inner product of every int8 convolution and fully connected layer: out[o] = requant(bias[o] + x . w[o]) for
 * o < n_out, with w rows of k contiguous int8 (OHWI / [out, in]) and the input zero point folded into bias. The
 * input row is first widened to int16 (once, shared by all rows) so that x * (int16_t)w maps onto 16-bit
 * multiply-add instructions (x86 pmaddwd, Arm SMLAD); four weight rows share each input load. Rows are k_pad long
 * (k rounded up to a multiple of 8, zero weights past k) so the vector loop has no remainder; the input tail
 * [k, k_pad) only ever holds finite int16 values, which the zero weights cancel. */
static inline void mb_widen_s8(int16_t *dst, const int8_t *src, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; ++i) {
        dst[i] = src[i];
    }
}

static inline void mb_fill_s16(int16_t *dst, int32_t value, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; ++i) {
        dst[i] = (int16_t)value;
    }
}

#if !MB_SCALAR_CORE
MB_INNER void mb_gemv_s8(const int16_t *x, const int8_t *w, int32_t k_pad, int32_t n_out, const int32_t *bias,
    const int32_t *mult, const int8_t *shift, int32_t zp, int32_t lo, int32_t hi, int8_t *out)
{
    const int32_t n4 = n_out - n_out % 4;
    int32_t o, i;
    for (o = 0; o < n4; o += 4, w += 4 * k_pad) {
        const int8_t *w1 = w + k_pad;
        const int8_t *w2 = w1 + k_pad;
        const int8_t *w3 = w2 + k_pad;
        int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (i = 0; i < k_pad; ++i) {
            const int16_t v = x[i];
            a0 += v * (int16_t)w[i];
            a1 += v * (int16_t)w1[i];
            a2 += v * (int16_t)w2[i];
            a3 += v * (int16_t)w3[i];
        }
        out[o] = mb_requant(a0 + bias[o], mult[o], shift[o], zp, lo, hi);
        out[o + 1] = mb_requant(a1 + bias[o + 1], mult[o + 1], shift[o + 1], zp, lo, hi);
        out[o + 2] = mb_requant(a2 + bias[o + 2], mult[o + 2], shift[o + 2], zp, lo, hi);
        out[o + 3] = mb_requant(a3 + bias[o + 3], mult[o + 3], shift[o + 3], zp, lo, hi);
    }
    for (; o < n_out; ++o, w += k_pad) {
        int32_t acc = 0;
        for (i = 0; i < k_pad; ++i) {
            acc += x[i] * (int16_t)w[i];
        }
        out[o] = mb_requant(acc + bias[o], mult[o], shift[o], zp, lo, hi);
    }
}
#endif
