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
	MtDtype		implied;		/* bool or complex128 when the elements say so
								 * (see mt_text_dtype), else
								 * MT_DTYPE_INVALID */
	int			ndim;
	int64_t		dims[MT_MAX_DIMS];
	int64_t		count;			/* numbers in the body */
	size_t		body_offset;	/* where the body starts in the input */
} MtTextShape;

extern MtStatus mt_text_scan(const char *input, MtTextShape *shape,
							 MtError *err);
extern MtStatus mt_text_fill(const char *input, const MtTextShape *shape,
							 MtDtype dtype, void *data, MtError *err);

/*
 * The dtype of a literal: its header's, else the column's (typmod >= 0),
 * else the one its elements imply (true/false only: bool; a complex
 * element: complex128, as numpy.array infers), else float64.
 */
static inline MtDtype
mt_text_dtype(const MtTextShape *shape, int typmod)
{
	if (shape->dtype != MT_DTYPE_INVALID)
		return shape->dtype;
	if (typmod >= 0)
		return (MtDtype) typmod;
	if (shape->implied != MT_DTYPE_INVALID)
		return shape->implied;
	return MT_FLOAT64;
}

#endif							/* MARSQL_TENSOR_TEXT_H */
