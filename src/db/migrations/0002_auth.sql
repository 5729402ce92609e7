-- What sign-in needs beyond the initial model.

-- Turning on two-factor sign-in takes two steps (show the secret, confirm one code from the app), so the new
-- secret waits here until it is confirmed and never replaces a working one before that.
alter table customer_logins add column totp_pending_secret text;

-- The time step of the last accepted TOTP code: a code is accepted once, so one seen over a shoulder or
-- captured in transit cannot be replayed within its validity window.
alter table customer_logins add column totp_last_time_step bigint;
alter table staff_users add column totp_last_time_step bigint;

-- Finding a login's outstanding tokens (resending a verification link, invalidating old reset links).
create index login_tokens_login_idx on login_tokens (customer_login_id, purpose);
create index sessions_expires_idx on sessions (expires_at) where revoked_at is null;
