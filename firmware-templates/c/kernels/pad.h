/* Spatial zero padding of an NHWC tensor: the fill is the zero point (real 0). */
typedef struct {
    int32_t batches, in_h, in_w, c, out_h, out_w, pad_top, pad_left, zp;
} mb_pad_params_t;

MB_KERNEL void mb_pad_s8(const mb_pad_params_t *p, const int8_t *in, int8_t *out)
{
    const int32_t row = p->in_w * p->c;
    int32_t n, y;
    memset(out, p->zp, (size_t)(p->batches * p->out_h * p->out_w * p->c));
    for (n = 0; n < p->batches; ++n) {
        int8_t *out_b = out + n * p->out_h * p->out_w * p->c;
        for (y = 0; y < p->in_h; ++y) {
            memcpy(out_b + ((y + p->pad_top) * p->out_w + p->pad_left) * p->c, in + (n * p->in_h + y) * row, (size_t)row);
        }
    }
}
