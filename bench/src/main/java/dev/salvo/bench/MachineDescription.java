package dev.salvo.bench;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a result was measured on, recorded with every result file. */
public final class MachineDescription {
  private MachineDescription() {}

  public static Map<String, Object> describe() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch"));
    machine.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return machine;
  }
}
