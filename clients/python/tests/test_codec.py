"""The pure codec (marsql.codec): no server needed."""

import struct

import numpy as np
import pytest

import marsql
from marsql import codec
from conftest import same


def test_binary_round_trip(case):
    same(codec.decode_binary(codec.encode_binary(case)), case)


def test_text_round_trip(case):
    same(codec.decode_text(codec.encode_text(case)), case)


def test_binary_layout():
    # the example of docs/tensor.md, "Binary format"
    b = codec.encode_binary(np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert b.hex() == ("0102020000000002000000023ff0000000000000"
                       "400000000000000040080000000000004010000000000000")
    assert codec.encode_binary(np.array(1.5, np.float32)).hex() == "010100003fc00000"


def test_decode_server_text():
    # forms tensor_out writes
    same(codec.decode_text("[[1,2],[3,4]]"), np.array([[1.0, 2], [3, 4]]))
    same(codec.decode_text("float32:-260.93817"), np.array(-260.93817, np.float32))
    same(codec.decode_text("5"), np.array(5.0))
    same(codec.decode_text("[]"), np.zeros(0))
    same(codec.decode_text("(0,3):[]"), np.zeros((0, 3)))
    same(codec.decode_text("float32(2,0):[]"), np.zeros((2, 0), np.float32))
    same(codec.decode_text("[NaN,Infinity,-Infinity,-0]"),
         np.array([np.nan, np.inf, -np.inf, -0.0]))
    same(codec.decode_text("[[[1],[2]],[[3],[4]],[[5],[6]]]"),
         np.arange(1.0, 7).reshape(3, 2, 1))
    same(codec.decode_text(b"float32:[0.1]"), np.array([0.1], np.float32))


def test_float32_text_is_exact():
    # every float32 written shortest reads back to the same bits
    rng = np.random.default_rng(7)
    bits = rng.integers(0, 2 ** 32, 20000, dtype=np.uint64).astype(np.uint32)
    f = bits.view(np.float32)
    f = f[np.isfinite(f)]
    text = "float32:[" + ",".join(str(x) for x in f) + "]"
    got = codec.decode_text(text)
    assert np.array_equal(got.view(np.uint32), f.view(np.uint32))


def test_dtypes_are_kept():
    # every dtype the server holds goes as it is; uint16/uint32 widen exactly
    same(codec.decode_binary(codec.encode_binary(np.array([1, -2], np.int32))),
         np.array([1, -2], np.int32))
    same(codec.decode_binary(codec.encode_binary(np.array([0.5], np.float16))),
         np.array([0.5], np.float16))
    same(codec.decode_binary(codec.encode_binary(np.float32(3.5))),
         np.array(3.5, np.float32))
    same(codec.decode_binary(codec.encode_binary(np.array([7, -8], ">i2"))),
         np.array([7, -8], np.int16))
    same(codec.decode_binary(codec.encode_binary(np.array([65535], np.uint16))),
         np.array([65535], np.int32))
    same(codec.decode_binary(codec.encode_binary(np.array([2 ** 32 - 1], np.uint32))),
         np.array([2 ** 32 - 1], np.int64))


def test_binary_layout_of_new_dtypes():
    # version 2 for every dtype but float32/float64 (docs/tensor.md)
    assert codec.encode_binary(np.array([True, False])).hex() == "02030100000000020100"
    assert codec.encode_binary(np.array([-2, 258], np.int16)).hex() == "0205010000000002fffe0102"
    assert codec.encode_binary(np.array([1 - 2j])).hex() == (
        "020b0100000000013ff0000000000000c000000000000000")
    assert codec.encode_binary(np.array(7, np.int32)).hex() == "0206000000000007"
    # a bool array holding other bytes (a view) is sent as 0/1
    odd = np.array([0, 2, 255], np.uint8).view(np.bool_)
    assert codec.encode_binary(odd).hex() == "0203010000000003000101"


def test_decode_server_text_of_new_dtypes():
    same(codec.decode_text("bool:[true,false]"), np.array([True, False]))
    same(codec.decode_text("int64:[-9223372036854775808,9223372036854775807]"),
         np.array([-2 ** 63, 2 ** 63 - 1], np.int64))
    same(codec.decode_text("uint8(0,3):[]"), np.zeros((0, 3), np.uint8))
    same(codec.decode_text("float16:[65500,6e-08,-0,NaN]"),
         np.array([65504, 6e-08, -0.0, np.nan], np.float16))
    same(codec.decode_text("complex128:[1+2j,-0-0j,NaN+NaNj,Infinity-Infinityj,0+2j]"),
         np.array([1 + 2j, complex(-0.0, -0.0), complex(np.nan, np.nan),
                   complex(np.inf, -np.inf), 2j]))
    same(codec.decode_text("complex64:0.1-0.2j"), np.array(0.1 - 0.2j, np.complex64))
    same(codec.decode_text("int16:[[1],[2]]"), np.array([[1], [2]], np.int16))


@pytest.mark.parametrize("bad, kind, words", [
    (np.array([1, 2], np.uint64), marsql.TensorTypeError, "uint64"),
    (np.array([1, "a"], object), marsql.TensorTypeError, "object array"),
    (np.array([1 + 2j], np.clongdouble), marsql.TensorTypeError, "complex"),
    (np.array([1.0], np.longdouble), marsql.TensorTypeError, "float128"),
    (np.array(["x"]), marsql.TensorTypeError, "<U1"),
    ([1.0, 2.0], marsql.TensorTypeError, "numpy array, not list"),
    (np.ma.masked_array([1.0, 2.0], [False, True]), marsql.TensorTypeError, "masked array"),
    (np.zeros((1,) * 32), None, None),
])
def test_validation(bad, kind, words):
    if kind is None:
        codec.encode_binary(bad)        # 32 dimensions are allowed
        return
    with pytest.raises(kind, match=words):
        codec.encode_binary(bad)
    with pytest.raises(kind):
        codec.encode_text(bad)
    assert issubclass(kind, TypeError)


def test_too_many_dimensions():
    arr = np.zeros((1,) * 32)
    # numpy 1.x stops at 32 dimensions itself; a 33-d view where numpy allows it
    try:
        arr = arr[..., np.newaxis]
    except (ValueError, IndexError):
        pytest.skip("this numpy has at most 32 dimensions")
    with pytest.raises(marsql.TensorValueError, match="at most 32 dimensions"):
        codec.encode_binary(arr)


def test_too_large():
    big = np.lib.stride_tricks.as_strided(np.zeros(1), shape=(2 ** 27 + 1,), strides=(0,))
    with pytest.raises(marsql.TensorValueError, match="chunked_tensor"):
        codec.encode_binary(big)


@pytest.mark.parametrize("data, words", [
    (b"", "at least 4"),
    (b"\x03\x01\x00\x00", "version 3"),
    (b"\x01\x03\x00\x00", "dtype code 3"),
    (b"\x02\x0c\x00\x00", "dtype code 12"),
    (b"\x02\x03\x00\x00\x02", "bool byte"),
    (b"\x02\x07\x00\x00\x00\x00\x00\x00", "needs 12"),
    (b"\x01\x01\x21\x00", "33 dimensions"),
    (b"\x01\x01\x00\x01\x00\x00\x00\x00", "flags"),
    (b"\x01\x01\x01\x00\x00\x00", "truncated"),
    (b"\x01\x01\x01\x00" + struct.pack(">i", -1), "negative"),
    (b"\x01\x01\x00\x00\x00\x00\x00", "needs 8"),
    (b"\x01\x01\x00\x00\x00\x00\x00\x00\x00", "needs 8"),
])
def test_malformed_binary(data, words):
    with pytest.raises(marsql.TensorValueError, match=words):
        codec.decode_binary(data)


@pytest.mark.parametrize("text", [
    "[1,,2]", "[1,x]", "[[1,2],[3]]", "float128:[1]", "(2,2):[1,2,3]", "[1,2", "[1 2]",
    "int8:[128]", "int32:[1.5]", "bool:[2]", "complex128:[1+2i]",
])
def test_malformed_text(text):
    with pytest.raises(marsql.TensorValueError):
        codec.decode_text(text)


def test_decoded_arrays_are_writable():
    a = codec.decode_binary(codec.encode_binary(np.ones((2, 2))))
    a[0, 0] = 5
    assert a.flags.c_contiguous and a.flags.writeable


def test_chunked_handle_text():
    ct = marsql.ChunkedTensor('"my big" float32 (20000, 300) tiles (4096, 300)')
    assert ct.storage == '"my big"'
    assert ct.dtype == np.float32 and ct.shape == (20000, 300)
    assert ct.tile_shape == (4096, 300) and ct.nbytes == 20000 * 300 * 4
    assert str(ct) == '"my big" float32 (20000, 300) tiles (4096, 300)'
    with pytest.raises(TypeError, match="no connection"):
        ct.to_numpy()
    with pytest.raises(marsql.TensorValueError):
        marsql.ChunkedTensor("big float16 (2) tiles (2)")
