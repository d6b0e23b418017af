/* Pointwise (1x1, stride 1, no padding) int8 convolution: every pixel's channels are already one contiguous
 * OHWI-shaped patch, so each pixel is widened into `patch` and is a single matrix-vector product. */
typedef struct {
    int32_t pixels, in_c, k_pad, out_c;
    int32_t out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_conv1x1_params_t;

MB_KERNEL void mb_conv1x1_s8(const mb_conv1x1_params_t *p, const int8_t *in, int8_t *out, int16_t *patch)
{
#if MB_SCALAR_CORE
    mb_matmul_s8(in, p->pixels, p->in_c, p->weights, p->k_pad, p->out_c, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out, patch);
#else
    int32_t px;
    for (px = 0; px < p->pixels; ++px, in += p->in_c, out += p->out_c) {
        mb_widen_s8(patch, in, p->in_c);
        mb_gemv_s8(patch, p->weights, p->k_pad, p->out_c, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out);
    }
#endif
}

/* MB_CONV1X1_FIXED(K, KP) names the kernel of a pointwise convolution of depth K and row stride KP: a copy of the
 * 4 x 4 matrix multiply specialized to those constants, defined once per depth by MB_CONV1X1_FIXED_DEFINE where
 * fixed shapes are on (see MB_FIXED_SHAPES), otherwise the shared mb_conv1x1_s8. */
#if MB_FIXED_SHAPES
#define MB_CONV1X1_FIXED_DEFINE(K, KP) \
    MB_FIXED_KERNEL void mb_conv1x1_k##K##_##KP(const mb_conv1x1_params_t *p, const int8_t *in, int8_t *out, int16_t *patch) \
    { \
        mb_matmul_4x4_s8(in, p->pixels, p->weights, p->out_c, p->bias, p->mult, p->shift, p->out_zp, p->act_min, p->act_max, out, patch, K, KP); \
    }
#define MB_CONV1X1_FIXED(K, KP) mb_conv1x1_k##K##_##KP
#else
#define MB_CONV1X1_FIXED_DEFINE(K, KP)
#define MB_CONV1X1_FIXED(K, KP) mb_conv1x1_s8
#endif
