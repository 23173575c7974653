/*
 * PGtensor.java: marsql.tensor as a pgjdbc PGobject (the text form), every
 * dtype (Tensor.java says how each is held in Java).
 *
 *   conn.unwrap(PGConnection.class).addDataType("marsql.tensor", PGtensor.class);
 *   PGtensor v = (PGtensor) rs.getObject("v");      // v.tensor() -> Tensor
 *   ps.setObject(1, new PGtensor(Tensor.of(data, 2, 3)));
 *
 * The text form is exact too (shortest round-trip decimals), but larger and
 * slower than the binary form; see Tensor.toBinary for bulk data.
 * Parsing here covers what the server writes (tensor_out).
 */
package org.marsql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.util.PGobject;

public class PGtensor extends PGobject {
	private static final long serialVersionUID = 1L;

	public PGtensor() {
		setType("marsql.tensor");
	}

	public PGtensor(Tensor t) {
		this();
		this.value = toText(t);
	}

	public Tensor tensor() throws SQLException {
		return value == null ? null : parse(value);
	}

	static String num(double v) {
		if (Double.isNaN(v)) return "NaN";
		if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
		return Double.toString(v);   // shortest repr that reads back (JDK 19+; exact on older JDKs too)
	}

	static String num(float v) {
		if (Float.isNaN(v)) return "NaN";
		if (Float.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
		return Float.toString(v);    // reads back to the same float (the server rounds once, to float32)
	}

	static String complex(String re, double im) {
		// re+imj or re-imj; a NaN or infinite imaginary part keeps its sign in front
		String s = num(Math.abs(im));
		boolean neg = Double.doubleToRawLongBits(im) < 0;
		return re + (neg ? "-" : "+") + s + "j";
	}

	/** one element, C-order index i, as the server's text input reads it */
	static String element(Tensor t, int i) {
		Object d = t.data();
		switch (t.dtype()) {
			case Tensor.FLOAT32: return num(((float[]) d)[i]);
			case Tensor.FLOAT64: return num(((double[]) d)[i]);
			case Tensor.BOOL: return ((boolean[]) d)[i] ? "true" : "false";
			case Tensor.INT8: return Byte.toString(((byte[]) d)[i]);
			case Tensor.UINT8: return Integer.toString(((byte[]) d)[i] & 0xff);
			case Tensor.INT16: return Short.toString(((short[]) d)[i]);
			case Tensor.INT32: return Integer.toString(((int[]) d)[i]);
			case Tensor.INT64: return Long.toString(((long[]) d)[i]);
			case Tensor.FLOAT16: return num(Tensor.halfToFloat(((short[]) d)[i]));   // exact in float32
			case Tensor.COMPLEX64: {
				float[] c = (float[]) d;
				return complex(num(c[2 * i]), c[2 * i + 1]);
			}
			case Tensor.COMPLEX128: {
				double[] c = (double[]) d;
				return complex(num(c[2 * i]), c[2 * i + 1]);
			}
			default: throw new IllegalStateException("dtype " + t.dtype());
		}
	}

	/** 'int64(2,3):[1,...]': the dtype, a shape header and the elements in C order */
	public static String toText(Tensor t) {
		StringBuilder s = new StringBuilder(t.dtypeName()).append('(');
		int[] shape = t.shape();
		for (int i = 0; i < shape.length; i++)
			s.append(i > 0 ? "," : "").append(shape[i]);
		s.append("):");
		int n = t.size();
		if (shape.length == 0)
			return s.append(element(t, 0)).toString();
		s.append('[');
		for (int i = 0; i < n; i++)
			s.append(i > 0 ? "," : "").append(element(t, i));
		return s.append(']').toString();
	}

	static double parseReal(String x) {
		return parseReal(x, false);
	}

	/* f32: round the decimal once, to float32 (as float4in), not through a double */
	static double parseReal(String x, boolean f32) {
		String v = x.trim();
		String l = v.toLowerCase(java.util.Locale.ROOT);
		String u = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
		double sign = l.startsWith("-") ? -1 : 1;
		if (u.equals("nan")) return Double.NaN;
		if (u.equals("inf") || u.equals("infinity")) return sign * Double.POSITIVE_INFINITY;
		return f32 ? Float.parseFloat(v) : Double.parseDouble(v);
	}

	/** a complex element re+imj or re-imj, imj or re: {re, im} */
	static double[] parseComplex(String x, boolean f32) {
		String v = x.trim();
		if (!(v.endsWith("j") || v.endsWith("J")))
			return new double[] {parseReal(v, f32), 0};
		String body = v.substring(0, v.length() - 1);
		// the sign that starts the imaginary part: the last + or - not at the start, not after an exponent 'e'
		for (int i = body.length() - 1; i > 0; i--) {
			char c = body.charAt(i), prev = body.charAt(i - 1);
			if ((c == '+' || c == '-') && prev != 'e' && prev != 'E')
				return new double[] {parseReal(body.substring(0, i), f32), parseReal(body.substring(i), f32)};
		}
		return new double[] {0, parseReal(body, f32)};
	}

	static boolean parseBool(String x) {
		String v = x.trim().toLowerCase(java.util.Locale.ROOT);
		switch (v) {
			case "true": case "t": case "1": return true;
			case "false": case "f": case "0": return false;
			default: throw new IllegalArgumentException("invalid bool " + x);
		}
	}

	/** parses the server's text output: [dtype][(shape)]:body or a nested list */
	public static Tensor parse(String text) throws SQLException {
		String s = text.trim();
		int dtype = Tensor.FLOAT64;
		int[] shape = null;
		int colon = s.indexOf(':');
		if (colon >= 0) {
			String head = s.substring(0, colon).trim();
			s = s.substring(colon + 1).trim();
			int p = head.indexOf('(');
			String name = (p < 0 ? head : head.substring(0, p)).trim();
			if (!name.isEmpty()) {
				dtype = Tensor.dtypeCode(name.toLowerCase(java.util.Locale.ROOT));
				if (dtype < 0)
					throw new SQLException("malformed tensor text: unknown dtype \"" + name + "\"", "22P02");
			}
			if (p >= 0) {
				String inner = head.substring(p + 1, head.length() - 1);
				List<Integer> dims = new ArrayList<>();
				for (String x : inner.split(","))
					if (!x.trim().isEmpty()) dims.add(Integer.parseInt(x.trim()));
				shape = dims.stream().mapToInt(Integer::intValue).toArray();
			}
		}
		int depth = 0;
		while (depth < s.length() && s.charAt(depth) == '[') depth++;
		if (shape == null) {
			// extents from the first element at each depth (the value is rectangular)
			shape = new int[depth];
			for (int k = 0; k < depth; k++) {
				int start = k, level = 0, count = 0;
				for (int i = start; i < s.length(); i++) {
					char c = s.charAt(i);
					if (c == '[') level++;
					else if (c == ']') { if (--level == 0) break; }
					else if (c == ',' && level == 1) count++;
				}
				boolean empty = s.charAt(start + 1) == ']';
				shape[k] = empty ? 0 : count + 1;
			}
		}
		String body = s.replace("[", "").replace("]", "").trim();
		String[] parts = body.isEmpty() ? new String[0] : body.split(",");
		int n = parts.length;
		try {
			switch (dtype) {
				case Tensor.FLOAT32: {
					float[] v = new float[n];
					for (int i = 0; i < n; i++) v[i] = (float) parseReal(parts[i], true);
					return Tensor.of(v, shape);
				}
				case Tensor.FLOAT64: {
					double[] v = new double[n];
					for (int i = 0; i < n; i++) v[i] = parseReal(parts[i]);
					return Tensor.of(v, shape);
				}
				case Tensor.FLOAT16: {
					short[] v = new short[n];
					for (int i = 0; i < n; i++) v[i] = Tensor.halfFromDouble(parseReal(parts[i]));
					return Tensor.ofFloat16Bits(v, shape);
				}
				case Tensor.BOOL: {
					boolean[] v = new boolean[n];
					for (int i = 0; i < n; i++) v[i] = parseBool(parts[i]);
					return Tensor.of(v, shape);
				}
				case Tensor.INT8: {
					byte[] v = new byte[n];
					for (int i = 0; i < n; i++) v[i] = Byte.parseByte(parts[i].trim());
					return Tensor.of(v, shape);
				}
				case Tensor.UINT8: {
					int[] v = new int[n];
					for (int i = 0; i < n; i++) v[i] = Integer.parseInt(parts[i].trim());
					return Tensor.ofUint8(v, shape);
				}
				case Tensor.INT16: {
					short[] v = new short[n];
					for (int i = 0; i < n; i++) v[i] = Short.parseShort(parts[i].trim());
					return Tensor.of(v, shape);
				}
				case Tensor.INT32: {
					int[] v = new int[n];
					for (int i = 0; i < n; i++) v[i] = Integer.parseInt(parts[i].trim());
					return Tensor.of(v, shape);
				}
				case Tensor.INT64: {
					long[] v = new long[n];
					for (int i = 0; i < n; i++) v[i] = Long.parseLong(parts[i].trim());
					return Tensor.of(v, shape);
				}
				case Tensor.COMPLEX64: {
					float[] v = new float[2 * n];
					for (int i = 0; i < n; i++) {
						double[] c = parseComplex(parts[i], true);
						v[2 * i] = (float) c[0];
						v[2 * i + 1] = (float) c[1];
					}
					return Tensor.ofComplex64(v, shape);
				}
				default: {
					double[] v = new double[2 * n];
					for (int i = 0; i < n; i++) {
						double[] c = parseComplex(parts[i], false);
						v[2 * i] = c[0];
						v[2 * i + 1] = c[1];
					}
					return Tensor.ofComplex128(v, shape);
				}
			}
		} catch (IllegalArgumentException e) {
			throw new SQLException("malformed tensor text: " + text, "22P02", e);
		}
	}
}
