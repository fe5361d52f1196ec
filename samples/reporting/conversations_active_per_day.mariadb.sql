-- Conversations by the UTC day of their last activity (MariaDB: the mirror stores UTC in DATETIME(6)).
SELECT CAST(c.last_active_at AS DATE) AS active_day,
       COUNT(*)                       AS conversations
FROM conversations c
WHERE c.deleted_at IS NULL
  AND c.last_active_at IS NOT NULL
GROUP BY CAST(c.last_active_at AS DATE)
ORDER BY active_day;
