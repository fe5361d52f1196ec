-- Live contacts and their total lifetime value per tier, from contacts_wide: cf_tier (a select field, so text)
-- and cf_lifetime_value (a number field, so numeric) are typed columns; no pivot, no cast.
SELECT COALESCE(w.cf_tier, '(none)')        AS tier,
       COUNT(*)                             AS contacts,
       COALESCE(SUM(w.cf_lifetime_value), 0) AS lifetime_value
FROM contacts_wide w
WHERE w.deleted_at IS NULL
GROUP BY COALESCE(w.cf_tier, '(none)')
ORDER BY lifetime_value DESC, tier;
