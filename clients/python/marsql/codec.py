"""The tensor codec: numpy arrays to and from marsql.tensor's wire forms.

One module shared by every driver adapter; it needs numpy only.

Binary form (docs/tensor.md, "Binary format"), big-endian:
    version u8 (1 for float32/float64, 2 for the other dtypes)
    | dtype u8 (1 float32, 2 float64, 3 bool, 4 int8, 5 int16, 6 int32,
      7 int64, 8 uint8, 9 float16, 10 complex64, 11 complex128)
    | ndim u8 | flags u8 = 0 | ndim x int32 extents | elements in C order
    (bool one byte 0/1, complex the real then the imaginary part)
Text form: what the server's tensor_out writes and tensor_in reads, e.g.
    float32:[[1,2],[3,4]]    [1.5,NaN]    (0,3):[]    5    int64:[1,2]
    bool:[true,false]    complex128:[1+2j,NaN-Infinityj]
encode_text writes the shape-header form 'float32(2,2):[1,2,3,4]' with each
value's shortest round-trip repr (a float32 or float16 as the exact double
of its value, integers in full), so text, like binary, carries every bit:
NaN, +-Inf, -0, denormals, int64 extremes.

Arrays are validated before anything is sent: bool, int8, int16, int32,
int64, uint8, float16, float32, float64, complex64 and complex128 go as
they are (marsql 0.1 servers read float32 and float64 only); uint16 and
uint32 are widened exactly to int32 and int64; every other dtype (uint64,
object, strings, longdouble, ...) is a TensorTypeError, and more dimensions
or a larger value than the server accepts a TensorValueError.
"""

import math
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
VERSION = 1                      # float32 and float64 (marsql 0.1)
VERSION_2 = 2                    # every dtype
# the server's dtype codes (src/kernels/tensor_layout.h): never renumbered
_CODE_DTYPE = {
    1: np.dtype(np.float32), 2: np.dtype(np.float64), 3: np.dtype(np.bool_),
    4: np.dtype(np.int8), 5: np.dtype(np.int16), 6: np.dtype(np.int32),
    7: np.dtype(np.int64), 8: np.dtype(np.uint8), 9: np.dtype(np.float16),
    10: np.dtype(np.complex64), 11: np.dtype(np.complex128),
}
_DTYPE_CODE = {dt: code for code, dt in _CODE_DTYPE.items()}
# big-endian wire dtypes; numpy's complex '>c16' is the real then the
# imaginary part, each big-endian, as the server writes them
_WIRE = {code: dt.newbyteorder(">") for code, dt in _CODE_DTYPE.items()}
# widened without loss
_EXACT_WIDEN = {
    np.dtype(np.uint16): np.dtype(np.int32),
    np.dtype(np.uint32): np.dtype(np.int64),
}
# names in a text header, as the server's mt_dtype_from_name reads them
# (output uses numpy's names only)
_DTYPE_NAMES = {
    "float32": np.dtype(np.float32), "float4": np.dtype(np.float32),
    "f4": np.dtype(np.float32), "real": np.dtype(np.float32),
    "single": np.dtype(np.float32),
    "float64": np.dtype(np.float64), "float8": np.dtype(np.float64),
    "f8": np.dtype(np.float64), "double": np.dtype(np.float64),
    "double precision": np.dtype(np.float64), "float": np.dtype(np.float64),
    "bool": np.dtype(np.bool_), "boolean": np.dtype(np.bool_),
    "int8": np.dtype(np.int8), "int16": np.dtype(np.int16),
    "smallint": np.dtype(np.int16), "int32": np.dtype(np.int32),
    "integer": np.dtype(np.int32), "int64": np.dtype(np.int64),
    "bigint": np.dtype(np.int64), "uint8": np.dtype(np.uint8),
    "float16": np.dtype(np.float16), "half": np.dtype(np.float16),
    "complex64": np.dtype(np.complex64), "complex128": np.dtype(np.complex128),
    "complex": np.dtype(np.complex128),
}


class TensorError(Exception):
    """Base class of the codec's errors."""


class TensorTypeError(TensorError, TypeError):
    """The value is not a numpy array of a dtype marsql.tensor can hold."""


class TensorValueError(TensorError, ValueError):
    """The array or the message does not fit marsql.tensor (dims, size, bytes)."""


def as_tensor_array(obj):
    """Validates obj and returns it as an ndarray of a dtype marsql.tensor
    holds.

    Accepts a numpy ndarray or a numpy scalar; the result may share memory
    with obj (no copy when the dtype is already one the server holds)."""
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
            why = ("%s (no marsql dtype holds every value); convert it "
                   "explicitly, e.g. with .astype(numpy.int64)" % dt)
        else:
            why = str(dt)
        raise TensorTypeError(
            "marsql.tensor holds bool, int8-64, uint8, float16-64 or "
            "complex64/128 elements; cannot send an array of dtype " + why)
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
    version = VERSION if code in (1, 2) else VERSION_2
    head = struct.pack(">BBBB%di" % arr.ndim, version, code, arr.ndim, 0,
                       *arr.shape)
    if code == 3:
        # a bool array made by a view may hold bytes other than 0 and 1
        body = (np.ascontiguousarray(arr).view(np.uint8) != 0).astype(np.uint8).tobytes()
        return head + body
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
    if version not in (VERSION, VERSION_2):
        raise TensorValueError(
            "invalid binary tensor: format version %d is not supported "
            "(this client reads versions 1 and 2)" % version)
    if code not in _CODE_DTYPE or (version == VERSION and code not in (1, 2)):
        raise TensorValueError(
            "invalid binary tensor: unknown dtype code %d for version %d" % (code, version))
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
    if code == 3:
        raw = np.frombuffer(mv, dtype=np.uint8, count=count, offset=off)
        if np.any(raw > 1):
            raise TensorValueError("invalid binary tensor: a bool byte other than 0 or 1")
        return raw.astype(np.bool_).reshape(shape)
    wire = np.frombuffer(mv, dtype=_WIRE[code], count=count, offset=off)
    return wire.astype(_CODE_DTYPE[code]).reshape(shape)


def _complex_text(z):
    # 're+imj' with the imaginary part's sign always written (-0 too)
    im = z.imag
    if im != im:                                     # NaN
        return "%r+nanj" % z.real
    return "%r%s%rj" % (z.real, "-" if math.copysign(1.0, im) < 0 else "+", abs(im))


def _element_texts(arr):
    """the elements of arr in C order as tensor_in reads them, exactly"""
    kind = arr.dtype.kind
    if kind == "b":
        return ["true" if x else "false" for x in np.ravel(arr).tolist()]
    if kind in "iu":
        return [str(x) for x in np.ravel(arr).tolist()]
    if kind == "c":
        # complex64 parts as the exact doubles of their float32 values
        flat = np.ascontiguousarray(arr, dtype=np.complex128).reshape(-1)
        return [_complex_text(z) for z in flat.tolist()]
    # repr of a Python float: shortest round trip; nan/inf/-inf and -0.0 are
    # all read by tensor_in (inf, nan in any case); float16 and float32 as
    # the exact double of their value
    return [repr(x) for x in np.ascontiguousarray(arr, dtype=np.float64).reshape(-1).tolist()]


def encode_text(obj):
    """ndarray -> text literal 'float32(2,2):[1,2,3,4]' (what tensor_in reads)."""
    arr = as_tensor_array(obj)
    name = np.dtype(arr.dtype.newbyteorder("=")).name
    head = "%s(%s):" % (name, ",".join(map(str, arr.shape)))
    texts = _element_texts(arr)
    if arr.ndim == 0:
        return head + texts[0]
    return head + "[" + ",".join(texts) + "]"


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
    if dtype.kind in "biuc":
        return _parse_exact(s, dtype, text)
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


def _parse_exact(s, dtype, text):
    # bool, integers (exactly, as Python ints) and complex (each part as a
    # double, then to complex64 as the float32 case below)
    toks = s.split(",")
    try:
        if dtype.kind == "b":
            vals = []
            for t in toks:
                t = t.strip().lower()
                if t in ("true", "t", "1"):
                    vals.append(True)
                elif t in ("false", "f", "0"):
                    vals.append(False)
                else:
                    raise ValueError(t)
            return np.array(vals, np.bool_)
        if dtype.kind in "iu":
            info = np.iinfo(dtype)
            vals = [int(t) for t in toks]
            if any(v < info.min or v > info.max for v in vals):
                raise ValueError("out of range")
            return np.array(vals, dtype)
        return np.array([complex(t.strip()) for t in toks], np.complex128).astype(dtype)
    except ValueError:
        raise TensorValueError("malformed tensor text: %.60r" % text) from None


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
