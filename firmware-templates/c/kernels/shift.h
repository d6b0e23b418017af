/* Per-channel spatial shift: channel c reads from (dy[c], dx[c]) away, out[n, y, x, c] = in[n, y + dy[c], x + dx[c], c];
 * cells read from outside the image are the zero point (real 0). Pure addressing, no arithmetic on values. */
typedef struct {
    int32_t batches, h, w, c, zp;
    const int16_t *dy;
    const int16_t *dx;
} mb_shift_params_t;

MB_KERNEL void mb_shift_s8(const mb_shift_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, y, x, c;
    for (n = 0; n < p->batches; ++n) {
        const int8_t *in_b = in + n * p->h * p->w * p->c;
        for (y = 0; y < p->h; ++y) {
            for (x = 0; x < p->w; ++x) {
                for (c = 0; c < p->c; ++c) {
                    const int32_t sy = y + p->dy[c];
                    const int32_t sx = x + p->dx[c];
                    const int inside = sy >= 0 && sy < p->h && sx >= 0 && sx < p->w;
                    *out++ = inside ? in_b[(sy * p->w + sx) * p->c + c] : (int8_t)p->zp;
                }
            }
        }
    }
}
