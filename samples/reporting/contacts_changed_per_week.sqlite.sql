-- Contacts created, changed and deleted per week (weeks start on Monday, UTC), from contacts_history
-- (SQLite: instants are ISO-8601 UTC text; date(at, 'weekday 0', '-6 days') is the Monday of at's week, as
-- YYYY-MM-DD text); see contacts_changed_per_week.sql.
WITH versions AS (
    SELECT h.id,
           h.valid_from,
           h.valid_to,
           ROW_NUMBER() OVER (PARTITION BY h.id ORDER BY h.valid_from) AS n,
           LEAD(h.valid_from) OVER (PARTITION BY h.id ORDER BY h.valid_from) AS next_from
    FROM contacts_history h
), events AS (
    SELECT v.valid_from AS at,
           CASE WHEN v.n = 1 THEN 1 ELSE 0 END AS created,
           CASE WHEN v.n > 1 THEN 1 ELSE 0 END AS changed,
           0 AS deleted
    FROM versions v
    UNION ALL
    SELECT v.valid_to, 0, 0, 1
    FROM versions v
    WHERE v.valid_to IS NOT NULL
      AND (v.next_from IS NULL OR v.next_from > v.valid_to)
)
SELECT date(e.at, 'weekday 0', '-6 days') AS week_start,
       SUM(e.created) AS created,
       SUM(e.changed) AS changed,
       SUM(e.deleted) AS deleted
FROM events e
GROUP BY date(e.at, 'weekday 0', '-6 days')
ORDER BY week_start;
