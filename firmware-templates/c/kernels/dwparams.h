/* Depthwise int8 convolution: NHWC input, 1HWO weights (O = in_c * depth_mult), per-channel requantization
 * (TFLite DepthwiseConvPerChannel). Channels are processed in chunks held in int32 accumulators so the inner loop
 * runs over contiguous channels (vectorizable); the zero point is folded into the bias as for conv2d. */
#define MB_DW_CHUNK 64

typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c, depth_mult;
    int32_t k_h, k_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t in_zp, out_zp, act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *mult;
    const int8_t *shift;
} mb_dwconv_params_t;
