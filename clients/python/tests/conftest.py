"""Shared fixtures of the marsql client tests, and a TAP report.

The tests reach a server through the libpq environment variables (PGHOST,
PGPORT, PGUSER, PGDATABASE) in a database where CREATE EXTENSION marsql
was run.  Set MARSQL_TAP=file to get one TAP line per test in that file
("ok N - name # SKIP reason" for a skipped one), which test/run.sh tallies.
"""

import os

import numpy as np
import pytest

_tap = {"n": 0, "file": None}


def pytest_configure(config):
    path = os.environ.get("MARSQL_TAP")
    if path:
        _tap["file"] = open(path, "w")


def _emit(ok, name, directive=""):
    f = _tap["file"]
    if f is None:
        return
    _tap["n"] += 1
    f.write("%s %d - %s%s\n" % ("ok" if ok else "not ok", _tap["n"], name, directive))
    f.flush()


def _reason(report):
    lr = report.longrepr
    if isinstance(lr, tuple) and len(lr) == 3:
        return str(lr[2]).replace("Skipped: ", "")
    return str(lr)


def pytest_collectreport(report):
    # a module skipped as a whole: its driver is not installed
    if report.skipped:
        _emit(True, report.nodeid, " # SKIP " + _reason(report))
    elif report.failed:
        _emit(False, report.nodeid + " (collection)")


def pytest_runtest_logreport(report):
    if report.when in ("setup", "call") and report.skipped and not hasattr(report, "wasxfail"):
        _emit(True, report.nodeid, " # SKIP " + _reason(report))
    elif report.when == "setup" and report.failed:
        _emit(False, report.nodeid + " (setup)")
    elif report.when == "call":
        _emit(report.passed or hasattr(report, "wasxfail"), report.nodeid)
    elif report.when == "teardown" and report.failed:
        _emit(False, report.nodeid + " (teardown)")


def pytest_unconfigure(config):
    f = _tap["file"]
    if f is not None:
        f.write("1..%d\n" % _tap["n"])
        f.close()


# --------------------------------------------------------------------------
# arrays every adapter must carry exactly
# --------------------------------------------------------------------------
def _cases():
    rng = np.random.default_rng(20)
    special = np.array([np.nan, np.inf, -np.inf, -0.0, 0.0, 5e-324,
                        np.finfo(np.float64).max, -1.5], np.float64)
    special32 = np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45,
                          np.finfo(np.float32).max, 0.1], np.float32)
    m = rng.standard_normal((6, 9))
    cases = {
        "f64_2d": m,
        "f32_2d": rng.standard_normal((4, 5)).astype(np.float32),
        "f64_0d": np.array(2.5),
        "f32_0d": np.array(-0.0, np.float32),
        "f64_empty_1d": np.zeros(0),
        "f32_empty_0x3": np.zeros((0, 3), np.float32),
        "f64_empty_2x0x4": np.zeros((2, 0, 4)),
        "f64_special": special,
        "f32_special": special32,
        "f64_5d": rng.standard_normal((2, 1, 3, 2, 2)),
        "f64_fortran": np.asfortranarray(m),
        "f64_noncontiguous": m[::2, ::3],
        "f32_transposed": rng.standard_normal((3, 7)).astype(np.float32).T,
        "f64_bigendian": m.astype(">f8"),
        "f64_1x1": np.array([[7.0]]),
        # every other dtype (issue 21), extremes and special values included
        "bool_2d": np.array([[True, False, True], [False, False, True]]),
        "bool_0d": np.array(True),
        "i8_extremes": np.array([-128, 127, 0], np.int8),
        "i16_extremes": np.array([[-32768], [32767]], np.int16),
        "i32_extremes": np.array([-2 ** 31, 2 ** 31 - 1, 5], np.int32),
        "i64_extremes": np.array([-2 ** 63, 2 ** 63 - 1, 2 ** 53 + 1], np.int64),
        "i64_empty_0x2": np.zeros((0, 2), np.int64),
        "u8_extremes": np.array([0, 255, 7], np.uint8),
        "f16_special": np.array([65504, -65504, 6e-08, 6.1e-05, -0.0, np.nan, np.inf,
                                 -np.inf, 0.1], np.float16),
        "c64_special": np.array([complex(1, 2), complex(-0.0, -0.0), complex(np.nan, np.nan),
                                 complex(np.inf, -np.inf), complex(3.4028235e38, 1e-45)],
                                np.complex64),
        "c128_special": np.array([complex(1, -2), complex(0.0, -0.0), complex(-0.0, 0.0),
                                  complex(np.nan, np.nan), complex(-np.inf, np.inf),
                                  complex(1.7976931348623157e308, -5e-324)], np.complex128),
        "c128_0d": np.array(complex(0.5, -1.5)),
        "i32_bigendian": np.array([[1, -2], [3, 4]], ">i4"),
        # a 0-d and an empty value of every dtype
        "bool_empty": np.zeros(0, np.bool_),
        "i8_0d": np.array(-7, np.int8),
        "i8_empty_2x0": np.zeros((2, 0), np.int8),
        "i16_0d": np.array(-300, np.int16),
        "i16_empty": np.zeros(0, np.int16),
        "i32_0d": np.array(2 ** 31 - 1, np.int32),
        "i32_empty_0x0": np.zeros((0, 0), np.int32),
        "i64_0d": np.array(-2 ** 53 - 1, np.int64),
        "u8_0d": np.array(200, np.uint8),
        "u8_empty": np.zeros(0, np.uint8),
        "f16_0d": np.array(-0.0, np.float16),
        "f16_empty_3x0": np.zeros((3, 0), np.float16),
        "f16_subnormal": np.array([[6e-08, -6e-08], [1e-05, 0.000061]], np.float16),
        "c64_0d": np.array(complex(0.0, -0.0), np.complex64),
        "c64_empty": np.zeros(0, np.complex64),
        "c128_empty_0x2": np.zeros((0, 2), np.complex128),
        "c128_bigendian": np.array([complex(1, -2), complex(np.inf, 0.5)], ">c16"),
        "bool_fortran": np.asfortranarray(np.array([[True, False], [False, False], [True, True]])),
        "i64_noncontiguous": np.arange(-20, 20, dtype=np.int64).reshape(5, 8)[::2, 1::3] * (2 ** 40 + 1),
    }
    return cases


CASES = _cases()


@pytest.fixture(params=sorted(CASES))
def case(request):
    return CASES[request.param]


def same(got, want):
    """exactly the same tensor: shape, dtype, values (NaN at NaN, -0 at -0)"""
    want = np.asarray(want)
    assert isinstance(got, np.ndarray), "got %r" % (type(got),)
    assert got.shape == want.shape, (got.shape, want.shape)
    assert got.dtype == want.dtype.newbyteorder("="), (got.dtype, want.dtype)
    assert np.array_equal(got, want, equal_nan=True), (got, want)
    if want.dtype.kind == "c":
        # part by part: NaN at NaN, -0 at -0 in the real and imaginary parts
        same(np.ascontiguousarray(got.real), np.ascontiguousarray(want.real))
        same(np.ascontiguousarray(got.imag), np.ascontiguousarray(want.imag))
    elif want.dtype.kind == "f":
        assert np.array_equal(np.signbit(got), np.signbit(want)), "sign of zero"
    return True
