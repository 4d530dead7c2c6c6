/** Salvo's JDBC driver; it depends on no other Salvo module. */
package dev.salvo.jdbc;
