"""SQLAlchemy column type (marsql.sqlalchemy.Tensor): Core and ORM."""

import asyncio
import importlib.util

import numpy as np
import pytest

sqlalchemy = pytest.importorskip(
    "sqlalchemy", reason="SQLAlchemy is not installed (Debian: python3-sqlalchemy)")

from sqlalchemy import Column, Integer, MetaData, Table, create_engine, select, text
from sqlalchemy.orm import Session, declarative_base

import marsql
from marsql.sqlalchemy import Tensor
from conftest import CASES, same

SA2 = int(sqlalchemy.__version__.split(".")[0]) >= 2


def _engines():
    out = []
    for driver, module, why in (
            ("psycopg2", "psycopg2", "psycopg2 is not installed (Debian: python3-psycopg2)"),
            ("psycopg", "psycopg", "psycopg 3 is not installed (Debian: python3-psycopg)")):
        marks = []
        if importlib.util.find_spec(module) is None:
            marks.append(pytest.mark.skip(reason=why))
        elif driver == "psycopg" and not SA2:
            marks.append(pytest.mark.skip(
                reason="SQLAlchemy %s has no psycopg 3 dialect (2.0 and later)"
                % sqlalchemy.__version__))
        out.append(pytest.param(driver, marks=marks, id=driver))
    return out


@pytest.fixture(params=_engines())
def engine(request):
    eng = create_engine("postgresql+%s://" % request.param,
                        connect_args={"options": "-c search_path=public"})
    yield eng
    eng.dispose()


def test_col_spec():
    assert Tensor().get_col_spec() == "marsql.tensor"
    assert Tensor("float32").get_col_spec() == "marsql.tensor(float32)"
    assert Tensor(np.float64).get_col_spec() == "marsql.tensor(float64)"
    assert Tensor("int8").get_col_spec() == "marsql.tensor(int8)"
    assert Tensor(np.complex64).get_col_spec() == "marsql.tensor(complex64)"
    with pytest.raises(TypeError):
        Tensor("uint64")


def test_core(engine):
    md = MetaData()
    t = Table("sa_core_items", md, Column("id", Integer, primary_key=True),
              Column("v", Tensor), Column("w", Tensor("float32")))
    md.drop_all(engine)
    md.create_all(engine)
    try:
        # every dtype, 0-d and empty values included
        keys = sorted(CASES)
        with engine.begin() as c:
            c.execute(t.insert(), [{"id": i, "v": CASES[k], "w": CASES["f64_2d"]}
                                   for i, k in enumerate(keys)])
            c.execute(t.insert(), {"id": 1000, "v": None, "w": None})
        with engine.connect() as c:
            rows = c.execute(select(t.c.id, t.c.v, t.c.w).order_by(t.c.id)).fetchall()
            for (i, v, w), k in zip(rows, keys):
                same(v, CASES[k])
                same(w, CASES["f64_2d"].astype(np.float32))   # the column's dtype
            assert rows[-1][1] is None
            # a tensor parameter in a WHERE clause
            m = CASES["f64_2d"]
            equal = [i for i, k in enumerate(keys)
                     if CASES[k].shape == m.shape and np.array_equal(CASES[k], m)]
            got = c.execute(select(t.c.id).where(t.c.v == m).order_by(t.c.id)).scalars().all()
            assert got == equal and len(equal) == 3     # C, Fortran, big-endian
            # = of another dtype: values compared exactly (int64 beyond 2^53)
            i64 = CASES["i64_extremes"]
            got = c.execute(select(t.c.id).where(t.c.v == i64)).scalars().all()
            assert got == [keys.index("i64_extremes")]
            got = c.execute(select(t.c.id).where(t.c.v == i64 + np.array([0, 0, 1], np.int64))).scalars().all()
            assert got == []
            assert c.execute(select(t.c.id).where(t.c.v == None)).scalar() == 1000  # noqa: E711
            n = c.execute(select(sqlalchemy.func.count()).where(t.c.v != CASES["f64_2d"])).scalar()
            assert n == len(keys) - len(equal)
            dtype = c.execute(text("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                                   "WHERE attrelid = 'sa_core_items'::regclass AND attname = 'w'")
                              ).scalar()
            assert dtype == "marsql.tensor(float32)"
    finally:
        md.drop_all(engine)


def test_orm(engine):
    Base = declarative_base()

    class Item(Base):
        __tablename__ = "sa_orm_items"
        id = Column(Integer, primary_key=True)
        embedding = Column(Tensor("float32"))
        ids = Column(Tensor("int64"))
        z = Column(Tensor("complex128"))
        flags = Column(Tensor(np.bool_))

    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    try:
        a = np.random.default_rng(8).standard_normal((4, 16)).astype(np.float32)
        with Session(engine) as s:
            s.add_all([Item(id=1, embedding=a), Item(id=2, embedding=a[::-1, ::2])])
            s.commit()
        with Session(engine) as s:
            item = s.get(Item, 1)
            same(item.embedding, a)
            item.embedding = np.full((2, 2), -0.0, np.float32)
            s.commit()
            same(s.get(Item, 1).embedding, np.full((2, 2), -0.0, np.float32))
            same(s.query(Item).filter(Item.id == 2).one().embedding, a[::-1, ::2])
        # other dtypes, and the ORM's change detection of them (compare_values)
        ids = np.array([2 ** 53 + 1, -2 ** 63], np.int64)
        z = np.array([complex(1, -0.0), complex(np.nan, 2)])
        with Session(engine) as s:
            item = s.get(Item, 2)
            item.ids, item.z, item.flags = ids, z, np.array([[True], [False]])
            s.commit()
        with Session(engine) as s:
            item = s.get(Item, 2)
            same(item.ids, ids)
            same(item.z, z)
            same(item.flags, np.array([[True], [False]]))
            assert not s.dirty
            item.ids = ids.copy()
            item.z = np.array([complex(1, 0.0), complex(np.nan, 2)])   # +0 for -0: a change
            s.commit()
            same(s.get(Item, 2).z, np.array([complex(1, 0.0), complex(np.nan, 2)]))
        t = Tensor()
        assert t.compare_values(z, z.copy()) and not t.compare_values(z, z.astype(np.complex64))
        assert t.compare_values(ids, ids.astype(">i8")) and not t.compare_values(ids, ids[::-1])
    finally:
        Base.metadata.drop_all(engine)


@pytest.mark.skipif(importlib.util.find_spec("asyncpg") is None,
                    reason="asyncpg is not installed (Debian: python3-asyncpg)")
@pytest.mark.skipif(importlib.util.find_spec("greenlet") is None,
                    reason="greenlet is not installed (Debian: python3-greenlet)")
def test_asyncio_asyncpg():
    from sqlalchemy.ext.asyncio import create_async_engine

    async def main():
        eng = create_async_engine("postgresql+asyncpg://",
                                  connect_args={"server_settings": {"search_path": "public"}})
        md = MetaData()
        t = Table("sa_async_items", md, Column("id", Integer, primary_key=True),
                  Column("v", Tensor))
        try:
            async with eng.begin() as c:
                await c.run_sync(md.drop_all)
                await c.run_sync(md.create_all)
                await c.execute(t.insert(), [{"id": 1, "v": CASES["f64_special"]},
                                             {"id": 2, "v": CASES["f32_empty_0x3"]}])
            async with eng.connect() as c:
                rows = (await c.execute(select(t.c.v).order_by(t.c.id))).fetchall()
                same(rows[0][0], CASES["f64_special"])
                same(rows[1][0], CASES["f32_empty_0x3"])
        finally:
            async with eng.begin() as c:
                await c.run_sync(md.drop_all)
            await eng.dispose()
    asyncio.run(main())
