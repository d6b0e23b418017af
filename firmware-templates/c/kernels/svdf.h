/* SVDF, one streaming step: int8 input and output, int16 time weights and int16 state (docs/INT8.md, Svdf); TFLite
 * Micro's int8 variant (int8 time weights and state) runs here too, its weights widened to int16 and its state held in
 * int16 slots, with state_min/state_max -128/127 and state_8bit set so a new entry keeps 8 bits as the reference's. The
 * state [batches, filters, memory] moves one element towards its start, each filter's requantized feature dot product
 * becomes its newest entry, and each unit outputs its rank filters' time dot products plus bias, requantized. Sums
 * wrap like the reference's int32 adds (done in uint32 so they are defined C). */
typedef struct {
    int32_t batches, in_n, filters, memory, rank;
    int32_t in_zp, state_zp, out_zp;
    int32_t state_min, state_max, state_8bit;
    int32_t feature_mult, feature_shift, out_mult, out_shift;
    const int8_t *weights_feature;
    const int16_t *weights_time;
    const int32_t *bias; /* NULL: no bias */
} mb_svdf_params_t;

MB_KERNEL void mb_svdf_s8(const mb_svdf_params_t *p, const int8_t *in, int16_t *state, int8_t *out)
{
    const int32_t units = p->filters / p->rank;
    const int32_t per_batch = p->filters * p->memory;
    int32_t b, f, u, k, i, j;
    memmove(state, state + 1, (size_t)(p->batches * per_batch - 1) * sizeof(int16_t));
    for (b = 0; b < p->batches; ++b) {
        const int8_t *x = in + b * p->in_n;
        int16_t *s_b = state + b * per_batch;
        const int8_t *w = p->weights_feature;
        for (f = 0; f < p->filters; ++f, w += p->in_n) {
            uint32_t dot = 0;
            for (i = 0; i < p->in_n; ++i) {
                dot += (uint32_t)((int32_t)w[i] * ((int32_t)x[i] - p->in_zp));
            }
            {
                const int32_t v = p->state_zp + mb_clamp(mb_mul_by_qm((int32_t)dot, p->feature_mult, p->feature_shift), p->state_min, p->state_max);
                s_b[f * p->memory + p->memory - 1] = p->state_8bit ? (int16_t)(int8_t)v : (int16_t)v;
            }
        }
        for (u = 0; u < units; ++u) {
            uint32_t acc = p->bias != NULL ? (uint32_t)p->bias[u] : 0u;
            for (k = 0; k < p->rank; ++k) {
                const int32_t row = (u * p->rank + k) * p->memory;
                const int16_t *wt = p->weights_time + row;
                const int16_t *s = s_b + row;
                for (j = 0; j < p->memory; ++j) {
                    acc += (uint32_t)wt[j] * (uint32_t)((int32_t)s[j] - p->state_zp);
                }
            }
            out[b * units + u] = mb_requant((int32_t)acc, p->out_mult, p->out_shift, p->out_zp, -128, 127);
        }
    }
}
