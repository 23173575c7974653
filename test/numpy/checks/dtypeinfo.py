# ---- numpy's data-type routines, window functions and array helpers
# (tensor_dtype_info.c, tensor_windows.c): result_type, promote_types,
# can_cast (all five castings), isdtype, finfo, iinfo, bartlett, blackman,
# hamming, hanning, kaiser, copy, asarray_chkfinite, ix_.
# Debian's numpy is 1.24: result_type follows numpy 2 (NEP 50: a SQL number
# is a weak scalar, a 0-d tensor is not value-based), so the references are
# np.promote_types over dtypes and the NEP 50 rule written out below; isdtype
# is numpy >= 2 (the array API), its reference is written out too.

import itertools

DI_DTYPES = ('bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32',
             'float64', 'complex64', 'complex128')
DI_CASTINGS = ('no', 'equiv', 'safe', 'same_kind', 'unsafe')


def di_val(desc, sql, want):
    """sql's column r equals want exactly (bool, text or number)"""
    def verify(rows):
        v = col(one_row(rows), 'r')
        if isinstance(want, float) and isinstance(v, (int, float)) and not isinstance(v, bool):
            v = float(v)
        if v != want or type(v) != type(want):
            return 'got %r, want %r' % (v, want)
        return None
    R(desc, 'SELECT %s AS r' % sql, verify)


def di_err(desc, expr, state):
    add(desc, 'SELECT %s AS r' % expr, None, expect_error=state)


def di_q(s):
    return "'%s'" % s


# promote_types and result_type over every pair (dtype names and tensors)
for a in DI_DTYPES:
    for b in DI_DTYPES:
        want = np.promote_types(a, b).name
        di_val('promote_types(%s, %s)' % (a, b),
               'marsql.promote_types(%s, %s)' % (di_q(a), di_q(b)), want)
        di_val('result_type of dtypes %s, %s' % (a, b),
               'marsql.result_type(%s, %s)' % (di_q(a), di_q(b)), want)
        di_val('result_type of tensors %s, %s' % (a, b),
               'marsql.result_type(%s, %s)' % (lit(np.zeros(2, a)), lit(np.zeros(0, b))),
               np.result_type(np.zeros(2, a), np.zeros(0, b)).name)
    # numpy 2: a 0-d array is no weak scalar (numpy 1.24 would say int8 here)
    di_val('result_type of 0-d %s and int64' % a,
           'marsql.result_type(%s, %s)' % (lit(np.zeros((), a)), lit(np.zeros(2, 'int64'))),
           np.promote_types(a, 'int64').name)
    di_val('result_type of one %s' % a, 'marsql.result_type(%s)' % lit(np.zeros(3, a)), a)

# numpy promotes a sequence at once (main dtype of the highest category
# first), not pair by pair: every triple of dtypes, as names and tensors
for abc in itertools.product(DI_DTYPES, repeat=3):
    di_val('result_type of dtypes %s' % ', '.join(abc),
           'marsql.result_type(%s)' % ', '.join(di_q(x) for x in abc), np.result_type(*abc).name)
for abc in (('int8', 'uint8', 'float16'), ('uint8', 'int16', 'float16', 'bool'),
            ('int32', 'float16', 'complex64'), ('bool', 'int8', 'float16', 'uint8')):
    di_val('result_type of tensors %s' % ', '.join(abc),
           'marsql.result_type(%s)' % ', '.join(lit(np.zeros(1, x)) for x in abc),
           np.result_type(*[np.zeros(1, x) for x in abc]).name)
di_val('result_type of three dtypes', "marsql.result_type('int8', 'uint8', 'float16')",
       np.result_type(np.int8, np.uint8, np.float16).name)
di_val('result_type of four tensors', 'marsql.result_type(VARIADIC %s)'
       % tarr([np.zeros(1, 'bool'), np.zeros(1, 'uint8'), np.zeros(1, 'int16'), np.zeros(1, 'float16')]),
       np.result_type(np.bool_, np.uint8, np.int16, np.float16).name)
# numpy's docstring examples: result_type(3, arange(7, dtype='i1')) is int8
# (numpy 2), result_type('i4', 'c8') is complex128
di_val('result_type docstring int scalar', "marsql.result_type('int8:[0,1,2,3,4,5,6]'::marsql.tensor, 3)", 'int8')
di_val('result_type docstring i4 c8', "marsql.result_type('i4', 'c8')", np.result_type('i4', 'c8').name)


def nep50(dt, kind):
    k = np.dtype(dt).kind
    if kind == 'b':
        return dt
    if kind == 'i':
        return 'int64' if k == 'b' else dt
    return 'float64' if k in 'biu' else dt


for a in DI_DTYPES:
    for kind, sval in (('b', 'true'), ('i', '3'), ('i', '3::bigint'), ('f', '1.5::float8')):
        di_val('result_type(%s tensor, %s) weak' % (a, sval),
               'marsql.result_type(%s, %s)' % (lit(np.zeros(2, a)), sval), nep50(a, kind))

# can_cast over every pair and casting, from a dtype name and a tensor
for a in DI_DTYPES:
    for b in DI_DTYPES:
        for c in DI_CASTINGS:
            want = bool(np.can_cast(a, b, c))
            di_val('can_cast(%s, %s, %s)' % (a, b, c),
                   'marsql.can_cast(%s, %s, %s)' % (di_q(a), di_q(b), di_q(c)), want)
            di_val('can_cast(%s tensor, %s, %s)' % (a, b, c),
                   'marsql.can_cast(%s, %s, %s)' % (lit(np.zeros(2, a)), di_q(b), di_q(c)),
                   bool(np.can_cast(np.zeros(2, a), b, c)))
        di_val('can_cast(%s, %s) default safe' % (a, b),
               'marsql.can_cast(%s, %s)' % (di_q(a), di_q(b)), bool(np.can_cast(a, b)))
# docstring examples
for a, b, c in (('i8', 'f8', 'safe'), ('i8', 'f4', 'safe'), ('i8', 'i4', 'same_kind'),
                ('i8', 'u1', 'same_kind'), ('f8', 'i8', 'unsafe')):
    di_val('can_cast docstring %s %s %s' % (a, b, c),
           'marsql.can_cast(%s, %s, %s)' % (di_q(a), di_q(b), di_q(c)), bool(np.can_cast(a, b, c)))
E('can_cast bad casting', "marsql.can_cast('int8', 'int16', 'sometimes')", '22023',
  lambda: np.can_cast('i1', 'i2', 'sometimes'))
# an unknown dtype name: numpy's TypeError, 22023 as every dtype argument
di_err('can_cast bad dtype', "marsql.can_cast('int8', 'int128')", '22023')
di_err('promote_types bad dtype', "marsql.promote_types('int8', 'int128')", '22023')
di_err('result_type bad dtype', "marsql.result_type('int8', 'nope')", '22023')
E('result_type of nothing', "marsql.result_type(VARIADIC ARRAY[]::text[])", '22023',
  lambda: np.result_type())

# isdtype: the array API's kinds
ISDTYPE_KINDS = {
    'bool': 'b', 'signed integer': 'i', 'unsigned integer': 'u', 'integral': 'iu',
    'real floating': 'f', 'complex floating': 'c', 'numeric': 'iufc',
}
for a in DI_DTYPES:
    for kind, kinds in ISDTYPE_KINDS.items():
        di_val('isdtype(%s, %s)' % (a, kind), 'marsql.isdtype(%s, %s)' % (di_q(a), di_q(kind)),
               np.dtype(a).kind in kinds)
    for b in DI_DTYPES:
        di_val('isdtype(%s, %s)' % (a, b), 'marsql.isdtype(%s, %s)' % (di_q(a), di_q(b)), a == b)
for a in DI_DTYPES:
    for kinds in (('bool', 'real floating'), ('signed integer', 'unsigned integer'),
                  ('complex floating', 'float32'), ()):
        want = any(np.dtype(a).kind in ISDTYPE_KINDS[k] if k in ISDTYPE_KINDS else a == k
                   for k in kinds)
        di_val('isdtype(%s, %r)' % (a, kinds), "marsql.isdtype(%s, ARRAY[%s]::text[])"
               % (di_q(a), ', '.join(di_q(k) for k in kinds)), want)
di_err('isdtype bad kind in array', "marsql.isdtype('int8', ARRAY['integral', 'whole'])", '22023')
di_err('isdtype NULL kind', "marsql.isdtype('int8', ARRAY['integral', NULL])", '22004')
di_err('isdtype bad kind', "marsql.isdtype('int8', 'whole')", '22023')
di_err('isdtype bad dtype', "marsql.isdtype('int9', 'integral')", '22023')

# finfo and iinfo: every field, every dtype
FINFO_FIELDS = ('bits', 'eps', 'epsneg', 'max', 'min', 'tiny', 'smallest_normal',
                'smallest_subnormal', 'resolution', 'precision', 'nmant', 'nexp',
                'minexp', 'maxexp')
for a in DI_DTYPES:
    if np.dtype(a).kind in 'fc':
        fi = np.finfo(a)
        for f in FINFO_FIELDS:
            v = getattr(fi, f)
            want = int(v) if f in ('bits', 'precision', 'nmant', 'nexp', 'minexp', 'maxexp') \
                else float(v)
            di_val('finfo(%s).%s' % (a, f), '(marsql.finfo(%s)).%s' % (di_q(a), '"precision"'
                   if f == 'precision' else f), want)
        di_val('finfo(%s).dtype' % a, '(marsql.finfo(%s)).dtype_' % di_q(a), fi.dtype.name)
        E('iinfo(%s)' % a, '(marsql.iinfo(%s)).bits' % di_q(a), '22023', lambda a=a: np.iinfo(a))
    else:
        if a != 'bool':
            ii = np.iinfo(a)
            for f in ('bits', 'min', 'max'):
                di_val('iinfo(%s).%s' % (a, f), '(marsql.iinfo(%s)).%s' % (di_q(a), f),
                       int(getattr(ii, f)))
            di_val('iinfo(%s).dtype' % a, '(marsql.iinfo(%s)).dtype_' % di_q(a), ii.dtype.name)
        else:
            E('iinfo(bool)', "(marsql.iinfo('bool')).bits", '22023', lambda: np.iinfo(np.bool_))
        E('finfo(%s)' % a, '(marsql.finfo(%s)).bits' % di_q(a), '22023', lambda a=a: np.finfo(a))
di_err('finfo bad dtype', "(marsql.finfo('float128')).bits", '22023')
di_err('iinfo bad dtype', "(marsql.iinfo('int128')).bits", '22023')

# windows
WINDOWS = (('bartlett', np.bartlett), ('blackman', np.blackman), ('hamming', np.hamming),
           ('hanning', np.hanning))
for m in (-1, 0, 1, 2, 5, 12, 51):
    for name, fn in WINDOWS:
        T('%s(%d)' % (name, m), 'marsql.%s(%d)' % (name, m), fn(m).astype(np.float64), F64_TRIG)
    for beta in (0.0, 1.0, 5.0, 8.6, 14.0, 50.0):
        T('kaiser(%d, %r)' % (m, beta), 'marsql.kaiser(%d, %r)' % (m, beta),
          np.kaiser(m, beta).astype(np.float64), F64_TRIG)
# docstring examples
T('bartlett(12) docstring', 'marsql.bartlett(12)', np.bartlett(12), F64_TRIG)
T('kaiser(12, 14) docstring', 'marsql.kaiser(12, 14)', np.kaiser(12, 14), F64_TRIG)
T('hamming(12) docstring', 'marsql.hamming(12)', np.hamming(12), F64_TRIG)
T('kaiser(7, negative beta)', 'marsql.kaiser(7, -3.0)', np.kaiser(7, -3.0), F64_TRIG)

# copy
for a in DI_DTYPES:
    x = np.arange(6).reshape(2, 3).astype(a)
    T('copy %s' % a, 'marsql.copy(%s)' % lit(x), np.copy(x))
T('copy 0-d', "marsql.copy('float32(): 2.5'::marsql.tensor)", np.copy(np.float32(2.5)))
T('copy empty', "marsql.copy('int16(0,3):[]'::marsql.tensor)", np.copy(np.zeros((0, 3), 'int16')))

# asarray_chkfinite
for a in DI_DTYPES:
    x = np.arange(4).astype(a)
    T('asarray_chkfinite %s' % a, 'marsql.asarray_chkfinite(%s)' % lit(x), np.asarray_chkfinite(x))
for a in ('float16', 'float32', 'float64'):
    for bad in (np.nan, np.inf, -np.inf):
        x = np.array([1.0, bad, 2.0], a)
        E('asarray_chkfinite %s %r' % (a, bad), 'marsql.asarray_chkfinite(%s)' % lit(x), '22023',
          lambda x=x: np.asarray_chkfinite(x))
for a in ('complex64', 'complex128'):
    for bad in (complex(np.nan, 0), complex(0, np.inf)):
        x = np.array([1, bad], a)
        E('asarray_chkfinite %s %r' % (a, bad), 'marsql.asarray_chkfinite(%s)' % lit(x), '22023',
          lambda x=x: np.asarray_chkfinite(x))
E('asarray_chkfinite docstring', "marsql.asarray_chkfinite('[1, 2, NaN]'::marsql.tensor)", '22023',
  lambda: np.asarray_chkfinite([1, 2, np.nan]))
T('asarray_chkfinite empty', "marsql.asarray_chkfinite('float64(0):[]'::marsql.tensor)", np.zeros(0))

# ix_
IX_CASES = [
    [np.array([0, 1]), np.array([2, 4])],
    [np.array([True, True]), np.array([2, 4])],
    [np.array([0, 3], 'int8'), np.array([1], 'uint8'), np.array([False, True, True])],
    [np.array([1.5, 2.5])],
    [np.zeros(0, 'int64'), np.array([1, 2], 'int32')],
    [np.array([False, False]), np.array([2], 'int16')],
]
for i, args in enumerate(IX_CASES):
    LT('ix_ case %d' % i, 'marsql.ix_(VARIADIC %s)' % tarr(args), list(np.ix_(*args)))
E('ix_ of a 2-d tensor', "marsql.ix_('[[1,2],[3,4]]'::marsql.tensor)", '22023',
  lambda: np.ix_(np.array([[1, 2], [3, 4]])))
E('ix_ of a 0-d tensor', "marsql.ix_('int64(): 3'::marsql.tensor)", '22023',
  lambda: np.ix_(np.array(3)))

# SQLSTATEs of the SQL-only error paths (numpy has no such argument)
di_err('result_type NULL dtype', "marsql.result_type(VARIADIC ARRAY['int8', NULL])", '22004')
di_err('result_type NULL tensor', "marsql.result_type(VARIADIC ARRAY['[1]'::marsql.tensor, NULL])", '22004')
di_err('result_type 2-D array', "marsql.result_type(VARIADIC ARRAY[['int8'], ['int16']])", '22023')
di_err('result_type no tensors', "marsql.result_type(VARIADIC ARRAY[]::marsql.tensor[])", '22023')
di_err('can_cast tensor bad dtype', "marsql.can_cast('[1]'::marsql.tensor, 'int128')", '22023')
di_err('ix_ NULL tensor', "marsql.ix_(VARIADIC ARRAY['[1]'::marsql.tensor, NULL])", '22004')
di_err('ix_ 33 tensors', "marsql.ix_(VARIADIC array_fill('[1]'::marsql.tensor, ARRAY[33]))", '54000')
di_err('hanning too large', 'marsql.hanning(2000000000)', '54000')
