-- source: migra tests/FIXTURES/enumdefaults
-- kind: enums
-- @before
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE people (
    id integer PRIMARY KEY,
    current_mood mood DEFAULT 'ok',
    moods mood[] DEFAULT ARRAY['ok'::mood]
);
-- @after
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'ecstatic');
CREATE TABLE people (
    id integer PRIMARY KEY,
    current_mood mood DEFAULT 'happy',
    moods mood[] DEFAULT ARRAY['happy'::mood, 'ok'::mood]
);
-- @seed
INSERT INTO people (id, current_mood) VALUES (1, 'sad'), (2, DEFAULT);
