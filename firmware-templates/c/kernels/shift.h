/* Per-channel spatial shift: channel c reads from (dy[c], dx[c]) away, out[n, y, x, c] = in[n, y + dy[c], x + dx[c], c];
 * cells read from outside the image are the zero point (real 0). Pure addressing, no arithmetic on values.
 * When out == in (the planner placed the output over its input) each channel is moved on its own, walking away from
 * the cells it reads, so every cell is read before it is overwritten and no second buffer is needed. */
typedef struct {
    int32_t batches, h, w, c, zp;
    const int16_t *dy;
    const int16_t *dx;
} mb_shift_params_t;

#if MB_SCALAR_CORE
/* One row of a run of channels: n cells copied from src, then the cells up to w filled with the zero point, the
 * pointers stepping by xstep bytes and each cell `units` values of type T. */
#define MB_SHIFT_ROW(T, fill) \
    do { \
        for (j = 0; j < n; ++j, d += xstep, src += xstep) { \
            for (k = 0; k < units; ++k) { \
                ((T *)(void *)d)[k] = ((const T *)(const void *)src)[k]; \
            } \
        } \
        for (; j < w; ++j, d += xstep) { \
            for (k = 0; k < units; ++k) { \
                ((T *)(void *)d)[k] = (fill); \
            } \
        } \
    } while (0)

/* Moves channels [c0, c0 + len), which share one shift (dy, dx), of one image: rows and columns are walked away from
 * the cells they read (so it also works in place). In each row the cells whose source lies inside the image are one
 * run, copied cell by cell with the pointers stepping together, four or two bytes at a time where the channels are
 * aligned so; the |dx| cells past it take the zero point, as do the rows whose source row is outside. */
MB_INNER void mb_shift_run_s8(const int8_t *in, int8_t *out, int32_t h, int32_t w, int32_t ch, int32_t c0, int32_t len,
    int32_t dy, int32_t dx, int32_t zp)
{
#if defined(__GNUC__)
    typedef uint32_t __attribute__((may_alias)) mb_word_t;
    typedef uint16_t __attribute__((may_alias)) mb_half_t;
    const uintptr_t align = (uintptr_t)(in + c0) | (uintptr_t)(out + c0) | (uintptr_t)ch | (uintptr_t)len;
#endif
    const int32_t row = w * ch;
    const int32_t xstep = dx > 0 ? ch : -ch;
    const int32_t adx = dx > 0 ? dx : -dx;
    const int32_t inside = w > adx ? w - adx : 0; /* cells per row whose source column is inside */
    int32_t i, j, k, units;
    for (i = 0; i < h; ++i) {
        const int32_t y = dy > 0 ? i : h - 1 - i;
        const int32_t sy = y + dy;
        /* The first cell written (x = 0 walking right, w - 1 walking left) and its source. */
        const int32_t n = sy >= 0 && sy < h ? inside : 0;
        int8_t *d = out + y * row + (dx > 0 ? 0 : w - 1) * ch + c0;
        const int8_t *src = n > 0 ? in + sy * row + (dx > 0 ? dx : w - 1 + dx) * ch + c0 : in;
#if defined(__GNUC__)
        if ((align & 3u) == 0 && len == 4) {
            /* One word per cell, the commonest case (groups of four channels): no inner loop. */
            for (j = 0; j < n; ++j, d += xstep, src += xstep) {
                *(mb_word_t *)(void *)d = *(const mb_word_t *)(const void *)src;
            }
            for (; j < w; ++j, d += xstep) {
                *(mb_word_t *)(void *)d = (uint32_t)(uint8_t)zp * 0x01010101u;
            }
            continue;
        }
        if ((align & 3u) == 0) {
            units = len >> 2;
            MB_SHIFT_ROW(mb_word_t, (uint32_t)(uint8_t)zp * 0x01010101u);
            continue;
        }
        if ((align & 1u) == 0) {
            units = len >> 1;
            MB_SHIFT_ROW(mb_half_t, (uint16_t)((uint32_t)(uint8_t)zp * 0x0101u));
            continue;
        }
#endif
        units = len;
        MB_SHIFT_ROW(int8_t, (int8_t)zp);
    }
}

#undef MB_SHIFT_ROW
#endif

MB_KERNEL void mb_shift_s8(const mb_shift_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t n, y, x, c;
#if MB_SCALAR_CORE
    const int32_t image = p->h * p->w * p->c;
    for (n = 0; n < p->batches; ++n) {
        int32_t c0 = 0;
        if ((const int8_t *)out != in) {
            memcpy(out + n * image, in + n * image, (size_t)image);
        }
        while (c0 < p->c) {
            int32_t c1 = c0 + 1;
            while (c1 < p->c && p->dy[c1] == p->dy[c0] && p->dx[c1] == p->dx[c0]) {
                ++c1;
            }
            if (p->dy[c0] != 0 || p->dx[c0] != 0) {
                mb_shift_run_s8(in + n * image, out + n * image, p->h, p->w, p->c, c0, c1 - c0, p->dy[c0], p->dx[c0], p->zp);
            }
            c0 = c1;
        }
    }
    (void)y;
    (void)x;
    (void)c;
    return;
#endif
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
