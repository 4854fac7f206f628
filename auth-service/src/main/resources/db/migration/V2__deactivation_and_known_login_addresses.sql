-- Admins deactivate accounts instead of deleting them: the row stays (other services keep the user's history),
-- but a deactivated account cannot sign in, refresh, or appear in the public lists.
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;

-- login_throttle keys are now 'pair:<account>|<ip>', 'address:<ip>' and 'account:<account>' (see LoginThrottle).
-- Addresses an account signed in from successfully: exempt from the account-wide failure limit for a while, so
-- guesses spread over many addresses cannot lock the owner out of their usual networks.
CREATE TABLE login_known_address (
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address      text        NOT NULL,
    last_success timestamptz NOT NULL,
    PRIMARY KEY (user_id, address)
);
CREATE INDEX login_known_address_age_idx ON login_known_address (last_success);
