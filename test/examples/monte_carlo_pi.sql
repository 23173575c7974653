-- Monte-Carlo pi, fanned out with marsql.map: 20 chunks of random points,
-- each chunk counted by pi_chunk in its own call, then a sum.  The
-- generator is seeded per chunk, so the fan-out gives the serial answer.
\ir pi_chunk.sql

\set chunk 200000
\timing on
-- serial: 20 calls in this backend
SELECT 4.0 * sum(pi_chunk(g, :chunk)) / (20 * :chunk) AS pi_serial
FROM generate_series(1, 20) g;
-- fan-out: the same 20 calls on background workers
SELECT 4.0 * sum(x) / (20 * :chunk) AS pi_fanout
FROM unnest(marsql.map('pi_chunk(integer,integer)',
                       (SELECT array_agg((g, :chunk) ORDER BY g) FROM generate_series(1, 20) g),
                       NULL::bigint)) x;
\timing off
