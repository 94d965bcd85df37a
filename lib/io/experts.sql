-- The directory of anti-corruption experts: rebuilt by `make experts` from data/raw/experts, never edited by hand.
CREATE TABLE experts (
    expert_id          INTEGER PRIMARY KEY,           -- stable within one build: order of (name, date of birth)
    full_name          TEXT NOT NULL,                 -- personal data: restricted builds only
    date_of_birth      TEXT,                          -- YYYY-MM-DD; personal data
    nationality_code   TEXT NOT NULL,                 -- ISO3 (EUU for the EU)
    group_code         TEXT NOT NULL,                 -- UN regional group of the nationality (NONE outside the five)
    gender             TEXT NOT NULL,
    email              TEXT,                          -- shared with providers only when consent_contact = 'yes'
    phone              TEXT,
    current_position   TEXT NOT NULL,
    institution        TEXT NOT NULL,
    years_experience   INTEGER NOT NULL,
    recommended_by_code TEXT NOT NULL,                -- the State recommending the expert (latest recommendation)
    recommended_on     TEXT NOT NULL,                 -- YYYY-MM-DD of the latest recommendation
    first_recommended_on TEXT NOT NULL,               -- YYYY-MM-DD of the first: a report at a cut-off counts the expert from it
    recommendations_n  INTEGER NOT NULL,              -- how many recommendations were merged into this record
    availability       TEXT NOT NULL CHECK (availability IN ('available', 'limited', 'not available')),
    consent_contact    TEXT NOT NULL CHECK (consent_contact IN ('yes', 'no')),
    source_file        TEXT NOT NULL,
    source_row         INTEGER NOT NULL
);
CREATE TABLE expert_languages (
    expert_id INTEGER NOT NULL REFERENCES experts(expert_id),
    language  TEXT NOT NULL,                          -- ISO 639-1 code
    level     TEXT NOT NULL CHECK (level IN ('native', 'fluent', 'working', 'basic')),
    PRIMARY KEY (expert_id, language)
);
CREATE TABLE expert_areas (
    expert_id INTEGER NOT NULL REFERENCES experts(expert_id),
    area      TEXT NOT NULL,                          -- a checklist provision ('15', '46(9)') or a theme
    PRIMARY KEY (expert_id, area)
);
CREATE TABLE expert_forms (
    expert_id   INTEGER NOT NULL REFERENCES experts(expert_id),
    ta_form_code TEXT NOT NULL,
    PRIMARY KEY (expert_id, ta_form_code)
);
-- Every accepted recommendation as written, so that a report at a cut-off date merges only those made by then
-- (lib.io.experts.read_directory_at, by the same rule as the experts table: lib.io.cv.merge_person).
CREATE TABLE recommendations (
    recommendation_id  INTEGER PRIMARY KEY,           -- order of (expert, date, position in the files)
    expert_id          INTEGER NOT NULL REFERENCES experts(expert_id),
    full_name          TEXT NOT NULL,
    date_of_birth      TEXT,
    nationality_code   TEXT NOT NULL,
    group_code         TEXT NOT NULL,
    gender             TEXT NOT NULL,
    email              TEXT,
    phone              TEXT,
    current_position   TEXT NOT NULL,
    institution        TEXT NOT NULL,
    years_experience   INTEGER NOT NULL,
    recommended_by_code TEXT NOT NULL,
    recommended_on     TEXT NOT NULL,
    availability       TEXT NOT NULL CHECK (availability IN ('available', 'limited', 'not available')),
    consent_contact    TEXT NOT NULL CHECK (consent_contact IN ('yes', 'no')),
    source_file        TEXT NOT NULL,
    source_row         INTEGER NOT NULL
);
CREATE TABLE recommendation_languages (
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(recommendation_id),
    language  TEXT NOT NULL,
    level     TEXT NOT NULL CHECK (level IN ('native', 'fluent', 'working', 'basic')),
    PRIMARY KEY (recommendation_id, language)
);
CREATE TABLE recommendation_areas (
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(recommendation_id),
    area      TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, area)
);
CREATE TABLE recommendation_forms (
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(recommendation_id),
    ta_form_code TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, ta_form_code)
);
CREATE INDEX recommendations_by_date ON recommendations(recommended_on, expert_id);
CREATE INDEX expert_areas_by_area ON expert_areas(area, expert_id);
CREATE INDEX expert_languages_by_language ON expert_languages(language, expert_id);
CREATE INDEX expert_forms_by_form ON expert_forms(ta_form_code, expert_id);
CREATE INDEX experts_by_group ON experts(group_code);
