/*
 * random.h
 *	  Pure C seeded random numbers that are bit-for-bit the same on every
 *	  machine: xoshiro256** seeded through splitmix64, uniform floats from
 *	  the top bits, and normal deviates by Marsaglia's polar method using a
 *	  logarithm built from IEEE-exact operations only (no libm).
 */
#ifndef MARSQL_RANDOM_H
#define MARSQL_RANDOM_H

#include <stdbool.h>
#include <stdint.h>

typedef struct MtRng
{
	uint64_t	s[4];
	bool		has_spare;		/* polar method makes normals in pairs */
	double		spare;
} MtRng;

extern void mt_rng_seed(MtRng *rng, uint64_t seed);
extern uint64_t mt_rng_next(MtRng *rng);
extern void mt_fill_uniform_f64(MtRng *rng, double *out, int64_t n);
extern void mt_fill_uniform_f32(MtRng *rng, float *out, int64_t n);
extern void mt_fill_normal_f64(MtRng *rng, double *out, int64_t n);
extern void mt_fill_normal_f32(MtRng *rng, float *out, int64_t n);
extern double mt_portable_log(double x);

#endif							/* MARSQL_RANDOM_H */
