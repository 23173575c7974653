"""psycopg2 adapter: numpy arrays as marsql.tensor, chunked_tensor as a handle.

    import marsql.psycopg2
    marsql.psycopg2.register_tensor(conn)      # or a cursor

psycopg2 writes parameters into the query text and reads results as text,
so:
- an ndarray parameter becomes marsql.from_binary(E'\\x...'::bytea): the
  binary form, hex-encoded (exact, and parsed about 10x faster than the text
  form); register_tensor(conn, format="text") writes the text literal
  'float32(2,2):[...]'::marsql.tensor instead.  psycopg2's adapters are
  process-wide: the last register_tensor call decides the format, and every
  connection sends arrays this way;
- marsql.tensor and tensor[] results come back as ndarrays (parsed from the
  text form) on the connection or cursor given; for large values select
  marsql.to_binary(v) and decode the bytes with marsql.decode_binary;
- marsql.chunked_tensor results come back as marsql.ChunkedTensor handles:
  to_numpy() streams the tiles through a named (server-side) cursor.
"""

import itertools

import numpy as np
import psycopg2
import psycopg2.extensions as ext

from . import codec
from .chunked import TILES_SQL_BYTEA, ChunkedTensor

__all__ = ["register_tensor", "TensorAdapter"]

_LOOKUP = """
SELECT t.typname, t.oid, t.typarray
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = 'marsql' AND t.typname IN ('tensor', 'chunked_tensor')
"""


class TensorAdapter:
    """Adapts an ndarray to an SQL expression of type marsql.tensor."""

    format = "binary"

    def __init__(self, arr):
        self.arr = arr

    def getquoted(self):
        if self.format == "text":
            return b"'" + codec.encode_text(self.arr).encode("ascii") + b"'::marsql.tensor"
        return (b"marsql.from_binary(E'\\\\x" + codec.encode_binary(self.arr).hex().encode("ascii")
                + b"'::bytea)")

    def __conform__(self, proto):
        if proto is ext.ISQLQuote:
            return self


class _Tiles:
    kind = "sync"
    _names = itertools.count(1)

    def __init__(self, conn):
        self.conn = conn

    def tiles(self, ct):
        # named cursor: the tiles arrive a few at a time; WITH HOLD in
        # autocommit mode, where there is no transaction to declare it in
        name = "marsql_tiles_%d" % next(self._names)
        with self.conn.cursor(name, withhold=self.conn.autocommit) as cur:
            cur.itersize = 4
            cur.execute(TILES_SQL_BYTEA, [ct.text])
            for start, stop, data in cur:
                yield start, stop, codec.decode_binary(data)


def _cast_tensor(value, cur):
    if value is None:
        return None
    return codec.decode_text(value)


def _cast_chunked(value, cur):
    if value is None:
        return None
    return ChunkedTensor(value, _Tiles(cur.connection) if cur is not None else None)


def register_tensor(conn_or_curs, format="binary"):
    """Registers marsql.tensor (and tensor[], chunked_tensor) result
    conversion on a connection or cursor, and the process-wide ndarray
    parameter adapter.  format: "binary" (default) or "text"."""
    if format not in ("binary", "text"):
        raise ValueError("format must be 'binary' or 'text', not %r" % (format,))
    if isinstance(conn_or_curs, ext.cursor):
        cur = conn_or_curs
        close = False
    else:
        cur = conn_or_curs.cursor()
        close = True
    try:
        cur.execute(_LOOKUP)
        found = {name: (oid, array_oid) for name, oid, array_oid in cur.fetchall()}
    finally:
        if close:
            cur.close()
    if "tensor" not in found:
        raise LookupError("type marsql.tensor not found: run CREATE EXTENSION "
                          "marsql in this database")
    adapter = type("TensorAdapter", (TensorAdapter,), {"format": format})
    ext.register_adapter(np.ndarray, adapter)
    oid, array_oid = found["tensor"]
    tensor = ext.new_type((oid,), "MARSQL_TENSOR", _cast_tensor)
    ext.register_type(tensor, conn_or_curs)
    ext.register_type(ext.new_array_type((array_oid,), "MARSQL_TENSOR[]", tensor),
                      conn_or_curs)
    if "chunked_tensor" in found:
        oid, array_oid = found["chunked_tensor"]
        chunked = ext.new_type((oid,), "MARSQL_CHUNKED_TENSOR", _cast_chunked)
        ext.register_type(chunked, conn_or_curs)
        ext.register_type(ext.new_array_type((array_oid,), "MARSQL_CHUNKED_TENSOR[]",
                                             chunked), conn_or_curs)
