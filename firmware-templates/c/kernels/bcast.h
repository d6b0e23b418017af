/* Four-dimensional broadcast walk shared by add and mul: dims are the output's (rank padded to 4 with leading 1s),
 * a_strides/b_strides are element strides of each operand with 0 on broadcast dimensions. */
typedef struct {
    int32_t dims[4];
    int32_t a_strides[4];
    int32_t b_strides[4];
} mb_bcast_t;

#if MB_SCALAR_CORE
/* Whether strides lay the dims out densely, row-major (no broadcast, no gaps): the fast paths of add and mul. */
static inline int mb_bcast_dense(const int32_t *dims, const int32_t *strides)
{
    return strides[3] == 1 && strides[2] == dims[3] && strides[1] == dims[2] * dims[3] && strides[0] == dims[1] * strides[1];
}

/* The scalar cores' walk for add and mul when a's innermost dimension is contiguous: `value` is an int32 expression
 * of the current elements *ar and *br; each result is requantized with the prepared q (fast form) and saturated to
 * [lo, hi]. The strides and sizes are read into locals once, because a store through `out` may alias them. */
#define MB_BCAST_REQUANT_WALK(s, a, b, out, q, lo, hi, value) \
    do { \
        const int32_t n3_ = (s)->dims[3], bs_ = (s)->b_strides[3]; \
        int32_t i0_, i1_, i2_; \
        for (i0_ = 0; i0_ < (s)->dims[0]; ++i0_) { \
            for (i1_ = 0; i1_ < (s)->dims[1]; ++i1_) { \
                for (i2_ = 0; i2_ < (s)->dims[2]; ++i2_) { \
                    const int8_t *ar = (a) + i0_ * (s)->a_strides[0] + i1_ * (s)->a_strides[1] + i2_ * (s)->a_strides[2]; \
                    const int8_t *br = (b) + i0_ * (s)->b_strides[0] + i1_ * (s)->b_strides[1] + i2_ * (s)->b_strides[2]; \
                    const int8_t *end_ = ar + n3_; \
                    for (; ar != end_; ++ar, br += bs_) { \
                        *(out)++ = (int8_t)mb_clamp(mb_rq_apply_fast((value), &(q)), (lo), (hi)); \
                    } \
                } \
            } \
        } \
    } while (0)
#endif
