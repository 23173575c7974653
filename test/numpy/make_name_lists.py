#!/usr/bin/python3
"""Regenerate reference_names.txt and array_api_names.txt from the sources.

    make_name_lists.py NUMPY_CHECKOUT NUMPY_REV ARRAY_API_CHECKOUT ARRAY_API_REV

reads, with `git show REV:PATH` (no work tree needed), the autosummary
entries of numpy's "Routines and objects by topic" pages
(doc/source/reference/routines.*.rst, and numpy/fft/__init__.py for the fft
page, which is an automodule) and of the array API standard's
spec/2023.12/API_specification/*.rst and spec/2023.12/extensions/*.rst, and
writes the two lists beside this script.  Only the routine names are taken
(and the pages' section headings as comments), never documentation text.
coverage.py reads the lists; see its docstring for how they are counted.
"""

import os
import re
import subprocess
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))

# numpy topic pages, in the order of doc/source/reference/routines.rst.
# 'count': in the headline number; 'extra': listed and counted apart.
NUMPY_PAGES = [
    ('array-creation', 'count'),
    ('array-manipulation', 'count'),
    ('bitwise', 'count'),
    ('emath', 'extra'),
    ('fft', 'count'),
    ('indexing', 'count'),
    ('linalg', 'count'),
    ('logic', 'count'),
    ('math', 'count'),
    ('set', 'count'),
    ('sort', 'count'),
    ('statistics', 'count'),
    ('window', 'extra'),
]

# numpy's own aliases: the same object under two names (numpy/_core/__init__.py,
# numpy/_core/numeric.py, numpy/_core/fromnumeric.py, the ufunc docstrings and
# numpy/linalg/_linalg.py say so).  alias -> canonical name.
NUMPY_ALIASES = {
    'acos': 'arccos', 'acosh': 'arccosh', 'asin': 'arcsin',
    'asinh': 'arcsinh', 'atan': 'arctan', 'atanh': 'arctanh',
    'atan2': 'arctan2', 'concat': 'concatenate',
    'bitwise_left_shift': 'left_shift', 'bitwise_right_shift': 'right_shift',
    'bitwise_invert': 'invert', 'bitwise_not': 'invert',
    'permute_dims': 'transpose', 'pow': 'power', 'abs': 'absolute',
    'conj': 'conjugate', 'true_divide': 'divide', 'mod': 'remainder',
    'amax': 'max', 'amin': 'min', 'around': 'round',
    'linalg.matrix_transpose': 'matrix_transpose',
}

# array API pages of 2023.12 (the headline list is the main namespace and the
# linalg extension: 146 names; fft is an extra).  The array object's
# attributes and operators, constants, dtype objects, the inspection
# namespace and __array_api_version__ are no functions and are left out.
API_VERSION = '2023.12'
API_PAGES = [
    ('API_specification/creation_functions', 'creation', '', 'count'),
    ('API_specification/data_type_functions', 'data_type', '', 'count'),
    ('API_specification/elementwise_functions', 'elementwise', '', 'count'),
    ('API_specification/indexing_functions', 'indexing', '', 'count'),
    ('API_specification/linear_algebra_functions', 'linear_algebra', '', 'count'),
    ('API_specification/manipulation_functions', 'manipulation', '', 'count'),
    ('API_specification/searching_functions', 'searching', '', 'count'),
    ('API_specification/set_functions', 'set', '', 'count'),
    ('API_specification/sorting_functions', 'sorting', '', 'count'),
    ('API_specification/statistical_functions', 'statistical', '', 'count'),
    ('API_specification/utility_functions', 'utility', '', 'count'),
    ('extensions/linear_algebra_functions', 'linalg_extension', 'linalg.', 'count'),
    ('extensions/fourier_transform_functions', 'fft_extension', 'fft.', 'extra'),
]


def git_show(repo, rev, path):
    return subprocess.run(['git', '-C', repo, 'show', f'{rev}:{path}'],
                          check=True, capture_output=True, text=True).stdout


def autosummary(text):
    """[(heading, module, name)] of every autosummary entry, in order."""
    lines = text.splitlines()
    out = []
    heading = module = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r'\.\. currentmodule:: (\S+)', line)
        if m:
            module = m.group(1)
        if (i + 1 < len(lines) and line.strip() and not line.startswith('..')
                and re.match(r'^[-=~^*]{3,}\s*$', lines[i + 1])):
            heading = line.strip()
        if re.match(r'\s*\.\. autosummary::', line):
            i += 1
            while i < len(lines) and (not lines[i].strip()
                                      or re.match(r'^\s+\S', lines[i])):
                s = lines[i].strip()
                if s and not s.startswith(':'):
                    out.append((heading, module, s.split()[0]))
                i += 1
            continue
        i += 1
    return out


def numpy_list(repo, rev):
    described = subprocess.run(['git', '-C', repo, 'rev-parse', rev + '^{commit}'],
                               check=True, capture_output=True, text=True).stdout.strip()
    seen = set()
    listed = set()
    for page, kind in NUMPY_PAGES:
        if page == 'fft':
            continue
        listed |= {n for h, m, n in autosummary(git_show(
            repo, rev, f'doc/source/reference/routines.{page}.rst'))}
    out = [
        "# numpy's routine names, from numpy's reference \"Routines and objects by",
        f'# topic\" (doc/source/reference/routines.*.rst) at numpy {rev}',
        f'# (commit {described}), written by make_name_lists.py.',
        '#',
        '# One line per routine: the name, then numpy\'s aliases of it (the same',
        '# object under another name, e.g. "max amax"), folded onto it; an alias',
        '# numpy defines but the pages do not list (abs, bitwise_not) is folded too.',
        '# A name listed on more than one page is kept on the first one, in the',
        '# order of routines.rst.  Everything a counted page lists is kept, classes,',
        '# methods and exceptions included (ndarray.T, nditer, linalg.LinAlgError).',
        '#',
    ] + textwrap.wrap(
        'Pages counted (the headline number): '
        + ', '.join(p for p, k in NUMPY_PAGES if k == 'count')
        + '.  Listed as "extra" and counted apart: '
        + ', '.join(p for p, k in NUMPY_PAGES if k == 'extra')
        + '.  Left out: the pages whose routines act on Python objects and'
        ' machinery or on non-numeric arrays, not on numeric array values:'
        ' strings and char (string arrays), datetime (datetime64 business'
        ' days), dtype (Python dtype objects), err and exceptions (Python'
        ' error state), functional (Python callables), io (files and Python'
        ' streams), ma (the masked array class), other (buffers,'
        ' configuration), polynomials (Python classes), random (Generator'
        ' objects, a reference of its own), testing, constants.',
        width=78, initial_indent='# ', subsequent_indent='# ') + [
        '#',
        '# Format for coverage.py: "# section: NAME" starts a section ("extra"',
        '# after it: not in the headline count); "#   -- heading" lines are the',
        '# page\'s own headings; other "#" lines are comments.',
    ]
    for page, kind in NUMPY_PAGES:
        if page == 'fft':
            text = git_show(repo, rev, 'numpy/fft/__init__.py')
        else:
            text = git_show(repo, rev, f'doc/source/reference/routines.{page}.rst')
        out.append('')
        out.append(f'# section: {page}' + (' extra' if kind == 'extra' else ''))
        last = None
        for heading, module, name in autosummary(text):
            prefix = ''
            if module and module != 'numpy':
                prefix = module[len('numpy.'):] + '.'
            name = prefix + name
            if name in NUMPY_ALIASES or name in seen:
                if name in NUMPY_ALIASES and NUMPY_ALIASES[name] not in listed:
                    sys.exit(f'{name}: alias of unlisted {NUMPY_ALIASES[name]}')
                continue
            seen.add(name)
            if heading != last and heading:
                out.append(f'#   -- {heading}')
                last = heading
            out.append(' '.join([name] + aliases_of(name)))
    return out


def aliases_of(name):
    return sorted(a for a, c in NUMPY_ALIASES.items() if c == name)


def numpy_names_of(name):
    """numpy's other names for the object numpy calls `name` (its aliases)."""
    canonical = NUMPY_ALIASES.get(name, name)
    return sorted(({canonical} | set(aliases_of(canonical))) - {name})


def api_list(repo, rev):
    described = subprocess.run(['git', '-C', repo, 'rev-parse', rev + '^{commit}'],
                               check=True, capture_output=True, text=True).stdout.strip()
    out = [
        f'# The Python array API standard {API_VERSION}: its function names, from',
        f'# spec/{API_VERSION}/API_specification/*.rst and spec/{API_VERSION}/extensions/*.rst',
        f'# of the standard\'s repository at commit {described},',
        '# written by make_name_lists.py.',
        '#',
        '# Counted (the headline number): the main namespace\'s functions and the',
        '# linalg extension (linalg.NAME); the extension\'s matmul, matrix_transpose,',
        '# tensordot and vecdot are the main namespace\'s functions and are folded',
        '# onto them.  Extra (counted apart): the fft extension.  Left out: the',
        '# array object\'s attributes and operators, constants, dtype objects, the',
        '# inspection namespace, __array_api_version__.',
        "# numpy's other names for the same function (numpy 2 defines most of the",
        "# standard's names as aliases of its own) are folded onto the line, e.g.",
        '# "acos arccos", "max amax".',
        '#',
        '# Format: as reference_names.txt ("# section: NAME [extra]").',
    ]
    main = set()
    for path, section, prefix, kind in API_PAGES:
        text = git_show(repo, rev, f'spec/{API_VERSION}/{path}.rst')
        out.append('')
        out.append(f'# section: {section}' + (' extra' if kind == 'extra' else ''))
        for heading, module, name in autosummary(text):
            if not prefix:
                main.add(name)
            elif name in main:
                # the extension's copy of a main-namespace function
                for i, line in enumerate(out):
                    if (line.split()[:1] == [name]
                            and prefix + name not in line.split()):
                        out[i] = line + ' ' + prefix + name
                continue
            out.append(' '.join([prefix + name] + numpy_names_of(prefix + name)))
    return out


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    np_repo, np_rev, api_repo, api_rev = sys.argv[1:]
    with open(os.path.join(HERE, 'reference_names.txt'), 'w') as f:
        f.write('\n'.join(numpy_list(np_repo, np_rev)) + '\n')
    with open(os.path.join(HERE, 'array_api_names.txt'), 'w') as f:
        f.write('\n'.join(api_list(api_repo, api_rev)) + '\n')


if __name__ == '__main__':
    main()
