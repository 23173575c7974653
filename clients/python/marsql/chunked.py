"""ChunkedTensor: the client-side handle of a marsql.chunked_tensor value.

A chunked_tensor is a descriptor (storage table, dtype, shape, tile shape);
its text form is  '<table> float32 (20000, 20000) tiles (4096, 4096)'.
The handle keeps what that text says plus a reader bound to the connection
it came from, and assembles the array by streaming the tiles through
marsql.tiles(ct, true) on a server-side cursor: the client holds the result
array and a few tiles, never the whole result set.

Drivers supply the reader (see _TILES_SQL): a sync reader for psycopg 3
and psycopg2 (ChunkedTensor.to_numpy), an async one for psycopg 3's
AsyncConnection and asyncpg (await ChunkedTensor.to_numpy_async).
"""

import re

import numpy as np

from .codec import TensorValueError

__all__ = ["ChunkedTensor"]

_TEXT = re.compile(
    r"^(?P<storage>.*) (?P<dtype>float32|float64) \((?P<shape>[0-9, ]*)\)"
    r" tiles \((?P<tile>[0-9, ]*)\)$", re.S)

# one row per tile: start and stop (bigint[]) and the tile; drivers that
# read results as text use to_binary(data) and decode_binary
TILES_SQL = ("SELECT start, stop, data "
             "FROM marsql.tiles(%s::marsql.chunked_tensor, true)")
TILES_SQL_BYTEA = ("SELECT start, stop, marsql.to_binary(data) "
                   "FROM marsql.tiles(%s::marsql.chunked_tensor, true)")


def _ints(s):
    s = s.strip().strip(",")
    return tuple(int(x) for x in s.split(",")) if s else ()


class ChunkedTensor:
    """A marsql.chunked_tensor: storage table, dtype, shape, tile shape.

    str(ct) is the text the server reads back as the same chunked_tensor,
    so a handle can be passed as a query parameter ('%s::marsql.chunked_tensor').
    """

    __slots__ = ("text", "storage", "dtype", "shape", "tile_shape", "_reader")

    def __init__(self, text, reader=None):
        m = _TEXT.match(text)
        if m is None:
            raise TensorValueError("malformed chunked_tensor text: %.80r" % text)
        self.text = text
        self.storage = m.group("storage")
        self.dtype = np.dtype(m.group("dtype"))
        self.shape = _ints(m.group("shape"))
        self.tile_shape = _ints(m.group("tile"))
        self._reader = reader

    def __str__(self):
        return self.text

    def __repr__(self):
        return "ChunkedTensor(%r)" % self.text

    def __eq__(self, other):
        return isinstance(other, ChunkedTensor) and other.text == self.text

    def __hash__(self):
        return hash(self.text)

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def size(self):
        n = 1
        for d in self.shape:
            n *= d
        return n

    @property
    def nbytes(self):
        return self.size * self.dtype.itemsize

    def _new_array(self, out):
        if out is None:
            return np.empty(self.shape, self.dtype)
        if out.shape != self.shape or out.dtype != self.dtype:
            raise TensorValueError(
                "out must have shape %s and dtype %s" % (self.shape, self.dtype))
        return out

    def _place(self, out, start, stop, tile):
        index = tuple(slice(a, b) for a, b in zip(start, stop))
        if tile.shape != tuple(b - a for a, b in zip(start, stop)):
            raise TensorValueError("tile at %s has shape %s" % (start, tile.shape))
        out[index] = tile

    def _need_reader(self, kind):
        if self._reader is None or self._reader.kind != kind:
            other = "to_numpy_async" if kind == "sync" else "to_numpy"
            raise TypeError(
                "this ChunkedTensor came from %s; use %s()"
                % ("no connection" if self._reader is None else
                   "an %s connection" % self._reader.kind, other))
        return self._reader

    def to_numpy(self, out=None):
        """The whole array, tiles streamed from the server (sync drivers)."""
        reader = self._need_reader("sync")
        out = self._new_array(out)
        for start, stop, tile in reader.tiles(self):
            self._place(out, start, stop, tile)
        return out

    async def to_numpy_async(self, out=None):
        """The whole array, tiles streamed from the server (async drivers)."""
        reader = self._need_reader("async")
        out = self._new_array(out)
        async for start, stop, tile in reader.tiles(self):
            self._place(out, start, stop, tile)
        return out
