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
		};
		try (Connection c = DriverManager.getConnection(url, p)) {
			try (Statement s = c.createStatement()) {
				s.execute("SET search_path = public");
			}
			// binary: setBytes / getBytes
			try (PreparedStatement ps = c.prepareStatement("SELECT marsql.to_binary(marsql.from_binary(?))")) {
				for (Tensor t : cases) {
					ps.setBytes(1, t.toBinary());
					try (ResultSet rs = ps.executeQuery()) {
						rs.next();
						check(Tensor.fromBinary(rs.getBytes(1)).equals(t), "binary round trip " + t);
					}
				}
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
