/* Fully connected int8 layer: weights [out, in], per-channel requantization, zero point folded into the bias. */
typedef struct {
    int32_t batches, in_n, k_pad, out_n;
    int32_t out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_fc_params_t;

#if !MB_SCALAR_CORE
/* Inputs widened to int16 at a time: a long input (micro_speech's 4,000) is widened chunk by chunk into this many
 * int16 of the patch buffer instead of all at once, so the buffer does not grow with the input. A multiple of 8, so
 * every chunk but the last is whole in k_pad. The C back end sizes the patch buffer to match (FcWidenChunk). */
#define MB_FC_CHUNK 256

/* One input row against every weight row when k_pad > MB_FC_CHUNK: four output channels at a time keep their sums
 * across the chunks, and each chunk of the input is widened once per four channels (a quarter of an extra pass over
 * the input; layers this long have few outputs). The last chunk reads the patch past in_n up to k_pad, where the
 * weights are zero and the patch holds finite int16 values, as in mb_gemv_s8. */
MB_INNER void mb_fc_chunked_s8(const int8_t *in, int32_t in_n, const int8_t *w, int32_t k_pad, int32_t n_out,
    const int32_t *bias, const int32_t *mult, const int8_t *shift, int32_t zp, int32_t lo, int32_t hi, int8_t *out, int16_t *patch)
{
    int32_t o, c, i, j;
    for (o = 0; o < n_out; o += 4) {
        const int32_t n_ch = n_out - o < 4 ? n_out - o : 4;
        const int8_t *w0 = w + o * k_pad;
        const int8_t *w1 = n_ch > 1 ? w0 + k_pad : w0;
        const int8_t *w2 = n_ch > 2 ? w1 + k_pad : w1;
        const int8_t *w3 = n_ch > 3 ? w2 + k_pad : w2;
        int32_t acc[4] = { 0, 0, 0, 0 };
        for (c = 0; c < k_pad; c += MB_FC_CHUNK) {
            const int32_t len = k_pad - c < MB_FC_CHUNK ? k_pad - c : MB_FC_CHUNK;
            int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            /* c < k_pad and both are multiples of 8, so c < in_n: at least one input remains. */
            mb_widen_s8(patch, in + c, in_n - c < len ? in_n - c : len);
            for (i = 0; i < len; ++i) {
                const int16_t v = patch[i];
                a0 += v * (int16_t)w0[c + i];
                a1 += v * (int16_t)w1[c + i];
                a2 += v * (int16_t)w2[c + i];
                a3 += v * (int16_t)w3[c + i];
            }
            acc[0] += a0;
            acc[1] += a1;
            acc[2] += a2;
            acc[3] += a3;
        }
        for (j = 0; j < n_ch; ++j) {
            out[o + j] = mb_requant(acc[j] + bias[o + j], mult[o + j], shift[o + j], zp, lo, hi);
        }
    }
}
#endif

MB_KERNEL void mb_fc_s8(const mb_fc_params_t *p, const int8_t *in, int8_t *out, int16_t *patch)
{
#if MB_SCALAR_CORE
    /* Reads the int8 input directly (Xtensa widens two rows of at most 511 inputs into the patch). */
    mb_matmul_s8(in, p->batches, p->in_n, p->weights, p->k_pad, p->out_n, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out, patch);
#else
    int32_t n;
    for (n = 0; n < p->batches; ++n, in += p->in_n, out += p->out_n) {
        if (p->k_pad <= MB_FC_CHUNK) {
            mb_widen_s8(patch, in, p->in_n);
            mb_gemv_s8(patch, p->weights, p->k_pad, p->out_n, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out);
        } else {
            mb_fc_chunked_s8(in, p->in_n, p->weights, p->k_pad, p->out_n, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out, patch);
        }
    }
#endif
}
