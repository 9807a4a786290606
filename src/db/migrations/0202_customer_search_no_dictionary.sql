-- Customer search (issue 4), second step: typo tolerance no longer needs a dictionary of name
-- words. A typed word's one-typo variants (about 55 per letter) are checked against the search
-- terms themselves with one B-tree probe each, which costs the same at any file size, whereas
-- trigram look-ups in the dictionary read tens of thousands of entries for common beginnings
-- ("van…" in Flanders) at a million customers. Dropping it also takes a GIN index off every write.

CREATE OR REPLACE FUNCTION clienteel_insert_terms(rows customers[], with_contact_points boolean) RETURNS void
  LANGUAGE sql
  AS $$
    INSERT INTO customer_search_terms (tenant_id, customer_id, term, archived)
    SELECT DISTINCT c.tenant_id, c.id, t.term, c.archived_at IS NOT NULL
    FROM unnest(rows) AS c
    CROSS JOIN LATERAL unnest(clienteel_search_terms(
      c.first_name, c.last_name, c.display_name, c.email, c.mobile_e164, c.mobile,
      c.landline_e164, c.landline, c.phone2_e164, c.phone2)) AS t(term)
    WHERE c.merged_into IS NULL AND c.deleted_at IS NULL AND c.erased_at IS NULL
      AND t.term IS NOT NULL AND t.term <> ''
    UNION
    SELECT c.tenant_id, c.id, clienteel_contact_point_term(p.kind, p.value, p.normalized), c.archived_at IS NOT NULL
    FROM unnest(rows) AS c
    JOIN customer_contact_points AS p ON p.tenant_id = c.tenant_id AND p.customer_id = c.id
    WHERE with_contact_points
      AND c.merged_into IS NULL AND c.deleted_at IS NULL AND c.erased_at IS NULL
      AND clienteel_contact_point_term(p.kind, p.value, p.normalized) <> '';
  $$;

DROP TABLE customer_search_words;
DROP FUNCTION clienteel_dictionary_words(text, text);
