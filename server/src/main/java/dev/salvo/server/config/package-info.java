/**
 * The server's configuration: {@code conf/salvo.properties}, overridden by {@code --set}, checked
 * at start and turned into typed settings and the engine's {@link dev.salvo.sql.EngineConfig}.
 */
package dev.salvo.server.config;
