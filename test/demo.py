# The demo's Python round trip (run by test/demo.sh after test/demo.sql, in
# the same cluster): numpy arrays go to marsql and back in binary through
# the client package in clients/python, with psycopg 3.
import numpy as np
import psycopg

import marsql.psycopg

with psycopg.connect("") as conn:
    marsql.psycopg.register_tensor(conn)
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.ones((3, 2), dtype=np.float32)
    product = conn.execute("SELECT marsql.matmul(%s, %s)", [a, b], binary=True).fetchone()[0]
    print("Python: numpy in, numpy out:", type(product).__name__, product.dtype, product.tolist())
    assert np.array_equal(product, a @ b)
