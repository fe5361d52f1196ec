-- Live contacts per channel (phone, email, viber, ...); contacts without one are counted as '(none)'.
SELECT COALESCE(c.channel, '(none)') AS channel,
       COUNT(*)                      AS contacts
FROM contacts c
WHERE c.deleted_at IS NULL
GROUP BY COALESCE(c.channel, '(none)')
ORDER BY contacts DESC, channel;
