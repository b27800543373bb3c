-- Every change that can end a session or change who its user is (sign-out, expiry moved, account
-- deactivated, name or e-mail changed, roles changed) is announced on channel `noi_sessions` as
-- '<city_id>:<user_id>'. Each server LISTENs and drops that user's cached sessions at once
-- (src/kernel/auth/session-cache.ts). A trigger, so that changes made outside the app count too.
CREATE OR REPLACE FUNCTION noi_notify_session_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  PERFORM pg_notify('noi_sessions', r.city_id::text || ':' || r.user_id::text);
  IF TG_OP = 'UPDATE' AND (OLD.city_id, OLD.user_id) IS DISTINCT FROM (NEW.city_id, NEW.user_id) THEN
    PERFORM pg_notify('noi_sessions', OLD.city_id::text || ':' || OLD.user_id::text);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_notify_delete AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION noi_notify_session_change();
--> statement-breakpoint
-- The app moves last_seen_at forward once a minute per active session: that alone is no news.
-- Expiry moved, or activity moved back (by hand), is.
CREATE TRIGGER sessions_notify_update AFTER UPDATE ON sessions
  FOR EACH ROW WHEN (OLD.expires_at IS DISTINCT FROM NEW.expires_at
                     OR NEW.last_seen_at < OLD.last_seen_at
                     OR (OLD.city_id, OLD.user_id) IS DISTINCT FROM (NEW.city_id, NEW.user_id))
  EXECUTE FUNCTION noi_notify_session_change();
--> statement-breakpoint
CREATE TRIGGER users_notify AFTER UPDATE OF active, email, display_name, fiscal_code, password_hash ON users
  FOR EACH ROW EXECUTE FUNCTION noi_notify_session_change();
--> statement-breakpoint
CREATE TRIGGER users_notify_delete AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION noi_notify_session_change();
--> statement-breakpoint
CREATE TRIGGER role_assignments_notify AFTER INSERT OR UPDATE OR DELETE ON role_assignments
  FOR EACH ROW EXECUTE FUNCTION noi_notify_session_change();
