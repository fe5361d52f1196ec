-- Conversations last active per day (UTC), as conversations_active_per_day.sql (SQLite: the mirror stores
-- instants as ISO-8601 UTC text, which date() reads; the day comes back as its YYYY-MM-DD text).
SELECT date(c.last_active_at) AS active_day,
       COUNT(*)               AS conversations
FROM conversations c
WHERE c.deleted_at IS NULL
  AND c.last_active_at IS NOT NULL
GROUP BY date(c.last_active_at)
ORDER BY active_day;
