/* Window parameters shared by the int8 pooling kernels; padded cells are skipped. */
typedef struct {
    int32_t batches, in_h, in_w, c, out_h, out_w;
    int32_t k_h, k_w, stride_h, stride_w, pad_top, pad_left;
    int32_t act_min, act_max;
} mb_pool_params_t;
