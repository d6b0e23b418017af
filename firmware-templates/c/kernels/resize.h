/* Resizes of the H and W of an NHWC int8 tensor (TFLite RESIZE_NEAREST_NEIGHBOR / RESIZE_BILINEAR). The compiler
 * tabulates, per output row and column, the input row/column (nearest) or the position in 1/1024 pixel and its two
 * neighbours (bilinear, TFLite's integer path), so the kernels only address and blend. */
typedef struct {
    int32_t batches, in_h, in_w, depth, out_h, out_w;
    const int32_t *rows;
    const int32_t *cols;
} mb_resize_nearest_params_t;

MB_KERNEL void mb_resize_nearest_s8(const mb_resize_nearest_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, y, x, c;
    for (n = 0; n < p->batches; ++n) {
        for (y = 0; y < p->out_h; ++y) {
            for (x = 0; x < p->out_w; ++x) {
                const int8_t *src = in + ((n * p->in_h + p->rows[y]) * p->in_w + p->cols[x]) * p->depth;
                for (c = 0; c < p->depth; ++c) {
                    *out++ = src[c];
                }
            }
        }
    }
}

/* Per axis, three entries per output index i: scaled position (1/1024 units), lower and upper neighbour. */
typedef struct {
    int32_t batches, in_h, in_w, depth, out_h, out_w;
    const int32_t *rows;
    const int32_t *cols;
} mb_resize_bilinear_params_t;

MB_KERNEL void mb_resize_bilinear_s8(const mb_resize_bilinear_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, y, x, c;
    for (n = 0; n < p->batches; ++n) {
        for (y = 0; y < p->out_h; ++y) {
            const int32_t y0 = p->rows[3 * y + 1], y1 = p->rows[3 * y + 2], dy = p->rows[3 * y] - 1024 * y0;
            for (x = 0; x < p->out_w; ++x) {
                const int32_t x0 = p->cols[3 * x + 1], x1 = p->cols[3 * x + 2], dx = p->cols[3 * x] - 1024 * x0;
                const int8_t *p00 = in + ((n * p->in_h + y0) * p->in_w + x0) * p->depth;
                const int8_t *p10 = in + ((n * p->in_h + y1) * p->in_w + x0) * p->depth;
                const int8_t *p01 = in + ((n * p->in_h + y0) * p->in_w + x1) * p->depth;
                const int8_t *p11 = in + ((n * p->in_h + y1) * p->in_w + x1) * p->depth;
                for (c = 0; c < p->depth; ++c) {
                    /* The four weights are products of two 11-bit factors; the sum needs 64 bits. Rounded half away
                     * from zero with a truncating division, as TFLite does without single rounding. */
                    const int64_t s = (int64_t)p00[c] * (1024 - dy) * (1024 - dx) + (int64_t)p10[c] * dy * (1024 - dx)
                        + (int64_t)p01[c] * (1024 - dy) * dx + (int64_t)p11[c] * dy * dx;
                    *out++ = (int8_t)((s + (s > 0 ? ((int64_t)1 << 19) : -((int64_t)1 << 19))) / ((int64_t)1 << 20));
                }
            }
        }
    }
}
