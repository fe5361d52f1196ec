-- Conversations by the UTC day of their last activity (H2 and PostgreSQL; MariaDB has its own file,
-- as its DATETIME columns already hold UTC and it has no AT TIME ZONE).
SELECT CAST(c.last_active_at AT TIME ZONE 'UTC' AS DATE) AS active_day,
       COUNT(*)                                          AS conversations
FROM conversations c
WHERE c.deleted_at IS NULL
  AND c.last_active_at IS NOT NULL
GROUP BY CAST(c.last_active_at AT TIME ZONE 'UTC' AS DATE)
ORDER BY active_day;
