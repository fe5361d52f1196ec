-- Contacts created, changed and deleted per week (weeks start on Monday, UTC), from contacts_history: a
-- record's first version is its creation, each later one a change, and a version closed without a successor at
-- that instant a delete. (PostgreSQL and H2; MariaDB has its own file.)
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
SELECT CAST(DATE_TRUNC('week', e.at AT TIME ZONE 'UTC') AS DATE) AS week_start,
       SUM(e.created) AS created,
       SUM(e.changed) AS changed,
       SUM(e.deleted) AS deleted
FROM events e
GROUP BY CAST(DATE_TRUNC('week', e.at AT TIME ZONE 'UTC') AS DATE)
ORDER BY week_start;
