"""SQLAlchemy column type for marsql.tensor.

    from marsql.sqlalchemy import Tensor

    class Item(Base):
        __tablename__ = "items"
        id = Column(Integer, primary_key=True)
        embedding = Column(Tensor("float32"))      # marsql.tensor(float32)

Values are ndarrays both ways, in the binary form whatever the driver
(psycopg2, psycopg 3, asyncpg, pg8000): a bound array is sent as bytea and
wrapped in marsql.from_binary(...), a selected column is wrapped in
marsql.to_binary(...) and decoded.  No driver registration is needed, and
marsql need not be on search_path (the names are schema-qualified).
Works with SQLAlchemy 1.4 and 2.x, Core and ORM.
"""

import numpy as np
from sqlalchemy import func
from sqlalchemy.types import UserDefinedType

from . import codec

__all__ = ["Tensor"]

_DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "float16",
           "float32", "float64", "complex64", "complex128"}


class Tensor(UserDefinedType):
    """marsql.tensor, or marsql.tensor(dtype) when dtype is given (any
    numpy dtype marsql holds: bool, int8-64, uint8, float16-64, complex)."""

    cache_ok = True

    def __init__(self, dtype=None):
        if dtype is not None:
            dtype = np.dtype(dtype).name
            if dtype not in _DTYPES:
                raise codec.TensorTypeError(
                    "marsql.tensor has no dtype %s" % dtype)
        self.dtype = dtype

    def get_col_spec(self, **kw):
        return "marsql.tensor" if self.dtype is None else "marsql.tensor(%s)" % self.dtype

    class comparator_factory(UserDefinedType.Comparator):
        # marsql's operators live in schema marsql: name them there, so
        # that == and != work whatever the search_path
        def __eq__(self, other):
            if other is None:
                return self.expr.is_(None)
            return self.expr.op("OPERATOR(marsql.=)", is_comparison=True)(other)

        def __ne__(self, other):
            if other is None:
                return self.expr.is_not(None)
            return self.expr.op("OPERATOR(marsql.<>)", is_comparison=True)(other)

    def compare_values(self, x, y):
        # the ORM's change detection: == of two arrays is elementwise; same
        # dtype, shape and bits (NaN at NaN, -0 differs from 0; complex too)
        if x is None or y is None:
            return x is y
        x, y = np.asarray(x), np.asarray(y)
        if x.shape != y.shape or x.dtype.newbyteorder("=") != y.dtype.newbyteorder("="):
            return False
        if x.dtype.kind == "b":
            return bool(np.array_equal(x, y))
        native = x.dtype.newbyteorder("=")
        return (np.ascontiguousarray(x, dtype=native).tobytes()
                == np.ascontiguousarray(y, dtype=native).tobytes())

    # parameters: ndarray -> bytes -> marsql.from_binary(bytea)
    def bind_processor(self, dialect):
        def process(value):
            if value is None:
                return None
            return codec.encode_binary(value)
        return process

    def bind_expression(self, bindvalue):
        # a tensor(float32) column converts a float64 value on assignment
        return func.marsql.from_binary(bindvalue, type_=self)

    # results: marsql.to_binary(column) -> bytes -> ndarray
    def column_expression(self, col):
        return func.marsql.to_binary(col, type_=self)

    def result_processor(self, dialect, coltype):
        def process(value):
            if value is None or isinstance(value, np.ndarray):
                return value
            if isinstance(value, str):      # a text tensor, if someone cast it
                return codec.decode_text(value)
            return codec.decode_binary(value)
        return process
