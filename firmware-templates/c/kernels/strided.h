/* The layout operators (Transpose, StridedSlice, Concatenation, PadV2) as one walk over a box of up to six
 * dimensions: out[out_offset + sum(i_d * out_strides[d])] = in[in_offset + sum(i_d * in_strides[d])], values
 * unchanged (exact). With fill_size > 0 the first fill_size output bytes are set to fill before the walk (PadV2's
 * border). The compiler drops size-1 dimensions and merges contiguous ones, so the innermost dimension is one memcpy
 * wherever both tensors are contiguous there. */
typedef struct {
    int32_t dims[6], in_strides[6], out_strides[6];
    int32_t in_offset, out_offset, fill_size, fill;
} mb_strided_params_t;

MB_KERNEL void mb_strided_copy_s8(const mb_strided_params_t *p, const int8_t *in, int8_t *out)
{
    const int32_t *n = p->dims, *si = p->in_strides, *so = p->out_strides;
    const int32_t run = n[5], step_in = si[5], step_out = so[5];
    int32_t i0, i1, i2, i3, i4, i5;
    if (p->fill_size > 0) {
        memset(out, p->fill, (size_t)p->fill_size);
    }
    for (i0 = 0; i0 < n[0]; ++i0) {
        for (i1 = 0; i1 < n[1]; ++i1) {
            for (i2 = 0; i2 < n[2]; ++i2) {
                for (i3 = 0; i3 < n[3]; ++i3) {
                    for (i4 = 0; i4 < n[4]; ++i4) {
                        const int8_t *a = in + p->in_offset + i0 * si[0] + i1 * si[1] + i2 * si[2] + i3 * si[3] + i4 * si[4];
                        int8_t *b = out + p->out_offset + i0 * so[0] + i1 * so[1] + i2 * so[2] + i3 * so[3] + i4 * so[4];
                        if (step_in == 1 && step_out == 1) {
                            memcpy(b, a, (size_t)run);
                        } else {
                            for (i5 = 0; i5 < run; ++i5) {
                                b[i5 * step_out] = a[i5 * step_in];
                            }
                        }
                    }
                }
            }
        }
    }
}
