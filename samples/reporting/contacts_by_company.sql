-- Live contacts per company; contacts without a company are left out.
SELECT co.id    AS company_id,
       co.name  AS company,
       COUNT(*) AS contacts
FROM contacts c
JOIN companies co ON co.id = c.company_id
WHERE c.deleted_at IS NULL
GROUP BY co.id, co.name
ORDER BY contacts DESC, company;
