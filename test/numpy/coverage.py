#!/usr/bin/python3
"""How much of numpy's routine reference and of the array API standard marsql has.

    coverage.py [--missing] [--unmatched] [--schema marsql]

Reads the names of the functions, aggregates and operators in schema marsql
from the catalog of the database the PG* environment variables name
(PGHOST, PGPORT, PGUSER, PGDATABASE; psql on PATH, as agree.py), and counts
the names of two lists beside this script (written by make_name_lists.py,
whose headers say which version each comes from and what is in it):
    reference_names.txt   numpy's "Routines and objects by topic" pages
    array_api_names.txt   the Python array API standard's functions
A list line is one routine: its name, then the other names of the same
routine folded onto it (numpy's aliases: "max amax").  The routine is
covered when schema marsql has a function or aggregate named like any of
them, or like
  - the name without a module prefix, for linalg.*, fft.* and ndarray.*:
    marsql puts numpy.linalg's routines and the array methods in schema
    marsql under their bare names (inv for numpy.linalg.inv, flatten for
    ndarray.flatten);
  - a SQL spelling in SQL_NAMES below (each with its reason);
  - an operator in OPERATORS below (+ covers add).
A section marked "extra" in a list is counted apart, not in the headline.

Prints per section the count and percentage covered and the covered names
(how each is covered, when not by its own name); --missing adds the names
not covered, --unmatched the marsql functions no list line matched.  Ends
with `name: value unit` lines (numpy_reference_covered: N of M).  Stdlib
only; /usr/bin/python3 or any python3 >= 3.7.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# fields apart by the unit separator: operator names such as | contain '|'
PSQL = ['psql', '-X', '-q', '-tA', '-F', '\x1f', '-v', 'ON_ERROR_STOP=1']

# Module prefixes dropped when matching (see the docstring).
PREFIXES = ('linalg.', 'fft.', 'ndarray.')

# numpy name -> marsql names that provide it under another spelling, and why.
# (numpy's `where` needs no entry: the function's name is where; SQL only
# quotes it, marsql."where", as where is a reserved word.)
SQL_NAMES = {
    # marsql.tensor(real[] / double precision[] / integer[] / ... / jsonb)
    # and the casts from those arrays build a tensor from SQL data, as
    # numpy.array and numpy.asarray build an array from a Python sequence.
    'array': (['tensor'], 'tensor(...) builds a tensor from a SQL array or JSON'),
    'asarray': (['tensor'], 'tensor(...) and the array casts convert SQL data'),
    # SQL values have no views: numpy's ravel (a view when it can) and
    # ndarray.flatten (a copy) return the same values; marsql has flatten.
    'ravel': (['flatten'], 'a SQL value has no views, so ravel is flatten'),
}
# numpy.emath's functions share their names with the real ones: marsql
# spells the module with an underscore (numpy.emath.sqrt is emath_sqrt).
for _name in ('arccos', 'arcsin', 'arctanh', 'log', 'log2', 'logn', 'log10', 'power', 'sqrt'):
    SQL_NAMES['emath.' + _name] = (['emath_' + _name], 'numpy.emath.%s is emath_%s' % (_name, _name))

# SQL operator (name, kind: b binary, l prefix) -> the numpy routine it is.
# Only operators with a type of schema marsql on one side are read.
OPERATORS = {
    ('+', 'b'): 'add',
    ('-', 'b'): 'subtract',
    ('*', 'b'): 'multiply',
    ('/', 'b'): 'divide',
    ('^', 'b'): 'power',          # PostgreSQL spells power ^ (numpy's **)
    ('%', 'b'): 'remainder',
    ('@', 'b'): 'matmul',
    ('-', 'l'): 'negative',
    ('+', 'l'): 'positive',
    ('@', 'l'): 'absolute',       # PostgreSQL's prefix @ is absolute value
    ('&', 'b'): 'bitwise_and',
    ('|', 'b'): 'bitwise_or',
    ('#', 'b'): 'bitwise_xor',    # PostgreSQL spells xor #
    ('~', 'l'): 'invert',
    ('<<', 'b'): 'left_shift',
    ('>>', 'b'): 'right_shift',
}

# Comparison operators are numpy's comparison ufuncs only when they compare
# element by element, i.e. return a tensor (a mask); returning boolean they
# are whole-value orderings for btree, GROUP BY and ORDER BY, which no numpy
# routine is.  So they count only when their result type is not boolean.
COMPARISONS = {
    '=': 'equal', '<>': 'not_equal', '<': 'less', '<=': 'less_equal',
    '>': 'greater', '>=': 'greater_equal',
}


def psql(sql):
    try:
        p = subprocess.run(PSQL + ['-c', sql], capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit('coverage.py: psql is not on PATH')
    if p.returncode != 0:
        sys.exit('coverage.py: psql failed: ' + p.stderr.strip())
    return [line.split('\x1f') for line in p.stdout.splitlines() if line]


def catalog(schema):
    """{sql name: how it is there} of the functions and operators in schema."""
    names = {}
    lit = "'" + schema.replace("'", "''") + "'"
    for (name,) in psql(
            'SELECT DISTINCT p.proname FROM pg_proc p '
            'JOIN pg_namespace n ON n.oid = p.pronamespace '
            'WHERE n.nspname = %s ORDER BY 1' % lit):
        names[name] = name
    rows = psql(
        "SELECT DISTINCT o.oprname, o.oprkind, o.oprresult = 'boolean'::regtype "
        'FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace '
        'WHERE n.nspname = %s AND EXISTS ('
        ' SELECT FROM pg_type t JOIN pg_namespace tn ON tn.oid = t.typnamespace'
        ' WHERE tn.nspname = %s AND t.oid IN (o.oprleft, o.oprright)) '
        'ORDER BY 1, 2' % (lit, lit))
    operators = {}
    for opr, kind, boolean in rows:
        numpy_name = OPERATORS.get((opr, kind))
        if numpy_name is None and kind == 'b' and boolean == 'f':
            numpy_name = COMPARISONS.get(opr)
        if numpy_name:
            operators.setdefault(numpy_name, []).append(opr)
    return names, operators


def read_list(path):
    """[(section, extra, [names])] of a list file."""
    entries = []
    section, extra = None, False
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith('# section:'):
                words = line[len('# section:'):].split()
                section, extra = words[0], 'extra' in words[1:]
            elif line and not line.startswith('#'):
                if section is None:
                    sys.exit('%s: a name before the first section' % path)
                entries.append((section, extra, line.split()))
    return entries


def header(path):
    """The list's first comment lines up to the first blank comment line."""
    out = []
    with open(path) as f:
        for line in f:
            if line.strip() == '#' or not line.startswith('#'):
                break
            out.append(line.rstrip()[2:])
    return ' '.join(out)


def candidates(name):
    """(sql name, how) pairs that cover the numpy/array API name `name`."""
    out = [(name, None)]
    for prefix in PREFIXES:
        if name.startswith(prefix):
            out.append((name[len(prefix):], None))
    for bare in list(out):
        if bare[0] in SQL_NAMES:
            for sql in SQL_NAMES[bare[0]][0]:
                out.append((sql, 'as ' + sql))
    return out


def covered_by(names, functions, operators):
    """How a list line is covered ('' by its own name), or None."""
    for i, name in enumerate(names):
        for sql, how in candidates(name):
            if sql in functions:
                if how is None and i == 0 and sql == name:
                    return ''
                return how or ('as ' + sql)
    for name in names:
        for bare, _ in candidates(name):
            if bare in operators:
                return 'operator ' + ' '.join(sorted(set(operators[bare])))
    return None


def report(label, key, path, functions, operators, missing, matched):
    entries = read_list(path)
    print('== %s: %s' % (label, header(path)))
    sections = []
    for section, extra, _ in entries:
        if (section, extra) not in sections:
            sections.append((section, extra))
    totals = {False: [0, 0], True: [0, 0]}
    width = max(len(s) for s, _ in sections)
    for section, extra in sections:
        lines = [names for s, _, names in entries if s == section]
        got, lacking = [], []
        for names in lines:
            how = covered_by(names, functions, operators)
            for name in names:
                for sql, _ in candidates(name):
                    matched.add(sql)
            if how is None:
                lacking.append(names[0])
            else:
                got.append(names[0] + (' (%s)' % how if how else ''))
        totals[extra][0] += len(got)
        totals[extra][1] += len(lines)
        print('  %-*s %3d of %3d  %5.1f %%%s' % (
            width, section, len(got), len(lines), 100.0 * len(got) / len(lines),
            '  (extra)' if extra else ''))
        if got:
            print('      covered: ' + ', '.join(got))
        if missing and lacking:
            print('      missing: ' + ', '.join(lacking))
    return key, totals


def main():
    args = sys.argv[1:]
    missing = '--missing' in args
    unmatched = '--unmatched' in args
    schema = 'marsql'
    if '--schema' in args:
        i = args.index('--schema')
        if i + 1 >= len(args):
            sys.exit(__doc__)
        schema = args[i + 1]
        del args[i:i + 2]
    if any(a not in ('--missing', '--unmatched') for a in args):
        sys.exit(__doc__)
    functions, operators = catalog(schema)
    matched = set()
    results = [
        report("numpy's routine reference", 'numpy_reference',
               os.path.join(HERE, 'reference_names.txt'),
               functions, operators, missing, matched),
        report('the array API standard', 'array_api',
               os.path.join(HERE, 'array_api_names.txt'),
               functions, operators, missing, matched),
    ]
    if unmatched:
        print('== %s functions matching no list line' % schema)
        print('  ' + ', '.join(sorted(set(functions) - matched)))
    print()
    print('%s_functions: %d names' % (schema, len(functions)))
    for key, totals in results:
        got, total = totals[False]
        print('%s_covered: %d of %d' % (key, got, total))
        print('%s_covered_percent: %.1f %%' % (key, 100.0 * got / total))
        got, total = totals[True]
        if total:
            print('%s_extra_covered: %d of %d' % (key, got, total))


if __name__ == '__main__':
    main()
