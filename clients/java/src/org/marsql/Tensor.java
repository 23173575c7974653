/*
 * Tensor.java: a marsql.tensor value in Java, and its binary form.
 *
 * The binary form (docs/tensor.md, "Binary format"), version 1, big-endian:
 * version u8 = 1, dtype u8 (1 float32, 2 float64), ndim u8, flags u8 = 0,
 * ndim int32 extents, then the elements in C (row-major) order.  With
 * pgjdbc, send it with setBytes on marsql.from_binary(?) and read it with
 * getBytes of marsql.to_binary(column): exact (NaN, infinities, -0) and
 * about ten times cheaper than the text form.  Depends on the JDK only.
 */
package org.marsql;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

public final class Tensor {
	public static final int FLOAT32 = 1;
	public static final int FLOAT64 = 2;
	public static final int MAX_NDIM = 32;

	private final int dtype;
	private final int[] shape;
	private final float[] f32;
	private final double[] f64;

	private Tensor(int dtype, int[] shape, float[] f32, double[] f64) {
		if (shape.length > MAX_NDIM)
			throw new IllegalArgumentException("marsql.tensor has at most 32 dimensions, not " + shape.length);
		long n = 1;
		for (int d : shape) {
			if (d < 0)
				throw new IllegalArgumentException("negative extent in " + Arrays.toString(shape));
			n *= d;
		}
		long have = f32 != null ? f32.length : f64.length;
		if (n != have)
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
					+ " elements, not " + have);
		this.dtype = dtype;
		this.shape = shape.clone();
		this.f32 = f32;
		this.f64 = f64;
	}

	/** A float32 tensor of the given shape; data in C order. */
	public static Tensor of(float[] data, int... shape) {
		return new Tensor(FLOAT32, shape, data, null);
	}

	/** A float64 tensor of the given shape; data in C order. */
	public static Tensor of(double[] data, int... shape) {
		return new Tensor(FLOAT64, shape, null, data);
	}

	public int dtype() { return dtype; }
	public int[] shape() { return shape.clone(); }
	/** float32 elements, or null for a float64 tensor */
	public float[] floats() { return f32; }
	/** float64 elements, or null for a float32 tensor */
	public double[] doubles() { return f64; }

	/** the binary form, as marsql.from_binary(bytea) and COPY binary read it */
	public byte[] toBinary() {
		int n = f32 != null ? f32.length : f64.length;
		ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + n * (dtype == FLOAT32 ? 4 : 8));
		b.order(ByteOrder.BIG_ENDIAN);
		b.put((byte) 1).put((byte) dtype).put((byte) shape.length).put((byte) 0);
		for (int d : shape)
			b.putInt(d);
		if (f32 != null)
			b.asFloatBuffer().put(f32);     // raw IEEE bits: NaN, -0 kept
		else
			b.asDoubleBuffer().put(f64);
		return b.array();
	}

	/** parses the binary form (marsql.to_binary(tensor), COPY binary) */
	public static Tensor fromBinary(byte[] data) {
		if (data.length < 4)
			throw new IllegalArgumentException("invalid binary tensor: " + data.length + " bytes");
		ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
		int version = b.get() & 0xff, dtype = b.get() & 0xff, ndim = b.get() & 0xff, flags = b.get() & 0xff;
		if (version != 1)
			throw new IllegalArgumentException("invalid binary tensor: format version " + version);
		if (dtype != FLOAT32 && dtype != FLOAT64)
			throw new IllegalArgumentException("invalid binary tensor: dtype code " + dtype);
		if (ndim > MAX_NDIM || flags != 0 || data.length < 4 + 4 * ndim)
			throw new IllegalArgumentException("invalid binary tensor header");
		int[] shape = new int[ndim];
		long n = 1;
		for (int i = 0; i < ndim; i++) {
			shape[i] = b.getInt();
			if (shape[i] < 0)
				throw new IllegalArgumentException("invalid binary tensor: negative extent");
			n *= shape[i];
		}
		int size = dtype == FLOAT32 ? 4 : 8;
		if (data.length != 4 + 4L * ndim + n * size)
			throw new IllegalArgumentException("invalid binary tensor: " + data.length + " bytes for shape "
					+ Arrays.toString(shape));
		if (dtype == FLOAT32) {
			float[] v = new float[(int) n];
			b.asFloatBuffer().get(v);
			return of(v, shape);
		}
		double[] v = new double[(int) n];
		b.asDoubleBuffer().get(v);
		return of(v, shape);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Tensor))
			return false;
		Tensor t = (Tensor) o;
		// bitwise, as Arrays.equals does: NaN equals NaN, -0 differs from 0
		return dtype == t.dtype && Arrays.equals(shape, t.shape)
				&& Arrays.equals(f32, t.f32) && Arrays.equals(f64, t.f64);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(shape) * 31 + (f32 != null ? Arrays.hashCode(f32) : Arrays.hashCode(f64));
	}

	@Override
	public String toString() {
		return (dtype == FLOAT32 ? "float32" : "float64") + Arrays.toString(shape);
	}
}
