-- Seed 002's tables, with its names and columns (its monitoring SQL runs on them as written), extended for /ws
-- messages and for exactly-once writes: each row written from the write-behind buffer carries a *_uid that is
-- unique, so a batch retried after a failure whose commit may or may not have happened inserts nothing twice.
-- Portable SQL for H2, PostgreSQL and MariaDB/MySQL; the vendors differ only in the placeholders below, which
-- store/Dialect.java fills in:  ${ts} a timestamp type, ${long_text} a large text type, ${identity} a generated
-- bigint primary key, ${table_options} what follows a CREATE TABLE (MariaDB/MySQL: utf8mb4, for every character).

CREATE TABLE rooms (
    room_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    created_at  ${ts}        DEFAULT CURRENT_TIMESTAMP(3) NOT NULL
)${table_options};

CREATE TABLE devices (
    device_id          VARCHAR(255) NOT NULL PRIMARY KEY,
    identity           VARCHAR(255),
    last_connected_at  ${ts}        NULL,
    last_room_id       VARCHAR(64)
)${table_options};

CREATE TABLE connections (
    id               ${identity},
    connection_uid   VARCHAR(36)  NOT NULL,
    device_id        VARCHAR(255) NOT NULL,
    room_id          VARCHAR(64),
    client_ip        VARCHAR(64),
    node_id          VARCHAR(255),
    connected_at     ${ts}        DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
    disconnected_at  ${ts}        NULL,
    CONSTRAINT uq_connections_uid UNIQUE (connection_uid)
)${table_options};
CREATE INDEX ix_connections_device ON connections (device_id, connected_at);
CREATE INDEX ix_connections_open ON connections (disconnected_at);

-- message_type is seed 002's ENUM('broadcast','direct'): a device's room broadcast or direct message, a /ws
-- user's broadcast (room_id NULL: to everyone; set: to a room) or direct message (to_user_id). channel says
-- which endpoint it came through ('rooms' or 'ws'); content_type is the /ws message_type (text, notification).
CREATE TABLE messages (
    id                 ${identity},
    message_uid        VARCHAR(36)  NOT NULL,
    channel            VARCHAR(8)   NOT NULL,
    room_id            VARCHAR(64),
    from_device_id     VARCHAR(255),
    to_device_id       VARCHAR(255),
    from_user_id       VARCHAR(255),
    to_user_id         VARCHAR(255),
    message_type       VARCHAR(16)  NOT NULL,
    content_type       VARCHAR(32),
    client_message_id  VARCHAR(200),
    message_content    ${long_text},
    sent_at            ${ts}        DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
    CONSTRAINT uq_messages_uid UNIQUE (message_uid),
    CONSTRAINT ck_messages_type CHECK (message_type IN ('broadcast', 'direct'))
)${table_options};
CREATE INDEX ix_messages_room ON messages (room_id, sent_at);
CREATE INDEX ix_messages_sent ON messages (sent_at);

CREATE TABLE room_queries (
    id          ${identity},
    query_uid   VARCHAR(36)  NOT NULL,
    device_id   VARCHAR(255) NOT NULL,
    room_id     VARCHAR(64),
    queried_at  ${ts}        DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
    CONSTRAINT uq_room_queries_uid UNIQUE (query_uid)
)${table_options};
