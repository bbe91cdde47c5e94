package io.presencestream.store;

import io.presencestream.codec.HistoryJson;
import io.presencestream.codec.HistoryJson.QueueInterval;
import io.presencestream.model.AgentDay;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.StateSpan;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The contact-centre history as CSV, written as {@link CallsCsv} writes calls (RFC 4180, a header line, CRLF,
 * times in the account's zone, an absent value an empty field): an agent's day as one line per span, a
 * queue's history as one line per interval.
 */
final class ContactCentreCsv {

  static final String DAY_HEADER = "extensionId,day,state,onQueue,start,end,durationMs";

  static final String QUEUE_HEADER = "queueId,from,to,offered,answered,abandoned,overflowed,answeredWithinThreshold,"
      + "averageSpeedOfAnswerMs,abandonRate,serviceLevel,longestWaitMs";

  private ContactCentreCsv() {}

  /** The day's timeline; the running span has no end and no duration yet. */
  static String day(AgentDay day, ZoneId zone) {
    StringBuilder out = new StringBuilder(DAY_HEADER.length() + 2 + day.timeline().size() * 96)
        .append(DAY_HEADER).append("\r\n");
    for (StateSpan s : day.timeline()) {
      CallsCsv.field(out, day.extensionId()).append(',');
      out.append(day.day()).append(',');
      out.append(s.state().label()).append(',');
      out.append(s.onQueue() == null ? "" : s.onQueue().toString()).append(',');
      out.append(HistoryJson.time(s.start(), zone)).append(',');
      out.append(s.end() == null ? "" : HistoryJson.time(s.end(), zone)).append(',');
      out.append(s.end() == null ? "" : Long.toString(Duration.between(s.start(), s.end()).toMillis())).append("\r\n");
    }
    return out.toString();
  }

  static String queue(String queueId, List<QueueInterval> intervals, ZoneId zone) {
    StringBuilder out = new StringBuilder(QUEUE_HEADER.length() + 2 + intervals.size() * 128)
        .append(QUEUE_HEADER).append("\r\n");
    for (QueueInterval i : intervals) {
      QueueFigures f = i.figures();
      CallsCsv.field(out, queueId).append(',');
      out.append(HistoryJson.time(i.from(), zone)).append(',');
      out.append(HistoryJson.time(i.to(), zone)).append(',');
      out.append(f.offered()).append(',').append(f.answered()).append(',').append(f.abandoned()).append(',')
          .append(f.overflowed()).append(',').append(f.answeredWithinThreshold()).append(',');
      out.append(f.averageSpeedOfAnswer() == null ? "" : Long.toString(f.averageSpeedOfAnswer().toMillis())).append(',');
      out.append(f.abandonRate() == null ? "" : f.abandonRate().toString()).append(',');
      out.append(f.serviceLevel() == null ? "" : f.serviceLevel().toString()).append(',');
      out.append(i.longestWait() == null ? "" : Long.toString(i.longestWait().toMillis())).append("\r\n");
    }
    return out.toString();
  }
}
