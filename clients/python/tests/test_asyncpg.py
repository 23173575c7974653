"""asyncpg against a real server."""

import asyncio

import numpy as np
import pytest

asyncpg = pytest.importorskip(
    "asyncpg", reason="asyncpg is not installed (Debian: python3-asyncpg)")

import marsql
import marsql.asyncpg
from conftest import CASES, same


def run(fn, format="binary"):
    async def main():
        conn = await asyncpg.connect(server_settings={"search_path": "public"})
        try:
            await marsql.asyncpg.register_tensor(conn, format=format)
            await fn(conn)
        finally:
            await conn.close()
    asyncio.run(main())


@pytest.mark.parametrize("format", ["binary", "text"])
def test_round_trip(format):
    async def fn(conn):
        for k in sorted(CASES):
            same(await conn.fetchval("SELECT $1::marsql.tensor", CASES[k]), CASES[k])
            got = await conn.fetchval("SELECT marsql.to_binary($1)", CASES[k])
            assert got == marsql.encode_binary(CASES[k]), k
        assert await conn.fetchval("SELECT NULL::marsql.tensor") is None
    run(fn, format)


@pytest.mark.parametrize("format", ["binary", "text"])
def test_table_array_and_copy(format):
    async def fn(conn):
        await conn.execute("CREATE TEMP TABLE pa (id int, v marsql.tensor)")
        keys = sorted(CASES)
        records = [(i, CASES[k]) for i, k in enumerate(keys)]
        if format == "binary":      # binary COPY needs the binary codec
            await conn.copy_records_to_table("pa", records=records)
        else:
            await conn.executemany("INSERT INTO pa VALUES ($1, $2)", records)
        await conn.executemany("INSERT INTO pa VALUES ($1, $2)", [(100, CASES["f64_2d"])])
        rows = await conn.fetch("SELECT id, v FROM pa ORDER BY id")
        assert len(rows) == len(keys) + 1
        for (i, v), k in zip(rows, keys):
            same(v, CASES[k])
        arr = await conn.fetchval("SELECT $1::marsql.tensor[]", marsql.asyncpg.tensor_array(
            [CASES["f32_special"], None, CASES["f64_5d"]], format))
        same(arr[0], CASES["f32_special"])
        assert arr[1] is None
        same(arr[2], CASES["f64_5d"])
    run(fn, format)


def test_invalid_arrays_are_refused():
    async def fn(conn):
        with pytest.raises((TypeError, asyncpg.DataError), match="cannot send an array of dtype uint64"):
            await conn.fetchval("SELECT $1::marsql.tensor", np.array([1, 2], np.uint64))
        assert await conn.fetchval("SELECT 1") == 1
    run(fn)


def test_chunked_handle():
    async def fn(conn):
        a = np.random.default_rng(6).standard_normal((5, 6)).astype(np.float32)
        ct = await conn.fetchval("SELECT marsql.chunk($1, '{2,4}')", a)
        assert isinstance(ct, marsql.ChunkedTensor) and ct.tile_shape == (2, 4)
        same(await ct.to_numpy_async(), a)
        async with conn.transaction():          # inside a transaction too
            same(await ct.to_numpy_async(), a)
        assert await conn.fetchval("SELECT marsql.ntiles($1)", ct) == 6
    run(fn)


def test_missing_extension_is_a_clear_error():
    async def main():
        admin = await asyncpg.connect()
        await admin.execute("DROP DATABASE IF EXISTS marsql_client_noext3")
        await admin.execute("CREATE DATABASE marsql_client_noext3")
        try:
            c = await asyncpg.connect(database="marsql_client_noext3")
            with pytest.raises(LookupError, match="CREATE EXTENSION marsql"):
                await marsql.asyncpg.register_tensor(c)
            await c.close()
        finally:
            await admin.execute("DROP DATABASE marsql_client_noext3")
            await admin.close()
    asyncio.run(main())
