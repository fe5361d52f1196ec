-- Members per live group, largest first; a group without members shows 0.
SELECT g.id               AS group_id,
       g.name             AS group_name,
       COUNT(m.member_key) AS members
FROM chat_groups g
LEFT JOIN group_members m ON m.group_id = g.id
WHERE g.deleted_at IS NULL
GROUP BY g.id, g.name
ORDER BY members DESC, group_name;
