/**
 * The history in a real database: {@link io.presencestream.store.HistoryStore} with its sink (every event,
 * every call record, batched and bounded, spilled to local disk while the database is down), the queries
 * and their HTTP surface ({@link io.presencestream.store.HistoryApi}), and the retention job. R2DBC to the
 * embedded H2 (file mode) or PostgreSQL; Flyway migrations at start. Optional dependencies: R2DBC, Flyway
 * and the JDBC drivers are not brought to an embedder's build.
 */
package io.presencestream.store;
