/**
 * What a UDF author compiles against; the jar needs nothing else beyond Arrow.
 *
 * <p>Salvo recognises a UDF by plain reflection on {@code com.acme.Cls#method} (the method
 * defaults to {@code call}); no interface or annotation is required. The shape follows the
 * method's signature, each one named after its Daft counterpart:
 *
 * <pre>
 *  static String shout(String s)                       row-wise, stateless     (@daft.func)
 *  static CompletableFuture&lt;String&gt; fetch(String url)  async, many rows in flight (async def)
 *  static FieldVector embed(VarCharVector texts)        batch over Arrow vectors (@daft.func.batch)
 *  public Cls(UdfContext c) {...}  String call(...)     stateful instance, constructor once per
 *                                                       instance, then reused    (@daft.cls)
 *  Cls#embed, Cls#classify                              several methods of one class, each its
 *                                                       own function             (@daft.method)
 * </pre>
 *
 * <p>A stateful class has a public constructor taking a {@link dev.salvo.udf.api.UdfContext} or
 * none; when it implements {@link java.lang.AutoCloseable} it is closed once its instance retires
 * (idle timeout, function dropped, server stopped). A batch method takes Arrow vectors (one per
 * SQL argument) and returns a new vector it allocated from {@link
 * dev.salvo.udf.api.UdfContext#allocator()}; the runtime owns and closes the returned vector.
 */
package dev.salvo.udf.api;
