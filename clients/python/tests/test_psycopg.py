"""psycopg 3 (sync and async) against a real server."""

import asyncio

import numpy as np
import pytest

psycopg = pytest.importorskip(
    "psycopg", reason="psycopg 3 is not installed (Debian: python3-psycopg)")

import marsql
import marsql.psycopg
from conftest import CASES, same


@pytest.fixture
def conn():
    with psycopg.connect("", autocommit=True) as c:
        # the types are found by schema, not through search_path
        c.execute("SET search_path = public")
        marsql.psycopg.register_tensor(c)
        yield c


@pytest.mark.parametrize("param", ["%s", "%b", "%t"])
@pytest.mark.parametrize("binary", [False, True])
def test_round_trip(conn, case, param, binary):
    got = conn.execute("SELECT " + param, [case], binary=binary).fetchone()[0]
    same(got, case)


def test_percent_s_sends_binary_by_default(conn):
    from psycopg.adapt import PyFormat
    from psycopg.pq import Format
    assert conn.adapters.get_dumper(np.ndarray, PyFormat.AUTO).format == Format.BINARY
    with psycopg.connect("", autocommit=True) as c:
        marsql.psycopg.register_tensor(c, format="text")
        assert c.adapters.get_dumper(np.ndarray, PyFormat.AUTO).format == Format.TEXT


def test_server_reads_the_same_value(conn, case):
    # the server's own binary form of what it received, text and binary
    for param in ("%b", "%t"):
        got = conn.execute("SELECT marsql.to_binary(%s)" % param, [case]).fetchone()[0]
        assert got == marsql.encode_binary(case), param


def test_server_values(conn):
    row = conn.execute("SELECT '[[1,2],[3,4]]'::marsql.tensor, "
                       "'float32:[NaN,-Infinity]'::marsql.tensor, "
                       "marsql.zeros('{0,3}'), '7'::marsql.tensor, NULL::marsql.tensor"
                       ).fetchone()
    same(row[0], np.array([[1.0, 2], [3, 4]]))
    same(row[1], np.array([np.nan, -np.inf], np.float32))
    same(row[2], np.zeros((0, 3)))
    same(row[3], np.array(7.0))
    assert row[4] is None


def test_table_and_typmod(conn):
    conn.execute("CREATE TEMP TABLE pt (id int, v marsql.tensor, w marsql.tensor(float32))")
    a = np.random.default_rng(1).standard_normal((3, 4))
    conn.execute("INSERT INTO pt VALUES (1, %s, %s)", [a, a])
    for binary in (False, True):
        v, w = conn.execute("SELECT v, w FROM pt", binary=binary).fetchone()
        same(v, a)
        same(w, a.astype(np.float32))
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO pt VALUES (%s, %s, NULL)",
                        [(i, np.full(i, float(i))) for i in range(2, 6)])
    got = conn.execute("SELECT marsql.size(v) FROM pt WHERE id > 1 ORDER BY id").fetchall()
    assert [r[0] for r in got] == [2, 3, 4, 5]


@pytest.mark.parametrize("binary", [False, True])
def test_tensor_array(conn, binary):
    a, b = CASES["f32_special"], CASES["f64_2d"]
    got = conn.execute("SELECT %s::marsql.tensor[]", [[a, b, None]], binary=binary).fetchone()[0]
    assert len(got) == 3 and got[2] is None
    same(got[0], a)
    same(got[1], b)
    got = conn.execute("SELECT ARRAY['[1]'::marsql.tensor, 'float32:[[2]]']",
                       binary=binary).fetchone()[0]
    same(got[0], np.array([1.0]))
    same(got[1], np.array([[2.0]], np.float32))


def test_copy_binary(conn):
    conn.execute("CREATE TEMP TABLE pc (id int, v marsql.tensor)")
    rows = [(i, CASES[k]) for i, k in enumerate(sorted(CASES))]
    with conn.cursor() as cur:
        with cur.copy("COPY pc (id, v) FROM STDIN (FORMAT binary)") as copy:
            copy.set_types(["int4", "marsql.tensor"])
            for r in rows:
                copy.write_row(r)
        got = []
        with cur.copy("COPY (SELECT id, v FROM pc ORDER BY id) TO STDOUT (FORMAT binary)") as copy:
            copy.set_types(["int4", "marsql.tensor"])
            while (row := copy.read_row()) is not None:
                got.append(row)
    assert len(got) == len(rows)
    for (i, want), (j, v) in zip(rows, got):
        assert i == j
        same(v, want)


def test_text_format_registration():
    with psycopg.connect("", autocommit=True) as c:
        marsql.psycopg.register_tensor(c, format="text")
        a = CASES["f32_special"]
        # %s now sends the text form: the parameter arrives as text
        typ = c.execute("SELECT pg_typeof(%s)::text, %s", [a, a]).fetchone()[0]
        # a SQL_ASCII database (a cluster made without a locale) gives bytes
        assert (typ.decode() if isinstance(typ, bytes) else typ) == "marsql.tensor"
        same(c.execute("SELECT %s", [a]).fetchone()[0], a)
        with pytest.raises(ValueError):
            marsql.psycopg.register_tensor(c, format="json")


def test_invalid_arrays_are_refused(conn):
    for bad in (np.array([1, 2], np.uint64), np.array([None, 1.0], object)):
        with pytest.raises(TypeError, match="cannot send an array of dtype"):
            conn.execute("SELECT %s", [bad])
    # the connection stays usable
    assert conn.execute("SELECT 1").fetchone()[0] == 1


def test_chunked_handle(conn):
    a = np.random.default_rng(3).standard_normal((7, 10)).astype(np.float32)
    ct = conn.execute("SELECT marsql.chunk(%s, '{3,4}')", [a]).fetchone()[0]
    assert isinstance(ct, marsql.ChunkedTensor)
    assert ct.shape == (7, 10) and ct.tile_shape == (3, 4) and ct.dtype == np.float32
    same(ct.to_numpy(), a)
    # the handle goes back to the server as a parameter
    n = conn.execute("SELECT marsql.ntiles(%s::marsql.chunked_tensor)", [str(ct)]).fetchone()[0]
    assert n == 9
    with pytest.raises(TypeError, match="to_numpy"):
        asyncio.run(ct.to_numpy_async())


def test_chunked_binary_cursor(conn):
    # chunked_tensor has binary I/O: a binary cursor gets the same handle,
    # its storage schema-qualified (pg_temp for a temporary array)
    a = np.arange(12.0).reshape(3, 4)
    ct = conn.execute("SELECT marsql.chunk(%s, '{2,4}')", [a], binary=True).fetchone()[0]
    assert isinstance(ct, marsql.ChunkedTensor)
    assert ct.storage.startswith("pg_temp.")
    assert ct.shape == (3, 4) and ct.tile_shape == (2, 4) and ct.dtype == np.float64
    same(ct.to_numpy(), a)
    with conn.cursor(binary=True) as cur:
        cur.execute("SELECT marsql.chunked_tensor(marsql.storage(%s::marsql.chunked_tensor))",
                    [str(ct)])
        assert cur.fetchone()[0].shape == (3, 4)


def test_chunked_named_and_quoted(conn):
    a = np.random.default_rng(9).standard_normal((5, 5, 3))
    conn.execute("CREATE SCHEMA IF NOT EXISTS \"Client Tests\"")
    try:
        ct = conn.execute("""SELECT marsql.chunk(%s, '{2,3,2}', '"Client Tests"."My Array"')""",
                          [a]).fetchone()[0]
        assert ct.storage == '"Client Tests"."My Array"'
        assert ct.tile_shape == (2, 3, 2)
        same(ct.to_numpy(), a)
        again = conn.execute("""SELECT marsql.chunked_tensor('"Client Tests"."My Array"')"""
                             ).fetchone()[0]
        assert again == ct
        same(again.to_numpy(), a)
    finally:
        conn.execute("DROP SCHEMA \"Client Tests\" CASCADE")


def test_chunked_in_a_transaction():
    with psycopg.connect("") as c:            # not autocommit: a savepoint
        marsql.psycopg.register_tensor(c)
        a = np.arange(20.0).reshape(4, 5)
        ct = c.execute("SELECT marsql.chunk(%s, '{2,2}')", [a]).fetchone()[0]
        same(ct.to_numpy(), a)
        out = np.empty((4, 5))
        assert ct.to_numpy(out=out) is out
        c.rollback()


def test_missing_extension_is_a_clear_error():
    with psycopg.connect("", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS marsql_client_noext")
        admin.execute("CREATE DATABASE marsql_client_noext")
    try:
        with psycopg.connect("dbname=marsql_client_noext") as c:
            with pytest.raises(LookupError, match="CREATE EXTENSION marsql"):
                marsql.psycopg.register_tensor(c)
            # no error reached the server: the transaction goes on
            assert c.execute("SELECT 1").fetchone()[0] == 1

        async def main():
            async with await psycopg.AsyncConnection.connect("dbname=marsql_client_noext") as c:
                with pytest.raises(LookupError, match="CREATE EXTENSION marsql"):
                    await marsql.psycopg.register_tensor_async(c)
        asyncio.run(main())
    finally:
        with psycopg.connect("", autocommit=True) as admin:
            admin.execute("DROP DATABASE marsql_client_noext")


def test_async():
    async def main():
        async with await psycopg.AsyncConnection.connect("", autocommit=True) as c:
            await marsql.psycopg.register_tensor_async(c)
            for k in sorted(CASES):
                for binary in (False, True):
                    cur = await c.execute("SELECT %s", [CASES[k]], binary=binary)
                    same((await cur.fetchone())[0], CASES[k])
            a = np.random.default_rng(4).standard_normal((5, 3))
            cur = await c.execute("SELECT marsql.chunk(%s, '{2,2}')", [a])
            ct = (await cur.fetchone())[0]
            same(await ct.to_numpy_async(), a)
            with pytest.raises(TypeError, match="to_numpy_async"):
                ct.to_numpy()
    asyncio.run(main())
