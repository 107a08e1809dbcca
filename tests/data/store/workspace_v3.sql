-- A workspace as the store wrote it at schema version 3, before kept results: the dump
-- (sqlite3 iterdump) of the version-2 workspace opened by version 3, which then gained one
-- account, one audit entry and one setting; kept as text so that a test can rebuild it.
PRAGMA user_version = 3;
BEGIN TRANSACTION;
CREATE TABLE accounts (
        name TEXT PRIMARY KEY NOT NULL CHECK (name <> '' AND name = lower(name)),
        role TEXT NOT NULL CHECK (role IN ('evaluator', 'hub-lead', 'viewer')),
        hub TEXT CHECK (hub IS NULL OR hub <> ''),
        password_hash TEXT NOT NULL,
        generation INTEGER NOT NULL CHECK (generation >= 1),
        created_at TEXT,
        changed_at TEXT,
        CHECK (role <> 'hub-lead' OR hub IS NOT NULL),
        CHECK (role <> 'evaluator' OR hub IS NULL)
    );
INSERT INTO "accounts" VALUES('evaluator','evaluator',NULL,'$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',1,'2024-05-01T10:00:00+00:00','2024-05-01T10:00:00+00:00');
CREATE TABLE aliases (
        alias TEXT PRIMARY KEY NOT NULL CHECK (alias <> ''),
        key TEXT NOT NULL UNIQUE,
        organisation TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        position INTEGER NOT NULL UNIQUE,
        import_id INTEGER REFERENCES imports (id)
    );
INSERT INTO "aliases" VALUES('Dorset ICB','dorset icb','NHS Dorset',0,1);
INSERT INTO "aliases" VALUES('UHD','uhd','University Hospitals Dorset NHS Foundation Trust',1,1);
CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT ''
    );
INSERT INTO "audit" VALUES(1,'2024-05-01T10:05:00+00:00','evaluator','import','responses.csv','127.0.0.1');
CREATE TABLE edges (
        id INTEGER PRIMARY KEY,
        wave TEXT NOT NULL REFERENCES waves (name) ON UPDATE CASCADE,
        source TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        target TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        weight REAL NOT NULL CHECK (weight >= 0),
        nature TEXT NOT NULL CHECK (json_valid(nature)),
        source_file TEXT NOT NULL,
        source_row INTEGER NOT NULL,
        import_id INTEGER NOT NULL REFERENCES imports (id),
        CHECK (source <> target)
    );
CREATE TABLE import_files (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports (id),
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        bytes INTEGER NOT NULL,
        responses INTEGER NOT NULL,
        edges INTEGER NOT NULL
    );
INSERT INTO "import_files" VALUES(1,1,'organisations.csv','b2493c9127ebb674a0323dc1296bb886c68a79d31992c2d2911bf80711965da2',195,0,0);
INSERT INTO "import_files" VALUES(2,1,'responses.csv','bcbe9e96e7f3071528e3c58293ef8195c55f614dbde25a55a69ca401c3a10093',308,3,0);
INSERT INTO "import_files" VALUES(3,2,'organisations.csv','c9fceb87dba44fd81e3ef142ee8ac2f3a9d5911339c03fcd39a9096e281e82f0',164,0,0);
CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        imported_at TEXT NOT NULL,
        waves TEXT NOT NULL CHECK (json_valid(waves)),
        organisations INTEGER NOT NULL,
        aliases INTEGER NOT NULL,
        responses INTEGER NOT NULL,
        edges INTEGER NOT NULL
    );
INSERT INTO "imports" VALUES(1,'2026-11-29T22:59:44+00:00','["Formative 2023"]',3,2,3,0);
INSERT INTO "imports" VALUES(2,'2026-11-30T01:58:49+00:00','[]',0,0,0,0);
CREATE TABLE organisations (
        name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
        key TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        hubs TEXT NOT NULL CHECK (json_valid(hubs)),
        region TEXT NOT NULL,
        waves TEXT NOT NULL CHECK (json_valid(waves)),
        position INTEGER NOT NULL UNIQUE
    , short_name TEXT NOT NULL DEFAULT '');
INSERT INTO "organisations" VALUES('Dorset Innovation Hub','dorset innovation hub','hub','["Dorset"]','South West','[]',0,'Dorset Hub');
INSERT INTO "organisations" VALUES('NHS Dorset','nhs dorset','ICB','["Dorset"]','South West','[]',1,'');
INSERT INTO "organisations" VALUES('University Hospitals Dorset NHS Foundation Trust','university hospitals dorset nhs foundation trust','trust','["Dorset"]','South West','[]',2,'UHD');
CREATE TABLE responses (
        id INTEGER PRIMARY KEY,
        wave TEXT NOT NULL REFERENCES waves (name) ON UPDATE CASCADE,
        respondent TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        partner TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        frequency INTEGER NOT NULL CHECK (frequency >= 0),
        relevance REAL CHECK (relevance IS NULL OR relevance >= 0),
        direction TEXT NOT NULL,
        nature TEXT NOT NULL CHECK (json_valid(nature)),
        respondent_person TEXT NOT NULL,
        submitted TEXT NOT NULL,
        source_file TEXT NOT NULL,
        source_row INTEGER NOT NULL,
        import_id INTEGER NOT NULL REFERENCES imports (id),
        CHECK (respondent <> partner)
    );
INSERT INTO "responses" VALUES(1,'Formative 2023','Dorset Innovation Hub','NHS Dorset',3,3.0,'both','[]','','','responses.csv',2,1);
INSERT INTO "responses" VALUES(2,'Formative 2023','Dorset Innovation Hub','University Hospitals Dorset NHS Foundation Trust',2,2.0,'out','[]','','','responses.csv',3,1);
INSERT INTO "responses" VALUES(3,'Formative 2023','NHS Dorset','Dorset Innovation Hub',4,3.0,'both','[]','','','responses.csv',4,1);
CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value BLOB
    );
INSERT INTO "settings" VALUES('example',X'00FF');
CREATE TABLE waves (
        name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
        starts TEXT CHECK (starts IS NULL OR date(starts) = starts),
        ends TEXT CHECK (ends IS NULL OR date(ends) = ends),
        position INTEGER NOT NULL UNIQUE,
        CHECK (starts IS NULL OR ends IS NULL OR starts <= ends)
    );
INSERT INTO "waves" VALUES('Formative 2023',NULL,NULL,0);
CREATE INDEX import_files_sha256 ON import_files (sha256);
CREATE INDEX responses_wave ON responses (wave);
CREATE INDEX responses_import ON responses (import_id, source_file);
CREATE INDEX edges_wave ON edges (wave);
CREATE INDEX edges_import ON edges (import_id, source_file);
COMMIT;
