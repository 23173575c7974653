/*
 * tensor_text.h
 *	  Pure C parser for the tensor text format.  Two passes: mt_text_scan
 *	  checks the whole literal and computes its shape without allocating;
 *	  mt_text_fill then converts the numbers into a buffer the caller sized
 *	  from that shape.
 *
 *	  literal := [ dtype ] [ '(' extents ')' ] ':' body  |  body
 *	  body    := element | '[' [ body { ',' body } ] ']'
 *	  element := real | real ('+'|'-') imag | imag | bool
 *	  real    := [+-] (digits [ '.' digits ] [ exponent ] | inf | infinity | nan)
 *	  imag    := real ('j'|'J')
 *	  bool    := true | false | t | f           (any case)
 *
 *	  The scan accepts every element form; the fill decides which forms the
 *	  dtype takes (the dtype may come from the column, which the scan does
 *	  not know): integer dtypes take [+-]digits only, converted exactly
 *	  with a range check; bool takes the words and the integers 0 and 1;
 *	  float dtypes take reals; complex dtypes take reals (imaginary part 0)
 *	  and the complex forms.  A form the dtype does not take is
 *	  MT_ERR_SYNTAX, a value outside its range MT_ERR_RANGE.
 */
#ifndef MARSQL_TENSOR_TEXT_H
#define MARSQL_TENSOR_TEXT_H

#include "tensor_layout.h"

typedef struct MtTextShape
{
	MtDtype		dtype;			/* from the header, or MT_DTYPE_INVALID */
	int			ndim;
	int64_t		dims[MT_MAX_DIMS];
	int64_t		count;			/* numbers in the body */
	size_t		body_offset;	/* where the body starts in the input */
} MtTextShape;

extern MtStatus mt_text_scan(const char *input, MtTextShape *shape,
							 MtError *err);
extern MtStatus mt_text_fill(const char *input, const MtTextShape *shape,
							 MtDtype dtype, void *data, MtError *err);

/* The range of an integer dtype (bool: 0 to 1), for range messages. */
extern int64_t mt_text_int_min(MtDtype dtype);
extern int64_t mt_text_int_max(MtDtype dtype);

#endif							/* MARSQL_TENSOR_TEXT_H */
