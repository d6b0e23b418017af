#if MB_SCALAR_CORE
/* The scalar-core form of every int8 dot-product layer (pointwise and im2col convolutions, fully connected):
 * out[r][o] = requant(bias[o] + in[r] . w[o]) for `rows` input rows of k int8 values (stride k) and n_out weight
 * rows (stride k_pad, zero past k). Four output channels are prepared once (bias, multiplier, rounding constant,
 * shift), then every group of three input rows meets their four weight rows: 12 accumulators stay in registers, each
 * loaded operand serves three or four multiply-adds, and the depth loop is unrolled four times to spread the seven
 * pointer increments. About 2.8 instructions per MAC in the depth loop and 12 per output, for any shape. `wide` is
 * scratch for two input rows widened to int16 (Xtensa only, below). Channels whose shift or bias rule out the
 * narrow requantization (mb_rqn_apply) take the general one, an output at a time. */
#define MB_MM_STEP(j) \
    do { \
        const int32_t x0 = x_0[j], x1 = x_1[j], x2 = x_2[j]; \
        int32_t wv = w_0[j]; \
        a00 += x0 * wv; a10 += x1 * wv; a20 += x2 * wv; \
        wv = w_1[j]; \
        a01 += x0 * wv; a11 += x1 * wv; a21 += x2 * wv; \
        wv = w_2[j]; \
        a02 += x0 * wv; a12 += x1 * wv; a22 += x2 * wv; \
        wv = w_3[j]; \
        a03 += x0 * wv; a13 += x1 * wv; a23 += x2 * wv; \
    } while (0)

/* Writes row r, channel o + j of the block: the fast requantization with the channel's prepared constants. */
#define MB_MM_OUT(r, j, acc) (y[(r) * n_out + (j)] = (int8_t)mb_clamp(mb_rqn_apply((acc), &q[j]), lo, hi))

/* Requantizes one output of channel o in the general form (shifts outside the fast form's range). */
MB_INNER void mb_mm_out_general(int8_t *dst, int32_t acc, int32_t mult, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    *dst = mb_requant(acc, mult, shift, zp, lo, hi);
}

#if defined(__XTENSA__)
/* Xtensa lx106: 16 registers and no sign-extending byte load, so the 3x4 block above would spill and every byte load
 * would cost three instructions. Here two input rows are widened to int16 once, interleaved (x0[i], x1[i]), and meet
 * two weight rows at a time: each weight byte is loaded unsigned and shifted into the high half of a 16-bit operand,
 * which mul16s reads as 256 * w, so the sums carry a factor 256 (exact while k < 512) removed once per output. */
#define MB_MUL16S(a, b) __extension__({ int32_t p_; __asm__("mul16s %0, %1, %2" : "=a"(p_) : "a"(a), "a"(b)); p_; })

#define MB_MM2_STEP(j) \
    do { \
        const int32_t x0 = xw[2 * (j)], x1 = xw[2 * (j) + 1]; \
        const int32_t v0 = (int32_t)((uint32_t)(uint8_t)w_0[j] << 8), v1 = (int32_t)((uint32_t)(uint8_t)w_1[j] << 8); \
        a00 += MB_MUL16S(x0, v0); a10 += MB_MUL16S(x1, v0); \
        a01 += MB_MUL16S(x0, v1); a11 += MB_MUL16S(x1, v1); \
    } while (0)

/* Layers where some channel's shift or bias rules out the narrow requantization: every output the general way. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-schedule-insns")))
#endif
MB_INNER void mb_matmul_2x2_general_s8(const int8_t *in, int32_t rows, int32_t k, const int8_t *w, int32_t k_pad, int32_t n_out,
    const int32_t *bias, const int32_t *mult, const int8_t *shift, int32_t zp, int32_t lo, int32_t hi, int8_t *out, int16_t *wide)
{
    const int32_t k4 = k & ~3;
    int32_t r, o, i, j;
    for (r = 0; r < rows; r += 2) {
        const int32_t n_rows = rows - r < 2 ? 1 : 2;
        const int8_t *x_0 = in + r * k, *x_1 = n_rows == 2 ? x_0 + k : x_0;
        for (i = 0; i < k; ++i) {
            wide[2 * i] = x_0[i];
            wide[2 * i + 1] = x_1[i];
        }
        for (o = 0; o < n_out; o += 2) {
            const int32_t n_ch = n_out - o < 2 ? 1 : 2;
            const int8_t *w_0 = w + o * k_pad, *w_1 = n_ch == 2 ? w_0 + k_pad : w_0;
            const int16_t *xw = wide;
            int32_t a00 = 0, a01 = 0, a10 = 0, a11 = 0;
            int32_t acc[4];
            for (i = 0; i < k4; i += 4, xw += 8, w_0 += 4, w_1 += 4) {
                MB_MM2_STEP(0);
                MB_MM2_STEP(1);
                MB_MM2_STEP(2);
                MB_MM2_STEP(3);
            }
            for (; i < k; ++i, xw += 2, ++w_0, ++w_1) {
                MB_MM2_STEP(0);
            }
            acc[0] = a00 >> 8;
            acc[1] = a01 >> 8;
            acc[2] = a10 >> 8;
            acc[3] = a11 >> 8;
            for (j = 0; j < n_ch; ++j) {
                int8_t *y = out + r * n_out + o + j;
                int32_t rr;
                for (rr = 0; rr < n_rows; ++rr, y += n_out) {
                    mb_mm_out_general(y, acc[2 * rr + j] + bias[o + j], mult[o + j], shift[o + j], zp, lo, hi);
                }
            }
        }
    }
}

/* One channel's outputs of a 2 x 2 block (rows r and r + 1 at y0 and y1; y0 == y1 for a lone last row): the narrow
 * requantization (mb_rqn_apply) with the channel's constants read here, once for both rows. After a fused ReLU a
 * negative accumulator is lo at once and a non-negative one needs neither the sign term nor a signed product. */
MB_FORCE_INLINE void mb_mm2_out2(int8_t *y0, int8_t *y1, int32_t a0, int32_t a1, int32_t m, int8_t shift, int32_t zp, int32_t lo,
    int32_t hi, const int relu)
{
    /* The shift lies in [-20, -1] (checked): r = 256 - its byte read unsigned, cheaper than a sign extension. */
    const int32_t r = 256 - (int32_t)(uint8_t)shift;
    const int32_t r1 = r + 1;
    const int32_t b = 1 + ((int32_t)1 << r) + (int32_t)((uint32_t)zp << r1);
    if (relu) {
        const uint32_t mh = (uint32_t)m >> 16;
        if (a0 < 0) {
            mb_store8(y0, lo);
        } else {
            const int32_t v = (mb_mulh_pos((uint32_t)a0 << 2, (uint32_t)m, mh) + b) >> r1;
            mb_store8(y0, mb_clamp(v, lo, hi));
        }
        if (a1 < 0) {
            mb_store8(y1, lo);
        } else {
            const int32_t v = (mb_mulh_pos((uint32_t)a1 << 2, (uint32_t)m, mh) + b) >> r1;
            mb_store8(y1, mb_clamp(v, lo, hi));
        }
    } else {
        const int32_t h0 = mb_mulh_x4(a0, m), h1 = mb_mulh_x4(a1, m);
        const int32_t s0 = h0 >> 31, s1 = h1 >> 31;
        mb_store8(y0, mb_clamp((h0 + s0 + s0 + b) >> r1, lo, hi));
        mb_store8(y1, mb_clamp((h1 + s1 + s1 + b) >> r1, lo, hi));
    }
}

/* The 2 x 2 kernel where every channel takes the narrow requantization (checked once per layer). relu (act_min >=
 * zp) is a constant in each inlined copy of a speed-first build; size-first builds keep one copy that tests it. */
MB_FORCE_INLINE void mb_matmul_2x2_narrow_s8(const int8_t *in, int32_t rows, int32_t k, const int8_t *w, int32_t k_pad, int32_t n_out,
    const int32_t *bias, const int32_t *mult, const int8_t *shift, int32_t zp, int32_t lo, int32_t hi, int8_t *out, int16_t *wide,
    const int relu)
{
    const int32_t k4 = k & ~3;
    int32_t r, o, i;
    for (r = 0; r < rows; r += 2) {
        const int32_t row2 = rows - r < 2 ? 0 : n_out;
        const int8_t *x_0 = in + r * k, *x_1 = row2 != 0 ? x_0 + k : x_0;
        int8_t *y = out + r * n_out;
        for (i = 0; i < k; ++i) {
            wide[2 * i] = x_0[i];
            wide[2 * i + 1] = x_1[i];
        }
        for (o = 0; o < n_out; o += 2, y += 2) {
            /* A lone last channel is computed twice into the same byte. */
            const int32_t o1 = n_out - o < 2 ? o : o + 1;
            const int8_t *w_0 = w + o * k_pad, *w_1 = w + o1 * k_pad;
            const int16_t *xw = wide;
            int32_t a00 = 0, a01 = 0, a10 = 0, a11 = 0;
            for (i = 0; i < k4; i += 4, xw += 8, w_0 += 4, w_1 += 4) {
                MB_MM2_STEP(0);
                MB_MM2_STEP(1);
                MB_MM2_STEP(2);
                MB_MM2_STEP(3);
            }
            for (; i < k; ++i, xw += 2, ++w_0, ++w_1) {
                MB_MM2_STEP(0);
            }
            {
                const int32_t b0 = bias[o], b1 = bias[o1];
                mb_mm2_out2(y, y + row2, (a00 >> 8) + b0, (a10 >> 8) + b0, mult[o], shift[o], zp, lo, hi, relu);
                mb_mm2_out2(y + (o1 - o), y + row2 + (o1 - o), (a01 >> 8) + b1, (a11 >> 8) + b1, mult[o1], shift[o1], zp, lo, hi, relu);
            }
        }
    }
}

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-schedule-insns")))
#endif
MB_INNER void mb_matmul_2x2_s8(const int8_t *in, int32_t rows, int32_t k, const int8_t *w, int32_t k_pad, int32_t n_out,
    const int32_t *bias, const int32_t *mult, const int8_t *shift, int32_t zp, int32_t lo, int32_t hi, int8_t *out, int16_t *wide)
{
    int32_t o;
    int narrow = 1;
    for (o = 0; o < n_out; ++o) {
        mb_rqn_t q;
        narrow = narrow && mb_rqn_prepare(&q, mult[o], shift[o], zp) && mb_rqn_fits(bias[o], k);
    }
    if (!narrow) {
        mb_matmul_2x2_general_s8(in, rows, k, w, k_pad, n_out, bias, mult, shift, zp, lo, hi, out, wide);
#if MB_SIZE_FIRST
    } else {
        /* One copy, the activation tested per output. */
        mb_matmul_2x2_narrow_s8(in, rows, k, w, k_pad, n_out, bias, mult, shift, zp, lo, hi, out, wide, lo >= zp);
    }
#else
    } else if (lo >= zp) {
        mb_matmul_2x2_narrow_s8(in, rows, k, w, k_pad, n_out, bias, mult, shift, zp, lo, hi, out, wide, 1);
    } else {
        mb_matmul_2x2_narrow_s8(in, rows, k, w, k_pad, n_out, bias, mult, shift, zp, lo, hi, out, wide, 0);
    }
#endif
}

#undef MB_MM2_STEP
#undef MB_MUL16S
#endif

#if defined(__GNUC__) && !defined(__clang__)
/* gcc's first scheduling pass hoists every load of the unrolled depth loop and then spills the accumulators. */
__attribute__((optimize("no-schedule-insns")))
#endif
MB_INNER void mb_matmul_s8(const int8_t *in, int32_t rows, int32_t k, const int8_t *w, int32_t k_pad, int32_t n_out,
    const int32_t *bias, const int32_t *mult, const int8_t *shift, int32_t zp, int32_t lo, int32_t hi, int8_t *out, int16_t *wide)
{
    const int32_t k4 = k & ~3; /* k >= 0; no division, which some cores lack */
    int32_t r, o, i, j;
#if defined(__XTENSA__)
    if (k < 512) {
        mb_matmul_2x2_s8(in, rows, k, w, k_pad, n_out, bias, mult, shift, zp, lo, hi, out, wide);
        return;
    }
#else
    (void)wide;
#endif
    for (o = 0; o < n_out; o += 4) {
        const int32_t n_ch = n_out - o < 4 ? n_out - o : 4;
        const int8_t *w_blk = w + o * k_pad;
        mb_rqn_t q[4];
        int32_t b[4];
        int fast = n_ch == 4;
        for (j = 0; j < n_ch; ++j) {
            b[j] = bias[o + j];
            fast = fast && mb_rqn_prepare(&q[j], mult[o + j], shift[o + j], zp) && mb_rqn_fits(b[j], k);
        }
        r = 0;
        if (fast) {
            for (; r + 3 <= rows; r += 3) {
                const int8_t *x_0 = in + r * k, *x_1 = x_0 + k, *x_2 = x_1 + k;
                const int8_t *w_0 = w_blk, *w_1 = w_0 + k_pad, *w_2 = w_1 + k_pad, *w_3 = w_2 + k_pad;
                int8_t *y = out + r * n_out + o;
                int32_t a00 = b[0], a01 = b[1], a02 = b[2], a03 = b[3], a10 = b[0], a11 = b[1], a12 = b[2], a13 = b[3];
                int32_t a20 = b[0], a21 = b[1], a22 = b[2], a23 = b[3];
                for (i = 0; i < k4; i += 4) {
                    MB_MM_STEP(0);
                    MB_MM_STEP(1);
                    MB_MM_STEP(2);
                    MB_MM_STEP(3);
                    x_0 += 4; x_1 += 4; x_2 += 4;
                    w_0 += 4; w_1 += 4; w_2 += 4; w_3 += 4;
                }
                for (; i < k; ++i) {
                    MB_MM_STEP(0);
                    ++x_0; ++x_1; ++x_2;
                    ++w_0; ++w_1; ++w_2; ++w_3;
                }
                /* Channel by channel, so that each channel's constants are loaded once for its three rows. */
                MB_MM_OUT(0, 0, a00); MB_MM_OUT(1, 0, a10); MB_MM_OUT(2, 0, a20);
                MB_MM_OUT(0, 1, a01); MB_MM_OUT(1, 1, a11); MB_MM_OUT(2, 1, a21);
                MB_MM_OUT(0, 2, a02); MB_MM_OUT(1, 2, a12); MB_MM_OUT(2, 2, a22);
                MB_MM_OUT(0, 3, a03); MB_MM_OUT(1, 3, a13); MB_MM_OUT(2, 3, a23);
            }
        }
        /* Rows left over (one or two; the only row of a fully connected layer): one row against four weight rows. */
        if (fast) {
            for (; r < rows; ++r) {
                const int8_t *x = in + r * k;
                const int8_t *w_0 = w_blk, *w_1 = w_0 + k_pad, *w_2 = w_1 + k_pad, *w_3 = w_2 + k_pad;
                int8_t *y = out + r * n_out + o;
                int32_t a0 = b[0], a1 = b[1], a2 = b[2], a3 = b[3];
                for (i = 0; i + 4 <= k; i += 4, x += 4, w_0 += 4, w_1 += 4, w_2 += 4, w_3 += 4) {
                    const int32_t x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3];
                    a0 += x0 * w_0[0] + x1 * w_0[1] + x2 * w_0[2] + x3 * w_0[3];
                    a1 += x0 * w_1[0] + x1 * w_1[1] + x2 * w_1[2] + x3 * w_1[3];
                    a2 += x0 * w_2[0] + x1 * w_2[1] + x2 * w_2[2] + x3 * w_2[3];
                    a3 += x0 * w_3[0] + x1 * w_3[1] + x2 * w_3[2] + x3 * w_3[3];
                }
                for (; i < k; ++i, ++x, ++w_0, ++w_1, ++w_2, ++w_3) {
                    const int32_t x0 = x[0];
                    a0 += x0 * w_0[0];
                    a1 += x0 * w_1[0];
                    a2 += x0 * w_2[0];
                    a3 += x0 * w_3[0];
                }
                y[0] = (int8_t)mb_clamp(mb_rqn_apply(a0, &q[0]), lo, hi);
                y[1] = (int8_t)mb_clamp(mb_rqn_apply(a1, &q[1]), lo, hi);
                y[2] = (int8_t)mb_clamp(mb_rqn_apply(a2, &q[2]), lo, hi);
                y[3] = (int8_t)mb_clamp(mb_rqn_apply(a3, &q[3]), lo, hi);
            }
        }
        /* Blocks of fewer than four channels or with a general requantization: one output at a time. */
        for (; r < rows; ++r) {
            const int8_t *x = in + r * k;
            int8_t *y = out + r * n_out + o;
            for (j = 0; j < n_ch; ++j) {
                const int8_t *wr = w_blk + j * k_pad;
                int32_t acc = b[j];
                for (i = 0; i < k; ++i) {
                    acc += x[i] * wr[i];
                }
                mb_mm_out_general(y + j, acc, mult[o + j], shift[o + j], zp, lo, hi);
            }
        }
    }
}

#undef MB_MM_STEP
#undef MB_MM_OUT

#if MB_FIXED_SHAPES
/* One channel's constants for the 4 x 4 kernel below: the narrow requantization and the activation range. */
typedef struct {
    mb_rqn_t q;
    int32_t lo;
    int32_t hi;
} mb_rqn_out_t;

/* Stores one channel's four pixels (row stride n_out). A shared call instead of 16 inline copies per specialized
 * kernel: about the same instructions, a third of the code. */
MB_INNER void mb_rqn_store4(int32_t a0, int32_t a1, int32_t a2, int32_t a3, const mb_rqn_out_t *c, int8_t *y, int32_t n_out)
{
    const int32_t lo = c->lo, hi = c->hi;
    mb_store8(&y[0], mb_clamp(mb_rqn_apply(a0, &c->q), lo, hi));
    mb_store8(&y[n_out], mb_clamp(mb_rqn_apply(a1, &c->q), lo, hi));
    mb_store8(&y[2 * n_out], mb_clamp(mb_rqn_apply(a2, &c->q), lo, hi));
    mb_store8(&y[3 * n_out], mb_clamp(mb_rqn_apply(a3, &c->q), lo, hi));
}

/* The same where the activation clamps at the zero point or above (a fused ReLU): a negative accumulator
 * requantizes to at most the zero point, so it is stored as lo at once (about half the outputs after a ReLU), and a
 * non-negative one needs no sign correction in its rounding. */
#define MB_RQN_RELU_OUT(dst, acc) \
    do { \
        const int32_t a_ = (acc); \
        mb_store8(&(dst), a_ < 0 ? lo : mb_clamp((mb_mulh_x4(a_, m) + b) >> r1, lo, hi)); \
    } while (0)

MB_INNER void mb_rqn_store4_relu(int32_t a0, int32_t a1, int32_t a2, int32_t a3, const mb_rqn_out_t *c, int8_t *y, int32_t n_out)
{
    const int32_t lo = c->lo, m = c->q.mult, b = c->q.b, r1 = c->q.r1;
    const int32_t hi = c->hi;
    MB_RQN_RELU_OUT(y[0], a0);
    MB_RQN_RELU_OUT(y[n_out], a1);
    MB_RQN_RELU_OUT(y[2 * n_out], a2);
    MB_RQN_RELU_OUT(y[3 * n_out], a3);
}

#undef MB_RQN_RELU_OUT

typedef void (*mb_rqn_store4_fn)(int32_t, int32_t, int32_t, int32_t, const mb_rqn_out_t *, int8_t *, int32_t);

/* mb_matmul_s8 for a depth k and row stride k_pad known at compile time, every channel's requantization narrow
 * and n_out a multiple of 4 (the C back end checks all three before it specializes a layer). With the strides as
 * constants, four input rows and four weight rows are each one pointer plus immediate offsets, so a block of
 * 4 pixels x 4 channels keeps its 16 accumulators in registers: 8 loads for 16 multiply-adds, 2.6 instructions per
 * MAC in the depth loop, where the shared kernel's 3 x 4 block needs 2.8 and seven pointers. */
#define MB_MM4_STEP(j) \
    do { \
        const int32_t x0 = x[(j)], x1 = x[k + (j)], x2 = x[2 * k + (j)], x3 = x[3 * k + (j)]; \
        int32_t wv = wr[(j)]; \
        a00 += x0 * wv; a10 += x1 * wv; a20 += x2 * wv; a30 += x3 * wv; \
        wv = wr[k_pad + (j)]; \
        a01 += x0 * wv; a11 += x1 * wv; a21 += x2 * wv; a31 += x3 * wv; \
        wv = wr[2 * k_pad + (j)]; \
        a02 += x0 * wv; a12 += x1 * wv; a22 += x2 * wv; a32 += x3 * wv; \
        wv = wr[3 * k_pad + (j)]; \
        a03 += x0 * wv; a13 += x1 * wv; a23 += x2 * wv; a33 += x3 * wv; \
    } while (0)

/* On rv32 each channel's four multiply-adds of a step are written out: gcc, scheduling the 16 products freely,
 * keeps more temporaries live than the 32 registers hold and spills two or three values on every pass of the depth
 * loop (about 0.1 instruction per MAC); an asm block per channel fixes the order. */
#if defined(__GNUC__) && defined(__riscv) && defined(__riscv_mul) && __riscv_xlen == 32
#define MB_MM4_ASM 1
#define MB_MM4_ASM_CH(c0, c1, c2, c3, off) \
    do { \
        int32_t wv_, t_; \
        __asm__("lb %[wv], %[o](%[w])\n\t" \
                "mul %[t], %[x0], %[wv]\n\tadd %[a0], %[a0], %[t]\n\t" \
                "mul %[t], %[x1], %[wv]\n\tadd %[a1], %[a1], %[t]\n\t" \
                "mul %[t], %[x2], %[wv]\n\tadd %[a2], %[a2], %[t]\n\t" \
                "mul %[t], %[x3], %[wv]\n\tadd %[a3], %[a3], %[t]" \
            : [a0] "+r"(c0), [a1] "+r"(c1), [a2] "+r"(c2), [a3] "+r"(c3), [wv] "=&r"(wv_), [t] "=&r"(t_) \
            : [x0] "r"(x0), [x1] "r"(x1), [x2] "r"(x2), [x3] "r"(x3), [w] "r"(wr), [o] "i"(off), "m"(*(const int8_t(*)[4 * k_pad]) wr)); \
    } while (0)
#define MB_MM4_ASM_STEP(j) \
    do { \
        const int32_t x0 = x[(j)], x1 = x[k + (j)], x2 = x[2 * k + (j)], x3 = x[3 * k + (j)]; \
        MB_MM4_ASM_CH(a00, a10, a20, a30, (j)); \
        MB_MM4_ASM_CH(a01, a11, a21, a31, k_pad + (j)); \
        MB_MM4_ASM_CH(a02, a12, a22, a32, 2 * k_pad + (j)); \
        MB_MM4_ASM_CH(a03, a13, a23, a33, 3 * k_pad + (j)); \
    } while (0)
#else
#define MB_MM4_ASM 0
#endif

MB_FORCE_INLINE void mb_matmul_4x4_s8(const int8_t *in, int32_t rows, const int8_t *w, int32_t n_out, const int32_t *bias,
    const int32_t *mult, const int8_t *shift, int32_t zp, int32_t lo, int32_t hi, int8_t *out, int16_t *wide, const int32_t k,
    const int32_t k_pad)
{
    const int32_t rows4 = rows & ~3; /* rows >= 0 */
    const mb_rqn_store4_fn store = lo >= zp ? mb_rqn_store4_relu : mb_rqn_store4;
    int32_t o, r, i, j;
    for (o = 0; o < n_out; o += 4) {
        const int8_t *w_blk = w + o * k_pad;
        mb_rqn_out_t c[4];
        int32_t b[4];
        for (j = 0; j < 4; ++j) {
            (void)mb_rqn_prepare(&c[j].q, mult[o + j], shift[o + j], zp);
            c[j].lo = lo;
            c[j].hi = hi;
            b[j] = bias[o + j];
        }
        for (r = 0; r < rows4; r += 4) {
            const int8_t *x = in + r * k;
            const int8_t *wr = w_blk;
            int8_t *y = out + r * n_out + o;
            int32_t a00 = b[0], a01 = b[1], a02 = b[2], a03 = b[3], a10 = b[0], a11 = b[1], a12 = b[2], a13 = b[3];
            int32_t a20 = b[0], a21 = b[1], a22 = b[2], a23 = b[3], a30 = b[0], a31 = b[1], a32 = b[2], a33 = b[3];
#if MB_MM4_ASM
            for (i = 0; i + 4 <= k; i += 4, x += 4, wr += 4) {
                MB_MM4_ASM_STEP(0);
                MB_MM4_ASM_STEP(1);
                MB_MM4_ASM_STEP(2);
                MB_MM4_ASM_STEP(3);
            }
#else
            for (i = 0; i + 4 <= k; i += 4, x += 4, wr += 4) {
                MB_MM4_STEP(0);
                MB_MM4_STEP(1);
                MB_MM4_STEP(2);
                MB_MM4_STEP(3);
            }
#endif
            for (i = k & ~3; i < k; ++i, ++x, ++wr) {
                MB_MM4_STEP(0);
            }
            store(a00, a10, a20, a30, &c[0], y, n_out);
            store(a01, a11, a21, a31, &c[1], y + 1, n_out);
            store(a02, a12, a22, a32, &c[2], y + 2, n_out);
            store(a03, a13, a23, a33, &c[3], y + 3, n_out);
        }
    }
    /* The last rows % 4 pixels: the shared kernel. */
    if (rows4 < rows) {
        mb_matmul_s8(in + rows4 * k, rows - rows4, k, w, k_pad, n_out, bias, mult, shift, zp, lo, hi, out + rows4 * n_out, wide);
    }
}

#undef MB_MM4_STEP
#undef MB_MM4_ASM_CH
#undef MB_MM4_ASM_STEP

/* gcc's first scheduling pass would hoist the loads of the unrolled depth loop and spill the accumulators. */
#if defined(__clang__)
#define MB_FIXED_KERNEL static __attribute__((noinline))
#else
#define MB_FIXED_KERNEL static __attribute__((noinline, optimize("no-schedule-insns")))
#endif
#endif
#endif
