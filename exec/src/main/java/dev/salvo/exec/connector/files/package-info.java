/**
 * Files under the data directory read as tables: CSV with inferred column types and Arrow IPC
 * files, each a {@link dev.salvo.exec.connector.TableSource}.
 */
package dev.salvo.exec.connector.files;
