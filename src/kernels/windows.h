/*
 * windows.h
 *	  numpy's window functions: bartlett, blackman, hamming, hanning and
 *	  kaiser, M float64 values computed as numpy computes them.  Pure C.
 */
#ifndef MARSQL_WINDOWS_H
#define MARSQL_WINDOWS_H

#include <stdint.h>

typedef enum MtWindow
{
	MT_WINDOW_BARTLETT,
	MT_WINDOW_BLACKMAN,
	MT_WINDOW_HAMMING,
	MT_WINDOW_HANNING,
	MT_WINDOW_KAISER
} MtWindow;

/*
 * out[0 .. count-1] = points start .. start+count-1 of the m-point window
 * (m >= 1; the caller steps through long windows to poll for cancels);
 * beta is kaiser's only
 */
extern void mt_window(MtWindow kind, int64_t m, double beta, int64_t start,
					  int64_t count, double *out);

#endif							/* MARSQL_WINDOWS_H */
