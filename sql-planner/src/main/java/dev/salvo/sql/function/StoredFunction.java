package dev.salvo.sql.function;

import java.time.Instant;

/**
 * One stored function definition.
 *
 * @param name the function's name as created
 * @param definition the {@code CREATE FUNCTION} text, replayed at start
 * @param jar the server's copy of the jar, or null (a SQL-bodied function, or a class on the
 *     server's classpath); it replaces the statement's {@code USING JAR} when replayed
 * @param createdAt when it was created or last replaced
 */
public record StoredFunction(String name, String definition, String jar, Instant createdAt) {}
