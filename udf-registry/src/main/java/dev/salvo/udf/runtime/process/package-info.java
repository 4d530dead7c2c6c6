/**
 * Process isolation for {@code use_process} functions: each instance is a worker JVM started
 * with this server's java and classpath plus the UDF jars, spoken to over its stdin/stdout.
 *
 * <pre>
 *  server                                   worker JVM (UdfWorkerMain)
 *  WorkerProcessInstance ── INIT ─────────>  resolve Cls#method, run the constructor
 *                        <─ READY / FAILED ─
 *                        ── CALL(Arrow IPC) >  invoke; watchdog halts the JVM past timeout
 *                        <─ RESULT(Arrow IPC, row errors) / FAILED
 *  exit, crash, OOM, timeout: the stream ends, the instance is replaced, the call retried
 * </pre>
 */
package dev.salvo.udf.runtime.process;
