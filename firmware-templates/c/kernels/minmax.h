/* Elementwise int8 maximum or minimum (TFLite MAXIMUM / MINIMUM): the larger or smaller stored value, no
 * rescaling (both inputs and the output share one quantization), with size-1 broadcasting. */
typedef struct {
    mb_bcast_t shape;
    int32_t is_max;
} mb_minmax_params_t;

MB_KERNEL void mb_minmax_s8(const mb_minmax_params_t *p, const int8_t *a, const int8_t *b, int8_t *out)
{
    const mb_bcast_t *s = &p->shape;
    int32_t i0, i1, i2, i3;
    for (i0 = 0; i0 < s->dims[0]; ++i0) {
        for (i1 = 0; i1 < s->dims[1]; ++i1) {
            for (i2 = 0; i2 < s->dims[2]; ++i2) {
                const int8_t *ar = a + i0 * s->a_strides[0] + i1 * s->a_strides[1] + i2 * s->a_strides[2];
                const int8_t *br = b + i0 * s->b_strides[0] + i1 * s->b_strides[1] + i2 * s->b_strides[2];
                for (i3 = 0; i3 < s->dims[3]; ++i3) {
                    const int8_t x = ar[i3 * s->a_strides[3]], y = br[i3 * s->b_strides[3]];
                    *out++ = p->is_max ? (x > y ? x : y) : (x < y ? x : y);
                }
            }
        }
    }
}
