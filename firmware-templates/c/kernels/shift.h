/* Per-channel spatial shift: channel c reads from (dy[c], dx[c]) away, out[n, y, x, c] = in[n, y + dy[c], x + dx[c], c];
 * cells read from outside the image are the zero point (real 0). Pure addressing, no arithmetic on values.
 * When out == in (the planner placed the output over its input) each channel is moved on its own, walking away from
 * the cells it reads, so every cell is read before it is overwritten and no second buffer is needed. */
typedef struct {
    int32_t batches, h, w, c, zp;
    const int16_t *dy;
    const int16_t *dx;
} mb_shift_params_t;

MB_KERNEL void mb_shift_s8(const mb_shift_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, y, x, c;
    if ((const int8_t *)out == in) {
        for (n = 0; n < p->batches; ++n) {
            int8_t *b = out + n * p->h * p->w * p->c;
            for (c = 0; c < p->c; ++c) {
                const int32_t dy = p->dy[c], dx = p->dx[c];
                int32_t i, j;
                if (dy == 0 && dx == 0) {
                    continue;
                }
                for (i = 0; i < p->h; ++i) {
                    y = dy < 0 ? p->h - 1 - i : i;
                    for (j = 0; j < p->w; ++j) {
                        const int32_t sy = y + dy;
                        int32_t sx;
                        x = dx < 0 ? p->w - 1 - j : j;
                        sx = x + dx;
                        b[(y * p->w + x) * p->c + c] = sy >= 0 && sy < p->h && sx >= 0 && sx < p->w
                            ? b[(sy * p->w + sx) * p->c + c] : (int8_t)p->zp;
                    }
                }
            }
        }
        return;
    }
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
