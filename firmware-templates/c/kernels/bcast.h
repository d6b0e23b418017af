/* Four-dimensional broadcast walk shared by add and mul: dims are the output's (rank padded to 4 with leading 1s),
 * a_strides/b_strides are element strides of each operand with 0 on broadcast dimensions. */
typedef struct {
    int32_t dims[4];
    int32_t a_strides[4];
    int32_t b_strides[4];
} mb_bcast_t;
