-- Customer search (issue 4): live search as staff type, over name words, e-mail, phone in any
-- written form and customer number, fast at a million customers on PGlite and PostgreSQL.
--
-- customer_search_terms holds, per live customer, the strings a search can start with: every
-- word of first, last and display name folded (lower case, accents off), a several-word first or
-- last name also as one word ("Van den Broeck" → van, den, broeck, vandenbroeck), "first last"
-- and "last first" (so "stephanie wa" is one prefix scan), the e-mail addresses (profile and
-- contact points) in lower case, and every phone as its national significant number (digits
-- without country code or trunk 0: "+32 475 88 88 88" → 475888888), so "0475 88", "+32475 88" and
-- "0032 475" all become the prefix "47588". A prefix search is one range scan of a B-tree in C
-- collation; `archived` leads the range so the archived filter needs no table read. Merged-away,
-- deleted and erased customers have no terms (their numbers still resolve through customers).
--
-- customer_search_words is the tenant's dictionary of name words with a trigram index: a typed
-- word with a typo is looked up there (distinct words, not a million rows) and expanded to the
-- words it may mean.
--
-- Both are derived data kept by triggers, so every way a customer is written (the app, imports,
-- merges, bulk loads) keeps search right in the same transaction without having to remember it.
-- They carry no foreign keys on purpose: a check per term row would double the cost of a bulk
-- load, and the triggers below remove terms with their customer.
--
-- Bulk loaders of a whole file (the benchmarks) may skip the per-statement work with
-- `SET LOCAL clienteel.defer_search = 'on'` and call clienteel_rebuild_search(tenant) once at the
-- end; everything else leaves the setting alone and search is right after every statement.

-- Sort key of the list (immutable, so it can be indexed): lower case, common accents off.
CREATE OR REPLACE FUNCTION clienteel_sort_key(last_name text, first_name text, display_name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT translate(lower(coalesce(nullif(btrim(concat_ws(' ', last_name, first_name)), ''), display_name, '')),
                     'àáâãäåāçčćèéêëēęėìíîïīłñńòóôõöøōśšùúûüūýÿžźż',
                     'aaaaaaacccceeeeeeeiiiiilnnoooooooossuuuuuyyzzz')
  $$;

-- A name folded to its words separated by single spaces ("D'Hondt-Müller" → "d hondt muller").
CREATE OR REPLACE FUNCTION clienteel_name_words(name text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(btrim(regexp_replace(lower(unaccent(name)), '[^[:alnum:]]+', ' ', 'g')), '') $$;

-- The national significant number of a phone: the country code of an E.164 number has 1, 2 or 3
-- digits and the codes are prefix-free (ITU-T E.164), so the 1- and 2-digit codes are listed and
-- the rest take three. A number that could not be read keeps its digits without leading zeros.
CREATE OR REPLACE FUNCTION clienteel_phone_nsn(e164 text, typed text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE
      WHEN e164 IS NULL OR e164 !~ '^\+[0-9]{6,}$' THEN
        nullif(ltrim(regexp_replace(typed, '[^0-9]', '', 'g'), '0'), '')
      WHEN e164 ~ '^\+[17]' THEN substr(e164, 3)
      WHEN e164 ~ '^\+(2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])' THEN substr(e164, 4)
      ELSE substr(e164, 5)
    END
  $$;

-- The search terms of a customer's own fields (contact points are added by the caller).
CREATE OR REPLACE FUNCTION clienteel_search_terms(
  first_name text, last_name text, display_name text, email text,
  mobile_e164 text, mobile text, landline_e164 text, landline text, phone2_e164 text, phone2 text
) RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT string_to_array(concat_ws(' ', clienteel_name_words(first_name), clienteel_name_words(last_name),
                                     clienteel_name_words(display_name)), ' ')
      || ARRAY[
        replace(clienteel_name_words(first_name), ' ', ''),
        replace(clienteel_name_words(last_name), ' ', ''),
        clienteel_name_words(first_name) || ' ' || clienteel_name_words(last_name),
        clienteel_name_words(last_name) || ' ' || clienteel_name_words(first_name),
        clienteel_name_words(display_name),
        lower(email),
        clienteel_phone_nsn(mobile_e164, mobile),
        clienteel_phone_nsn(landline_e164, landline),
        clienteel_phone_nsn(phone2_e164, phone2)
      ]
  $$;

-- Name words worth a typo lookup: the words of first and last name, and each as one word.
CREATE OR REPLACE FUNCTION clienteel_dictionary_words(first_name text, last_name text) RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT string_to_array(concat_ws(' ', clienteel_name_words(first_name), clienteel_name_words(last_name),
                                     replace(clienteel_name_words(first_name), ' ', ''),
                                     replace(clienteel_name_words(last_name), ' ', '')), ' ')
  $$;

CREATE OR REPLACE FUNCTION clienteel_contact_point_term(kind text, value text, normalized text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN kind = 'email' THEN lower(value) ELSE clienteel_phone_nsn(normalized, value) END $$;

CREATE TABLE customer_search_terms (
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  term text COLLATE "C" NOT NULL,
  archived boolean NOT NULL,
  PRIMARY KEY (tenant_id, customer_id, term)
);
CREATE INDEX customer_search_terms_term ON customer_search_terms (tenant_id, archived, term, customer_id);

CREATE TABLE customer_search_words (
  tenant_id uuid NOT NULL,
  word text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, word)
);
CREATE INDEX customer_search_words_trgm ON customer_search_words USING gin (word gin_trgm_ops);

-- Terms and dictionary words of these customer rows, which have no terms yet. New customers have
-- no contact points yet (they are inserted after the customer), so only edits read them.
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
    INSERT INTO customer_search_words (tenant_id, word)
    SELECT DISTINCT c.tenant_id, w.word
    FROM unnest(rows) AS c
    CROSS JOIN LATERAL unnest(clienteel_dictionary_words(c.first_name, c.last_name)) AS w(word)
    WHERE c.merged_into IS NULL AND c.deleted_at IS NULL AND c.erased_at IS NULL
      AND length(w.word) >= 3 AND w.word !~ '[0-9]'
    ON CONFLICT DO NOTHING;
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
    END IF;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION clienteel_customers_search_trigger();
CREATE TRIGGER customers_search_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clienteel_customers_search_trigger();
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION clienteel_customers_search_trigger();

-- A contact point added, changed or removed: the terms of its customers again.
CREATE OR REPLACE FUNCTION clienteel_contact_points_search_trigger() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    affected customers[];
  BEGIN
    IF current_setting('clienteel.defer_search', true) = 'on' THEN
      RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
      affected := ARRAY(SELECT c FROM customers AS c
        WHERE (c.tenant_id, c.id) IN (SELECT tenant_id, customer_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
      affected := ARRAY(SELECT c FROM customers AS c
        WHERE (c.tenant_id, c.id) IN (SELECT tenant_id, customer_id FROM old_rows));
    ELSE
      affected := ARRAY(SELECT c FROM customers AS c
        WHERE (c.tenant_id, c.id) IN (SELECT tenant_id, customer_id FROM new_rows
                                      UNION SELECT tenant_id, customer_id FROM old_rows));
    END IF;
    DELETE FROM customer_search_terms AS t USING unnest(affected) AS c
    WHERE t.tenant_id = c.tenant_id AND t.customer_id = c.id;
    PERFORM clienteel_insert_terms(affected, true);
    RETURN NULL;
  END
  $$;

CREATE TRIGGER contact_points_search_insert AFTER INSERT ON customer_contact_points
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION clienteel_contact_points_search_trigger();
CREATE TRIGGER contact_points_search_update AFTER UPDATE ON customer_contact_points
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clienteel_contact_points_search_trigger();
CREATE TRIGGER contact_points_search_delete AFTER DELETE ON customer_contact_points
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION clienteel_contact_points_search_trigger();

-- All terms of one tenant again, after a bulk load with clienteel.defer_search on.
CREATE OR REPLACE FUNCTION clienteel_rebuild_search(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    low integer := 0;
    high integer;
  BEGIN
    DELETE FROM customer_search_terms WHERE tenant_id = p_tenant;
    SELECT max(number) INTO high FROM customers WHERE tenant_id = p_tenant;
    WHILE low <= coalesce(high, -1) LOOP
      PERFORM clienteel_insert_terms(ARRAY(
        SELECT c FROM customers AS c WHERE c.tenant_id = p_tenant AND c.number >= low AND c.number < low + 20000), true);
      low := low + 20000;
    END LOOP;
  END
  $$;

-- The list without a search, sorted by name or by when customers were added.
CREATE INDEX customers_list_name ON customers (tenant_id, clienteel_sort_key(last_name, first_name, display_name), number)
  WHERE merged_into IS NULL AND deleted_at IS NULL;
CREATE INDEX customers_list_created ON customers (tenant_id, created_at, number)
  WHERE merged_into IS NULL AND deleted_at IS NULL;

-- Terms of the customers already in the database.
SELECT clienteel_rebuild_search(id) FROM tenants;
