-- auth-service deactivates accounts (user.deactivated): the card stays for the history it names, marked inactive.
ALTER TABLE user_card ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE user_card ADD COLUMN deactivated_at timestamptz;
