package dev.salvo.exec.connector.storage;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.memory.util.MemoryUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salvo's data files mapped into memory once and shared by every scan of them, so that a scan
 * hands out Arrow buffers over the page cache instead of copying each column into fresh memory.
 *
 * <p>Mapping per scan would not do: the first touch of every page of a new mapping faults, which
 * costs about what the copy saved. A file stays mapped while it is among the most recently read
 * ({@value #MAX_FILES} for the shared mappings), and until its directory is deleted through
 * {@link TableDirectories}; it is unmapped once no buffer over it is left.
 *
 * <p>Only files Salvo wrote itself are mapped: they are never changed once committed, while a
 * user's file truncated under a mapping would fault on the next read. The mapping is private, so
 * that a write through a buffer, should any operator ever write to its input, changes a private
 * copy of the page and never the file.
 */
final class MappedDataFiles {
  private static final Logger LOG = LoggerFactory.getLogger(MappedDataFiles.class);
  private static final int MAX_FILES = 4096;
  /** Where a file's next mapping starts: one Java mapping must stay below 2 GiB. */
  private static final long SEGMENT_BYTES = 1L << 30;
  /**
   * How far consecutive mappings overlap, so that any range up to this long lies wholly in one
   * of them; longer ranges (a column of one record batch bigger than this) are copied.
   */
  private static final long SEGMENT_OVERLAP = 256L << 20;

  /** The mappings every scan of Salvo's tables shares. */
  static final MappedDataFiles SHARED = new MappedDataFiles(MAX_FILES, SEGMENT_BYTES,
      SEGMENT_OVERLAP);

  private final int maxFiles;
  private final long segmentBytes;
  private final long segmentOverlap;
  private final LinkedHashMap<Path, MappedFile> files = new LinkedHashMap<>(64, 0.75f, true);
  private boolean warned;

  MappedDataFiles(int maxFiles, long segmentBytes, long segmentOverlap) {
    this.maxFiles = maxFiles;
    this.segmentBytes = segmentBytes;
    this.segmentOverlap = segmentOverlap;
  }

  /**
   * The mapping of {@code file}, with a reference the caller must {@link MappedFile#release}; null
   * when the file cannot be mapped (the caller copies instead).
   */
  synchronized MappedFile acquire(Path file) {
    Path key = file.toAbsolutePath().normalize();
    MappedFile mapped = files.get(key);
    if (mapped == null) {
      try {
        mapped = MappedFile.map(key, segmentBytes, segmentOverlap);
      } catch (IOException | RuntimeException e) {
        if (!warned) {
          warned = true;
          LOG.warn("Cannot map data file {}, scans copy it instead: {}", key, e.toString());
        }
        return null;
      }
      files.put(key, mapped);
      evictBeyond(maxFiles);
    }
    mapped.retain();
    return mapped;
  }

  /** Forgets the mappings of every file under {@code directory}, which is about to be deleted. */
  synchronized void forget(Path directory) {
    Path prefix = directory.toAbsolutePath().normalize();
    for (Iterator<Map.Entry<Path, MappedFile>> it = files.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Path, MappedFile> entry = it.next();
      if (entry.getKey().startsWith(prefix)) {
        it.remove();
        entry.getValue().release();
      }
    }
  }

  private void evictBeyond(int capacity) {
    Iterator<MappedFile> eldest = files.values().iterator();
    while (files.size() > capacity) {
      MappedFile evicted = eldest.next();
      eldest.remove();
      evicted.release();
    }
  }

  /** How many files are mapped now. */
  synchronized int size() {
    return files.size();
  }

  /**
   * One mapped file, counted: one reference for the cache while it keeps the file, one for each
   * reader that has it open, and one for each buffer handed out over it.
   */
  static final class MappedFile {
    private final Path path;
    private final List<MappedByteBuffer> segments;
    private final long[] addresses;
    private final long segmentBytes;
    private final long size;
    private final AtomicInteger references = new AtomicInteger(1);

    private MappedFile(Path path, List<MappedByteBuffer> segments, long segmentBytes, long size) {
      this.path = path;
      this.segments = segments;
      this.segmentBytes = segmentBytes;
      this.size = size;
      this.addresses = new long[segments.size()];
      for (int i = 0; i < addresses.length; i++) {
        addresses[i] = MemoryUtil.getByteBufferAddress(segments.get(i));
      }
    }

    static MappedFile map(Path path, long segmentBytes, long segmentOverlap) throws IOException {
      // Private mappings need a channel opened for writing too; the file itself is never written.
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ,
          StandardOpenOption.WRITE)) {
        long size = channel.size();
        List<MappedByteBuffer> segments = new ArrayList<>();
        try {
          for (long start = 0; start < size; start += segmentBytes) {
            long length = Math.min(size - start, segmentBytes + segmentOverlap);
            segments.add(channel.map(FileChannel.MapMode.PRIVATE, start, length));
          }
        } catch (IOException | RuntimeException e) {
          segments.forEach(Unmapper::unmap);
          throw e;
        }
        return new MappedFile(path, segments, segmentBytes, size);
      }
    }

    /**
     * A buffer over bytes {@code [position, position + length)} of the file, charged to
     * {@code allocator}; null when the range does not lie within one mapping.
     */
    ArrowBuf wrap(BufferAllocator allocator, long position, long length) {
      if (length <= 0 || position < 0 || position + length > size) {
        return null;
      }
      int segment = Math.toIntExact(position / segmentBytes);
      long offset = position - segment * segmentBytes;
      if (offset + length > segments.get(segment).capacity()) {
        return null;
      }
      retain();
      try {
        return allocator.wrapForeignAllocation(
            new ForeignAllocation(length, addresses[segment] + offset) {
              @Override
              protected void release0() {
                release();
              }
            });
      } catch (RuntimeException e) {
        release();
        throw e;
      }
    }

    void retain() {
      if (references.getAndIncrement() <= 0) {
        throw new IllegalStateException("Mapping of " + path + " used after it was unmapped");
      }
    }

    /** How many references are left; zero once unmapped. */
    int references() {
      return references.get();
    }

    void release() {
      int left = references.decrementAndGet();
      if (left == 0) {
        segments.forEach(Unmapper::unmap);
      } else if (left < 0) {
        throw new IllegalStateException("Mapping of " + path + " released once too often");
      }
    }
  }

  /**
   * Unmaps a mapping as soon as nothing refers to it; without this a mapping lasts until the
   * garbage collector finds its buffer, which keeps a deleted file's disk space taken that long.
   */
  private static final class Unmapper {
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
      Object unsafe = null;
      Method invokeCleaner = null;
      try {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field field = type.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        unsafe = field.get(null);
        invokeCleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debug("Mappings are left to the garbage collector to unmap: {}", e.toString());
      }
      UNSAFE = unsafe;
      INVOKE_CLEANER = invokeCleaner;
    }

    static void unmap(MappedByteBuffer segment) {
      if (INVOKE_CLEANER == null) {
        return;
      }
      try {
        INVOKE_CLEANER.invoke(UNSAFE, segment);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debug("Cannot unmap a data file segment: {}", e.toString());
      }
    }
  }
}
