-- Installed by scripts/bench-http in each PostgreSQL benchmark database (idempotent).
--
-- PostGraphile serves tables and functions, not our rules, so it gets the nearest
-- equivalents of what our scoreboard and indicatorResults read: the period sums of the
-- maintained roll-ups (`measure_rollups`, year-to-date sums per unit × measure × month).
-- A period's sum is ytd(last month) − ytd(month before the first); a missing row is zero
-- (so YTD through June reads the June rows only). This is the read our scoreboard makes
-- (db::rollups::ytd_rows) before it computes rates, points and ranks in Rust; PostGraphile
-- gets the sums and nothing else, which favours it.
--
-- Both functions are STABLE and return a composite type, so PostGraphile exposes them as
-- query fields (`benchCommunePeriodSums`, `benchUnitPeriodSums`) returning a connection.

SET client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS bench_http;

-- A plain table for the "one committed INSERT" reference time; outside `public`, so
-- PostGraphile does not serve it.
CREATE TABLE IF NOT EXISTS bench_http.insert_probe (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    value integer NOT NULL
);

DROP FUNCTION IF EXISTS public.bench_commune_period_sums(integer, integer, integer);
DROP FUNCTION IF EXISTS public.bench_unit_period_sums(integer, integer, integer, integer);
DROP TYPE IF EXISTS public.bench_period_sum;

-- One unit × measure: the unit's code and name, the measure's code, the subtree sum over
-- the period and the number of values behind it.
CREATE TYPE public.bench_period_sum AS (
    unit_id integer,
    unit_code text,
    unit_name text,
    measure_code text,
    total bigint,
    count bigint
);

-- The scoreboard's numbers: every commune × measure of the database (the whole country on
-- the national database, one province on the province database).
CREATE FUNCTION public.bench_commune_period_sums(of_year integer, from_month integer, to_month integer)
RETURNS SETOF public.bench_period_sum
LANGUAGE sql STABLE AS $$
    SELECT u.id, u.code::text, u.name::text, m.code::text,
           SUM(CASE WHEN r.month = to_month THEN r.ytd_total ELSE -r.ytd_total END)::bigint,
           SUM(CASE WHEN r.month = to_month THEN r.ytd_count ELSE -r.ytd_count END)::bigint
    FROM measure_rollups r
    JOIN units u ON u.id = r.unit_id
    JOIN measures m ON m.id = r.measure_id
    WHERE u.kind = 'COMMUNE' AND r.year = of_year AND r.month IN (from_month - 1, to_month)
    GROUP BY u.id, u.code, u.name, m.code
    ORDER BY u.id, m.code
$$;

-- indicatorResults of one unit: the same sums for that unit's measures.
CREATE FUNCTION public.bench_unit_period_sums(unit integer, of_year integer, from_month integer, to_month integer)
RETURNS SETOF public.bench_period_sum
LANGUAGE sql STABLE AS $$
    SELECT u.id, u.code::text, u.name::text, m.code::text,
           SUM(CASE WHEN r.month = to_month THEN r.ytd_total ELSE -r.ytd_total END)::bigint,
           SUM(CASE WHEN r.month = to_month THEN r.ytd_count ELSE -r.ytd_count END)::bigint
    FROM measure_rollups r
    JOIN units u ON u.id = r.unit_id
    JOIN measures m ON m.id = r.measure_id
    WHERE r.unit_id = unit AND r.year = of_year AND r.month IN (from_month - 1, to_month)
    GROUP BY u.id, u.code, u.name, m.code
    ORDER BY m.code
$$;
