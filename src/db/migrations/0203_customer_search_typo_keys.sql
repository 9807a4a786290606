-- Customer search (issue 4), third step: a typo lookup reads a handful of index entries instead of
-- probing ~55 one-typo variants per typed letter against the search terms (a 10-letter word cost
-- ~550 B-tree probes; 51 ms CPU at the 99th percentile on PGlite at a million customers).
--
-- A deletion neighbourhood (the idea of SymSpell), over the beginnings of name words because the
-- search matches beginnings: customer_search_typo_keys holds, for every beginning `p` (3 to 13
-- letters) of every name word of the tenant, `p` itself and `p` with one letter left out. Two
-- strings are one typo apart (a letter wrong, missing, extra, or two neighbours swapped) only if
-- they share such a key, so a typed word `w` finds every beginning that may be its correction by
-- looking up `w` and `w` with one letter left out: length(w) + 1 probes of one B-tree, each reading
-- the few beginnings that share the key. The caller keeps those really one typo away.
--
-- customer_search_words is the tenant's set of distinct name words (a-z only, 3 letters or
-- more): a customer's words are checked against it, and only words the tenant did not have yet
-- add keys, so a new customer costs a few primary-key probes. Words no live customer has any more
-- are removed when a customer's names change, or the customer is erased, deleted or merged away, and
-- with them the beginnings no remaining word has: an erased customer's rare surname does not stay
-- behind in the keys.
--
-- Both are derived data kept by the same triggers as the search terms (clienteel_insert_terms),
-- and rebuilt by clienteel_rebuild_search.

CREATE TABLE customer_search_words (
  tenant_id uuid NOT NULL,
  word text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, word)
);

CREATE TABLE customer_search_typo_keys (
  tenant_id uuid NOT NULL,
  key text COLLATE "C" NOT NULL,
  prefix text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, key, prefix)
);

-- The name words of a customer worth typo keys: each word of the names and each name as one word.
CREATE OR REPLACE FUNCTION clienteel_typo_words(first_name text, last_name text, display_name text) RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT w), '{}') FROM unnest(string_to_array(concat_ws(' ',
        clienteel_name_words(first_name), clienteel_name_words(last_name), clienteel_name_words(display_name),
        replace(clienteel_name_words(first_name), ' ', ''),
        replace(clienteel_name_words(last_name), ' ', '')), ' ')) AS w
    WHERE w ~ '^[a-z]{3,}$'
  $$;

-- The keys of a word's beginnings: every beginning of 3 to 13 letters as itself, and those of 4 to
-- 13 letters with one letter left out (not the last: that is the next shorter beginning).
CREATE OR REPLACE FUNCTION clienteel_typo_keys(word text) RETURNS TABLE (key text, prefix text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT left(word, l), left(word, l) FROM generate_series(3, least(length(word), 13)) AS l
    UNION
    SELECT left(word, i) || substr(word, i + 2, l - i - 1), left(word, l)
    FROM generate_series(4, least(length(word), 13)) AS l, generate_series(0, l - 2) AS i
  $$;

-- Words of these customers the tenant did not have yet, and their keys.
CREATE OR REPLACE FUNCTION clienteel_insert_typo_words(rows customers[]) RETURNS void
  LANGUAGE sql
  AS $$
    WITH added AS (
      INSERT INTO customer_search_words (tenant_id, word)
      SELECT DISTINCT c.tenant_id, w.word
      FROM unnest(rows) AS c
      CROSS JOIN LATERAL unnest(clienteel_typo_words(c.first_name, c.last_name, c.display_name)) AS w(word)
      WHERE c.merged_into IS NULL AND c.deleted_at IS NULL AND c.erased_at IS NULL
      ON CONFLICT DO NOTHING
      RETURNING tenant_id, word
    )
    INSERT INTO customer_search_typo_keys (tenant_id, key, prefix)
    SELECT DISTINCT a.tenant_id, k.key, k.prefix FROM added AS a CROSS JOIN LATERAL clienteel_typo_keys(a.word) AS k
    ON CONFLICT DO NOTHING;
  $$;

-- The words these customer rows had (as they were before their names changed or they left the
-- search): the ones no live customer has any more go, and the keys of beginnings no remaining word
-- starts with.
CREATE OR REPLACE FUNCTION clienteel_prune_typo_words(rows customers[]) RETURNS void
  LANGUAGE sql
  AS $$
    WITH gone AS (
      DELETE FROM customer_search_words AS w
      USING (SELECT DISTINCT c.tenant_id, x.word FROM unnest(rows) AS c
             CROSS JOIN LATERAL unnest(clienteel_typo_words(c.first_name, c.last_name, c.display_name)) AS x(word)) AS o
      WHERE w.tenant_id = o.tenant_id AND w.word = o.word
        AND NOT EXISTS (SELECT 1 FROM customer_search_terms AS t
                        WHERE t.tenant_id = w.tenant_id AND t.archived = false AND t.term = w.word)
        AND NOT EXISTS (SELECT 1 FROM customer_search_terms AS t
                        WHERE t.tenant_id = w.tenant_id AND t.archived = true AND t.term = w.word)
      RETURNING w.tenant_id, w.word
    )
    DELETE FROM customer_search_typo_keys AS k
    USING (SELECT DISTINCT gone.tenant_id, g.key, g.prefix FROM gone
           CROSS JOIN LATERAL clienteel_typo_keys(gone.word) AS g) AS d
    WHERE k.tenant_id = d.tenant_id AND k.key = d.key AND k.prefix = d.prefix
      -- The statement sees the words as they were before the DELETE above: skip the removed ones.
      AND NOT EXISTS (SELECT 1 FROM customer_search_words AS o
                      WHERE o.tenant_id = d.tenant_id AND o.word >= d.prefix AND o.word < d.prefix || chr(1114111)
                        AND (o.tenant_id, o.word) NOT IN (SELECT tenant_id, word FROM gone));
  $$;

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
    SELECT clienteel_insert_typo_words(rows);
  $$;

CREATE OR REPLACE FUNCTION clienteel_customers_search_trigger() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    changed customers[];
  BEGIN
    IF current_setting('clienteel.defer_search', true) = 'on' THEN
      RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
      PERFORM clienteel_insert_terms(ARRAY(SELECT n::customers FROM new_rows AS n), false);
      RETURN NULL;
    ELSIF TG_OP = 'DELETE' THEN
      DELETE FROM customer_search_terms AS t USING old_rows AS o
      WHERE t.tenant_id = o.tenant_id AND t.customer_id = o.id;
      PERFORM clienteel_prune_typo_words(ARRAY(SELECT o::customers FROM old_rows AS o));
      RETURN NULL;
    END IF;
    -- Only rows whose searchable data or state changed (version bumps and hashes do not count).
    changed := ARRAY(
      SELECT n::customers FROM new_rows AS n JOIN old_rows AS o ON o.tenant_id = n.tenant_id AND o.id = n.id
      WHERE (o.first_name, o.last_name, o.display_name, o.email, o.mobile, o.mobile_e164, o.landline,
             o.landline_e164, o.phone2, o.phone2_e164, o.archived_at, o.merged_into, o.deleted_at, o.erased_at)
        IS DISTINCT FROM
            (n.first_name, n.last_name, n.display_name, n.email, n.mobile, n.mobile_e164, n.landline,
             n.landline_e164, n.phone2, n.phone2_e164, n.archived_at, n.merged_into, n.deleted_at, n.erased_at));
    IF cardinality(changed) > 0 THEN
      DELETE FROM customer_search_terms AS t USING unnest(changed) AS c
      WHERE t.tenant_id = c.tenant_id AND t.customer_id = c.id;
      PERFORM clienteel_insert_terms(changed, true);
      -- The words these customers had: the ones nobody has any more go.
      PERFORM clienteel_prune_typo_words(ARRAY(
        SELECT o::customers FROM old_rows AS o JOIN unnest(changed) AS c ON c.tenant_id = o.tenant_id AND c.id = o.id));
    END IF;
    RETURN NULL;
  END
  $$;

-- All terms, words and keys of one tenant again, after a bulk load with clienteel.defer_search on.
CREATE OR REPLACE FUNCTION clienteel_rebuild_search(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    low integer := 0;
    high integer;
  BEGIN
    DELETE FROM customer_search_terms WHERE tenant_id = p_tenant;
    DELETE FROM customer_search_words WHERE tenant_id = p_tenant;
    DELETE FROM customer_search_typo_keys WHERE tenant_id = p_tenant;
    SELECT max(number) INTO high FROM customers WHERE tenant_id = p_tenant;
    WHILE low <= coalesce(high, -1) LOOP
      PERFORM clienteel_insert_terms(ARRAY(
        SELECT c FROM customers AS c WHERE c.tenant_id = p_tenant AND c.number >= low AND c.number < low + 20000), true);
      low := low + 20000;
    END LOOP;
  END
  $$;

-- Words and keys of the customers already in the database.
SELECT clienteel_insert_typo_words(ARRAY(SELECT c FROM customers AS c WHERE c.tenant_id = t.id)) FROM tenants AS t;
