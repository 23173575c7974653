"""asyncpg adapter: numpy arrays as marsql.tensor, chunked_tensor as a handle.

    import marsql.asyncpg
    await marsql.asyncpg.register_tensor(conn)
    pool = await asyncpg.create_pool(..., init=marsql.asyncpg.register_tensor)

asyncpg speaks the binary protocol: after registration ndarrays are sent
and marsql.tensor results received in the binary form (format="text" uses
the text form both ways).  tensor[] works both ways, and so does
copy_records_to_table (binary COPY).  marsql.chunked_tensor results come
back as marsql.ChunkedTensor handles: await ct.to_numpy_async() streams the
tiles through a cursor inside a transaction (a savepoint if one is open).

asyncpg takes any sized iterable inside an array parameter for a nested
level, ndarrays included: pass a tensor[] parameter as tensor_array(arrays),
which encodes each array beforehand (the codec lets encoded values through).
COPY (copy_records_to_table) needs the binary codec, the default.
"""

from . import codec
from .chunked import ChunkedTensor

__all__ = ["register_tensor", "tensor_array"]

_TILES_SQL = ("SELECT start, stop, data "
              "FROM marsql.tiles($1::marsql.chunked_tensor, true)")


class _Tiles:
    kind = "async"

    def __init__(self, conn):
        self.conn = conn

    async def tiles(self, ct):
        async with self.conn.transaction():
            async for start, stop, data in self.conn.cursor(_TILES_SQL, ct.text,
                                                            prefetch=4):
                yield start, stop, data


def _encode_binary(obj):
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return obj                      # from tensor_array
    return codec.encode_binary(obj)


def _encode_text(obj):
    if isinstance(obj, str):
        return obj
    return codec.encode_text(obj)


def tensor_array(arrays, format="binary"):
    """A list of ndarrays (or None) as a marsql.tensor[] parameter: each
    array encoded in the connection's format ("binary" or "text")."""
    enc = codec.encode_binary if format == "binary" else codec.encode_text
    return [None if a is None else enc(a) for a in arrays]


async def register_tensor(conn, format="binary"):
    """Sets the marsql.tensor and marsql.chunked_tensor codecs of an asyncpg
    connection.  format: "binary" (default) or "text"."""
    if format not in ("binary", "text"):
        raise ValueError("format must be 'binary' or 'text', not %r" % (format,))
    found = await conn.fetchrow(
        "SELECT pg_catalog.to_regtype('marsql.tensor') IS NOT NULL, "
        "pg_catalog.to_regtype('marsql.chunked_tensor') IS NOT NULL")
    if not found[0]:
        raise LookupError("type marsql.tensor not found: run CREATE EXTENSION "
                          "marsql in this database")
    if format == "binary":
        await conn.set_type_codec("tensor", schema="marsql", format="binary",
                                  encoder=_encode_binary,
                                  decoder=codec.decode_binary)
    else:
        await conn.set_type_codec("tensor", schema="marsql", format="text",
                                  encoder=_encode_text,
                                  decoder=codec.decode_text)
    if found[1]:
        tiles = _Tiles(conn)
        await conn.set_type_codec("chunked_tensor", schema="marsql", format="text",
                                  encoder=str,
                                  decoder=lambda text: ChunkedTensor(text, tiles))
