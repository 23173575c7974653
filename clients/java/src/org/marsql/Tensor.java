/*
 * Tensor.java: a marsql.tensor value in Java, every dtype, and its binary
 * form.
 *
 * The binary form (docs/tensor.md, "Binary format"), big-endian:
 * version u8 (1: float32/float64, 2: every dtype), dtype u8 (codes below),
 * ndim u8, flags u8 = 0, ndim int32 extents, then the elements in C
 * (row-major) order; complex elements are the real part, then the imaginary
 * part.  float32 and float64 are written as version 1 (readable by marsql
 * 0.1), the other dtypes as version 2; both versions are read.  With pgjdbc,
 * send it with setBytes on marsql.from_binary(?) and read it with getBytes
 * of marsql.to_binary(column): exact (NaN, infinities, -0, every integer)
 * and about ten times cheaper than the text form.  Depends on the JDK only.
 *
 * Java representation, one primitive array per dtype (C order):
 *   bool boolean[], int8 byte[], int16 short[], int32 int[], int64 long[],
 *   uint8 byte[] (the bits; uint8s() gives the values 0..255 as int[]),
 *   float16 short[] (the IEEE binary16 bits; floats() widens exactly,
 *   ofFloat16(float[]) rounds to nearest even), float32 float[],
 *   float64 double[], complex64 float[] and complex128 double[] with real
 *   and imaginary parts interleaved (re0, im0, re1, im1, ...).
 */
package org.marsql;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

public final class Tensor {
	/* dtype codes of the binary form */
	public static final int FLOAT32 = 1;
	public static final int FLOAT64 = 2;
	public static final int BOOL = 3;
	public static final int INT8 = 4;
	public static final int INT16 = 5;
	public static final int INT32 = 6;
	public static final int INT64 = 7;
	public static final int UINT8 = 8;
	public static final int FLOAT16 = 9;
	public static final int COMPLEX64 = 10;
	public static final int COMPLEX128 = 11;
	public static final int MAX_NDIM = 32;

	private static final String[] NAMES = {null, "float32", "float64", "bool", "int8", "int16", "int32",
		"int64", "uint8", "float16", "complex64", "complex128"};
	/* bytes per element in the binary form */
	private static final int[] SIZES = {0, 4, 8, 1, 1, 2, 4, 8, 1, 2, 8, 16};

	private final int dtype;
	private final int[] shape;
	private final Object data;     // the primitive array of the dtype, see above
	private final int size;        // number of elements

	private Tensor(int dtype, int[] shape, Object data) {
		if (shape.length > MAX_NDIM)
			throw new IllegalArgumentException("marsql.tensor has at most 32 dimensions, not " + shape.length);
		long n = 1;
		for (int d : shape) {
			if (d < 0)
				throw new IllegalArgumentException("negative extent in " + Arrays.toString(shape));
			n *= d;
			if (n > Integer.MAX_VALUE)
				throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large for Java arrays");
		}
		int have = java.lang.reflect.Array.getLength(data);
		int per = isComplex(dtype) ? 2 : 1;
		if (n * per != have)
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n * per
					+ " array elements, not " + have);
		this.dtype = dtype;
		this.shape = shape.clone();
		this.data = data;
		this.size = (int) n;
	}

	/** A float32 tensor of the given shape; data in C order. */
	public static Tensor of(float[] data, int... shape) { return new Tensor(FLOAT32, shape, data); }
	/** A float64 tensor of the given shape; data in C order. */
	public static Tensor of(double[] data, int... shape) { return new Tensor(FLOAT64, shape, data); }
	/** A bool tensor. */
	public static Tensor of(boolean[] data, int... shape) { return new Tensor(BOOL, shape, data); }
	/** An int8 tensor (numpy's int8, 8 bits). */
	public static Tensor of(byte[] data, int... shape) { return new Tensor(INT8, shape, data); }
	/** An int16 tensor. */
	public static Tensor of(short[] data, int... shape) { return new Tensor(INT16, shape, data); }
	/** An int32 tensor. */
	public static Tensor of(int[] data, int... shape) { return new Tensor(INT32, shape, data); }
	/** An int64 tensor (exact, beyond 2^53 too). */
	public static Tensor of(long[] data, int... shape) { return new Tensor(INT64, shape, data); }
	/** A uint8 tensor from its bits: byte -1 is the value 255. */
	public static Tensor ofUint8(byte[] bits, int... shape) { return new Tensor(UINT8, shape, bits); }

	/** A uint8 tensor from values 0..255. */
	public static Tensor ofUint8(int[] values, int... shape) {
		byte[] b = new byte[values.length];
		for (int i = 0; i < b.length; i++) {
			if (values[i] < 0 || values[i] > 255)
				throw new IllegalArgumentException("value " + values[i] + " is out of range for uint8");
			b[i] = (byte) values[i];
		}
		return new Tensor(UINT8, shape, b);
	}

	/** A float16 tensor from IEEE binary16 bits. */
	public static Tensor ofFloat16Bits(short[] bits, int... shape) { return new Tensor(FLOAT16, shape, bits); }

	/** A float16 tensor; each value rounded to nearest even (as numpy's astype; above 65519.99 is infinity). */
	public static Tensor ofFloat16(float[] values, int... shape) {
		short[] b = new short[values.length];
		for (int i = 0; i < b.length; i++)
			b[i] = halfFromDouble(values[i]);
		return new Tensor(FLOAT16, shape, b);
	}

	/** A complex64 tensor; parts interleaved (re, im, re, im, ...), 2 * size floats. */
	public static Tensor ofComplex64(float[] interleaved, int... shape) {
		return new Tensor(COMPLEX64, shape, interleaved);
	}

	/** A complex128 tensor; parts interleaved (re, im, re, im, ...), 2 * size doubles. */
	public static Tensor ofComplex128(double[] interleaved, int... shape) {
		return new Tensor(COMPLEX128, shape, interleaved);
	}

	public int dtype() { return dtype; }
	/** numpy's name of the dtype, as marsql.dtype(t) answers */
	public String dtypeName() { return NAMES[dtype]; }
	public int[] shape() { return shape.clone(); }
	public int ndim() { return shape.length; }
	/** the number of elements (a complex element counts once) */
	public int size() { return size; }

	public static boolean isComplex(int dtype) { return dtype == COMPLEX64 || dtype == COMPLEX128; }

	/** numpy's name of a dtype code */
	public static String dtypeName(int dtype) {
		if (dtype < 1 || dtype >= NAMES.length)
			throw new IllegalArgumentException("unknown dtype code " + dtype);
		return NAMES[dtype];
	}

	/** the dtype code of numpy's name (as the server writes it), or -1 */
	public static int dtypeCode(String name) {
		for (int i = 1; i < NAMES.length; i++)
			if (NAMES[i].equals(name))
				return i;
		return -1;
	}

	/** the element array itself (no copy): boolean[], byte[], short[], int[], long[], float[] or double[] */
	public Object data() { return data; }

	/** float32 elements; float16 widened (a new array, exact); else null */
	public float[] floats() {
		if (dtype == FLOAT32)
			return (float[]) data;
		if (dtype == FLOAT16) {
			short[] h = (short[]) data;
			float[] f = new float[h.length];
			for (int i = 0; i < f.length; i++)
				f[i] = halfToFloat(h[i]);
			return f;
		}
		return null;
	}
	/** float64 elements, or null for another dtype */
	public double[] doubles() { return dtype == FLOAT64 ? (double[]) data : null; }
	/** bool elements, or null */
	public boolean[] booleans() { return dtype == BOOL ? (boolean[]) data : null; }
	/** int8 elements, the bits of uint8 elements, or null */
	public byte[] bytes() { return dtype == INT8 || dtype == UINT8 ? (byte[]) data : null; }
	/** int16 elements, or null */
	public short[] shorts() { return dtype == INT16 ? (short[]) data : null; }
	/** int32 elements, or null */
	public int[] ints() { return dtype == INT32 ? (int[]) data : null; }
	/** int64 elements, or null */
	public long[] longs() { return dtype == INT64 ? (long[]) data : null; }
	/** float16 bits, or null */
	public short[] float16Bits() { return dtype == FLOAT16 ? (short[]) data : null; }
	/** complex64 parts interleaved (re, im, ...), or null */
	public float[] complex64() { return dtype == COMPLEX64 ? (float[]) data : null; }
	/** complex128 parts interleaved (re, im, ...), or null */
	public double[] complex128() { return dtype == COMPLEX128 ? (double[]) data : null; }

	/** uint8 values 0..255 (a new array), or null */
	public int[] uint8s() {
		if (dtype != UINT8)
			return null;
		byte[] b = (byte[]) data;
		int[] v = new int[b.length];
		for (int i = 0; i < v.length; i++)
			v[i] = b[i] & 0xff;
		return v;
	}

	/**
	 * Element i (C order) of a real dtype as a double: bool is 0 or 1, int64
	 * beyond 2^53 rounds.  Complex dtypes: use complex64()/complex128().
	 */
	public double getDouble(int i) {
		switch (dtype) {
			case FLOAT32: return ((float[]) data)[i];
			case FLOAT64: return ((double[]) data)[i];
			case BOOL: return ((boolean[]) data)[i] ? 1 : 0;
			case INT8: return ((byte[]) data)[i];
			case UINT8: return ((byte[]) data)[i] & 0xff;
			case INT16: return ((short[]) data)[i];
			case INT32: return ((int[]) data)[i];
			case INT64: return ((long[]) data)[i];
			case FLOAT16: return halfToFloat(((short[]) data)[i]);
			default: throw new IllegalStateException(NAMES[dtype] + " elements have two parts");
		}
	}

	/** the binary form, as marsql.from_binary(bytea) and COPY binary read it */
	public byte[] toBinary() {
		int n = size;
		ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + n * SIZES[dtype]);
		b.order(ByteOrder.BIG_ENDIAN);
		b.put((byte) (dtype == FLOAT32 || dtype == FLOAT64 ? 1 : 2)).put((byte) dtype)
			.put((byte) shape.length).put((byte) 0);
		for (int d : shape)
			b.putInt(d);
		switch (dtype) {
			case FLOAT32:
			case COMPLEX64:
				b.asFloatBuffer().put((float[]) data);      // raw IEEE bits: NaN, -0 kept
				break;
			case FLOAT64:
			case COMPLEX128:
				b.asDoubleBuffer().put((double[]) data);
				break;
			case BOOL:
				for (boolean v : (boolean[]) data)
					b.put((byte) (v ? 1 : 0));
				break;
			case INT8:
			case UINT8:
				b.put((byte[]) data);
				break;
			case INT16:
			case FLOAT16:
				b.asShortBuffer().put((short[]) data);
				break;
			case INT32:
				b.asIntBuffer().put((int[]) data);
				break;
			case INT64:
				b.asLongBuffer().put((long[]) data);
				break;
			default:
				throw new IllegalStateException("dtype " + dtype);
		}
		return b.array();
	}

	/** parses the binary form (marsql.to_binary(tensor), COPY binary), version 1 or 2 */
	public static Tensor fromBinary(byte[] bytes) {
		if (bytes.length < 4)
			throw new IllegalArgumentException("invalid binary tensor: " + bytes.length + " bytes");
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
		int version = b.get() & 0xff, dtype = b.get() & 0xff, ndim = b.get() & 0xff, flags = b.get() & 0xff;
		if (version != 1 && version != 2)
			throw new IllegalArgumentException("invalid binary tensor: format version " + version);
		if (dtype < 1 || dtype >= NAMES.length || (version == 1 && dtype > FLOAT64))
			throw new IllegalArgumentException("invalid binary tensor: dtype code " + dtype + " in version " + version);
		if (ndim > MAX_NDIM || flags != 0 || bytes.length < 4 + 4 * ndim)
			throw new IllegalArgumentException("invalid binary tensor header");
		int[] shape = new int[ndim];
		long n = 1;
		for (int i = 0; i < ndim; i++) {
			shape[i] = b.getInt();
			if (shape[i] < 0)
				throw new IllegalArgumentException("invalid binary tensor: negative extent");
			n *= shape[i];
			if (n > Integer.MAX_VALUE)
				throw new IllegalArgumentException("invalid binary tensor: too many elements");
		}
		if (bytes.length != 4 + 4L * ndim + n * SIZES[dtype])
			throw new IllegalArgumentException("invalid binary tensor: " + bytes.length + " bytes for "
					+ NAMES[dtype] + " shape " + Arrays.toString(shape));
		int k = (int) n;
		Object data;
		switch (dtype) {
			case FLOAT32: { float[] v = new float[k]; b.asFloatBuffer().get(v); data = v; break; }
			case COMPLEX64: { float[] v = new float[2 * k]; b.asFloatBuffer().get(v); data = v; break; }
			case FLOAT64: { double[] v = new double[k]; b.asDoubleBuffer().get(v); data = v; break; }
			case COMPLEX128: { double[] v = new double[2 * k]; b.asDoubleBuffer().get(v); data = v; break; }
			case BOOL: {
				boolean[] v = new boolean[k];
				for (int i = 0; i < k; i++) {
					byte x = b.get();
					if (x != 0 && x != 1)
						throw new IllegalArgumentException("invalid binary tensor: bool byte " + (x & 0xff));
					v[i] = x == 1;
				}
				data = v;
				break;
			}
			case INT8:
			case UINT8: { byte[] v = new byte[k]; b.get(v); data = v; break; }
			case INT16:
			case FLOAT16: { short[] v = new short[k]; b.asShortBuffer().get(v); data = v; break; }
			case INT32: { int[] v = new int[k]; b.asIntBuffer().get(v); data = v; break; }
			case INT64: { long[] v = new long[k]; b.asLongBuffer().get(v); data = v; break; }
			default: throw new IllegalStateException("dtype " + dtype);
		}
		return new Tensor(dtype, shape, data);
	}

	/** IEEE binary16 bits to float, exactly (NaN payloads kept) */
	public static float halfToFloat(short bits) {
		int h = bits & 0xffff;
		int sign = (h & 0x8000) << 16, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
		if (exp == 0) {
			float v = mant * 0x1p-24f;     // zero and subnormals, exact
			return sign != 0 ? -v : v;
		}
		if (exp == 31)
			return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
		return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
	}

	/** a double rounded to the nearest binary16 (ties to even), as numpy's float16(x) */
	public static short halfFromDouble(double d) {
		int sign = (Double.doubleToRawLongBits(d) < 0) ? 0x8000 : 0;
		if (Double.isNaN(d))
			return (short) (sign | 0x7e00);
		double a = Math.abs(d);
		if (a >= 65520.0)                       // halfway to 65536 and above: infinity
			return (short) (sign | 0x7c00);
		if (a < 0x1p-14) {                      // subnormal (or 1024: the smallest normal)
			return (short) (sign | (int) Math.rint(a * 0x1p24));
		}
		int e = Math.getExponent(a);
		int m = (int) Math.rint((a / Math.scalb(1.0, e) - 1.0) * 1024.0);
		if (m == 1024) {
			m = 0;
			e++;
		}
		return (short) (sign | ((e + 15) << 10) | m);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Tensor))
			return false;
		Tensor t = (Tensor) o;
		// bitwise, as Arrays.equals does: NaN equals NaN, -0 differs from 0
		return dtype == t.dtype && Arrays.equals(shape, t.shape)
				&& Arrays.deepEquals(new Object[] {data}, new Object[] {t.data});
	}

	@Override
	public int hashCode() {
		return (Arrays.hashCode(shape) * 31 + Arrays.deepHashCode(new Object[] {data})) * 31 + dtype;
	}

	@Override
	public String toString() {
		return NAMES[dtype] + Arrays.toString(shape);
	}
}
