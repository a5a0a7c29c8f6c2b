-- The "bare SQL" reference of scripts/bench-http: the numbers of a commune scoreboard
-- (every commune × measure, sum and count over the period) straight from the maintained
-- roll-ups, timed on PostgreSQL (psql \timing) and SQLite (Python's sqlite3), rows fetched.
-- {year}, {first} and {last} are filled in by the script; the same text runs on both.
SELECT r.unit_id, r.measure_id,
       SUM(CASE WHEN r.month = {last} THEN r.ytd_total ELSE -r.ytd_total END),
       SUM(CASE WHEN r.month = {last} THEN r.ytd_count ELSE -r.ytd_count END)
FROM measure_rollups r JOIN units u ON u.id = r.unit_id
WHERE u.kind = 'COMMUNE' AND r.year = {year} AND r.month IN ({first} - 1, {last})
GROUP BY r.unit_id, r.measure_id
