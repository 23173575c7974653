/*
 * TensorTest.java: org.marsql.Tensor and PGtensor against a real server
 * through pgjdbc.  Prints TAP.  Connection from the libpq variables
 * PGHOST (a socket directory means localhost), PGPORT, PGDATABASE, PGUSER,
 * PGPASSWORD; the database must have the marsql extension.
 */
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

import org.marsql.PGtensor;
import org.marsql.Tensor;
import org.postgresql.PGConnection;

public class TensorTest {
	static int n = 0, failed = 0;

	static void check(boolean ok, String name) {
		n++;
		if (!ok) failed++;
		System.out.println((ok ? "ok " : "not ok ") + n + " - " + name);
	}

	static String env(String k, String d) {
		String v = System.getenv(k);
		return v == null || v.isEmpty() ? d : v;
	}

	public static void main(String[] args) throws Exception {
		String host = env("PGHOST", "localhost");
		if (host.startsWith("/")) host = "localhost";
		String url = "jdbc:postgresql://" + host + ":" + env("PGPORT", "5432") + "/" + env("PGDATABASE", "postgres");
		Properties p = new Properties();
		p.setProperty("user", env("PGUSER", System.getProperty("user.name")));
		if (System.getenv("PGPASSWORD") != null) p.setProperty("password", System.getenv("PGPASSWORD"));
		Tensor[] cases = {
			Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3),
			Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 1e-45f, 0.1f}, 6),
			Tensor.of(new double[] {Double.NaN, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 0.1}, 5),
			Tensor.of(new double[] {2.5}),
			Tensor.of(new float[0], 0, 3),
			// every other dtype: extremes, a 0-d value and an empty one each
			Tensor.of(new boolean[] {true, false, false, true}, 2, 2),
			Tensor.of(new boolean[] {true}),
			Tensor.of(new boolean[0], 0),
			Tensor.of(new byte[] {-128, 127, 0, -1}, 4),
			Tensor.of(new byte[] {-7}),
			Tensor.of(new byte[0], 2, 0),
			Tensor.of(new short[] {Short.MIN_VALUE, Short.MAX_VALUE, 0, -1, 300, 12}, 3, 2),
			Tensor.of(new short[] {-300}),
			Tensor.of(new short[0], 0),
			Tensor.of(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1}, 2, 1, 2),
			Tensor.of(new int[] {42}),
			Tensor.of(new int[0], 0, 0),
			Tensor.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 9007199254740993L, -9007199254740993L, 0}, 5),
			Tensor.of(new long[] {(1L << 53) + 1}),
			Tensor.of(new long[0], 0),
			Tensor.ofUint8(new int[] {0, 1, 128, 255}, 4),
			Tensor.ofUint8(new int[] {200}),
			Tensor.ofUint8(new byte[0], 0),
			Tensor.ofFloat16Bits(new short[] {0x7c00, (short) 0xfc00, (short) 0x8000, 0x0001, 0x03ff, 0x7bff, 0x3c00,
				0x2e66, (short) 0xc500, 0x7e00}, 10),
			Tensor.ofFloat16(new float[] {1.5f}),
			Tensor.ofFloat16(new float[0], 2, 0),
			Tensor.ofComplex64(new float[] {1, 2, -0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, 0.1f, -1e-45f}, 2, 2),
			Tensor.ofComplex64(new float[] {0, 2}),
			Tensor.ofComplex64(new float[0], 0),
			Tensor.ofComplex128(new double[] {1, 2, -0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 0.1, -Double.MIN_VALUE,
				Double.MAX_VALUE, 1e-300}, 5),
			Tensor.ofComplex128(new double[] {-1.5, 0.0}),
			Tensor.ofComplex128(new double[0], 0, 2),
		};
		try (Connection c = DriverManager.getConnection(url, p)) {
			try (Statement s = c.createStatement()) {
				s.execute("SET search_path = public");
			}
			// binary: setBytes / getBytes
			try (PreparedStatement ps = c.prepareStatement("SELECT marsql.to_binary(x), marsql.dtype(x), "
					+ "marsql.shape(x)::text FROM marsql.from_binary(?) AS x")) {
				for (Tensor t : cases) {
					ps.setBytes(1, t.toBinary());
					try (ResultSet rs = ps.executeQuery()) {
						rs.next();
						check(Tensor.fromBinary(rs.getBytes(1)).equals(t), "binary round trip " + t);
						String shape = Arrays.toString(t.shape()).replace('[', '{').replace(']', '}').replace(" ", "");
						check(rs.getString(2).equals(t.dtypeName()) && rs.getString(3).equals(shape),
							"server reads " + t + " as " + rs.getString(2) + rs.getString(3));
					}
				}
			}
			// the server's own values, written by the server, in both versions
			String[][] server = {
				{"int64:[9223372036854775807,-9223372036854775808,9007199254740993]", "int64"},
				{"bool:[[true,false],[false,true]]", "bool"},
				{"float16:[0.1,65504,-0.0,inf,nan,6e-08]", "float16"},
				{"complex128:[1+2j,nan-0j,-inf+0.1j]", "complex128"},
				{"complex64:[1.5-2.25j]", "complex64"},
				{"uint8:[255,0,7]", "uint8"},
				{"int8:[-128,127]", "int8"},
				{"int16(2,0):[]", "int16"},
				{"int32:-5", "int32"},
				{"float32:[0.1,-0.0]", "float32"},
				{"[1e308,5e-324]", "float64"},
			};
			try (PreparedStatement ps = c.prepareStatement("SELECT marsql.to_binary(x), x::text, get_byte(marsql.to_binary(x), 0) "
					+ "FROM CAST(? AS marsql.tensor) AS x")) {
				for (String[] v : server) {
					ps.setString(1, v[0]);
					try (ResultSet rs = ps.executeQuery()) {
						rs.next();
						Tensor b = Tensor.fromBinary(rs.getBytes(1));
						Tensor t = PGtensor.parse(rs.getString(2));
						int version = rs.getInt(3);
						check(b.dtypeName().equals(v[1]) && b.equals(t) && version == (b.dtype() <= 2 ? 1 : 2),
							"server " + v[0] + ": binary v" + version + " and text agree");
					}
				}
			}
			// a few decoded values, exactly
			try (Statement s = c.createStatement();
				 ResultSet rs = s.executeQuery("SELECT marsql.to_binary('int64:[9007199254740993]'), "
					+ "marsql.to_binary('float16:[0.1,-2]'), marsql.to_binary('complex128:[1-0j]'), "
					+ "marsql.to_binary('uint8:[255]'), marsql.to_binary('bool:[true,false]')")) {
				rs.next();
				check(Tensor.fromBinary(rs.getBytes(1)).longs()[0] == 9007199254740993L, "int64 beyond 2^53 exact");
				Tensor h = Tensor.fromBinary(rs.getBytes(2));
				check(h.float16Bits()[0] == 0x2e66 && h.floats()[0] == 0.0999755859375f && h.floats()[1] == -2f,
					"float16 bits and widened values");
				double[] z = Tensor.fromBinary(rs.getBytes(3)).complex128();
				check(z[0] == 1 && z[1] == 0 && Double.doubleToRawLongBits(z[1]) < 0, "complex128 parts, -0 imaginary");
				check(Tensor.fromBinary(rs.getBytes(4)).uint8s()[0] == 255, "uint8 255");
				check(Arrays.equals(Tensor.fromBinary(rs.getBytes(5)).booleans(), new boolean[] {true, false}), "bool");
			}
			// float16 rounding on the client agrees with the server's (numpy's) on ties and overflow
			{
				float[] v = {0.1f, 65519.99f, -65505f, 2049f, 2051f, 5.9604645e-08f, 2.9802322e-08f, 2.9802326e-08f, 1e-9f, -3.0e-5f};
				Tensor mine = Tensor.ofFloat16(v, v.length);
				try (PreparedStatement ps = c.prepareStatement("SELECT marsql.to_binary(marsql.astype(marsql.from_binary(?), 'float16'))")) {
					ps.setBytes(1, Tensor.of(v, v.length).toBinary());
					try (ResultSet rs = ps.executeQuery()) {
						rs.next();
						check(Tensor.fromBinary(rs.getBytes(1)).equals(mine), "float16 rounding as the server's astype");
					}
				} catch (java.sql.SQLException e) {
					check(false, "float16 rounding as the server's astype: " + e.getMessage());
				}
			}
			// malformed binary is refused on the client
			{
				boolean refused;
				try {
					Tensor.fromBinary(new byte[] {1, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});   // int64 in version 1
					refused = false;
				} catch (IllegalArgumentException e) {
					refused = true;
				}
				check(refused, "version 1 with a new dtype is refused");
				try {
					Tensor.fromBinary(new byte[] {2, 3, 1, 0, 0, 0, 0, 1, 2});   // bool byte 2
					refused = false;
				} catch (IllegalArgumentException e) {
					refused = true;
				}
				check(refused, "bool byte 2 is refused");
			}
			// the server's own example (docs/tensor.md)
			try (Statement s = c.createStatement();
				 ResultSet rs = s.executeQuery("SELECT marsql.to_binary('[[1,2],[3,4]]')")) {
				rs.next();
				check(Tensor.fromBinary(rs.getBytes(1)).equals(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2)),
					"server binary form decodes");
			}
			// text: PGtensor, registered under the name pgjdbc reports ("tensor")
			c.unwrap(PGConnection.class).addDataType("tensor", PGtensor.class);
			try (PreparedStatement ps = c.prepareStatement("SELECT ?::marsql.tensor")) {
				for (Tensor t : cases) {
					ps.setObject(1, new PGtensor(t));
					try (ResultSet rs = ps.executeQuery()) {
						rs.next();
						Object o = rs.getObject(1);
						Tensor got = o instanceof PGtensor ? ((PGtensor) o).tensor() : null;
						check(got != null && got.equals(t), "text round trip " + t + " (" + o.getClass().getSimpleName() + ")");
					}
				}
			}
			// a table, bytes in and out
			try (Statement s = c.createStatement()) {
				s.execute("CREATE TEMP TABLE jt (id int, v marsql.tensor(float32))");
			}
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO jt VALUES (?, marsql.from_binary(?))")) {
				ps.setInt(1, 1);
				ps.setBytes(2, cases[0].toBinary());
				ps.executeUpdate();
			}
			try (Statement s = c.createStatement();
				 ResultSet rs = s.executeQuery("SELECT marsql.to_binary(v) FROM jt")) {
				rs.next();
				Tensor got = Tensor.fromBinary(rs.getBytes(1));
				check(got.dtype() == Tensor.FLOAT32 && Arrays.equals(got.shape(), new int[] {2, 3})
					&& got.floats()[5] == 6.0f, "tensor(float32) column stores float32");
			}
		}
		System.out.println("1.." + n);
		System.exit(failed == 0 ? 0 : 1);
	}
}
