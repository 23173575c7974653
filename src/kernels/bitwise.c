/*
 * bitwise.c
 *	  Bitwise ufuncs, packbits/unpackbits and binary_repr (see bitwise.h).
 *	  Lanes are computed in uint64_t so every shift and wrap is defined
 *	  behaviour, then wrapped back to the dtype's width.
 */
#include "bitwise.h"

#include <string.h>

#include "elementwise.h"

#define POLL_EVERY(i) \
	(poll != NULL && ((i) & (MT_POLL_ELEMENTS - 1)) == 0 && (i) > 0 && poll(poll_arg))

MtIntLane
mt_int_lane(MtDtype dtype)
{
	MtIntLane	lane;

	lane.is_unsigned = false;
	switch (dtype)
	{
		case MT_BOOL:
			lane.bits = 1;
			lane.is_unsigned = true;
			break;
		case MT_UINT8:
			lane.bits = 8;
			lane.is_unsigned = true;
			break;
		case MT_INT8:
			lane.bits = 8;
			break;
		case MT_INT16:
			lane.bits = 16;
			break;
		case MT_INT32:
			lane.bits = 32;
			break;
		default:
			lane.bits = 64;
			break;
	}
	return lane;
}

int64_t
mt_int_wrap(uint64_t v, MtIntLane lane)
{
	uint64_t	mask;

	if (lane.bits >= 64)
		return (int64_t) v;
	mask = (UINT64_C(1) << lane.bits) - 1;
	v &= mask;
	if (!lane.is_unsigned && (v >> (lane.bits - 1)) != 0)
		v |= ~mask;
	return (int64_t) v;
}

/* numpy's npy_lshift: a count outside 0 .. bits-1 gives 0 */
static inline int64_t
lshift(int64_t a, int64_t b, MtIntLane lane)
{
	if ((uint64_t) b < (uint64_t) lane.bits)
		return mt_int_wrap((uint64_t) a << b, lane);
	return 0;
}

/* numpy's npy_rshift: a count outside 0 .. bits-1 gives the sign */
static inline int64_t
rshift(int64_t a, int64_t b, MtIntLane lane)
{
	if ((uint64_t) b < (uint64_t) lane.bits)
	{
		/* arithmetic shift without relying on signed >> */
		if (a < 0)
			return (int64_t) ~((~(uint64_t) a) >> b);
		return (int64_t) ((uint64_t) a >> b);
	}
	return a < 0 ? -1 : 0;
}

MtStatus
mt_bitwise(MtBitOp op, MtIntLane lane, const int64_t *a, const int64_t *b,
		   int64_t *c, int64_t n, MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		switch (op)
		{
			case MT_BIT_AND:
				c[i] = a[i] & b[i];
				break;
			case MT_BIT_OR:
				c[i] = a[i] | b[i];
				break;
			case MT_BIT_XOR:
				c[i] = a[i] ^ b[i];
				break;
			case MT_BIT_LEFT_SHIFT:
				c[i] = lshift(a[i], b[i], lane);
				break;
			case MT_BIT_RIGHT_SHIFT:
				c[i] = rshift(a[i], b[i], lane);
				break;
		}
	}
	return MT_OK;
}

MtStatus
mt_invert(MtIntLane lane, const int64_t *src, int64_t *dst, int64_t n,
		  MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		dst[i] = mt_int_wrap(~(uint64_t) src[i], lane);
	}
	return MT_OK;
}

MtStatus
mt_bitwise_count(const int64_t *src, uint8_t *dst, int64_t n, MtPollFn poll,
				 void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		uint64_t	v = src[i] < 0 ? 0 - (uint64_t) src[i] : (uint64_t) src[i];

		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		dst[i] = (uint8_t) __builtin_popcountll(v);
	}
	return MT_OK;
}

MtStatus
mt_packbits(const uint8_t *src, int64_t outer, int64_t len, int64_t inner,
			bool little, uint8_t *dst, MtPollFn poll, void *poll_arg)
{
	int64_t		nbytes = (len + 7) / 8;

	for (int64_t o = 0; o < outer; o++)
	{
		if (poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		for (int64_t k = 0; k < nbytes; k++)
			for (int64_t j = 0; j < inner; j++)
			{
				uint8_t		byte = 0;

				if (POLL_EVERY(k * inner + j))
					return MT_ERR_CANCELED;

				for (int bit = 0; bit < 8 && k * 8 + bit < len; bit++)
					if (src[(o * len + k * 8 + bit) * inner + j])
						byte |= (uint8_t) (little ? 1u << bit : 0x80u >> bit);
				dst[(o * nbytes + k) * inner + j] = byte;
			}
	}
	return MT_OK;
}

MtStatus
mt_unpackbits(const uint8_t *src, int64_t outer, int64_t len, int64_t inner,
			  int64_t count, bool little, uint8_t *dst, MtPollFn poll,
			  void *poll_arg)
{
	for (int64_t o = 0; o < outer; o++)
	{
		if (poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		for (int64_t k = 0; k < count; k++)
			for (int64_t j = 0; j < inner; j++)
			{
				uint8_t		v = 0;

				if (POLL_EVERY(k * inner + j))
					return MT_ERR_CANCELED;

				if (k / 8 < len)
				{
					uint8_t		byte = src[(o * len + k / 8) * inner + j];
					int			bit = (int) (k % 8);

					v = (uint8_t) ((little ? byte >> bit : byte >> (7 - bit)) & 1);
				}
				dst[(o * count + k) * inner + j] = v;
			}
	}
	return MT_OK;
}

bool
mt_binary_repr(int64_t num, int width, char *buf)
{
	uint64_t	mag;
	int			len = 0;
	char		digits[65];

	if (width < 0)
	{
		mag = num < 0 ? 0 - (uint64_t) num : (uint64_t) num;
		do
		{
			digits[len++] = (char) ('0' + (mag & 1));
			mag >>= 1;
		} while (mag != 0);
		if (num < 0)
			*buf++ = '-';
		while (len > 0)
			*buf++ = digits[--len];
		*buf = '\0';
		return true;
	}
	if (num >= 0)
	{
		mag = (uint64_t) num;
		do
		{
			digits[len++] = (char) ('0' + (mag & 1));
			mag >>= 1;
		} while (mag != 0);
		if (len > width && !(num == 0 && width == 0))
			return false;
	}
	else
	{
		/* two's complement in width bits: -num must be at most 2^(width-1) */
		uint64_t	neg = 0 - (uint64_t) num;

		if (width == 0 || (width <= 64 && neg > (UINT64_C(1) << (width - 1))))
			return false;
		mag = (uint64_t) num;
		for (int k = width - 1; k >= 0; k--)
			*buf++ = k >= 64 ? '1' : (char) ('0' + ((mag >> k) & 1));
		*buf = '\0';
		return true;
	}
	for (int i = len; i < width; i++)
		*buf++ = '0';
	while (len > 0)
		*buf++ = digits[--len];
	*buf = '\0';
	return true;
}
