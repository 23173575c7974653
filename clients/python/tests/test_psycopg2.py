"""psycopg2 against a real server."""

import numpy as np
import pytest

psycopg2 = pytest.importorskip(
    "psycopg2", reason="psycopg2 is not installed (Debian: python3-psycopg2)")

import marsql
import marsql.psycopg2
from conftest import CASES, same


@pytest.fixture(params=["binary", "text"])
def conn(request):
    c = psycopg2.connect("")
    c.autocommit = True
    with c.cursor() as cur:
        cur.execute("SET search_path = public")
    marsql.psycopg2.register_tensor(c, format=request.param)
    yield c
    c.close()
    marsql.psycopg2.register_tensor(psycopg2.connect(""))   # back to binary


def one(conn, sql, params=None):
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()


def test_round_trip(conn, case):
    same(one(conn, "SELECT %s", [case])[0], case)
    assert bytes(one(conn, "SELECT marsql.to_binary(%s)", [case])[0]) == marsql.encode_binary(case)


def test_binary_results_through_to_binary(conn, case):
    got = one(conn, "SELECT marsql.to_binary(%s)", [case])[0]
    same(marsql.decode_binary(got), case)


def test_table_null_and_array(conn):
    with conn.cursor() as cur:
        cur.execute("CREATE TEMP TABLE p2 (id int, v marsql.tensor(float32))")
        a = np.random.default_rng(2).standard_normal((3, 3))
        cur.executemany("INSERT INTO p2 VALUES (%s, %s)", [(1, a), (2, None)])
        cur.execute("SELECT v FROM p2 ORDER BY id")
        rows = cur.fetchall()
    same(rows[0][0], a.astype(np.float32))
    assert rows[1][0] is None
    got = one(conn, "SELECT %s", [[CASES["f32_special"], CASES["f64_0d"]]])[0]
    same(got[0], CASES["f32_special"])
    same(got[1], CASES["f64_0d"])
    got = one(conn, "SELECT ARRAY['[1]'::marsql.tensor, NULL, 'float32(0,2):[]']")[0]
    same(got[0], np.array([1.0]))
    assert got[1] is None
    same(got[2], np.zeros((0, 2), np.float32))


def test_invalid_arrays_are_refused(conn):
    with conn.cursor() as cur:
        with pytest.raises(TypeError, match="cannot send an array of dtype <U1"):
            cur.execute("SELECT %s", [np.array(["a"])])
    assert one(conn, "SELECT 1")[0] == 1


@pytest.mark.parametrize("autocommit", [True, False])
def test_chunked_handle(autocommit):
    c = psycopg2.connect("")
    c.autocommit = autocommit
    try:
        marsql.psycopg2.register_tensor(c)
        a = np.random.default_rng(5).standard_normal((9, 4))
        ct = one(c, "SELECT marsql.chunk(%s, '{4,3}')", [a])[0]
        assert isinstance(ct, marsql.ChunkedTensor) and ct.shape == (9, 4)
        same(ct.to_numpy(), a)
        assert one(c, "SELECT marsql.ntiles(%s::marsql.chunked_tensor)", [str(ct)])[0] == 6
    finally:
        c.close()


def test_register_on_a_cursor():
    c = psycopg2.connect("")
    try:
        cur = c.cursor()
        marsql.psycopg2.register_tensor(cur)
        cur.execute("SELECT 'float32:[1.5]'::marsql.tensor")
        same(cur.fetchone()[0], np.array([1.5], np.float32))
        other = c.cursor()          # registered on the first cursor only
        other.execute("SELECT '[1]'::marsql.tensor")
        assert other.fetchone()[0] == "[1]"
    finally:
        c.close()


def test_missing_extension_is_a_clear_error():
    admin = psycopg2.connect("")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS marsql_client_noext2")
        cur.execute("CREATE DATABASE marsql_client_noext2")
    try:
        c = psycopg2.connect("dbname=marsql_client_noext2")
        with pytest.raises(LookupError, match="CREATE EXTENSION marsql"):
            marsql.psycopg2.register_tensor(c)
        c.close()
    finally:
        with admin.cursor() as cur:
            cur.execute("DROP DATABASE marsql_client_noext2")
        admin.close()
