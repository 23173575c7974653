"""The tensor codec: numpy arrays to and from marsql.tensor's wire forms.

One module shared by every driver adapter; it needs numpy only.

Binary form (docs/tensor.md, "Binary format"), version 1, big-endian:
    version u8 = 1 | dtype u8 (1 float32, 2 float64) | ndim u8 | flags u8 = 0
    | ndim x int32 extents | elements in C order
Text form: what the server's tensor_out writes and tensor_in reads, e.g.
    float32:[[1,2],[3,4]]    [1.5,NaN]    (0,3):[]    5
encode_text writes the shape-header form 'float32(2,2):[1,2,3,4]' with each
value's shortest round-trip repr (a float32 as the exact double of its
value), so text, like binary, carries every bit: NaN, +-Inf, -0, denormals.

Arrays are validated before anything is sent: only float32 and float64 go
as they are; float16, bool and integers of at most 32 bits are widened
exactly (float16 to float32, the others to float64); every other dtype
(int64, uint64, complex, object, strings, ...) is a TensorTypeError, and
more dimensions or a larger value than the server accepts a TensorValueError.
"""

import struct
import warnings

import numpy as np

__all__ = [
    "TensorError", "TensorTypeError", "TensorValueError",
    "MAX_NDIM", "MAX_VALUE_BYTES",
    "as_tensor_array", "encode_binary", "decode_binary",
    "encode_text", "decode_text",
]

MAX_NDIM = 32                    # the server's limit (docs/tensor.md, Limits)
MAX_EXTENT = 2147483647          # one extent is an int32
MAX_VALUE_BYTES = 1073741823     # PostgreSQL's 1 GB limit on one value
VERSION = 1
_DTYPE_CODE = {np.dtype(np.float32): 1, np.dtype(np.float64): 2}
_CODE_DTYPE = {1: np.dtype(np.float32), 2: np.dtype(np.float64)}
_WIRE = {1: np.dtype(">f4"), 2: np.dtype(">f8")}
# widened without loss: float16 -> float32; bool and <= 32-bit ints -> float64
_EXACT_WIDEN = {
    np.dtype(np.float16): np.dtype(np.float32),
    np.dtype(np.bool_): np.dtype(np.float64),
    np.dtype(np.int8): np.dtype(np.float64),
    np.dtype(np.int16): np.dtype(np.float64),
    np.dtype(np.int32): np.dtype(np.float64),
    np.dtype(np.uint8): np.dtype(np.float64),
    np.dtype(np.uint16): np.dtype(np.float64),
    np.dtype(np.uint32): np.dtype(np.float64),
}
_DTYPE_NAMES = {
    "float32": np.dtype(np.float32), "float4": np.dtype(np.float32),
    "f4": np.dtype(np.float32), "real": np.dtype(np.float32),
    "single": np.dtype(np.float32),
    "float64": np.dtype(np.float64), "float8": np.dtype(np.float64),
    "f8": np.dtype(np.float64), "double": np.dtype(np.float64),
    "double precision": np.dtype(np.float64), "float": np.dtype(np.float64),
}


class TensorError(Exception):
    """Base class of the codec's errors."""


class TensorTypeError(TensorError, TypeError):
    """The value is not a numpy array of a dtype marsql.tensor can hold."""


class TensorValueError(TensorError, ValueError):
    """The array or the message does not fit marsql.tensor (dims, size, bytes)."""


def as_tensor_array(obj):
    """Validates obj and returns it as a float32 or float64 ndarray.

    Accepts a numpy ndarray or a numpy scalar; the result may share memory
    with obj (no copy when the dtype is already float32/float64)."""
    if isinstance(obj, np.generic):
        obj = np.asarray(obj)
    if not isinstance(obj, np.ndarray):
        raise TensorTypeError(
            "marsql.tensor needs a numpy array, not %s; wrap it with "
            "numpy.asarray(value, dtype=numpy.float64)" % type(obj).__name__)
    if isinstance(obj, np.ma.MaskedArray):
        raise TensorTypeError(
            "marsql.tensor has no missing elements; fill the masked array "
            "first, e.g. arr.filled(numpy.nan)")
    dt = obj.dtype
    if dt.byteorder in ("<", ">"):
        dt = dt.newbyteorder("=")      # a non-native byte order is fine
    if dt in _DTYPE_CODE:
        arr = obj
    elif dt in _EXACT_WIDEN:
        arr = obj.astype(_EXACT_WIDEN[dt])
    else:
        if dt.kind == "O":
            why = "an object array (its elements could be anything)"
        elif dt.kind in "iu":
            why = ("%s (values above 2**53 would round); convert it "
                   "explicitly with .astype(numpy.float64)" % dt)
        else:
            why = str(dt)
        raise TensorTypeError(
            "marsql.tensor holds float32 or float64 elements; cannot send "
            "an array of dtype " + why)
    if arr.ndim > MAX_NDIM:
        raise TensorValueError(
            "marsql.tensor has at most %d dimensions; this array has %d"
            % (MAX_NDIM, arr.ndim))
    if any(d > MAX_EXTENT for d in arr.shape):
        raise TensorValueError("an extent of %s exceeds 2147483647" % (arr.shape,))
    if 8 + 4 * arr.ndim + arr.size * arr.dtype.itemsize > MAX_VALUE_BYTES:
        raise TensorValueError(
            "tensor is too large: %d bytes; one PostgreSQL value stops at "
            "1 GB, store it as a marsql.chunked_tensor"
            % (arr.size * arr.dtype.itemsize))
    return arr


def encode_binary(obj):
    """ndarray -> bytes of the binary form (what tensor_recv reads)."""
    arr = as_tensor_array(obj)
    code = _DTYPE_CODE[np.dtype(arr.dtype.newbyteorder("="))]
    head = struct.pack(">BBBB%di" % arr.ndim, VERSION, code, arr.ndim, 0,
                       *arr.shape)
    # C order whatever the input's layout; astype to big-endian is a pure
    # byte swap, so NaN payloads and -0 keep their bits
    body = np.ascontiguousarray(arr, dtype=_WIRE[code]).tobytes()
    return head + body


def decode_binary(data):
    """bytes-like of the binary form (what tensor_send writes) -> ndarray.

    The result is a new, writable, native-endian C-ordered array."""
    mv = memoryview(data)
    if mv.ndim != 1 or mv.format != "B":
        mv = mv.cast("B")
    n = len(mv)
    if n < 4:
        raise TensorValueError("invalid binary tensor: %d bytes, need at least 4" % n)
    version, code, ndim, flags = mv[0], mv[1], mv[2], mv[3]
    if version != VERSION:
        raise TensorValueError(
            "invalid binary tensor: format version %d is not supported "
            "(this client reads version 1)" % version)
    if code not in _CODE_DTYPE:
        raise TensorValueError("invalid binary tensor: unknown dtype code %d" % code)
    if ndim > MAX_NDIM:
        raise TensorValueError("invalid binary tensor: %d dimensions" % ndim)
    if flags != 0:
        raise TensorValueError("invalid binary tensor: flags %d, expected 0" % flags)
    off = 4 + 4 * ndim
    if n < off:
        raise TensorValueError("invalid binary tensor: truncated header")
    shape = struct.unpack_from(">%di" % ndim, mv, 4)
    if any(d < 0 for d in shape):
        raise TensorValueError("invalid binary tensor: negative extent in %s" % (shape,))
    count = 1
    for d in shape:
        count *= d
    itemsize = _CODE_DTYPE[code].itemsize
    if n != off + count * itemsize:
        raise TensorValueError(
            "invalid binary tensor: %d bytes, shape %s needs %d"
            % (n, shape, off + count * itemsize))
    wire = np.frombuffer(mv, dtype=_WIRE[code], count=count, offset=off)
    return wire.astype(_CODE_DTYPE[code]).reshape(shape)


def _number_list(flat):
    # repr of a Python float: shortest round trip; nan/inf/-inf and -0.0 are
    # all read by tensor_in (inf, nan in any case)
    return ",".join(map(repr, flat.tolist()))


def encode_text(obj):
    """ndarray -> text literal 'float32(2,2):[1,2,3,4]' (what tensor_in reads)."""
    arr = as_tensor_array(obj)
    name = "float32" if arr.dtype.itemsize == 4 else "float64"
    flat = np.ascontiguousarray(arr, dtype=np.float64).reshape(-1)
    head = "%s(%s):" % (name, ",".join(map(str, arr.shape)))
    if arr.ndim == 0:
        return head + repr(float(flat[0]))
    return head + "[" + _number_list(flat) + "]"


def _nested_shape(body, depth, text):
    """Shape of a rectangular nested list body (no spaces) of given depth."""
    shape = []
    for k in range(depth):
        if k == depth - 1:
            end = body.find("]", k)
            inner = body[k + 1:end]
            shape.append(0 if inner == "" else inner.count(",") + 1)
        else:
            end = body.find("]" * (depth - k), k)
            shape.append(body.count("]" * (depth - k - 1) + ",", k, end) + 1)
        if end < 0:
            raise TensorValueError("malformed tensor text: %.60r" % text)
    return tuple(shape)


def _parse_numbers(s, dtype, text):
    if s == "":
        return np.empty(0, dtype)
    # numpy's text reader parses NaN, Infinity, -Infinity and every decimal
    # correctly rounded to a double; float32 text is the shortest decimal
    # that reads back to its float32, and that decimal read as a double then
    # rounded to float32 is the same float32.  A malformed number stops the
    # reader early: the count check of the caller reports it.
    with warnings.catch_warnings():
        # numpy warns when it stops before the end: malformed text
        warnings.simplefilter("error", DeprecationWarning)
        try:
            vals = np.fromstring(s, dtype=np.float64, sep=",")
        except (DeprecationWarning, ValueError):
            raise TensorValueError("malformed tensor text: %.60r" % text) from None
    if vals.size != s.count(",") + 1:
        raise TensorValueError("malformed tensor text: %.60r" % text)
    return vals.astype(dtype) if dtype != np.float64 else vals


def decode_text(text):
    """text of a tensor (what tensor_out writes) -> ndarray."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = bytes(text).decode("ascii")
    s = text.strip()
    dtype = np.dtype(np.float64)
    shape = None
    colon = s.find(":")
    if colon >= 0:
        head, s = s[:colon], s[colon + 1:]
        paren = head.find("(")
        name = head if paren < 0 else head[:paren]
        if name:
            try:
                dtype = _DTYPE_NAMES[name.lower()]
            except KeyError:
                raise TensorValueError("unknown tensor dtype %r" % name) from None
        if paren >= 0:
            if not head.endswith(")"):
                raise TensorValueError("malformed tensor header: %r" % head)
            inner = head[paren + 1:-1].strip(",")
            shape = tuple(int(x) for x in inner.split(",")) if inner else ()
    if s.startswith("["):
        depth = len(s) - len(s.lstrip("["))
        if not s.endswith("]" * depth):
            raise TensorValueError("malformed tensor text: %.60r" % text)
        flat = _parse_numbers(s.replace("[", "").replace("]", ""), dtype, text)
        if shape is None:
            shape = _nested_shape(s, depth, text)
    else:
        flat = _parse_numbers(s, dtype, text)
        if shape is None:
            shape = ()
        if flat.size != 1:
            raise TensorValueError("malformed tensor text: %.60r" % text)
    count = 1
    for d in shape:
        count *= d
    if count != flat.size:
        raise TensorValueError(
            "malformed tensor text: shape %s but %d numbers" % (shape, flat.size))
    return flat.reshape(shape)
