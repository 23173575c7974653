"""marsql: numpy arrays in and out of PostgreSQL's marsql.tensor.

    import marsql.psycopg                       # psycopg 3
    marsql.psycopg.register_tensor(conn)
    conn.execute("INSERT INTO t (v) VALUES (%s)", [numpy_array])

Driver adapters live in marsql.psycopg (psycopg 3, sync and async),
marsql.psycopg2, marsql.asyncpg and marsql.sqlalchemy; each imports its
driver only when imported itself.  The codec they share is marsql.codec.
"""

from .codec import (MAX_NDIM, TensorError, TensorTypeError, TensorValueError,
                    decode_binary, decode_text, encode_binary, encode_text)
from .chunked import ChunkedTensor

__version__ = "0.1.0"

__all__ = [
    "ChunkedTensor", "MAX_NDIM", "TensorError", "TensorTypeError",
    "TensorValueError", "decode_binary", "decode_text", "encode_binary",
    "encode_text", "__version__",
]
