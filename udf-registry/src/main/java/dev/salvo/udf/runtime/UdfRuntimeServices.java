package dev.salvo.udf.runtime;

import java.util.concurrent.ExecutorService;

/** What every function version shares within one runtime. */
record UdfRuntimeServices(UdfRuntimeSettings settings, GpuInventory gpuInventory,
    UdfErrorLog errorLog, CallWatchdog watchdog, ExecutorService callThreads) {}
