package dev.salvo.udf.runtime;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.QueryContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's GPUs as slots: each device holds 1000 milli-GPUs, an instance asking for a
 * fraction shares a device, one asking for whole GPUs takes that many free devices. Instances
 * wait for slots; a need no inventory could ever meet fails at once.
 */
public final class GpuInventory {
  private static final int UNITS_PER_GPU = 1000;

  private final int[] freeUnits;

  public GpuInventory(int deviceCount) {
    if (deviceCount < 0) {
      throw new IllegalArgumentException("deviceCount must not be negative");
    }
    freeUnits = new int[deviceCount];
    java.util.Arrays.fill(freeUnits, UNITS_PER_GPU);
  }

  /** An inventory from a setting: a number of GPUs, or {@code auto} to count them. */
  public static GpuInventory fromSetting(String setting) {
    if (setting == null || setting.isBlank() || setting.trim().equalsIgnoreCase("auto")) {
      return new GpuInventory(detectDeviceCount());
    }
    try {
      return new GpuInventory(Integer.parseInt(setting.trim()));
    } catch (IllegalArgumentException e) {
      throw new SalvoException(ErrorCode.INVALID_CONFIGURATION,
          "GPU inventory must be a number of GPUs or 'auto', got '" + setting + "'");
    }
  }

  /** GPUs listed by {@code nvidia-smi -L}; 0 when the tool is missing or fails. */
  public static int detectDeviceCount() {
    try {
      Process process = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
      int count = 0;
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.startsWith("GPU ")) {
            count++;
          }
        }
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return 0;
      }
      return process.exitValue() == 0 ? count : 0;
    } catch (java.io.IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  public int deviceCount() {
    return freeUnits.length;
  }

  /**
   * Fails at once when no state of this inventory could ever give {@code gpus} to one instance.
   *
   * @throws SalvoException INSUFFICIENT_RESOURCES naming the function
   */
  public void checkSatisfiable(double gpus, String functionName) {
    if (gpus <= 0) {
      return;
    }
    int devicesNeeded = (int) Math.ceil(gpus);
    if (devicesNeeded > freeUnits.length) {
      throw new SalvoException(ErrorCode.INSUFFICIENT_RESOURCES, "Function " + functionName
          + " needs " + gpus + " GPU(s) per instance but the server has " + freeUnits.length);
    }
  }

  /**
   * Takes slots for one instance, waiting until they are free; polls {@code query} (may be null)
   * so that a cancelled query stops waiting.
   */
  public Allocation acquire(double gpus, String functionName, QueryContext query)
      throws InterruptedException {
    checkSatisfiable(gpus, functionName);
    if (gpus <= 0) {
      return new Allocation(List.of(), 0);
    }
    int units = gpus < 1 ? Math.max(1, (int) Math.round(gpus * UNITS_PER_GPU)) : UNITS_PER_GPU;
    int devices = gpus < 1 ? 1 : (int) gpus;
    synchronized (this) {
      while (true) {
        List<Integer> chosen = choose(units, devices);
        if (chosen != null) {
          for (int device : chosen) {
            freeUnits[device] -= units;
          }
          return new Allocation(chosen, units);
        }
        if (query != null) {
          query.checkCancelled();
        }
        wait(20);
      }
    }
  }

  /** Takes slots for one instance if they are free now, or returns null. */
  public Allocation tryAcquire(double gpus, String functionName) {
    checkSatisfiable(gpus, functionName);
    if (gpus <= 0) {
      return new Allocation(List.of(), 0);
    }
    int units = gpus < 1 ? Math.max(1, (int) Math.round(gpus * UNITS_PER_GPU)) : UNITS_PER_GPU;
    int devices = gpus < 1 ? 1 : (int) gpus;
    synchronized (this) {
      List<Integer> chosen = choose(units, devices);
      if (chosen == null) {
        return null;
      }
      for (int device : chosen) {
        freeUnits[device] -= units;
      }
      return new Allocation(chosen, units);
    }
  }

  /** Best fit: the fullest devices that still have room, so fractions pack tightly. */
  private List<Integer> choose(int units, int devices) {
    List<Integer> candidates = new ArrayList<>();
    for (int device = 0; device < freeUnits.length; device++) {
      if (freeUnits[device] >= units) {
        candidates.add(device);
      }
    }
    if (candidates.size() < devices) {
      return null;
    }
    candidates.sort((a, b) -> freeUnits[a] != freeUnits[b]
        ? Integer.compare(freeUnits[a], freeUnits[b]) : Integer.compare(a, b));
    return List.copyOf(candidates.subList(0, devices));
  }

  private synchronized void release(Allocation allocation) {
    for (int device : allocation.deviceIds()) {
      freeUnits[device] += allocation.unitsPerDevice;
    }
    notifyAll();
  }

  /** GPU slots held by one instance; {@link #close()} gives them back. */
  public final class Allocation implements AutoCloseable {
    private final List<Integer> deviceIds;
    private final int unitsPerDevice;
    private boolean released;

    private Allocation(List<Integer> deviceIds, int unitsPerDevice) {
      this.deviceIds = deviceIds;
      this.unitsPerDevice = unitsPerDevice;
    }

    public List<Integer> deviceIds() {
      return deviceIds;
    }

    @Override
    public void close() {
      synchronized (GpuInventory.this) {
        if (released) {
          return;
        }
        released = true;
      }
      release(this);
    }
  }
}
