#!/usr/bin/python3
"""numpy agreement test for marsql's tensor math API.

Every function of the tensor math API (elementwise, reductions, shape,
subscripting, linear algebra) is run on seeded random inputs and compared
with the value numpy computes for the same inputs.  Prints TAP: a plan line,
then one "ok N - ..." / "not ok N - ..." line per check, with "# " lines
showing the error and the SQL when a check fails.  A function the server
lacks (SQLSTATE 42883) is a failing check; the remaining checks still run.
Exits non-zero when any check failed.

Run with Debian's python3 (python3-numpy); the python3 on PATH may be a
pyenv build without numpy:
    /usr/bin/python3 test/numpy/agree.py
The server is reached by running psql; connection settings come from the
PG* environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE).  The
database must have the marsql extension.  NUMPY_AGREE_FULL_SQL=1 prints
failing SQL in full instead of abbreviating the tensor literals.

Inputs are numpy.random.default_rng(SEED) draws, float64 and float32,
written as tensor literals with every value's shortest round-trip repr
(float32 values as the exact double of the float32 value behind a
'float32(shape):' header), so the server sees exactly numpy's inputs.
Matrices stay small (at most 64 x 64).

Comparison: |got - numpy| <= atol + rtol * |numpy| elementwise, NaN must
face NaN and an infinity the same infinity; shapes must be equal, and the
result's dtype (marsql.dtype) must be numpy's dtype.
"""

import json
import os
import re
import subprocess
import sys
import time

import numpy as np

# nan/inf inputs and results are intended: no floating-point warnings
np.seterr(all='ignore')

SEED = 20240917

# --------------------------------------------------------------------------
# Tolerances (rtol, atol).  eps64 = 2.2e-16, eps32 = 1.2e-7.
# --------------------------------------------------------------------------
EPS64 = float(np.finfo(np.float64).eps)
EPS32 = float(np.finfo(np.float32).eps)

# Data movement and selection (shape functions, subscripting, take, diag,
# tril/triu, abs, floor, ceil, sign, relu, clip, maximum/minimum, where,
# argmin/argmax, min/max): no rounding happens anywhere, so results must be
# bit-identical to numpy.
EXACT = (0.0, 0.0)
# Elementwise float64: + - * / sqrt are correctly rounded (IEEE), and libm's
# and numpy's transcendental functions are within a few ulp (1 ulp = 2.2e-16
# relative); 1e-12 leaves a >1000x margin while catching any real formula
# error (e.g. exp(x)-1 instead of expm1 loses all digits near 0).  The tiny
# atol only covers results at a zero crossing such as sin(x) near pi.
F64 = (1e-12, 1e-300)
F64_TRIG = (1e-12, 1e-15)
# Elementwise float32: numpy's SIMD float32 kernels are within ~4 ulp
# (4.8e-7 relative), and marsql may compute in double and round once;
# rtol 1e-5 (about 80 float32 ulp) plus atol 1e-6 for results near zero.
F32 = (1e-5, 1e-6)
# Linear algebra (solve, inv, det, lstsq, decompositions, matrix norms):
# compared normwise, |got - numpy| <= LINALG * max|numpy|.  Test matrices are
# built with condition number <= 100 and n <= 64, where a backward-stable
# algorithm is accurate to about n * eps * cond = 64 * 2.2e-16 * 100 = 1.4e-12;
# 1e-9 leaves room for different blocking and pivoting on both sides.
LINALG64 = 1e-9
# float32 linear algebra: n * eps32 * cond = 8 * 1.2e-7 * 10 = 1e-5 -> 1e-4.
LINALG32 = 1e-4


def red_tol(x, dt=np.float64):
    """Reductions (sum, mean, prod, std, var, cumsum, vector norms, aggregates).

    Summation error is bounded by n * eps * sum|x|, whatever the order
    (numpy sums pairwise, marsql may sum sequentially or in double).  Our
    reductions have n <= 120, so n * eps <= 2.7e-14 (float64) and 1.4e-5
    (float32); atol is 1e-12 * sum|x| (float64) and 1e-5 * sum|x|
    (float32) over the whole input, rtol 1e-12 / 1e-5.
    """
    s = float(np.sum(np.abs(np.asarray(x, np.float64)[np.isfinite(x)])))
    if dt == np.float32:
        return (1e-5, 1e-5 * s + 1e-30)
    return (1e-12, 1e-12 * s + 1e-300)


def prod_tol(dt=np.float64):
    # products of n <= 60 factors: relative error <= n * eps
    return (1e-12, 1e-300) if dt == np.float64 else (2e-5, 1e-30)


def mm_tol(absprod, k, dt=np.float64):
    """matmul/dot/inner/tensordot: classic bound |C - C*| <= gamma_k |A||B|
    elementwise (any summation order, FMA or not); absprod is the same
    product of |A| and |B|, k the contraction length; we allow 4 k eps."""
    eps = EPS32 if dt == np.float32 else EPS64
    return (0.0, 4.0 * max(k, 1) * eps * np.asarray(absprod, np.float64) + 1e-300)


def la(ref, dt=np.float64, factor=1.0):
    """normwise linear-algebra tolerance for a reference result"""
    r = np.asarray(ref, np.float64)
    scale = float(np.max(np.abs(r))) if r.size else 0.0
    return (0.0, (LINALG32 if dt == np.float32 else LINALG64) * factor * scale + 1e-300)


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------
rng = np.random.default_rng(SEED)


def normal(*shape, dt=np.float64, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(dt)


def uniform(lo, hi, *shape, dt=np.float64):
    return rng.uniform(lo, hi, shape).astype(dt)


def nonzero(*shape, dt=np.float64):
    """magnitudes in [0.5, 2), random signs: safe divisors"""
    return (rng.uniform(0.5, 2.0, shape) * rng.choice([-1.0, 1.0], shape)).astype(dt)


def orth(n):
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def wellcond(m, n=None, cond=10.0):
    """m x n matrix with singular values geomspace(1, cond), shuffled"""
    n = m if n is None else n
    k = min(m, n)
    s = np.geomspace(1.0, cond, k)
    rng.shuffle(s)
    u = orth(m)[:, :k]
    v = orth(n)[:, :k]
    return (u * s) @ v.T


def lowrank(m, n, r):
    return normal(m, r) @ normal(r, n)


def spd(n, lo=1.0, hi=10.0):
    q = orth(n)
    a = (q * np.linspace(lo, hi, n)) @ q.T
    return (a + a.T) / 2


def symm(n, lo=-5.0, hi=5.0):
    q = orth(n)
    a = (q * np.linspace(lo, hi, n)) @ q.T
    return (a + a.T) / 2


def f32(a):
    return np.asarray(a, np.float32)


# --------------------------------------------------------------------------
# SQL text
# --------------------------------------------------------------------------
def _fmt(a, elem=lambda x: repr(float(x))):
    if a.ndim == 0:
        return elem(a)
    return '[' + ','.join(_fmt(x, elem) for x in a) + ']'


def _complex_text(z):
    z = complex(z)
    re_, im = repr(z.real), repr(abs(z.imag)) if not np.isnan(z.imag) else 'nan'
    sign = '-' if np.signbit(z.imag) and not np.isnan(z.imag) else '+'
    return '%s%s%sj' % (re_, sign, im)


def lit(a):
    """a tensor literal holding exactly the values of numpy array a (any of
    marsql's dtypes: bool, int8-64, uint8, float16/32/64, complex64/128)"""
    a = np.asarray(a)
    shape = ','.join(str(d) for d in a.shape)
    name = a.dtype.name
    if name == 'float64':
        head = 'float64(%s):' % shape if a.size == 0 else ''
    elif name in DTYPES:
        head = '%s(%s):' % (name, shape)
    else:
        raise TypeError(a.dtype)
    if a.dtype.kind == 'b':
        body = _fmt(a, lambda x: 'true' if bool(x) else 'false')
    elif a.dtype.kind in 'iu':
        body = _fmt(a, lambda x: str(int(x)))
    elif a.dtype.kind == 'c':
        body = _fmt(a, _complex_text)
    else:
        body = _fmt(a.astype(np.float64))
    return "'%s%s'::marsql.tensor" % (head, body)


def f8(x):
    return "'%r'::float8" % float(x)


def iarr(xs):
    if not xs:
        return 'ARRAY[]::int[]'
    return 'ARRAY[%s]::int[]' % ','.join('NULL' if x is None else str(int(x)) for x in xs)


def tarr(arrs):
    return 'ARRAY[%s]::marsql.tensor[]' % ','.join(lit(a) for a in arrs)


def shp(a):
    return 'x'.join(str(d) for d in np.shape(a)) or '0-d'


def dtn(a):
    return np.asarray(a).dtype.name


# --------------------------------------------------------------------------
# Parsing marsql output
# --------------------------------------------------------------------------
DTYPES = ('bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32',
          'float64', 'complex64', 'complex128')
_HEADER = re.compile(r'^\s*(%s)?\s*(?:\(([^)]*)\))?\s*:(.*)$' % '|'.join(DTYPES), re.S)
_TOKEN = re.compile(r'\[|\]|,|[^\[\],\s]+')


class ParseError(Exception):
    pass


def parse_tensor(text):
    """marsql tensor text -> numpy array (dtype from the header, float64 default)"""
    if not isinstance(text, str):
        raise ParseError('expected tensor text, got %r' % (text,))
    m = _HEADER.match(text)
    if m:
        dt, shape, body = m.group(1), m.group(2), m.group(3)
    else:
        dt, shape, body = None, None, text
    dtype = np.dtype(dt or 'float64')
    toks = _TOKEN.findall(body)
    if not toks:
        raise ParseError('empty tensor text %r' % text)
    pos = 0

    def value():
        nonlocal pos
        t = toks[pos]
        pos += 1
        if t == '[':
            items = []
            if toks[pos] == ']':
                pos += 1
                return items
            while True:
                items.append(value())
                t = toks[pos]
                pos += 1
                if t == ']':
                    return items
                if t != ',':
                    raise ParseError('unexpected %r in %r' % (t, text[:200]))
        try:
            if dtype.kind == 'b':
                return {'true': True, 'false': False}[t]
            if dtype.kind in 'iu':
                return int(t)
            if dtype.kind == 'c':
                return complex(t.replace('nanj', 'nan*1j').replace('infj', 'inf*1j')
                               if 'nanj' in t or 'infj' in t else t)
            return float(t)
        except (ValueError, KeyError):
            raise ParseError('bad number %r in %r' % (t, text[:200]))

    try:
        nested = value()
    except IndexError:
        raise ParseError('truncated tensor text %r' % text[:200])
    if pos != len(toks):
        raise ParseError('trailing text in %r' % text[:200])
    try:
        arr = np.array(nested, dtype=dtype if dtype.kind in 'biuc' else np.float64)
    except (ValueError, OverflowError):
        raise ParseError('ragged tensor text %r' % text[:200])
    if arr.dtype == object:
        raise ParseError('ragged tensor text %r' % text[:200])
    if shape is not None:
        dims = tuple(int(d) for d in shape.split(',') if d.strip() != '')
        if int(np.prod(dims)) != arr.size:
            raise ParseError('header shape %s does not match %d values' % (dims, arr.size))
        if arr.size == 0 or arr.shape != dims:
            arr = arr.reshape(dims)
    return arr.astype(dtype)


def scalar(v):
    """a float8/int column value from json (NaN and infinities come as strings)"""
    if isinstance(v, bool) or v is None:
        raise ParseError('expected a number, got %r' % (v,))
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        return float(v)
    raise ParseError('expected a number, got %r' % (v,))


# --------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------
def compare(got, exp, tol, what='result'):
    """None when got matches exp within tol, else a diagnostic string;
    bool and integer results must be equal exactly, complex ones part by
    part"""
    rtol, atol = tol
    got, exp = np.asarray(got), np.asarray(exp)
    if exp.dtype.kind in 'biu' or got.dtype.kind in 'biu':
        if got.shape != exp.shape:
            return '%s shape %s, numpy %s' % (what, got.shape, exp.shape)
        if exp.dtype.kind in 'biu' and got.dtype.kind in 'biu':
            bad = got.astype(object) != exp.astype(object)
            if not np.any(bad):
                return None
            idx = tuple(int(i) for i in np.argwhere(np.asarray(bad, bool))[0])
            return '%s: %d of %d values differ; first at index %s: got %r, numpy %r' % (
                what, int(np.sum(bad)), exp.size, idx, got[idx].item(), exp[idx].item())
    if exp.dtype.kind == 'c' or got.dtype.kind == 'c':
        got_c, exp_c = got.astype(np.complex128), exp.astype(np.complex128)
        return (compare(got_c.real, exp_c.real, tol, what + ' (real part)')
                or compare(got_c.imag, exp_c.imag, tol, what + ' (imaginary part)'))
    got = np.asarray(got, np.float64)
    exp = np.asarray(exp, np.float64)
    if got.shape != exp.shape:
        return '%s shape %s, numpy %s' % (what, got.shape, exp.shape)
    if exp.size == 0:
        return None
    atol = np.broadcast_to(np.asarray(atol, np.float64), exp.shape)
    gn, en = np.isnan(got), np.isnan(exp)
    fin = np.isfinite(got) & np.isfinite(exp)
    bad = gn != en
    bad |= ~fin & ~gn & ~en & (got != exp)
    with np.errstate(all='ignore'):
        abserr = np.where(fin, np.abs(got - exp), 0.0)
        relerr = np.where(fin & (exp != 0), abserr / np.abs(np.where(exp == 0, 1, exp)), 0.0)
    bad |= fin & (abserr > atol + rtol * np.abs(exp))
    if not bad.any():
        return None
    idx = tuple(int(i) for i in np.argwhere(bad)[0])
    return ('%s: %d of %d values differ; max abs err %.3g, max rel err %.3g '
            '(rtol %.3g, atol %.3g); first at index %s: got %r, numpy %r'
            % (what, int(bad.sum()), exp.size, float(abserr.max()), float(relerr.max()),
               rtol, float(atol.max()), idx, float(got[idx]), float(exp[idx])))


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------
CHECKS = []  # (description, sql, verify(rows) -> None | diagnostic, expect_error)


def add(desc, sql, verify, expect_error=None):
    CHECKS.append((desc.replace('#', 'No.'), sql, verify, expect_error))


def one_row(rows):
    if len(rows) != 1:
        raise ParseError('expected one row, got %d' % len(rows))
    return rows[0]


def col(row, name):
    if name not in row:
        raise ParseError('result has no column "%s" (columns: %s)' % (name, ', '.join(row)))
    return row[name]


def T(desc, expr, expected, tol=EXACT, dtype=None):
    """expr returns a tensor equal to numpy's expected (dtype included)"""
    expected = np.asarray(expected)
    want_dt = dtype or expected.dtype.name
    sql = 'SELECT r, marsql.dtype(r) AS dt FROM (SELECT %s AS r) s' % expr

    def verify(rows):
        row = one_row(rows)
        out = []
        if col(row, 'dt') != want_dt:
            out.append('dtype %s, numpy %s' % (row['dt'], want_dt))
        d = compare(parse_tensor(col(row, 'r')), expected, tol)
        if d:
            out.append(d)
        return '\n'.join(out) or None
    add(desc, sql, verify)


def S(desc, expr, expected, tol=EXACT, integer=False):
    """expr returns a float8/int scalar equal to numpy's expected"""
    sql = 'SELECT %s AS r' % expr

    def verify(rows):
        v = col(one_row(rows), 'r')
        if integer and not isinstance(v, int):
            return 'expected an integer, got %r' % (v,)
        return compare(scalar(v), expected, tol)
    add(desc, sql, verify)


def R(desc, sql, fn):
    """expr returns record(s); fn(rows) -> diagnostic or None"""
    add(desc, sql, fn)


def E(desc, expr, sqlclass, numpy_raises):
    """expr must fail with an SQLSTATE of class sqlclass (None: any error
    except a missing function or an internal error); numpy_raises() must raise
    too, which is asserted here, while building the checks."""
    try:
        numpy_raises()
    except (np.linalg.LinAlgError, ValueError, IndexError):
        pass
    else:
        raise AssertionError('numpy does not raise for: ' + desc)
    add(desc, 'SELECT %s AS r' % expr, None, expect_error=sqlclass or '')


def tensor_list(v):
    if not isinstance(v, list):
        raise ParseError('expected an array of tensors, got %r' % (v,))
    return [parse_tensor(x) for x in v]


# ------------------------------------------------------------- elementwise
OPS = [('+', np.add), ('-', np.subtract), ('*', np.multiply), ('/', np.divide), ('^', np.power)]


def operands(op, *shape, dt=np.float64):
    if op == '/':
        return nonzero(*shape, dt=dt)
    if op == '^':
        return uniform(0.5, 2.0, *shape, dt=dt)
    return normal(*shape, dt=dt)


for op, fn in OPS:
    rhs = (lambda *s, dt=np.float64: normal(*s, dt=dt)) if op != '/' else nonzero
    a, b = operands(op, 3, 1, 4), rhs(2, 4)
    T('a %s b broadcast (3,1,4) with (2,4) float64' % op, '(%s %s %s)' % (lit(a), op, lit(b)), fn(a, b), F64)
    a, b = operands(op, 4, 1), rhs(3)
    T('a %s b broadcast (4,1) with (3,) float64' % op, '(%s %s %s)' % (lit(a), op, lit(b)), fn(a, b), F64)
    a, b = operands(op, 2, 3), rhs()
    T('a %s b with a 0-d tensor' % op, '(%s %s %s)' % (lit(a), op, lit(b)), fn(a, b), F64)
    T('0-d tensor %s a' % op, '(%s %s %s)' % (lit(b), op, lit(a)), fn(b, a), F64)
    a, s = operands(op, 2, 3), -1.75 if op != '^' else 2.5
    T('tensor %s float8' % op, '(%s %s %s)' % (lit(a), op, f8(s)), fn(a, s), F64)
    a, s = rhs(2, 3), 1.25
    if op == '^':
        a = np.abs(a)
    T('float8 %s tensor' % op, '(%s %s %s)' % (f8(s), op, lit(a)), fn(s, a), F64)
    a, b = operands(op, 4, 3, dt=np.float32), rhs(3, dt=np.float32)
    T('float32 %s float32 (4,3) with (3,) stays float32' % op, '(%s %s %s)' % (lit(a), op, lit(b)), fn(a, b), F32)
    a, b = operands(op, 2, 3, dt=np.float32), rhs(2, 3)
    T('float32 %s float64 promotes to float64' % op, '(%s %s %s)' % (lit(a), op, lit(b)),
      fn(a.astype(np.float64), b), F64)
    if op == '^':
        b = np.abs(b)
    T('float64 %s float32 promotes to float64' % op, '(%s %s %s)' % (lit(b), op, lit(a)),
      fn(b, a.astype(np.float64)), F64)
    a = operands(op, 2, 3, dt=np.float32)
    s = 0.75 if op != '^' else 2.0       # exactly representable in float32
    T('float32 %s float8 scalar stays float32' % op, '(%s %s %s)' % (lit(a), op, f8(s)),
      fn(a, np.float32(s)), F32)
    T('float8 scalar %s float32 stays float32' % op, '(%s %s %s)' % (f8(s), op, lit(np.abs(a) if op == '^' else a)),
      fn(np.float32(s), np.abs(a) if op == '^' else a), F32)
    b = rhs(1, 3)
    T('a %s b with an empty (0,3) operand' % op, '(%s %s %s)' % (lit(np.zeros((0, 3))), op, lit(b)),
      fn(np.zeros((0, 3)), b), EXACT)
    E('a %s b with incompatible shapes (3,) and (4,) is an error' % op,
      '(%s %s %s)' % (lit(normal(3)), op, lit(normal(4))), None,
      lambda: fn(np.zeros(3), np.zeros(4)))

# a float32 tensor with a float64 0-d tensor: the spec says anything with
# float64 gives float64 (numpy 2 rules; numpy 1.24's value-based casting
# would keep float32 for a 0-d operand), so the reference is computed in float64.
a, b = normal(2, 3, dt=np.float32), normal()
T('float32 + float64 0-d tensor promotes to float64 (spec)', '(%s + %s)' % (lit(a), lit(b)),
  a.astype(np.float64) + b, F64)

with np.errstate(all='ignore'):
    x, y = np.array([1.0, -1.0, 0.0, np.inf, np.nan, -0.0]), np.array([0.0, 0.0, 0.0, np.inf, 1.0, 0.0])
    T('division by zero gives inf/nan (IEEE)', '(%s / %s)' % (lit(x), lit(y)), x / y, F64)
    x, y = np.array([-8.0, 2.0, 0.0, -2.0, np.inf, 1.0]), np.array([1 / 3, -1.0, -1.0, 3.0, -1.0, np.nan])
    T('power with nan/inf results (IEEE)', '(%s ^ %s)' % (lit(x), lit(y)), np.power(x, y), F64)
    x = np.array([1e308, -1e308, 1e-308])
    T('overflow to inf in a * b', '(%s * %s)' % (lit(x), f8(10.0)), x * 10.0, F64)

for a in (normal(3, 4), normal(), normal(5, dt=np.float32)):
    T('unary minus %s %s' % (shp(a), dtn(a)), '(- %s)' % lit(a), -a, EXACT)

# ---------------------------------------------------------- unary functions
with np.errstate(all='ignore'):
    def sigmoid(x):
        x = np.asarray(x)
        one = x.dtype.type(1)
        with np.errstate(all='ignore'):
            return np.where(x >= 0, one / (one + np.exp(-x)), np.exp(x) / (one + np.exp(x))).astype(x.dtype)

    def relu(x):
        return np.maximum(x, np.asarray(x).dtype.type(0))

    def with_tiny(x):
        x = x.copy()
        x.flat[:4] = [1e-12, -3e-10, 5e-17, -2e-300]
        return x

    UNARY = [
        # name, numpy, input generator (shape, dtype), float64 tolerance, float32 tolerance
        ('abs', np.abs, lambda s, dt: normal(*s, dt=dt, scale=3), EXACT, EXACT),
        ('sqrt', np.sqrt, lambda s, dt: uniform(0, 10, *s, dt=dt), F64, F32),
        ('exp', np.exp, lambda s, dt: uniform(-5, 5, *s, dt=dt), F64, F32),
        ('log', np.log, lambda s, dt: uniform(1e-3, 100, *s, dt=dt), F64, F32),
        ('log1p', np.log1p, lambda s, dt: with_tiny(uniform(-0.9, 10, *s, dt=dt)), F64, F32),
        ('expm1', np.expm1, lambda s, dt: with_tiny(uniform(-3, 3, *s, dt=dt)), F64, F32),
        ('sin', np.sin, lambda s, dt: uniform(-10, 10, *s, dt=dt), F64_TRIG, F32),
        ('cos', np.cos, lambda s, dt: uniform(-10, 10, *s, dt=dt), F64_TRIG, F32),
        ('tan', np.tan, lambda s, dt: uniform(-1.4, 1.4, *s, dt=dt), F64_TRIG, F32),
        ('tanh', np.tanh, lambda s, dt: uniform(-5, 5, *s, dt=dt), F64, F32),
        ('sigmoid', sigmoid, lambda s, dt: normal(*s, dt=dt, scale=4), F64, F32),
        ('relu', relu, lambda s, dt: normal(*s, dt=dt), EXACT, EXACT),
        ('floor', np.floor, lambda s, dt: uniform(-10, 10, *s, dt=dt), EXACT, EXACT),
        ('ceil', np.ceil, lambda s, dt: uniform(-10, 10, *s, dt=dt), EXACT, EXACT),
        ('sign', np.sign, lambda s, dt: np.where(uniform(0, 1, *s) < 0.2, 0, normal(*s)).astype(dt), EXACT, EXACT),
        ('square', np.square, lambda s, dt: normal(*s, dt=dt, scale=3), F64, F32),
    ]
    SPECIAL = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, -1.0, 1.0, 2.5, -700.0, 710.0])
    for name, fn, gen, tol64, tol32 in UNARY:
        x = gen((4, 5), np.float64)
        T('%s float64 (4,5)' % name, 'marsql.%s(%s)' % (name, lit(x)), fn(x), tol64)
        x = gen((3, 4), np.float32)
        T('%s float32 (3,4) stays float32' % name, 'marsql.%s(%s)' % (name, lit(x)), fn(x), tol32)
        # nan/inf/out-of-domain inputs: IEEE results, never errors.  relu(nan)
        # is left out: numpy has no relu, and maximum(nan, 0) vs x > 0 ? x : 0
        # are both common definitions.
        x = SPECIAL[1:] if name == 'relu' else SPECIAL
        T('%s on nan/inf/out-of-domain values' % name, 'marsql.%s(%s)' % (name, lit(x)), fn(x), tol64)
    x = np.float64(6.25)
    T('sqrt of a 0-d tensor is 0-d', 'marsql.sqrt(%s)' % lit(x), np.sqrt(x), F64)
    x = normal(0, 3)
    T('exp of an empty (0,3) tensor', 'marsql.exp(%s)' % lit(x), np.exp(x), F64)

# ---------------------------------------- power, pow, clip, maximum, minimum, where
for fname in ('power', 'pow'):
    a, b = uniform(0.5, 3, 3, 1, 4), normal(2, 4)
    T('%s(tensor, tensor) broadcast (3,1,4) with (2,4)' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a), lit(b)),
      np.power(a, b), F64)
    a = uniform(0.5, 3, 3, 4)
    T('%s(tensor, float8)' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a), f8(-1.5)), np.power(a, -1.5), F64)
    a, b = uniform(0.5, 3, 2, 3, dt=np.float32), normal(3, dt=np.float32)
    T('%s float32 tensors stay float32' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a), lit(b)), np.power(a, b), F32)
    T('%s(float32 tensor, float8) stays float32' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a), f8(3.0)),
      np.power(a, np.float32(3.0)), F32)
    b64 = normal(2, 3)
    T('%s(float32, float64) promotes to float64' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a), lit(b64)),
      np.power(a.astype(np.float64), b64), F64)
    with np.errstate(all='ignore'):
        x = np.array([-8.0, 0.0, -1.0, np.nan, np.inf])
        T('%s(tensor, 0.5) of negative/zero/nan/inf values' % fname, 'marsql.%s(%s, %s)' % (fname, lit(x), f8(0.5)),
          np.power(x, 0.5), F64)

x = normal(4, 5, scale=2)
x[0, 0] = np.nan
T('clip(t, -1, 1.5)', 'marsql.clip(%s, %s, %s)' % (lit(x), f8(-1), f8(1.5)), np.clip(x, -1, 1.5), EXACT)
T('clip(t, NULL, 0.5) has no lower bound', 'marsql.clip(%s, NULL, %s)' % (lit(x), f8(0.5)), np.clip(x, None, 0.5), EXACT)
T('clip(t, -0.25, NULL) has no upper bound', 'marsql.clip(%s, %s, NULL)' % (lit(x), f8(-0.25)), np.clip(x, -0.25, None), EXACT)
T('clip(t, NULL, NULL) is the identity', 'marsql.clip(%s, NULL, NULL)' % lit(x), x, EXACT)
x32 = normal(3, 4, dt=np.float32)
T('clip float32 stays float32', 'marsql.clip(%s, %s, %s)' % (lit(x32), f8(-0.5), f8(0.5)),
  np.clip(x32, np.float32(-0.5), np.float32(0.5)), EXACT)
x = np.array([-np.inf, np.inf, -3.0, 3.0])
T('clip of infinities', 'marsql.clip(%s, %s, %s)' % (lit(x), f8(-1), f8(2)), np.clip(x, -1, 2), EXACT)

for fname, fn in (('maximum', np.maximum), ('minimum', np.minimum)):
    a, b = normal(3, 1, 4), normal(2, 4)
    a[0, 0, 1] = np.nan
    b[1, 2] = np.nan
    T('%s broadcast (3,1,4) with (2,4), NaN propagates' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a), lit(b)),
      fn(a, b), EXACT)
    T('%s(tensor, float8)' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a), f8(0.25)), fn(a, 0.25), EXACT)
    T('%s(tensor, NaN) is all NaN' % fname, 'marsql.%s(%s, %s)' % (fname, lit(b), f8(np.nan)), fn(b, np.nan), EXACT)
    a32, b32 = normal(2, 3, dt=np.float32), normal(2, 3, dt=np.float32)
    T('%s float32 tensors stay float32' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a32), lit(b32)), fn(a32, b32), EXACT)
    T('%s(float32, float64) promotes to float64' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a32), lit(b[:1, :3])),
      fn(a32.astype(np.float64), b[:1, :3]), EXACT)
    T('%s(float32 tensor, float8) stays float32' % fname, 'marsql.%s(%s, %s)' % (fname, lit(a32), f8(0.5)),
      fn(a32, np.float32(0.5)), EXACT)

cond = np.array([[1.0], [0.0], [np.nan]])
x, y = normal(1, 4), normal()
T('where(cond (3,1) with NaN, x (1,4), y 0-d) broadcasts, NaN counts as true',
  'marsql.where(%s, %s, %s)' % (lit(cond), lit(x), lit(y)), np.where(cond != 0, x, y), EXACT)
cond = np.where(uniform(0, 1, 2, 3, 4) < 0.5, 0.0, normal(2, 3, 4))
x, y = normal(3, 4), normal(2, 1, 4)
T('where(cond (2,3,4), x (3,4), y (2,1,4))', 'marsql.where(%s, %s, %s)' % (lit(cond), lit(x), lit(y)),
  np.where(cond != 0, x, y), EXACT)
x32, y32 = normal(3, 4, dt=np.float32), normal(3, 4, dt=np.float32)
T('where with float32 x and y stays float32', 'marsql.where(%s, %s, %s)' % (lit(cond[0]), lit(x32), lit(y32)),
  np.where(cond[0] != 0, x32, y32), EXACT)
T('where with float32 x and float64 y promotes to float64', 'marsql.where(%s, %s, %s)' % (lit(cond[0]), lit(x32), lit(x)),
  np.where(cond[0] != 0, x32.astype(np.float64), x), EXACT)

# -------------------------------------------------------------- reductions
x = normal(3, 4, 5)
xp = uniform(0.5, 1.5, 3, 4, 5)
RED = [('sum', np.sum), ('mean', np.mean), ('min', np.min), ('max', np.max), ('prod', np.prod)]
# SQL's aggregate names: given one tensor they aggregate over rows, so
# numpy's np.sum(a) is marsql.sum(t, NULL) (docs/math.md, "Reductions")
AGG_NAMES = ('sum', 'min', 'max')


def all_axes(fname):
    """the arguments after the tensor for numpy's axis=None"""
    return ', NULL' if fname in AGG_NAMES else ''


def red_args(axis, keepdims, fname):
    if keepdims:
        return ', axis => %s, keepdims => true' % ('NULL' if axis is None else axis)
    return all_axes(fname) if axis is None else ', %d' % axis


for fname, fn in RED:
    inp = xp if fname == 'prod' else x
    for axis in (None, 0, 1, 2, -1, -3):
        for keepdims in (False, True):
            tol = EXACT if fname in ('min', 'max') else prod_tol() if fname == 'prod' else red_tol(inp)
            T('%s (3,4,5) axis %s keepdims %s' % (fname, axis, keepdims),
              'marsql.%s(%s%s)' % (fname, lit(inp), red_args(axis, keepdims, fname)),
              fn(inp, axis=axis, keepdims=keepdims), tol)
    inp32 = inp.astype(np.float32)
    for axis in (None, 1):
        tol = EXACT if fname in ('min', 'max') else prod_tol(np.float32) if fname == 'prod' else red_tol(inp32, np.float32)
        T('%s float32 axis %s stays float32' % (fname, axis), 'marsql.%s(%s%s)' % (fname, lit(inp32), red_args(axis, False, fname)),
          fn(inp32, axis=axis), tol)
    v = normal(7) if fname != 'prod' else uniform(0.5, 1.5, 7)
    T('%s of a 1-D tensor is 0-d' % fname, 'marsql.%s(%s%s)' % (fname, lit(v), all_axes(fname)), fn(v),
      EXACT if fname in ('min', 'max') else prod_tol() if fname == 'prod' else red_tol(v))
    y = normal(3, 4)
    y[1, 2] = np.nan
    T('%s propagates NaN (axis 1)' % fname, 'marsql.%s(%s, 1)' % (fname, lit(y)), fn(y, axis=1),
      EXACT if fname in ('min', 'max') else prod_tol() if fname == 'prod' else red_tol(y))

z = np.zeros((0, 3))
T('sum over an empty axis is 0', 'marsql.sum(%s, 0)' % lit(z), np.sum(z, axis=0), EXACT)
T('prod of an empty tensor is 1', 'marsql.prod(%s)' % lit(z), np.prod(z), EXACT)
T('sum of a 0-d tensor', 'marsql.sum(%s, NULL)' % lit(np.float64(2.5)), np.sum(np.float64(2.5)), EXACT)

for fname, fn in (('std', np.std), ('var', np.var)):
    for axis in (None, 0, -1):
        for ddof in (0, 1):
            T('%s (3,4,5) axis %s ddof %d' % (fname, axis, ddof),
              'marsql.%s(%s, axis => %s, ddof => %d)' % (fname, lit(x), 'NULL' if axis is None else axis, ddof),
              fn(x, axis=axis, ddof=ddof), red_tol(x * x))
    T('%s axis 1 ddof 1 keepdims' % fname, 'marsql.%s(%s, axis => 1, ddof => 1, keepdims => true)' % (fname, lit(x)),
      fn(x, axis=1, ddof=1, keepdims=True), red_tol(x * x))
    T('%s positional (t, axis 2)' % fname, 'marsql.%s(%s, 2)' % (fname, lit(x)), fn(x, axis=2), red_tol(x * x))
    x32 = x.astype(np.float32)
    T('%s float32 stays float32' % fname, 'marsql.%s(%s, axis => 0, ddof => 1)' % (fname, lit(x32)),
      fn(x32, axis=0, ddof=1), red_tol(x32 * x32, np.float32))

for fname, fn in (('argmin', np.argmin), ('argmax', np.argmax)):
    S('%s flat index of (3,4,5) is a bigint' % fname, 'marsql.%s(%s)' % (fname, lit(x)), fn(x), EXACT, integer=True)
    v = normal(9)
    S('%s of a 1-D tensor' % fname, 'marsql.%s(%s)' % (fname, lit(v)), fn(v), EXACT, integer=True)
    for axis in (0, 1, -1):
        T('%s axis %d gives int64 indices' % (fname, axis), 'marsql.%s(%s, %d)' % (fname, lit(x), axis),
          fn(x, axis=axis).astype(np.int64), EXACT)
    T('%s axis 1 keepdims' % fname, 'marsql.%s(%s, 1, true)' % (fname, lit(x)),
      np.expand_dims(fn(x, axis=1), 1).astype(np.int64), EXACT)
    x32 = x.astype(np.float32)
    T('%s of float32 axis 2 gives int64 indices' % fname, 'marsql.%s(%s, 2)' % (fname, lit(x32)),
      fn(x32, axis=2).astype(np.int64), EXACT)

# norm
ORD = {None: None, '1': 1, '2': 2, '-1': -1, '-2': -2, 'inf': np.inf, '-inf': -np.inf,
       'fro': 'fro', 'nuc': 'nuc', '3': 3, '0.5': 0.5, '0': 0}
v = nonzero(7)
v0 = v.copy()
v0[[1, 4]] = 0.0
for o in (None, '2', '1', 'inf', '-inf', '-1', '-2', '3', '0.5', '0'):
    vv = v0 if o == '0' else v
    T('norm vector ord %s' % o, 'marsql.norm(%s%s)' % (lit(vv), '' if o is None else ", '%s'" % o),
      np.linalg.norm(vv, ORD[o]), red_tol(vv) if o not in ('inf', '-inf') else EXACT)
m = normal(5, 4)
for o in (None, 'fro', 'nuc', '1', '-1', '2', '-2', 'inf', '-inf'):
    ref = np.linalg.norm(m, ORD[o])
    tol = la(ref) if o in ('nuc', '2', '-2') else red_tol(m)
    T('norm matrix (5,4) ord %s (matrix norm)' % o, 'marsql.norm(%s%s)' % (lit(m), '' if o is None else ", ord => '%s'" % o),
      ref, tol)
T('norm matrix ord fro keepdims gives (1,1)', "marsql.norm(%s, 'fro', keepdims => true)" % lit(m),
  np.linalg.norm(m, 'fro', keepdims=True), red_tol(m))
T('norm of a (3,4,5) tensor, ord NULL, is the 2-norm of all elements', 'marsql.norm(%s)' % lit(x),
  np.linalg.norm(x), red_tol(x * x))
for o in (None, '1', '2', 'inf', '-inf', '3', '0.5', '0', '-1'):
    for axis in (0, 2, -2):
        xx = x.copy()
        if o == '0':
            xx[xx < -0.8] = 0.0
        T('norm (3,4,5) ord %s axis %d (vector norms)' % (o, axis),
          'marsql.norm(%s, %s, %d)' % (lit(xx), 'NULL' if o is None else "'%s'" % o, axis),
          np.linalg.norm(xx, ORD[o], axis=axis), red_tol(np.abs(xx) ** 3 + np.abs(xx) + 1))
T('norm (5,4) ord 1 axis 0 keepdims', "marsql.norm(%s, ord => '1', axis => 0, keepdims => true)" % lit(m),
  np.linalg.norm(m, 1, axis=0, keepdims=True), red_tol(m))
m32 = normal(5, 4, dt=np.float32)
T('norm float32 stays float32', 'marsql.norm(%s)' % lit(m32), np.linalg.norm(m32), red_tol(m32, np.float32))
T('norm float32 axis 1 ord 1 stays float32', "marsql.norm(%s, '1', 1)" % lit(m32),
  np.linalg.norm(m32, 1, axis=1), red_tol(m32, np.float32))

# cumsum
y = normal(3, 4)
T('cumsum axis NULL flattens', 'marsql.cumsum(%s)' % lit(y), np.cumsum(y), red_tol(y))
for axis in (0, 1, -1):
    T('cumsum (3,4) axis %d' % axis, 'marsql.cumsum(%s, %d)' % (lit(y), axis), np.cumsum(y, axis=axis), red_tol(y))
T('cumsum (3,4,5) axis 1', 'marsql.cumsum(%s, axis => 1)' % lit(x), np.cumsum(x, axis=1), red_tol(x))
v = normal(10)
T('cumsum 1-D', 'marsql.cumsum(%s)' % lit(v), np.cumsum(v), red_tol(v))
y32 = y.astype(np.float32)
T('cumsum float32 stays float32', 'marsql.cumsum(%s, 1)' % lit(y32), np.cumsum(y32, axis=1), red_tol(y32, np.float32))

# aggregates over rows of a table (created in the session setup below)
AGG_ROWS = [(i % 2, normal(2, 3)) for i in range(7)]
AGG_ROWS32 = [(i % 3, normal(4, dt=np.float32)) for i in range(8)]
SETUP_TABLES = [
    'CREATE TEMP TABLE numpy_rows (id int, g int, t marsql.tensor);',
    'INSERT INTO numpy_rows VALUES %s;' % ', '.join('(%d, %d, %s)' % (i, g, lit(t)) for i, (g, t) in enumerate(AGG_ROWS)),
    'CREATE TEMP TABLE numpy_rows32 (g int, t marsql.tensor);',
    'INSERT INTO numpy_rows32 VALUES %s;' % ', '.join('(%d, %s)' % (g, lit(t)) for g, t in AGG_ROWS32),
]
allx = np.stack([t for _, t in AGG_ROWS])
T('sum_agg over 7 rows of (2,3)', '(SELECT marsql.sum_agg(t) FROM numpy_rows)', allx.sum(axis=0), red_tol(allx))
T('avg_agg over 7 rows of (2,3)', '(SELECT marsql.avg_agg(t) FROM numpy_rows)', allx.mean(axis=0), red_tol(allx))
T('sum_agg over one row', '(SELECT marsql.sum_agg(t) FROM numpy_rows WHERE id = 0)', AGG_ROWS[0][1], EXACT)
# sum, avg, min and max of one tensor are SQL's aggregates over rows:
# numpy's sum, mean, minimum and maximum along a new axis 0 (sum_agg and
# avg_agg are their older names)
for fname, fn in (('sum', np.sum), ('avg', np.mean), ('min', np.min), ('max', np.max),
                  ('sum_agg', np.sum), ('avg_agg', np.mean)):
    groups = sorted(set(g for g, _ in AGG_ROWS))
    refs = [fn(np.stack([t for g2, t in AGG_ROWS if g2 == g]), axis=0) for g in groups]

    def verify(rows, refs=refs, groups=groups):
        if [r.get('g') for r in rows] != groups:
            return 'groups %s, expected %s' % ([r.get('g') for r in rows], groups)
        out = []
        for r, ref in zip(rows, refs):
            d = compare(parse_tensor(col(r, 'r')), ref, EXACT if fname in ('min', 'max') else red_tol(allx),
                        'group %d' % r['g'])
            if d:
                out.append(d)
        return '\n'.join(out) or None
    R('%s with GROUP BY' % fname, 'SELECT g, marsql.%s(t) AS r FROM numpy_rows GROUP BY g ORDER BY g' % fname, verify)
    all32 = np.stack([t for _, t in AGG_ROWS32])
    T('%s over float32 rows stays float32' % fname, '(SELECT marsql.%s(t) FROM numpy_rows32)' % fname,
      fn(all32, axis=0), EXACT if fname in ('min', 'max') else red_tol(all32, np.float32))

# ------------------------------------------------------------------- shape
a = normal(3, 4)
b = normal(2, 3, 4)
for newshape in ((2, 6), (4, -1), (12,), (2, -1, 2), (1, 12, 1)):
    T('reshape (3,4) to %s' % (newshape,), 'marsql.reshape(%s, %s)' % (lit(a), iarr(newshape)), a.reshape(newshape))
T('reshape (1,1) to () gives 0-d', 'marsql.reshape(%s, %s)' % (lit(np.ones((1, 1)) * 1.5), iarr([])),
  (np.ones((1, 1)) * 1.5).reshape(()))
T('reshape float32 stays float32', 'marsql.reshape(%s, %s)' % (lit(f32(a)), iarr([6, 2])), f32(a).reshape(6, 2))
T('transpose (3,4)', 'marsql.transpose(%s)' % lit(a), a.T)
T('transpose (2,3,4) default reverses axes', 'marsql.transpose(%s)' % lit(b), np.transpose(b))
for axes in ((1, 0, 2), (2, 0, 1), (-1, 0, 1)):
    T('transpose (2,3,4) axes %s' % (axes,), 'marsql.transpose(%s, %s)' % (lit(b), iarr(axes)), np.transpose(b, axes))
T('flatten (2,3,4)', 'marsql.flatten(%s)' % lit(b), b.flatten())
T('flatten 0-d gives (1,)', 'marsql.flatten(%s)' % lit(np.float64(3.5)), np.float64(3.5).reshape(-1))
c = normal(1, 3, 1, 2)
T('squeeze (1,3,1,2) all', 'marsql.squeeze(%s)' % lit(c), np.squeeze(c))
T('squeeze (1,3,1,2) axis 2', 'marsql.squeeze(%s, 2)' % lit(c), np.squeeze(c, 2))
T('squeeze (1,3,1,2) axis -4', 'marsql.squeeze(%s, axis => -4)' % lit(c), np.squeeze(c, -4))
E('squeeze of an axis of length 3 is an error', 'marsql.squeeze(%s, 1)' % lit(c), None, lambda: np.squeeze(c, 1))
for axis in (0, 1, 2, -1, -3):
    T('expand_dims (3,4) axis %d' % axis, 'marsql.expand_dims(%s, %d)' % (lit(a), axis), np.expand_dims(a, axis))
p, q, r = normal(2, 3), normal(1, 3), normal(4, 3)
T('concatenate three (.,3) axis 0', 'marsql.concatenate(%s)' % tarr([p, q, r]), np.concatenate([p, q, r]))
p2 = normal(2, 5)
T('concatenate axis 1', 'marsql.concatenate(%s, 1)' % tarr([p, p2]), np.concatenate([p, p2], 1))
T('concatenate axis -1', 'marsql.concatenate(%s, axis => -1)' % tarr([p, p2]), np.concatenate([p, p2], -1))
T('concatenate float32 with float64 promotes to float64', 'marsql.concatenate(%s)' % tarr([f32(p), q]),
  np.concatenate([f32(p), q]))
T('concatenate float32 stays float32', 'marsql.concatenate(%s)' % tarr([f32(p), f32(q)]),
  np.concatenate([f32(p), f32(q)]))
E('concatenate of mismatched shapes is an error', 'marsql.concatenate(%s)' % tarr([p, p2]), None,
  lambda: np.concatenate([p, p2]))
s1, s2, s3 = normal(2, 3), normal(2, 3), normal(2, 3)
for axis in (0, 1, 2, -1):
    T('stack three (2,3) axis %d' % axis, 'marsql.stack(%s, %d)' % (tarr([s1, s2, s3]), axis),
      np.stack([s1, s2, s3], axis))
T('stack 0-d tensors', 'marsql.stack(%s)' % tarr([np.float64(1.5), np.float64(-2.0)]), np.stack([1.5, -2.0]))

d = normal(6, 4)


def split_check(desc, expr, refs):
    def verify(rows):
        got = tensor_list(col(one_row(rows), 'r'))
        if len(got) != len(refs):
            return '%d pieces, numpy %d' % (len(got), len(refs))
        out = [compare(g, e, EXACT, 'piece %d' % i) for i, (g, e) in enumerate(zip(got, refs))]
        return '\n'.join(o for o in out if o) or None
    R(desc, 'SELECT %s AS r' % expr, verify)


split_check('split (6,4) into 3 sections', 'marsql.split(%s, 3)' % lit(d), np.split(d, 3))
split_check('split (6,4) into 2 sections axis 1', 'marsql.split(%s, 2, 1)' % lit(d), np.split(d, 2, 1))
split_check('split (6,4) into 4 sections axis -1', 'marsql.split(%s, 4, axis => -1)' % lit(d), np.split(d, 4, -1))
split_check('split (6,4) at indices [1,4]', 'marsql.split(%s, %s)' % (lit(d), iarr([1, 4])), np.split(d, [1, 4]))
split_check('split (6,4) at indices [1,3] axis 1', 'marsql.split(%s, %s, 1)' % (lit(d), iarr([1, 3])),
            np.split(d, [1, 3], 1))
split_check('split at indices [2,10] gives an empty last piece', 'marsql.split(%s, %s)' % (lit(d), iarr([2, 10])),
            np.split(d, [2, 10]))
E('split into sections that do not divide the axis is an error', 'marsql.split(%s, 4)' % lit(d), None,
  lambda: np.split(d, 4))

for reps in ((2, 1), (2,), (2, 1, 2), (1, 3)):
    T('tile (2,3) reps %s' % (reps,), 'marsql.tile(%s, %s)' % (lit(p), iarr(reps)), np.tile(p, reps))
T('tile 1-D reps [3]', 'marsql.tile(%s, %s)' % (lit(v[:3]), iarr([3])), np.tile(v[:3], 3))
T('repeat axis NULL flattens', 'marsql.repeat(%s, 2)' % lit(p), np.repeat(p, 2))
for axis in (0, 1, -1):
    T('repeat (2,3) 3 times axis %d' % axis, 'marsql.repeat(%s, 3, %d)' % (lit(p), axis), np.repeat(p, 3, axis))
vd = normal(4)
for k in (0, 1, -2):
    T('diag of a vector k %d builds a matrix' % k, 'marsql.diag(%s, %d)' % (lit(vd), k), np.diag(vd, k))
md = normal(3, 4)
for k in (0, 1, -1, 3, -2):
    T('diag of a (3,4) matrix k %d' % k, 'marsql.diag(%s, k => %d)' % (lit(md), k), np.diag(md, k))
T('diag default k', 'marsql.diag(%s)' % lit(md), np.diag(md))
mt = normal(4, 5)
for fname, fn in (('tril', np.tril), ('triu', np.triu)):
    T('%s (4,5) default k' % fname, 'marsql.%s(%s)' % (fname, lit(mt)), fn(mt))
    for k in (1, -1, 2):
        T('%s (4,5) k %d' % (fname, k), 'marsql.%s(%s, %d)' % (fname, lit(mt), k), fn(mt, k))
    T('%s (2,3,4) applies to the last two axes' % fname, 'marsql.%s(%s)' % (fname, lit(b)), fn(b))

# ------------------------------------------------------------ subscripting
a = normal(4, 5)
b = normal(3, 4, 5)
SUBS = [
    ('[1]', lambda t: t[1]), ('[-1]', lambda t: t[-1]), ('[1:3]', lambda t: t[1:3]),
    ('[:2]', lambda t: t[:2]), ('[2:]', lambda t: t[2:]), ('[:]', lambda t: t[:]),
    ('[:][0]', lambda t: t[:, 0]), ('[1][2]', lambda t: t[1, 2]), ('[-1][-2]', lambda t: t[-1, -2]),
    ('[1:100]', lambda t: t[1:100]), ('[-3:-1]', lambda t: t[-3:-1]), ('[3:1]', lambda t: t[3:1]),
    ('[1:3][0]', lambda t: t[1:3, 0]), ('[:][1:4]', lambda t: t[:, 1:4]), ('[0][-2:]', lambda t: t[0, -2:]),
]
for sub, fn in SUBS:
    T('subscript (4,5)%s' % sub, '(%s)%s' % (lit(a), sub), fn(a))
for sub, fn in (('[1][2][3]', lambda t: t[1, 2, 3]), ('[0][1:3][2]', lambda t: t[0, 1:3, 2]),
                ('[:][:][-1]', lambda t: t[:, :, -1]), ('[2]', lambda t: t[2])):
    T('subscript (3,4,5)%s' % sub, '(%s)%s' % (lit(b), sub), fn(b))
T('subscript float32 stays float32', '(%s)[1:3]' % lit(f32(a)), f32(a)[1:3])
E('subscript out of range is an error', '(%s)[4]' % lit(a), None, lambda: a[4])

for start, stop, step in (([1, None], [3, None], None), ([None, 1], [None, None], [1, 2]),
                          ([None, None], [None, None], [-1, -2]), ([1], [2], None),
                          ([-3, 1], [None, -1], [2, 1]), ([3, None], [0, None], [-1, None])):
    sl = tuple(slice(s0, s1, (step or [None] * len(start))[i]) for i, (s0, s1) in enumerate(zip(start, stop)))
    T('slice (4,5) start %s stop %s step %s' % (start, stop, step),
      'marsql.slice(%s, %s, %s%s)' % (lit(a), iarr(start), iarr(stop), '' if step is None else ', ' + iarr(step)),
      a[sl])
T('slice (3,4,5) on the first axis only', 'marsql.slice(%s, %s, %s)' % (lit(b), iarr([1]), iarr([3])), b[1:3])

T('take flattened with negative and repeated indices', 'marsql.take(%s, %s)' % (lit(a), iarr([0, 7, -1, 7, 19])),
  np.take(a, [0, 7, -1, 7, 19]))
for axis in (0, 1, -1):
    T('take (4,5) axis %d' % axis, 'marsql.take(%s, %s, %d)' % (lit(a), iarr([2, 0, -1, 2]), axis),
      np.take(a, [2, 0, -1, 2], axis=axis))
T('take (3,4,5) axis 1', 'marsql.take(%s, %s, axis => 1)' % (lit(b), iarr([3, 1])), np.take(b, [3, 1], axis=1))
E('take out of range is an error', 'marsql.take(%s, %s, 0)' % (lit(a), iarr([4])), None,
  lambda: np.take(a, [4], axis=0))

S('item of a 0-d tensor', 'marsql.item(%s)' % lit(np.float64(-2.75)), -2.75)
S('item of a (1,1) tensor', 'marsql.item(%s)' % lit(np.array([[0.1]])), 0.1)
S('item of a float32 (1,) tensor is the exact float32 value', 'marsql.item(%s)' % lit(f32([0.1])),
  float(np.float32(0.1)))
E('item of a (2,) tensor is an error', 'marsql.item(%s)' % lit(normal(2)), None, lambda: normal(2).item())

# ---------------------------------------------------------- matmul and dots
MM = [((5,), (5,)), ((3, 5), (5,)), ((5,), (5, 4)), ((3, 5), (5, 4)), ((2, 3, 5), (5, 4)),
      ((2, 1, 3, 5), (4, 5, 2)), ((2, 3, 5), (5,)), ((5,), (2, 5, 3)), ((64, 64), (64, 64)), ((1, 64), (64, 1))]
for sa, sb in MM:
    A, B = normal(*sa), normal(*sb)
    T('matmul %s @ %s' % (sa, sb), 'marsql.matmul(%s, %s)' % (lit(A), lit(B)), np.matmul(A, B),
      mm_tol(np.matmul(np.abs(A), np.abs(B)), sa[-1]))
for sa, sb in (((8, 16), (16, 8)), ((64, 64), (64, 64)), ((2, 3, 4), (4, 5))):
    A, B = normal(*sa, dt=np.float32), normal(*sb, dt=np.float32)
    T('matmul float32 %s @ %s stays float32' % (sa, sb), 'marsql.matmul(%s, %s)' % (lit(A), lit(B)),
      np.matmul(A, B), mm_tol(np.matmul(np.abs(A), np.abs(B)), sa[-1], np.float32))
A, B = normal(4, 6, dt=np.float32), normal(6, 3)
T('matmul float32 @ float64 promotes to float64', 'marsql.matmul(%s, %s)' % (lit(A), lit(B)),
  np.matmul(A.astype(np.float64), B), mm_tol(np.abs(A) @ np.abs(B), 6))
E('matmul of (3,4) and (5,2) is an error', 'marsql.matmul(%s, %s)' % (lit(normal(3, 4)), lit(normal(5, 2))), None,
  lambda: np.matmul(np.zeros((3, 4)), np.zeros((5, 2))))
E('matmul of a 0-d tensor is an error', 'marsql.matmul(%s, %s)' % (lit(np.float64(2)), lit(normal(3))), None,
  lambda: np.matmul(np.float64(2), np.zeros(3)))

for sa, sb in (((5,), (5,)), ((3, 5), (5, 4)), ((3, 5), (5,)), ((5,), (5, 2)), ((2, 3, 4), (5, 4, 3)), ((), (2, 3)),
               ((2, 3), ())):
    A, B = normal(*sa), normal(*sb)
    k = sa[-1] if sa and sb else 1
    T('dot %s . %s' % (sa, sb), 'marsql.dot(%s, %s)' % (lit(A), lit(B)), np.dot(A, B),
      mm_tol(np.dot(np.abs(A), np.abs(B)), k))
A, B = normal(3, 5, dt=np.float32), normal(5, 2, dt=np.float32)
T('dot float32 stays float32', 'marsql.dot(%s, %s)' % (lit(A), lit(B)), np.dot(A, B),
  mm_tol(np.abs(A) @ np.abs(B), 5, np.float32))
for sa, sb in (((5,), (5,)), ((2, 3), (4, 3)), ((2, 2, 3), (3,)), ((), (2, 3))):
    A, B = normal(*sa), normal(*sb)
    T('inner %s . %s' % (sa, sb), 'marsql.inner(%s, %s)' % (lit(A), lit(B)), np.inner(A, B),
      mm_tol(np.inner(np.abs(A), np.abs(B)), sa[-1] if sa else 1))
for sa, sb in (((3,), (4,)), ((2, 3), (2, 2)), ((), (3,))):
    A, B = normal(*sa), normal(*sb)
    T('outer %s x %s' % (sa, sb), 'marsql.outer(%s, %s)' % (lit(A), lit(B)), np.outer(A, B), F64)
A, B = normal(3, dt=np.float32), normal(2, dt=np.float32)
T('outer float32 stays float32', 'marsql.outer(%s, %s)' % (lit(A), lit(B)), np.outer(A, B), F32)
A, B = normal(3, 4, 5), normal(4, 5, 2)
T('tensordot default axes 2', 'marsql.tensordot(%s, %s)' % (lit(A), lit(B)), np.tensordot(A, B),
  mm_tol(np.tensordot(np.abs(A), np.abs(B)), 20))
A2, B2 = normal(3, 4), normal(4, 5)
T('tensordot axes 1', 'marsql.tensordot(%s, %s, 1)' % (lit(A2), lit(B2)), np.tensordot(A2, B2, 1),
  mm_tol(np.abs(A2) @ np.abs(B2), 4))
A3, B3 = normal(2, 3), normal(4)
T('tensordot axes 0 is the outer product', 'marsql.tensordot(%s, %s, 0)' % (lit(A3), lit(B3)),
  np.tensordot(A3, B3, 0), F64)
B4 = normal(4, 2, 3)
T('tensordot axes [1,0] with [0,2]', 'marsql.tensordot(%s, %s, %s, %s)' % (lit(A), lit(B4), iarr([1, 0]), iarr([0, 2])),
  np.tensordot(A, B4, ([1, 0], [0, 2])), mm_tol(np.tensordot(np.abs(A), np.abs(B4), ([1, 0], [0, 2])), 12))
B5 = normal(5, 3)
T('tensordot axes [-1] with [0]', 'marsql.tensordot(%s, %s, %s, %s)' % (lit(A), lit(B5), iarr([-1]), iarr([0])),
  np.tensordot(A, B5, ([-1], [0])), mm_tol(np.tensordot(np.abs(A), np.abs(B5), ([-1], [0])), 5))

# ------------------------------------------------------------ linear algebra
for n in (4, 16, 64):
    A = wellcond(n, cond=100.0 if n == 64 else 10.0)
    ref = np.linalg.inv(A)
    T('inv %dx%d' % (n, n), 'marsql.inv(%s)' % lit(A), ref, la(ref, factor=10))
A = np.stack([wellcond(4) for _ in range(3)])
ref = np.linalg.inv(A)
T('inv batched (3,4,4)', 'marsql.inv(%s)' % lit(A), ref, la(ref))
A = f32(wellcond(4))
ref = np.linalg.inv(A)
T('inv float32 stays float32', 'marsql.inv(%s)' % lit(A), ref, la(ref, np.float32))
SING = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [4.0, 5.0, 6.0]])
E('inv of a singular matrix: SQLSTATE class 22', 'marsql.inv(%s)' % lit(SING), '22', lambda: np.linalg.inv(SING))
E('inv of a non-square matrix: SQLSTATE class 22', 'marsql.inv(%s)' % lit(normal(3, 4)), '22',
  lambda: np.linalg.inv(np.zeros((3, 4))))

A = wellcond(8)
for bshape in ((8,), (8, 3)):
    Bv = normal(*bshape)
    ref = np.linalg.solve(A, Bv)
    T('solve 8x8 with b %s' % (bshape,), 'marsql.solve(%s, %s)' % (lit(A), lit(Bv)), ref, la(ref))
A64, B64 = wellcond(64, cond=100.0), normal(64, 2)
ref = np.linalg.solve(A64, B64)
T('solve 64x64 with b (64,2)', 'marsql.solve(%s, %s)' % (lit(A64), lit(B64)), ref, la(ref, factor=10))
Ab, Bb = np.stack([wellcond(4) for _ in range(3)]), normal(3, 4, 2)
ref = np.linalg.solve(Ab, Bb)
T('solve batched (3,4,4) with (3,4,2)', 'marsql.solve(%s, %s)' % (lit(Ab), lit(Bb)), ref, la(ref))
A32, B32 = f32(wellcond(5)), normal(5, dt=np.float32)
ref = np.linalg.solve(A32, B32)
T('solve float32 stays float32', 'marsql.solve(%s, %s)' % (lit(A32), lit(B32)), ref, la(ref, np.float32))
E('solve with a singular matrix: SQLSTATE class 22', 'marsql.solve(%s, %s)' % (lit(SING), lit(normal(3))), '22',
  lambda: np.linalg.solve(SING, np.ones(3)))

for n in (1, 4, 64):
    A = wellcond(n) if n > 1 else np.array([[-2.5]])
    ref = np.linalg.det(A)
    T('det %dx%d is 0-d' % (n, n), 'marsql.det(%s)' % lit(A), ref, (1e-10, 1e-300))
A = wellcond(5)
A[[0, 1]] = A[[1, 0]]
T('det of a matrix with negative determinant', 'marsql.det(%s)' % lit(A), np.linalg.det(A), (1e-10, 1e-300))
A = np.stack([wellcond(5) for _ in range(3)])
T('det batched (3,5,5)', 'marsql.det(%s)' % lit(A), np.linalg.det(A), (1e-10, 1e-300))
T('det of a singular matrix is 0', 'marsql.det(%s)' % lit(SING), np.linalg.det(SING), (0.0, 1e-12))
A32 = f32(wellcond(4))
T('det float32 stays float32', 'marsql.det(%s)' % lit(A32), np.linalg.det(A32), (LINALG32, 1e-30))
E('det of a non-square matrix: SQLSTATE class 22', 'marsql.det(%s)' % lit(normal(3, 4)), '22',
  lambda: np.linalg.det(np.zeros((3, 4))))


def slogdet_check(desc, A):
    sign, logabs = np.linalg.slogdet(A)

    def verify(rows):
        row = one_row(rows)
        out = [compare(parse_tensor(col(row, 'sign')), sign, EXACT, 'sign'),
               compare(parse_tensor(col(row, 'logabsdet')), logabs, (1e-10, 1e-12 * A.shape[0]), 'logabsdet')]
        return '\n'.join(o for o in out if o) or None
    R(desc, 'SELECT * FROM marsql.slogdet(%s)' % lit(A), verify)


A = wellcond(5)
A[[0, 1]] = A[[1, 0]]
slogdet_check('slogdet with negative determinant', A)
slogdet_check('slogdet 64x64 (log of a large determinant)', wellcond(64, cond=100.0) * 3.0)
slogdet_check('slogdet of a singular matrix is (0, -inf)', SING)


def lstsq_check(desc, A, Bv, rcond=None):
    x, res, rank, s = np.linalg.lstsq(A, Bv, rcond=rcond)
    args = '%s, %s' % (lit(A), lit(Bv)) + ('' if rcond is None else ', %s' % f8(rcond))

    def verify(rows):
        row = one_row(rows)
        out = [compare(parse_tensor(col(row, 'x')), x, la(x, factor=10), 'x'),
               compare(parse_tensor(col(row, 'residuals')), res, la(res, factor=10), 'residuals'),
               compare(parse_tensor(col(row, 's')), s, la(s), 's')]
        if col(row, 'rank') != int(rank):
            out.append('rank %r, numpy %d' % (row['rank'], rank))
        return '\n'.join(o for o in out if o) or None
    R(desc, 'SELECT * FROM marsql.lstsq(%s)' % args, verify)


lstsq_check('lstsq overdetermined (10,4) with b (10,)', wellcond(10, 4), normal(10))
lstsq_check('lstsq overdetermined (10,4) with b (10,3)', wellcond(10, 4), normal(10, 3))
lstsq_check('lstsq underdetermined (3,5): minimum norm, no residuals', wellcond(3, 5), normal(3))
lstsq_check('lstsq rank-deficient (8,4) rank 2, rcond 1e-10', lowrank(8, 4, 2), normal(8), rcond=1e-10)
lstsq_check('lstsq square 6x6', wellcond(6), normal(6, 2))


def eye_err(q, what):
    """orthonormal columns: q^T q = I"""
    g = q.T @ q
    return compare(g, np.eye(g.shape[0]), (0.0, LINALG64), what)


def svd_checks(A, full):
    u_ref, s_ref, vt_ref = np.linalg.svd(A, full_matrices=full is None or full)
    arg = lit(A) if full is None else '%s, %s' % (lit(A), 'true' if full else 'false')
    if full is None:
        full = True
    sql = 'SELECT * FROM marsql.svd(%s)' % arg
    tag = 'svd %s%s' % (shp(A), '' if full else ' full_matrices false')
    k = min(A.shape)

    def parts(rows):
        row = one_row(rows)
        return parse_tensor(col(row, 'u')), parse_tensor(col(row, 's')), parse_tensor(col(row, 'vt'))

    def v_s(rows):
        return compare(parts(rows)[1], s_ref, la(s_ref), 's')

    def v_shapes(rows):
        u, s, vt = parts(rows)
        if (u.shape, vt.shape) != (u_ref.shape, vt_ref.shape):
            return 'u %s vt %s, numpy u %s vt %s' % (u.shape, vt.shape, u_ref.shape, vt_ref.shape)
        return None

    def v_recon(rows):
        u, s, vt = parts(rows)
        if u.ndim != 2 or vt.ndim != 2 or u.shape[1] < k or vt.shape[0] < k or s.shape != (k,):
            return 'bad shapes u %s s %s vt %s' % (u.shape, s.shape, vt.shape)
        return compare((u[:, :k] * s) @ vt[:k], A, la(A), 'u*s*vt')

    def v_orth(rows):
        u, s, vt = parts(rows)
        out = [eye_err(u, 'u^T u'), eye_err(vt.T, 'vt vt^T')]
        return '\n'.join(o for o in out if o) or None
    R(tag + ': singular values', sql, v_s)
    R(tag + ': shapes of u and vt', sql, v_shapes)
    R(tag + ': u * s * vt reconstructs a', sql, v_recon)
    R(tag + ': u and vt are orthogonal', sql, v_orth)


svd_checks(normal(6, 4), None)
svd_checks(normal(6, 4), False)
svd_checks(normal(3, 5), True)
svd_checks(normal(3, 5), False)
svd_checks(normal(64, 64), None)


def qr_checks(A, mode):
    q_ref, r_ref = np.linalg.qr(A, mode=mode or 'reduced')
    sql = 'SELECT * FROM marsql.qr(%s%s)' % (lit(A), '' if mode is None else ", '%s'" % mode)
    tag = 'qr %s %s' % (shp(A), mode or 'default (reduced)')
    k = min(A.shape)

    def parts(rows):
        row = one_row(rows)
        return parse_tensor(col(row, 'q')), parse_tensor(col(row, 'r'))

    def v_r(rows):
        # Q and R are unique up to the signs of R's rows (and Q's columns)
        q, r = parts(rows)
        if q.shape != q_ref.shape or r.shape != r_ref.shape:
            return 'q %s r %s, numpy q %s r %s' % (q.shape, r.shape, q_ref.shape, r_ref.shape)
        d = np.sign(np.diag(r)[:k]) * np.sign(np.diag(r_ref)[:k])
        d[d == 0] = 1
        out = [compare(d[:, None] * r[:k], r_ref[:k], la(r_ref), 'r (rows sign-aligned)'),
               compare(q[:, :k] * d, q_ref[:, :k], (0.0, LINALG64 * 10), 'q (first k columns sign-aligned)')]
        return '\n'.join(o for o in out if o) or None

    def v_recon(rows):
        q, r = parts(rows)
        if q.ndim != 2 or r.ndim != 2 or q.shape[1] != r.shape[0]:
            return 'bad shapes q %s r %s' % (q.shape, r.shape)
        return compare(q @ r, A, la(A), 'q @ r')

    def v_tri(rows):
        q, r = parts(rows)
        out = [eye_err(q, 'q^T q')]
        low = np.tril(r, -1)
        if np.any(np.abs(low) > LINALG64 * np.max(np.abs(r))):
            out.append('r is not upper triangular: max |below diagonal| %.3g' % np.max(np.abs(low)))
        return '\n'.join(o for o in out if o) or None
    R(tag + ': r and q match numpy up to signs', sql, v_r)
    R(tag + ': q @ r reconstructs a', sql, v_recon)
    R(tag + ': q orthogonal, r upper triangular', sql, v_tri)


qr_checks(normal(6, 4), None)
qr_checks(normal(6, 4), 'reduced')
qr_checks(normal(6, 4), 'complete')
qr_checks(normal(3, 5), 'reduced')
qr_checks(normal(3, 5), 'complete')
qr_checks(wellcond(32), None)

for n in (5, 64):
    A = spd(n)
    ref = np.linalg.cholesky(A)
    T('cholesky %dx%d' % (n, n), 'marsql.cholesky(%s)' % lit(A), ref, la(ref))
NPD = symm(4)
E('cholesky of an indefinite matrix: SQLSTATE class 22', 'marsql.cholesky(%s)' % lit(NPD), '22',
  lambda: np.linalg.cholesky(NPD))
E('cholesky of a non-square matrix: SQLSTATE class 22', 'marsql.cholesky(%s)' % lit(normal(3, 4)), '22',
  lambda: np.linalg.cholesky(np.zeros((3, 4))))


def eigh_checks(S_, uplo):
    # only the uplo triangle may be read: fill the other one with garbage
    n = S_.shape[0]
    garbage = normal(n, n) * 100
    if uplo == 'U':
        A = np.triu(S_) + np.tril(garbage, -1)
    else:
        A = np.tril(S_) + np.triu(garbage, 1)
    w_ref, v_ref = np.linalg.eigh(A, UPLO=uplo or 'L')
    arg = lit(A) + ('' if uplo is None else ", uplo => '%s'" % uplo)
    sql = 'SELECT * FROM marsql.eigh(%s)' % arg
    tag = 'eigh %dx%d uplo %s' % (n, n, uplo or 'default (L)')

    def parts(rows):
        row = one_row(rows)
        return parse_tensor(col(row, 'w')), parse_tensor(col(row, 'v'))

    def v_w(rows):
        return compare(parts(rows)[0], w_ref, la(w_ref), 'w')

    def v_v(rows):
        w, v = parts(rows)
        if v.shape != v_ref.shape:
            return 'v shape %s, numpy %s' % (v.shape, v_ref.shape)
        sgn = np.sign(np.sum(v * v_ref, axis=0))
        sgn[sgn == 0] = 1
        return compare(v * sgn, v_ref, (0.0, LINALG64 * 10), 'v (columns sign-aligned)')

    def v_recon(rows):
        w, v = parts(rows)
        if v.shape != (n, n) or w.shape != (n,):
            return 'bad shapes w %s v %s' % (w.shape, v.shape)
        out = [compare((v * w) @ v.T, S_, la(S_), 'v diag(w) v^T'), eye_err(v, 'v^T v')]
        return '\n'.join(o for o in out if o) or None
    R(tag + ': eigenvalues', sql, v_w)
    R(tag + ': eigenvectors match up to sign', sql, v_v)
    R(tag + ': v diag(w) v^T reconstructs a, v orthogonal', sql, v_recon)
    T('eigvalsh %dx%d uplo %s' % (n, n, uplo or 'default (L)'),
      'marsql.eigvalsh(%s)' % arg, np.linalg.eigvalsh(A, UPLO=uplo or 'L'), la(w_ref))


eigh_checks(symm(6), None)
eigh_checks(symm(6), 'L')
eigh_checks(symm(6), 'U')
eigh_checks(symm(64, -32, 32), None)

A = wellcond(6, 4)
ref = np.linalg.pinv(A)
T('pinv (6,4) full rank, default rcond', 'marsql.pinv(%s)' % lit(A), ref, la(ref))
A = wellcond(3, 5)
ref = np.linalg.pinv(A)
T('pinv (3,5) full rank', 'marsql.pinv(%s)' % lit(A), ref, la(ref))
A = wellcond(5)
ref = np.linalg.pinv(A)
T('pinv of a square invertible matrix is its inverse', 'marsql.pinv(%s)' % lit(A), ref, la(ref))
A = lowrank(6, 5, 3)
ref = np.linalg.pinv(A, rcond=1e-10)
T('pinv (6,5) of rank 3, rcond 1e-10', 'marsql.pinv(%s, %s)' % (lit(A), f8(1e-10)), ref, la(ref, factor=10))

S('matrix_rank (6,4) full rank', 'marsql.matrix_rank(%s)' % lit(normal(6, 4)), 4, integer=True)
A = lowrank(8, 6, 3)
S('matrix_rank (8,6) of rank 3', 'marsql.matrix_rank(%s)' % lit(A), np.linalg.matrix_rank(A), integer=True)
u, vv = orth(5)[:, :4], orth(4)
A = (u * np.array([10.0, 1.0, 1e-3, 1e-8])) @ vv.T
S('matrix_rank default tol counts singular value 1e-8', 'marsql.matrix_rank(%s)' % lit(A),
  np.linalg.matrix_rank(A), integer=True)
S('matrix_rank with tol 1e-5', 'marsql.matrix_rank(%s, %s)' % (lit(A), f8(1e-5)),
  np.linalg.matrix_rank(A, tol=1e-5), integer=True)
S('matrix_rank of a zero matrix is 0', 'marsql.matrix_rank(%s)' % lit(np.zeros((3, 3))), 0, integer=True)


# ------------------------------------------------------------------ sparse
# CSR tensors (marsql.sparse) against numpy on the dense matrix they hold:
# scipy is not in the dependency set, and a sparse matrix must give what
# its dense form gives.  Products use the same bound as dense ones.
def sparse_matrix(m, n, density=0.3, dt=np.float64):
    a = normal(m, n, dt=dt)
    return np.where(rng.random((m, n)) < density, a, 0).astype(dt)


for dt, tol in ((np.float64, F64), (np.float32, F32)):
    A = sparse_matrix(7, 5, dt=dt)
    B = normal(5, 3, dt=dt)
    v = normal(5, dt=dt)
    sp = 'marsql.sparse(%s)' % lit(A)
    T('sparse then dense round trip %s' % dtn(A), 'marsql.dense(%s)' % sp, A)
    S('nnz of a sparse %s matrix' % dtn(A), 'marsql.nnz(%s)' % sp, int(np.count_nonzero(A)), integer=True)
    T('sparse %s @ dense matrix' % dtn(A), 'marsql.matmul(%s, %s)' % (sp, lit(B)), A @ B,
      mm_tol(np.abs(A) @ np.abs(B), 5, dt))
    T('sparse %s @ dense vector' % dtn(A), 'marsql.matmul(%s, %s)' % (sp, lit(v)), A @ v,
      mm_tol(np.abs(A) @ np.abs(v), 5, dt))
    T('sparse %s * scalar stays exact' % dtn(A), 'marsql.dense(%s * %s)' % (sp, f8(2.5)), A * dt(2.5), tol)
    T('sparse %s / scalar' % dtn(A), 'marsql.dense(%s / %s)' % (sp, f8(-4.0)), A / dt(-4.0), tol)
    T('sparse %s + scalar is dense' % dtn(A), '(%s + %s)' % (sp, f8(1.5)), A + dt(1.5), tol)
    for axis in (None, 0, 1, -1):
        T('sum of sparse %s, axis %s' % (dtn(A), axis),
          'marsql.sum(%s, %s)' % (sp, 'NULL' if axis is None else axis),
          np.sum(A.astype(np.float64), axis=axis).astype(dt), red_tol(A, dt))
    T('sum of sparse %s with keepdims' % dtn(A), 'marsql.sum(%s, 0, true)' % sp,
      np.sum(A.astype(np.float64), axis=0, keepdims=True).astype(dt), red_tol(A, dt))
    T('eye(n, m, k, sparse) %s' % dtn(A),
      "marsql.dense(marsql.eye(4, 6, 1, '%s', true))" % dtn(A), np.eye(4, 6, 1, dtype=dt))


# ------------------------------------------- numpy's own semantics (issue 18)
# Bit-exact (EXACT) checks of cases where marsql once differed from numpy:
# the summation order, float32 arithmetic, round, sign, axis NULL, take.

def bits_check(desc, expr, ref):
    """expr's tensor must equal numpy's ref bit for bit: value, the sign of
    zeros, NaN positions, shape and dtype"""
    ref = np.asarray(ref)
    sql = 'SELECT r, marsql.dtype(r) AS dt FROM (SELECT %s AS r) s' % expr

    def verify(rows):
        row = one_row(rows)
        if col(row, 'dt') != ref.dtype.name:
            return 'dtype %s, numpy %s' % (row['dt'], ref.dtype.name)
        got = parse_tensor(col(row, 'r')).astype(ref.dtype)
        d = compare(got, ref, EXACT)
        if d:
            return d
        if not np.array_equal(np.signbit(got), np.signbit(ref)):
            return 'signs of zeros differ: got %r, numpy %r' % (got, ref)
        return None
    add(desc, sql, verify)


# sum, mean, var and std in numpy's order: pairwise along the last axis,
# in buffers of 8192, row after row along another axis; float32 in float32
a6 = np.array([1, 2e-9, 3e-9]) * 1e6
bits_check('sum of [1,2e-9,3e-9] * 1e6', "marsql.sum('[1,2e-9,3e-9]'::marsql.tensor * 1e6::float8, NULL)", np.sum(a6))
bits_check('mean of [1,2e-9,3e-9] * 1e6', "marsql.mean('[1,2e-9,3e-9]'::marsql.tensor * 1e6::float8)", np.mean(a6))
for dt in (np.float64, np.float32):
    for n in (7, 8, 9, 17, 100, 128, 129, 1000, 20000):
        v = (rng.standard_normal(n) * 10.0 ** rng.integers(-3, 6, n)).astype(dt)
        for fname in ('sum', 'mean', 'var', 'std'):
            bits_check('%s of %d %s is numpy\'s bit for bit' % (fname, n, dtn(v)),
                       'marsql.%s(%s%s)' % (fname, lit(v), all_axes(fname)), getattr(np, fname)(v))
    w = (rng.standard_normal((3, 40, 130)) * 10.0 ** rng.integers(-3, 6, (3, 40, 130))).astype(dt)
    for fname in ('sum', 'mean', 'var', 'std', 'prod'):
        ww = (1 + w * 1e-6).astype(dt) if fname == 'prod' else w
        for axis in (None, 0, 1, 2):
            bits_check('%s (3,40,130) %s axis %s bit for bit' % (fname, dtn(w), axis),
                       'marsql.%s(%s%s)' % (fname, lit(ww), red_args(axis, False, fname)),
                       getattr(np, fname)(ww, axis=axis))
    for axis in (None, 0):
        bits_check('var (3,40,130) %s axis %s ddof 1 bit for bit' % (dtn(w), axis),
                   'marsql.var(%s, axis => %s, ddof => 1)' % (lit(w), 'NULL' if axis is None else axis),
                   np.var(w, axis=axis, ddof=1))
    u = normal(6, 50, dt=dt)
    for o in ('1', '2'):
        bits_check('norm (6,50) %s ord %s axis 1 bit for bit' % (dtn(u), o),
                   "marsql.norm(%s, '%s', 1)" % (lit(u), o), np.linalg.norm(u, int(o), axis=1))

# sign: +0 for -0, NaN stays NaN
for dt in (np.float64, np.float32):
    sv = np.array([-0.0, 0.0, np.nan, -2.5, 3.0, -np.inf, np.inf], dtype=dt)
    bits_check('sign %s of -0, 0, NaN, +-x, +-inf' % dtn(sv), 'marsql.sign(%s)' % lit(sv), np.sign(sv))

# round: every step in the data's dtype, halves to even, negative decimals
r32 = np.array([0.35, 0.45, 2.675, -0.35, 1.5, 2.5, -0.5, 0.125, 1e-7, 123456.7], dtype=np.float32)
bits_check('round float32 0.35 to 1 decimal is 0.4', "marsql.round('float32:[0.35]'::marsql.tensor, 1)",
           np.round(np.array([0.35], np.float32), 1))
for dt in (np.float64, np.float32):
    rv = np.concatenate([r32.astype(dt), (rng.standard_normal(200) * 10.0 ** rng.integers(-4, 7, 200)).astype(dt),
                         (np.arange(-20, 20) * 0.05).astype(dt), (np.arange(-20, 20) * 50.0).astype(dt)])
    for dec in (0, 1, 2, 3, 7, 12, 25, -1, -2, -3):
        bits_check('round %s decimals %d bit for bit' % (dtn(rv), dec), 'marsql.round(%s, %d)' % (lit(rv), dec),
                   np.round(rv, dec))

# axis NULL: every function that takes an axis
c1, c2, c3 = normal(2, 3), normal(4), np.float64(7.0)
bits_check('concatenate axis NULL flattens', 'marsql.concatenate(%s, NULL)' % tarr([c1, c2]),
           np.concatenate([c1, c2], axis=None))
bits_check('concatenate axis NULL with a 0-d tensor', 'marsql.concatenate(%s, axis => NULL)' % tarr([c1, c3]),
           np.concatenate([c1, c3], axis=None))
bits_check('concatenate axis NULL float32 with float64', 'marsql.concatenate(%s, NULL)' % tarr([f32(c1), c2]),
           np.concatenate([f32(c1), c2], axis=None))
bits_check('repeat axis NULL flattens', 'marsql.repeat(%s, 2, NULL)' % lit(c1), np.repeat(c1, 2, axis=None))
bits_check('take axis NULL flattens', 'marsql.take(%s, %s, NULL)' % (lit(c1), iarr([5, -6])), np.take(c1, [5, -6]))
bits_check('cumsum axis NULL flattens', 'marsql.cumsum(%s, NULL)' % lit(c1), np.cumsum(c1, axis=None))
sq = normal(1, 3, 1)
bits_check('squeeze axis NULL drops every extent-1 axis', 'marsql.squeeze(%s, NULL)' % lit(sq), np.squeeze(sq, axis=None))
for fname in ('argmin', 'argmax'):
    bits_check('%s axis NULL keepdims' % fname, 'marsql.%s(%s, NULL, true)' % (fname, lit(c1)),
               getattr(np, fname)(c1, axis=None, keepdims=True).astype(np.int64))

# the min and max aggregates are numpy's minimum and maximum folded over the
# rows in order, bit for bit: NaN wins, and between -0 and +0 the later
# row's zero is kept (numpy keeps the second operand on a tie)
for dt in (np.float64, np.float32):
    zr = [np.array(r, dtype=dt) for r in ([-0.0, 0.0, 1.0, np.nan, 2.0], [0.0, -0.0, np.nan, 1.0, -np.inf],
                                         [0.0, -0.0, 0.5, 3.0, np.inf])]
    for fname, ufunc in (('min', np.minimum), ('max', np.maximum)):
        for order in (zr, zr[::-1]):
            ordered = ' UNION ALL '.join('SELECT %s AS t' % lit(r) for r in order)
            bits_check('%s aggregate of %s rows %s bit for bit' % (fname, dtn(zr[0]), 'reversed' if order is not zr else 'in order'),
                       '(SELECT marsql.%s(t) FROM (%s) v)' % (fname, ordered), ufunc.reduce(np.stack(order), axis=0))
    # signed zeros in sums (NaN is left out: its sign does not survive the text form)
    zs = [np.array(r, dtype=dt) for r in ([-0.0, -0.0, 1.0, -0.0], [-0.0, 0.0, 2.0, -0.0], [-0.0, -0.0, -3.0, -0.0])]
    sum_sql = ' UNION ALL '.join('SELECT %d AS i, %s AS t' % (i, lit(r)) for i, r in enumerate(zs))
    bits_check('sum aggregate of %s rows of signed zeros' % dtn(zs[0]),
               '(SELECT marsql.sum(t ORDER BY i) FROM (%s) v)' % sum_sql, np.sum(np.stack(zs), axis=0))
    # a sum starts from numpy's identity +0, so one row of -0 sums to +0; min keeps the row
    bits_check('sum aggregate of one %s row starts from +0' % dtn(zr[0]),
               '(SELECT marsql.sum(t) FROM (SELECT %s AS t) v)' % lit(zr[0]), np.sum(np.stack([zr[0]]), axis=0))
    bits_check('min aggregate of one %s row is the row' % dtn(zr[0]),
               '(SELECT marsql.min(t) FROM (SELECT %s AS t) v)' % lit(zr[0]), np.min(np.stack([zr[0]]), axis=0))

# take: n-d and empty index arrays, result shape a.shape[:axis] + indices.shape + a.shape[axis+1:]
tk = normal(3, 4, 5)
idx2 = [[0, -1], [2, 1], [3, 3]]
for axis in (0, 1, 2, -1):
    ii = [[i % tk.shape[axis] if i >= 0 else i for i in row] for row in idx2]
    bits_check('take (3,4,5) with (3,2) indices axis %d' % axis,
               "marsql.take(%s, '%s'::int[], %d)" % (lit(tk), str(ii).replace('[', '{').replace(']', '}'), axis),
               np.take(tk, ii, axis=axis))
bits_check('take flattened with (2,2,2) indices', "marsql.take(%s, '{{{0,1},{2,3}},{{-1,-2},{7,8}}}'::int[])" % lit(tk),
           np.take(tk, [[[0, 1], [2, 3]], [[-1, -2], [7, 8]]]))
bits_check('take with no indices', "marsql.take(%s, '{}'::int[], 1)" % lit(tk), np.take(tk, [], axis=1))
E('take n-d out of range is an error', "marsql.take(%s, '{{0},{4}}'::int[], 1)" % lit(tk), None,
  lambda: np.take(tk, [[0], [4]], axis=1))

# arange: first two elements in double, then first + i * (second - first)
# in the dtype (numpy's fill); linspace: i * step + start
for (a0, a1, st) in ((0, 1, 0.1), (0.1, 5, 0.3), (-3, 7, 0.7), (1e6, 1e6 + 100, 0.37), (0.3, 10, 0.1)):
    for dt in (np.float64, np.float32):
        bits_check('arange(%r, %r, %r) %s bit for bit' % (a0, a1, st, dt.__name__),
                   "marsql.arange(%r, %r, %r, '%s')" % (float(a0), float(a1), st, dt.__name__),
                   np.arange(a0, a1, st, dtype=dt))
for (l0, l1, num, ep) in ((0, 1, 7, True), (-2.5, 3.3, 50, False), (1e-3, 7.7, 13, True), (0, 5e-324, 4, True)):
    # (float32 refuses values that underflow to 0, as PostgreSQL's float4)
    for dt in (np.float64,) if l1 == 5e-324 else (np.float64, np.float32):
        bits_check('linspace(%r, %r, %d, %s) %s bit for bit' % (l0, l1, num, ep, dt.__name__),
                   "marsql.linspace(%r, %r, %d, %s, '%s')" % (float(l0), float(l1), num, ep, dt.__name__),
                   np.linspace(l0, l1, num, endpoint=ep, dtype=dt))

# allclose of two float32 tensors: computed in float32 as numpy
# (the first atol rounds up to 2^-23 in float32: true in float32, false in double)
for (xa, xb, rt, at) in (([1.0], [1.0000001], 0.0, 1.1920928943079071e-07), ([1.0], [1.0000001], 0.0, 1.1920928e-07),
                         ([100.0, -3.0], [100.00001, -3.0000002], 1e-7, 0.0), ([1e30], [1.0000001e30], 1.1920928e-07, 0.0)):
    x32, y32 = f32(xa), f32(xb)
    want = bool(np.allclose(x32, y32, rtol=rt, atol=at))
    R('allclose float32 %r %r rtol %r atol %r is numpy\'s %s' % (xa, xb, rt, at, want),
      'SELECT marsql.allclose(%s, %s, %r, %r) AS r' % (lit(x32), lit(y32), rt, at),
      lambda rows, want=want: None if col(one_row(rows), 'r') == want
      else 'got %r, numpy %r' % (col(one_row(rows), 'r'), want))

# ---- products
# Products, linear algebra and k-NN with the dtypes of issue 21: numpy's
# promoted result dtype; integer products exact with numpy's wrapping,
# float16 computed in float32 (compared with numpy's float16 result within
# a float16 bound), complex by cgemm/zgemm; linalg of bool/int input in
# float64; float16 linalg refused as numpy's TypeError.  Own generator, so
# sections added before this one do not change its inputs.
prng = np.random.default_rng(SEED + 21)
EPS16 = float(np.finfo(np.float16).eps)
INT_RANGE = {'bool': (0, 2), 'int8': (-128, 128), 'uint8': (0, 256), 'int16': (-32768, 32768),
             'int32': (-2**31, 2**31), 'int64': (-2**40, 2**40)}


def pdraw(dt, *shape):
    """values of dtype dt; integers over their whole range (int64 within
    2^40 so that literals are exact while products still wrap)"""
    dt = np.dtype(dt)
    if dt.name in INT_RANGE:
        lo, hi = INT_RANGE[dt.name]
        return prng.integers(lo, hi, size=shape).astype(dt)
    if dt.kind == 'c':
        return (prng.standard_normal(shape) + 1j * prng.standard_normal(shape)).astype(dt)
    return prng.standard_normal(shape).astype(dt)


def _server_reads(literal):
    """the server reads this literal (bool and complex text input are the
    io work of issue 21, which may not have landed)"""
    try:
        p = subprocess.run(['psql', '-X', '-q', '-tA', '-c', "SELECT '%s'::marsql.tensor" % literal],
                           capture_output=True, text=True, timeout=30)
        return p.returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


COMPLEX_LITERALS = _server_reads('complex128:[1+2j]')
BOOL_LITERALS = _server_reads('bool:[true,false]')


def plit(a):
    """lit(a), or for complex values while complex literals are not read
    yet, the real parts converted with astype (imaginary parts dropped:
    pdraw's callers use preal() to get the same values on the numpy side)"""
    a = np.asarray(a)
    if a.dtype.kind == 'c' and not COMPLEX_LITERALS:
        return "marsql.astype(%s, '%s')" % (lit(a.real.astype(np.float64)), a.dtype.name)
    if a.dtype.kind == 'b' and not BOOL_LITERALS:
        return "marsql.astype(%s, 'bool')" % lit(a.astype(np.float64))
    return lit(a)


def preal(a):
    a = np.asarray(a)
    if a.dtype.kind == 'c' and not COMPLEX_LITERALS:
        return a.real.astype(a.dtype)
    return a


def prod_tolerance(res, absprod, k, dts):
    """exact for bool/integer results; float16 within numpy's own per-step
    rounding (k eps16 |A||B|) plus one final rounding; others mm_tol"""
    rd = np.asarray(res).dtype
    if rd.kind in 'biu':
        return EXACT
    absprod = np.asarray(absprod, np.float64)
    if rd == np.float16:
        return (0.0, (2.0 * max(k, 1) + 1) * EPS16 * absprod + 1e-30)
    narrow = rd in (np.float32, np.complex64)
    return mm_tol(absprod * (2.0 if rd.kind == 'c' else 1.0), k, np.float32 if narrow else np.float64)


PAIRS = [('int8', 'int8'), ('int8', 'uint8'), ('uint8', 'uint8'), ('int16', 'int32'), ('int32', 'int32'),
         ('int64', 'int64'), ('int64', 'int8'), ('bool', 'bool'), ('bool', 'int8'), ('bool', 'int32'),
         ('int64', 'float32'), ('int32', 'float32'), ('int8', 'float32'), ('int16', 'float64'),
         ('uint8', 'float32'), ('float16', 'float16'), ('float16', 'int8'), ('float16', 'float32'),
         ('bool', 'float16'), ('float16', 'float64'), ('complex64', 'complex64'), ('complex128', 'complex128'),
         ('complex64', 'float64'), ('float32', 'complex64'), ('int32', 'complex64'), ('complex128', 'int8')]
for da, db in PAIRS:
    A, B = preal(pdraw(da, 3, 16)), preal(pdraw(db, 16, 4))
    a, b = plit(A), plit(B)
    absAB = np.abs(A).astype(np.float64) @ np.abs(B).astype(np.float64)
    want = np.matmul(A, B)
    T('matmul %s @ %s is %s' % (da, db, want.dtype), 'marsql.matmul(%s, %s)' % (a, b), want,
      prod_tolerance(want, absAB, 16, (da, db)))
    want = np.dot(A, B)
    T('dot %s . %s is %s' % (da, db, want.dtype), 'marsql.dot(%s, %s)' % (a, b), want,
      prod_tolerance(want, absAB, 16, (da, db)))
    V, W = preal(pdraw(da, 16)), preal(pdraw(db, 16))
    absVW = np.abs(V).astype(np.float64) @ np.abs(W).astype(np.float64)
    want = np.vdot(V, W)
    T('vdot %s, %s is %s' % (da, db, want.dtype), 'marsql.vdot(%s, %s)' % (plit(V), plit(W)), want,
      prod_tolerance(want, absVW, 16, (da, db)))
    want = np.inner(V, W)
    T('inner %s, %s is %s' % (da, db, want.dtype), 'marsql.inner(%s, %s)' % (plit(V), plit(W)), want,
      prod_tolerance(want, absVW, 16, (da, db)))
    X, Y = preal(pdraw(da, 2, 3)), preal(pdraw(db, 4))
    want = np.outer(X, Y)
    T('outer %s, %s is %s' % (da, db, want.dtype), 'marsql.outer(%s, %s)' % (plit(X), plit(Y)), want,
      prod_tolerance(want, np.abs(np.outer(X, Y)).astype(np.float64) if want.dtype.kind != 'b' else 0, 1, (da, db)))
    C, D = preal(pdraw(da, 2, 3, 4)), preal(pdraw(db, 4, 3, 2))
    want = np.tensordot(C, D, ([1, 2], [1, 0]))
    T('tensordot %s, %s over two axes is %s' % (da, db, want.dtype),
      'marsql.tensordot(%s, %s, %s, %s)' % (plit(C), plit(D), iarr([1, 2]), iarr([1, 0])), want,
      prod_tolerance(want, np.tensordot(np.abs(C).astype(np.float64), np.abs(D).astype(np.float64),
                                        ([1, 2], [1, 0])), 12, (da, db)))

# stacks, 1-D operands, 0-d dot, empty products, larger exact products
for dt in ('int8', 'int32', 'int64', 'bool', 'float16', 'complex128'):
    A, B = preal(pdraw(dt, 2, 1, 3, 5)), preal(pdraw(dt, 4, 5, 2))
    want = np.matmul(A, B)
    T('matmul %s stacks (2,1,3,5) @ (4,5,2)' % dt, 'marsql.matmul(%s, %s)' % (plit(A), plit(B)), want,
      prod_tolerance(want, np.abs(A).astype(np.float64) @ np.abs(B).astype(np.float64), 5, (dt, dt)))
    V, M = preal(pdraw(dt, 5)), preal(pdraw(dt, 5, 3))
    want = np.matmul(V, M)
    T('matmul %s 1-D @ 2-D' % dt, 'marsql.matmul(%s, %s)' % (plit(V), plit(M)), want,
      prod_tolerance(want, np.abs(V).astype(np.float64) @ np.abs(M).astype(np.float64), 5, (dt, dt)))
    s, M2 = preal(pdraw(dt)), preal(pdraw(dt, 2, 3))
    want = np.dot(s, M2)
    T('dot %s 0-d . 2-D is the elementwise product' % dt, 'marsql.dot(%s, %s)' % (plit(s), plit(M2)), want,
      prod_tolerance(want, np.abs(s).astype(np.float64) * np.abs(M2).astype(np.float64), 1, (dt, dt)))
    Z1, Z2 = np.zeros((3, 0), dt), np.zeros((0, 2), dt)
    T('matmul %s with an empty inner dimension gives zeros' % dt, 'marsql.matmul(%s, %s)' % (plit(Z1), plit(Z2)),
      np.matmul(Z1, Z2))
for dt, m, k, n in (('int32', 70, 300, 530), ('int8', 40, 600, 300), ('int64', 33, 129, 257), ('bool', 65, 257, 300),
                    ('uint8', 31, 130, 260)):
    A, B = pdraw(dt, m, k), pdraw(dt, k, n)
    T('matmul %s %dx%d @ %dx%d across the exact kernel\'s blocks' % (dt, m, k, k, n),
      'marsql.matmul(%s, %s)' % (plit(A), plit(B)), np.matmul(A, B))
# numpy's docstring examples (np.vdot, np.dot) with integers
T('vdot docstring: [[1,4],[5,6]] . [[4,1],[2,2]] is 30', "marsql.vdot(%s, %s)"
  % (lit(np.array([[1, 4], [5, 6]])), lit(np.array([[4, 1], [2, 2]]))), np.vdot([[1, 4], [5, 6]], [[4, 1], [2, 2]]))
T('dot docstring: [[1,0],[0,1]] . [[4,1],[2,2]]', "marsql.dot(%s, %s)"
  % (lit(np.array([[1, 0], [0, 1]])), lit(np.array([[4, 1], [2, 2]]))), np.dot([[1, 0], [0, 1]], [[4, 1], [2, 2]]))
if COMPLEX_LITERALS:
    a, b = np.array([1 + 2j, 3 + 4j]), np.array([5 + 6j, 7 + 8j])
    T('vdot docstring: conj(a) . b is 70-8j', 'marsql.vdot(%s, %s)' % (lit(a), lit(b)), np.vdot(a, b), F64)
    T('vdot docstring: conj(b) . a is 70+8j', 'marsql.vdot(%s, %s)' % (lit(b), lit(a)), np.vdot(b, a), F64)
    T('dot of complex does not conjugate', 'marsql.dot(%s, %s)' % (lit(a), lit(b)), np.dot(a, b), F64)
# kron: numpy's docstring examples, then dtype pairs and mixed ranks
T('kron docstring [1,10,100] x [5,6,7]', 'marsql.kron(%s, %s)' % (lit(np.array([1, 10, 100])), lit(np.array([5, 6, 7]))),
  np.kron([1, 10, 100], [5, 6, 7]))
T('kron docstring [5,6,7] x [1,10,100]', 'marsql.kron(%s, %s)' % (lit(np.array([5, 6, 7])), lit(np.array([1, 10, 100]))),
  np.kron([5, 6, 7], [1, 10, 100]))
T('kron docstring eye(2) x ones((2,2))', 'marsql.kron(%s, %s)' % (lit(np.eye(2)), lit(np.ones((2, 2)))),
  np.kron(np.eye(2), np.ones((2, 2))))
Ka = np.arange(100).reshape((2, 5, 2, 5)).astype(np.float64)
Kb = np.arange(24).reshape((2, 3, 4)).astype(np.float64)
T('kron docstring (2,5,2,5) x (2,3,4)', 'marsql.kron(%s, %s)' % (lit(Ka), lit(Kb)), np.kron(Ka, Kb), F64)
for da, db, sa, sb in (('int8', 'int8', (2, 3), (3, 2)), ('int32', 'uint8', (4,), (2, 3)), ('bool', 'bool', (2, 2), (2,)),
                       ('float16', 'int8', (3,), (2,)), ('int64', 'float32', (2, 1, 2), (3, 2)),
                       ('complex128', 'int16', (2, 2), (2, 2)), ('float32', 'float32', (), (3,)), ('int16', 'int16', (0, 2), (3,))):
    X, Y = preal(pdraw(da, *sa)), preal(pdraw(db, *sb))
    want = np.kron(X, Y)
    T('kron %s %s x %s %s is %s' % (da, sa, db, sb, want.dtype), 'marsql.kron(%s, %s)' % (plit(X), plit(Y)), want,
      EXACT if want.dtype.kind in 'biu' else (2 * EPS32 if want.dtype in (np.float32, np.complex64) else 2 * EPS64, 0.0))
# float16 overflow gives inf as numpy
A16 = np.array([[300.0]], np.float16)
T('matmul float16 300*300 overflows to inf', 'marsql.matmul(%s, %s)' % (lit(A16), lit(A16)), np.matmul(A16, A16))
E('vdot of different sizes is an error', 'marsql.vdot(%s, %s)' % (lit(np.arange(2)), lit(np.arange(3))), '22',
  lambda: np.vdot(np.arange(2), np.arange(3)))
E('matmul int32 (2,3) @ (2,3) is an error', 'marsql.matmul(%s, %s)'
  % (lit(np.zeros((2, 3), np.int32)), lit(np.zeros((2, 3), np.int32))), '22',
  lambda: np.matmul(np.zeros((2, 3), np.int32), np.zeros((2, 3), np.int32)))
E('matmul of a 0-d int32 is an error', 'marsql.matmul(%s, %s)' % (lit(np.int32(2)), lit(np.arange(3, dtype=np.int32))),
  '22', lambda: np.matmul(np.int32(2), np.arange(3, dtype=np.int32)))

# linear algebra: bool and integer input computes in float64
Ai = prng.integers(-9, 10, size=(5, 5)).astype(np.int32) + 12 * np.eye(5, dtype=np.int32)
Bi = prng.integers(-9, 10, size=5).astype(np.int64)
for name, fn, ref in (('inv', 'marsql.inv(%s)', np.linalg.inv), ('det', 'marsql.det(%s)', np.linalg.det),
                      ('svdvals', 'marsql.svdvals(%s)', lambda a: np.linalg.svd(a, compute_uv=False)),
                      ('pinv', 'marsql.pinv(%s)', np.linalg.pinv)):
    want = ref(Ai)
    T('%s of int32 is float64' % name, fn % lit(Ai), want, la(want))
for Xn, ordn in ((Ai, None), (Ai, 'fro'), (Ai, '2'), (Ai, 'nuc'), (Ai, '-1'), (Bi, None), (Bi, '1'), (Bi, 'inf')):
    npord = {None: None, 'fro': 'fro', 'nuc': 'nuc', '2': 2, '1': 1, '-1': -1, 'inf': np.inf}[ordn]
    want = np.asarray(np.linalg.norm(Xn, npord))
    T('norm of %s %s ord %s is float64' % (Xn.dtype.name, shp(Xn), ordn),
      'marsql.norm(%s, %s)' % (lit(Xn), 'NULL' if ordn is None else "'%s'" % ordn), want, la(want))
want = np.linalg.norm(np.array([[True, False], [True, True]]))
T('norm of bool is float64', 'marsql.norm(%s)' % plit(np.array([[True, False], [True, True]])), np.asarray(want), F64)
S_ = (Ai + Ai.T).astype(np.int16)
want = np.linalg.eigvalsh(S_)
T('eigvalsh of int16 is float64', 'marsql.eigvalsh(%s)' % lit(S_), want, la(want))
P_ = (Ai.T @ Ai).astype(np.int64)
want = np.linalg.cholesky(P_)
T('cholesky of int64 is float64', 'marsql.cholesky(%s)' % lit(P_), want, la(want))
want = np.linalg.solve(Ai, Bi)
T('solve int32 with int64 is float64', 'marsql.solve(%s, %s)' % (lit(Ai), lit(Bi)), want, la(want))
want = np.linalg.solve(Ai, Bi.astype(np.float32))
T('solve int32 with float32 is float64', 'marsql.solve(%s, %s)' % (lit(Ai), lit(Bi.astype(np.float32))), want, la(want))
Ab = np.array([[True, False, True], [False, True, True], [True, True, True]])
want = np.linalg.det(Ab)
T('det of bool is float64', 'marsql.det(%s)' % plit(Ab), want, la(want))
Ar = np.array([[1, 2], [2, 4], [3, 6]], np.uint8)
S('matrix_rank of uint8 rank-1 matrix', 'marsql.matrix_rank(%s)' % lit(Ar), np.linalg.matrix_rank(Ar), integer=True)
R('lstsq of int32 is float64', 'SELECT x, marsql.dtype(x) AS dt, rank FROM marsql.lstsq(%s, %s)'
  % (lit(np.array([[1, 1], [1, 2], [1, 3]], np.int32)), lit(np.array([1, 2, 2], np.int32))),
  lambda rows: (compare(parse_tensor(col(one_row(rows), 'x')),
                        np.linalg.lstsq(np.array([[1, 1], [1, 2], [1, 3]]), np.array([1, 2, 2]), rcond=None)[0],
                        (0.0, 1e-12)) or (None if col(one_row(rows), 'dt') == 'float64'
                                          else 'dtype %s' % col(one_row(rows), 'dt'))))


def E_type(desc, expr, sqlclass, numpy_raises):
    """as E, for numpy's TypeError (linalg of float16)"""
    try:
        numpy_raises()
    except TypeError:
        pass
    else:
        raise AssertionError('numpy does not raise TypeError for: ' + desc)
    add(desc, 'SELECT %s AS r' % expr, None, expect_error=sqlclass)


H = np.array([[2, 1], [1, 3]], np.float16)
for name, fn, ref in (('inv', 'marsql.inv(%s)', np.linalg.inv), ('det', 'marsql.det(%s)', np.linalg.det),
                      ('cholesky', 'marsql.cholesky(%s)', np.linalg.cholesky),
                      ('eigvalsh', 'marsql.eigvalsh(%s)', np.linalg.eigvalsh),
                      ('svdvals', 'marsql.svdvals(%s)', lambda a: np.linalg.svd(a, compute_uv=False))):
    E_type('%s of float16 is refused (numpy: TypeError)' % name, fn % lit(H), '42804',
           lambda ref=ref: ref(H))

# k-NN: a float16 corpus finds what the float32 conversion of it finds
Cx = prng.standard_normal((40, 8)).astype(np.float16)
Qx = prng.standard_normal((3, 8)).astype(np.float16)
d32 = np.linalg.norm(Cx.astype(np.float32)[None, :, :] - Qx.astype(np.float32)[:, None, :], axis=2)
want_ids = [list(np.argsort(d32[q], kind='stable')[:5]) for q in range(3)]


def knn_ids_check(rows, want=want_ids, dist=d32):
    got = [[] for _ in want]
    for r in sorted(rows, key=lambda r: (r['query'], r['rank'])):
        got[r['query']].append(r['id'])
        if abs(r['distance'] - float(dist[r['query'], r['id']])) > 1e-5 * max(1.0, float(dist[r['query'], r['id']])):
            return 'distance %r for query %d id %d, numpy %r' % (r['distance'], r['query'], r['id'],
                                                                   float(dist[r['query'], r['id']]))
    return None if got == [[int(i) for i in w] for w in want] else 'ids %r, numpy %r' % (got, want)


R('knn over a float16 corpus is the float32 search', 'SELECT * FROM marsql.knn(%s, %s, 5)' % (lit(Qx), lit(Cx)),
  knn_ids_check)
Ci = prng.integers(-50, 50, size=(30, 4)).astype(np.int32)
Qi = prng.integers(-50, 50, size=(2, 4)).astype(np.int16)
di = np.linalg.norm(Ci.astype(np.float64)[None, :, :] - Qi.astype(np.float64)[:, None, :], axis=2)
R('knn over an int32 corpus computes in float64',
  'SELECT * FROM marsql.knn(%s, %s, 4)' % (lit(Qi), lit(Ci)),
  lambda rows, di=di: knn_ids_check(rows, [list(np.argsort(di[q], kind='stable')[:4]) for q in range(2)], di))
S('l2_distance of float16 vectors (computed in float32)',
  'marsql.l2_distance(%s, %s)' % (lit(Qx[0]), lit(Cx[0])),
  float(np.linalg.norm(Qx[0].astype(np.float32) - Cx[0].astype(np.float32))), (1e-6, 1e-6))


# ---- reduce: reductions, shape functions, subscripts, stacking,
# constructors and row aggregates over every dtype (issue 21, helper
# "reduce").  numpy's result dtypes: sum/prod/cumsum/cumprod of bool and
# integers are int64 (numpy gives uint64 for uint8; marsql has no uint64
# and documents int64), mean/var/std of integers float64, float16 stays
# float16, min/max keep the dtype, argmin/argmax int64.  Bool and complex
# inputs are built with astype (their text literals are the io helper's).
RD_DTYPES = ('bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64',
             'complex64', 'complex128')
RD_REAL = tuple(d for d in RD_DTYPES if not d.startswith('complex'))


def rd_lit(a):
    """a literal for any dtype: bool and (real-valued) complex via astype"""
    a = np.asarray(a)
    if a.dtype.kind == 'b':
        return "marsql.astype(%s, 'bool')" % lit(a.astype(np.float64))
    if a.dtype.kind == 'c':
        assert not np.any(a.imag)
        return "marsql.astype(%s, '%s')" % (lit(a.real.astype(np.float64)), a.dtype.name)
    return lit(a)


def rd_sample(dt, shape=(3, 4), lo=-9, hi=10):
    """small exact values (sums and products exact in every dtype)"""
    if dt == 'bool':
        return rng.random(shape) < 0.5
    if dt == 'uint8':
        return rng.integers(0, hi, shape).astype(np.uint8)
    a = rng.integers(lo, hi, shape)
    if dt in ('float16', 'float32', 'float64'):
        return (a * 0.5).astype(dt)
    return a.astype(dt)


def rd_sum_dtype(ref, dt):
    """numpy's result with uint8's uint64 sums as marsql's int64"""
    ref = np.asarray(ref)
    return ref.astype(np.int64) if ref.dtype == np.uint64 else ref


def rd_tol(dt):
    return {'float16': (2e-3, 2e-3), 'float32': (1e-6, 1e-6), 'complex64': (1e-6, 1e-6)}.get(dt, (1e-12, 1e-12))


def rd_axis_sql(fname, axis, keepdims):
    head = ', NULL' if axis is None else ', %d' % axis
    if fname not in AGG_NAMES and axis is None and not keepdims:
        head = ''
    return head + (', keepdims => true' if keepdims else '')


for dt in RD_DTYPES:
    a = rd_sample(dt)
    A = rd_lit(a)
    # shape and data movement: the dtype is kept, values bit for bit
    T('reduce: reshape %s' % dt, 'marsql.reshape(%s, %s)' % (A, iarr([2, -1])), a.reshape(2, -1))
    T('reduce: transpose %s' % dt, 'marsql.transpose(%s)' % A, a.T)
    T('reduce: flatten %s' % dt, 'marsql.flatten(%s)' % A, a.ravel())
    T('reduce: expand_dims -1 then squeeze %s' % dt, 'marsql.squeeze(marsql.expand_dims(%s, -1))' % A, a)
    T('reduce: expand_dims 0 %s' % dt, 'marsql.expand_dims(%s, 0)' % A, np.expand_dims(a, 0))
    T('reduce: concatenate axis 1 %s' % dt, 'marsql.concatenate(ARRAY[%s, %s], 1)' % (A, A), np.concatenate([a, a], 1))
    T('reduce: concatenate axis NULL %s' % dt, 'marsql.concatenate(ARRAY[%s, %s], NULL)' % (A, A),
      np.concatenate([a, a], axis=None))
    T('reduce: stack axis -1 %s' % dt, 'marsql.stack(ARRAY[%s, %s], -1)' % (A, A), np.stack([a, a], -1))
    T('reduce: tile %s' % dt, 'marsql.tile(%s, %s)' % (A, iarr([2, 1, 2])), np.tile(a, (2, 1, 2)))
    T('reduce: repeat axis 0 %s' % dt, 'marsql.repeat(%s, 2, 0)' % A, np.repeat(a, 2, 0))
    T('reduce: repeat flat %s' % dt, 'marsql.repeat(%s, 3)' % A, np.repeat(a, 3))
    T('reduce: diag k=1 %s' % dt, 'marsql.diag(%s, 1)' % A, np.diag(a, 1))
    T('reduce: diag of 1-D %s' % dt, 'marsql.diag(%s, -1)' % rd_lit(a[0]), np.diag(a[0], -1))
    T('reduce: tril %s' % dt, 'marsql.tril(%s)' % A, np.tril(a))
    T('reduce: triu k=1 %s' % dt, 'marsql.triu(%s, 1)' % A, np.triu(a, 1))
    T('reduce: take axis 1 %s' % dt, 'marsql.take(%s, %s, 1)' % (A, iarr([3, 0, -1])), np.take(a, [3, 0, -1], 1))
    T('reduce: subscript [1:][:, 2] %s' % dt, '(%s)[1:][2]' % A, a[1:, 2])
    T('reduce: slice step -2 %s' % dt, "marsql.slice(%s, ARRAY[NULL,NULL]::int[], ARRAY[NULL,NULL]::int[], %s)" % (A, iarr([1, -2])),
      a[::1, ::-2])
    T('reduce: split piece %s' % dt, '(marsql.split(%s, 2, 1))[2]' % A, np.split(a, 2, 1)[1])
    # reductions
    for axis in (None, 0, 1, -1):
        for keepdims in (False, True):
            tag = '%s axis %s%s' % (dt, axis, ' keepdims' if keepdims else '')
            T('reduce: sum %s' % tag, 'marsql.sum(%s%s)' % (A, rd_axis_sql('sum', axis, keepdims)),
              rd_sum_dtype(np.sum(a, axis=axis, keepdims=keepdims), dt))
            T('reduce: mean %s' % tag, 'marsql.mean(%s%s)' % (A, rd_axis_sql('mean', axis, keepdims)),
              np.mean(a, axis=axis, keepdims=keepdims), rd_tol(dt))
            T('reduce: any %s' % tag, 'marsql."any"(%s%s)' % (A, rd_axis_sql('any', axis, keepdims)),
              np.any(a, axis=axis, keepdims=keepdims))
            T('reduce: all %s' % tag, 'marsql."all"(%s%s)' % (A, rd_axis_sql('all', axis, keepdims)),
              np.all(a, axis=axis, keepdims=keepdims))
            T('reduce: count_nonzero %s' % tag, 'marsql.count_nonzero(%s%s)' % (A, rd_axis_sql('cnz', axis, keepdims)),
              np.asarray(np.count_nonzero(a, axis=axis, keepdims=keepdims), np.int64))
            if True:  # every dtype: complex in numpy's lexicographic order
                T('reduce: min %s' % tag, 'marsql.min(%s%s)' % (A, rd_axis_sql('min', axis, keepdims)),
                  np.min(a, axis=axis, keepdims=keepdims))
                T('reduce: max %s' % tag, 'marsql.max(%s%s)' % (A, rd_axis_sql('max', axis, keepdims)),
                  np.max(a, axis=axis, keepdims=keepdims))
                T('reduce: var ddof 1 %s' % tag, 'marsql.var(%s, axis => %s, ddof => 1, keepdims => %s)'
                  % (A, 'NULL' if axis is None else axis, 'true' if keepdims else 'false'),
                  np.var(a, axis=axis, ddof=1, keepdims=keepdims), (2e-2, 2e-2) if dt == 'float16' else rd_tol(dt))
                T('reduce: std %s' % tag, 'marsql.std(%s, axis => %s, keepdims => %s)'
                  % (A, 'NULL' if axis is None else axis, 'true' if keepdims else 'false'),
                  np.std(a, axis=axis, keepdims=keepdims), (2e-2, 2e-2) if dt == 'float16' else rd_tol(dt))
    p = rd_sample(dt, lo=-2, hi=3)
    P = rd_lit(p)
    for axis in (None, 0, -1):
        T('reduce: prod %s axis %s' % (dt, axis), 'marsql.prod(%s%s)' % (P, '' if axis is None else ', %d' % axis),
          rd_sum_dtype(np.prod(p, axis=axis), dt))
        T('reduce: cumsum %s axis %s' % (dt, axis), 'marsql.cumsum(%s%s)' % (A, '' if axis is None else ', %d' % axis),
          rd_sum_dtype(np.cumsum(a, axis=axis), dt))
        T('reduce: cumprod %s axis %s' % (dt, axis), 'marsql.cumprod(%s%s)' % (P, '' if axis is None else ', %d' % axis),
          rd_sum_dtype(np.cumprod(p, axis=axis), dt))
    for fname, fn in (('argmin', np.argmin), ('argmax', np.argmax)):
        S('reduce: %s flat %s' % (fname, dt), 'marsql.%s(%s)' % (fname, A), fn(a), EXACT, integer=True)
        for axis in (0, -1):
            T('reduce: %s %s axis %d is int64' % (fname, dt, axis), 'marsql.%s(%s, %d)' % (fname, A, axis),
              fn(a, axis=axis).astype(np.int64))
    if True:  # complex: real norms of |x|
        T('reduce: norm of %s' % dt, 'marsql.norm(%s)' % A, np.linalg.norm(a),
          (2e-3, 2e-3) if dt == 'float16' else (1e-6, 1e-6) if dt in ('float32', 'complex64') else (1e-12, 1e-12))
        for o in ('1', 'inf', 'fro'):
            T('reduce: matrix norm %s of %s' % (o, dt), "marsql.norm(%s, '%s')" % (A, o), np.linalg.norm(a, ORD[o]),
              (2e-3, 2e-3) if dt == 'float16' else (1e-6, 1e-6) if dt in ('float32', 'complex64') else (1e-12, 1e-12))
        T('reduce: vector norm ord 1 axis 0 of %s' % dt, "marsql.norm(%s, '1', 0)" % A, np.linalg.norm(a, 1, axis=0),
          (2e-3, 2e-3) if dt == 'float16' else (1e-6, 1e-6) if dt in ('float32', 'complex64') else (1e-12, 1e-12))
    # empty and 0-d
    e = np.zeros((0, 3), dtype=dt)
    E_ = rd_lit(e)
    T('reduce: sum of empty %s axis 0' % dt, 'marsql.sum(%s, 0)' % E_, rd_sum_dtype(np.sum(e, axis=0), dt))
    T('reduce: prod of empty %s' % dt, 'marsql.prod(%s)' % E_, rd_sum_dtype(np.prod(e), dt))
    T('reduce: any of empty %s' % dt, 'marsql."any"(%s)' % E_, np.any(e))
    T('reduce: all of empty %s axis 0' % dt, 'marsql."all"(%s, 0)' % E_, np.all(e, axis=0))
    T('reduce: count_nonzero of empty %s' % dt, 'marsql.count_nonzero(%s)' % E_, np.int64(np.count_nonzero(e)))
    z = a[1, 2]
    T('reduce: sum of 0-d %s' % dt, 'marsql.sum(%s, NULL)' % rd_lit(z), rd_sum_dtype(np.sum(z), dt))
    T('reduce: any of 0-d %s' % dt, 'marsql."any"(%s)' % rd_lit(z), np.any(z))
    E('reduce: min of empty %s raises' % dt, 'marsql.min(%s, NULL)' % E_, '22', lambda e=e: np.min(e))
    E('reduce: argmax of empty %s raises' % dt, 'marsql.argmax(%s)' % E_, '22', lambda e=e: np.argmax(e))
    E('reduce: sum axis 2 of 2-D %s raises' % dt, 'marsql.sum(%s, 2)' % A, '22', lambda a=a: np.sum(a, axis=2))
    E('reduce: any axis -3 of 2-D %s raises' % dt, 'marsql."any"(%s, -3)' % A, '22', lambda a=a: np.any(a, axis=-3))
    E('reduce: count_nonzero axis 2 of 2-D %s raises' % dt, 'marsql.count_nonzero(%s, 2)' % A, '22',
      lambda a=a: np.count_nonzero(a, axis=2))
    E('reduce: cumprod axis 2 of 2-D %s raises' % dt, 'marsql.cumprod(%s, 2)' % A, '22', lambda a=a: np.cumprod(a, axis=2))
    # constructors
    T('reduce: ones %s' % dt, "marsql.ones(%s, '%s')" % (iarr([2, 3]), dt), np.ones((2, 3), dt))
    T('reduce: zeros %s' % dt, "marsql.zeros(%s, '%s')" % (iarr([2]), dt), np.zeros(2, dt))
    T('reduce: full 2.75 %s' % dt, "marsql.full(%s, 2.75, '%s')" % (iarr([3]), dt), np.full(3, 2.75, dt))
    T('reduce: eye 2x3 k=1 %s' % dt, "marsql.eye(2, 3, 1, '%s')" % dt, np.eye(2, 3, 1, dtype=dt))
    T('reduce: identity %s' % dt, "marsql.identity(3, '%s')" % dt, np.identity(3, dt))
    if dt != 'bool':
        T('reduce: arange(0, 5, 1.5) %s' % dt, "marsql.arange(0, 5, 1.5, '%s')" % dt, np.arange(0, 5, 1.5, dtype=dt),
          rd_tol(dt))
        T('reduce: arange(7) %s' % dt, "marsql.arange(7, '%s')" % dt, np.arange(7, dtype=dt))
        T('reduce: linspace(0, 10, 4) %s' % dt, "marsql.linspace(0, 10, 4, true, '%s')" % dt,
          np.linspace(0, 10, 4, dtype=dt), rd_tol(dt))
    # mixed dtypes promote as numpy.concatenate / stack
    for other in ('int8', 'uint8', 'float16', 'float32', 'int64'):
        b = rd_sample(other)
        T('reduce: concatenate %s with %s' % (dt, other), 'marsql.concatenate(ARRAY[%s, %s])' % (A, rd_lit(b)),
          np.concatenate([a, b]))
        T('reduce: stack %s with %s' % (dt, other), 'marsql.stack(ARRAY[%s, %s], 1)' % (A, rd_lit(b)),
          np.stack([a, b], 1))

# flip, roll, swapaxes, moveaxis, broadcast_to, ravel and the *_like
# constructors: every dtype, axis None / negative, 0-d, empty
for dt in RD_DTYPES:
    a3 = rd_sample(dt, (2, 3, 4))
    A3 = rd_lit(a3)
    T('reduce: flip all axes %s' % dt, 'marsql.flip(%s)' % A3, np.flip(a3))
    for axis in (0, -1):
        T('reduce: flip axis %d %s' % (axis, dt), 'marsql.flip(%s, %d)' % (A3, axis), np.flip(a3, axis))
    for shift, axis in ((1, None), (-5, None), (2, 1), (-1, -1), (7, 0), (0, 2)):
        T('reduce: roll %d axis %s %s' % (shift, axis, dt),
          'marsql.roll(%s, %d%s)' % (A3, shift, '' if axis is None else ', %d' % axis), np.roll(a3, shift, axis))
    T('reduce: swapaxes 0 -1 %s' % dt, 'marsql.swapaxes(%s, 0, -1)' % A3, np.swapaxes(a3, 0, -1))
    for src, dst in ((0, -1), (-1, 0), (1, 2), (2, 1)):
        T('reduce: moveaxis %d %d %s' % (src, dst, dt), 'marsql.moveaxis(%s, %d, %d)' % (A3, src, dst), np.moveaxis(a3, src, dst))
    T('reduce: broadcast_to (2,3,4) -> (2,2,3,4) %s' % dt, 'marsql.broadcast_to(%s, %s)' % (A3, iarr([2, 2, 3, 4])),
      np.broadcast_to(a3, (2, 2, 3, 4)))
    T('reduce: broadcast_to (3,1) -> (2,3,5) %s' % dt, 'marsql.broadcast_to(%s, %s)' % (rd_lit(a3[0, :, :1]), iarr([2, 3, 5])),
      np.broadcast_to(a3[0, :, :1], (2, 3, 5)))
    T('reduce: ravel %s' % dt, 'marsql.ravel(%s)' % A3, np.ravel(a3))
    T('reduce: zeros_like %s' % dt, 'marsql.zeros_like(%s)' % A3, np.zeros_like(a3))
    T('reduce: ones_like %s' % dt, 'marsql.ones_like(%s)' % A3, np.ones_like(a3))
    T('reduce: full_like 2 %s' % dt, 'marsql.full_like(%s, 2)' % A3, np.full_like(a3, 2))
    T('reduce: zeros_like %s as int8' % dt, "marsql.zeros_like(%s, 'int8')" % A3, np.zeros_like(a3, dtype=np.int8))
    z0 = a3[0, 0, 0]
    T('reduce: flip of 0-d %s' % dt, 'marsql.flip(%s)' % rd_lit(z0), np.flip(z0))
    T('reduce: roll of 0-d %s' % dt, 'marsql.roll(%s, 3)' % rd_lit(z0), np.roll(z0, 3))
    e = np.zeros((0, 3), dt)
    T('reduce: roll of empty %s axis 1' % dt, 'marsql.roll(%s, 1, 1)' % rd_lit(e), np.roll(e, 1, 1))
    T('reduce: flip of empty %s' % dt, 'marsql.flip(%s)' % rd_lit(e), np.flip(e))
    E('reduce: flip axis 3 of 3-D %s raises' % dt, 'marsql.flip(%s, 3)' % A3, '22', lambda a3=a3: np.flip(a3, 3))
    E('reduce: roll axis -4 of 3-D %s raises' % dt, 'marsql.roll(%s, 1, -4)' % A3, '22', lambda a3=a3: np.roll(a3, 1, -4))
    E('reduce: swapaxes 0 3 of 3-D %s raises' % dt, 'marsql.swapaxes(%s, 0, 3)' % A3, '22', lambda a3=a3: np.swapaxes(a3, 0, 3))
    E('reduce: moveaxis 3 0 of 3-D %s raises' % dt, 'marsql.moveaxis(%s, 3, 0)' % A3, '22', lambda a3=a3: np.moveaxis(a3, 3, 0))
    E('reduce: broadcast_to (2,3,4) -> (3,4) %s raises' % dt, 'marsql.broadcast_to(%s, %s)' % (A3, iarr([3, 4])), '22',
      lambda a3=a3: np.broadcast_to(a3, (3, 4)))
    E('reduce: broadcast_to (2,3,4) -> (2,5,4) %s raises' % dt, 'marsql.broadcast_to(%s, %s)' % (A3, iarr([2, 5, 4])), '22',
      lambda a3=a3: np.broadcast_to(a3, (2, 5, 4)))
# numpy's docstring examples
T('reduce: np.roll docstring', 'marsql.roll(%s, 2)' % lit(np.arange(10, dtype=np.int64)), np.roll(np.arange(10), 2))
T('reduce: np.roll docstring negative', 'marsql.roll(%s, -2)' % lit(np.arange(10, dtype=np.int64)), np.roll(np.arange(10), -2))
x2 = np.reshape(np.arange(10, dtype=np.int64), (2, 5))
T('reduce: np.roll docstring 2-D axis None', 'marsql.roll(%s, 1)' % lit(x2), np.roll(x2, 1))
T('reduce: np.roll docstring 2-D axis 0', 'marsql.roll(%s, 1, 0)' % lit(x2), np.roll(x2, 1, axis=0))
T('reduce: np.roll docstring 2-D axis 1 negative', 'marsql.roll(%s, -1, 1)' % lit(x2), np.roll(x2, -1, axis=1))
Af = np.arange(8, dtype=np.int64).reshape((2, 2, 2))
T('reduce: np.flip docstring axis 0', 'marsql.flip(%s, 0)' % lit(Af), np.flip(Af, 0))
T('reduce: np.flip docstring', 'marsql.flip(%s)' % lit(Af), np.flip(Af))
T('reduce: np.swapaxes docstring', 'marsql.swapaxes(%s, 0, 2)' % lit(Af), np.swapaxes(Af, 0, 2))
Xm = np.zeros((3, 4, 5))
T('reduce: np.moveaxis docstring 0 -1', 'marsql.moveaxis(%s, 0, -1)' % lit(Xm), np.moveaxis(Xm, 0, -1))
T('reduce: np.moveaxis docstring -1 0', 'marsql.moveaxis(%s, -1, 0)' % lit(Xm), np.moveaxis(Xm, -1, 0))
T('reduce: np.broadcast_to docstring', 'marsql.broadcast_to(%s, %s)' % (lit(np.array([1, 2, 3], np.int64)), iarr([3, 3])),
  np.broadcast_to(np.array([1, 2, 3]), (3, 3)))

# numpy's docstring examples
T('reduce: np.any docstring [[True, False], [True, True]]', 'marsql."any"(%s)' % rd_lit(np.array([[True, False], [True, True]])),
  np.any([[True, False], [True, True]]))
T('reduce: np.any docstring axis 0', 'marsql."any"(%s, 0)' % rd_lit(np.array([[True, False], [False, False]])),
  np.any([[True, False], [False, False]], axis=0))
T('reduce: np.any docstring [-1, 0, 5]', 'marsql."any"(%s)' % lit(np.array([-1, 0, 5.0])), np.any([-1, 0, 5]))
T('reduce: np.any docstring nan', 'marsql."any"(%s)' % lit(np.array(np.nan)), np.any(np.nan))
T('reduce: np.all docstring [-1, 4, 5]', 'marsql."all"(%s)' % lit(np.array([-1, 4, 5.0])), np.all([-1, 4, 5]))
T('reduce: np.all docstring [1.0, nan]', 'marsql."all"(%s)' % lit(np.array([1.0, np.nan])), np.all([1.0, np.nan]))
T('reduce: np.all docstring keepdims', 'marsql."all"(%s, -1, true)' % rd_lit(np.array([[True], [True]])),
  np.all([[True], [True]], axis=-1, keepdims=True))
cz = np.array([[0, 1, 7, 0], [3, 0, 2, 19]], np.int64)
T('reduce: np.count_nonzero docstring eye(4)', 'marsql.count_nonzero(marsql.eye(4))', np.int64(np.count_nonzero(np.eye(4))))
T('reduce: np.count_nonzero docstring', 'marsql.count_nonzero(%s)' % lit(cz), np.int64(np.count_nonzero(cz)))
T('reduce: np.count_nonzero docstring axis 0', 'marsql.count_nonzero(%s, 0)' % lit(cz),
  np.count_nonzero(cz, axis=0).astype(np.int64))
T('reduce: np.count_nonzero docstring axis 1', 'marsql.count_nonzero(%s, 1)' % lit(cz),
  np.count_nonzero(cz, axis=1).astype(np.int64))
T('reduce: np.count_nonzero docstring axis 1 keepdims', 'marsql.count_nonzero(%s, 1, true)' % lit(cz),
  np.count_nonzero(cz, axis=1, keepdims=True).astype(np.int64))
T('reduce: np.cumprod docstring', 'marsql.cumprod(%s)' % lit(np.array([1, 2, 3], np.int64)), np.cumprod(np.array([1, 2, 3])))
T('reduce: np.cumprod docstring 2-D axis 0', 'marsql.cumprod(%s, 0)' % lit(np.array([[1, 2, 3], [4, 5, 6]], np.int64)),
  np.cumprod(np.array([[1, 2, 3], [4, 5, 6]]), axis=0))
T('reduce: np.sum docstring bool', 'marsql.sum(%s, NULL)' % rd_lit(np.array([True, True, False])),
  np.sum(np.array([True, True, False])))
T('reduce: np.sum docstring int8 sum in int64 (no wrap at 128)', 'marsql.sum(%s, NULL)' % lit(np.array([100, 100], np.int8)),
  np.sum(np.array([100, 100], np.int8)))
# NaN and -0.0 in truth and float16 reductions
nz = np.array([np.nan, -0.0, 0.0, 2.0])
T('reduce: count_nonzero NaN true, -0.0 false', 'marsql.count_nonzero(%s)' % lit(nz), np.int64(np.count_nonzero(nz)))
T('reduce: any -0.0 is false', 'marsql."any"(%s)' % lit(np.array([-0.0])), np.any(np.array([-0.0])))
h = np.array([[1.5, np.nan, -2.0], [0.25, 3.0, -0.0]], np.float16)
for fname, fn in (('min', np.min), ('max', np.max), ('sum', np.sum), ('mean', np.mean), ('prod', np.prod)):
    T('reduce: %s float16 with NaN axis 1' % fname, 'marsql.%s(%s, 1)' % (fname, lit(h)), fn(h, axis=1))
S('reduce: argmax float16 NaN first', 'marsql.argmax(%s)' % lit(h), np.argmax(h), EXACT, integer=True)
hs = (rng.random(3000) * 4).astype(np.float16)
T('reduce: sum of 3000 float16 (pairwise in float32)', 'marsql.sum(%s, NULL)' % lit(hs), np.sum(hs))
T('reduce: cumsum of float16 rounds at each step', 'marsql.cumsum(%s)' % lit(hs[:300]), np.cumsum(hs[:300]))
# overflow: int64 wraps as numpy's
big = np.array([2 ** 62, 2 ** 62, 2 ** 62, 2 ** 62], np.int64)
with np.errstate(over='ignore'):
    T('reduce: int64 sum wraps', 'marsql.sum(%s, NULL)' % lit(big), np.sum(big))
    T('reduce: int64 cumsum wraps', 'marsql.cumsum(%s)' % lit(big), np.cumsum(big))
    T('reduce: int64 prod wraps', 'marsql.prod(%s)' % lit(np.array([2 ** 32, 2 ** 32], np.int64)),
      np.prod(np.array([2 ** 32, 2 ** 32], np.int64)))
    T('reduce: int32 prod in int64 does not wrap', 'marsql.prod(%s)' % lit(np.array([2 ** 20, 2 ** 20], np.int32)),
      np.prod(np.array([2 ** 20, 2 ** 20], np.int32)))
# complex NaN wins min/max and argmax (numpy's CDOUBLE loops)
cn = np.array([[1, np.nan, 3], [4, 5, -6]], np.complex128)
T('reduce: max complex128 with NaN axis 1', 'marsql.max(marsql.astype(%s, \'complex128\'), 1)' % lit(cn.real), np.max(cn, axis=1))
T('reduce: min complex128 with NaN axis 0', 'marsql.min(marsql.astype(%s, \'complex128\'), 0)' % lit(cn.real), np.min(cn, axis=0))
S('reduce: argmin complex128 finds the NaN', 'marsql.argmin(marsql.astype(%s, \'complex128\'))' % lit(cn.real),
  np.argmin(cn), EXACT, integer=True)
# complex spectral and nuclear matrix norms come from the complex SVD (more in checks/clinalg.py)
T('reduce: nuclear norm of complex64 is float32',
  "marsql.norm(marsql.astype('[[1,2],[3,4]]'::marsql.tensor, 'complex64'), 'nuc')",
  np.linalg.norm(np.array([[1, 2], [3, 4]], np.complex64), 'nuc'), (LINALG32, 0.0))
# full with a value the integer dtype cannot hold: numpy >= 2 raises
# OverflowError (numpy 1.x wraps silently); marsql raises 22003
add('reduce: full 300 int8 out of range', "SELECT marsql.full(ARRAY[2], 300, 'int8') AS r", None, expect_error='22003')
add('reduce: full NaN int32 out of range', "SELECT marsql.full(ARRAY[2], 'NaN', 'int32') AS r", None, expect_error='22003')
# numpy raises TypeError (not one E() accepts) for more than two bools
add('reduce: arange of 3 bools raises', "SELECT marsql.arange(3, 'bool') AS r", None, expect_error='22')
# row aggregates: numpy's reductions over axis 0 of the stacked rows
RD_ROWS = [(i % 2, rd_sample('int16', (2, 3))) for i in range(6)]
RD_ROWS_B = [rd_sample('bool', (4,)) for _ in range(5)]
SETUP_TABLES += [
    'CREATE TEMP TABLE reduce_rows (g int, t marsql.tensor);',
    'INSERT INTO reduce_rows VALUES %s;' % ', '.join('(%d, %s)' % (g, rd_lit(t)) for g, t in RD_ROWS),
    'CREATE TEMP TABLE reduce_rows_b (t marsql.tensor);',
    'INSERT INTO reduce_rows_b VALUES %s;' % ', '.join('(%s)' % rd_lit(t) for t in RD_ROWS_B),
]
st = np.stack([t for _, t in RD_ROWS])
stb = np.stack(RD_ROWS_B)
T('reduce: sum over int16 rows is int64', '(SELECT marsql.sum(t) FROM reduce_rows)', np.sum(st, axis=0))
T('reduce: avg over int16 rows is float64', '(SELECT marsql.avg(t) FROM reduce_rows)', np.mean(st, axis=0), (1e-12, 1e-12))
T('reduce: min over int16 rows is int16', '(SELECT marsql.min(t) FROM reduce_rows)', np.min(st, axis=0))
T('reduce: max over int16 rows is int16', '(SELECT marsql.max(t) FROM reduce_rows)', np.max(st, axis=0))
T('reduce: stack_agg of int16 rows', '(SELECT marsql.stack_agg(t ORDER BY ctid) FROM reduce_rows)', st)
T('reduce: sum over bool rows is int64', '(SELECT marsql.sum(t) FROM reduce_rows_b)', np.sum(stb, axis=0))
T('reduce: max over bool rows is bool', '(SELECT marsql.max(t) FROM reduce_rows_b)', np.max(stb, axis=0))
T('reduce: avg over bool rows is float64', '(SELECT marsql.avg(t) FROM reduce_rows_b)', np.mean(stb, axis=0), (1e-12, 1e-12))

# ---- indexing (issue 21): masks, index tensors, nonzero, choose, select, put, assignment
# Bool and complex text literals do not parse yet: they are built with astype
# (complex values with a zero imaginary part, so every element still moves
# as 16 bytes).
IX_DTYPES = ('bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32', 'float64',
             'complex64', 'complex128')


def ilit(a):
    """a tensor expression holding numpy array a, any dtype"""
    a = np.asarray(a)
    if a.dtype.kind == 'b':
        return "marsql.astype(%s, 'bool')" % lit(a.astype(np.int8))
    if a.dtype.kind == 'c':
        assert not np.any(a.imag)
        return "marsql.astype(%s, '%s')" % (lit(a.real.astype(np.float64)), a.dtype.name)
    return lit(a)


def itarr(arrs):
    return 'ARRAY[%s]::marsql.tensor[]' % ','.join(ilit(a) for a in arrs)


def ix_data(dt, shape, seed=0):
    n = int(np.prod(shape))
    x = ((np.arange(n) * 7 + seed) % 11 - 3).reshape(shape)
    if dt == 'bool':
        return (x % 3 == 0)
    if dt == 'uint8':
        return (x + 3).astype(np.uint8)
    return x.astype(dt)


def EX(desc, expr, sqlclass, numpy_raises):
    """E for errors numpy raises as TypeError too"""
    try:
        numpy_raises()
    except (ValueError, IndexError, TypeError):
        pass
    else:
        raise AssertionError('numpy does not raise for: ' + desc)
    add(desc, 'SELECT %s AS r' % expr, None, expect_error=sqlclass or '')


def put_np(a, ind, v):
    a = a.copy()
    np.put(a, ind, v)
    return a


def put_along_np(a, ind, v, axis):
    a = a.copy()
    np.put_along_axis(a, ind, v, axis)
    return a


def mask_assign_np(a, m, v):
    a = a.copy()
    a[m] = v
    return a


def set_slice_np(a, sl, v):
    a = a.copy()
    a[sl] = v
    return a


rows3 = np.array([True, False, True])
for dt in IX_DTYPES:
    a = ix_data(dt, (3, 4))
    b = ix_data(dt, (2, 3, 4), seed=5)
    full = ix_data('int64', (3, 4), seed=2) > 2
    T('mask_select %s rows' % dt, 'marsql.mask_select(%s, %s)' % (ilit(a), ilit(rows3)), a[rows3])
    T('mask_select %s full mask' % dt, 'marsql.mask_select(%s, %s)' % (ilit(a), ilit(full)), a[full])
    T('mask_select %s all-false mask' % dt, 'marsql.mask_select(%s, %s)' % (ilit(b), ilit(np.zeros((2, 3), bool))),
      b[np.zeros((2, 3), bool)])
    T('extract %s' % dt, 'marsql.extract(%s, %s)' % (ilit(a), ilit(b)), np.extract(a, b))
    for axis in (0, 1, -1, None):
        c = np.array([True, False, True, True][:a.shape[axis]] if axis is not None else [0, 1, 1, 0, 0, 1])
        T('compress %s axis %s' % (dt, axis), 'marsql.compress(%s, %s, %s)' % (ilit(c), ilit(a), 'NULL' if axis is None else axis),
          np.compress(c, a, axis=axis))
    for it in ('int8', 'int16', 'int32', 'int64', 'uint8'):
        idx = np.array([[2, 0], [1, 2]], it) if it == 'uint8' else np.array([[-1, 0], [1, -3]], it)
        T('index %s by %s (2,2) indices' % (dt, it), 'marsql.index(%s, %s)' % (ilit(a), ilit(idx)), a[idx])
    T('index %s axis 1' % dt, 'marsql.index(%s, %s, 1)' % (ilit(b), ilit(np.array([2, -1, 0]))),
      np.take(b, [2, -1, 0], axis=1))
    T('index %s axis -1' % dt, 'marsql.index(%s, %s, -1)' % (ilit(b), ilit(np.array([[3], [0]]))),
      np.take(b, [[3], [0]], axis=-1))
    T('index %s flattened' % dt, 'marsql.index(%s, %s, NULL)' % (ilit(b), ilit(np.array([23, 0, -24]))),
      np.take(b, [23, 0, -24]))
    order = np.argsort(ix_data('float64', (3, 4), seed=1), axis=1, kind='stable')
    T('take_along_axis %s axis 1' % dt, 'marsql.take_along_axis(%s, %s, 1)' % (ilit(a), ilit(order)),
      np.take_along_axis(a, order, 1))
    order0 = np.array([[2, 0, 1, -1]])
    T('take_along_axis %s axis 0 broadcast indices' % dt, 'marsql.take_along_axis(%s, %s, 0)' % (ilit(a), ilit(order0)),
      np.take_along_axis(a, order0, 0))
    T('take_along_axis %s axis NULL' % dt, 'marsql.take_along_axis(%s, %s, NULL)' % (ilit(a), ilit(np.array([11, 0, 5]))),
      np.take_along_axis(a, np.array([11, 0, 5]), None))
    T('nonzero %s' % dt, 'marsql.nonzero(%s)' % ilit(b), np.array(np.nonzero(b)))
    T('where(cond) %s' % dt, 'marsql."where"(%s)' % ilit(a), np.array(np.where(a)))
    T('argwhere %s' % dt, 'marsql.argwhere(%s)' % ilit(b), np.argwhere(b))
    T('flatnonzero %s' % dt, 'marsql.flatnonzero(%s)' % ilit(b), np.flatnonzero(b))
    ch = [ix_data(dt, (3, 4), seed=s) for s in (1, 2, 3)]
    sel = np.array([[0, 1, 2, 1], [2, 2, 0, 0], [1, 0, 1, 2]], np.int32)
    T('choose %s' % dt, 'marsql.choose(%s, %s)' % (ilit(sel), itarr(ch)), np.choose(sel, ch))
    T('choose %s broadcast' % dt, 'marsql.choose(%s, %s)' % (ilit(sel[:, :1]), itarr([ch[0], ch[1][0], ch[2]])),
      np.choose(sel[:, :1], [ch[0], ch[1][0], ch[2]]))
    conds = [ix_data('int64', (3, 4), seed=s) > 3 for s in (0, 4)]
    T('select %s' % dt, 'marsql.select(%s, %s)' % (itarr(conds), itarr(ch[:2])), np.select(conds, ch[:2]))
    T('select %s default 1' % dt, 'marsql.select(%s, %s, 1)' % (itarr(conds), itarr(ch[:2])), np.select(conds, ch[:2], 1))
    v = ix_data(dt, (2,), seed=7)
    T('put %s repeated values' % dt, 'marsql.put(%s, %s, %s)' % (ilit(a), ilit(np.array([0, -1, 5])), ilit(v)),
      put_np(a, [0, -1, 5], v))
    T('put %s empty values' % dt, 'marsql.put(%s, %s, %s)' % (ilit(a), ilit(np.array([0, 1])), ilit(v[:0])),
      put_np(a, [0, 1], v[:0]))
    ai = np.argmax(ix_data('float64', (3, 4), seed=1), axis=1).reshape(3, 1)
    vals = ix_data(dt, (3, 1), seed=9)
    T('put_along_axis %s axis 1' % dt, 'marsql.put_along_axis(%s, %s, %s, 1)' % (ilit(a), ilit(ai), ilit(vals)),
      put_along_np(a, ai, vals, 1))
    T('put_along_axis %s axis 0 scalar value' % dt,
      'marsql.put_along_axis(%s, %s, %s, 0)' % (ilit(a), ilit(np.array([[2, 0, -1, 1]])), ilit(vals[0, 0])),
      put_along_np(a, np.array([[2, 0, -1, 1]]), vals[0, 0], 0))
    T('put_along_axis %s axis NULL' % dt,
      'marsql.put_along_axis(%s, %s, %s, NULL)' % (ilit(a), ilit(np.array([0, 11])), ilit(vals[:2, 0])),
      put_along_np(a, np.array([0, 11]), vals[:2, 0], None))
    T('mask_assign %s rows' % dt, 'marsql.mask_assign(%s, %s, %s)' % (ilit(a), ilit(rows3), ilit(ch[0][0])),
      mask_assign_np(a, rows3, ch[0][0]))
    T('mask_assign %s full mask, one value each' % dt,
      'marsql.mask_assign(%s, %s, %s)' % (ilit(a), ilit(full), ilit(ch[1][full])),
      mask_assign_np(a, full, ch[1][full]))
    T('set_slice %s [1:3, ::2]' % dt,
      'marsql.set_slice(%s, %s, %s, %s, %s)' % (ilit(a), ilit(ch[2][:2, :2]), iarr([1, None]), iarr([3, None]), iarr([1, 2])),
      set_slice_np(a, (slice(1, 3), slice(None, None, 2)), ch[2][:2, :2]))
    T('set_slice %s [::-1] broadcast row' % dt,
      'marsql.set_slice(%s, %s, %s, %s, %s)' % (ilit(a), ilit(ch[2][0]), iarr([None]), iarr([None]), iarr([-1])),
      set_slice_np(a, slice(None, None, -1), ch[2][0]))

# numpy's docstring examples
x = np.array([[3, 0, 0], [0, 4, 0], [5, 6, 0]])
T('nonzero docstring', 'marsql.nonzero(%s)' % lit(x), np.array(np.nonzero(x)))
a9 = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
T('nonzero docstring a > 3', 'marsql.nonzero(%s)' % ilit(a9 > 3), np.array(np.nonzero(a9 > 3)))
T('mask_select docstring a[a > 3]', 'marsql.mask_select(%s, %s)' % (lit(a9), ilit(a9 > 3)), a9[a9 > 3])
x6 = np.arange(6).reshape(2, 3)
T('argwhere docstring', 'marsql.argwhere(%s)' % ilit(x6 > 1), np.argwhere(x6 > 1))
T('flatnonzero docstring', 'marsql.flatnonzero(%s)' % lit(np.arange(-2, 3)), np.flatnonzero(np.arange(-2, 3)))
arr12 = np.arange(12).reshape((3, 4))
T('extract docstring', 'marsql.extract(%s, %s)' % (ilit(np.mod(arr12, 3) == 0), lit(arr12)),
  np.extract(np.mod(arr12, 3) == 0, arr12))
T('extract docstring, integer condition', 'marsql.extract(%s, %s)' % (lit(np.mod(arr12, 3)), lit(arr12)),
  np.extract(np.mod(arr12, 3), arr12))
a32 = np.array([[1, 2], [3, 4], [5, 6]])
for c, axis in (([0, 1], 0), ([False, True, True], 0), ([False, True], 1), ([False, True], None)):
    T('compress docstring %r axis %s' % (c, axis),
      'marsql.compress(%s, %s, %s)' % (ilit(np.array(c)), lit(a32), 'NULL' if axis is None else axis),
      np.compress(c, a32, axis=axis))
chs = [np.array(c) for c in ([0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23], [30, 31, 32, 33])]
T('choose docstring', 'marsql.choose(%s, %s)' % (lit(np.array([2, 3, 1, 0])), itarr(chs)), np.choose([2, 3, 1, 0], chs))
a33 = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
T('choose docstring broadcast scalars', 'marsql.choose(%s, %s)' % (lit(a33), itarr([np.array(-10), np.array(10)])),
  np.choose(a33, [np.array(-10), np.array(10)]))
c1, c2 = np.array([1, 2, 3]).reshape((1, 3, 1)), np.array([-1, -2, -3, -4, -5]).reshape((1, 1, 5))
T('choose docstring (2,3,5)', 'marsql.choose(%s, %s)' % (lit(np.array([0, 1]).reshape((2, 1, 1))), itarr([c1, c2])),
  np.choose(np.array([0, 1]).reshape((2, 1, 1)), (c1, c2)))
xs = np.arange(6)
T('select docstring', 'marsql.select(%s, %s, 42)' % (itarr([xs < 3, xs > 3]), itarr([xs, xs ** 2])),
  np.select([xs < 3, xs > 3], [xs, xs ** 2], 42))
T('select docstring overlapping', 'marsql.select(%s, %s, 55)' % (itarr([xs <= 4, xs > 3]), itarr([xs, xs ** 2])),
  np.select([xs <= 4, xs > 3], [xs, xs ** 2], 55))
T('select float32 choices keep float32 with default 0.5',
  'marsql.select(%s, %s, 0.5)' % (itarr([xs < 3]), itarr([xs.astype(np.float32)])),
  np.select([xs < 3], [xs.astype(np.float32)], 0.5))
T('select int8 choices with fractional default give float64',
  'marsql.select(%s, %s, 0.5)' % (itarr([xs < 3]), itarr([xs.astype(np.int8)])),
  np.select([xs < 3], [xs.astype(np.int8)], 0.5).astype(np.float64))
T('select promotes int8 with float32 choices', 'marsql.select(%s, %s)' % (itarr([xs < 3, xs > 4]), itarr([xs.astype(np.int8), xs.astype(np.float32)])),
  np.select([xs < 3, xs > 4], [xs.astype(np.int8), xs.astype(np.float32)]))
T('choose promotes int16 with uint8 choices', 'marsql.choose(%s, %s)' % (lit(np.array([0, 1, 0])), itarr([np.array([1, -2, 3], np.int16), np.array([200, 250, 7], np.uint8)])),
  np.choose([0, 1, 0], [np.array([1, -2, 3], np.int16), np.array([200, 250, 7], np.uint8)]))
a5 = np.arange(5)
T('put docstring', 'marsql.put(%s, %s, %s)' % (lit(a5), lit(np.array([0, 2])), lit(np.array([-44, -55]))),
  put_np(a5, [0, 2], [-44, -55]))
T('put converts float values to the int dtype', 'marsql.put(%s, %s, %s)' % (lit(a5), lit(np.array([1])), lit(np.array([2.75]))),
  put_np(a5, [1], [2.75]))
ta = np.array([[10, 30, 20], [60, 40, 50]])
ai = np.argsort(ta, axis=1)
T('take_along_axis docstring argsort', 'marsql.take_along_axis(%s, %s, 1)' % (lit(ta), lit(ai)), np.take_along_axis(ta, ai, 1))
ai = np.argmax(ta, axis=1).reshape(2, 1)
T('take_along_axis docstring argmax keepdims', 'marsql.take_along_axis(%s, %s, 1)' % (lit(ta), lit(ai)),
  np.take_along_axis(ta, ai, 1))
T('put_along_axis docstring', 'marsql.put_along_axis(%s, %s, %s, 1)' % (lit(ta), lit(ai), lit(np.array(99))),
  put_along_np(ta, ai, 99, 1))

# edge cases
e0 = np.zeros((0, 3))
T('mask_select of an empty tensor', 'marsql.mask_select(%s, %s)' % (lit(e0), ilit(np.zeros(0, bool))), e0[np.zeros(0, bool)])
T('nonzero of an empty tensor', 'marsql.nonzero(%s)' % lit(e0), np.array(np.nonzero(e0)))
T('argwhere of an empty tensor', 'marsql.argwhere(%s)' % lit(e0), np.argwhere(e0))
T('flatnonzero of an empty tensor', 'marsql.flatnonzero(%s)' % lit(e0), np.flatnonzero(e0))
T('index with an empty index tensor', 'marsql.index(%s, %s)' % (lit(a32), lit(np.zeros(0, np.int64))), a32[np.zeros(0, np.int64)])
T('index along an empty axis with no indices', 'marsql.index(%s, %s, 0)' % (lit(e0), lit(np.zeros((2, 0), np.int64))),
  e0[np.zeros((2, 0), np.int64)])
T('index with a 0-d index drops the axis', 'marsql.index(%s, %s)' % (lit(a32), lit(np.array(-1))), a32[np.array(-1)])
T('mask_select 0-d true mask of a 0-d tensor', 'marsql.mask_select(%s, %s)' % (lit(np.array(2.5)), ilit(np.array(True))),
  np.array(2.5)[np.array(True)])
T('mask_select 0-d false mask of a matrix', 'marsql.mask_select(%s, %s)' % (lit(a32), ilit(np.array(False))),
  a32[np.array(False)])
T('argwhere of a 0-d tensor', 'marsql.argwhere(%s)' % lit(np.array(3.0)), np.argwhere(np.array(3.0)))
T('argwhere of a 0-d zero', 'marsql.argwhere(%s)' % lit(np.array(0.0)), np.argwhere(np.array(0.0)))
T('flatnonzero of a 0-d tensor', 'marsql.flatnonzero(%s)' % lit(np.array(3.0)), np.flatnonzero(np.array(3.0)))
nz = np.array([np.nan, -0.0, 0.0, np.inf, 1e-300])
T('nonzero: NaN and tiny values count, -0.0 does not', 'marsql.flatnonzero(%s)' % lit(nz), np.flatnonzero(nz))
T('nonzero of float16 NaN and -0.0', 'marsql.flatnonzero(%s)' % lit(nz.astype(np.float16)),
  np.flatnonzero(nz.astype(np.float16)))
T('extract with a shorter condition', 'marsql.extract(%s, %s)' % (lit(np.array([1, 0, 1])), lit(arr12)),
  np.extract(np.array([1, 0, 1]), arr12))
T('extract with a longer condition whose extra part is false', 'marsql.extract(%s, %s)' % (lit(np.array([1, 0, 0, 0, 0])), lit(a5[:3])),
  np.extract(np.array([1, 0, 0, 0, 0]), a5[:3]))
T('compress with a shorter condition', 'marsql.compress(%s, %s)' % (lit(np.array([0, 2, 0.5])), lit(a32)),
  np.compress(np.array([0, 2, 0.5]), a32))
T('mask_assign all-false mask', 'marsql.mask_assign(%s, %s, %s)' % (lit(a32), ilit(np.zeros(3, bool)), lit(np.array(7))),
  mask_assign_np(a32, np.zeros(3, bool), 7))
T('mask_assign values with leading 1 extents', 'marsql.mask_assign(%s, %s, %s)' % (lit(a32 * 1.0), ilit(rows3), lit(np.array([[[1.5, 2.5]]]))),
  mask_assign_np(a32 * 1.0, rows3, np.array([[[1.5, 2.5]]])))
T('set_slice empty slice changes nothing', 'marsql.set_slice(%s, %s, %s, %s)' % (lit(a32), lit(np.array([9])), iarr([2]), iarr([1])),
  set_slice_np(a32, slice(2, 1), np.array([9])))
T('set_slice float values into int64 truncate', 'marsql.set_slice(%s, %s, %s, %s)' % (lit(a32), lit(np.array([1.7, -2.7])), iarr([0]), iarr([1])),
  set_slice_np(a32, slice(0, 1), np.array([1.7, -2.7])))

# errors where numpy raises
E('index out of range', 'marsql.index(%s, %s)' % (lit(a32), lit(np.array([3]))), '22', lambda: a32[np.array([3])])
E('index negative out of range', 'marsql.index(%s, %s)' % (lit(a32), lit(np.array([-4]))), '22', lambda: a32[np.array([-4])])
E('index into an empty axis', 'marsql.index(%s, %s)' % (lit(e0), lit(np.array([0]))), '22', lambda: e0[np.array([0])])
E('index with float indices', 'marsql.index(%s, %s)' % (lit(a32), lit(np.array([0.0]))), '42', lambda: a32[np.array([0.0])])
E('index of a 0-d tensor', 'marsql.index(%s, %s)' % (lit(np.array(1.0)), lit(np.array([0]))), '22',
  lambda: np.array(1.0)[np.array([0])])
E('mask_select with a mask of the wrong shape', 'marsql.mask_select(%s, %s)' % (lit(a32), ilit(np.array([True, False]))), '22',
  lambda: a32[np.array([True, False])])
E('mask_select with a mask of too many dimensions', 'marsql.mask_select(%s, %s)' % (lit(a5), ilit(np.ones((5, 1), bool))), '22',
  lambda: a5[np.ones((5, 1), bool)])
E('extract with a true condition past the end', 'marsql.extract(%s, %s)' % (lit(np.array([0, 0, 0, 1])), lit(a5[:3])), '22',
  lambda: np.extract(np.array([0, 0, 0, 1]), a5[:3]))
E('compress with a true condition past the end', 'marsql.compress(%s, %s, 0)' % (lit(np.array([0, 1, 0, 1])), lit(a32)), '22',
  lambda: np.compress([0, 1, 0, 1], a32, axis=0))
E('compress with a 2-d condition', 'marsql.compress(%s, %s)' % (lit(np.ones((2, 2))), lit(a5)), '22',
  lambda: np.compress(np.ones((2, 2)), a5))
E('compress axis out of range', 'marsql.compress(%s, %s, 2)' % (lit(np.array([1])), lit(a32)), '22',
  lambda: np.compress([1], a32, axis=2))
E('take_along_axis with indices of another ndim', 'marsql.take_along_axis(%s, %s, 1)' % (lit(ta), lit(np.array([0, 1]))), '22',
  lambda: np.take_along_axis(ta, np.array([0, 1]), 1))
E('take_along_axis with shapes that do not broadcast', 'marsql.take_along_axis(%s, %s, 1)' % (lit(ta), lit(np.zeros((3, 2), np.int64))), '22',
  lambda: np.take_along_axis(ta, np.zeros((3, 2), np.int64), 1))
E('take_along_axis index out of range', 'marsql.take_along_axis(%s, %s, 1)' % (lit(ta), lit(np.array([[3], [0]]))), '22',
  lambda: np.take_along_axis(ta, np.array([[3], [0]]), 1))
E('take_along_axis axis NULL with 2-d indices', 'marsql.take_along_axis(%s, %s, NULL)' % (lit(ta), lit(np.array([[0]]))), '22',
  lambda: np.take_along_axis(ta, np.array([[0]]), None))
E('put_along_axis values that do not broadcast', 'marsql.put_along_axis(%s, %s, %s, 1)' % (lit(ta), lit(np.array([[0], [1]])), lit(np.array([1, 2, 3]))), '22',
  lambda: np.put_along_axis(ta.copy(), np.array([[0], [1]]), np.array([1, 2, 3]), 1))
E('choose with an entry past the choices', 'marsql.choose(%s, %s)' % (lit(np.array([0, 2])), itarr([a5[:2], a5[:2]])), '22',
  lambda: np.choose([0, 2], [a5[:2], a5[:2]]))
E('choose with a negative entry', 'marsql.choose(%s, %s)' % (lit(np.array([0, -1])), itarr([a5[:2], a5[:2]])), '22',
  lambda: np.choose([0, -1], [a5[:2], a5[:2]]))
EX('choose with float entries', 'marsql.choose(%s, %s)' % (lit(np.array([0.0, 1.0])), itarr([a5[:2], a5[:2]])), '42',
   lambda: np.choose(np.array([0.0, 1.0]), [a5[:2], a5[:2]]))
E('choose with choices that do not broadcast', 'marsql.choose(%s, %s)' % (lit(np.array([0, 1])), itarr([a5[:2], a5[:3]])), '22',
  lambda: np.choose([0, 1], [a5[:2], a5[:3]]))
E('select with an empty condition list', 'marsql.select(ARRAY[]::marsql.tensor[], ARRAY[]::marsql.tensor[])', '22',
  lambda: np.select([], []))
E('select with lists of different lengths', 'marsql.select(%s, %s)' % (itarr([xs < 3]), itarr([xs, xs])), '22',
  lambda: np.select([xs < 3], [xs, xs]))
EX('select with a non-bool condition', 'marsql.select(%s, %s)' % (itarr([xs]), itarr([xs])), '42',
   lambda: np.select([xs], [xs]))
E('put index out of range', 'marsql.put(%s, %s, %s)' % (lit(a5), lit(np.array([5])), lit(np.array([1]))), '22',
  lambda: np.put(a5.copy(), [5], [1]))
E('mask_assign with the wrong number of values', 'marsql.mask_assign(%s, %s, %s)' % (lit(a32), ilit(rows3), lit(np.array([1, 2, 3]))), '22',
  lambda: mask_assign_np(a32, rows3, np.array([1, 2, 3])))
E('set_slice with values that do not broadcast', 'marsql.set_slice(%s, %s, %s, %s)' % (lit(a32), lit(np.array([1, 2, 3])), iarr([0]), iarr([2])), '22',
  lambda: set_slice_np(a32, slice(0, 2), np.array([1, 2, 3])))
E('set_slice with a zero step', 'marsql.set_slice(%s, %s, %s, %s, %s)' % (lit(a32), lit(np.array(1)), iarr([0]), iarr([2]), iarr([0])), '22',
  lambda: set_slice_np(a32, slice(0, 2, 0), 1))

for dt in IX_DTYPES:
    a = ix_data(dt, (4, 5))
    T('subscript %s [1:3][0:5]' % dt, '(%s)[1:3][0:5]' % ilit(a), a[1:3, 0:5])
    T('subscript %s [:][-1]' % dt, '(%s)[:][-1]' % ilit(a), a[:, -1])
    T('slice %s reversed with step' % dt, 'marsql.slice(%s, %s, %s, %s)' % (ilit(a), iarr([None, 4]), iarr([None, None]), iarr([-1, -2])),
      a[::-1, 4::-2])
    T('take %s axis 1' % dt, 'marsql.take(%s, %s, 1)' % (ilit(a), iarr([4, -5, 2])), np.take(a, [4, -5, 2], axis=1))

# putmask, place, unravel_index, ravel_multi_index
def putmask_np(a, m, v):
    a = a.copy()
    np.putmask(a, m, v)
    return a


def place_np(a, m, v):
    a = a.copy()
    np.place(a, m, v)
    return a


for dt in IX_DTYPES:
    a = ix_data(dt, (2, 3))
    v = ix_data(dt, (2,), seed=4)
    pm = np.arange(6).reshape(2, 3) > 2
    T('putmask %s docstring-like' % dt, 'marsql.putmask(%s, %s, %s)' % (ilit(a), ilit(pm), ilit(v)), putmask_np(a, pm, v))
    T('place %s docstring-like' % dt, 'marsql.place(%s, %s, %s)' % (ilit(a), ilit(pm), ilit(v)), place_np(a, pm, v))
a6 = np.arange(6).reshape(2, 3)
T('putmask docstring', 'marsql.putmask(%s, %s, %s)' % (lit(a6), ilit(a6 > 2), lit(a6 ** 2)), putmask_np(a6, a6 > 2, a6 ** 2))
T('putmask docstring repeated values', 'marsql.putmask(%s, %s, %s)' % (lit(np.arange(5)), ilit(np.arange(5) > 1), lit(np.array([-33, -44]))),
  putmask_np(np.arange(5), np.arange(5) > 1, [-33, -44]))
T('putmask with an integer mask and empty values', 'marsql.putmask(%s, %s, %s)' % (lit(a6), lit(a6 % 2), lit(np.zeros(0, np.int64))),
  putmask_np(a6, a6 % 2, np.zeros(0, np.int64)))
T('place docstring', 'marsql.place(%s, %s, %s)' % (lit(a6), ilit(a6 > 2), lit(np.array([44, 55]))), place_np(a6, a6 > 2, [44, 55]))
T('place with an all-false mask and empty values', 'marsql.place(%s, %s, %s)' % (lit(a6), ilit(a6 > 9), lit(np.zeros(0, np.int64))),
  place_np(a6, a6 > 9, np.zeros(0, np.int64)))
E('putmask with a mask of another size', 'marsql.putmask(%s, %s, %s)' % (lit(a6), ilit(np.array([True])), lit(np.array([1]))), '22',
  lambda: np.putmask(a6.copy(), np.array([True]), [1]))
E('place with empty values', 'marsql.place(%s, %s, %s)' % (lit(a6), ilit(a6 > 2), lit(np.zeros(0))), '22',
  lambda: np.place(a6.copy(), a6 > 2, []))
for it in ('int8', 'int32', 'int64', 'uint8'):
    fi = np.array([22, 41, 37], it)
    T('unravel_index docstring %s' % it, 'marsql.unravel_index(%s, %s)' % (lit(fi), iarr([7, 6])), np.array(np.unravel_index(fi, (7, 6))))
T('unravel_index docstring 0-d', 'marsql.unravel_index(%s, %s)' % (lit(np.array(1621)), iarr([6, 7, 8, 9])),
  np.array(np.unravel_index(np.array(1621), (6, 7, 8, 9))))
T('unravel_index (2,2) indices', 'marsql.unravel_index(%s, %s)' % (lit(np.array([[0, 5], [3, 1]])), iarr([2, 3])),
  np.array(np.unravel_index(np.array([[0, 5], [3, 1]]), (2, 3))))
T('unravel_index of no indices', 'marsql.unravel_index(%s, %s)' % (lit(np.zeros(0, np.int64)), iarr([2, 3])),
  np.array(np.unravel_index(np.zeros(0, np.int64), (2, 3))))
T('ravel_multi_index docstring', 'marsql.ravel_multi_index(%s, %s)' % (lit(np.array([[3, 6, 6], [4, 5, 1]])), iarr([7, 6])),
  np.ravel_multi_index(np.array([[3, 6, 6], [4, 5, 1]]), (7, 6)))
T('ravel_multi_index docstring 0-d', 'marsql.ravel_multi_index(%s, %s)' % (lit(np.array([3, 1, 4, 1])), iarr([6, 7, 8, 9])),
  np.array(np.ravel_multi_index((3, 1, 4, 1), (6, 7, 8, 9))))
T('ravel_multi_index int8 (2,2,2) coordinates', 'marsql.ravel_multi_index(%s, %s)' % (lit(np.array([[[0, 1], [1, 0]], [[2, 0], [1, 1]]], np.int8)), iarr([2, 3])),
  np.ravel_multi_index(np.array([[[0, 1], [1, 0]], [[2, 0], [1, 1]]], np.int8), (2, 3)))
E('unravel_index past the size', 'marsql.unravel_index(%s, %s)' % (lit(np.array(42)), iarr([7, 6])), '22', lambda: np.unravel_index(42, (7, 6)))
E('unravel_index negative', 'marsql.unravel_index(%s, %s)' % (lit(np.array(-1)), iarr([7, 6])), '22', lambda: np.unravel_index(-1, (7, 6)))
E('ravel_multi_index out of range', 'marsql.ravel_multi_index(%s, %s)' % (lit(np.array([[7], [0]])), iarr([7, 6])), '22',
  lambda: np.ravel_multi_index(([7], [0]), (7, 6)))
E('ravel_multi_index negative', 'marsql.ravel_multi_index(%s, %s)' % (lit(np.array([[-1], [0]])), iarr([7, 6])), '22',
  lambda: np.ravel_multi_index(([-1], [0]), (7, 6)))
E('ravel_multi_index with the wrong number of rows', 'marsql.ravel_multi_index(%s, %s)' % (lit(np.array([[1], [0], [0]])), iarr([7, 6])), '22',
  lambda: np.ravel_multi_index(([1], [0], [0]), (7, 6)))

# diagonal, fill_diagonal, tril/triu/diag indices, indices


def fill_diag_np(a, v, wrap=False):
    a = a.copy()
    np.fill_diagonal(a, v, wrap=wrap)
    return a


for dt in IX_DTYPES:
    a = ix_data(dt, (3, 4))
    b = ix_data(dt, (2, 3, 4), seed=3)
    T('diagonal %s' % dt, 'marsql.diagonal(%s)' % ilit(a), np.diagonal(a))
    T('diagonal %s offset 1' % dt, 'marsql.diagonal(%s, 1)' % ilit(a), np.diagonal(a, 1))
    T('diagonal %s offset -2' % dt, 'marsql.diagonal(%s, -2)' % ilit(a), np.diagonal(a, -2))
    T('diagonal %s (2,3,4) offset 1 axes 2, 0' % dt, 'marsql.diagonal(%s, 1, 2, 0)' % ilit(b), np.diagonal(b, 1, 2, 0))
    T('diagonal %s (2,3,4) axes -1, 1' % dt, 'marsql.diagonal(%s, 0, -1, 1)' % ilit(b), np.diagonal(b, 0, -1, 1))
    T('fill_diagonal %s' % dt, 'marsql.fill_diagonal(%s, %s)' % (ilit(a), ilit(ix_data(dt, (2,), seed=8))),
      fill_diag_np(a, ix_data(dt, (2,), seed=8)))
T('diagonal docstring', 'marsql.diagonal(%s)' % lit(np.arange(4).reshape(2, 2)), np.diagonal(np.arange(4).reshape(2, 2)))
T('diagonal docstring offset 1', 'marsql.diagonal(%s, 1)' % lit(np.arange(4).reshape(2, 2)), np.diagonal(np.arange(4).reshape(2, 2), 1))
T('diagonal docstring (2,2,2) axes 0 1', 'marsql.diagonal(%s, 0, 0, 1)' % lit(np.arange(8).reshape(2, 2, 2)),
  np.arange(8).reshape(2, 2, 2).diagonal(0, 0, 1))
T('diagonal past the end is empty', 'marsql.diagonal(%s, 5)' % lit(np.arange(6).reshape(2, 3)), np.diagonal(np.arange(6).reshape(2, 3), 5))
T('diagonal of an empty matrix', 'marsql.diagonal(%s)' % lit(np.zeros((0, 3))), np.diagonal(np.zeros((0, 3))))
E('diagonal of a vector', 'marsql.diagonal(%s)' % lit(np.arange(3.0)), '22', lambda: np.diagonal(np.arange(3.0)))
E('diagonal with equal axes', 'marsql.diagonal(%s, 0, 1, -1)' % lit(np.zeros((2, 2))), '22', lambda: np.diagonal(np.zeros((2, 2)), 0, 1, -1))
z33 = np.zeros((3, 3), int)
T('fill_diagonal docstring', 'marsql.fill_diagonal(%s, %s)' % (lit(z33), lit(np.array(5))), fill_diag_np(z33, 5))
z333 = np.zeros((3, 3, 3), int)
T('fill_diagonal docstring 3-d', 'marsql.fill_diagonal(%s, %s)' % (lit(z333), lit(np.array(4))), fill_diag_np(z333, 4))
z53 = np.zeros((5, 3), int)
T('fill_diagonal docstring tall', 'marsql.fill_diagonal(%s, %s)' % (lit(z53), lit(np.array(4))), fill_diag_np(z53, 4))
T('fill_diagonal docstring tall wrap', 'marsql.fill_diagonal(%s, %s, true)' % (lit(z53), lit(np.array([1, 2]))),
  fill_diag_np(z53, [1, 2], wrap=True))
T('fill_diagonal wide', 'marsql.fill_diagonal(%s, %s)' % (lit(np.zeros((3, 5))), lit(np.array([1.5, 2.5]))),
  fill_diag_np(np.zeros((3, 5)), [1.5, 2.5]))
E('fill_diagonal of a vector', 'marsql.fill_diagonal(%s, %s)' % (lit(np.zeros(3)), lit(np.array(1.0))), '22',
  lambda: np.fill_diagonal(np.zeros(3), 1.0))
E('fill_diagonal of unequal 3-d', 'marsql.fill_diagonal(%s, %s)' % (lit(np.zeros((2, 2, 3))), lit(np.array(1.0))), '22',
  lambda: np.fill_diagonal(np.zeros((2, 2, 3)), 1.0))
for n, k, m in ((4, 0, None), (4, -1, None), (4, 2, None), (3, 0, 4), (3, 1, 5), (0, 0, None), (3, -5, None), (3, 9, 2)):
    mm = 'NULL' if m is None else m
    T('tril_indices(%d, %d, %s)' % (n, k, m), 'marsql.tril_indices(%d, %d, %s)' % (n, k, mm), np.array(np.tril_indices(n, k, m)))
    T('triu_indices(%d, %d, %s)' % (n, k, m), 'marsql.triu_indices(%d, %d, %s)' % (n, k, mm), np.array(np.triu_indices(n, k, m)))
for n, nd in ((4, 2), (3, 3), (0, 2), (2, 1)):
    T('diag_indices(%d, %d)' % (n, nd), 'marsql.diag_indices(%d, %d)' % (n, nd), np.array(np.diag_indices(n, nd)))
for dims in ((2, 3), (3,), (2, 0, 3), (1, 2, 3, 2)):
    T('indices %r' % (dims,), 'marsql.indices(%s)' % iarr(list(dims)), np.indices(dims))
T('indices of no dimensions', 'marsql.indices(%s)' % iarr([]), np.indices(()))

# ---- io: text and binary forms of every dtype (issue 21, item 1)
# A literal of every dtype reads back as numpy's values and dtype; to_binary
# writes numpy's big-endian bytes ('>i8', '>c16', '?', ...) after the
# header (version 1 for float32/float64, version 2 otherwise), and
# from_binary reads numpy's bytes back; numpy's own string forms of
# complex numbers parse.
def _io_arrays():
    rng = np.random.default_rng(21)
    out = []
    for name in DTYPES:
        dt = np.dtype(name)
        if dt.kind == 'b':
            a = np.array([[True, False, True], [False, False, True]])
        elif dt.kind in 'iu':
            info = np.iinfo(dt)
            a = np.array([info.min, info.max, 0, 1, info.max // 3], dtype=dt)
        elif dt.kind == 'f':
            fi = np.finfo(dt)
            a = np.array([fi.max, -fi.max, fi.tiny, fi.smallest_subnormal, -0.0, 0.1,
                          np.nan, np.inf, -np.inf], dtype=dt)
        else:
            part = np.float32 if name == 'complex64' else np.float64
            fi = np.finfo(part)
            re_ = np.array([1, -0.0, 0.0, np.nan, np.inf, fi.max, fi.smallest_subnormal, 0.1], part)
            im = np.array([2, -0.0, -0.0, np.nan, -np.inf, -fi.smallest_subnormal, fi.max, -0.2], part)
            a = (re_ + 1j * im.astype(np.complex128)).astype(dt)
            a.real, a.imag = re_, im
        out.append(a)
        out.append(rng.integers(-100, 100, size=(2, 3, 2)).astype(dt) if dt.kind != 'b'
                   else rng.integers(0, 2, size=(4, 1)).astype(bool))
    return out


def _io_binary_hex(a):
    ver = 1 if a.dtype.name in ('float32', 'float64') else 2
    code = {'float32': 1, 'float64': 2, 'bool': 3, 'int8': 4, 'int16': 5, 'int32': 6,
            'int64': 7, 'uint8': 8, 'float16': 9, 'complex64': 10, 'complex128': 11}[a.dtype.name]
    head = bytes([ver, code, a.ndim, 0]) + b''.join(int(d).to_bytes(4, 'big') for d in a.shape)
    return (head + a.astype(a.dtype.newbyteorder('>')).tobytes()).hex()


def _io_bits_check(expected):
    def verify(rows):
        got = col(one_row(rows), 'r')
        if got != expected:
            return 'bytes %s, numpy %s' % (got, expected)
        return None
    return verify


for a in _io_arrays():
    nm, sh = a.dtype.name, shp(a)
    T('io: %s %s literal reads back' % (nm, sh), lit(a), a)
    T('io: %s %s text output reads back' % (nm, sh), '(%s)::text::marsql.tensor' % lit(a), a)
    want = _io_binary_hex(a)
    R('io: %s %s to_binary is numpy big-endian bytes' % (nm, sh),
      "SELECT encode(marsql.to_binary(%s), 'hex') AS r" % lit(a), _io_bits_check(want))
    R('io: %s %s from_binary(numpy bytes) bit for bit' % (nm, sh),
      "SELECT encode(marsql.to_binary(marsql.from_binary('\\x%s'::bytea)), 'hex') AS r" % want,
      _io_bits_check(want))
    T('io: %s %s from_binary(numpy bytes)' % (nm, sh),
      "marsql.from_binary('\\x%s'::bytea)" % want, a)

# numpy's str() of complex scalars and Python's complex() forms
for text in ['1+2j', '-1.5e3-2j', '2j', '-2j', '3', 'nan+nanj', 'inf-infj', '1e-300+1e300j', '-0-0j']:
    z = np.complex128(complex(text))
    T('io: complex128 literal %s' % text, "'complex128:[%s]'::marsql.tensor" % text,
      np.array([z]))
    if '300' not in text:       # numpy overflows to inf, marsql refuses (22003)
        T('io: complex64 literal %s' % text, "'complex64:[%s]'::marsql.tensor" % text,
          np.array([z]).astype(np.complex64))
T('io: [1, 2j] is complex128 as np.array infers', "'[1, 2j]'::marsql.tensor", np.array([1, 2j]))
T('io: [true, false] is bool as np.array infers', "'[true, false]'::marsql.tensor",
  np.array([True, False]))
# casts from SQL arrays keep numpy's dtype of the same values
T('io: smallint[] is int16', "'{1,-32768,32767}'::smallint[]::marsql.tensor",
  np.array([1, -32768, 32767], np.int16))
T('io: integer[] is int32', "'{{1,2},{3,-2147483648}}'::int[]::marsql.tensor",
  np.array([[1, 2], [3, -2147483648]], np.int32))
T('io: bigint[] is int64, exact past 2^53', "'{9007199254740993,-9223372036854775808}'::bigint[]::marsql.tensor",
  np.array([9007199254740993, -9223372036854775808], np.int64))
T('io: boolean[] is bool', "'{t,f}'::boolean[]::marsql.tensor", np.array([True, False]))
# back to integers: numpy's astype truncates floats toward zero
R('io: float64 -> bigint[] truncates as astype',
  "SELECT marsql.tensor('[1.9,-1.9,-0.5,2.5]'::marsql.tensor::bigint[]::float8[]) AS r",
  lambda rows: compare(parse_tensor(col(one_row(rows), 'r')),
                       np.array([1.9, -1.9, -0.5, 2.5]).astype(np.int64).astype(np.float64), EXACT))
# an integer literal with a fraction is refused, as np.int32('1.5') raises
E('io: int32 literal 1.5', "'int32:[1.5]'::marsql.tensor", '22', lambda: np.int32('1.5'))
E('io: int64 literal 1e3', "'int64:[1e3]'::marsql.tensor", '22', lambda: np.int64('1e3'))
E('io: complex literal 1+2i', "'complex128:[1+2i]'::marsql.tensor", '22', lambda: complex('1+2i'))


# ---- elementwise
# issue 21, elementwise math on every dtype: promotion over a grid of dtype
# pairs (result dtypes checked), weak scalars (NEP 50: numpy 2's rules, so
# references are computed with the scalar already in the result dtype),
# integer wrap, division by zero, NaN, -0.0, empty and 0-d, comparisons,
# logic, isnan/isinf/isfinite, isclose, array_equal, where, and errors where
# numpy raises.  Until exact text input of every dtype lands, bool inputs
# are written as int8 then astype, complex ones as re + im * sqrt(-1), and
# int64 inputs stay within 2^53.
EW_DTYPES = ['bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64',
             'complex64', 'complex128']
EW_TOL = {'float16': (2e-3, 1e-4), 'float32': F32, 'complex64': F32, 'float64': F64, 'complex128': F64}


def ew_lit(a):
    a = np.asarray(a)
    if a.dtype == np.bool_:
        return "marsql.astype(%s, 'bool')" % lit(a.astype(np.int8))
    if a.dtype.kind == 'c':
        name = a.dtype.name
        return ("(marsql.astype(%s, '%s') + marsql.astype(%s, '%s') * marsql.sqrt(marsql.astype('-1'::marsql.tensor, '%s')))"
                % (lit(a.real.astype(np.float64)), name, lit(a.imag.astype(np.float64)), name, name))
    return lit(a)


def ew_values(dt, shape, kind='any'):
    """test values of dtype dt: 'any' (full range, NaN, -0.0 for floats),
    'nonzero', 'exponent' (small, >= 0 for integers)"""
    dt = np.dtype(dt)
    size = int(np.prod(shape))
    if dt.kind == 'b':
        v = rng.integers(0, 2, size).astype(bool)
        if kind == 'nonzero':
            v[:] = True
    elif dt.kind in 'iu':
        info = np.iinfo(dt)
        lo, hi = max(int(info.min), -2 ** 40), min(int(info.max), 2 ** 40)
        if kind == 'exponent':
            lo, hi = 0, 6
        v = rng.integers(lo, hi + 1, size).astype(dt)
        if kind == 'nonzero':
            v[v == 0] = 1
        elif kind == 'any' and size >= 2:
            v[0] = info.min if dt.itemsize < 8 else -2 ** 40
            v[1] = 0
    else:
        real = np.float32 if dt.itemsize <= 8 and dt.kind == 'c' else dt
        if kind == 'exponent':
            v = rng.uniform(-2, 3, size)
        else:
            v = rng.standard_normal(size) * 3
        if dt.kind == 'c':
            v = v + 1j * (rng.standard_normal(size) * 3)
        v = v.astype(dt)
        if kind == 'any' and size >= 3 and dt.kind == 'f':
            v[0], v[1], v[2] = np.nan, -0.0, 0.0
        del real
    return v.reshape(shape)


def ew_T(desc, expr, ref):
    ref = np.asarray(ref)
    T(desc, expr, ref, EW_TOL.get(ref.dtype.name, EXACT))


def ew_err(desc, expr, sqlstate, numpy_raises=None):
    """expr must fail with sqlstate; numpy_raises() must raise too (any of
    TypeError, ValueError, OverflowError) when given"""
    if numpy_raises is not None:
        try:
            with np.errstate(all='ignore'):
                numpy_raises()
        except (TypeError, ValueError, OverflowError):
            pass
        else:
            raise AssertionError('numpy does not raise for: ' + desc)
    add(desc, 'SELECT %s AS r' % expr, None, expect_error=sqlstate)


EW_BINARY = [
    ('+', np.add, 'any'), ('-', np.subtract, 'any'), ('*', np.multiply, 'any'), ('/', np.true_divide, 'any'),
    ('//', np.floor_divide, 'any'), ('%', np.remainder, 'any'), ('^', np.power, 'exponent'),
    ('marsql.maximum', np.maximum, 'any'), ('marsql.minimum', np.minimum, 'any'),
    ('marsql.equal', np.equal, 'any'), ('marsql.not_equal', np.not_equal, 'any'), ('marsql.less', np.less, 'any'),
    ('marsql.less_equal', np.less_equal, 'any'), ('marsql.greater', np.greater, 'any'),
    ('marsql.greater_equal', np.greater_equal, 'any'), ('marsql.logical_and', np.logical_and, 'any'),
    ('marsql.logical_or', np.logical_or, 'any'), ('marsql.logical_xor', np.logical_xor, 'any'),
]


def ew_expr(op, x, y):
    return ('(%s %s %s)' % (x, op, y)) if not op.startswith('marsql.') else '%s(%s, %s)' % (op, x, y)


def ew_numpy_raises(fn, a, b):
    try:
        with np.errstate(all='ignore'):
            fn(a, b)
    except TypeError:
        return True
    return False


def ew_binary_check(op, fn, kind, da, db, shape_a=(2, 3), shape_b=(3,)):
    a = ew_values(da, shape_a)
    b = ew_values(db, shape_b, kind if kind != 'any' else 'any')
    if fn is np.power:
        a = ew_values(da, shape_a, 'exponent' if np.dtype(da).kind in 'iub' else 'any')
        if np.dtype(da).kind in 'f':
            a = np.abs(a)
    desc = '%s %s with %s' % (op, da, db)
    if ew_numpy_raises(fn, a, b):
        ew_err(desc + ' is refused as numpy (TypeError)', ew_expr(op, ew_lit(a), ew_lit(b)), '42804')
        return
    with np.errstate(all='ignore'):
        ref = fn(a, b)
    ew_T(desc, ew_expr(op, ew_lit(a), ew_lit(b)), ref)


# every dtype with every dtype for + (the promotion table) and for less
for da in EW_DTYPES:
    for db in EW_DTYPES:
        ew_binary_check('+', np.add, 'any', da, db)
        ew_binary_check('marsql.less', np.less, 'any', da, db)
# every op on each dtype with itself, and on a few mixed pairs
for op, fn, kind in EW_BINARY:
    for dt in EW_DTYPES:
        ew_binary_check(op, fn, kind, dt, dt)
    for da, db in (('int8', 'uint8'), ('int16', 'float16'), ('int64', 'float32'), ('bool', 'int32'),
                   ('float32', 'float64'), ('uint8', 'complex64')):
        ew_binary_check(op, fn, kind, da, db, (3, 1, 2), (4, 1))

# integer wrap (two's complement), as numpy
with np.errstate(all='ignore'):
    for dt, x, y in (('int8', [100, -100, 127, -128], [100, -100, 1, -1]), ('uint8', [250, 0], [10, 1]),
                     ('int16', [30000, -32768], [30000, 1]), ('int32', [2 ** 31 - 1, -2 ** 31], [1, -1]),
                     ('int64', [2 ** 40, -2 ** 40], [2 ** 40, 2 ** 30])):
        a, b = np.array(x, dt), np.array(y, dt)
        for op, fn in (('+', np.add), ('-', np.subtract), ('*', np.multiply)):
            ew_T('%s %s wraps' % (dt, op), ew_expr(op, ew_lit(a), ew_lit(b)), fn(a, b))
    a = np.array([-128, 5], np.int8)
    ew_T('abs of int8 -128 wraps', 'marsql.abs(%s)' % ew_lit(a), np.abs(a))
    ew_T('negative of int8 -128 wraps', '(- %s)' % ew_lit(a), np.negative(a))
    ew_T('int8 -128 // -1 wraps', '(%s // %s)' % (ew_lit(a), ew_lit(np.array([-1, -1], np.int8))),
         np.floor_divide(a, np.array([-1, -1], np.int8)))
    a = np.array([3, 7, 2], np.int8)
    ew_T('int8 power wraps', '(%s ^ %s)' % (ew_lit(a), ew_lit(np.array([5, 3, 7], np.int8))),
         np.power(a, np.array([5, 3, 7], np.int8)))

# division by zero: integers give 0 for // and % (numpy warns), floats IEEE
with np.errstate(all='ignore'):
    for dt in ('int8', 'uint8', 'int32', 'int64'):
        a, z = np.array([7, 0, 5], dt), np.zeros(3, dt)
        for op, fn in (('//', np.floor_divide), ('%', np.remainder), ('/', np.true_divide)):
            ew_T('%s %s by zero' % (dt, op), ew_expr(op, ew_lit(a), ew_lit(z)), fn(a, z))
    x = np.array([1.0, -1.0, 0.0, np.nan, np.inf, -0.0])
    for dt in ('float64', 'float32', 'float16'):
        a, z = x.astype(dt), np.array([0.0, 0.0, 0.0, 0.0, 0.0, -0.0], dt)
        for op, fn in (('//', np.floor_divide), ('%', np.remainder), ('/', np.true_divide)):
            ew_T('%s %s by zero, NaN and infinity' % (dt, op), ew_expr(op, ew_lit(a), ew_lit(z)), fn(a, z))
    a, b = np.array([7.5, -7.5, 5.0, -5.0, -0.0, 1.0, -1.0]), np.array([2.0, 2.0, -3.0, 3.0, 2.0, np.inf, np.inf])
    ew_T('float // and % signs (divisor sign, -0.0, infinite divisor)', '(%s // %s)' % (lit(a), lit(b)), np.floor_divide(a, b))
    ew_T('float % signs (divisor sign, -0.0, infinite divisor)', '(%s %% %s)' % (lit(a), lit(b)), np.remainder(a, b))

# weak scalars (NEP 50): the reference has the scalar in the result dtype
for dt in ('bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64'):
    a = ew_values(dt, (2, 3), 'nonzero')
    kind = np.dtype(dt).kind
    int_dt = np.int64 if kind == 'b' else np.dtype(dt)
    for op, fn in (('+', np.add), ('-', np.subtract), ('*', np.multiply), ('//', np.floor_divide),
                   ('%', np.remainder), ('marsql.maximum', np.maximum), ('marsql.less', np.less),
                   ('marsql.equal', np.equal)):
        c = 3
        with np.errstate(all='ignore'):
            ref = fn(a.astype(int_dt), np.asarray(c, int_dt))
            ref_r = fn(np.asarray(c, int_dt), a.astype(int_dt))
        if op.startswith('marsql.') and op not in ('marsql.less', 'marsql.equal'):
            ew_T('%s(%s tensor, integer) keeps an integer dtype' % (op, dt), '%s(%s, %d)' % (op, ew_lit(a), c), ref)
            continue
        ew_T('%s tensor %s integer (weak scalar)' % (dt, op), ew_expr(op, ew_lit(a), str(c)), ref)
        ew_T('integer %s %s tensor (weak scalar)' % (op, dt), ew_expr(op, str(c), ew_lit(a)), ref_r)
        ew_T('%s tensor %s bigint (weak scalar)' % (dt, op), ew_expr(op, ew_lit(a), '%d::bigint' % c), ref)
        f_dt = np.dtype(dt) if kind == 'f' else np.float64
        with np.errstate(all='ignore'):
            ref = fn(a.astype(f_dt), np.asarray(2.5, f_dt))
        ew_T('%s tensor %s double precision (weak scalar)' % (dt, op), ew_expr(op, ew_lit(a), f8(2.5)), ref)
    with np.errstate(all='ignore'):
        ew_T('%s tensor / integer is true division' % dt, '(%s / 2)' % ew_lit(a),
             np.true_divide(a.astype(int_dt), np.asarray(2, int_dt)))
        if kind in 'iu':
            ew_T('%s tensor ^ integer stays %s' % (dt, dt), '(%s ^ 2)' % ew_lit(a), np.power(a, np.asarray(2, dt)))

# an integer scalar outside an integer tensor's range: numpy 2 raises
# OverflowError (Debian's numpy 1.24 still promotes by value, so no numpy
# assertion here); comparisons stay exact
for dt, c in (('int8', 128), ('int8', -129), ('uint8', -1), ('uint8', 256), ('int16', 40000), ('int32', 2 ** 31)):
    a = np.array([1, 2], dt)
    add('%s tensor + %d is out of range (numpy 2 OverflowError)' % (dt, c), 'SELECT (%s + %d::bigint) AS r' % (lit(a), c),
        None, expect_error='22003')
    ew_T('less(%s tensor, %d) compares exactly' % (dt, c), 'marsql.less(%s, %d::bigint)' % (lit(a), c),
         np.less(a.astype(np.int64), c))
    ew_T('equal(%s tensor, %d) compares exactly' % (dt, c), 'marsql.equal(%s, %d::bigint)' % (lit(a), c),
         np.zeros(2, bool))

# errors where numpy raises
a = np.array([True, False])
ew_err('bool - bool is refused (numpy TypeError)', '(%s - %s)' % (ew_lit(a), ew_lit(a)), '42804', lambda: np.subtract(a, a))
ew_err('negative of bool is refused (numpy TypeError)', '(- %s)' % ew_lit(a), '42804', lambda: np.negative(a))
ew_err('sign of bool is refused (numpy TypeError)', 'marsql.sign(%s)' % ew_lit(a), '42804', lambda: np.sign(a))
c = np.array([1 + 2j, 3 - 1j])
for op, fn in (('//', np.floor_divide), ('%', np.remainder)):
    ew_err('complex %s is refused (numpy TypeError)' % op, '(%s %s %s)' % (ew_lit(c), op, ew_lit(c)), '42804', lambda fn=fn: fn(c, c))
for name, fn in (('floor', np.floor), ('ceil', np.ceil)):
    ew_err('%s of complex is refused (numpy TypeError)' % name, 'marsql.%s(%s)' % (name, ew_lit(c)), '42804', lambda fn=fn: fn(c))
for dt in ('int8', 'int16', 'int32', 'int64'):
    a, b = np.array([2, 3], dt), np.array([1, -1], dt)
    ew_err('%s to a negative %s power is an error (numpy ValueError)' % (dt, dt), '(%s ^ %s)' % (lit(a), lit(b)), '2201F',
           lambda a=a, b=b: np.power(a, b))
ew_err('int32 tensor ^ -1 is an error (numpy ValueError)', "(%s ^ -1)" % lit(np.array([2], np.int32)), '2201F',
       lambda: np.power(np.array([2], np.int32), np.int32(-1)))
ew_err('shapes (2,) and (3,) do not broadcast in less', 'marsql.less(%s, %s)' % (lit(np.zeros(2, np.int8)), lit(np.zeros(3))),
       '22023', lambda: np.less(np.zeros(2), np.zeros(3)))

# unary functions over every dtype: numpy's result dtypes (float-only
# functions of integers give float16/32/64), integer abs/neg/sign/square
EW_UNARY = [('abs', np.abs, 'any'), ('sqrt', np.sqrt, 'any'), ('exp', np.exp, 'small'), ('log', np.log, 'any'),
            ('log1p', np.log1p, 'any'), ('expm1', np.expm1, 'small'), ('sin', np.sin, 'any'), ('cos', np.cos, 'any'),
            ('tan', np.tan, 'any'), ('tanh', np.tanh, 'any'), ('floor', np.floor, 'any'), ('ceil', np.ceil, 'any'),
            ('sign', np.sign, 'any'), ('square', np.square, 'any'), ('isnan', np.isnan, 'any'),
            ('isinf', np.isinf, 'any'), ('isfinite', np.isfinite, 'any'), ('logical_not', np.logical_not, 'any')]
COMPLEX_UNARY = ('abs', 'sqrt', 'exp', 'log', 'square', 'isnan', 'isinf', 'isfinite', 'logical_not')
for name, fn, kind in EW_UNARY:
    for dt in EW_DTYPES:
        if np.dtype(dt).kind == 'c' and name not in COMPLEX_UNARY:
            continue
        a = ew_values(dt, (2, 3))
        if kind == 'small' and np.dtype(dt).kind in 'iu':
            a = (a % 7).astype(dt)
        if ew_numpy_raises(lambda x, _: fn(x), a, None):
            ew_err('%s of %s is refused (numpy TypeError)' % (name, dt), 'marsql.%s(%s)' % (name, ew_lit(a)), '42804',
                   lambda fn=fn, a=a: fn(a))
            continue
        with np.errstate(all='ignore'):
            ref = fn(a)
        if name in ('sin', 'cos', 'tan') and ref.dtype == np.float64:
            T('%s of %s' % (name, dt), 'marsql.%s(%s)' % (name, ew_lit(a)), ref, F64_TRIG)
        else:
            ew_T('%s of %s' % (name, dt), 'marsql.%s(%s)' % (name, ew_lit(a)), ref)
for dt in EW_DTYPES[1:]:
    a = ew_values(dt, (2, 3))
    with np.errstate(all='ignore'):
        ew_T('negative of %s' % dt, '(- %s)' % ew_lit(a), np.negative(a))
for dt in ('int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32'):
    a = ew_values(dt, (3, 4))
    ew_T('relu of %s keeps the dtype' % dt, 'marsql.relu(%s)' % ew_lit(a),
         np.where(a > 0, a, np.zeros_like(a)) if np.dtype(dt).kind in 'iu' else np.where((a > 0) | np.isnan(a), a, 0).astype(dt))

# 0-d and empty operands
for dt in ('int8', 'float32', 'bool', 'complex128'):
    a, b = ew_values(dt, ()), ew_values(dt, (), 'nonzero')
    with np.errstate(all='ignore'):
        ew_T('0-d %s + 0-d %s is 0-d' % (dt, dt), '(%s + %s)' % (ew_lit(a), ew_lit(b)), np.add(a.reshape(1), b.reshape(1)).reshape(()))
        ew_T('0-d %s == 0-d is a 0-d bool' % dt, 'marsql.equal(%s, %s)' % (ew_lit(a), ew_lit(b)), np.asarray(np.equal(a, b)))
    e = np.zeros((0, 3), dt)
    ew_T('empty (0,3) %s less (3,)' % dt, 'marsql.less(%s, %s)' % (lit(e) if dt != 'bool' else ew_lit(e), ew_lit(ew_values(dt, (3,)))),
         np.less(e, ew_values(dt, (3,))))

# NaN and -0.0 in comparisons, maximum/minimum (numpy: NaN propagates, the
# second operand wins between -0.0 and 0.0)
x = np.array([np.nan, 1.0, -0.0, 0.0, np.inf, -np.inf])
y = np.array([1.0, np.nan, 0.0, -0.0, np.inf, np.nan])
for dt in ('float64', 'float32', 'float16'):
    a, b = x.astype(dt), y.astype(dt)
    for op, fn in (('equal', np.equal), ('not_equal', np.not_equal), ('less', np.less), ('less_equal', np.less_equal),
                   ('greater', np.greater), ('greater_equal', np.greater_equal), ('maximum', np.maximum),
                   ('minimum', np.minimum), ('logical_and', np.logical_and), ('logical_xor', np.logical_xor)):
        ew_T('%s %s with NaN, -0.0 and infinities' % (op, dt), 'marsql.%s(%s, %s)' % (op, lit(a), lit(b)), fn(a, b))
    for name, fn in (('isnan', np.isnan), ('isinf', np.isinf), ('isfinite', np.isfinite)):
        ew_T('%s %s with NaN, -0.0 and infinities' % (name, dt), 'marsql.%s(%s)' % (name, lit(x.astype(dt))), fn(x.astype(dt)))

# complex comparisons are lexicographic; maximum too
a = np.array([1 + 1j, 1 + 2j, 2 + 0j, 1 - 1j, 3 + 3j])
b = np.array([1 + 2j, 1 + 1j, 1 + 5j, 1 - 1j, 3 + 3j])
for op, fn in (('less', np.less), ('less_equal', np.less_equal), ('greater', np.greater), ('greater_equal', np.greater_equal),
               ('equal', np.equal), ('not_equal', np.not_equal), ('maximum', np.maximum), ('minimum', np.minimum)):
    ew_T('%s of complex128 (lexicographic)' % op, 'marsql.%s(%s, %s)' % (op, ew_lit(a), ew_lit(b)), fn(a, b))

# numpy's docstring examples
ew_T('numpy.equal docstring: equal([0, 1, 3], arange(3))', 'marsql.equal(%s, marsql.arange(3))' % lit(np.array([0., 1, 3])),
     np.equal([0., 1, 3], np.arange(3.)))
ew_T('numpy.less docstring: less([1, 2], [2, 2])', 'marsql.less(%s, %s)' % (lit(np.array([1., 2])), lit(np.array([2., 2]))),
     np.less([1., 2], [2., 2]))
ew_T('numpy.greater_equal docstring', 'marsql.greater_equal(%s, %s)' % (lit(np.array([4., 2, 1])), lit(np.array([2., 2, 2]))),
     np.greater_equal([4., 2, 1], [2., 2, 2]))
ew_T('numpy.logical_and docstring: logical_and(x > 1, x < 4)',
     'marsql.logical_and(marsql.greater(marsql.arange(5), 1), marsql.less(marsql.arange(5), 4))',
     np.logical_and(np.arange(5.) > 1, np.arange(5.) < 4))
ew_T('numpy.logical_xor docstring: logical_xor([True, True, False, False], [True, False, True, False])',
     'marsql.logical_xor(%s, %s)' % (ew_lit(np.array([True, True, False, False])), ew_lit(np.array([True, False, True, False]))),
     np.logical_xor([True, True, False, False], [True, False, True, False]))
ew_T('numpy.isclose docstring 1', 'marsql.isclose(%s, %s)' % (lit(np.array([1e10, 1e-7])), lit(np.array([1.00001e10, 1e-8]))),
     np.isclose([1e10, 1e-7], [1.00001e10, 1e-8]))
ew_T('numpy.isclose docstring 2', 'marsql.isclose(%s, %s)' % (lit(np.array([1e10, 1e-8])), lit(np.array([1.00001e10, 1e-9]))),
     np.isclose([1e10, 1e-8], [1.00001e10, 1e-9]))
ew_T('numpy.isclose docstring: equal_nan', 'marsql.isclose(%s, %s, equal_nan => true)' % (lit(np.array([1.0, np.nan])), lit(np.array([1.0, np.nan]))),
     np.isclose([1.0, np.nan], [1.0, np.nan], equal_nan=True))
ew_T('numpy.isclose docstring: near zero', 'marsql.isclose(%s, %s)' % (lit(np.array([1e-8, 1e-7])), lit(np.array([0.0, 0.0]))),
     np.isclose([1e-8, 1e-7], [0.0, 0.0]))
ew_T('numpy.isclose docstring: atol 0', 'marsql.isclose(%s, %s, atol => 0.0)' % (lit(np.array([1e-100, 1e-7])), lit(np.array([0.0, 0.0]))),
     np.isclose([1e-100, 1e-7], [0.0, 0.0], atol=0.0))
ew_T('numpy.isclose docstring: atol 0, tiny values', 'marsql.isclose(%s, %s, atol => 0.0)' % (lit(np.array([1e-10, 1e-10])), lit(np.array([1e-20, 0.999999e-10]))),
     np.isclose([1e-10, 1e-10], [1e-20, 0.999999e-10], atol=0.0))
ew_T('numpy.isclose docstring: equal_nan, atol 0', 'marsql.isclose(%s, %s, atol => 0.0, equal_nan => true)' % (lit(np.array([1e-10, np.nan])), lit(np.array([1e-20, np.nan]))),
     np.isclose([1e-10, np.nan], [1e-20, np.nan], atol=0.0, equal_nan=True))
for dt in ('float32', 'float16', 'int16'):
    a, b = ew_values(dt, (3, 4)), ew_values(dt, (4,))
    b = (a[0] * (1 + 1e-6)).astype(dt) if dt != 'int16' else b
    ew_T('isclose %s with broadcasting' % dt, 'marsql.isclose(%s, %s)' % (lit(a), lit(b)), np.isclose(a, b))
x, y = np.array([np.inf, -np.inf, np.inf, np.nan, 1.0]), np.array([np.inf, -np.inf, 1e308, np.nan, 1.0 + 1e-9])
ew_T('isclose with infinities and NaN', 'marsql.isclose(%s, %s)' % (lit(x), lit(y)), np.isclose(x, y))
ew_err('isclose with a negative rtol is an error', 'marsql.isclose(%s, %s, -1.0)' % (lit(x), lit(y)), '22023')

for desc, a, b, en in (('same', [1., 2.], [1., 2.], False), ('differ', [1., 2.], [1., 3.], False),
                       ('shapes differ (no broadcasting)', [1., 2.], [[1., 2.]], False),
                       ('NaN unequal by default', [1., np.nan], [1., np.nan], False),
                       ('NaN equal with equal_nan', [1., np.nan], [1., np.nan], True),
                       ('empty', np.zeros(0), np.zeros(0), False)):
    want = bool(np.array_equal(a, b, equal_nan=en))
    R('array_equal %s is numpy\'s %s' % (desc, want),
      'SELECT marsql.array_equal(%s, %s, %s) AS r' % (lit(np.array(a)), lit(np.array(b)), 'true' if en else 'false'),
      lambda rows, want=want: None if col(one_row(rows), 'r') == want else 'got %r, numpy %r' % (col(one_row(rows), 'r'), want))
a8, a64 = np.array([1, 2, 3], np.int8), np.array([1.0, 2.0, 3.0])
R('array_equal across dtypes (int8 with float64) is numpy\'s True',
  'SELECT marsql.array_equal(%s, %s) AS r' % (lit(a8), lit(a64)),
  lambda rows: None if col(one_row(rows), 'r') is True else 'got %r' % col(one_row(rows), 'r'))

for desc, a, b in (('broadcast equal', [1., 2.], [[1., 2.], [1., 2.]]), ('differ', [1., 2.], [[1., 2.], [1., 3.]]),
                   ('shapes that do not broadcast', [1., 2.], [1., 2., 3.]), ('docstring [1, 2] vs [1, 2]', [1., 2.], [1., 2.])):
    want = bool(np.array_equiv(a, b))
    R('array_equiv %s is numpy\'s %s' % (desc, want),
      'SELECT marsql.array_equiv(%s, %s) AS r' % (lit(np.array(a)), lit(np.array(b))),
      lambda rows, want=want: None if col(one_row(rows), 'r') == want else 'got %r, numpy %r' % (col(one_row(rows), 'r'), want))

# where: the condition is a bool mask (or any dtype, nonzero true); x, y promote
cond = np.array([[True], [False], [True]])
for dx, dy in (('int8', 'int16'), ('float32', 'int32'), ('uint8', 'bool'), ('complex64', 'float64')):
    x, y = ew_values(dx, (1, 4)), ew_values(dy, (3, 4))
    ew_T('where(bool cond, %s, %s) promotes and broadcasts' % (dx, dy),
         'marsql.where(%s, %s, %s)' % (ew_lit(cond), ew_lit(x), ew_lit(y)), np.where(cond, x, y))
cond = np.array([0, 3, -1, 0], np.int32)
ew_T('where with an int32 condition (nonzero is true)', 'marsql.where(%s, %s, %s)' % (lit(cond), lit(np.arange(4.0)), lit(-np.arange(4.0))),
     np.where(cond, np.arange(4.0), -np.arange(4.0)))
x = np.array([1.0, 5.0, 3.0, 8.0])
ew_T('where(less(x, 4), x, 0): a mask from a comparison', "marsql.where(marsql.less(%s, 4), %s, '0'::marsql.tensor)" % (lit(x), lit(x)),
     np.where(x < 4, x, 0.0))

# the further float-only functions, fmod/fmax/fmin and the sign tests, over
# every dtype (complex: refused where numpy raises; marsql also refuses
# complex fmax/fmin, which numpy has)
EW_UNARY2 = [('arcsin', np.arcsin), ('arccos', np.arccos), ('arctan', np.arctan), ('sinh', np.sinh), ('cosh', np.cosh),
             ('arcsinh', np.arcsinh), ('arccosh', np.arccosh), ('arctanh', np.arctanh), ('exp2', np.exp2), ('log2', np.log2),
             ('log10', np.log10), ('cbrt', np.cbrt), ('rint', np.rint), ('trunc', np.trunc), ('deg2rad', np.deg2rad),
             ('rad2deg', np.rad2deg), ('positive', np.positive), ('signbit', np.signbit), ('isneginf', np.isneginf),
             ('isposinf', np.isposinf), ('asin', np.arcsin), ('acos', np.arccos), ('atan', np.arctan),
             ('asinh', np.arcsinh), ('acosh', np.arccosh), ('atanh', np.arctanh), ('radians', np.radians),
             ('degrees', np.degrees)]
EW_COMPLEX_OK = ('positive',)
for name, fn in EW_UNARY2:
    for dt in EW_DTYPES:
        a = ew_values(dt, (2, 3))
        if np.dtype(dt).kind == 'f':
            a = np.concatenate([a.ravel(), np.array([np.inf, -np.inf, 0.5, -0.5], dt)])
        if np.dtype(dt).kind in 'iu' and name in ('sinh', 'cosh', 'exp2'):
            a = (a % 7).astype(dt)
        if np.dtype(dt).kind == 'c' and name not in EW_COMPLEX_OK:
            if ew_numpy_raises(lambda x, _: fn(x), a, None):
                ew_err('%s of %s is refused (numpy TypeError)' % (name, dt), 'marsql.%s(%s)' % (name, ew_lit(a)), '42804',
                       lambda fn=fn, a=a: fn(a))
            continue
        if ew_numpy_raises(lambda x, _: fn(x), a, None):
            ew_err('%s of %s is refused (numpy TypeError)' % (name, dt), 'marsql.%s(%s)' % (name, ew_lit(a)), '42804',
                   lambda fn=fn, a=a: fn(a))
            continue
        with np.errstate(all='ignore'):
            ref = fn(a)
        ew_T('%s of %s' % (name, dt), 'marsql.%s(%s)' % (name, ew_lit(a)), ref)
for fname, fn in (('fmod', np.fmod), ('fmax', np.fmax), ('fmin', np.fmin), ('arctan2', np.arctan2), ('atan2', np.arctan2),
                  ('hypot', np.hypot), ('copysign', np.copysign), ('logaddexp', np.logaddexp), ('logaddexp2', np.logaddexp2)):
    for dt in EW_DTYPES:
        if np.dtype(dt).kind == 'c' and fname in ('fmax', 'fmin'):
            continue
        ew_binary_check('marsql.' + fname, fn, 'any', dt, dt)
    for da, db in (('int8', 'uint8'), ('int16', 'float16'), ('bool', 'int32'), ('float32', 'float64')):
        ew_binary_check('marsql.' + fname, fn, 'any', da, db, (3, 1, 2), (4, 1))
with np.errstate(all='ignore'):
    x = np.array([np.nan, 1.0, np.nan, -0.0, np.inf, -7.5, 7.5])
    y = np.array([2.0, np.nan, np.nan, 0.0, 1.0, 2.0, -2.0])
    for fname, fn in (('fmax', np.fmax), ('fmin', np.fmin), ('fmod', np.fmod), ('copysign', np.copysign),
                      ('logaddexp', np.logaddexp), ('logaddexp2', np.logaddexp2), ('hypot', np.hypot), ('arctan2', np.arctan2)):
        ew_T('%s with NaN, -0.0 and infinities' % fname, 'marsql.%s(%s, %s)' % (fname, lit(x), lit(y)), fn(x, y))
    a = np.array([-7, 7, 5, -128], np.int8)
    ew_T('fmod of int8 takes the dividend\'s sign, 0 for a zero divisor', 'marsql.fmod(%s, %s)' % (lit(a), lit(np.array([2, -2, 0, -1], np.int8))),
         np.fmod(a, np.array([2, -2, 0, -1], np.int8)))
    ew_T('fmod(int16 tensor, integer) keeps int16', 'marsql.fmod(%s, 3)' % lit(np.array([-7, 7], np.int16)),
         np.fmod(np.array([-7, 7], np.int16), np.int16(3)))
    ew_T('logaddexp of large values does not overflow', 'marsql.logaddexp(%s, %s)' % (lit(np.array([1000.0, -1000.0])), lit(np.array([1000.0, -1001.0]))),
         np.logaddexp([1000.0, -1000.0], [1000.0, -1001.0]))

# clip and round keep integer dtypes
a = np.array([-5, 0, 3, 120], np.int8)
ew_T('clip(int8, -1, 5) keeps int8', 'marsql.clip(%s, -1, 5)' % lit(a), np.clip(a, np.int8(-1), np.int8(5)))
ew_T('clip(int8, -1.5, 5) gives float64', 'marsql.clip(%s, -1.5, 5)' % lit(a), np.clip(a.astype(np.float64), -1.5, 5.0))
a = np.array([1250, 1350, -1250, 17, 49], np.int32)
ew_T('round(int32, -2) rounds half to even and keeps int32', 'marsql.round(%s, -2)' % lit(a), np.round(a, -2))
ew_T('round(int32, 1) is the identity', 'marsql.round(%s, 1)' % lit(a), np.round(a, 1))


# ---- sort: sorting, searching and sets (issue 21, items 4 and 5)
# sort/argsort (stable: numpy's kind='stable'), partition/argpartition
# (checked by their property), topk/argtopk (no numpy name: the stable
# descending order computed here), searchsorted, lexsort, unique,
# unique_all, isin and the 1-D set operations, over every dtype, with
# numpy's docstring examples, NaN, -0.0, duplicates, all-equal, empty and
# 0-d inputs, negative axes, and errors where numpy raises.

def _complex_literals_parse():
    """complex and bool literals are parsed by the io work; until then the
    checks build such inputs with astype from float64"""
    p = subprocess.run(['psql', '-X', '-q', '-tA', '-c', "SELECT 'complex128(1):[1+2j]'::marsql.tensor, "
                               "'bool(1):[true]'::marsql.tensor"],
                       capture_output=True, text=True)
    return p.returncode == 0


SORT_LITERALS = _complex_literals_parse()
SORT_DTYPES = ('bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16',
               'float32', 'float64', 'complex64', 'complex128')


def slit(a):
    """a tensor expression holding exactly a (bool and real complex inputs
    through astype while their literals do not parse)"""
    a = np.asarray(a)
    if not SORT_LITERALS:
        if a.dtype.kind == 'b':
            return "marsql.astype(%s, 'bool')" % lit(a.astype(np.float64))
        if a.dtype.kind == 'c':
            return "marsql.astype(%s, '%s')" % (lit(a.real.astype(np.float64)), a.dtype.name)
    return lit(a)


def sort_input(dt, *shape, special=True):
    """duplicates on purpose; floats with NaN, inf, -0.0 and 0.0"""
    dt = np.dtype(dt)
    n = int(np.prod(shape))
    if dt.kind == 'b':
        v = rng.integers(0, 2, n).astype(bool)
    elif dt.kind == 'u':
        v = rng.integers(0, 256, n).astype(dt)
    elif dt.kind == 'i':
        info = np.iinfo(dt)
        v = rng.integers(max(info.min, -2 ** 40), min(info.max, 2 ** 40) + 1, n, dtype=np.int64)
        v[::3] = rng.integers(-3, 4, v[::3].size)
        if n > 4 and dt.itemsize < 8:
            v[1], v[2] = info.min, info.max
        v = v.astype(dt)
    else:
        v = rng.integers(-4, 5, n).astype(np.float64) / 2
        v[::4] = rng.standard_normal(v[::4].size) * 100
        if special and n >= 8:
            v[1], v[3], v[5], v[6], v[7] = np.nan, -0.0, np.inf, 0.0, -np.inf
            v[rng.integers(0, n)] = np.nan
        if dt.kind == 'c':
            im = rng.integers(-2, 3, n).astype(np.float64)
            if not (SORT_LITERALS and special):
                im[:] = 0
            v = (v + 1j * im).astype(dt)
        else:
            v = v.astype(dt)
    rng.shuffle(v)
    return v.reshape(shape)


def sort_bits(desc, expr, ref):
    """bit for bit where signs of zeros are defined (real dtypes), else T"""
    ref = np.asarray(ref)
    if ref.dtype.kind == 'c' or ref.dtype.kind in 'biu':
        T(desc, expr, ref)
    else:
        bits_check(desc, expr, ref)


def ax(axis):
    return 'NULL' if axis is None else str(axis)


# numpy's docstring examples
a_doc = np.array([[1, 4], [3, 1]], np.float64)
sort_bits('sort docstring [[1,4],[3,1]]', 'marsql.sort(%s)' % slit(a_doc), np.sort(a_doc))
sort_bits('sort docstring axis NULL', 'marsql.sort(%s, NULL)' % slit(a_doc), np.sort(a_doc, axis=None))
sort_bits('sort docstring axis 0', 'marsql.sort(%s, 0)' % slit(a_doc), np.sort(a_doc, axis=0))
x_doc = np.array([3, 1, 2], np.int64)
T('argsort docstring [3,1,2]', 'marsql.argsort(%s)' % slit(x_doc), np.argsort(x_doc, kind='stable'))
x2_doc = np.array([[0, 3], [2, 2]], np.int64)
for axis in (0, 1):
    T('argsort docstring [[0,3],[2,2]] axis %d' % axis, 'marsql.argsort(%s, %d)' % (slit(x2_doc), axis),
      np.argsort(x2_doc, axis=axis, kind='stable'))
T('searchsorted docstring left', "marsql.searchsorted(%s, %s)" % (lit(np.array([1., 2, 3, 4, 5])), lit(np.array(3.0))),
  np.searchsorted([1., 2, 3, 4, 5], np.array(3.0)), dtype='int64')
T('searchsorted docstring right', "marsql.searchsorted(%s, %s, 'right')" % (lit(np.array([1., 2, 3, 4, 5])), lit(np.array(3.0))),
  np.searchsorted([1., 2, 3, 4, 5], np.array(3.0), side='right'), dtype='int64')
T('searchsorted docstring [-10,10,2,3]', "marsql.searchsorted(%s, %s)" % (lit(np.array([1., 2, 3, 4, 5])), lit(np.array([-10., 10, 2, 3]))),
  np.searchsorted([1., 2, 3, 4, 5], [-10., 10, 2, 3]))
surnames = np.array([3, 1, 2, 3, 2], np.int64)    # Hertz Galilei Hertz: codes
first = np.array([2, 1, 3, 1, 2], np.int64)
T('lexsort docstring (first names, surnames)', 'marsql.lexsort(%s)' % tarr([first, surnames]),
  np.lexsort((first, surnames)))
la_ = np.array([1, 5, 1, 4, 3, 4, 4], np.int64)
lb_ = np.array([9, 4, 0, 4, 0, 2, 1], np.int64)
T('lexsort docstring (b, a)', 'marsql.lexsort(%s)' % tarr([lb_, la_]), np.lexsort((lb_, la_)))
T('lexsort of a 2-D tensor: rows are keys', 'marsql.lexsort(%s)' % lit(np.array([lb_, la_])),
  np.lexsort(np.array([lb_, la_])))
u_doc = np.array([1, 1, 2, 2, 3, 3], np.int64)
T('unique docstring', 'marsql.unique(%s)' % slit(u_doc), np.unique(u_doc))
u2_doc = np.array([[1, 0, 0], [1, 0, 0], [2, 3, 4]], np.int64)
T('unique docstring axis 0', 'marsql.unique(%s, 0)' % slit(u2_doc), np.unique(u2_doc, axis=0))
T('isin docstring', 'marsql.isin(%s, %s)' % (slit(2 * np.arange(4).reshape(2, 2)), slit(np.array([1, 2, 4, 8]))),
  np.isin(2 * np.arange(4).reshape(2, 2), [1, 2, 4, 8]))
T('isin docstring invert', 'marsql.isin(%s, %s, true)' % (slit(2 * np.arange(4).reshape(2, 2)), slit(np.array([1, 2, 4, 8]))),
  np.isin(2 * np.arange(4).reshape(2, 2), [1, 2, 4, 8], invert=True))
T('intersect1d docstring', 'marsql.intersect1d(%s, %s)' % (slit(np.array([1, 3, 4, 3])), slit(np.array([3, 1, 2, 1]))),
  np.intersect1d([1, 3, 4, 3], [3, 1, 2, 1]))
T('union1d docstring', 'marsql.union1d(%s, %s)' % (slit(np.array([-1, 0, 1])), slit(np.array([-2, 0, 2]))),
  np.union1d([-1, 0, 1], [-2, 0, 2]))
T('setdiff1d docstring', 'marsql.setdiff1d(%s, %s)' % (slit(np.array([1, 2, 3, 2, 4, 1])), slit(np.array([3, 4, 5, 6]))),
  np.setdiff1d([1, 2, 3, 2, 4, 1], [3, 4, 5, 6]))
T('setxor1d docstring', 'marsql.setxor1d(%s, %s)' % (slit(np.array([1, 2, 3, 2, 4])), slit(np.array([2, 3, 5, 7, 5]))),
  np.setxor1d([1, 2, 3, 2, 4], [2, 3, 5, 7, 5]))
p_doc = np.array([3, 4, 2, 1], np.float64)


def partition_check(desc, expr, a, kth, axis, indices):
    """numpy's contract: along axis, each kth element is the one the sorted
    tensor has there, none before it is larger, none after it smaller"""
    a = np.asarray(a)
    kths = np.atleast_1d(kth)

    def verify(rows):
        got = parse_tensor(col(one_row(rows), 'r'))
        if indices:
            if got.shape != a.shape:
                return 'shape %s, numpy %s' % (got.shape, a.shape)
            if not np.array_equal(np.sort(got, axis=axis), np.broadcast_to(
                    np.expand_dims(np.arange(a.shape[axis]), tuple(i for i in range(a.ndim) if i != axis % a.ndim)), a.shape)):
                return 'indices are not a permutation along axis %s' % axis
            got = np.take_along_axis(a, got, axis=axis)
        got = np.moveaxis(np.asarray(got).astype(a.dtype), axis, -1)
        ref = np.moveaxis(np.sort(a, axis=axis), axis, -1)
        if got.shape != ref.shape:
            return 'shape %s, numpy %s' % (got.shape, ref.shape)
        if not np.array_equal(np.sort(got, axis=-1), ref, equal_nan=a.dtype.kind in 'fc'):
            return 'not a permutation of the input along axis %s' % axis
        nan = a.dtype.kind in 'fc'
        for k in kths:
            k = int(k) % a.shape[axis]
            parts = np.concatenate([np.sort(got[..., :k], axis=-1), got[..., k:k + 1],
                                    np.sort(got[..., k + 1:], axis=-1)], axis=-1)
            if not np.array_equal(parts, ref, equal_nan=nan):
                return 'kth %d: not in its sorted place, or a smaller one after it or a larger one before' % k
        return None
    add(desc, 'SELECT %s AS r' % expr, verify)


partition_check('partition docstring kth 3', 'marsql.partition(%s, 3)' % lit(p_doc), p_doc, 3, -1, False)
partition_check('partition docstring kth {1,3}', "marsql.partition(%s, '{1,3}'::int[])" % lit(p_doc), p_doc, [1, 3], -1, False)
pd2 = np.array([7, 1, 7, 7, 1, 5, 7, 2, 3, 2, 6, 2, 3, 0], np.int64)
partition_check('partition docstring [7,1,7,7,...] kth 4', 'marsql.partition(%s, 4)' % slit(pd2), pd2, 4, -1, False)
partition_check('partition docstring [7,1,7,7,...] kth (4,8)', "marsql.partition(%s, '{4,8}'::int[])" % slit(pd2),
                pd2, [4, 8], -1, False)
partition_check('argpartition docstring [7,1,...] kth (4,8)', "marsql.argpartition(%s, '{4,8}'::int[])" % slit(pd2),
                pd2, [4, 8], -1, True)
ud = np.array([1, 2, 6, 4, 2, 3, 2], np.int64)
udv, udi, udinv, udc = np.unique(ud, return_index=True, return_inverse=True, return_counts=True)
R('unique docstring return_index/inverse/counts [1,2,6,4,2,3,2]', 'SELECT * FROM marsql.unique_all(%s)' % slit(ud),
  lambda rows: (compare(parse_tensor(col(one_row(rows), 'values')), udv, EXACT, 'values')
                or compare(parse_tensor(col(one_row(rows), 'indices')), udi, EXACT, 'indices')
                or compare(parse_tensor(col(one_row(rows), 'inverse_indices')), udinv, EXACT, 'inverse')
                or compare(parse_tensor(col(one_row(rows), 'counts')), udc, EXACT, 'counts')))
T('unique_values docstring [1,2,6,4,2,3,2]', 'marsql.unique_values(%s)' % slit(ud), np.unique(ud))
partition_check('argpartition docstring kth 2', 'marsql.argpartition(%s, 2)' % lit(p_doc), p_doc, 2, -1, True)


def desc_stable(a, axis):
    """the stable descending argsort (NaN first, ties in their order)"""
    a = np.moveaxis(np.asarray(a), axis, -1)
    n = a.shape[-1]
    o = np.argsort(a[..., ::-1], axis=-1, kind='stable')
    return np.moveaxis((n - 1 - o)[..., ::-1], -1, axis)


# every function over every dtype
for dt in SORT_DTYPES:
    for shape in ((37,), (5, 9), (3, 4, 6)):
        v = sort_input(dt, *shape)
        for axis in sorted({-1, 0, len(shape) - 1, None}, key=str):
            sort_bits('sort %s %s axis %s' % (dt, shp(v), ax(axis)),
                      'marsql.sort(%s, %s)' % (slit(v), ax(axis)), np.sort(v, axis=axis, kind='stable'))
            T('argsort %s %s axis %s' % (dt, shp(v), ax(axis)),
              'marsql.argsort(%s, %s)' % (slit(v), ax(axis)), np.argsort(v, axis=axis, kind='stable'))
        axis = -1
        k = min(3, shape[-1])
        partition_check('partition %s %s kth %d' % (dt, shp(v), k), 'marsql.partition(%s, %d)' % (slit(v), k),
                        v, k, -1, False)
        partition_check('argpartition %s %s kth -1' % (dt, shp(v)), 'marsql.argpartition(%s, -1)' % slit(v),
                        v, -1, -1, True)
        order = desc_stable(v, 0)
        T('argtopk %s %s k 2 axis 0' % (dt, shp(v)), 'marsql.argtopk(%s, 2, 0)' % slit(v), order[:2])
        sort_bits('topk %s %s k 2 axis 0' % (dt, shp(v)), 'marsql.topk(%s, 2, 0)' % slit(v),
                  np.take_along_axis(v, order[:2], axis=0))
        asc = np.argsort(v, axis=-1, kind='stable')[..., :k]
        T('argtopk smallest %s %s k %d' % (dt, shp(v), k), 'marsql.argtopk(%s, %d, largest => false)' % (slit(v), k), asc)
        sort_bits('topk smallest %s %s k %d' % (dt, shp(v), k), 'marsql.topk(%s, %d, largest => false)' % (slit(v), k),
                  np.take_along_axis(v, asc, axis=-1))
    v = sort_input(dt, 40)
    s = np.sort(v, kind='stable')
    q = np.concatenate([v[:10], sort_input(dt, 6)])
    for side in ('left', 'right'):
        T('searchsorted %s side %s' % (dt, side), "marsql.searchsorted(%s, %s, '%s')" % (slit(s), slit(q), side),
          np.searchsorted(s, q, side=side))
        srt = np.argsort(v, kind='stable')
        T('searchsorted %s side %s sorter' % (dt, side),
          "marsql.searchsorted(%s, %s, '%s', %s)" % (slit(v), slit(q.reshape(2, 8)), side, lit(srt)),
          np.searchsorted(v, q.reshape(2, 8), side=side, sorter=srt))
    k2 = sort_input(dt, 4, 30)
    T('lexsort %s 4 keys' % dt, 'marsql.lexsort(%s)' % slit(k2), np.lexsort(k2))
    kk = [k2[0], sort_input('int8', 30)]
    T('lexsort %s key with an int8 primary key' % dt, 'marsql.lexsort(ARRAY[%s, %s])' % (slit(kk[0]), slit(kk[1])),
      np.lexsort(kk))
    uv = sort_input(dt, 50) if dt[0] != 'c' else sort_input(dt, 50, special=False)
    T('unique %s' % dt, 'marsql.unique(%s)' % slit(uv), np.unique(uv))
    vals, idx, inv, cnt = np.unique(uv, return_index=True, return_inverse=True, return_counts=True)
    R('unique_all %s' % dt, 'SELECT * FROM marsql.unique_all(%s)' % slit(uv),
      lambda rows, vals=vals, idx=idx, inv=inv, cnt=cnt, shape=uv.shape: (
          compare(parse_tensor(col(one_row(rows), 'values')), vals, EXACT, 'values')
          or compare(parse_tensor(col(one_row(rows), 'indices')), idx, EXACT, 'indices')
          or compare(parse_tensor(col(one_row(rows), 'inverse_indices')), inv.reshape(shape), EXACT, 'inverse')
          or compare(parse_tensor(col(one_row(rows), 'counts')), cnt, EXACT, 'counts')))
    T('unique_values %s' % dt, 'marsql.unique_values(%s)' % slit(uv.reshape(5, 10)), np.unique(uv))
    R('unique_counts %s' % dt, 'SELECT * FROM marsql.unique_counts(%s)' % slit(uv.reshape(5, 10)),
      lambda rows, vals=vals, cnt=cnt: (
          compare(parse_tensor(col(one_row(rows), 'values')), vals, EXACT, 'values')
          or compare(parse_tensor(col(one_row(rows), 'counts')), cnt, EXACT, 'counts')))
    R('unique_inverse %s' % dt, 'SELECT * FROM marsql.unique_inverse(%s)' % slit(uv.reshape(5, 10)),
      lambda rows, vals=vals, inv=inv: (
          compare(parse_tensor(col(one_row(rows), 'values')), vals, EXACT, 'values')
          or compare(parse_tensor(col(one_row(rows), 'inverse_indices')), inv.reshape(5, 10), EXACT,
                     'inverse_indices')))
    um = sort_input(dt, 6, 3, special=False)
    um[3] = um[0]
    um[5] = um[1]
    for axis in (0, 1, -1):
        T('unique %s 6x3 axis %d' % (dt, axis), 'marsql.unique(%s, %d)' % (slit(um), axis), np.unique(um, axis=axis))
    vals, idx, inv, cnt = np.unique(um, axis=0, return_index=True, return_inverse=True, return_counts=True)
    R('unique_all %s 6x3 axis 0' % dt, 'SELECT * FROM marsql.unique_all(%s, 0)' % slit(um),
      lambda rows, vals=vals, idx=idx, inv=inv, cnt=cnt: (
          compare(parse_tensor(col(one_row(rows), 'values')), vals, EXACT, 'values')
          or compare(parse_tensor(col(one_row(rows), 'indices')), idx, EXACT, 'indices')
          or compare(parse_tensor(col(one_row(rows), 'inverse_indices')), inv.reshape(-1), EXACT, 'inverse')
          or compare(parse_tensor(col(one_row(rows), 'counts')), cnt, EXACT, 'counts')))
    a1 = sort_input(dt, 30)
    b1 = np.concatenate([a1[:8], sort_input(dt, 12)])
    rng.shuffle(b1)
    for inv_ in (False, True):
        T('isin %s invert %s' % (dt, inv_), 'marsql.isin(%s, %s, %s)' % (slit(a1.reshape(5, 6)), slit(b1), inv_),
          np.isin(a1.reshape(5, 6), b1, invert=inv_))
    T('intersect1d %s' % dt, 'marsql.intersect1d(%s, %s)' % (slit(a1), slit(b1)), np.intersect1d(a1, b1))
    # numpy 1.24's unique merges every complex value with a NaN part into
    # one; marsql does not (docs/math.md): complex inputs here have none
    a1n, b1n = (a1[~np.isnan(a1)], b1[~np.isnan(b1)]) if dt[0] == 'c' else (a1, b1)
    T('union1d %s' % dt, 'marsql.union1d(%s, %s)' % (slit(a1n), slit(b1n)), np.union1d(a1n, b1n))
    iv, ia_, ib_ = np.intersect1d(a1, b1, return_indices=True)
    R('intersect1d_indices %s' % dt, 'SELECT * FROM marsql.intersect1d_indices(%s, %s)' % (slit(a1), slit(b1)),
      lambda rows, iv=iv, ia_=ia_, ib_=ib_: (
          compare(parse_tensor(col(one_row(rows), 'values')), iv, EXACT, 'values')
          or compare(parse_tensor(col(one_row(rows), 'indices_a')), ia_, EXACT, 'indices_a')
          or compare(parse_tensor(col(one_row(rows), 'indices_b')), ib_, EXACT, 'indices_b')))
    T('setdiff1d %s' % dt, 'marsql.setdiff1d(%s, %s)' % (slit(a1), slit(b1)), np.setdiff1d(a1, b1))
    T('setxor1d %s' % dt, 'marsql.setxor1d(%s, %s)' % (slit(a1n), slit(b1n)), np.setxor1d(a1n, b1n))
    ua, ub = np.unique(a1), np.unique(b1)
    if dt[0] in 'fc':
        ua, ub = ua[~np.isnan(ua)], ub[~np.isnan(ub)]
    rng.shuffle(ua)
    for fname in ('intersect1d', 'setdiff1d', 'setxor1d'):
        T('%s %s assume_unique' % (fname, dt), 'marsql.%s(%s, %s, true)' % (fname, slit(ua), slit(ub)),
          getattr(np, fname)(ua, ub, assume_unique=True))
    iv, ia_, ib_ = np.intersect1d(ua, ub, assume_unique=True, return_indices=True)
    R('intersect1d_indices %s assume_unique' % dt,
      'SELECT * FROM marsql.intersect1d_indices(%s, %s, true)' % (slit(ua), slit(ub)),
      lambda rows, iv=iv, ia_=ia_, ib_=ib_: (
          compare(parse_tensor(col(one_row(rows), 'values')), iv, EXACT, 'values')
          or compare(parse_tensor(col(one_row(rows), 'indices_a')), ia_, EXACT, 'indices_a')
          or compare(parse_tensor(col(one_row(rows), 'indices_b')), ib_, EXACT, 'indices_b')))

# mixed dtypes: exact comparison across dtypes, numpy's promotion for sets
mi = np.array([1, 2, 3, 300, -5], np.int16)
mf = np.array([2.0, 2.5, 300.0, np.nan, -5.0], np.float32)
T('isin int16 in float32', 'marsql.isin(%s, %s)' % (slit(mi), slit(mf)), np.isin(mi, mf))
T('isin float32 in int16', 'marsql.isin(%s, %s)' % (slit(mf), slit(mi)), np.isin(mf, mi))
T('searchsorted float32 in int16', 'marsql.searchsorted(%s, %s)' % (slit(np.sort(mi)), slit(mf)),
  np.searchsorted(np.sort(mi), mf))
for fname in ('intersect1d', 'union1d', 'setdiff1d', 'setxor1d'):
    T('%s int16 with float32' % fname, 'marsql.%s(%s, %s)' % (fname, slit(mi), slit(mf)), getattr(np, fname)(mi, mf))
ui = np.array([0, 200, 255], np.uint8)
ii = np.array([-1, 0, 100], np.int8)
T('union1d uint8 with int8 is int16', 'marsql.union1d(%s, %s)' % (slit(ui), slit(ii)), np.union1d(ui, ii))

# edge cases
for dt in ('float64', 'int32', 'float16'):
    e = np.zeros((0,), dt)
    sort_bits('sort empty %s' % dt, 'marsql.sort(%s)' % slit(e), np.sort(e))
    T('argsort empty %s' % dt, 'marsql.argsort(%s)' % slit(e), np.argsort(e))
    T('unique empty %s' % dt, 'marsql.unique(%s)' % slit(e), np.unique(e))
    T('isin empty %s' % dt, 'marsql.isin(%s, %s)' % (slit(e), slit(np.array([1], dt))), np.isin(e, np.array([1], dt)))
    T('isin in empty %s' % dt, 'marsql.isin(%s, %s)' % (slit(np.array([1], dt)), slit(e)), np.isin(np.array([1], dt), e))
    T('searchsorted into empty %s' % dt, 'marsql.searchsorted(%s, %s)' % (slit(e), slit(np.array([1, 2], dt))),
      np.searchsorted(e, np.array([1, 2], dt)))
    T('intersect1d empty %s' % dt, 'marsql.intersect1d(%s, %s)' % (slit(e), slit(np.array([1], dt))),
      np.intersect1d(e, np.array([1], dt)))
e2 = np.zeros((3, 0))
sort_bits('sort 3x0 axis 0', 'marsql.sort(%s, 0)' % lit(e2), np.sort(e2, axis=0))
T('argsort 3x0 axis -1', 'marsql.argsort(%s)' % lit(e2), np.argsort(e2))
z0 = np.array(2.5)
sort_bits('sort 0-d axis NULL', 'marsql.sort(%s, NULL)' % lit(z0), np.sort(z0, axis=None))
T('argsort 0-d axis NULL', 'marsql.argsort(%s, NULL)' % lit(z0), np.argsort(z0, axis=None))
T('unique 0-d', 'marsql.unique(%s)' % lit(z0), np.unique(z0))
T('isin 0-d', 'marsql.isin(%s, %s)' % (lit(z0), lit(np.array([2.5, 1]))), np.isin(z0, [2.5, 1]))
T('searchsorted 0-d v', 'marsql.searchsorted(%s, %s)' % (lit(np.array([1., 2, 3])), lit(z0)),
  np.searchsorted([1., 2, 3], z0))
T('lexsort 0-d key', 'marsql.lexsort(ARRAY[%s])' % lit(z0), np.array(np.lexsort([z0]), np.int64))
zs = np.array([0.0, -0.0, 0.0, -0.0, -1.0, np.nan, 1.0, -0.0])
sort_bits('sort keeps -0.0 and 0.0 in their order', 'marsql.sort(%s)' % lit(zs), np.sort(zs, kind='stable'))
T('argsort -0.0 and 0.0 tie', 'marsql.argsort(%s)' % lit(zs), np.argsort(zs, kind='stable'))
sort_bits('unique -0.0 and 0.0 is one value (the first sorted)', 'marsql.unique(%s)' % lit(zs),
          np.sort(zs, kind='stable')[[0, 1, 6, 7]])
T('unique collapses NaNs (numpy 1.24 equal_nan)', 'marsql.unique(%s)' % lit(np.array([np.nan, 1, np.nan, np.nan])),
  np.unique(np.array([np.nan, 1, np.nan, np.nan])))
T('isin NaN is never found', 'marsql.isin(%s, %s)' % (lit(np.array([np.nan, 1])), lit(np.array([np.nan, 1]))),
  np.isin([np.nan, 1], [np.nan, 1]))
T('isin -0.0 finds 0.0', 'marsql.isin(%s, %s)' % (lit(np.array([-0.0, 1])), lit(np.array([0.0]))),
  np.isin([-0.0, 1], [0.0]))
T('setxor1d keeps both NaNs', 'marsql.setxor1d(%s, %s)' % (lit(np.array([np.nan, 1])), lit(np.array([np.nan, 2]))),
  np.setxor1d([np.nan, 1], [np.nan, 2]))
T('intersect1d drops NaN', 'marsql.intersect1d(%s, %s)' % (lit(np.array([np.nan, 1])), lit(np.array([np.nan, 1]))),
  np.intersect1d([np.nan, 1], [np.nan, 1]))
T('searchsorted NaN goes last', "marsql.searchsorted(%s, %s)" % (lit(np.array([1., 2, np.nan])), lit(np.array([np.nan, 3, np.inf]))),
  np.searchsorted([1., 2, np.nan], [np.nan, 3, np.inf]))
alleq = np.full(100, 7, np.int32)
T('argsort all-equal is the identity', 'marsql.argsort(%s)' % slit(alleq), np.argsort(alleq, kind='stable'))
T('unique all-equal', 'marsql.unique(%s)' % slit(alleq), np.unique(alleq))
big = rng.integers(-2 ** 31, 2 ** 31, 100000).astype(np.int64)
T('unique of 100000 int64 (radix path)', 'marsql.unique(%s)' % lit(big), np.unique(big))
bigf = rng.standard_normal(70000).astype(np.float32)
bigf[::97] = np.nan
bigf[::101] = -0.0
sort_bits('sort of 70000 float32 (radix path)', 'marsql.sort(%s)' % lit(bigf), np.sort(bigf, kind='stable'))
T('argsort of 70000 float32 (radix path)', 'marsql.argsort(%s)' % lit(bigf), np.argsort(bigf, kind='stable'))
w3 = sort_input('float64', 3, 4, 5)
for axis in (-3, -2, 1):
    sort_bits('sort 3x4x5 negative axis %d' % axis, 'marsql.sort(%s, %d)' % (lit(w3), axis), np.sort(w3, axis=axis, kind='stable'))

# errors where numpy raises
E('sort axis out of bounds', 'marsql.sort(%s, 2)' % lit(a_doc), '22', lambda: np.sort(a_doc, axis=2))
E('argsort axis out of bounds', 'marsql.argsort(%s, -3)' % lit(a_doc), '22', lambda: np.argsort(a_doc, axis=-3))
E('sort 0-d along axis -1', 'marsql.sort(%s)' % lit(z0), '22', lambda: np.sort(z0))
E('partition kth out of bounds', 'marsql.partition(%s, 4)' % lit(p_doc), '22', lambda: np.partition(p_doc, 4))
E('partition kth below bounds', 'marsql.partition(%s, -5)' % lit(p_doc), '22', lambda: np.partition(p_doc, -5))
E('argpartition kth list out of bounds', "marsql.argpartition(%s, '{1,7}'::int[])" % lit(p_doc), '22',
  lambda: np.argpartition(p_doc, [1, 7]))
E('searchsorted 2-D a', 'marsql.searchsorted(%s, %s)' % (lit(a_doc), lit(z0)), '22', lambda: np.searchsorted(a_doc, z0))
E('searchsorted side', "marsql.searchsorted(%s, %s, 'middle')" % (lit(p_doc), lit(z0)), '22',
  lambda: np.searchsorted(p_doc, z0, side='middle'))
E('searchsorted sorter out of range', "marsql.searchsorted(%s, %s, 'left', %s)" % (
    lit(p_doc), lit(z0), lit(np.array([0, 1, 2, 9]))), '22',
  lambda: np.searchsorted(p_doc, z0, sorter=[0, 1, 2, 9]))
E('lexsort keys of different shapes', 'marsql.lexsort(%s)' % tarr([np.array([1., 2]), np.array([1., 2, 3])]), '22',
  lambda: np.lexsort((np.array([1., 2]), np.array([1., 2, 3]))))
E('unique axis out of bounds', 'marsql.unique(%s, 2)' % lit(a_doc), '22', lambda: np.unique(a_doc, axis=2))


# --------------------------------------------------------------------------
# Running the queries: one psql process runs them all, each wrapped so an
# error becomes a result line ("ERR sqlstate message") instead of ending the
# session.  If the server goes away mid-run (a crash), the statement that
# was running fails and the run resumes with the next one in a new session.
# --------------------------------------------------------------------------
SETUP = r"""
SET search_path = marsql, public;
SET statement_timeout = '60s';
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.q(sql text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE j json; c record;
BEGIN
	-- tensors go to JSON as their text, which keeps the dtype and the shape
	-- of empty values (a tensor's own JSON form is a nested array)
	EXECUTE 'CREATE TEMP TABLE numpy_rows__ AS ' || sql;
	FOR c IN SELECT attname, atttypid = 'marsql.tensor'::regtype AS one FROM pg_attribute
			 WHERE attrelid = 'numpy_rows__'::regclass AND attnum > 0 AND NOT attisdropped
			   AND atttypid IN ('marsql.tensor'::regtype, 'marsql.tensor[]'::regtype) LOOP
		EXECUTE format('ALTER TABLE numpy_rows__ ALTER COLUMN %I TYPE %s', c.attname,
					   CASE WHEN c.one THEN 'text' ELSE 'text[]' END);
	END LOOP;
	-- the row alias must not be a column name (svd and lstsq have a column "s")
	SELECT json_agg(numpy_row__) INTO j FROM numpy_rows__ numpy_row__;
	DROP TABLE numpy_rows__;
	RETURN 'OK ' || replace(coalesce(j::text, '[]'), E'\n', ' ');
EXCEPTION WHEN others THEN
	RETURN 'ERR ' || SQLSTATE || ' ' || replace(SQLERRM, E'\n', ' ');
END
$f$;
""" + '\n'.join(SETUP_TABLES) + '\n'

PSQL = ['psql', '-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1']
LINE = re.compile(r'^R(\d+) (OK|ERR) (.*)$')


def server_up(deadline):
    while time.time() < deadline:
        p = subprocess.run(PSQL + ['-c', 'SELECT 1'], capture_output=True, text=True)
        if p.returncode == 0:
            return True
        time.sleep(1)
    return False


def run_all(sqls):
    results = {}
    start = 0
    while start < len(sqls):
        script = SETUP + ''.join("SELECT 'R%d ' || pg_temp.q($Q$%s$Q$);\n" % (i, sqls[i])
                                 for i in range(start, len(sqls)))
        try:
            p = subprocess.run(PSQL, input=script, capture_output=True, text=True, timeout=900)
            out, err = p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or '')
            err = 'psql timed out after 900 s'
        for line in out.splitlines():
            m = LINE.match(line)
            if m:
                i = int(m.group(1))
                if m.group(2) == 'OK':
                    results[i] = ('OK', m.group(3))
                else:
                    state, _, msg = m.group(3).partition(' ')
                    results[i] = ('ERR', state, msg)
        missing = [i for i in range(start, len(sqls)) if i not in results]
        if not missing:
            break
        first = missing[0]
        msg = ' '.join(err.strip().splitlines()[-3:]) or 'psql ended without a result'
        results[first] = ('LOST', msg)
        start = first + 1
        if start < len(sqls) and not server_up(time.time() + 60):
            for i in range(start, len(sqls)):
                results[i] = ('LOST', 'server unreachable after: ' + msg)
            break
    return results


def abbreviate(sql):
    if os.environ.get('NUMPY_AGREE_FULL_SQL'):
        return sql
    return re.sub(r"'([^']{100,})'", lambda m: "'%s...<%d chars>'" % (m.group(1)[:60], len(m.group(1))), sql)


# ---- further sections, one file per family: test/numpy/checks/*.py, run in
# name order in this module's namespace (so T, E, lit, the tolerances and the
# inputs above are theirs to use).  A new family adds a file there instead of
# editing this one.
# NUMPY_AGREE_ONLY=fft,statistics keeps only the checks of those files (a
# quick run while working on one family; the suite always runs everything).
CHECKS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'checks')
_only = [n for n in os.environ.get('NUMPY_AGREE_ONLY', '').split(',') if n]
_kept = [] if _only else None
for _name in sorted(os.listdir(CHECKS_DIR)) if os.path.isdir(CHECKS_DIR) else []:
    if _name.endswith('.py'):
        _path = os.path.join(CHECKS_DIR, _name)
        _first = len(CHECKS)
        with open(_path) as _f:
            exec(compile(_f.read(), _path, 'exec'), globals())
        if _only and _name[:-3] in _only:
            _kept.extend(CHECKS[_first:])
if _only:
    CHECKS[:] = _kept


def main():
    sqls, index = [], {}
    for _, sql, _, _ in CHECKS:
        if sql not in index:
            index[sql] = len(sqls)
            sqls.append(sql)
    t0 = time.time()
    results = run_all(sqls)
    print('1..%d' % len(CHECKS))
    print('# numpy %s, seed %d, %d checks, %d queries in %.1f s'
          % (np.__version__, SEED, len(CHECKS), len(sqls), time.time() - t0))
    failed = 0
    for n, (desc, sql, verify, expect_error) in enumerate(CHECKS, 1):
        res = results.get(index[sql], ('LOST', 'no result'))
        diag = None
        if res[0] == 'LOST':
            diag = 'no result, the server connection was lost: ' + res[1]
        elif expect_error is not None:
            if res[0] == 'OK':
                diag = 'expected an error (numpy raises), got %s' % res[1][:300]
            elif res[1] == '42883':
                diag = 'function missing from the server: ERROR %s %s' % (res[1], res[2])
            elif expect_error and not res[1].startswith(expect_error):
                diag = 'expected SQLSTATE class %s, got ERROR %s %s' % (expect_error, res[1], res[2])
            elif not expect_error and res[1] == 'XX000':
                diag = 'internal error instead of a user-facing one: ERROR %s %s' % (res[1], res[2])
        elif res[0] == 'ERR':
            if res[1] == '42883':
                diag = 'function missing from the server: ERROR %s %s' % (res[1], res[2])
            else:
                diag = 'ERROR %s %s' % (res[1], res[2])
        else:
            try:
                diag = verify(json.loads(res[1]))
            except (ParseError, ValueError, TypeError, KeyError, IndexError) as e:
                diag = 'cannot use the result: %s: %s' % (type(e).__name__, e)
        if diag is None:
            print('ok %d - %s' % (n, desc))
        else:
            failed += 1
            print('not ok %d - %s' % (n, desc))
            for line in diag.splitlines():
                print('#   ' + line)
            print('#   SQL: ' + abbreviate(sql))
    print('# %d of %d checks failed' % (failed, len(CHECKS)) if failed else '# all %d checks passed' % len(CHECKS))
    sys.stdout.flush()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
