-- memory_terms holds, per (persona, user), how many live memories contain each search token, and under the term ''
-- how many live memories there are. Recall reads it to choose, per word of the recent messages, between ranking
-- every match (rare words) and reading only the newest matches (common words), which bounds the rows a recall
-- touches. Statement-level triggers keep it exact on every write path (extractor, user edits and erasures, bulk
-- inserts, cascades from users); a term whose count drops to zero is removed, so an erased memory leaves none of
-- its words behind.
CREATE OR REPLACE FUNCTION memory_terms_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO memory_terms AS m (persona_id, user_id, term, df)
    SELECT persona_id, user_id, term, count(*)::int
    FROM new_rows, unnest(array_append(tsvector_to_array(search_tokens), '')) AS term
    WHERE deleted_at IS NULL
    GROUP BY 1, 2, 3
    ON CONFLICT (persona_id, user_id, term) DO UPDATE SET df = m.df + excluded.df;
    RETURN NULL;
  END IF;

  IF TG_OP = 'UPDATE' THEN
    INSERT INTO memory_terms AS m (persona_id, user_id, term, df)
    SELECT persona_id, user_id, term, sum(d)::int
    FROM (
      SELECT persona_id, user_id, term, -1 AS d
      FROM old_rows, unnest(array_append(tsvector_to_array(search_tokens), '')) AS term WHERE deleted_at IS NULL
      UNION ALL
      SELECT persona_id, user_id, term, 1
      FROM new_rows, unnest(array_append(tsvector_to_array(search_tokens), '')) AS term WHERE deleted_at IS NULL
    ) AS delta
    GROUP BY 1, 2, 3
    HAVING sum(d) <> 0
    ON CONFLICT (persona_id, user_id, term) DO UPDATE SET df = m.df + excluded.df;
  ELSE
    UPDATE memory_terms AS m SET df = m.df - gone.n
    FROM (
      SELECT persona_id, user_id, term, count(*)::int AS n
      FROM old_rows, unnest(array_append(tsvector_to_array(search_tokens), '')) AS term WHERE deleted_at IS NULL
      GROUP BY 1, 2, 3
    ) AS gone
    WHERE m.persona_id = gone.persona_id AND m.user_id = gone.user_id AND m.term = gone.term;
  END IF;

  DELETE FROM memory_terms AS m
  USING (SELECT DISTINCT persona_id, user_id, term FROM old_rows, unnest(array_append(tsvector_to_array(search_tokens), '')) AS term) AS t
  WHERE m.persona_id = t.persona_id AND m.user_id = t.user_id AND m.term = t.term AND m.df <= 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Transition tables allow one event per trigger, hence three triggers on one function.
CREATE TRIGGER memory_terms_on_insert AFTER INSERT ON memories
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_terms_sync();
--> statement-breakpoint
CREATE TRIGGER memory_terms_on_update AFTER UPDATE ON memories
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_terms_sync();
--> statement-breakpoint
CREATE TRIGGER memory_terms_on_delete AFTER DELETE ON memories
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_terms_sync();
--> statement-breakpoint
INSERT INTO memory_terms (persona_id, user_id, term, df)
SELECT persona_id, user_id, term, count(*)::int
FROM memories, unnest(array_append(tsvector_to_array(search_tokens), '')) AS term
WHERE deleted_at IS NULL
GROUP BY 1, 2, 3;
