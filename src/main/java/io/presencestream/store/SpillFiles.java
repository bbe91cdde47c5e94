package io.presencestream.store;

import io.presencestream.codec.DecodeException;
import io.presencestream.codec.HistoryJson;
import io.presencestream.codec.HistoryJson.StoredEvent;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Events waiting on local disk for the database, in segment files {@code spill-<n>.jsonl} of one
 * {@link HistoryJson#spillLine} per event. Appends go to the newest segment, which is sealed (closed, and a
 * new one begun) when it grows past {@link #SEGMENT_BYTES} or when the replay wants it; the replay reads
 * sealed segments oldest first and deletes each once the database has all of it. Segments left by an
 * earlier run (a crash, or a stop while the database was down) are the start of the backlog.
 *
 * <p>Blocking file I/O: call from a worker, never an event loop. The monitor guards file handles and
 * counters only; no other code runs under it.
 */
final class SpillFiles {

  static final long SEGMENT_BYTES = 8L << 20;
  private static final String PREFIX = "spill-";
  private static final String SUFFIX = ".jsonl";

  private final Path directory;
  private final long maxBytes;
  /** Sealed segments not yet replayed, by number. */
  private final TreeMap<Long, Path> sealed = new TreeMap<>();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private long next;
  private Path current;
  private BufferedWriter writer;
  private long currentBytes;
  private long currentEvents;

  /**
   * Opens the directory (creating it) and takes the segments already there as the backlog.
   *
   * @throws IOException when the directory cannot be created or read
   */
  SpillFiles(Path directory, long maxBytes) throws IOException {
    this.directory = directory;
    this.maxBytes = maxBytes;
    Files.createDirectories(directory);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        try {
          long number = Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
          sealed.put(number, file);
          next = Math.max(next, number + 1);
          bytes.addAndGet(Files.size(file));
          events.addAndGet(lines(file));
        } catch (NumberFormatException e) {
          // not one of ours: leave it alone
        }
      }
    }
  }

  private static long lines(Path file) throws IOException {
    try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
      return stream.filter(line -> !line.isBlank()).count();
    }
  }

  Path directory() {
    return directory;
  }

  /** {@return events on disk, not yet in the database} */
  long events() {
    return events.get();
  }

  /** {@return bytes on disk} */
  long bytes() {
    return bytes.get();
  }

  /**
   * Appends the events and flushes them to the operating system.
   *
   * @return how many were written; fewer than given when the spill files reached their limit
   * @throws IOException when the disk refuses; what was written before stays
   */
  synchronized int append(List<StoredEvent> batch) throws IOException {
    int written = 0;
    for (StoredEvent event : batch) {
      String line = HistoryJson.spillLine(event) + "\n";
      byte[] encoded = line.getBytes(StandardCharsets.UTF_8);
      if (bytes.get() + encoded.length > maxBytes) {
        break;
      }
      if (writer == null || currentBytes >= SEGMENT_BYTES) {
        rotate();
      }
      writer.write(line);
      currentBytes += encoded.length;
      currentEvents++;
      bytes.addAndGet(encoded.length);
      events.incrementAndGet();
      written++;
    }
    if (writer != null) {
      writer.flush();
    }
    return written;
  }

  private void rotate() throws IOException {
    sealCurrent();
    current = directory.resolve(String.format("%s%020d%s", PREFIX, next++, SUFFIX));
    writer = Files.newBufferedWriter(current, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    currentBytes = 0;
    currentEvents = 0;
  }

  private void sealCurrent() throws IOException {
    if (writer != null) {
      writer.close();
      String name = current.getFileName().toString();
      sealed.put(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())), current);
      writer = null;
      current = null;
    }
  }

  /**
   * The oldest segment to replay, sealing the one being written when it is all there is.
   *
   * @return the segment, or null when nothing waits
   */
  synchronized Path takeOldest() throws IOException {
    if (sealed.isEmpty() && writer != null && currentEvents > 0) {
      sealCurrent();
    }
    return sealed.isEmpty() ? null : sealed.firstEntry().getValue();
  }

  /** {@code count} events of a segment being replayed are in the database now. */
  void committed(long count) {
    events.addAndGet(-count);
  }

  /**
   * Deletes a segment the database now has all of.
   *
   * @param skipped lines of it that did not read (counted as waiting until now)
   */
  synchronized void finished(Path segment, long skipped) throws IOException {
    long size = Files.exists(segment) ? Files.size(segment) : 0;
    Files.deleteIfExists(segment);
    sealed.values().remove(segment);
    bytes.addAndGet(-size);
    events.addAndGet(-skipped);
  }

  /** Closes the segment being written; it stays on disk for the next run. */
  synchronized void close() throws IOException {
    sealCurrent();
  }

  /**
   * Reads one sealed segment in batches. A line that does not read (cut short by a crash while it was
   * written) is reported to {@code corrupt} and skipped.
   */
  static final class Reader implements AutoCloseable {
    private final Path segment;
    private final BufferedReader reader;
    private final Consumer<String> corrupt;
    private long read;

    Reader(Path segment, Consumer<String> corrupt) throws IOException {
      this.segment = segment;
      this.reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8);
      this.corrupt = corrupt;
    }

    Path segment() {
      return segment;
    }

    /** {@return lines read so far, bad ones included} */
    long read() {
      return read;
    }

    /** {@return up to {@code max} events, none at the end of the segment} */
    List<StoredEvent> next(int max) throws IOException {
      List<StoredEvent> batch = new ArrayList<>(Math.min(max, 1024));
      String line;
      while (batch.size() < max && (line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        read++;
        try {
          batch.add(HistoryJson.readSpillLine(line));
        } catch (DecodeException e) {
          corrupt.accept(e.getMessage());
        }
      }
      return batch;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
