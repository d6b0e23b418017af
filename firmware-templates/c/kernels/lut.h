/* Elementwise int8 -> int8 function through a 256-entry table indexed by (x + 128). The compiler fills the table by
 * running the reference int8 kernel (hard-sigmoid, hard-swish, logistic, relu, requantize...) on all 256 inputs,
 * so the result is bit-identical to the reference and costs one load per element. */
typedef struct {
    int32_t size;
    const int8_t *table;
} mb_lut_params_t;

MB_KERNEL void mb_lut_s8(const mb_lut_params_t *p, const int8_t *in, int8_t *out)
{
    int32_t i;
    for (i = 0; i < p->size; ++i) {
        out[i] = p->table[in[i] + 128];
    }
}
