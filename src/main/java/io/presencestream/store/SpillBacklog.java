package io.presencestream.store;

import io.presencestream.codec.HistoryJson.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's side of the spill directory: hands out the waiting events in batches, oldest segment first,
 * keeps a batch the database refused to hand it out again first, and deletes a segment once the database
 * has all of it. Reads the disk: the writer's thread only (not thread-safe).
 */
final class SpillBacklog {

  private static final Logger log = LoggerFactory.getLogger(SpillBacklog.class);

  private final String sink;
  private final SpillFiles spill;
  private final HistoryMeters meters;
  private final int batchSize;
  private SpillFiles.Reader reader;
  private long readerCommitted;
  /** A batch the database did not take: handed out again before the segment is read on. */
  private List<StoredEvent> retry;

  SpillBacklog(String sink, SpillFiles spill, HistoryMeters meters, int batchSize) {
    this.sink = sink;
    this.spill = spill;
    this.meters = meters;
    this.batchSize = batchSize;
  }

  /** {@return whether events wait on disk (or a refused batch waits to be tried again)} */
  boolean waiting() {
    return retry != null || reader != null || spill.events() > 0;
  }

  /** {@return the next batch, or null when nothing waits (or the directory cannot be read now)} */
  List<StoredEvent> next() {
    if (retry != null) {
      List<StoredEvent> again = retry;
      retry = null;
      return again;
    }
    while (true) {
      try {
        if (reader == null) {
          Path segment = spill.takeOldest();
          if (segment == null) {
            return null;
          }
          reader = new SpillFiles.Reader(segment, this::corruptLine);
          readerCommitted = 0;
        }
        List<StoredEvent> batch = reader.next(batchSize);
        if (!batch.isEmpty()) {
          return batch;
        }
        // the whole segment is in the database now
        SpillFiles.Reader done = reader;
        reader = null;
        done.close();
        spill.finished(done.segment(), done.read() - readerCommitted);
      } catch (IOException e) {
        if (!setAside(e)) {
          return null; // the directory itself: tried again with the next batch
        }
      }
    }
  }

  /** The database has {@code batch} now. */
  void committed(List<StoredEvent> batch) {
    readerCommitted += batch.size();
    spill.committed(batch.size());
  }

  /** The database did not take {@code batch}: it is handed out again first. */
  void refused(List<StoredEvent> batch) {
    retry = batch;
  }

  /**
   * A segment that cannot be read is moved aside under another name, for a person to look at, and its
   * events not yet written are counted as lost.
   *
   * @return false when no segment was being read (the directory itself failed)
   */
  private boolean setAside(IOException e) {
    SpillFiles.Reader bad = reader;
    reader = null;
    if (bad == null) {
      log.error("sink {}: cannot read the spill directory {}: {}", sink, spill.directory(), e.toString());
      return false;
    }
    Path aside = bad.segment().resolveSibling(bad.segment().getFileName() + ".unreadable");
    try {
      bad.close();
      Files.move(bad.segment(), aside);
      long skipped = bad.read() - readerCommitted;
      spill.finished(bad.segment(), skipped);
      meters.failed(Math.max(0, skipped));
      log.error("sink {}: cannot read spill file {} ({}): moved to {}, its events are not written", sink,
          bad.segment(), e.toString(), aside);
      return true;
    } catch (IOException again) {
      log.error("sink {}: cannot read or move spill file {}: {}", sink, bad.segment(), again.toString());
      return false;
    }
  }

  private void corruptLine(String why) {
    meters.spillCorrupt();
    meters.failed(1);
    log.warn("sink {}: skipped a spill line that does not read (cut short by a crash?): {}", sink, why);
  }
}
