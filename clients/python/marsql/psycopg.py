"""psycopg 3 adapter: numpy arrays as marsql.tensor, chunked_tensor as a handle.

    import marsql.psycopg
    marsql.psycopg.register_tensor(conn)                 # Connection
    await marsql.psycopg.register_tensor_async(aconn)    # AsyncConnection

After registration, on that connection (and its cursors):
- an ndarray parameter (%s, %b or %t) is sent as marsql.tensor, in binary
  (%s picks binary unless register_tensor(conn, format="text"));
- marsql.tensor results come back as ndarrays, whether the cursor reads
  text (the default) or binary (conn.cursor(binary=True) or
  conn.execute(..., binary=True): about 100x cheaper for large values);
- tensor[] in both directions (a list of arrays), COPY ... (FORMAT binary)
  with copy.set_types(["marsql.tensor"]);
- marsql.chunked_tensor results come back as marsql.ChunkedTensor handles
  whose to_numpy() (to_numpy_async() on an AsyncConnection) streams the
  tiles into one array, from text and binary cursors alike (the binary
  form is a version byte and the text form, schema-qualified).

The types are looked up by schema-qualified name, so marsql need not be on
search_path.
"""

import itertools

import numpy as np
import psycopg
from psycopg.adapt import Dumper, Loader
from psycopg.pq import Format
from psycopg.types import TypeInfo

from . import codec
from .chunked import TILES_SQL, ChunkedTensor

__all__ = ["register_tensor", "register_tensor_async"]


class _TensorTextDumper(Dumper):
    format = Format.TEXT

    def dump(self, obj):
        return codec.encode_text(obj).encode("ascii")


class _TensorBinaryDumper(Dumper):
    format = Format.BINARY

    def dump(self, obj):
        return codec.encode_binary(obj)


class _TensorTextLoader(Loader):
    format = Format.TEXT

    def load(self, data):
        return codec.decode_text(bytes(data).decode("ascii"))


class _TensorBinaryLoader(Loader):
    format = Format.BINARY

    def load(self, data):
        return codec.decode_binary(data)


_cursor_names = itertools.count(1)


class _SyncTiles:
    kind = "sync"

    def __init__(self, conn):
        self.conn = conn

    def tiles(self, ct):
        # a server-side cursor inside a transaction block (a savepoint when
        # one is open): the tiles arrive a few at a time
        with self.conn.transaction():
            name = "marsql_tiles_%d" % next(_cursor_names)
            with self.conn.cursor(name=name, binary=True) as cur:
                cur.itersize = 4
                cur.execute(TILES_SQL, [ct.text])
                for start, stop, tile in cur:
                    yield start, stop, tile


class _AsyncTiles:
    kind = "async"

    def __init__(self, conn):
        self.conn = conn

    async def tiles(self, ct):
        async with self.conn.transaction():
            name = "marsql_tiles_%d" % next(_cursor_names)
            async with self.conn.cursor(name=name, binary=True) as cur:
                cur.itersize = 4
                await cur.execute(TILES_SQL, [ct.text])
                async for start, stop, tile in cur:
                    yield start, stop, tile


class _ChunkedLoader(Loader):
    format = Format.TEXT

    def load(self, data):
        conn = self.connection
        reader = None
        if conn is not None:
            reader = (_AsyncTiles(conn) if isinstance(conn, psycopg.AsyncConnection)
                      else _SyncTiles(conn))
        return ChunkedTensor(bytes(data).decode(), reader)


class _ChunkedBinaryLoader(_ChunkedLoader):
    format = Format.BINARY

    def load(self, data):
        data = bytes(data)
        if data[:1] != b"\x01":
            raise codec.TensorValueError(
                "chunked_tensor binary format version %r is not supported" % data[:1])
        return super().load(data[1:])


def _missing():
    return LookupError(
        "type marsql.tensor not found: run CREATE EXTENSION marsql in this "
        "database")


def _check_format(format):
    if format not in ("binary", "text"):
        raise ValueError("format must be 'binary' or 'text', not %r" % (format,))


def _text_fields(info):
    # a SQL_ASCII database returns text as bytes, TypeInfo's fields included,
    # which psycopg's own register_array cannot take
    for attr in ("name", "delimiter"):
        value = getattr(info, attr, None)
        if isinstance(value, bytes):
            setattr(info, attr, value.decode("ascii"))


def _register(conn, tensor, chunked, format):
    if tensor is None:
        raise _missing()
    _text_fields(tensor)
    if chunked is not None:
        _text_fields(chunked)
    adapters = conn.adapters
    # known by "tensor" and "marsql.tensor" (COPY's set_types), with tensor[]
    tensor.regtype = "marsql.tensor"
    tensor.register(conn)
    text_d = type("TensorTextDumper", (_TensorTextDumper,), {"oid": tensor.oid})
    bin_d = type("TensorBinaryDumper", (_TensorBinaryDumper,), {"oid": tensor.oid})
    # the last one registered is what %s uses
    for d in ((text_d, bin_d) if format == "binary" else (bin_d, text_d)):
        adapters.register_dumper(np.ndarray, d)
    adapters.register_loader(tensor.oid, _TensorTextLoader)
    adapters.register_loader(tensor.oid, _TensorBinaryLoader)
    if chunked is not None:
        chunked.regtype = "marsql.chunked_tensor"
        chunked.register(conn)
        adapters.register_loader(chunked.oid, _ChunkedLoader)
        adapters.register_loader(chunked.oid, _ChunkedBinaryLoader)


# to_regtype: NULL, not an error (which would abort an open transaction),
# when the extension or its schema is missing
_EXISTS = "SELECT pg_catalog.to_regtype('marsql.tensor') IS NOT NULL"


def register_tensor(conn, format="binary"):
    """Registers marsql.tensor and marsql.chunked_tensor on a psycopg 3
    Connection (or a cursor's connection).

    format: how an ndarray given to %s is sent, "binary" (default) or
    "text"; %b and %t choose per placeholder."""
    _check_format(format)
    conn = getattr(conn, "connection", conn)
    if not conn.execute(_EXISTS).fetchone()[0]:
        raise _missing()
    tensor = TypeInfo.fetch(conn, "marsql.tensor")
    chunked = TypeInfo.fetch(conn, "marsql.chunked_tensor")
    _register(conn, tensor, chunked, format)


async def register_tensor_async(conn, format="binary"):
    """register_tensor for a psycopg 3 AsyncConnection."""
    _check_format(format)
    conn = getattr(conn, "connection", conn)
    if not (await (await conn.execute(_EXISTS)).fetchone())[0]:
        raise _missing()
    tensor = await TypeInfo.fetch(conn, "marsql.tensor")
    chunked = await TypeInfo.fetch(conn, "marsql.chunked_tensor")
    _register(conn, tensor, chunked, format)
