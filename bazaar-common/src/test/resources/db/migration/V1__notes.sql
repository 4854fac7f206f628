CREATE TABLE note (id uuid PRIMARY KEY, text text NOT NULL);
CREATE TABLE note_tally (note_id uuid PRIMARY KEY, times integer NOT NULL);
