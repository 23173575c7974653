/*
 * PGtensor.java: marsql.tensor as a pgjdbc PGobject (the text form).
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

	/** 'float32(2,3):[1.0,...]': a shape header and the elements in C order */
	public static String toText(Tensor t) {
		StringBuilder s = new StringBuilder(t.dtype() == Tensor.FLOAT32 ? "float32(" : "float64(");
		int[] shape = t.shape();
		for (int i = 0; i < shape.length; i++)
			s.append(i > 0 ? "," : "").append(shape[i]);
		s.append("):");
		float[] f = t.floats();
		double[] d = t.doubles();
		int n = f != null ? f.length : d.length;
		if (shape.length == 0)
			return s.append(num(f != null ? f[0] : d[0])).toString();
		s.append('[');
		for (int i = 0; i < n; i++)
			s.append(i > 0 ? "," : "").append(num(f != null ? (double) f[i] : d[i]));
		return s.append(']').toString();
	}

	/** parses the server's text output: [dtype][(shape)]:body or a nested list */
	public static Tensor parse(String text) throws SQLException {
		String s = text.trim();
		boolean f32 = false;
		int[] shape = null;
		int colon = s.indexOf(':');
		if (colon >= 0) {
			String head = s.substring(0, colon);
			s = s.substring(colon + 1);
			int p = head.indexOf('(');
			String name = p < 0 ? head : head.substring(0, p);
			f32 = name.equals("float32");
			if (p >= 0) {
				String inner = head.substring(p + 1, head.length() - 1);
				List<Integer> dims = new ArrayList<>();
				for (String x : inner.split(","))
					if (!x.isEmpty()) dims.add(Integer.parseInt(x.trim()));
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
		String body = s.replace("[", "").replace("]", "");
		String[] parts = body.isEmpty() ? new String[0] : body.split(",");
		try {
			if (f32) {
				float[] v = new float[parts.length];
				for (int i = 0; i < v.length; i++) v[i] = Float.parseFloat(parts[i]);
				return Tensor.of(v, shape);
			}
			double[] v = new double[parts.length];
			for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(parts[i]);
			return Tensor.of(v, shape);
		} catch (IllegalArgumentException e) {
			throw new SQLException("malformed tensor text: " + text, "22P02", e);
		}
	}
}
